"""What a cue reports: where its content opens (a complementizer, a colon, a quotation mark,
`بالقول`, a preposition or a plain object), where the clause ends, and whether the quote is direct.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from newsan.arabic.clitics import BA, WAW
from newsan.attribution.quotation import CLOSING_MARKS, end_before_space
from newsan.attribution.sentence import MAX_ZONE_WORDS, TRAILING, SentenceTokens
from newsan.attribution.tokens import COMMAS

_ADJUNCT_WORDS = 2  # words of an adjunct's noun phrase skipped when no comma closes it
_MIN_ZONE_QUOTE_WORDS = 4  # «الشرق الأوسط» in a zone names an outlet; a quote is longer
_PRONOUNS = {"هو", "هي"}  # "..., وهو ما اعتبرته المملكة ...": the pronoun opens the next clause
_CHANNEL_WORDS = 8  # words of a channel adjunct ("صفحتها الرسمية على الفايسبوك اليوم الاثنين") before its content


class ContentReader(SentenceTokens):
    """The content spans of a cue: the content part of `SentenceReader`."""

    def clause_end(self, i: int, stops: Sequence[int]) -> int:
        """Offset where the clause whose content starts at token i ends."""
        end = self.sentence.end
        for j in range(i, len(self.tokens)):
            if self.inside[j]:
                continue
            if j in stops and j > i or (j > i and self._phrase_at(j, self.cues.clause_breaks)):
                if j in stops and j - 2 > i and self._is_complementizer(j - 1) and self._contrastive(j - 1):
                    j -= 2  # "..., إلا أنه حذر": the quote ends before إلا
                elif j in stops and (k := self._conjunction_before(j, i)) is not None:
                    j = k  # "...، كما أكد الموقع", "...، في حين قال": the quote ends before the conjunction
                elif j in stops and self.describes(j) and j - 1 > i:
                    j -= 2 if j - 2 > i and self.norms[j - 2].removeprefix(WAW) in _PRONOUNS else 1  # "وهو ما اعتبرته"
                end = self.tokens[j].start
                break
        return end

    def _conjunction_before(self, j: int, i: int) -> int | None:
        """Where a clause conjunction of one or two words right before token j (and after token i) starts,
        the longer first ("في حين", not its "حين")."""
        return next((k for k in (j - 2, j - 1) if k > i and self._phrase_at(k, self.cues.clause_conjunctions) == j - k),
                    None)

    def content(self, i: int, stops: Sequence[int], *, directive: bool = False) -> list[tuple[int, int, str]]:
        """Quotes whose content starts at token i: one direct or indirect span, or a coordinated pair."""
        if i >= len(self.tokens):
            return []
        end = self.clause_end(i, stops)
        start = self.tokens[i].start
        if self._opening_mark(i):
            span = self._quote_starting_at(start)
            if span:
                after_close = self.text[span[1]:max(end, span[1])]
                if not after_close.strip(TRAILING + "»”\"'") or span[1] >= end:
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
        inner_end = span[1] - 1 if self.text[span[1] - 1] in CLOSING_MARKS and span[1] - 1 > span[0] else span[1]
        while inner_start < inner_end and self.text[inner_start].isspace():
            inner_start += 1
        inner_end = end_before_space(self.text, inner_start, inner_end)
        return [(inner_start, inner_end, "direct")] if inner_end > inner_start else []

    def _coordinated(self, offset: int, end: int, stops: Sequence[int]) -> list[tuple[int, int, str]] | None:
        """`"…" وإن …`: a second complementizer after a quote opens a second quote."""
        j = bisect_left(self.starts, offset)  # the first token at or after the offset
        if j == len(self.tokens):
            return None
        norm = self.norms[j]
        if norm[:1] == WAW and norm[1:] in self.cues.complementizers and self.tokens[j].start < end:
            return self.content(j + 1, stops)
        return None

    def opener(self, i: int, limit: int) -> int | None:
        """Index of the first content token after an opener found from token i (before `limit`)."""
        j = i
        while j < min(limit, i + MAX_ZONE_WORDS, len(self.tokens)):
            if self.inside[j] and not self._opens_quote(j):
                j += 1
                continue
            norm = self.norms[j]
            if norm in self.cues.saying_nouns:
                later = self.opener(j + 1, min(limit, j + 1 + MAX_ZONE_WORDS))
                if later is not None:
                    return later
                return self._past_commas(j + 1)
            if self._is_complementizer(j):
                return j + 1
            if norm == ":":
                return j + 1
            if self._opens_quote(j) and (j == i or self._quoted_words(j) >= _MIN_ZONE_QUOTE_WORDS):
                return j
            j += 1
        return None

    def _after_consequent(self, i: int) -> int | None:
        """Where content starts after `، فإن` or `، فقد` at token i: "..., ووفقا لأرقام الاتحاد، فإن ..." reports
        what follows, not the clause before the attribution."""
        i = self._past_commas(i)
        return i + 1 if i < len(self.tokens) - 1 and self.norms[i] in self.cues.attribution_consequents else None

    def _quoted_words(self, i: int) -> int:
        span = self._quote_starting_at(self.tokens[i].start)
        return len(self.text[span[0]:span[1]].split()) if span else 0

    def _prepositional_content(self, first: int, limit: int) -> int | None:
        """`أشار إلى تداعيات ...`, `متسائلا عن هوية ...`: content after the preposition."""
        j = first
        while j < min(limit, len(self.tokens)) and (self.norms[j] in COMMAS
                                                    or self.norms[j] in self.cues.content_lead_ins):
            j += 1
        while j < min(limit, len(self.tokens) - 1) and self.norms[j] in self.cues.content_prepositions \
                and not self.parser.is_punct(j + 1):
            if self.norms[j + 1] not in self.cues.channel_words:
                return j + 1
            j = next((k for k in range(j + 2, min(limit, j + 2 + _CHANNEL_WORDS))  # "على حسابه في تويتر": a
                      if self.norms[k] in self.cues.content_prepositions), limit)  # channel; content may follow
        return None

    def _glued_content(self, lemma: str, first: int, limit: int, after_subject: bool) -> int | None:
        """Where a pledge or warning's content glued to ب starts, at token `first` ("تعهد بالانتهاء من المصادقة")
        or, after its subject, past a short adjunct ("نبهت الإمارة في فترة سابقة بمنع تداول ...")."""
        if lemma not in self.cues.glued_content_verbs or first >= min(limit, len(self.tokens)):
            return None
        adjunct = after_subject and self.norms[first].removeprefix(WAW) in self.cues.adjunct_prepositions
        reach = _ADJUNCT_WORDS + 2 if adjunct else 1
        return next((j for j in range(first, min(limit, first + reach, len(self.tokens)))
                     if self.norms[j][:1] == BA and len(self.norms[j]) > 2 and not self._is_complementizer(j)), None)

    def _object_start(self, first: int, limit: int) -> int | None:
        """Where a plain-object content starts: after commas, comma-closed adjuncts and time words."""
        j = first
        if j > 0 and self.norms[j - 1] in COMMAS:  # "نفى، متحدثا من بيروت، تقديم ...": a parenthetical
            closing = next((k for k in range(j, min(limit, j + 10)) if self.norms[k] in COMMAS), None)
            if closing is not None:
                j = closing + 1
        while j < min(limit, len(self.tokens)):
            norm = self.norms[j]
            if norm in COMMAS:
                j += 1
            elif norm in self.words.time_words:
                j += 1
            elif norm in self.cues.object_pronouns:
                return j + 1 if j + 1 < min(limit, len(self.tokens)) else None  # "متهما إياهم بالانحياز": the charge
            elif self.parser.is_prepositional(j) or norm.removeprefix(WAW) in self.cues.adjunct_prepositions or \
                    self._cue_lemma(j):
                comma = next((k for k in range(j, min(limit, j + _ADJUNCT_WORDS + 2)) if self.norms[k] in COMMAS),
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

    def _lone_word(self, i: int, limit: int) -> bool:
        """Token i is a single word closed by punctuation or the next cue: too little to be a quote."""
        following = i + 1
        return following >= min(limit, len(self.tokens)) or (
            self.parser.is_punct(following) and not self._opens_quote(following))

    def _clause_before(self, first: int, i: int) -> list[tuple[int, int, str]]:
        """The indirect quote from token `first` up to the attribution at token i, trailing punctuation trimmed."""
        start = self.tokens[first].start
        end = self._trim(start, self.tokens[i].start)
        return [(start, end, "indirect")] if end > start else []

    def _as_reported(self, i: int, stops: list[int]) -> list[tuple[int, int, str]]:
        """`..., كما أعلنت الشرطة.`: a cue at i after 'as', with no content of its own, reports the clause before."""
        if i == 0 or self.norms[i - 1] not in self.cues.trailing_markers or self._after_event(i, stops):
            return []
        clause = self._clause_start(i - 1, stops)
        return self._clause_before(clause, i - 1) if clause is not None else []

    def _clause_start(self, i: int, stops: list[int]) -> int | None:
        """Start of the clause an attribution at token i follows, or None when it opens the sentence."""
        previous_stops = [s for s in stops if s < i]
        first = previous_stops[-1] + 1 if previous_stops else 0
        while first < i and (self.parser.is_punct(first) and not self._opens_quote(first)):
            first += 1
        while first < i and self.norms[first] in self.cues.clause_lead_ins:
            first += 1
        if i - first < 3:
            return None
        return first
