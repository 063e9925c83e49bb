"""Quoted speakers: who is quoted, as what, saying what.

The engine reads one article scope (the main article, or one embedded
related article) sentence by sentence and finds attribution events:

* a cue verb (`قال`, `وأضافت`, `يؤكد` ...) with its subject after it (VSO),
  before it (`أما والين فقال`), or dropped (the previous speaker goes on);
* a participle continuing the clause's subject (`..., مشيرا إلى أن`);
* a relay (`نقلت الوكالة عن X قوله`): X speaks, the relaying outlet does not;
* a nominal attribution (`بحسب X`, `حسب ما يقول X`, `وفقا لـX`) about the
  clause before it;
* a headline in the form `X: statement`.

The content of an event is what follows its opener (a complementizer, a
colon, a quotation mark, `بالقول`) up to the end of the clause. It is a
`direct` quote when the quotation marks enclose all of it (marks excluded),
and `indirect` otherwise. Speaker phrases are read by `newsan.attribution.speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any, Mapping, Sequence

from newsan.lexicons import compiled
from newsan.model import SPEAKER_ROLES, Entity, Quote, Section, Sentence, Speaker, Token
from newsan.arabic.normalize import match_form
from newsan.attribution.speakers import (Phrase, PhraseParser, SpeakerBook, SpeakerRecord, SpeakerWords, comparable_words,
                       entity_starts, title_key)

_OPENING_MARKS = "«“„{\"‹"
_CLOSING_MARKS = "»”}›\""
_QUOTATION_CHARS = re.compile("[\n" + re.escape(_OPENING_MARKS + _CLOSING_MARKS) + "]")
_MAX_ZONE_WORDS = 30
_REQUIRED_WORD_WINDOW = 6  # how far a cue's required word (عبر ... عن) may follow
_ADJUNCT_WORDS = 2  # words of an adjunct's noun phrase skipped when no comma closes it
_NESTED_WINDOW = 12  # words between a complementizer and a cue it governs
_MIN_ZONE_QUOTE_WORDS = 4  # «الشرق الأوسط» in a zone names an outlet; a quote is longer
_MAX_SUBJECT_WORDS = 10  # "غير أن المتحدث باسم وزارة التجارة الصينية غاو فنغ حذر": a long SVO subject
_SUBJECT_REACH = 3  # a clause's subject opens it or follows its verb: not an object deeper in the clause
_NAME_BEFORE_TITLE = 6  # a name (up to four words, a comma or dash) before the title it is introduced with
_TRAILING = " \t\u00a0.,،؛;:-–—"


@dataclass(frozen=True, slots=True)
class CueWords:
    """The `cues` lexicon, folded for matching."""

    verbs: dict[str, str]
    participles: dict[str, str]
    object_verbs: frozenset[str]
    pronoun_object_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    relay_verbs: frozenset[str]
    complementizers: frozenset[str]
    content_prepositions: frozenset[str]
    saying_nouns: frozenset[str]
    temporal: frozenset[str]
    attributions: tuple[tuple[str, ...], ...]
    anaphoric: tuple[tuple[str, ...], ...]
    clause_breaks: tuple[tuple[str, ...], ...]
    clause_conjunctions: tuple[tuple[str, ...], ...]
    cue_requires: dict[str, frozenset[str]]
    subordinators: frozenset[str]
    adjunct_prepositions: frozenset[str]
    relative_pronouns: frozenset[str]
    subject_openers: frozenset[str]
    cue_blockers: frozenset[str]
    utterance_nouns: frozenset[str] = frozenset()
    accusation_verbs: frozenset[str] = frozenset()
    contrastive: frozenset[str] = frozenset()
    # Every word an attribution event can start at (a superset): the scan skips the others at set-lookup cost.
    event_starters: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, cues: Mapping[str, Any]) -> CueWords:
        def forms(groups: Mapping[str, Sequence[str]]) -> dict[str, str]:
            return {match_form(f): match_form(lemma) for lemma, fs in groups.items() for f in fs}

        def folded(key: str) -> frozenset[str]:
            return frozenset(match_form(w) for w in cues.get(key, []))

        def phrases(key: str) -> tuple[tuple[str, ...], ...]:
            split = {tuple(match_form(p).replace("ـ", "").replace("ً", "").split()) for p in cues.get(key, [])}
            return tuple(sorted(split, key=len, reverse=True))

        words = cls(
            verbs=forms(cues.get("speech_verbs", {})),
            participles=forms(cues.get("participles", {})),
            object_verbs=folded("object_verbs"),
            pronoun_object_verbs=folded("pronoun_object_verbs"),
            directive_verbs=folded("directive_verbs"),
            relay_verbs=folded("relay_verbs"),
            complementizers=folded("complementizers"),
            content_prepositions=folded("content_prepositions"),
            saying_nouns=folded("saying_nouns"),
            temporal=folded("temporal_conjunctions"),
            attributions=phrases("attributions"),
            anaphoric=phrases("anaphoric_attributions"),
            clause_breaks=phrases("clause_breaks"),
            clause_conjunctions=phrases("clause_conjunctions"),
            cue_requires={match_form(lemma): frozenset(match_form(w) for w in words)
                          for lemma, words in cues.get("cue_requires", {}).items()},
            subordinators=folded("subordinators"),
            adjunct_prepositions=folded("adjunct_prepositions"),
            relative_pronouns=folded("relative_pronouns"),
            subject_openers=folded("subject_openers"),
            cue_blockers=folded("cue_blockers"),
            utterance_nouns=folded("utterance_nouns"),
            accusation_verbs=folded("accusation_verbs"),
            contrastive=folded("contrastive"),
        )
        return replace(words, event_starters=words._starters())

    def _starters(self) -> frozenset[str]:
        """The words `_SentenceReader._phrase_at` or `_cue_lemma` could match at, with their proclitics."""
        bare = {phrase[0] for phrase in (*self.anaphoric, *self.attributions) if phrase}
        bare |= set(self.verbs) | set(self.participles)
        bare |= {form + suffix for form, lemma in self.verbs.items() if lemma in self.pronoun_object_verbs
                 for suffix in ("ها", "هم", "ه")}
        return frozenset(bare | {clitic + word for word in bare for clitic in "وف"})


def _compiled(lexicons: Mapping[str, Any]) -> tuple[CueWords, SpeakerWords]:
    """The cue and speaker lexicons, folded once per loaded lexicon object."""
    return compiled(lexicons, _fold)


def _fold(lexicons: Mapping[str, Any]) -> tuple[CueWords, SpeakerWords]:
    cues = CueWords.from_lexicon(lexicons["cues"])
    speech_forms = (frozenset(cues.verbs) | frozenset(cues.participles) | cues.utterance_nouns
                    | frozenset(p[0] for p in cues.attributions if len(p) == 1)
                    | frozenset(match_form(w) for w in lexicons["cues"].get("not_names", [])))
    return cues, SpeakerWords.from_lexicons(lexicons, speech_forms)


# --------------------------------------------------------------------------- quotation marks


def quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost quotation-mark spans (mark to mark, inclusive) in text[start:end].

    Any closing mark closes any opening mark (`{…»`, `"…»`); a straight quote
    inside another quote opens a nested one. An opener left open runs to the
    end of the paragraph, or to the next opener of its kind (`«… «…»`).
    """
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    opened_at = start
    for found in _QUOTATION_CHARS.finditer(text, start, end):  # the letters in between at C speed
        index = found.start()
        char = text[index]
        if stack and char == "\n":
            spans.append((opened_at, _rstrip(text, opened_at, index)))
            stack.clear()
        elif len(stack) == 1 and char == stack[0] and char in "«“":
            spans.append((opened_at, _rstrip(text, opened_at, index)))
            opened_at = index
        elif stack and char in _CLOSING_MARKS and (char != '"' or stack[-1] == '"'):
            stack.pop()
            if not stack:
                spans.append((opened_at, index + 1))
        elif char in _OPENING_MARKS and (char != "{" or not stack):
            if not stack:
                opened_at = index
            stack.append(char)
    if stack:
        spans.append((opened_at, _rstrip(text, opened_at, end)))
    return spans


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------- events

