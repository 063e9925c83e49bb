"""The whole analysis of one source: segment → tokenize → entities → quotes → summary.

`analyze_sources` (and `analyze_source` for one) is the entry point the CLI,
the batch runners and the library API share; every stage it calls is a pure
function of its inputs. Several articles per call let the NER tagger run
once for all of them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsan.analysis.credits import page_credits
from newsan.analysis.entities import (
    gazetteer_types,
    group_entities,
    mentions_from_tags,
    name_openers,
    name_stops,
    same_names,
)
from newsan.analysis.known_names import headed_names, kind_nouns, known_name_mentions, speaker_name_mentions
from newsan.analysis.segment import Layout, segment
from newsan.analysis.summarize import summarize
from newsan.arabic.tokenize import sentences_of
from newsan.attribution.bodies import organization_bodies
from newsan.attribution.extract import extract_speakers
from newsan.lexicons import UserConfig, load_lexicons
from newsan.model import Article, Entity, Mention, Section, Sentence, Source
from newsan.ner.registry import get_tagger, tag_documents

_MAIN_KINDS = ("headline", "body", "subhead")


@dataclass(frozen=True, slots=True)
class Options:
    """What the user chose; hashable so loaded resources can be cached on it."""

    ner: str = "auto"
    camel_model: str | None = None
    config: str | UserConfig | None = None  # a file's path, or its text (what a cluster's workers get)


def analyze_source(source: Source, options: Options = Options()) -> Article:
    """Analyze one decoded input into an Article (with its embedded related articles)."""
    return analyze_sources([source], options)[0]


def analyze_sources(sources: Sequence[Source], options: Options = Options()) -> list[Article]:
    """Analyze several inputs, one Article each: the same results as `analyze_source` on each,
    but the NER tagger runs once for all of them, which is much cheaper than once per article."""
    lexicons = load_lexicons(options.config)
    tagger = get_tagger(options.ner, options.camel_model, options.config)
    drafts = [_draft(source, lexicons) for source in sources]
    tags = tag_documents(tagger, [[[t.text for t in s.tokens] for s in draft.sentences()] for draft in drafts])
    return [_finish(draft, draft_tags, lexicons, options) for draft, draft_tags in zip(drafts, tags, strict=True)]


@dataclass(slots=True)
class _Draft:
    """An input segmented and split into sentences, per scope: the main article, then each related block."""

    source: Source
    layout: Layout
    scopes: list[tuple[list[Section], str | None]]
    sentences_per_scope: list[list[Sentence]]

    def sentences(self) -> list[Sentence]:
        return [s for scope in self.sentences_per_scope for s in scope]


def _draft(source: Source, lexicons) -> _Draft:
    text = source.text
    layout = segment(text, lexicons["markers"], source.title)
    main_sections = [s for s in layout.sections if s.kind in _MAIN_KINDS]
    scopes = [(main_sections, layout.title)]
    for block in layout.related:
        sections = ([block.title] if block.title else []) + block.body
        scopes.append((sections, block.title.text.strip() if block.title else None))
    return _Draft(source, layout, scopes, [_sentences(text, sections) for sections, _ in scopes])


def _finish(draft: _Draft, tags: list[list[str]], lexicons, options: Options) -> Article:
    """The tagged draft's entities, quotes and summary, per scope, as the main Article."""
    tags_left = iter(tags)
    articles = []
    for index, ((sections, title), sentences) in enumerate(zip(draft.scopes, draft.sentences_per_scope, strict=True)):
        articles.append(_article(draft.source, draft.layout, sections, title, sentences,
                                 [next(tags_left) for _ in sentences], lexicons,
                                 _known_types(options.config), is_main=index == 0))
    main, related = articles[0], articles[1:]
    layout = draft.layout
    main.related_articles = related
    main.related_headlines = list(layout.related_headlines)
    main.keywords = list(layout.keywords)
    main.sections = list(layout.sections)
    return main


@lru_cache(maxsize=8)
def _known_types(config: str | UserConfig | None) -> dict[str, str]:
    """The gazetteer's name types, computed once per config."""
    return gazetteer_types(load_lexicons(config)["gazetteer"])


def _sentences(text: str, sections: Sequence[Section]) -> list[Sentence]:
    return [sentence for section in sections for sentence in sentences_of(text, section.start, section.end)]


def _without(entities: Sequence[Entity], bodies: Sequence[Mention]) -> list[Entity]:
    """The entities as the tagger found them, for the speaker reader, which weighs the tagger's evidence:
    without the mentions of bodies read from organization heads."""
    if not bodies:
        return list(entities)
    spans = {(m.start, m.end) for m in bodies}
    return [Entity(e.text, e.type, kept) for e in entities
            if (kept := [m for m in e.mentions if (m.start, m.end) not in spans])]


def _body_sentences(sentences: Sequence[Sentence], sections: Sequence[Section]) -> list[Sentence]:
    """The sentences that start inside a body paragraph (paragraphs never overlap: one bisection each)."""
    spans = sorted((sec.start, sec.end) for sec in sections if sec.kind in ("body", "related_body"))
    starts = [start for start, _ in spans]
    body = []
    for sentence in sentences:
        at = bisect_right(starts, sentence.start) - 1
        if at >= 0 and sentence.start < spans[at][1]:
            body.append(sentence)
    return body


def _article(source: Source, layout: Layout, sections: Sequence[Section], title: str | None,
             sentences: list[Sentence], tags: list[list[str]], lexicons, known_types: dict[str, str], *,
             is_main: bool) -> Article:
    tagged = mentions_from_tags(sentences, tags, name_stops(lexicons["cues"]), name_openers(lexicons["cues"]))
    gazetteer = lexicons["gazetteer"]
    headed = headed_names(sentences, tagged, gazetteer)
    bodies = organization_bodies(source.text, sentences, [*tagged, *headed], lexicons)
    known = known_name_mentions(sentences, [*tagged, *headed, *bodies], gazetteer)
    added = [*headed, *bodies, *known, *headed_names(sentences, known, gazetteer)]

    def grouped(mentions: list[Mention]) -> list[Entity]:
        return group_entities(sorted(mentions, key=lambda m: (m.start, -m.end)), known_types, kind_nouns(gazetteer),
                              same_names(gazetteer))

    entities = grouped([*tagged, *added])
    datelines = [s for s in layout.sections if s.kind == "dateline"] if is_main else []
    speakers = extract_speakers(source.text, [*sections, *datelines], sentences, _without(entities, added), lexicons)
    if spoken := speaker_name_mentions(sentences, [*tagged, *added], speakers, gazetteer):
        entities = grouped([*tagged, *added, *spoken])  # the speakers needed the entities first
    body = _body_sentences(sentences, sections)
    # a dateline or an agency's credit opening the text ("(CNN)-- ") is no part of the lead
    opening = next((s for s in layout.sections if s.kind in ("dateline", "source")), None)
    summary = summarize(body, entities, speakers, opening.end if opening and is_main else None)
    place, credit = page_credits(layout.dateline, layout.source, source.metadata, lexicons["markers"], known_types)
    return Article(
        path=source.path if is_main else None,
        text=source.text,
        title=title,
        dateline=place if is_main else None,
        source=credit if is_main else None,
        encoding=source.encoding,
        sections=list(sections),
        sentences=sentences,
        entities=entities,
        speakers=speakers,
        related_articles=[],
        related_headlines=[],
        keywords=[],
        summary=summary,
        metadata=dict(source.metadata) if is_main else {},
        warnings=list(source.warnings) if is_main else [],
    )
