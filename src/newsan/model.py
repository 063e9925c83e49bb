"""The data model every stage reads and writes.

All offsets (`start`, `end`) are indices into the decoded text of the input
file, so `article.text[start:end]` is always the span a record describes.
Records are plain dataclasses: they pickle, compare by value and turn into
JSON through `newsan.output.schema.article_to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_VERSION = "newsan/1"

ENTITY_TYPES = ("PER", "LOC", "ORG", "MISC")
SPEAKER_ROLES = ("expert", "official", "institution", "media", "other")


@dataclass(frozen=True, slots=True)
class Source:
    """One decoded input: a file, a document of an archive, or stdin."""

    path: str
    text: str
    encoding: str = "utf-8"
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A block of a scraped page with the role it plays on that page.

    kind is one of: headline, dateline, body, subhead, source, keywords,
    related_marker, related_title, related_body, related_headlines, boilerplate.
    """

    kind: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Token:
    """One word: its text, offsets, and match form (`normalize.match_form`).

    Not frozen, unlike the other small records: an article has thousands of
    tokens, and a frozen dataclass takes three times as long to build.
    """

    text: str
    start: int
    end: int
    norm: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: list[Token]


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    type: str


@dataclass(slots=True)
class Entity:
    """One real-world referent and every place the text names it."""

    text: str
    type: str
    mentions: list[Mention]

    @property
    def count(self) -> int:
        """How often the text names it: a mention inside another of its mentions is the same occurrence
        (لحج within محافظة لحج, both listed as mentions), counted once."""
        occurrences, reach = 0, -1
        for mention in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            if mention.end > reach:
                occurrences += 1
                reach = mention.end
        return occurrences


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    kind: str
    cue: str | None
    start: int
    end: int


@dataclass(slots=True)
class Speaker:
    name: str | None
    title: str | None
    organization: str | None
    role: str
    quotes: list[Quote]
    mentions: list[str] = field(default_factory=list)
    gender: str | None = None  # "female" | "male" for a person the text marks (attribution.gender), else None


@dataclass(slots=True)
class Summary:
    lead: str | None
    key_sentences: list[str]
    top_entities: dict[str, list[str]]
    quoted: list[dict[str, str | None]]


@dataclass(slots=True)
class Article:
    """The analysis of one article (or of a related article embedded in a page)."""

    path: str | None
    text: str
    title: str | None
    dateline: str | None
    source: str | None
    encoding: str
    sections: list[Section]
    sentences: list[Sentence]
    entities: list[Entity]
    speakers: list[Speaker]
    related_articles: list[Article]
    related_headlines: list[str]
    keywords: list[str]
    summary: Summary
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return sum(1 for s in self.sentences for t in s.tokens if t.norm[:1].isalnum())
