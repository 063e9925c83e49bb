"""The streaming half of a report: each newsan/1 article is read once into per-form tallies and dropped.

Memory grows with the number of distinct forms (people, bodies, places) and
outlets and months, not with the articles: an article leaves counts, at most
`EXAMPLES` quotes per speaker form, and its entity pairs in a bounded
counter (`PairCounter`). `newsan.report.tables` turns the tallies into the
report once the stream has ended.
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

from newsan.arabic.normalize import squeeze
from newsan.report.identities import Form, TitleWords, name_form, title_words

EXAMPLES = 3  # example quotes kept per speaker form
PAIR_ENTITIES = 12  # an article's most mentioned people, bodies and places paired for co-occurrence
TOPICS_KEPT = 64  # topics kept per expert form once pruned (the top ones survive)
NETWORK_TYPES = ("PER", "ORG", "LOC")
PERSON_ROLES_OF_BODIES = ("institution", "media")  # roles an unnamed or ungendered body speaks in
UNKNOWN = "unknown"
_REMEMBERED = 1 << 17  # names whose forms are remembered (then forgotten all at once: memory stays bounded)


@dataclass(slots=True)
class SpeakerTally:
    """What the archive says about one speaker form (a person, or a body that speaks)."""

    kind: str
    variants: Counter[str] = field(default_factory=Counter)
    articles: int = 0
    quotes: int = 0
    titles: Counter[str] = field(default_factory=Counter)
    organizations: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    genders: Counter[str] = field(default_factory=Counter)
    topics: Counter[tuple[str, Form]] = field(default_factory=Counter)
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class OrganizationTally:
    """A body: the quotes it gives itself, and those of the people quoted as belonging to it."""

    variants: Counter[str] = field(default_factory=Counter)
    articles: int = 0
    spoken: int = 0
    by_members: int = 0
    members: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class EntityTally:
    variants: Counter[str] = field(default_factory=Counter)
    articles: int = 0
    mentions: int = 0


@dataclass(slots=True)
class Share:
    """Articles and quotes of a slice of the archive (all of it, an outlet, a month), by role and gender."""

    articles: int = 0
    quotes: int = 0
    roles: Counter[str] = field(default_factory=Counter)
    genders: Counter[str] = field(default_factory=Counter)

    def add(self, role: str, gender: str | None, quotes: int) -> None:
        self.quotes += quotes
        self.roles[role] += quotes
        if gender != "body":
            self.genders[gender or UNKNOWN] += quotes


class PairCounter:
    """Counts of entity pairs in bounded memory: lossy counting (Manku and Motwani, 2002).

    Every `width` articles the pairs whose count could not reach 1 in `width` articles are dropped, so
    the counter holds about `width` articles' worth of rare pairs at most; a count kept is short by at
    most the number of articles seen / `width`, and only for a pair first seen late.
    """

    def __init__(self, width: int = 2000):
        self.width = width
        self.counts: dict[tuple[Any, Any], list[int]] = {}  # pair -> [count, the most it may be short by]
        self._articles = 0

    def add_article(self, pairs: list[tuple[Any, Any]]) -> None:
        bucket = self._articles // self.width
        for pair in pairs:
            entry = self.counts.get(pair)
            if entry is None:
                self.counts[pair] = [1, bucket]
            else:
                entry[0] += 1
        self._articles += 1
        if self._articles % self.width == 0:
            limit = self._articles // self.width
            self.counts = {pair: entry for pair, entry in self.counts.items() if entry[0] + entry[1] > limit}


class Archive:
    """Everything a report needs from the articles seen so far; `add` one newsan/1 article at a time."""

    def __init__(self, titles: TitleWords | None = None):
        self.titles = titles or title_words()
        self.total = Share()
        self.undated = 0
        self.outlets: dict[str, Share] = {}
        self.months: dict[str, Share] = {}
        self.speakers: dict[tuple[str, Form], SpeakerTally] = {}
        self.organizations: dict[Form, OrganizationTally] = {}
        self.entities: dict[tuple[str, Form], EntityTally] = {}
        self.pairs = PairCounter()
        self._forms: dict[str, Form] = {}
        self._written: dict[str, str] = {}

    def form(self, name: str) -> Form:
        """`identities.name_form` of a name, remembered: an archive writes the same names over and over."""
        found = self._forms.get(name)
        if found is None:
            if len(self._forms) >= _REMEMBERED:
                self._forms.clear()
            found = self._forms[name] = name_form(name, self.titles)
        return found

    def written(self, text: str) -> str:
        """A name as written, cleaned (`arabic.normalize.squeeze`), remembered like `form`."""
        found = self._written.get(text)
        if found is None:
            if len(self._written) >= _REMEMBERED:
                self._written.clear()
            found = self._written[text] = squeeze(text)
        return found

    def add(self, article: dict[str, Any]) -> None:
        """Count one article (a dict of the newsan/1 schema)."""
        path = str(article.get("path") or "")
        metadata = article.get("metadata") or {}
        month = article_month(metadata)
        slices = [self.total, self.outlets.setdefault(article_outlet(path, metadata), Share())]
        if month is None:
            self.undated += 1
        else:
            slices.append(self.months.setdefault(month, Share()))
        for share in slices:
            share.articles += 1
        mentioned, names = self._add_entities(article.get("entities") or [])
        top_entities = [key for key, _ in mentioned.most_common(6)]
        seen_speakers: set[tuple[str, Form]] = set()
        seen_bodies: set[Form] = set()
        for speaker in article.get("speakers") or []:
            self._add_speaker(speaker, path, names, slices, top_entities, seen_speakers, seen_bodies)
        network = sorted((key for key in mentioned if key[0] in NETWORK_TYPES),
                         key=lambda key: (-mentioned[key], key))[:PAIR_ENTITIES]
        self.pairs.add_article(list(itertools.combinations(sorted(network), 2)))

    def _add_entities(self, entities: list[dict[str, Any]]
                      ) -> tuple[Counter[tuple[str, Form]], dict[Form, tuple[str, Form] | None]]:
        """Tally an article's entities: their mentions per (type, form), and which entity each form
        written in the article names (None when two do), so its speakers can be told by their entity."""
        mentioned: Counter[tuple[str, Form]] = Counter()
        names: dict[Form, tuple[str, Form] | None] = {}
        forms, cleaned, tallies = self._forms, self._written, self.entities
        for entity in entities:
            text, kind = entity.get("text"), entity.get("type")
            if type(text) is not str or type(kind) is not str:
                continue
            form = forms.get(text) or self.form(text)
            if not form:
                continue
            key = (kind, form)
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = EntityTally()
            if key not in mentioned:
                tally.articles += 1
            count = entity.get("count")
            count = count if type(count) is int and count > 0 else 1
            tally.mentions += count
            mentioned[key] += count
            mentions = entity.get("mentions") or ()
            try:  # the common case at C speed: a list of mention objects
                spellings = {mention["text"] for mention in mentions}
            except (TypeError, KeyError):
                spellings = {mention["text"] for mention in mentions
                             if isinstance(mention, dict) and isinstance(mention.get("text"), str)}
            spellings.add(text)
            written = {cleaned.get(spelling) or self.written(spelling) for spelling in spellings
                       if isinstance(spelling, str) and spelling.strip()}
            tally.variants.update(written)
            for variant in {forms.get(spelling) or self.form(spelling) for spelling in written}:
                names[variant] = key if names.get(variant, key) == key else None
        return mentioned, names

    def _add_speaker(self, speaker: dict[str, Any], path: str, names: dict[Form, tuple[str, Form] | None],
                     slices: list[Share], top_entities: list[tuple[str, Form]],
                     seen_speakers: set[tuple[str, Form]], seen_bodies: set[Form]) -> None:
        quotes = speaker.get("quotes") or []
        role = _text(speaker.get("role")) or "other"
        gender = _text(speaker.get("gender"))
        name = _text(speaker.get("name"))
        form = self.form(name) if name else ()
        spelling = name
        entity = names.get(form)
        if entity is None:
            entity = _person_extending(form, names)
            if entity is not None:
                spelling = None  # a name read too long (دونالد ترامب الانسحاب) is counted, not kept as a spelling
        kind = _kind(role, gender, entity[0] if entity else None)
        for share in slices:
            share.add(role, "body" if kind == "organization" else gender, len(quotes))
        if entity is not None:
            form = entity[1]
        organization = _text(speaker.get("organization"))
        if organization:
            self._add_body(organization, 0, len(quotes), seen_bodies, member=name)
        if not form:
            return
        if kind == "organization" and spelling:
            self._add_body(spelling, len(quotes), 0, seen_bodies)
        key = (kind, form)
        tally = self.speakers.get(key)
        if tally is None:
            tally = self.speakers[key] = SpeakerTally(kind)
        if key not in seen_speakers:
            seen_speakers.add(key)
            tally.articles += 1
        tally.quotes += len(quotes)
        if spelling:
            tally.variants[self.written(spelling)] += 1
        tally.roles[role] += len(quotes)
        if gender:
            tally.genders[gender] += len(quotes)
        title = _text(speaker.get("title"))
        if title:
            tally.titles[self.written(title)] += 1
        if organization:
            tally.organizations[self.written(organization)] += 1
        if role == "expert":
            tally.topics.update(other for other in top_entities if other[1] != form)
            if len(tally.topics) > 2 * TOPICS_KEPT:
                tally.topics = Counter(dict(tally.topics.most_common(TOPICS_KEPT)))
        for quote in quotes[:max(0, EXAMPLES - len(tally.examples))]:
            tally.examples.append({"path": path, "text": _text(quote.get("text")) or "",
                                   "start": _offset(quote.get("start")), "end": _offset(quote.get("end"))})

    def _add_body(self, name: str, spoken: int, by_members: int, seen: set[Form], member: str | None = None) -> None:
        form = self.form(name)
        if not form:
            return
        tally = self.organizations.get(form)
        if tally is None:
            tally = self.organizations[form] = OrganizationTally()
        if form not in seen:
            seen.add(form)
            tally.articles += 1
        tally.variants[self.written(name)] += 1
        tally.spoken += spoken
        tally.by_members += by_members
        if member:
            tally.members[self.written(member)] += by_members


def _text(value: Any) -> str | None:
    """A string field of an article read from a file, or None (a file may hold anything)."""
    return value if isinstance(value, str) and value.strip() else None


def _offset(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def _kind(role: str, gender: str | None, entity_type: str | None) -> str:
    """'person' or 'organization': the entity model's type where the name is one of the article's
    entities, else the role (an institution or outlet, unless the text gives it a gender)."""
    if entity_type == "PER":
        return "person"
    if entity_type in ("ORG", "LOC"):
        return "organization"
    return "organization" if role in PERSON_ROLES_OF_BODIES and gender is None else "person"


def _person_extending(form: Form, names: dict[Form, tuple[str, Form] | None]) -> tuple[str, Form] | None:
    """The article's person whose full name (two words or more) a longer speaker name starts with:
    'دونالد ترامب الانسحاب' is دونالد ترامب with a word the speaker reader took too many."""
    for size in range(len(form) - 1, 1, -1):
        entity = names.get(form[:size])
        if entity is not None and entity[0] == "PER" and len(entity[1]) >= 2:
            return entity
    return None


def article_outlet(path: str, metadata: dict[str, Any]) -> str:
    """The outlet: an archive's <SRC>, else the folder the article (or its archive) is in."""
    outlet = metadata.get("outlet")
    if outlet:
        return str(outlet)
    folder = os.path.basename(os.path.dirname(path.split("#", 1)[0]))
    return folder or "."


_ISO_MONTH = re.compile(r"\b((?:19|20)\d\d)[-/.](0[1-9]|1[0-2])\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# RFC 2822, as archives write <TIME> (Sun, 18 Feb 2018 19:49:50 GMT): read here, since email.utils'
# parser costs more than the rest of an article's counting
_RFC_2822_MONTH = re.compile(r"\b\d{1,2} (" + "|".join(_MONTHS) + r")[a-z]* ((?:19|20)\d\d)\b", re.IGNORECASE)


def article_month(metadata: dict[str, Any]) -> str | None:
    """'YYYY-MM' of the article's date (an archive's <TIME>: RFC 2822 or ISO 8601) as written, with no
    time zone conversion; None where it has none."""
    date = str(metadata.get("date") or metadata.get("time") or "").strip()
    if not date:
        return None
    found = _ISO_MONTH.search(date)
    if found:
        return f"{found[1]}-{found[2]}"
    found = _RFC_2822_MONTH.search(date)
    if found:
        return f"{found[2]}-{_MONTHS.index(found[1].lower()) + 1:02d}"
    try:
        parsed = parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError):
        return None
    return f"{parsed.year:04d}-{parsed.month:02d}"
