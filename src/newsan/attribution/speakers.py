"""Who a speaker phrase names: person, office, institution, group or state.

Arabic news introduces a speaker with a noun phrase around the cue verb:
a title and a name in either order (`وزير الدفاع التركي نور الدين جانيكلي`,
`ماثيو والين الرئيس التنفيذي لمشروع الأمن الأميركي`), an institution
(`وزارة الخارجية البحرينية`), an anonymous group (`مصادر أمنية عراقية`) or a
state acting as one (`موسكو`). `PhraseParser` reads such a phrase from the
words alone, using the `titles` lexicon (title, organization and anonymous
heads) and entity mentions only as extra evidence, so it works with any NER
backend. `SpeakerBook` then merges the phrases of one article into speakers:
a surname, a bare title or a short institution name points back to the
speaker introduced earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Sequence

from newsan.lexicons import gazetteer_names
from newsan.model import Entity, Quote, Token
from newsan.arabic.normalize import match_form

_ALNUM = re.compile(r"[^\W_]")  # a character str.isalnum accepts
_MAX_TITLE_WORDS = 12
_MAX_NAME_WORDS = 4
_MAX_IDAFA_CHAIN = 3  # indefinite nouns between a title head and its complement: رئيس بلدية مدينة باريس
_MAX_LOOSE_NAME_WORDS = 3  # without a PER mention or a title next to it, longer runs are rarely names
_MAX_QUOTED_NAME_WORDS = 4
_COMMAS = {"،", ","}
_COLLECTIVE_KINDS = ("state", "institution", "group")  # speakers that speak jointly: "واشنطن والرياض"
_DASHES = {"-", "–", "—"}
_CLAUSE_OPENERS = {"ان", "انه", "انها", "انهم", "انهما", "بان", "بانه", "بانها", "بانهم", "لان", "لانه"}  # complementizers (folded) that end a subject phrase


@lru_cache(maxsize=4)
def _spells_ala(text: str) -> bool:
    """The text writes the preposition على with alef maqsura, so a written علي is the name."""
    return "على " in text


def _folded_set(words: Sequence[str]) -> frozenset[str]:
    return frozenset(match_form(w).strip() for w in words)


def _by_role(groups: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """word → role, single words only (multiword phrases extend word by word anyway)."""
    table: dict[str, str] = {}
    for role, words in groups.items():
        for word in words:
            table.setdefault(match_form(word), role)
    return table


def bare(word: str) -> str:
    """A folded word without its article (and a proclitic before it): الوزير → وزير, للاتحاد → اتحاد."""
    for prefix in ("وال", "بال", "لل", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


def _head_form(word: str) -> str:
    """A folded word as an organization head: without article or a glued ل/ب (لمنظمة → منظمة)."""
    if word[:1] in "لب" and not word.startswith(("لل", "بال")) and len(word) > 3:
        return word[1:]
    return word


@dataclass(frozen=True, slots=True)
class SpeakerWords:
    """The `titles` and `cues` lexicon words a phrase parser needs, folded once."""

    title_heads: dict[str, str]
    organization_heads: dict[str, str]
    anonymous_heads: frozenset[str]
    portfolio_heads: frozenset[str]  # without their article: وزير, not الوزير
    statement_nouns: frozenset[str]
    name_particles: frozenset[str]
    anaphoric_titles: frozenset[str]
    determiners: frozenset[str]
    affiliation_links: frozenset[str]
    function_words: frozenset[str]
    time_words: frozenset[str]
    audience: frozenset[str]
    non_speakers: frozenset[str]
    known_phrases: dict[tuple[str, ...], str]
    known_first_words: frozenset[str]
    media_names: frozenset[str]
    speech_forms: frozenset[str]
    compound_adjectives: frozenset[str] = frozenset()
    title_adjectives: frozenset[str] = frozenset()
    surname_titles: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Mapping[str, Any]], speech_forms: frozenset[str]) -> SpeakerWords:
        titles, cues, gazetteer = lexicons["titles"], lexicons["cues"], lexicons["gazetteer"]
        known: dict[tuple[str, ...], str] = {}
        for entity_type, phrase in gazetteer_names(gazetteer, ("ORG", "LOC")):
            known.setdefault(tuple(match_form(phrase).split()), entity_type)
        return cls(
            title_heads=_by_role(titles.get("title_heads", {})),
            organization_heads=_by_role(titles.get("organization_heads", {})),
            anonymous_heads=_folded_set(titles.get("anonymous_heads", [])),
            portfolio_heads=frozenset(map(bare, _folded_set(titles.get("portfolio_heads", [])))),
            statement_nouns=_folded_set(titles.get("statement_nouns", [])),
            name_particles=_folded_set(titles.get("name_particles", [])),
            anaphoric_titles=_folded_set(titles.get("anaphoric_titles", [])),
            determiners=_folded_set(titles.get("determiners", [])),
            affiliation_links=_folded_set(titles.get("affiliation_links", [])),
            function_words=_folded_set(cues.get("function_words", [])),
            time_words=_folded_set(cues.get("time_words", [])),
            audience=_folded_set(cues.get("audience", [])),
            non_speakers=_folded_set(cues.get("non_speakers", [])),
            known_phrases=known,
            known_first_words=frozenset(phrase[0] for phrase in known if phrase),
            media_names=_folded_set(titles.get("organization_heads", {}).get("media", [])),
            speech_forms=speech_forms,
            compound_adjectives=_folded_set(titles.get("compound_adjectives", [])),
            title_adjectives=_folded_set(titles.get("title_adjectives", [])),
            surname_titles=_folded_set(titles.get("surname_titles", [])),
            honorifics=_folded_set(titles.get("honorifics", [])),
        )


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


class PhraseParser:
    """Reads speaker phrases from the tokens of one sentence."""

    def __init__(self, text: str, tokens: Sequence[Token], words: SpeakerWords,
                 entity_starts: Mapping[int, tuple[int, str]]):
        self.text = text
        self.tokens = tokens
        self.words = words
        self.entity_starts = entity_starts
        self.norms = [t.norm for t in tokens]

    # ------------------------------------------------------------ word classes

    def _norm(self, i: int) -> str:
        return self.norms[i] if 0 <= i < len(self.norms) else ""

    def is_punct(self, i: int) -> bool:
        return _ALNUM.search(self._norm(i)) is None

    def _title_head(self, i: int) -> str | None:
        return self.words.title_heads.get(self._norm(i))

    def _org_head(self, i: int) -> str | None:
        return self.words.organization_heads.get(self._norm(i))

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
        norm = self._norm(i)
        return norm.startswith("ال") and len(norm) > 3

    def is_prepositional(self, i: int) -> bool:
        """A word glued to a preposition: للصحفيين, بالقول, لوزير الخارجية (an addressee)."""
        norm = self._norm(i)
        return norm.startswith(("بال", "لل", "كال")) or norm in self.words.audience or (
            norm[:1] in "لب" and norm[1:] in self.words.title_heads)

    def stops_phrase(self, i: int) -> bool:
        norm = self._norm(i)
        forms = (norm, norm[1:]) if norm[:1] in "وف" and len(norm) > 2 else (norm,)
        return (i >= len(self.norms) or self.is_punct(i) or norm in self.words.audience
                or norm in self.words.statement_nouns or any(
                    f in self.words.function_words or f in self.words.time_words or f in self.words.speech_forms
                    for f in forms))

    def _name_like(self, i: int) -> bool:
        norm = self._norm(i)
        if self.tokens[i].text.endswith(("ها", "هم", "هما", "ً")) if i < len(self.tokens) else True:
            return False  # a pronoun-suffixed word is no name ("بدعمها"), nor an adverb with tanween ("رداً")
        return (not self.stops_phrase(i) and not self.is_definite(i) and norm[:1].isalpha()
                and not (norm.startswith("وال") and len(norm) > 6)  # "والرياضة" continues a phrase; "والين" is a name
                and not self.is_prepositional(i) and not self._title_head(i) and not self._org_head(i)
                and norm not in self.words.statement_nouns and norm not in self.words.anonymous_heads)

    def _span(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start:self.tokens[last - 1].end]

    # ------------------------------------------------------------ pieces

    def name_end(self, i: int) -> int:
        """End of a person's name starting at i (i itself when there is none).

        A PER mention fixes where the name ends, up to a family name with the
        article it may have left out (سعد → سعد الحديثي); without one the name
        is read from the words.
        """
        entity = self._entity(i)
        if entity and entity[1] == "PER":
            end = entity[0]
            return end + 1 if end < len(self.norms) and self._family_name(end) else end
        if not self._name_like(i) and not self._first_name_ali(i):
            return i
        end = i + 1
        while end < len(self.norms) and end - i < _MAX_NAME_WORDS:
            norm = self._norm(end)
            if norm == "ال" and end + 1 < len(self.norms) and self._name_like(end + 1):
                return end + 2  # the family "آل" closes the name: آل خليفة, آل ثاني
            if self._name_like(end) and (norm[:1] != "ل" or self._closes_name(end + 1) or self._known(end + 1)):
                end += 1  # "لافروف" ends a name; "حقي لشخص يدعى" is a name and an addressee
            elif norm in self.words.name_particles:
                end += 1
            elif self._family_name(end) or (norm in self.words.surname_titles
                                            and (self.is_punct(end + 1) or self._norm(end + 1) in _CLAUSE_OPENERS)
                                            and not self._norm(end - 1).startswith("ل")):
                return end + 1  # a family name with the article closes the name: نوري المالكي, حسن الأمين
            elif norm == "علي" and self.tokens[end].text.endswith("ي") and self.is_punct(end + 1):
                return end + 1  # the name علي, not the preposition على
            else:
                break
        return end

    def _first_name_ali(self, i: int) -> bool:
        """`علي` written with yeh before a name is the first name Ali, in a text that spells the preposition على."""
        return (i < len(self.tokens) and self.tokens[i].text == "علي" and _spells_ala(self.text)
                and (self._name_like(i + 1) or self._family_name(i + 1)))

    def _family_name(self, i: int) -> bool:
        norm = self._norm(i)
        return (self.is_definite(i) and not self._title_head(i) and not self._org_head(i)
                and not self.stops_phrase(i) and not self.is_definite(i + 1) and norm not in self.words.statement_nouns
                and self._known(i) is None)  # "... فيدال الصين": a known country is the object, not a family name

    def _quoted_name_end(self, i: int) -> int:
        """`صحيفة «الشرق الأوسط»`, `موقع "أخبار اليوم"`: the end of a short quoted name at i (or i)."""
        if self.tokens[i].text not in "«\"“" if i < len(self.tokens) else True:
            return i
        for k in range(i + 1, min(i + _MAX_QUOTED_NAME_WORDS + 2, len(self.tokens))):
            if self.tokens[k].text in "»\"”":
                return k + 1 if k > i + 1 else i
        return i

    def _organization_end(self, i: int) -> int:
        """End of an organization name starting at i (i when none starts there)."""
        known = self._known(i)
        if known and known[1] == "ORG":
            end = known[0]
        elif self._is_mention(i, "ORG"):
            end = self._entity(i)[0]
        elif self._org_head(i):
            end = i + 1
            if self._is_mention(end, "ORG"):  # a head before a tagged name: وكالة [إنترفاكس], شركة [سامسونج]
                end = self._entity(end)[0]
        else:
            return i
        end = self._quoted_name_end(end)
        if end == i + 1 and not self.is_definite(i):
            end = self._organization_name_after_head(end)
        while end < len(self.norms) and end - i < _MAX_TITLE_WORDS and not self.stops_phrase(end) and (
                (self.is_definite(end) and ((end == i + 1 and not self.is_definite(i)) or self._is_adjective_form(end)
                                             or _head_form(self._norm(end - 1)) in self.words.organization_heads
                                             or not self.is_definite(end - 1)))
                or (self._norm(end).startswith("لل") and not self._is_audience(end))
                or (self._norm(end).startswith("ل") and self._norm(end)[1:] in self.words.organization_heads)):
            end += 1
        return end

    def _organization_name_after_head(self, i: int) -> int:
        """After an indefinite head: a proper name (معهد بروكينغز) or an idafa noun before the definite
        complement (مكتب رئيس الوزراء); a definite head (الجيش، البنتاغون) takes neither."""
        if self._name_like(i) and (self._closes_name(i + 1) or self.is_definite(i + 1)):
            return i + 1
        if self._title_head(i) and self.is_definite(i + 1):
            return i + 1
        return i

    def _is_adjective_form(self, i: int) -> bool:
        """Nisba, feminine and plural adjectives after a head: الإسلامي, العامة, الروسية, الاقتصاديين."""
        norm = self._norm(i)
        elative = norm.startswith("الا") and len(norm) == 6  # الأوسط, الأعلى
        return elative or norm.endswith(("ي", "يه", "ه", "يين", "يون")) or norm in self.words.title_adjectives

    def _is_media(self, first: int, end: int) -> bool:
        """An outlet or agency: a media head (وكالة, صحيفة) or a known media name (فرانس برس)."""
        folded = " ".join(self.norms[first:end])
        return self.words.organization_heads.get(self._norm(first)) == "media" or any(
            folded == name or folded.startswith(name + " ") for name in self.words.media_names)

    def _is_audience(self, i: int) -> bool:
        return self._norm(i) in self.words.audience

    def _affiliation(self, i: int) -> tuple[int, int] | None:
        """An organization attached by في/ب/لدى/ل at token i: its token span."""
        norm = self._norm(i)
        if norm in self.words.affiliation_links:
            end = self._organization_end(i + 1)
            return (i + 1, end) if end > i + 1 else None
        for link in ("ب", "ل"):
            if norm.startswith(link) and len(norm) > 3 and not norm.startswith("لل"):
                stem = norm[1:]
                known = self._known_after_proclitic(i)
                if known:  # "مندوبة الولايات المتحدة بالأمم المتحدة"
                    return i, known
                if stem in self.words.organization_heads or self._is_mention(i, "ORG"):
                    end = i + 1
                    while end < len(self.norms) and end - i < _MAX_TITLE_WORDS and (
                            self.is_definite(end) or (end == i + 1 and self._name_like(end))
                            or (self._norm(end).startswith("لل") and not self._is_audience(end))) \
                            and not self.stops_phrase(end):
                        end += 1
                    return i, end
        return None

    def _known_after_proclitic(self, i: int) -> int:
        """End of a known organization glued to ب or ل at token i (بالأمم المتحدة), or 0."""
        stem = self._norm(i)[1:]
        for length in range(6, 0, -1):
            key = (stem, *self.norms[i + 1:i + length])
            if len(key) == length and self.words.known_phrases.get(key) == "ORG":
                return i + length
        return 0

    def title_end(self, i: int) -> tuple[int, tuple[int, int] | None]:
        """End of a title phrase opened by a head at i, and the span of its organization if any."""
        head = self._norm(i)
        end = i + 2 if f"{head} {self._norm(i + 1)}" in self.words.title_heads else i + 1  # شهود عيان
        head_end = end  # a proper-name complement closed by a comma follows a one-word head only
        organization: tuple[int, int] | None = None
        definite_seen, chain = False, not self.is_definite(i)  # only an indefinite head takes an idafa chain
        if head_end > i + 1 and self.is_definite(head_end - 1):
            definite_seen, chain = True, False  # "رئيس الوزراء": the idafa is complete, no indefinite word follows
        chain_words = 0
        modified = False
        portfolio = bare(head) in self.words.portfolio_heads  # وزير الخارجية: no organization
        while end < len(self.norms) and end - i < _MAX_TITLE_WORDS:
            norm = self._norm(end)
            if norm[:1] == "ل" and head in self.words.anonymous_heads and self._known_after_proclitic(end):
                break  # "شهود عيان لبي بي سي": the outlet they spoke to, not part of the descriptor
            known = self._known(end)
            if known and known[1] == "ORG" and organization is None and not portfolio and not definite_seen:
                organization = (end, known[0])  # "مديرة صندوق النقد الدولي": a known body completes the title
                end = self._organization_end(end)
                definite_seen, chain = True, False
                continue
            affiliation = self._affiliation(end)
            if norm == "باسم" and self._title_head(end + 1) and not self._org_head(end + 1):
                end, _ = self.title_end(end + 1)  # "المتحدث باسم رئيس الوزراء": a person's spokesman, no organization
                definite_seen, chain = True, False
                continue
            if norm == "باسم":
                org_end = self._organization_end(end + 1) if self._quoted_name_end(end + 1) == end + 1 \
                    else self._quoted_name_end(end + 1)  # المتحدث باسم "جيش الإسلام"
                if org_end == end + 1:
                    org_end = self._definite_run(end + 1)
                if org_end > end + 1:
                    organization = (end + 1, org_end)
                    end = org_end
                    definite_seen, chain = True, False
                    continue
                break
            if affiliation and (norm in self.words.affiliation_links or not norm.startswith("ل")):
                if norm in ("في", "لدى") or norm.startswith("ب"):
                    organization = affiliation
                    end = affiliation[1]
                    return self._trim_link(affiliation[0]), organization
            if self.stops_phrase(end) and norm != "في":
                break
            if norm == "في":  # "الخبير في الشؤون الروسية": a field, kept in the title
                if self.is_definite(end + 1) or (not self.stops_phrase(end + 1) and self.is_definite(end + 2)):
                    end = self._definite_run(end + 1 if self.is_definite(end + 1) else end + 2)
                    definite_seen, chain = True, False
                    continue
                break
            if modified and norm in self.words.compound_adjectives:
                with_complement = self.is_definite(end + 1) and not self.stops_phrase(end + 1)
                end += 2 if with_complement else 1  # "مسؤول أمريكي رفيع المستوى", "مسؤول كردي كبير"
                continue
            if self.is_definite(end) and modified:
                break  # "مصدر دبلوماسي تركي الاتهامات": an indefinite adjective closed the phrase; an object follows
            if self.is_definite(end) and (not definite_seen or self._is_adjective_form(end)) or \
                    norm.startswith("لل") and not self._is_audience(end):
                if norm.startswith("لل") and not portfolio and organization is None:
                    organization = self._stem_organization_span(end)
                elif self.is_definite(end) and not portfolio and organization is None and not definite_seen \
                        and self._org_head(end):
                    organization = (end, self._organization_end(end))
                definite_seen, chain = True, False
                end += 1
            elif norm.startswith("ل") and not self._is_audience(end) and self.is_definite(end + 1):
                if not portfolio and organization is None:  # لمشروع الأمن الأميركي: a new complement opens
                    organization = self._stem_organization_span(end)
                definite_seen, chain = False, True
                end += 1
            elif definite_seen and norm.startswith("و") and len(norm) > 3 and self.is_definite(end + 1) \
                    and not self.stops_phrase(end):
                end += 2  # coordinated fields: خبير الشؤون الروسية ونزع السلاح
            elif definite_seen and norm.startswith("و") and self._known_place_after_waw(end):
                end = self._known_place_after_waw(end)  # الشرق الأوسط وشمال إفريقيا
            elif definite_seen and self._title_head(end) and not self.is_definite(end):
                definite_seen, chain = False, True  # stacked titles: نائب الرئيس اليمني رئيس الوزراء
                end += 1
            elif chain and not definite_seen and (end == i + 1 or not self._is_mention(end, "PER")) \
                    and not self._pronoun_suffixed(end) \
                    and norm[:1].isalpha() and chain_words < _MAX_IDAFA_CHAIN \
                    and self._reaches_complement(end, _MAX_IDAFA_CHAIN - chain_words, head_end == i + 1):
                chain_words += 1
                end += 1  # idafa chain before the definite complement: رئيس خدمات استشارات الضرائب
            elif not self.is_definite(i) and not definite_seen and self._is_indefinite_modifier(end):
                chain, modified = False, True  # an adjective closes the idafa: "مصدر دبلوماسي تركي" + object
                end += 1  # indefinite heads take indefinite adjectives: مصادر أمنية عراقية
            else:
                break
        return end, organization

    def _pronoun_suffixed(self, i: int) -> bool:
        """`كلامه`, `حديثها`: a noun with a pronoun suffix ends any idafa; it is an object after a title."""
        word = self.tokens[i].text if i < len(self.tokens) else ""
        return len(word) > 3 and word.endswith(("ه", "ها", "هم", "هما"))

    def _is_nisba(self, i: int) -> bool:
        """An indefinite nisba adjective (دبلوماسي, تركية), which modifies a head and never continues an idafa."""
        norm = self._norm(i)
        return len(norm) > 3 and norm.endswith(("ي", "يه")) and not self._title_head(i)

    def _reaches_complement(self, i: int, budget: int, proper_name: bool = True) -> bool:
        """An idafa chain from token i ends in a definite complement within `budget` words (رئيس خدمات الضرائب);
        indefinite nouns that reach none are an object after the title, not part of it."""
        for k in range(i, min(i + budget + 1, len(self.norms))):
            if self._norm(k) in _COMMAS and proper_name:  # "حاكم منطقة بريمورسكي كراي،": a proper-name complement closed by a comma
                return k > i
            if self.stops_phrase(k) or self.is_definite(k):
                break
        for k in range(i, min(i + budget + 1, len(self.norms))):
            if self.is_definite(k) or self._norm(k).startswith("لل") or (k > i and self._names_place_or_body(k)):
                return k > i  # "ولي عهد أبوظبي", "حاكم منطقة بريمورسكي كراي": a place or body completes it too
            if self.stops_phrase(k) or self._norm(k) in _CLAUSE_OPENERS:
                return k == i + 1  # "مصدر مطلع إن", "مسؤول كبير في": one adjective-like word closed by a boundary
            if self._is_nisba(k):
                return False
        return False

    def _known_place_after_waw(self, i: int) -> int:
        """End of a gazetteer place written after و at token i (وشمال إفريقيا), or 0."""
        for length in range(4, 0, -1):
            key = (self._norm(i)[1:], *self.norms[i + 1:i + length])
            if len(key) == length and self.words.known_phrases.get(key) == "LOC":
                return i + length
        return 0

    def _stem_organization_span(self, i: int) -> tuple[int, int] | None:
        end = self._stem_organization_end(i)
        return (i, end) if end > i else None

    def _stem_organization_end(self, i: int) -> int:
        """An organization joined by ل: لمشروع الأمن الأميركي, للأمم المتحدة."""
        norm = self._norm(i)
        stem = "ال" + norm[2:] if norm.startswith("لل") else norm[1:]
        known = None
        for length in range(6, 0, -1):
            key = (stem, *self.norms[i + 1:i + length])
            if len(key) == length and key in self.words.known_phrases:
                known = i + length
                break
        if known:
            return known
        if stem in self.words.organization_heads:
            end = self._quoted_name_end(i + 1)  # لشركة "بوبليسيس"
            while end < len(self.norms) and (self.is_definite(end) or (end == i + 1 and self._name_like(end))) \
                    and not self.stops_phrase(end):
                end += 1
            return end
        return i

    def organization_after_lam(self, i: int) -> Phrase | None:
        """An institution glued to ل at token i (لوزارة الخارجية, للشرطة), as a phrase."""
        end = self._stem_organization_end(i)
        if end <= i:
            return None
        name = self._organization_text(i, end)
        return Phrase("institution", i, end, name, name=name, role="institution")

    def issuing_body(self, state: Phrase) -> Phrase | None:
        """`أعلنت مصر في بيان لوزارة الخارجية`: the body that speaks for the state, the state kept as alias."""
        i = state.last
        if self._norm(i) == "في" and self._norm(i + 1) in self.words.statement_nouns:
            body = self.organization_after_lam(i + 2) if self._norm(i + 2)[:1] == "ل" else None
            if body:
                body.aliases.append(state.surface)
            return body
        return None

    def _definite_run(self, i: int) -> int:
        end = i
        while end < len(self.norms) and (self.is_definite(end) or self._norm(end).startswith("لل")) \
                and not self.stops_phrase(end):
            if end > i and self._title_head(end) and self._name_like(end + 1):
                break  # "مدير الأوقاف في القدس الشيخ عزام": a second title opens the name
            end += 1
        return end

    def _trim_link(self, link: int) -> int:
        """Title end before an affiliation link written as a separate word or a prefix."""
        return link if self._norm(link - 1) not in self.words.affiliation_links else link - 1

    def _is_mention(self, i: int, entity_type: str) -> bool:
        entity = self._entity(i)
        return bool(entity and entity[1] == entity_type)

    def _is_indefinite_modifier(self, i: int) -> bool:
        norm = self._norm(i)
        return (not self.stops_phrase(i) and (norm.endswith(("يه", "ي", "ون", "ين")) or norm in self.words.title_heads
                or norm in self.words.anonymous_heads)) and norm[:1].isalpha()

    # ------------------------------------------------------------ phrases

    def conjuncts(self, phrase: Phrase) -> list[Phrase]:
        """Co-speakers joined by و after a subject: `الولايات المتحدة وحليفتها السعودية والمعارضة السورية`.

        A possessed noun such as `وحليفتها` only introduces the next phrase.
        """
        found: list[Phrase] = []
        if phrase.kind not in _COLLECTIVE_KINDS:
            return found
        i = phrase.last
        while i < len(self.norms) and self._norm(i).startswith("و") and len(self._norm(i)) > 3:
            stripped = self._norm(i)[1:]
            if self.tokens[i].text.endswith(("ها", "ه", "هم")) and not stripped.startswith("ال"):
                i += 1  # "وحليفتها": the ally named next
                conjunct = self.parse(i)
            else:
                self.norms[i] = stripped
                try:
                    conjunct = self.parse(i)
                finally:
                    self.norms[i] = "و" + stripped
                if conjunct:
                    conjunct.surface = conjunct.surface[1:]
                    if conjunct.name and conjunct.name.startswith("و"):
                        conjunct.name = conjunct.name[1:]
                    if conjunct.title and conjunct.title.startswith("و"):
                        conjunct.title = conjunct.title[1:]
            if conjunct is None or conjunct.kind not in _COLLECTIVE_KINDS:
                break
            found.append(conjunct)
            i = conjunct.last
        return found

    def parse(self, i: int, *, loose_name: bool = False) -> Phrase | None:
        """The speaker phrase starting at token i, if one does.

        `loose_name` accepts an unknown word as a name (right after a cue
        verb, where a subject is expected); elsewhere a name needs entity
        evidence or a title next to it.
        """
        end = self._quoted_name_end(i)
        if loose_name and end > i and (self._norm(end) in _COMMAS or self._norm(end) in self.words.function_words):
            # "وحذرت «موديز» من ...": a quoted name speaks; "وعدتها «مغذية للطائفية»." is content
            name = self.text[self.tokens[i + 1].start:self.tokens[end - 2].end]
            return Phrase("institution", i, end, name, name=name, role="institution")
        if i >= len(self.norms) or self.is_punct(i) or self.is_prepositional(i):
            return None
        norm = self._norm(i)
        if norm in self.words.non_speakers:
            return None
        if norm in self.words.determiners and self.is_definite(i + 1):
            return self.parse(i + 1)  # "نفس المصدر": the source already quoted
        if norm in self.words.statement_nouns and self.is_definite(i + 1) and self._org_head(i + 1):
            return self.parse(i + 1)  # "بيان المفوضية": the commission speaks
        if norm in self.words.statement_nouns or (norm[:1] in "لب" and norm[1:] in self.words.statement_nouns):
            end = i + 1  # "البيان", "وفقا لبيان صادر عن ..."
            while end < len(self.norms) and self.is_definite(end) and not self.stops_phrase(end):
                end += 1
            return Phrase("statement", i, end, self._span(i, end))
        if norm in self.words.anonymous_heads:
            return self._group(i)
        if self._title_head(i):
            return self._title_first(i)
        known = self._known(i)
        entity = self._entity(i)
        if known and known[1] == "LOC" and not (entity and entity[1] == "PER"):
            end = known[0]
            return Phrase("state", i, end, self._span(i, end), name=self._span(i, end), role="institution")
        if self._org_head(i) or (known and known[1] == "ORG") or (entity and entity[1] == "ORG"):
            end = self._organization_end(i)
            role = "media" if self._is_media(i, end) else "institution"
            return Phrase("institution", i, end, self._span(i, end), name=self._span(i, end), role=role)
        if entity and entity[1] == "LOC":
            return Phrase("state", i, entity[0], self._span(i, entity[0]), name=self._span(i, entity[0]),
                          role="institution")
        name_end = self.name_end(i)
        if name_end == i:
            return None
        phrase = Phrase("person", i, name_end, self._span(i, name_end), name=self._span(i, name_end))
        separated = self._norm(name_end) in _COMMAS or self._norm(name_end) in _DASHES
        after = name_end + (1 if separated else 0)
        if self._title_head(after) and (separated or loose_name or name_end - i >= 2
                                        or (entity and entity[1] == "PER")):
            title_end, organization = self.title_end(after)
            self._set_title(phrase, after, title_end, organization)
            phrase.last = max(phrase.last, title_end, organization[1] if organization else 0)
        elif not (entity and entity[1] == "PER") and not (loose_name and self._plausible_name(i, name_end)):
            return None
        return phrase

    def _plausible_name(self, first: int, end: int) -> bool:
        """A name read from the words alone: short, not a pronoun-suffixed word, and closed by a boundary."""
        if self._norm(first)[:1] in "بلو" and end - first > 2:
            return False  # "بشن هجوم بغاز": a preposition, not a name
        if self.tokens[end - 1].text.endswith("ً"):
            return False  # "كتب مراراً": an adverb with tanween, not a name
        if end - first == 1 and self.tokens[first].text.endswith("ه") and len(self._norm(first)) > 3:
            return False  # "اسمه", "تعبيره": a pronoun-suffixed noun
        if end - first > _MAX_LOOSE_NAME_WORDS:
            return False  # "أهمية تخفيض معدل البطالة": an object, not a name
        following = self._norm(end)
        return (end >= len(self.norms) or self.is_punct(end) or following in self.words.function_words
                or self.tokens[end].text.endswith("ً")  # "لاغارد رداً على ...": an adverbial accusative follows
                or following in self.words.speech_forms or following[1:] in self.words.speech_forms
                or following in self.words.time_words or self.is_prepositional(end) or self._is_audience(end)
                or following.startswith(("بال", "لل")) or following in ("بالقول", "قوله", "قولها"))

    def _group(self, i: int) -> Phrase:
        """An anonymous source or group: its descriptor is its title (مصادر أمنية عراقية, مصادر في الخارجية)."""
        end, organization = self.title_end(i)
        phrase = Phrase("group", i, end, self._span(i, end), title=self._span(i, end))
        if organization is None and self._norm(end) == "في" and self._known(end + 1) \
                and self._known(end + 1)[1] == "LOC":
            phrase.last = self._known(end + 1)[0]  # "السلطات الصحية في غزة": the place stays in the descriptor
            phrase.surface = self._span(i, phrase.last)
        if organization:
            linked = self._norm(organization[0] - 1) in self.words.affiliation_links
            phrase.title = self._span(i, max(i + 1, organization[0] - 1) if linked else end)  # جماعة الإخوان
            phrase.last = max(end, organization[1])
            phrase.surface = self._span(i, phrase.last)
            phrase.organization = self._organization_text(*organization)
            phrase.role = self.words.organization_heads.get(_head_form(self._norm(organization[0])), "other")
        return phrase

    def _title_first(self, i: int) -> Phrase:
        title_end, organization = self.title_end(i)
        after = title_end
        if organization and organization[1] > after:
            after = organization[1]
        phrase = Phrase("office", i, after, self._span(i, after))
        self._set_title(phrase, i, title_end, organization)
        definite = self.is_definite(i) or self.is_definite(i + 1)  # "وزير العدل": idafa with a definite noun
        name_at, name_end = self._apposed_name(after, definite)
        # An honorific or rank between the title and the name belongs to neither:
        # "رئيس الاتحاد الآسيوي الشيخ سلمان", "قائد شرطة دبي اللواء عبدالله المري".
        if name_end == name_at and self._norm(after) in self.words.honorifics:
            name_at, name_end = self._apposed_name(after + 1, definite)
        elif name_end > name_at and after - 1 > i and self._norm(after - 1) in self.words.honorifics:
            title_end = min(title_end, after - 1)
            if organization:
                organization = (organization[0], min(organization[1], after - 1))
            self._set_title(phrase, i, title_end, organization)
        if name_end == name_at and self.is_definite(after) and self._norm(after + 1) in _COMMAS \
                and not self.stops_phrase(after):
            name_at, name_end = self._apposed_name(after + 1, definite)  # "رئيس الحزب الوطني الحر، سليم الرياحي"
            if name_end > name_at:
                if organization and organization[1] == after:
                    organization = (organization[0], after + 1)
                title_end = max(title_end, after + 1)
                after = after + 1
                self._set_title(phrase, i, title_end, organization)
        if name_end == name_at + 1 and self.tokens[name_at].text.endswith("ه") and len(self._norm(name_at)) > 3:
            name_end = name_at  # "وتابع رئيس الوزراء كلامه": a pronoun-suffixed object, not a name
        if name_end > name_at:
            phrase.kind = "person"
            phrase.name = self._span(name_at, name_end)
            phrase.last = name_end
            phrase.surface = self._span(i, name_end)
        return phrase

    def _apposed_name(self, after: int, definite: bool = True) -> tuple[int, int]:
        """(start, end) of a name right after a title, or of one set off by a comma; start == end when none.

        A name read from the words needs a boundary after it: a stop word, a
        preposition, another title, or another named entity (the verb's object:
        "حذرت مديرة الصندوق كريستين لاغارد الولايات المتحدة"). After a comma a
        one-word name must be closed by punctuation or a complementizer, and so
        must any name after an indefinite title, which a comma and a verb clause
        may describe ("متحدث باسم الخارجية، رافق الوزير في رحلته").
        """
        comma = self._norm(after) in _COMMAS
        name_at = after + (1 if comma else 0)
        name_end = self.name_end(name_at)
        if name_end == name_at:
            return name_at, name_at
        if self._is_mention(name_at, "PER"):
            return name_at, name_end
        if comma and not definite and any(self._is_mention(k, "PER") for k in range(name_at + 1, name_end)):
            return name_at, name_at  # "متحدث باسم الخارجية، رافق تيلرسون": a relative clause, the name its object
        closed = (self._closes_name(name_end) or (name_end - name_at >= 2 and self._starts_entity(name_end))) and (
            not comma or self.is_punct(name_end) or self._norm(name_end) in ("ان", "انه", "بان")
            or (name_end - name_at >= 2 and definite))
        return (name_at, name_end) if closed else (name_at, name_at)

    def _names_place_or_body(self, i: int) -> bool:
        """A gazetteer place or body, or a LOC/ORG mention the entity model found, starts at token i."""
        entity = self._entity(i)
        return self._known(i) is not None or (entity is not None and entity[1] in ("LOC", "ORG"))

    def _starts_entity(self, i: int) -> bool:
        """A known place or body, or an entity mention, starts at token i."""
        return self._known(i) is not None or self._entity(i) is not None

    def _closes_name(self, end: int) -> bool:
        """A name read from the words alone must be followed by a clear boundary."""
        return end >= len(self.norms) or self.stops_phrase(end) or self.is_prepositional(end) \
            or self._title_head(end) is not None or self._affiliation(end) is not None

    def _set_title(self, phrase: Phrase, first: int, end: int, organization: tuple[int, int] | None) -> None:
        title_stop = end
        if organization and organization[0] >= first and organization[1] <= end and \
                self._norm(organization[0] - 1) in self.words.affiliation_links - {"باسم"}:
            title_stop = organization[0] - 1
        phrase.title = self._span(first, title_stop)
        if organization:
            phrase.organization = self._organization_text(*organization)
        head_role = self._title_head(first) or "other"
        org_role = self.words.organization_heads.get(_head_form(self._norm(organization[0]))) if organization else None
        phrase.role = "expert" if "expert" in (head_role, org_role) else head_role

    def _organization_text(self, first: int, last: int) -> str:
        """An organization as written, without a ل/ب proclitic glued to its first word
        (للأمم المتحدة: ل + الأمم, whose alef the spelling drops, gives الأمم المتحدة)."""
        start = self.tokens[first].start
        word = self.tokens[first].text
        text = self.text[start:self.tokens[last - 1].end]
        if word.startswith("لل") and len(word) > 3:
            return "ا" + text[1:]
        return text[1:] if word[:1] in "بل" and len(word) > 3 else text


@dataclass(slots=True)
class SpeakerRecord:
    """A speaker being assembled: every phrase that named it and every quote."""

    kind: str
    name: str | None
    title: str | None
    organization: str | None
    role: str
    mentions: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    last_seen: int = -1

    def add_mention(self, surface: str) -> None:
        cleaned = " ".join(surface.split())
        if cleaned and cleaned not in self.mentions:
            self.mentions.append(cleaned)

    def absorb(self, phrase: Phrase) -> None:
        """Fill what this record lacks from a later phrase about the same speaker."""
        if phrase.name and (self.name is None or self.kind == "office" or len(phrase.name) > len(self.name)) \
                and phrase.kind == "person":
            self.name = phrase.name
            self.kind = "person"
        if phrase.title and not self.title:
            self.title = phrase.title
        if phrase.organization and not self.organization:
            self.organization = phrase.organization
        if self.role in ("other", "institution") and phrase.role not in ("other", "institution"):
            self.role = phrase.role
        self.add_mention(phrase.surface if phrase.kind != "person" or not phrase.name else phrase.name)
        for alias in phrase.aliases:
            self.add_mention(alias)
        if phrase.title and phrase.kind in ("office", "group"):
            self.add_mention(phrase.surface)


def comparable_words(form: str | None) -> list[str]:
    """The words of a name or title as speakers are compared: folded, without article or glued ل/ب."""
    return [_head_form(bare(w)) for w in match_form(form or "").split()]


def title_key(title: str) -> str:
    """The key a title is introduced under (`وزير الخارجية الأمريكي` → the person it named)."""
    return " ".join(comparable_words(title))


class SpeakerBook:
    """Merges the speaker phrases of one article into speaker records.

    `introductions` maps a title to the name it introduced anywhere in the
    article (`وزير الخارجية الأمريكي، ريكس تيلرسون`), so a title used alone
    later resolves to that person.
    """

    def __init__(self, introductions: Mapping[str, str], anaphoric_titles: frozenset[str] = frozenset(),
                 titles: Mapping[str, tuple[str, str]] | None = None):
        self.records: list[SpeakerRecord] = []
        self.introductions = dict(introductions)
        self.titles = dict(titles or {})  # title key → (the title as written, the role it gives)
        self.anaphoric_titles = anaphoric_titles

    def most_recent(self, kinds: Sequence[str] | None = None) -> SpeakerRecord | None:
        candidates = [r for r in self.records if kinds is None or r.kind in kinds]
        return max(candidates, key=lambda r: r.last_seen, default=None)

    def resolve(self, phrase: Phrase, position: int) -> SpeakerRecord:
        """The record this phrase names (made if new), updated with what the phrase says."""
        record = self.find(phrase)
        if record is None:
            record = SpeakerRecord(phrase.kind, phrase.name, phrase.title, phrase.organization, phrase.role)
            if phrase.kind == "office" and phrase.title:
                introduced = self.introductions.get(title_key(phrase.title))
                if introduced:  # a title met alone first: the person it introduced elsewhere
                    record.kind, record.name = "person", introduced
            self.records.append(record)
        if record.kind == "person" and record.name and not record.title and not phrase.title:
            words = comparable_words(record.name)  # "الرئيس الفلسطيني محمود عباس" met outside any attribution
            title, role = next((self.titles[key] for key, name in self.introductions.items()
                                if key in self.titles and _introduced_as(words, comparable_words(name))), (None, None))
            record.title = title
            if role and record.role == "other":
                record.role = role  # "الرئيس الروسي" makes Putin an official, wherever it was written
        record.absorb(phrase)
        record.last_seen = position
        return record

    def find(self, phrase: Phrase) -> SpeakerRecord | None:
        """The known speaker a phrase refers to: same or partial name, matching title, shorter institution form."""
        if phrase.kind == "person" and phrase.name:
            words = comparable_words(phrase.name)
            for record in self.records:
                if record.kind == "person" and record.name and _same_person(words, comparable_words(record.name)):
                    return record
            if phrase.title:
                return self._by_title(phrase.title, unnamed_only=True)
            return None
        if phrase.kind == "office" and phrase.title:
            words = comparable_words(phrase.title)
            if len(words) == 1:  # "الأمين" after "علي الأمين": a known surname wins over the title reading
                for record in self.records:
                    if record.kind == "person" and record.name and len(comparable_words(record.name)) > 1 \
                            and comparable_words(record.name)[-1] == words[0]:
                        return record
            introduced = self.introductions.get(title_key(phrase.title))
            if introduced:
                return self.find(Phrase("person", 0, 0, introduced, name=introduced))
            found = self._by_title(phrase.title) or self._by_head(phrase.title)
            if found is None and match_form(phrase.title) in self.anaphoric_titles:
                found = self.most_recent(("person", "office"))  # "وأكد الخبير": the expert just quoted
            return found
        if phrase.kind == "group" and phrase.title:
            words = comparable_words(phrase.surface)
            for record in self.records:
                known = comparable_words(record.title)
                if record.kind == "group" and (comparable_words(record.mentions[0]) == words or (
                        len(words) == 1 and known[:1] == words) or (  # "المصدر التركي" = "مصدر دبلوماسي تركي"
                        match_form(phrase.title).startswith("ال") and len(words) > 1 and known[:1] == words[:1]
                        and set(words[1:]) <= set(known[1:]))):
                    return record
            return None
        if phrase.kind in ("institution", "state") and phrase.name:
            words = comparable_words(phrase.name)
            for record in sorted(self.records, key=lambda r: -r.last_seen):
                if record.kind in ("institution", "state") and record.name and (
                        any(comparable_words(m) == words for m in [record.name, *record.mentions])
                        or (record.kind == "institution" and _same_institution(words, record))):
                    return record
            return None
        return None

    def _by_head(self, title: str) -> SpeakerRecord | None:
        """`المبعوث الدولي` after `مبعوث الأمم المتحدة`: a definite title pointing back to the one speaker
        with that head, unless their nationality adjectives differ (الوزير الروسي is not وزير الخارجية الأمريكي)."""
        if not match_form(title).startswith("ال"):
            return None
        words = comparable_words(title)
        same_head = [r for r in self.records if r.kind in ("person", "office") and r.title
                     and comparable_words(r.title)[0] == words[0]]
        if len(same_head) != 1:
            return None
        known = comparable_words(same_head[0].title)
        nisba = {w for w in words[1:] if w.endswith("ي")}
        known_nisba = {w for w in known[1:] if w.endswith("ي")}
        return same_head[0] if not nisba or not known_nisba or nisba <= known_nisba else None

    def _by_title(self, title: str, *, unnamed_only: bool = False) -> SpeakerRecord | None:
        words = comparable_words(title)
        for record in sorted(self.records, key=lambda r: -r.last_seen):
            if record.kind not in ("person", "office") or (unnamed_only and record.kind == "person"):
                continue
            known = comparable_words(record.title)
            if known and (known == words or (words[0] == known[0] and set(words[1:]) <= set(known[1:]))):
                return record
        return None


def _same_institution(words: list[str], record: SpeakerRecord) -> bool:
    """A shorter or fuller form of a known institution: المجلس, الوزارة البحرينية, الخارجية المصرية.

    A form that extends the record's name is accepted only when no form
    already known extends it differently (وزارة الخارجية → المصرية, not البحرينية).
    """
    known = comparable_words(record.name)
    if words[0] == known[0] and (len(words) == 1 or words[-1] == known[-1]):
        return True
    if words == known[-len(words):] or known == words[-len(known):] or words == known[:len(words)]:
        return True
    if known == words[:len(known)]:
        longer = [comparable_words(m) for m in record.mentions]
        return all(form == words for form in longer if len(form) > len(known) and form[:len(known)] == known)
    return False


def _introduced_as(words: list[str], introduced: list[str]) -> bool:
    """A name is the full name of an introduction, or its last word (عباس → محمود عباس), never the reverse."""
    return len(introduced) > 1 and (words == introduced or (len(words) == 1 and words[0] == introduced[-1]))


def _same_person(words: list[str], known: list[str]) -> bool:
    if words == known:
        return True
    if len(words) == 1:
        return words[0] in known
    if len(known) == 1:
        return known[0] in words
    return words[-1] == known[-1] and words[0] == known[0]


def entity_starts(entities: Sequence[Entity]) -> dict[int, tuple[int, str]]:
    """Start offset → (end offset, type) of every entity mention."""
    return {m.start: (m.end, e.type) for e in entities for m in e.mentions}
