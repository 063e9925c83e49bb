"""Quoted speakers of one article scope: who is quoted, as what, saying what.

The scope (the main article, or one embedded related article) is read
sentence by sentence for attribution events (`newsan.attribution.events`),
plus its headline in the form `X: statement` or opening on a named speaker with a cue
(`روسيا تتهم ...`); each event's speaker phrase is
resolved against the speakers met before it (`newsan.attribution.book`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsan.arabic.clitics import CONJUNCTIONS, LAM
from newsan.arabic.normalize import match_form
from newsan.attribution.book import SpeakerBook, SpeakerRecord, comparable_words, title_key
from newsan.attribution.events import SentenceReader
from newsan.attribution.gender import MALE, cue_gender, is_plural_cue, is_sound_plural, speaker_gender
from newsan.attribution.phrases import PhraseParser
from newsan.attribution.quotation import end_before_space, quotation_spans
from newsan.attribution.sentence import Event
from newsan.attribution.tokens import entity_starts
from newsan.attribution.words import CueWords, SpeakerWords, lexicon_views
from newsan.model import SPEAKER_ROLES, Entity, Quote, Section, Sentence, Speaker

_SPEAKERS_BACK = 2  # how far back a continuation cue that disagrees with the last speaker looks
_NAME_BEFORE_TITLE = 6  # a name (up to four words, a comma or dash) before the title it is introduced with


def _introductions(text: str, sentences: Sequence[Sentence], words: SpeakerWords,
                   entities: Mapping[int, tuple[int, str]]) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Title key → name, and title key → (title as written, role), for every 'title, name' or 'name title'."""
    found: dict[str, str] = {}
    titles: dict[str, tuple[str, str]] = {}
    for sentence in sentences:
        heads = [k for k, token in enumerate(sentence.tokens) if token.norm in words.title_heads]
        if not heads:
            continue
        parser = PhraseParser(text, sentence.tokens, words, entities)
        # a titled person phrase starts at a title head, or at a name of a few words before one
        starts = sorted({i for h in heads for i in range(max(0, h - _NAME_BEFORE_TITLE), h + 1)})
        for i in starts:
            phrase = parser.parse(i)
            if phrase and phrase.kind == "person" and phrase.title and phrase.name:
                found.setdefault(title_key(phrase.title), phrase.name)
                titles.setdefault(title_key(phrase.title), (phrase.title, phrase.role))
    return found, titles


_HEADLINE_BREAKS = {"|", "-", "–", "—", "،"}  # what may end a headline's first part before "X: statement"


def _headline_event(text: str, section: Section, sentence: Sentence | None, words: SpeakerWords,
                    entities: Mapping[int, tuple[int, str]]) -> Event | None:
    """`X: statement` in a headline, X being a speaker phrase."""
    colon = section.text.find(":")
    if colon <= 0 or sentence is None:
        return None
    colon_offset = section.start + colon
    before = [k for k, token in enumerate(sentence.tokens) if token.end <= colon_offset]
    first = next((k + 1 for k in reversed(before) if sentence.tokens[k].text.strip(".") == ""
                  or sentence.tokens[k].text in _HEADLINE_BREAKS), 0)  # "وسط أزمته ... .. الفيفا: ..."
    if len(before) - first > 6 or first >= len(before):
        return None
    parser = PhraseParser(text, sentence.tokens, words, entities)
    phrase = parser.parse(first, loose_name=True)
    if phrase is None:
        return None
    addressee = next((k for k in range(phrase.first + 1, phrase.last) if sentence.tokens[k].norm.startswith(LAM)
                      and phrase.kind == "person"), None)
    if addressee is not None:  # "بحاح لولد الشيخ: ...": the addressee is not part of the speaker
        phrase = PhraseParser(text, sentence.tokens[:addressee], words, entities).parse(first, loose_name=True)
        if phrase is None:
            return None
    start = section.start + colon + 1
    while start < section.end and text[start].isspace():
        start += 1
    end = end_before_space(text, start, section.end)
    return Event(":", section.start, phrase, [(start, end, "indirect")] if end > start else [])


def _past_datelines(sentence: Sentence, datelines: Sequence[Section]) -> Sentence:
    """The sentence without a dateline it opens with ("دبي، الإمارات العربية المتحدة (CNN)—"): a place there
    is no subject of the cue after it."""
    end = max((d.end for d in datelines if d.start <= sentence.start < d.end), default=None)
    if end is None:
        return sentence
    tokens = [t for t in sentence.tokens if t.start >= end]
    start = tokens[0].start if tokens else sentence.end
    return Sentence(start, sentence.end, sentence.text[start - sentence.start:], tokens)


