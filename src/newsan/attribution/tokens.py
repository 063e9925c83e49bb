"""The token view the speaker phrase readers share: what kind of word stands at token i.

A speaker phrase is read by four parts of one `PhraseParser`: names
(`newsan.attribution.names`), organizations (`organizations`), titles
(`titles`) and the whole phrase (`phrases`). They call one another through
`self` (a name ends where an affiliation begins, an organization may be a name
after its head), and all ask the questions answered here: is this word a
title head, definite, glued to a preposition, the start of a known place or
an entity mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from newsan.arabic.clitics import ARTICLE, CONJUNCTIONS, GLUED_PREPOSITIONS, WAW, is_definite_after_preposition
from newsan.arabic.normalize import hashtags_as_words
from newsan.attribution.words import SpeakerWords
from newsan.model import Entity, Token

_ALNUM = re.compile(r"[^\W_]")  # a character str.isalnum accepts
MAX_TITLE_WORDS = 12
COMMAS = {"،", ","}
_DUAL_ENDINGS = ("ان", "ين")  # مسؤولان, مسؤولين


@dataclass(slots=True)
class Phrase:
    """A speaker phrase as read in one place of the text.

    kind: person (a name, maybe with a title), office (a title alone),
    institution, group (anonymous), state (a country or capital as actor),
    statement (`البيان`: whoever issued it).
    """

    kind: str
    first: int          # token indexes in the sentence, end exclusive
    last: int
    surface: str
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    role: str = "other"
    aliases: list[str] = field(default_factory=list)


def entity_starts(entities: Sequence[Entity]) -> dict[int, tuple[int, str]]:
    """Start offset → (end offset, type) of every entity mention."""
    return {m.start: (m.end, e.type) for e in entities for m in e.mentions}


_HAMZA_ALEFS = ("أ", "إ", "آ")


class PhraseTokens:
    """The tokens of one sentence as the phrase readers see them (folded forms, entity mentions)."""

    def __init__(self, text: str, tokens: Sequence[Token], words: SpeakerWords,
                 entity_starts: Mapping[int, tuple[int, str]]):
        self.text = text
        self.tokens = tokens
        self.words = words
        self.entity_starts = entity_starts
        self.norms = [t.norm for t in tokens]

    @contextmanager
    def without_waw(self, i: int, strip: bool = True) -> Iterator[None]:
        """Token i read without its first letter, a glued و, inside the block (when `strip`): a conjunct
        ("والمحكمة العليا", "وفرنسا") is read as the word it joins."""
        norm = self.norms[i]
        if strip:
            self.norms[i] = norm[1:]
        try:
            yield
        finally:
            self.norms[i] = norm

    def _norm(self, i: int) -> str:
        return self.norms[i] if 0 <= i < len(self.norms) else ""

    def is_punct(self, i: int) -> bool:
        return _ALNUM.search(self._norm(i)) is None

    def _title_head(self, i: int) -> str | None:
        """The role of a title head at token i, also in the accusative after إن, أن or لكن ("لكن متحدثا باسم المدرسة
        نفى"), not elsewhere ("عين X وزيرا للخارجية" names an office, not a speaker)."""
        norm = self._norm(i)
        role = self.words.title_heads.get(norm)
        if role is None and norm[-1:] == "ا" and i > 0 and self._norm(i - 1) in self.words.accusative_openers:
            role = self.words.title_heads.get(norm[:-1])
        return role

    def _org_head(self, i: int) -> str | None:
        return self.words.organization_heads.get(self._norm(i))

    def is_anonymous_head(self, i: int) -> bool:
        """An anonymous head as listed, or a head of people in the accusative (بيد أن مسؤولا كبيرا) or the dual
        (مسؤولان, مصدرين); not a quantifier in the accusative, an object (كشفت أمازون عددا من مزاياه)."""
        norm = self._norm(i)
        if norm in self.words.anonymous_heads:
            return True
        stem = norm[:-1] if norm.endswith("ا") else norm[:-2] if len(norm) > 4 and norm.endswith(_DUAL_ENDINGS) else ""
        return stem in self.words.anonymous_heads and stem not in self.words.partitive_words

    def _entity(self, i: int) -> tuple[int, str] | None:
        """(last token index + 1, type) of an entity mention starting at token i."""
        if not 0 <= i < len(self.tokens):
            return None
        found = self.entity_starts.get(self.tokens[i].start)
        if not found:
            return None
        end_offset, entity_type = found
        last = i
        while last < len(self.tokens) and self.tokens[last].end <= end_offset:
            last += 1
        return (last, entity_type) if last > i else None

    def _known(self, i: int) -> tuple[int, str] | None:
        """Longest gazetteer phrase at token i (an attached proclitic is not allowed)."""
        if self._norm(i) not in self.words.known_first_words:
            return None
        for length in range(6, 0, -1):
            key = tuple(self.norms[i:i + length])
            if len(key) == length and key in self.words.known_phrases:
                return i + length, self.words.known_phrases[key]
        return None

    def is_definite(self, i: int) -> bool:
        """Starts with the article ال. Before a person's name a written hamza is a first name's letter
        ("أليس بومان", "إليهو بيري"), not the article."""
        norm = self._norm(i)
        if not norm.startswith(ARTICLE) or len(norm) <= 3:
            return False
        return not (self.tokens[i].text.startswith(_HAMZA_ALEFS)
                    and (self._is_mention(i, "PER") or self._is_mention(i + 1, "PER")))

    def is_prepositional(self, i: int) -> bool:
        """A word glued to a preposition: للصحفيين, بالقول, لوزير الخارجية (an addressee), بلحج (a place
        mention the entity model found after the preposition)."""
        norm = self._norm(i)
        return is_definite_after_preposition(norm) or norm in self.words.audience or (
            norm[:1] in GLUED_PREPOSITIONS and norm[1:] in self.words.title_heads) or self.is_glued_place(i)

    def is_glued_place(self, i: int) -> bool:
        """A place glued to ب or ل: "بسوسة", "لأميركا" (the entity model's mention starts after it), "بلندن"
        (a one-word place of the gazetteer)."""
        if self._norm(i)[:1] not in GLUED_PREPOSITIONS:
            return False
        glued = self.entity_starts.get(self.tokens[i].start + 1)
        return bool(glued and glued[1] == "LOC") or self.words.known_phrases.get((self._norm(i)[1:],)) == "LOC"

    def stops_phrase(self, i: int) -> bool:
        norm = self._norm(i)
        forms = (norm, norm[1:]) if norm[:1] in CONJUNCTIONS and len(norm) > 2 else (norm,)
        return (i >= len(self.norms) or self.is_punct(i) or norm in self.words.audience
                or norm in self.words.statement_nouns or any(
                    f in self.words.function_words or f in self.words.time_words or f in self.words.speech_forms
                    for f in forms))

    def _name_like(self, i: int) -> bool:
        norm = self._norm(i)
        if self.tokens[i].text.endswith(("ها", "هم", "هما", "ته", "ً")) if i < len(self.tokens) else True:
            return False  # a pronoun-suffixed word is no name ("بدعمها"), nor an adverb with tanween ("رداً")
        return (not self.stops_phrase(i) and not self.is_definite(i) and norm[:1].isalpha()
                # "والرياضة" continues a phrase; "والين" is a name
                and not (norm.startswith(WAW + ARTICLE) and len(norm) > 6)
                and not self.is_prepositional(i) and not self._title_head(i) and not self._org_head(i)
                and norm not in self.words.statement_nouns and not self.is_anonymous_head(i))

    def _coordinated_portfolio(self, i: int) -> bool:
        """A second field after و and ال (والرياضة), no office, body, group or name of its own (والمتحدث, والجيش)."""
        with self.without_waw(i):
            return not (self.stops_phrase(i) or self._title_head(i) or self._org_head(i) or self.is_anonymous_head(i)
                        or self._starts_entity(i) or self._known(i))

    def _span(self, first: int, last: int) -> str:
        """Tokens first to last - 1 as the text writes them, a hashtag as its words (عبدالملك #المخلافي is
        the المخلافي named alone later)."""
        return hashtags_as_words(self.text[self.tokens[first].start:self.tokens[last - 1].end])

    def _is_mention(self, i: int, entity_type: str) -> bool:
        entity = self._entity(i)
        return bool(entity and entity[1] == entity_type)

    def _is_audience(self, i: int) -> bool:
        return self._norm(i) in self.words.audience

    def _names_place_or_body(self, i: int) -> bool:
        """A gazetteer place or body, or a LOC/ORG mention the entity model found, starts at token i."""
        entity = self._entity(i)
        return self._known(i) is not None or (entity is not None and entity[1] in ("LOC", "ORG"))

    def _starts_entity(self, i: int) -> bool:
        """A known place or body, or an entity mention, starts at token i."""
        return self._known(i) is not None or self._entity(i) is not None
