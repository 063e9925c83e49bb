"""Tell apart the parts of a scraped news page.

A scraped page is the article plus page furniture: a headline, a dateline
opening the first paragraph, subheads, a source line, keyword tags, an
embedded related article, lists of related headlines, app and share
prompts. Markers for all of these live in the `markers` lexicon; this
module only walks the page paragraph by paragraph, one line being one
paragraph as scrapers write them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newsan.analysis.credits import is_credit_line
from newsan.arabic.clitics import ARTICLE
from newsan.arabic.normalize import as_written, match_form, normalize_with_offsets, squeeze
from newsan.lexicons import compiled
from newsan.model import Section

_SENTENCE_END = tuple(".!?؟…:\"»”)")
_BULLETS = "•·●▪◦‣-–—*+ \t\u00a0"
_DATELINE = re.compile(
    r"""^(?P<place>[^\W\d_][^\s\-–—:،,.()]{1,24}(?:[ ][^\s\-–—:،,.()]{2,24}){0,2})  # one to three words
        (?:\s*[،,]\s*[^\-–—\n]{0,40}?)?                                          # optional ، country
        (?:\s*\((?P<agency>[^)\n]{1,30})\))?                                    # optional (agency)
        \s*[-–—]{1,2}\s*""",
    re.VERBOSE,
)
# An agency's credit opening the text without a place: "(CNN)-- سقطت طائرة ...".
_AGENCY_PREFIX = re.compile(r"^\((?P<agency>[^)\n]{1,30})\)\s*[-–—]{1,2}")
_MAX_HEADLINE_WORDS = 25
_MAX_SUBHEAD_WORDS = 8
_MIN_TRAILING_LEADS = 3  # fewer one-sentence paragraphs at the end may close the article itself
_LEAD_CHARS = range(100, 401)  # a news lead is one sentence of about 15 to 60 words
_INNER_SENTENCE_END = re.compile(r"[.!?؟]\s")


@dataclass(slots=True)
class RelatedBlock:
    """An article embedded in the page after a 'read also' marker."""

    title: Section | None
    body: list[Section] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    sections: list[Section]
    title: str | None
    dateline: str | None
    source: str | None
    keywords: list[str]
    related: list[RelatedBlock]
    related_headlines: list[str]

    def spans(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]


@dataclass(frozen=True, slots=True)
class _Markers:
    source: tuple[str, ...]
    keywords: tuple[str, ...]
    related_article: tuple[str, ...]
    related_headlines: tuple[str, ...]
    boilerplate: tuple[str, ...]
    inline: tuple[str, ...]
    byline_suffixes: tuple[str, ...]
    not_place_openers: tuple[str, ...]
    continuation_openers: tuple[str, ...]

    @classmethod
    def from_lexicon(cls, lexicon: Mapping[str, Any]) -> _Markers:
        def folded(key: str) -> tuple[str, ...]:
            return tuple(sorted({match_form(m).strip() for m in lexicon.get(key, [])}, key=len, reverse=True))

        return cls(*(folded(name) for name in cls.__slots__))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and (text[start].isspace() or text[start] in "\ufeff\u200f\u200e"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _starts_with(folded: str, markers: tuple[str, ...]) -> str | None:
    for marker in markers:
        if folded.startswith(marker) and (len(folded) == len(marker) or not folded[len(marker)].isalnum()):
            return marker
    return None


def _after_colon(text: str, start: int, end: int, marker_len_hint: int) -> tuple[int, int] | None:
    """The span after the marker's colon (or after the marker itself)."""
    chunk = text[start:end]
    colon = re.search(r"[:：]", chunk)
    cut = colon.end() if colon else min(marker_len_hint, len(chunk))
    value_start = start + cut
    while value_start < end and text[value_start] in " \t\u00a0-–—":
        value_start += 1
    return (value_start, end) if value_start < end else None


def _is_headline_like(text: str) -> bool:
    """Short, and not closed like a sentence (a question mark is fine: headlines ask)."""
    words = text.split()
    return 0 < len(words) <= _MAX_HEADLINE_WORDS and not text.rstrip().endswith((".", "!", "،", ":"))