def extract_speakers(text: str, sections: Sequence[Section], sentences: Sequence[Sentence],
                     entities: Sequence[Entity], lexicons: Mapping[str, Any]) -> list[Speaker]:
    """Every speaker of one article scope, once, with all their quotes in text order. `sections` may hold the
    scope's dateline, which opens its first sentence and is read as no part of it."""
    cues, words = lexicon_views(lexicons)
    starts = entity_starts(entities)
    quote_spans = [span for section in sections if section.kind not in ("headline", "related_title", "dateline")
                   for span in quotation_spans(text, section.start, section.end)]
    headline_sections = [s for s in sections if s.kind in ("headline", "related_title")]
    datelines = [s for s in sections if s.kind == "dateline"]
    body_sentences = [_past_datelines(s, datelines) for s in sentences
                      if not any(h.start <= s.start < h.end for h in headline_sections)]
    introductions, titles = _introductions(text, body_sentences, words, starts)
    book = SpeakerBook(introductions, words.anaphoric_titles, titles)

    last_subject: SpeakerRecord | None = None
    earlier: list[SpeakerRecord] = []  # the few distinct speakers before the last one, most recent last
    for sentence in body_sentences:
        if cues.event_starters.isdisjoint([token.norm for token in sentence.tokens]):
            continue  # no cue can start here (most sentences): skip building the reader
        reader = SentenceReader(text, sentence, cues, words, starts, quote_spans)
        sentence_record: SpeakerRecord | None = None
        for event in reader.events():
            record = _speaker_of(event, book, sentence_record, last_subject)
            if record is not None and event.phrase is None and _disagrees(record, event.cue, cues, words):
                record = _earlier_speaker(record, earlier, event, cues, words)
            if record is None:
                continue
            co_records = [book.resolve(p, event.position) for p in event.co_speakers]
            for speaker in [record, *co_records]:
                for start, end, kind in event.quotes:
                    speaker.quotes.append(Quote(text[start:end], kind, event.cue, start, end))
            if event.subordinate:
                continue
            if event.phrase is not None or event.statement_issuer is not None or event.sentence_subject is not None:
                sentence_record = record
            if last_subject is not None and last_subject is not record:
                earlier = [*(r for r in earlier if r is not last_subject), last_subject][-_SPEAKERS_BACK:]
            last_subject = record
    for section in headline_sections:
        colon = section.start + section.text.find(":")  # the sentence holding "X: statement", else the first
        in_section = [s for s in sentences if section.start <= s.start < section.end]
        headline_sentence = next((s for s in in_section if s.start <= colon < s.end),
                                 in_section[0] if in_section else None)
        headline_event = _headline_event(text, section, headline_sentence, words, starts)
        if headline_event is not None:
            _attach_headline(headline_event, book, text, cues.verb_particles)
        elif headline_sentence is not None:
            for event in _subject_first_events(text, headline_sentence, cues, words, starts):
                assert event.phrase is not None  # _subject_first_events keeps named speakers only
                _credit_headline(book.find(event.phrase) or book.resolve(event.phrase, -1), event, text)
    return [_speaker(record, cues, words) for record in book.records if record.quotes]


def _subject_first_events(text: str, sentence: Sentence, cues: CueWords, words: SpeakerWords,
                          entities: Mapping[int, tuple[int, str]]) -> list[Event]:
    """A headline that opens on its speaker and has a cue ("روسيا ستنشر ... وتتهم الخوذ البيضاء بـ...",
    ""داعش" يعلن تبنيه ..."): the cue's events with that opening speaker. Only a named person, body or
    state that opens the headline counts, since a headline's cue verb often belongs to a relative clause."""
    tokens = sentence.tokens
    first = next((k for k, token in enumerate(tokens) if any(ch.isalnum() for ch in token.text)), None)
    if first is None:
        return []
    parser = PhraseParser(text, tokens, words, entities)
    opening = parser.parse(first)
    if opening is None or not opening.name or opening.kind not in ("person", "institution", "state"):
        return []
    reader = SentenceReader(text, sentence, cues, words, entities, [])
    events = [e for e in reader.events() if e.quotes and (e.phrase is None or e.phrase.first == first)]
    for event in events:
        event.phrase = opening
    return events


def _speaker_of(event: Event, book: SpeakerBook, sentence_record: SpeakerRecord | None,
                last_subject: SpeakerRecord | None) -> SpeakerRecord | None:
    """Resolve who speaks in an event: its own phrase, the sentence's subject, or the previous speaker."""
    if event.statement_issuer is not None:
        return book.resolve(event.statement_issuer, event.position)
    phrase = event.phrase
    if phrase is not None and phrase.kind == "statement":
        record = book.most_recent(("institution", "state")) or last_subject
        if record is not None:
            record.add_mention(phrase.surface)
        return record
    if phrase is not None:
        return book.resolve(phrase, event.position)
    if sentence_record is not None:
        return sentence_record
    if event.sentence_subject is not None:
        return book.resolve(event.sentence_subject, event.position)
    return last_subject


