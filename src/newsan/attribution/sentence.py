"""One sentence as the quote reader sees it: tokens, quotation spans, cue words, and the events it yields.

The reader of a sentence has three parts: `ContentReader` (what was said:
openers, clause ends, direct and indirect spans), `SubjectFinder` (who said
it, when the subject is not right after the cue) and `SentenceReader` (the
cues themselves, assembling `Event`s). They share the state and the word
tests kept here and call one another through `self`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsan.arabic.charsets import TATWEEL
from newsan.arabic.clitics import BA, CONJUNCTIONS, LAM, LAM_ARTICLE, OBJECT_ENCLITICS, WAW
from newsan.attribution.phrases import PhraseParser
from newsan.attribution.quotation import OPENING_MARKS, inside_quotes, spans_over
from newsan.attribution.tokens import COMMAS, Phrase
from newsan.attribution.words import CueWords, SpeakerWords
from newsan.lexicons import compiled
from newsan.model import Sentence, Token

MAX_ZONE_WORDS = 30
TRAILING = " \t\u00a0.,،؛;:-–—"
# ل written alone, or stretched by a tatweel before a name in another script (وفقا لـX): one word either way.
_LAM_FORMS = (LAM, LAM + TATWEEL)
_STANCE_REACH = 5  # "لا يعتقد رئيس الاتحاد أن": a subject of up to three words, then the complementizer
_OWNER_REACH = 10  # "تصريحات الوزير الأول الفرنسي السابق مانوال فالس، التي قال فيها": the owner and its title


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
    # the content opens right after the cue ("ولفت إلى أن", "وتابعت:"): no subject stands there, read or not
    bare: bool = False


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Lexicon phrases by their first word (built once per phrase list, through `compiled`)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


def _lam_split(tokens: list[Token], cues: CueWords, words: SpeakerWords) -> list[Token]:
    """The tokens with a ل glued to an attribution's source written apart: "وفقا لوزارة الصحة" reads as "وفقا ل وزارة".

    The source phrase is then read from its own first word, as after "بحسب"; "لل" (ل + ال) is left
    whole, since its source would lose the article's alif.
    """
    if cues.lam_attributions.isdisjoint([t.norm for t in tokens]):
        return tokens  # most sentences: the scan below costs nearly three times this test per token
    split: list[Token] | None = None
    for i in range(1, len(tokens)):
        token = tokens[i]
        if token.norm[:1] == LAM and len(token.norm) > 2 and not token.norm.startswith(LAM_ARTICLE) \
                and token.text[1:2].isalpha() and token.norm not in words.function_words \
                and tokens[i - 1].norm in cues.lam_attributions:
            if split is None:
                split = list(tokens[:i])
            split.append(Token(token.text[:1], token.start, token.start + 1, LAM))
            split.append(Token(token.text[1:], token.start + 1, token.end, token.norm[1:]))
        elif split is not None:
            split.append(token)
    return tokens if split is None else split


class SentenceTokens:
    """The tokens of one sentence with what the readers ask of each: a cue, a complementizer, a quotation mark."""

    def __init__(self, text: str, sentence: Sentence, cues: CueWords, words: SpeakerWords,
                 entities: Mapping[int, tuple[int, str]], quote_spans: Sequence[tuple[int, int]]):
        self.text = text
        self.sentence = sentence
        self.tokens: list[Token] = _lam_split(sentence.tokens, cues, words)
        self.norms = [t.norm for t in self.tokens]
        self.cues = cues
        self.words = words
        self.parser = PhraseParser(text, self.tokens, words, entities)
        self.starts = [t.start for t in self.tokens]
        self.quote_spans = spans_over(quote_spans, sentence.start, sentence.end)
        self.inside = inside_quotes(self.tokens, self.quote_spans)
        self._conjunctions: list[int] | None = None  # token indexes where a clause conjunction starts

    def _cue_lemma(self, i: int) -> tuple[str, bool] | None:
        """(lemma, is_participle) of a cue word at token i, proclitics و/ف allowed."""
        norm = self.norms[i]
        candidates = [norm]
        if norm[:1] in CONJUNCTIONS and len(norm) > 3:
            candidates.append(norm[1:])
        for form in candidates:
            if form in self.cues.verbs:
                return self.cues.verbs[form], False
            if form in self.cues.participles and (self.cues.participles[form] not in self.cues.accusation_verbs
                                                  or self._accuses(i)):
                return self.cues.participles[form], True
            for suffix in OBJECT_ENCLITICS:
                if suffix == "ه" and self.tokens[i].text.endswith("ة"):
                    continue  # "عدة" (several) is no "عدّه"
                lemma = self.cues.verbs.get(form[: -len(suffix)]) if form.endswith(suffix) else None
                if lemma in self.cues.pronoun_object_verbs or (lemma and self.describes(i)):
                    return lemma, False
        return None

    def _accuses(self, i: int) -> bool:
        """An accusation participle at token i accuses (متهمة إياها بدعم, متهما طهران بـ): no charge or case right
        after it (متهمة بتطوير, متهمة في قضية: accused) and no count before it (15 متهما: fifteen defendants)."""
        following = self.norms[i + 1] if i + 1 < len(self.norms) else ""
        return not (following[:1] == BA or following in self.cues.passive_links
                    or (i > 0 and self.tokens[i - 1].text.isdigit()))

    def _negated_stance(self, i: int, lemma: str) -> bool:
        """`ولا يعتقد العياري أن ...`: a negated stance verb still reports what its subject holds, when a
        complementizer follows (not "لا يستبعد سوى جهة واحدة", "لم تستبعد إمكانية الانسحاب")."""
        return lemma in self.cues.negatable_cues and self.norms[i - 1].removeprefix(WAW) in self.cues.negations \
            and self._complementizer_ahead(i)

    def _after_cue(self, i: int, lemma: str) -> int:
        """The first token after the cue at i that may start its subject or content: past commas, an addressee
        pronoun ("وقال لي أحمد") and the pronoun that takes back a relative's antecedent ("الذي أكد فيه الوزير
        أن"); not past that pronoun when the noun after it is an object ("طالب فيها الشركة بـ", "اتهم فيها
        سلمان خان": the company, Khan are no speakers)."""
        first = self._past_commas(i + 1)
        if self._takes_back_antecedent(i, first) \
                and lemma not in self.cues.directive_verbs and lemma not in self.cues.accusation_verbs:
            first += 1
        elif first == i + 1 < len(self.norms) and self.norms[first] in self.cues.addressee_pronouns:
            first += 1  # "وقال لي أحمد": the one spoken to, then the subject
        return first

    def _names_an_identity(self, i: int) -> bool:
        """The cue's object is someone's identity: "كشف هويتها", "الكشف عن اسمه"."""
        after = i + 2 if self.norms[i + 1:i + 2] == ["عن"] else i + 1
        return after < len(self.norms) and self.norms[after] in self.words.identity_words

    def _past_commas(self, i: int) -> int:
        """The first token from i on that is no comma."""
        while i < len(self.tokens) and self.norms[i] in COMMAS:
            i += 1
        return i

    def _takes_back_antecedent(self, i: int, k: int) -> bool:
        """Token k, after the cue at i, is the pronoun glued to في that takes back the antecedent of the relative
        pronoun before the cue: "الذي أكد فيه"."""
        return 0 < i and k < len(self.tokens) and self.norms[k] in self.cues.relative_prepositions \
            and self.norms[i - 1].removeprefix(WAW) in self.cues.relative_pronouns

    def _utterance_owner(self, i: int) -> Phrase | None:
        """`تصريحات فالس، التي قال فيها "..."`, `بيان المجلس الذي أكد فيه أن`: a cue with no subject in a relative
        clause about an utterance is its owner's, named right after the utterance noun."""
        if not self._takes_back_antecedent(i, i + 1):
            return None
        for k in range(i - 2, max(-1, i - 2 - _OWNER_REACH), -1):
            norm = self.norms[k]
            if norm in self.cues.utterance_nouns or norm in self.words.statement_nouns:
                phrase = self.parser.parse(k + 1)
                return phrase if phrase and phrase.last < i and phrase.kind != "statement" else None
        return None

    def _no_report(self, i: int, lemma: str) -> bool:
        """A cue after a relative pronoun that reports nothing: no speaker follows it ("الجهة التي أصدرت الأوامر"),
        or it means "is considered" with no complementizer after it ("حزب الله، الذي يعتبر الزعيم الروحي")."""
        return (self.parser.parse(self._after_cue(i, lemma)) is None and self._utterance_owner(i) is None) or (
            lemma in self.cues.considered_verbs and not self._complementizer_ahead(i))

    def _complementizer_ahead(self, i: int) -> bool:
        """A complementizer within _STANCE_REACH words after the stance verb at token i."""
        return any(self._is_complementizer(j) for j in range(i + 1, min(i + _STANCE_REACH, len(self.norms))))

    def opens_content(self, k: int) -> bool:
        """Token k opens a cue's content (a complementizer, a content preposition, punctuation), or the
        sentence ends: nothing there could be the cue's subject."""
        return k >= len(self.norms) or self.parser.is_punct(k) or self._is_complementizer(k) \
            or self.norms[k] in self.cues.content_prepositions

    def describes(self, i: int) -> bool:
        """A description verb after a relative at token i: "بما اعتبره", "ما وصفته السلطات", "الوفاة التي وصفها
        المتظاهرون بـ..."; after الذي or التي the verb takes the antecedent back as its object pronoun."""
        if i == 0 or i >= len(self.norms):
            return False
        norm, relative = self.norms[i], self.norms[i - 1]
        forms = [norm[:-len(suffix)] for suffix in OBJECT_ENCLITICS if norm.endswith(suffix)]
        if relative in self.cues.description_relatives:
            forms.append(norm)
        elif relative not in self.cues.relative_pronouns:
            return False
        return any(self.cues.verbs.get(form) in self.cues.description_verbs for form in forms)

    def _phrase_at(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
        """Length of the lexicon phrase at token i (a leading و allowed), or 0."""
        first = self.norms[i] if i < len(self.norms) else ""
        index = compiled(phrases, _by_first_word)
        candidates = index.get(first, ())
        if first[:1] == WAW:
            candidates = (*candidates, *index.get(first[1:], ()))
        for phrase in sorted(candidates, key=len, reverse=True) if len(candidates) > 1 else candidates:
            window = self.norms[i:i + len(phrase)]
            if len(window) != len(phrase):
                continue
            if all(self._equal(a, b) for a, b in zip(window[1:], phrase[1:], strict=True)):
                return len(phrase)
        return 0

    @staticmethod
    def _after_event(i: int, stops: list[int]) -> bool:
        """Another attribution event comes before token i in the sentence (it already says who speaks)."""
        return any(s < i for s in stops)

    def _reported_attribution(self, i: int) -> int:
        """Length of an attribution head and the speech verb after it (`بحسب ما أفادت`, `حسبما نقلت`), or 0."""
        head = self._phrase_at(i, self.cues.reported_attributions)
        if head and i + head < len(self.tokens) and self.cues.speech_verb(self.norms[i + head]):
            return head + 1
        return 0

    @staticmethod
    def _equal(word: str, lexicon_word: str) -> bool:
        return word == lexicon_word or (lexicon_word in _LAM_FORMS and word in _LAM_FORMS)

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

    def _opening_mark(self, i: int) -> bool:
        """An opening mark, or a ” that opens a span (text that never writes “ uses ” both ways)."""
        token = self.tokens[i]
        return token.text in OPENING_MARKS or (token.text == "”" and self._quote_starting_at(token.start) is not None)

    def _opens_quote(self, i: int) -> bool:
        return self._opening_mark(i) and not (i > 0 and self.inside[i - 1] and self.inside[i])

    def _quote_starting_at(self, offset: int) -> tuple[int, int] | None:
        return next((s for s in self.quote_spans if s[0] == offset), None)

    def _written(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start:self.tokens[last - 1].end]

    def _trim(self, start: int, end: int) -> int:
        while end > start and self.text[end - 1] in TRAILING:
            end -= 1
        return end