_SPAN_INDEX: dict[int, tuple[Sequence[tuple[int, int]], list[int], list[int], list[int]]] = {}


def _spans_over(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans that overlap [start, end), in their given order.

    The spans of an article are indexed once (sorted by start, with the running maximum of their ends), so
    each sentence looks only at the spans near it: an article of thousands of sentences and quotes stays linear.
    """
    entry = _SPAN_INDEX.get(id(spans))
    if entry is None or entry[0] is not spans:
        order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        starts = [spans[k][0] for k in order]
        furthest = list(accumulate((spans[k][1] for k in order), max))
        entry = (spans, order, starts, furthest)
        _SPAN_INDEX.clear()  # one article at a time
        _SPAN_INDEX[id(spans)] = entry
    _, order, starts, furthest = entry
    hits = []
    j = bisect_left(starts, end) - 1  # spans starting before the end; walk back while one may reach the start
    while j >= 0 and furthest[j] > start:
        if spans[order[j]][1] > start:
            hits.append(order[j])
        j -= 1
    return [spans[k] for k in sorted(hits)]


def _inside_quotes(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Per token: inside some span (opening mark before it, closing mark at or after its end).

    Spans sorted by start with a running maximum of their ends: one bisection per token, not one
    comparison per token and span (a long paragraph can hold thousands of each).
    """
    if not spans:
        return [False] * len(tokens)
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    furthest = list(accumulate((end for _, end in ordered), max))
    inside = []
    for token in tokens:
        opened = bisect_left(starts, token.start)  # spans starting strictly before the token
        inside.append(opened > 0 and furthest[opened - 1] >= token.end)
    return inside


@dataclass(slots=True)
class Event:
    """One attribution: a cue, who (a phrase, or None for 'the current subject'), and content spans."""

    cue: str
    position: int
    phrase: Phrase | None
    quotes: list[tuple[int, int, str]]
    subordinate: bool = False
    co_speakers: list[Phrase] = field(default_factory=list)
    sentence_subject: Phrase | None = None
    statement_issuer: Phrase | None = None


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Lexicon phrases by their first word (built once per phrase list, through `compiled`)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


class _SentenceReader:
    """Finds the attribution events of one sentence."""

    def __init__(self, text: str, sentence: Sentence, cues: CueWords, words: SpeakerWords,
                 entities: Mapping[int, tuple[int, str]], quote_spans: Sequence[tuple[int, int]]):
        self.text = text
        self.sentence = sentence
        self.tokens: list[Token] = sentence.tokens
        self.norms = [t.norm for t in self.tokens]
        self.cues = cues
        self.words = words
        self.parser = PhraseParser(text, self.tokens, words, entities)
        self.starts = [t.start for t in self.tokens]
        self.quote_spans = _spans_over(quote_spans, sentence.start, sentence.end)
        self.inside = _inside_quotes(self.tokens, self.quote_spans)
        self._conjunctions: list[int] | None = None  # token indexes where a clause conjunction starts

    # ---------------------------------------------------------------- helpers

    def _cue_lemma(self, i: int) -> tuple[str, bool] | None:
        """(lemma, is_participle) of a cue word at token i, proclitics و/ف allowed."""
        norm = self.norms[i]
        candidates = [norm]
        if norm[:1] in "وف" and len(norm) > 3:
            candidates.append(norm[1:])
        for form in candidates:
            if form in self.cues.verbs:
                return self.cues.verbs[form], False
            if form in self.cues.participles:
                return self.cues.participles[form], True
            for suffix in ("ها", "هم", "ه"):
                if suffix == "ه" and self.tokens[i].text.endswith("ة"):
                    continue  # "عدة" (several) is no "عدّه"
                if form.endswith(suffix) and form[: -len(suffix)] in self.cues.verbs and \
                        self.cues.verbs[form[: -len(suffix)]] in self.cues.pronoun_object_verbs:
                    return self.cues.verbs[form[: -len(suffix)]], False
        return None

    def _phrase_at(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
        """Length of the lexicon phrase at token i (a leading و allowed), or 0."""
        first = self.norms[i] if i < len(self.norms) else ""
        index = compiled(phrases, _by_first_word)
        candidates = index.get(first, ())
        if first[:1] == "و":
            candidates = (*candidates, *index.get(first[1:], ()))
        for phrase in sorted(candidates, key=len, reverse=True) if len(candidates) > 1 else candidates:
            window = self.norms[i:i + len(phrase)]
            if len(window) != len(phrase):
                continue
            if all(self._equal(a, b) for a, b in zip(window[1:], phrase[1:])):
                return len(phrase)
        return 0

    @staticmethod
    def _equal(word: str, lexicon_word: str) -> bool:
        return word == lexicon_word or (lexicon_word in ("ل", "لـ") and word in ("ل", "لـ"))

    def _is_complementizer(self, i: int) -> bool:
        if self.norms[i] not in self.cues.complementizers or self.inside[i]:
            return False
        before = self.text[self.tokens[i].start - 1] if self.tokens[i].start else " "
        if not (before.isspace() or before in "،,:(\"«“"):
            return False  # "سي.إن.إن" is a name, not a complementizer
        return i == 0 or self.norms[i - 1] not in self.cues.temporal  # "قبل أن" is no reported speech

    def _contrastive(self, i: int) -> bool:
        """`إلا أنها تداركت`, `غير أنه قال`: أن after إلا/غير means 'but', so the cue after it is an attribution."""
        return i > 0 and self.norms[i - 1] in self.cues.contrastive and not self.inside[i - 1]

    def _opens_quote(self, i: int) -> bool:
        return self.tokens[i].text in _OPENING_MARKS and not (i > 0 and self.inside[i - 1] and self.inside[i])

    def _quote_starting_at(self, offset: int) -> tuple[int, int] | None:
        return next((s for s in self.quote_spans if s[0] == offset), None)

    def clause_end(self, i: int, stops: Sequence[int]) -> int:
        """Offset where the clause whose content starts at token i ends."""
        end = self.sentence.end
        for j in range(i, len(self.tokens)):
            if self.inside[j]:
                continue
            if j in stops and j > i or (j > i and self._phrase_at(j, self.cues.clause_breaks)):
                if j in stops and j - 2 > i and self._is_complementizer(j - 1) and self._contrastive(j - 1):
                    j -= 2  # "..., إلا أنه حذر": the quote ends before إلا
                end = self.tokens[j].start
                break
        return end

    # ---------------------------------------------------------------- content

    def content(self, i: int, stops: Sequence[int], *, directive: bool = False) -> list[tuple[int, int, str]]:
        """Quotes whose content starts at token i: one direct or indirect span, or a coordinated pair."""
        if i >= len(self.tokens):
            return []
        end = self.clause_end(i, stops)
        start = self.tokens[i].start
        if self.tokens[i].text in _OPENING_MARKS:
            span = self._quote_starting_at(start)
            if span:
                after_close = self.text[span[1]:max(end, span[1])]
                if not after_close.strip(_TRAILING + "»”\"'") or span[1] >= end:
                    return self._direct(span)
                tail = self._coordinated(span[1], end, stops)
                if tail is not None:
                    return self._direct(span) + tail
        if directive:
            return []  # a directive reports speech only through quoted words
        end = self._trim(start, end)
        return [(start, end, "indirect")] if end > start else []

    def _direct(self, span: tuple[int, int]) -> list[tuple[int, int, str]]:
        inner_start = span[0] + 1
        inner_end = span[1] - 1 if self.text[span[1] - 1] in _CLOSING_MARKS and span[1] - 1 > span[0] else span[1]
        while inner_start < inner_end and self.text[inner_start].isspace():
            inner_start += 1
        inner_end = _rstrip(self.text, inner_start, inner_end)
        return [(inner_start, inner_end, "direct")] if inner_end > inner_start else []

    def _coordinated(self, offset: int, end: int, stops: Sequence[int]) -> list[tuple[int, int, str]] | None:
        """`"…" وإن …`: a second complementizer after a quote opens a second quote."""
        j = bisect_left(self.starts, offset)  # the first token at or after the offset
        if j == len(self.tokens):
            return None
        norm = self.norms[j]
        if norm[:1] == "و" and norm[1:] in self.cues.complementizers and self.tokens[j].start < end:
            return self.content(j + 1, stops)
        return None

    def _trim(self, start: int, end: int) -> int:
        while end > start and self.text[end - 1] in _TRAILING:
            end -= 1
        return end

    def opener(self, i: int, limit: int) -> int | None:
        """Index of the first content token after an opener found from token i (before `limit`)."""
        j = i
        while j < min(limit, i + _MAX_ZONE_WORDS, len(self.tokens)):
            if self.inside[j] and not self._opens_quote(j):
                j += 1
                continue
            norm = self.norms[j]
            if norm in self.cues.saying_nouns:
                later = self.opener(j + 1, min(limit, j + 1 + _MAX_ZONE_WORDS))
                if later is not None:
                    return later
                k = j + 1
                while k < len(self.tokens) and self.norms[k] in ("،", ","):
                    k += 1
                return k
            if self._is_complementizer(j):
                return j + 1
            if norm == ":":
                return j + 1
            if self._opens_quote(j) and (j == i or self._quoted_words(j) >= _MIN_ZONE_QUOTE_WORDS):
                return j
            j += 1
        return None

    def _quoted_words(self, i: int) -> int:
        span = self._quote_starting_at(self.tokens[i].start)
        return len(self.text[span[0]:span[1]].split()) if span else 0

    # ---------------------------------------------------------------- events

    def events(self) -> list[Event]:
        """Attribution events in text order; cues inside quotes or governed by another cue are left out."""
        found: list[tuple[int, str, Any]] = []
        i = 0
        while i < len(self.tokens):
            if self.inside[i] or self.norms[i] not in self.cues.event_starters:
                i += 1
                continue
            length = self._phrase_at(i, self.cues.anaphoric)
            if length:
                found.append((i, "anaphoric", length))
                i += length
                continue
            length = self._phrase_at(i, self.cues.attributions)
            if length:
                found.append((i, "attribution", length))
                i += length
                continue
            cue = self._cue_lemma(i)
            if cue and cue[0] in self.cues.cue_requires and not (
                    self.cues.cue_requires[cue[0]] & set(self.norms[i + 1:i + _REQUIRED_WORD_WINDOW])):
                cue = None  # "عبر قناة": a preposition; "عبر عن": a cue
            if cue and i > 0 and ((self._is_complementizer(i - 1) and not self._contrastive(i - 1)) or (
                    self.norms[i - 1].removeprefix("و") in self.cues.cue_blockers) or (
                    self.norms[i - 1] in self.cues.relative_pronouns and self.parser.parse(i + 1) is None)):
                cue = None  # "إنه أبلغ", "لم يذكر اسمه", "الجهة التي أصدرت الأوامر": not an attribution
            if cue:
                found.append((i, "participle" if cue[1] else "verb", cue[0]))
            i += 1
        first_verb = min((index for index, kind, _ in found if kind == "verb"), default=None)
        found = [f for f in found if not self._nested(f, first_verb)]
        stops = [index for index, _, _ in found]
        events = []
        for index, kind, detail in found:
            event = self._event(index, kind, detail, stops)
            if event:
                if kind == "anaphoric":
                    self._after_subjects(event, events)
                events.append(event)
        return events

    def _after_subjects(self, event: Event, earlier: Sequence[Event]) -> None:
        """`تعهد الوزير، كريم، اليوم، بالقضاء على الفساد بحسب تعبيره`: the content follows the subject and adjuncts."""
        if any(e.quotes for e in earlier):
            event.quotes = []  # "وقال إن ...، على حد تعبيره": the attribution only repeats who said it
            return
        subject_ends = [e.phrase.last for e in earlier if e.phrase is not None]
        if not subject_ends or not event.quotes:
            return
        j = max(subject_ends)
        while j < len(self.tokens) and (self.parser.is_punct(j) and not self._opens_quote(j)
                                         or self.norms[j] in self.words.time_words):
            j += 1
        if j >= len(self.tokens):
            return
        start, end, kind = event.quotes[0]
        if self.tokens[j].start > start:
            event.quotes[0] = (self.tokens[j].start, end, kind) if self.tokens[j].start < end else (start, start, kind)
            event.quotes = [q for q in event.quotes if q[1] > q[0]]

    def _nested(self, item: tuple[int, str, Any], first_verb: int | None) -> bool:
        """`قال X إن Y يعتقد أن ...`: a bare finite cue inside earlier reported content is part of it.

        That is: a complementizer after some earlier cue verb and within the window before this one; the
        earliest cue verb of the sentence leaves the widest room, so it alone decides (one look, not one per verb).
        """
        index, kind, _ = item
        if kind != "verb" or self.norms[index][:1] in "وف" or self._phrase_at(index - 1, self.cues.clause_conjunctions):
            return False
        if index > 0 and self._is_complementizer(index - 1) and self._contrastive(index - 1):
            return False  # "..., إلا أنه حذر": the narrator goes on
        if first_verb is None or first_verb >= index:
            return False
        return any(self._is_complementizer(j) for j in range(max(first_verb + 1, index - _NESTED_WINDOW), index))

    def _written(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start:self.tokens[last - 1].end]

    def _event(self, i: int, kind: str, detail: Any, stops: list[int]) -> Event | None:
        if kind in ("attribution", "anaphoric"):
            return self._attribution(i, detail, stops, anaphoric=kind == "anaphoric")
        lemma = detail
        cue_text = self.tokens[i].text
        next_stop = next((s for s in stops if s > i), len(self.tokens))
        first = i + 1
        while first < len(self.tokens) and self.norms[first] in ("،", ","):
            first += 1
        phrase = None
        co_speakers: list[Phrase] = []
        if lemma in self.cues.relay_verbs:
            phrase, first = self._relayed(first, next_stop)
            if phrase is None:
                return None
        elif kind == "verb":
            phrase, co_speakers, first = self._verb_subject(i, first, next_stop)
        start = self.opener(first, next_stop)
        directive = lemma in self.cues.directive_verbs
        if start is None and not directive:
            prepositional = self._prepositional_content(first, next_stop)
            if prepositional is not None:
                start = prepositional
            elif lemma in self.cues.object_verbs:
                start = self._object_start(first, next_stop)
        if directive and start is None:
            start = next((j for j in range(first, next_stop) if self._opens_quote(j)), None)
        quotes = self.content(start, stops, directive=directive) if start is not None else []
        event = Event(cue_text, self.tokens[i].start, phrase, quotes,
                      subordinate=i > 0 and self.norms[i - 1] in self.cues.subordinators, co_speakers=co_speakers)
        if phrase is None and (kind == "participle" or self.norms[i][:1] in "وف"):
            event.sentence_subject = self._subject_before(i)
        return event

    def _verb_subject(self, i: int, first: int, limit: int) -> tuple[Phrase | None, list[Phrase], int]:
        """The subject of a finite cue at i, its co-speakers, and where its content may start."""
        if self._after_kana(i):
            phrase = self._subject_just_before(i)  # "وكان القاضي كفانو قد نفى مزاعم ...": SVO
            if phrase:
                return phrase, [], first
        phrase = self.parser.parse(first, loose_name=first == i + 1)
        if phrase is None or phrase.last > limit:
            phrase = self._subject_candidate(i + 1, limit)
        if phrase is None:  # "وقال" opens a clause: its subject cannot precede it
            return (None if self.norms[i][:1] == "و" else self._subject_just_before(i)), [], first
        if self._accused(i, phrase):  # "وتتهم موسكو بعرقلة ...": Moscow is accused; the subject was dropped
            return (None if self.norms[i][:1] in "وف" else self._subject_just_before(i)), [], first
        if phrase.kind == "state":
            phrase = self.parser.issuing_body(phrase) or phrase
        co_speakers = self.parser.conjuncts(phrase)
        return phrase, co_speakers, (co_speakers[-1] if co_speakers else phrase).last

    def _accused(self, i: int, phrase: Phrase) -> bool:
        """After an accusation verb, a phrase right after the verb and followed by the charge (ب+noun) is its object."""
        lemma = self._cue_lemma(i)
        if lemma is None or lemma[0] not in self.cues.accusation_verbs or phrase.first != i + 1:
            return False
        following = self.norms[phrase.last] if phrase.last < len(self.norms) else ""
        return following[:1] == "ب" and len(following) > 3 and following not in self.words.function_words

    def _after_kana(self, i: int) -> bool:
        """`كان X قد قال`, `كان X أكد`: the cue follows its subject, with كان a few words before."""
        if i > 1 and self.norms[i - 1] in ("قد", "لقد"):
            return any(self.norms[j].removeprefix("و") in ("كان", "كانت") for j in range(max(0, i - 10), i - 1))
        kana = next((j for j in range(i - 1, max(-1, i - 10), -1)
                     if self.norms[j].removeprefix("و") in ("كان", "كانت")), None)
        return kana is not None and kana < i - 1 and not any(self.parser.is_punct(j) for j in range(kana, i))

    def _subject_just_before(self, i: int) -> Phrase | None:
        """SVO order: `أما والين فقال`, `أن بوتين قال`."""
        if i > 0 and self.norms[i - 1] in ("قد", "لقد"):
            i -= 1  # "وكان المتحدث أحمد فوزي قد قال"
        for first in range(max(i - _MAX_SUBJECT_WORDS, 0), i):  # the longest phrase ending at the verb
            opened = first == 0 or self.parser.is_punct(first - 1) or self.norms[first - 1] in self.cues.subject_openers
            if opened and not self.inside[first]:
                phrase = self.parser.parse(first, loose_name=True)
                if phrase and phrase.last == i and phrase.kind in ("person", "office", "group", "institution"):
                    return phrase
        return None

    def _relayed(self, first: int, limit: int) -> tuple[Phrase | None, int]:
        """`نقلت الوكالة عن X قوله`: X, and where X's words start."""
        for j in range(first, min(limit, first + 12)):
            if self.norms[j] in ("عن", "الي", "الى") or (self.norms[j].startswith("عن") and j > first):
                phrase = self.parser.parse(j + 1, loose_name=True)
                if phrase:
                    return phrase, phrase.last
        return None, first

    def _subject_candidate(self, first: int, limit: int) -> Phrase | None:
        """A subject after adjuncts: the first phrase not governed by a preposition."""
        j = first
        while j < min(limit, first + _MAX_ZONE_WORDS):
            if self.inside[j] or self._is_complementizer(j) or self.norms[j] == ":" or self._opens_quote(j):
                return None
            if not self._governed(j) and not self.parser.is_punct(j):
                phrase = self.parser.parse(j)
                if phrase and phrase.kind != "state" and phrase.last <= limit:
                    return phrase
            j += 1
        return None

    def _governed(self, j: int) -> bool:
        """A word after a preposition (or glued to one) is an object, never a subject."""
        previous = self.norms[j - 1] if j > 0 else ""
        return (previous in self.words.function_words or previous in self.cues.content_prepositions
                or self.parser.is_prepositional(j) or (j > 0 and self.parser.is_prepositional(j - 1)))

    def _after_last_conjunction(self, i: int) -> int:
        """Just after the last clause conjunction before token i (0 if none); found once per sentence."""
        if self._conjunctions is None:
            self._conjunctions = [j for j in range(len(self.norms))
                                  if self._phrase_at(j, self.cues.clause_conjunctions)]
        before = bisect_left(self._conjunctions, i)
        return self._conjunctions[before - 1] + 1 if before else 0

    def _subject_before(self, i: int) -> Phrase | None:
        """The subject of the clause's main verb, for a cue with no subject of its own."""
        clause_start = self._after_last_conjunction(i)
        opening = self.norms[clause_start].removeprefix("و") if clause_start < len(self.norms) else ""
        adjunct = 10 if opening in self.words.function_words else 4  # "وفي كلمة خلال الجمعية العامة، رفض الرئيس"
        for k in range(clause_start, min(i, clause_start + adjunct)):  # "من جهتها، استنكرت الأمانة ...": after it
            if self.norms[k] in ("،", ","):
                clause_start = k + 1
                break
        for j in range(clause_start, min(i, clause_start + _SUBJECT_REACH)):
            if self.inside[j] or self.parser.is_punct(j) or self._governed(j):
                continue
            phrase = self.parser.parse(j, loose_name=j > 0 and self._cue_lemma(j - 1) is not None)
            if phrase and phrase.last <= i and phrase.kind != "statement":
                return phrase
        return None

    def _prepositional_content(self, first: int, limit: int) -> int | None:
        """`أشار إلى تداعيات ...`, `متسائلا عن هوية ...`: content after the preposition."""
        j = first
        while j < min(limit, len(self.tokens)) and self.norms[j] in ("،", ",", "بالتالي", "ايضا", "كذلك"):
            j += 1
        if j < len(self.tokens) - 1 and self.norms[j] in self.cues.content_prepositions \
                and not self.parser.is_punct(j + 1):
            return j + 1
        return None

    def _object_start(self, first: int, limit: int) -> int | None:
        """Where a plain-object content starts: after commas, comma-closed adjuncts and time words."""
        j = first
        if j > 0 and self.norms[j - 1] in ("،", ","):  # "نفى، متحدثا من بيروت، تقديم ...": a parenthetical
            closing = next((k for k in range(j, min(limit, j + 10)) if self.norms[k] in ("،", ",")), None)
            if closing is not None:
                j = closing + 1
        while j < min(limit, len(self.tokens)):
            norm = self.norms[j]
            if norm in ("،", ","):
                j += 1
            elif norm in self.words.time_words:
                j += 1
            elif self.parser.is_prepositional(j) or norm.removeprefix("و") in self.cues.adjunct_prepositions or \
                    self._cue_lemma(j):
                comma = next((k for k in range(j, min(limit, j + _ADJUNCT_WORDS + 2)) if self.norms[k] in ("،", ",")),
                             None)
                if comma is not None:
                    j = comma + 1
                elif self._cue_lemma(j):
                    return None
                else:
                    j += 1 + _ADJUNCT_WORDS  # "ونفت موسكو في وقت سابق وجود ...": preposition, noun, modifier
            else:
                return j if not self.parser.is_punct(j) or self._opens_quote(j) else None
        return None

    def _attribution(self, i: int, length: int, stops: list[int], *, anaphoric: bool) -> Event | None:
        """`…, بحسب X` (content before) or `بحسب X، …` (content after)."""
        cue_text = self._written(i, i + length)
        phrase = None
        issuer = None
        after = i + length
        if not anaphoric:
            if after < len(self.tokens) - 1 and self.norms[after] in self.cues.utterance_nouns:
                after += 1  # "وفق تحذير مبعوث الأمم المتحدة": the envoy speaks, not the warning
            phrase = self.parser.parse(after, loose_name=True)
            if phrase is None:
                return None
            if phrase.kind == "statement":
                issuer = self._statement_issuer(phrase.last)
                if issuer is None:
                    phrase = None
            elif phrase.role == "media":
                return None  # a conduit, not a speaker
            after = phrase.last if phrase else after
        before_start = self._clause_start(i, stops)
        saying = after < len(self.tokens) and (self.norms[after] in self.cues.saying_nouns or self.norms[after] == ":")
        if before_start is not None and not saying:  # "نقلا عن مصدر قوله: ..." reports what follows
            start = self.tokens[before_start].start
            end = self._trim(start, self.tokens[i].start)
            quotes = [(start, end, "indirect")] if end > start else []
        else:
            start = self.opener(after, len(self.tokens))
            quotes = self.content(start if start is not None else after, stops) if after < len(self.tokens) else []
        event = Event(cue_text, self.tokens[i].start, phrase if issuer is None else None, quotes)
        event.statement_issuer = issuer
        return event

    def _statement_issuer(self, j: int) -> Phrase | None:
        """`بيان صدر عن الرئاسة التركية`, `بيان للشرطة`: the issuer after عن or ل."""
        for k in range(j, min(j + 4, len(self.tokens))):
            if self.norms[k] in ("عن", "من"):
                return self.parser.parse(k + 1, loose_name=True)
            if self.norms[k][:1] == "ل":
                return self.parser.organization_after_lam(k)
        return None

    def _clause_start(self, i: int, stops: list[int]) -> int | None:
        """Start of the clause an attribution at token i follows, or None when it opens the sentence."""
        previous_stops = [s for s in stops if s < i]
        first = previous_stops[-1] + 1 if previous_stops else 0
        while first < i and (self.parser.is_punct(first) and not self._opens_quote(first)):
            first += 1
        while first < i and self.norms[first] in ("و", "وقد", "قد", "ف"):
            first += 1
        if i - first < 3:
            return None
        return first


# --------------------------------------------------------------------------- article


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


def _headline_event(text: str, section: Section, sentence: Sentence | None, words: SpeakerWords,
                    entities: Mapping[int, tuple[int, str]]) -> Event | None:
    """`X: statement` in a headline, X being a speaker phrase."""
    colon = section.text.find(":")
    if colon <= 0 or sentence is None or len(section.text[:colon].split()) > 6:
        return None
    parser = PhraseParser(text, sentence.tokens, words, entities)
    phrase = parser.parse(0, loose_name=True)
    if phrase is None:
        return None
    addressee = next((k for k in range(phrase.first + 1, phrase.last) if sentence.tokens[k].norm.startswith("ل")
                      and phrase.kind == "person"), None)
    if addressee is not None:  # "بحاح لولد الشيخ: ...": the addressee is not part of the speaker
        phrase = PhraseParser(text, sentence.tokens[:addressee], words, entities).parse(0, loose_name=True)
        if phrase is None:
            return None
    start = section.start + colon + 1
    while start < section.end and text[start].isspace():
        start += 1
    end = _rstrip(text, start, section.end)
    return Event(":", section.start, phrase, [(start, end, "indirect")] if end > start else [])


def extract_speakers(text: str, sections: Sequence[Section], sentences: Sequence[Sentence],
                     entities: Sequence[Entity], lexicons: Mapping[str, Any]) -> list[Speaker]:
    """Every speaker of one article scope, once, with all their quotes in text order."""
    cues, words = _compiled(lexicons)
    starts = entity_starts(entities)
    quote_spans = [span for section in sections if section.kind not in ("headline", "related_title")
                   for span in quotation_spans(text, section.start, section.end)]
    headline_sections = [s for s in sections if s.kind in ("headline", "related_title")]
    body_sentences = [s for s in sentences if not any(h.start <= s.start < h.end for h in headline_sections)]
    introductions, titles = _introductions(text, body_sentences, words, starts)
    book = SpeakerBook(introductions, words.anaphoric_titles, titles)

    last_subject: SpeakerRecord | None = None
    for sentence in body_sentences:
        if cues.event_starters.isdisjoint([token.norm for token in sentence.tokens]):
            continue  # no cue can start here (most sentences): skip building the reader
        reader = _SentenceReader(text, sentence, cues, words, starts, quote_spans)
        sentence_record: SpeakerRecord | None = None
        for event in reader.events():
            record = _speaker_of(event, book, sentence_record, last_subject)
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
            last_subject = record
    for section in headline_sections:
        sentence = next((s for s in sentences if section.start <= s.start < section.end), None)
        event = _headline_event(text, section, sentence, words, starts)
        if event is not None:
            _attach_headline(event, book, text)
    return [_speaker(record) for record in book.records if record.quotes]


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


def _attach_headline(event: Event, book: SpeakerBook, text: str) -> None:
    """A headline label is a mention of a body speaker it names, or a speaker of its own."""
    phrase = event.phrase
    record = book.find(phrase)
    if record is None and phrase.kind == "group" and phrase.title:
        adjectives = set(comparable_words(phrase.title)[1:])  # "مسؤولة روسية" → the spokeswoman of the Russian ministry
        record = next((r for r in book.records if r.kind == "person" and r.title and
                       adjectives & set(comparable_words(r.title))), None)
    if record is None:
        first_person = any(_first_person(text[s:e]) for s, e, _ in event.quotes)
        if (phrase.kind == "state" and not first_person) or (phrase.kind == "person" and not phrase.title):
            return  # a topic label ("العراق: ...") or an unknown word read as a name ("مهرجان كان: ...")
        record = book.resolve(phrase, -1)
    record.add_mention(phrase.surface)
    for start, end, kind in event.quotes:
        record.quotes.insert(0, Quote(text[start:end], kind, ":", start, end))


def _first_person(statement: str) -> bool:
    """A statement in the first person plural ("لم نتخذ قرارا بشأن سفارتنا"): a state speaking, not a topic."""
    words = [w for w in match_form(statement).split()[:8] if w.isalpha()]
    content = [w for w in words if w not in ("لم", "لن", "لا", "ما", "قد", "سوف")]
    return any(len(w) > 3 and w.endswith("نا") for w in words) or bool(
        content and len(words) > len(content) and words[0] != content[0] and content[0].startswith("ن"))


def _speaker(record: SpeakerRecord) -> Speaker:
    """The public record: a name for people and bodies, a title and organization for people, offices and groups."""
    name = record.name if record.kind in ("person", "institution", "state") else None
    title = record.title if record.kind in ("person", "office", "group") else None
    organization = record.organization if record.kind in ("person", "office", "group") else None
    quotes = sorted(record.quotes, key=lambda q: q.start)
    role = record.role if record.role in SPEAKER_ROLES else "other"
    return Speaker(name, title, organization, role, quotes, list(record.mentions))