def _earlier_speaker(last: SpeakerRecord, earlier: Sequence[SpeakerRecord], event: Event, cues: CueWords,
                     words: SpeakerWords) -> SpeakerRecord | None:
    """Who goes on with a singular cue after a group: one of the few speakers before it, when the cue
    continues earlier words with its content right after it (a participle, a verb joined by و or ف:
    "وقال الحميقاني ... وقال الحوثيون يبيعون ...، مشيرا إلى", "ولفت إلى أن"); None for any other cue
    ("وأضاف الطبيب ... إن", "بيانات هندسية تؤكد": a subject stands there, unread) or after one speaker."""
    form = match_form(event.cue).strip()
    plural = last.kind == "group" or is_sound_plural(last.name or last.title, words)
    if not plural or not event.bare or (form[:1] not in CONJUNCTIONS and form not in cues.participles):
        return None
    candidates = [r for r in reversed(earlier) if r is not last]
    return next((r for r in candidates if not _disagrees(r, event.cue, cues, words)), None)


def _disagrees(record: SpeakerRecord, cue: str, cues: CueWords, words: SpeakerWords) -> bool:
    """A cue with no subject of its own whose verb does not agree with the speaker carried over, in
    gender ("وقال بولدن ..." then "بيانات ... تؤكد أن") or number (one person, then "ويقولون إنهم"):
    someone else speaks, whom the reader did not find."""
    if record.kind != "group" and is_plural_cue(cue, cues):
        return True
    said = cue_gender(cue, cues)
    if said == MALE and record.kind != "person" and is_sound_plural(record.name or record.title, words):
        return True  # "وقال الحوثيون ..." then "مشيرا إلى": one man goes on, not the group
    if said is not None and record.kind == "group" and record.quotes and all(
            is_plural_cue(q.cue, cues) for q in record.quotes if q.cue):
        return True  # people who spoke with plural verbs ("قائلين") do not go on with "وكشفت"
    known = speaker_gender(record.kind, [q.cue for q in record.quotes if q.cue], record.title, cues, words,
                           record.mentions)
    return said is not None and known is not None and said != known


def _attach_headline(event: Event, book: SpeakerBook, text: str, verb_particles: frozenset[str]) -> None:
    """A headline label is a mention of a body speaker it names, or a speaker of its own."""
    phrase = event.phrase
    assert phrase is not None  # _headline_event always reads a speaker phrase
    record = book.find(phrase)
    if record is None and phrase.kind == "group" and phrase.title:
        adjectives = set(comparable_words(phrase.title)[1:])  # "مسؤولة روسية" → the spokeswoman of the Russian ministry
        record = next((r for r in book.records if r.kind == "person" and r.title and
                       adjectives & set(comparable_words(r.title))), None)
    if record is None:
        first_person = any(_first_person(text[s:e], verb_particles) for s, e, _ in event.quotes)
        if (phrase.kind == "state" and not first_person) or (phrase.kind == "person" and not phrase.title):
            return  # a topic label ("العراق: ...") or an unknown word read as a name ("مهرجان كان: ...")
        record = book.resolve(phrase, -1)
    _credit_headline(record, event, text)


def _credit_headline(record: SpeakerRecord, event: Event, text: str) -> None:
    """A headline's speaker phrase is one more mention of its record, and its quotes come first."""
    assert event.phrase is not None  # headline events always read a speaker phrase
    record.add_mention(event.phrase.surface)
    for start, end, kind in event.quotes:
        record.quotes.insert(0, Quote(text[start:end], kind, event.cue, start, end))


def _first_person(statement: str, particles: frozenset[str]) -> bool:
    """A statement in the first person plural ("لم نتخذ قرارا بشأن سفارتنا"): a state speaking, not a topic."""
    words = [w for w in match_form(statement).split()[:8] if w.isalpha()]
    content = [w for w in words if w not in particles]
    return any(len(w) > 3 and w.endswith("نا") for w in words) or bool(
        content and len(words) > len(content) and words[0] != content[0] and content[0].startswith("ن"))


def _speaker(record: SpeakerRecord, cues: CueWords, words: SpeakerWords) -> Speaker:
    """The public record: a name for people and bodies, a title and organization for people, offices and groups,
    a gender for people and offices whose cues or title mark it."""
    name = record.name if record.kind in ("person", "institution", "state") else None
    title = record.title if record.kind in ("person", "office", "group") else None
    organization = record.organization if record.kind in ("person", "office", "group") else None
    quotes = sorted(record.quotes, key=lambda q: q.start)
    role = record.role if record.role in SPEAKER_ROLES else "other"
    gender = speaker_gender(record.kind, [q.cue for q in quotes if q.cue], record.title, cues, words,
                            record.mentions)
    return Speaker(name, title, organization, role, quotes, list(record.mentions), gender)