def split_keywords(value: str) -> list[str]:
    """Split a keyword line into tags.

    Separators are used when present; a space-separated list is grouped so a
    definite adjective stays with its noun ("كوريا الشمالية").
    """
    value = squeeze(value)
    parts = [p.strip() for p in re.split(r"[،,;؛|/#]+", value) if p.strip()]
    if len(parts) > 1:
        return parts
    words = value.split()
    tags: list[str] = []
    for word in words:
        if tags and word.startswith(ARTICLE) and not tags[-1].split()[-1].startswith(ARTICLE):
            tags[-1] += " " + word
        else:
            tags.append(word)
    return tags


def _cut_inline(text: str, start: int, end: int, markers: _Markers) -> int:
    """Where page furniture glued to the end of a paragraph begins (or `end`).

    Only after a sentence end: 'سمات' mid-sentence is a word, after a full stop a tag list.
    """
    folded = normalize_with_offsets(text[start:end], match=True)
    best = end
    for marker in markers.inline:
        for found in re.finditer(re.escape(marker), folded.text):
            position = folded.offsets[found.start()]
            before = text[start:start + position].rstrip()
            if position > 0 and before and before[-1] in _SENTENCE_END:
                best = min(best, start + position)
                break
    return best


def segment(text: str, markers_lexicon: Mapping[str, Any], title_hint: str | None = None) -> Layout:
    """Split a page into typed sections; see the module doc for the kinds."""
    return _PageReader(text, markers_lexicon, title_hint).layout()


