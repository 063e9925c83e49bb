"""The attribution events of one sentence.

A sentence holds events of four shapes:

* a cue verb (`قال`, `وأضافت`, `يؤكد` ...) with its subject after it (VSO),
  before it (`أما والين فقال`), or dropped (the previous speaker goes on);
* a participle continuing the clause's subject (`..., مشيرا إلى أن`);
* a relay (`نقلت الوكالة عن X قوله`): X speaks, the relaying outlet does not;
* a nominal attribution (`بحسب X`, `حسب ما يقول X`, `وفقا لـX`) about the
  clause before it.

The content of an event is what follows its opener (a complementizer, a
colon, a quotation mark, `بالقول`) up to the end of the clause. It is a
`direct` quote when the quotation marks enclose all of it (marks excluded),
and `indirect` otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsan.arabic.clitics import CONJUNCTIONS, OBJECT_ENCLITICS, WAW
from newsan.attribution.content import ContentReader
from newsan.attribution.sentence import Event
from newsan.attribution.subjects import SubjectFinder
from newsan.attribution.tokens import Phrase

_REQUIRED_WORD_WINDOW = 10  # how far a cue's required word (عبر ... عن) may follow
_OBJECT_REACH = 8  # "في بيان نشره الجمعة الجزائر، من": an adjunct and an object before the preposition
_NESTED_WINDOW = 12  # words between a complementizer and a cue it governs


class SentenceReader(ContentReader, SubjectFinder):
    """Finds the attribution events of one sentence."""

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
            length = self._reported_attribution(i) or self._phrase_at(i, self.cues.attributions)
            if length:
                found.append((i, "attribution", length))
                i += length
                continue
            cue = self._cue_lemma(i) if not self._phrase_at(i, self.cues.non_speech_idioms) else None
            if cue and cue[0] in self.cues.cue_requires and not (
                    self.cues.cue_requires[cue[0]] & set(self.norms[i + 1:i + _REQUIRED_WORD_WINDOW])):
                cue = None  # "عبر قناة": a preposition; "عبر عن": a cue
            blocked = cue and i > 0 and self.norms[i - 1].removeprefix(WAW) in self.cues.cue_blockers \
                and not self._negated_stance(i, cue[0])
            if cue and i > 0 and ((self._is_complementizer(i - 1) and not self._contrastive(i - 1)) or blocked or (
                    self.norms[i - 1].removeprefix(WAW) in self.cues.relative_pronouns and self._no_report(i, cue[0]))):
                cue = None  # "إنه أبلغ", "لم يذكر اسمه", "الجهة التي أصدرت الأوامر": not an attribution
            if cue and self._names_an_identity(i):
                cue = None  # "لم تشأ كشف هويتها", "رفض ذكر اسمه": an identity kept or told, not a report
            if cue and self.norms[i].removeprefix(WAW) in self.cues.impersonal_forms and i + 1 < len(self.tokens) \
                    and self._is_complementizer(i + 1):
                cue = None  # "ويذكر أن": an editorial aside
            if cue:
                found.append((i, "participle" if cue[1] else "verb", cue[0]))
            i += 1
        first_verb = min((index for index, kind, _ in found if kind == "verb"), default=None)
        found = [f for f in found if not self._nested(f, first_verb)]
        stops = [index for index, _, _ in found]
        events: list[Event] = []
        for index, kind, detail in found:
            event = self._event(index, kind, detail, stops)
            if event:
                if kind == "anaphoric":
                    self._after_subjects(event, events)
                events.append(event)
        return events

    def _after_object(self, first: int, limit: int, preposition: str) -> int | None:
        """`حذر الصندوق في بيان الجزائر، من مخاطر ...`: the content after the cue's preposition, past an object."""
        for k in range(first, min(limit, first + _OBJECT_REACH, len(self.tokens) - 1)):
            if self.inside[k] or self._is_complementizer(k):
                return None
            if self.norms[k] == preposition:  # "حذر من أن ...": the complementizer opens the content
                return None if self._is_complementizer(k + 1) else k + 1
        return None

    def _relative_content(self, i: int, start: int) -> int | None:
        """The content of a cue in a relative clause, or None when the clause only describes its antecedent.

        The resumptive pronoun tells: on a preposition right before the content, the clause reports
        ("الحادثة التي أكدت القوات فيها مقتل 100 شخص"); on the cue or the object, it describes
        ("الاتفاق الذي أعلن ترامب الانسحاب منه", "العقوبات التي أعلنت الرياض فرضها").
        """
        def resumptive(k: int) -> bool:  # the written ه, not a ta marbuta the folded form turned into one
            return k < len(self.tokens) and len(self.norms[k]) > 2 and self.tokens[k].text.endswith(OBJECT_ENCLITICS)

        if self.norms[start] in self.words.function_words and resumptive(start):
            return start + 1
        return None if any(resumptive(k) for k in (i, start, start + 1)) else start

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
        if kind != "verb" or self.norms[index][:1] in CONJUNCTIONS \
                or self._phrase_at(index - 1, self.cues.clause_conjunctions):
            return False
        if any(self._is_complementizer(j) and self._contrastive(j) for j in range(max(index - 4, 0), index)):
            return False  # "..., إلا أنه حذر", "غير أن إسرائيل تعتبر": the narrator goes on
        if first_verb is None or first_verb >= index:
            return False
        return any(self._is_complementizer(j) for j in range(max(first_verb + 1, index - _NESTED_WINDOW), index))

    def _event(self, i: int, kind: str, detail: Any, stops: list[int]) -> Event | None:
        if kind in ("attribution", "anaphoric"):
            return self._attribution(i, detail, stops, anaphoric=kind == "anaphoric")
        lemma = detail
        cue_text = self.tokens[i].text
        next_stop = next((s for s in stops if s > i), len(self.tokens))
        first = self._after_cue(i, lemma)
        phrase = None
        co_speakers: list[Phrase] = []
        if lemma in self.cues.relay_verbs:
            phrase, first = self._relayed(first, next_stop)
            if phrase is None:
                return None
        elif kind == "verb" and self.describes(i):
            phrase, first = self._description_subject(first)
        elif kind == "verb":
            if self._document_subject(i, first):
                return None
            phrase, co_speakers, first = self._verb_subject(i, first, next_stop)
        # "تعهد بالانتهاء من ...": a pledge's content comes before any complementizer further on
        start = self._glued_content(lemma, first, next_stop, phrase is not None)
        if start is None and lemma in self.cues.object_prepositions:  # "حث ... على مواصلة "الضبط المالي""
            start = self._after_object(first, next_stop, self.cues.object_prepositions[lemma])
        if start is None:
            start = self.opener(first, next_stop)
        if start is None and first < next_stop and self.describes(i):
            start = first  # "ما وصفه بالعمق الاستراتيجي": the description itself, not a later preposition's object
        relative = start is None and i > 0 and self.norms[i - 1] in self.cues.relative_pronouns
        directive = lemma in self.cues.directive_verbs
        if start is None and not directive:
            prepositional = self._prepositional_content(first, next_stop)
            if prepositional is not None:
                start = prepositional
            elif lemma in self.cues.object_verbs:
                start = self._object_start(first, next_stop)
                if start is not None and phrase is None and self._lone_word(start, next_stop):
                    start = None  # "كما أكد الموقع.": a subject the reader did not take; "نفت الأمر" after one is
        if directive and start is None:
            start = next((j for j in range(first, next_stop) if self._opens_quote(j)), None)
        if relative and start is not None:
            start = self._relative_content(i, start)
        quotes = self.content(start, stops, directive=directive) if start is not None else []
        if not quotes and phrase is not None:
            quotes = self._as_reported(i, stops)
        bare = self.opens_content(first)  # nothing between the cue and its content (see Event.bare)
        event = Event(cue_text, self.tokens[i].start, phrase, quotes, co_speakers=co_speakers, bare=bare,
                      subordinate=i > 0 and self.norms[i - 1] in self.cues.subordinators)
        if phrase is None and (kind == "participle" or self.norms[i][:1] in CONJUNCTIONS or self.describes(i)
                               or (i > 0 and self.norms[i - 1] in self.cues.pronoun_conjunctions)):
            event.sentence_subject = self._subject_before(i)
        return event

    def _attribution(self, i: int, length: int, stops: list[int], *, anaphoric: bool) -> Event | None:
        """`…, بحسب X` (content before) or `بحسب X، …` (content after)."""
        cue_text = self._written(i, i + length)
        phrase = None
        issuer = None
        after = i + length
        if not anaphoric:
            if after < len(self.tokens) - 1 and self.norms[after] in self.cues.source_nouns:
                after += 1  # "وفق تحذير مبعوث الأمم المتحدة", "وفقا لأرقام الوزارة": the envoy, the ministry speak
            verb_completed = self.cues.speech_verb(self.norms[after - 1])
            if verb_completed and after < len(self.norms) and self.norms[after] in self.cues.relative_resumptives:
                after += 1  # "بحسب ما صرح به الوزير"
            phrase = self.parser.parse(after, loose_name=True, source=True)
            if phrase is None and not (verb_completed and self._subject_dropped(i, after, stops)):
                return None
            if phrase is not None and phrase.kind == "statement":
                issuer = self._statement_issuer(phrase.last)
                if issuer is None:
                    phrase = None
            after = phrase.last if phrase else after
        consequent = self._after_consequent(after)
        before_start = self._clause_start(i, stops) if consequent is None else None
        start: int | None
        saying = after < len(self.tokens) and (self.norms[after] in self.cues.saying_nouns or self.norms[after] == ":")
        if before_start is not None and not saying and phrase is not None and phrase.role == "media" \
                and self._after_event(i, stops):
            return None  # "قال X إن ...، وفقا لوكالة فرانس برس": the outlet relays X's words, it says nothing
        if before_start is not None and not saying:  # "نقلا عن مصدر قوله: ..." reports what follows
            quotes = self._clause_before(before_start, i)
        else:
            start = consequent if consequent is not None else self.opener(after, len(self.tokens))
            if start is None:  # "بحسب وزارة الصحة، ارتفع ...": the comma after the source opens no content
                start = self._past_commas(after)
            quotes = self.content(start, stops) if start < len(self.tokens) else []
        speaker = phrase if issuer is None else None
        co_speakers = self.parser.conjuncts(speaker) if speaker else []  # "بحسب ما ذكر المرصد والفرقة نفسها"
        event = Event(cue_text, self.tokens[i].start, speaker, quotes, co_speakers=co_speakers)
        event.statement_issuer = issuer
        return event
