"""The speakers of one article: who was introduced, and which earlier speaker a later mention names.

`SpeakerBook` merges the speaker phrases of an article into records: a
surname, a bare title or a short institution name points back to the
speaker introduced earlier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsan.arabic.charsets import CLOSING_QUOTES, OPENING_QUOTES, STRAIGHT_QUOTE
from newsan.arabic.clitics import ARTICLE, without_article, without_glued_preposition
from newsan.arabic.normalize import match_form
from newsan.attribution.tokens import Phrase
from newsan.model import Quote


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
    """The words of a name or title as speakers are compared: folded, without quotation marks (وكالة
    "يونهاب" is وكالة يونهاب), article or glued ل/ب."""
    words = (w.strip(_QUOTE_MARKS) for w in match_form(form or "").split())
    return [without_glued_preposition(without_article(w)) for w in words if w]


_QUOTE_MARKS = OPENING_QUOTES + CLOSING_QUOTES + STRAIGHT_QUOTE


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
                if record.kind == "group" and (comparable_words(record.mentions[0]) == words
                                               or known == comparable_words(phrase.title) or (
                        len(words) == 1 and known[:1] == words) or (  # "المصدر التركي" = "مصدر دبلوماسي تركي"
                        match_form(phrase.title).startswith(ARTICLE) and len(words) > 1 and known[:1] == words[:1]
                        and set(words[1:]) <= set(known[1:]))):
                    return record
            if match_form(phrase.title) in self.anaphoric_titles:
                return self.most_recent()  # "وذكر المصدر أن" after a newspaper was quoted: the newspaper
            return None
        if phrase.kind in ("institution", "state") and phrase.name:
            words = comparable_words(phrase.name)
            for record in self.records:  # "وأشار "عياد"": a quoted name is the person already known by it
                if record.kind == "person" and record.name and _same_person(words, comparable_words(record.name)):
                    return record
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
        if not match_form(title).startswith(ARTICLE):
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
    if any(_same_head(words, comparable_words(form)) for form in record.mentions if form != record.name):
        return True  # الصحيفة after صحيفة "غارديان" البريطانية, a record named غارديان
    known = comparable_words(record.name)
    if _same_head(words, known):
        return True
    if words == known[-len(words):] or known == words[-len(known):] or words == known[:len(words)]:
        return True
    if known == words[:len(known)]:
        longer = [comparable_words(m) for m in record.mentions]
        return all(form == words for form in longer if len(form) > len(known) and form[:len(known)] == known)
    return False


def _same_head(words: list[str], known: list[str]) -> bool:
    """The same head noun, alone or with the same last word: المجلس, الوزارة البحرينية."""
    return bool(known) and words[0] == known[0] and (len(words) == 1 or words[-1] == known[-1])


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