class _PageReader:
    """Walks a page paragraph by paragraph, remembering where it is: the main text,
    an embedded related article, or a list of related headlines."""

    def __init__(self, text: str, markers_lexicon: Mapping[str, Any], title_hint: str | None):
        self.text = text
        self.lexicon = markers_lexicon
        self.markers = compiled(markers_lexicon, _Markers.from_lexicon)
        self.paragraphs = _paragraphs(text)
        self.sections: list[Section] = []
        self.related: list[RelatedBlock] = []
        self.related_headlines: list[str] = []
        self.keywords: list[str] = []
        self.title = squeeze(title_hint) if title_hint else None
        self.dateline: str | None = None
        self.source: str | None = None
        self.state = "main"
        self.body_seen = False

    def layout(self) -> Layout:
        text = self.text
        for index, (start, end) in enumerate(self.paragraphs):
            whole = match_form(text[start:end])
            inline_cut = _cut_inline(text, start, end, self.markers) if any(m in whole for m in self.markers.inline) \
                else end
            if inline_cut < end:
                paragraphs_tail = (inline_cut, end)
                end = inline_cut
                while end > start and text[end - 1].isspace():
                    end -= 1
            else:
                paragraphs_tail = None
            folded = (match_form(text[start:end]) if paragraphs_tail else whole).strip()  # fold each paragraph once
            if not self._read_marked(start, end, folded) and not self._read_in_block(start, end):
                self._read_text(index, start, end, folded)
            if paragraphs_tail:
                self._add("boilerplate", *paragraphs_tail)
        self._relabel_trailing_leads()
        return Layout(self.sections, self.title, self.dateline, self.source, self.keywords, self.related,
                      self.related_headlines)

    def _relabel_trailing_leads(self) -> None:
        """Other articles' leads closing the page (`continuation_openers`): each becomes a related
        article, so its speakers are not the article's."""
        run = 0
        for section in reversed(self.sections):
            if section.kind != "body" or not self._is_lead(section.text):
                break
            run += 1
        if run < _MIN_TRAILING_LEADS or sum(s.kind == "body" for s in self.sections) - run < 2:
            return
        leads = [Section("related_body", s.start, s.end, s.text) for s in self.sections[-run:]]
        self.sections[-run:] = leads
        self.related.extend(RelatedBlock(title=None, body=[lead]) for lead in leads)

    def _is_lead(self, text: str) -> bool:
        """A lead's length and at most two sentences, opening like no continuation of an article (a lead
        cut short ends on a letter)."""
        stripped = text.strip()
        return (len(stripped) in _LEAD_CHARS and (stripped.endswith(".") or stripped[-1].isalpha())
                and len(_INNER_SENTENCE_END.findall(stripped[:-1])) <= 1
                and not self._continues(match_form(stripped)))

    def _continues(self, folded: str) -> bool:
        """The paragraph opens with one of `continuation_openers`; a one-letter opener (و, ف) alone or glued
        to a word, not as the first letter of a word of two: في (in) is no ف (so)."""
        first = folded.split(maxsplit=1)[0] if folded else ""
        return any(folded.startswith(opener) and (len(opener) > 1 or len(first) != 2)
                   for opener in self.markers.continuation_openers)

    def _add(self, kind: str, start: int, end: int) -> Section:
        section = Section(kind, start, end, self.text[start:end])
        self.sections.append(section)
        return section

    def _read_marked(self, start: int, end: int, folded: str) -> bool:
        """A paragraph a marker names: boilerplate, a source line, keywords, or the start of related content."""
        text, markers = self.text, self.markers
        if _starts_with(folded, markers.boilerplate) or _is_byline(folded, markers):
            self._add("boilerplate", start, end)
        elif marker := _starts_with(folded, markers.source):
            self._add("source", start, end)
            value = _after_colon(text, start, end, len(marker))
            self.source = squeeze(text[value[0]:value[1]]) if value else self.source
        elif marker := _starts_with(folded, markers.keywords):
            self._add("keywords", start, end)
            value = _after_colon(text, start, end, len(marker))
            if value:
                self.keywords.extend(split_keywords(text[value[0]:value[1]]))
        elif marker := _starts_with(folded, markers.related_headlines):
            self._add("related_headlines", start, end)
            self.state = "headlines"
        elif marker := _starts_with(folded, markers.related_article):
            value = _after_colon(text, start, end, len(marker))
            if value and len(text[value[0]:value[1]].split()) > 1:
                self._add("related_headlines", start, end)  # a link: "اقرأ أيضا: <title>"
                self.related_headlines.append(as_written(text[value[0]:value[1]]))
            else:
                self._add("related_marker", start, end)
                self.related.append(RelatedBlock(title=None))
                self.state = "related"
        else:
            return False
        return True

    def _read_in_block(self, start: int, end: int) -> bool:
        """A paragraph after a marker: one of a list of related headlines, or part of a related article."""
        raw = self.text[start:end]
        if self.state == "headlines":
            self._add("related_headlines", start, end)
            self.related_headlines.append(as_written(raw.lstrip(_BULLETS)))
        elif self.state == "related":
            block = self.related[-1]
            if block.title is None and _is_headline_like(raw):
                block.title = self._add("related_title", start, end)
            else:
                block.body.append(self._add("related_body", start, end))
        else:
            return False
        return True

    def _read_text(self, index: int, start: int, end: int, folded: str) -> None:
        """A paragraph of the article itself: its headline, a subhead, or body (opened by a dateline)."""
        raw = self.text[start:end]
        if index == 0 and not self.body_seen and _is_headline_like(raw) and len(self.paragraphs) > 1 \
                and not _DATELINE.match(raw) and (self.title is None or match_form(self.title) == folded):
            self._add("headline", start, end)
            self.title = squeeze(raw)
        elif self.body_seen and is_credit_line(raw, self.lexicon):  # "فرانس 24/ أ ف ب" closing the article
            self._add("source", start, end)
            self.source = self.source or squeeze(raw)
        elif self.body_seen and _is_subhead(raw):
            self._add("subhead", start, end)
        else:
            if not self.body_seen:
                self._read_opening(start, raw)
            self._add("body", start, end)
            self.body_seen = True

    def _read_opening(self, start: int, raw: str) -> None:
        """What opens the first body paragraph: a dateline (with a country and an agency: "دبي، الإمارات
        (CNN)—"), or an agency's credit alone ("(CNN)-- "). Its section runs to the dash, so the lead
        starts after it; the place is the dateline, the agency a source."""
        if (found := _DATELINE.match(raw)) and _looks_like_place(found.group("place"), self.markers):
            self._add("dateline", start, start + len(found.group(0).rstrip(" \t-–—")))
            self.dateline = squeeze(found.group("place"))
            if found.group("agency"):
                self.source = self.source or squeeze(found.group("agency"))
        elif credit := _AGENCY_PREFIX.match(raw):
            self._add("source", start, start + credit.end())
            self.source = self.source or squeeze(credit.group("agency"))


def _is_subhead(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= _MAX_SUBHEAD_WORDS and not text.rstrip().endswith(_SENTENCE_END + ("،",))


def _is_byline(folded: str, markers: _Markers) -> bool:
    words = folded.split()
    return 0 < len(words) <= 6 and any(folded.endswith(suffix) for suffix in markers.byline_suffixes) \
        and not folded.endswith(".")


def _looks_like_place(place: str, markers: _Markers) -> bool:
    """A dateline names a place; a sentence opening with a verb or particle does not."""
    return not match_form(place.split()[0]).startswith(markers.not_place_openers)
