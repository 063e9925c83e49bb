"""Who speaks when the subject is not right after the cue: before it (SVO, `كان X قد قال`),
after adjuncts, relayed (`نقلت الوكالة عن X`), an issuer of a statement, or the clause's subject.
"""

from __future__ import annotations

from bisect import bisect_left

from newsan.arabic.clitics import BA, CONJUNCTIONS, LAM, LAM_ARTICLE, WAW
from newsan.attribution.sentence import MAX_ZONE_WORDS, SentenceTokens
from newsan.attribution.tokens import COMMAS, Phrase

_MAX_SUBJECT_WORDS = 10  # "غير أن المتحدث باسم وزارة التجارة الصينية غاو فنغ حذر": a long SVO subject
_SUBJECT_REACH = 3  # a clause's subject opens it or follows its verb: not an object deeper in the clause
_NAMED_REACH = 6  # words from a descriptor to the verb naming it: "فرنسي حضر الحفل يدعى"
_UNKNOWN_TITLE_WORDS = 4  # definite words after an unknown title's head: "المدون الرياضي البريطاني"


class SubjectFinder(SentenceTokens):
    """The subject of a cue: the subject part of `SentenceReader`."""

    def _verb_subject(self, i: int, first: int, limit: int) -> tuple[Phrase | None, list[Phrase], int]:
        """The subject of a finite cue at i, its co-speakers, and where its content may start."""
        if self._after_kana(i):
            phrase = self._subject_just_before(i)  # "وكان القاضي كفانو قد نفى مزاعم ...": SVO
            if phrase:
                return phrase, [], first
        spoken_to = self.norms[first - 1] in self.cues.addressee_pronouns  # "وقال لي أحمد"
        phrase = self.parser.parse(first, loose_name=first == i + 1 or spoken_to)
        if phrase is None or phrase.last > limit:
            phrase = self._subject_candidate(i + 1, limit)
        if phrase is None:  # "وقال" opens a clause: its subject cannot precede it
            return (self._utterance_owner(i) or (None if self.norms[i][:1] == WAW else self._subject_just_before(i)),
                    [], first)
        if self._accused(i, phrase):  # "وتتهم موسكو بعرقلة ...": Moscow is accused; the subject was dropped
            return (None if self.norms[i][:1] in CONJUNCTIONS else self._subject_just_before(i)), [], first
        if phrase.kind == "state":
            phrase = self.parser.issuing_body(phrase) or phrase
        co_speakers = self.parser.conjuncts(phrase)
        return phrase, co_speakers, (co_speakers[-1] if co_speakers else phrase).last

    def _description_subject(self, first: int) -> tuple[Phrase | None, int]:
        """The subject of a description verb after a relative ما (`ما وصفته السلطات البريطانية بغاز`) and where
        its description starts; none in `ما اعتبره وضعا "خطيرا"` (an object), where the clause's subject describes."""
        phrase = self.parser.parse(first)
        if phrase is None or (phrase.kind == "person" and not phrase.title):
            return None, first
        return phrase, phrase.last

    def _subject_dropped(self, i: int, after: int, stops: list[int]) -> bool:
        """`حسب ما أوضح في ختام لقاء`: the verb of an attribution at i has no subject, so the one speaking goes on.

        Only with no other event before it in the sentence (which already says who speaks) and a preposition
        or punctuation after the verb (any other word may be a source the parser could not read).
        """
        return not self._after_event(i, stops) and (
            after >= len(self.norms) or self.parser.is_punct(after) or self.norms[after] in self.words.function_words)

    def _document_subject(self, i: int, first: int) -> bool:
        """`وتفيد التقارير بأن`, `وكانت التقارير قد توقعت`: anonymous reports are the subject of a
        clause-opening cue, so nobody speaks (the previous speaker does not go on)."""
        if self.norms[i][:1] == WAW and first < len(self.norms) and self.norms[first] in self.cues.impersonal_subjects:
            return True
        kana = next((j for j in range(i - 1, max(-1, i - 4), -1)
                     if self.norms[j].removeprefix(WAW) in self.cues.kana_forms), None)
        return kana is not None and self.norms[kana + 1] in self.cues.impersonal_subjects

    def _accused(self, i: int, phrase: Phrase) -> bool:
        """After an accusation verb, a phrase right after the verb and followed by the charge (ب+noun) is its object."""
        lemma = self._cue_lemma(i)
        if lemma is None or lemma[0] not in self.cues.accusation_verbs or phrase.first != i + 1:
            return False
        following = self.norms[phrase.last] if phrase.last < len(self.norms) else ""
        return following[:1] == BA and len(following) > 3 and following not in self.words.function_words

    def _after_kana(self, i: int) -> bool:
        """`كان X قد قال`, `كان X أكد`: the cue follows its subject, with كان a few words before."""
        if i > 1 and self.norms[i - 1] in self.cues.perfect_particles:
            return any(self.norms[j].removeprefix(WAW) in self.cues.kana_forms for j in range(max(0, i - 10), i - 1))
        kana = next((j for j in range(i - 1, max(-1, i - 10), -1)
                     if self.norms[j].removeprefix(WAW) in self.cues.kana_forms), None)
        return kana is not None and kana < i - 1 and not any(self.parser.is_punct(j) for j in range(kana, i))

    def _subject_just_before(self, i: int) -> Phrase | None:
        """SVO order: `أما والين فقال`, `أن بوتين قال`."""
        if i > 0 and (self.norms[i - 1] in self.cues.perfect_particles or self.norms[i - 1] in self.cues.negations
                      or self.norms[i - 1] in self.cues.kana_forms):
            i -= 1  # "وكان المتحدث أحمد فوزي قد قال", "لكن الصحيفة لم تستبعد", "أن رئيس المجلس كان تعهد"
        for first in range(max(i - _MAX_SUBJECT_WORDS, 0), i):  # the longest phrase ending at the verb
            opened = first == 0 or self.parser.is_punct(first - 1) or self.norms[first - 1] in self.cues.subject_openers
            if opened and not self.inside[first]:
                phrase = self.parser.parse(first, loose_name=True)
                if phrase and phrase.last == i and phrase.kind in ("person", "office", "group", "institution", "state"):
                    return phrase
        return None

    def _relayed(self, first: int, limit: int) -> tuple[Phrase | None, int]:
        """`نقلت الوكالة عن X قوله`: X, and where X's words start."""
        for j in range(first, min(limit, first + 12)):
            if self.norms[j] in self.cues.relay_links or (self.norms[j].startswith("عن") and j > first):
                phrase = self.parser.parse(j + 1, loose_name=True)
                if phrase:
                    return phrase, phrase.last
        return None, first

    def _subject_candidate(self, first: int, limit: int) -> Phrase | None:
        """A subject after adjuncts: the first phrase not governed by a preposition (nor one: "لي"), before
        any other word that is no phrase, which is the verb's object."""
        j = first
        while j < min(limit, first + MAX_ZONE_WORDS):
            if self.inside[j] or self._is_complementizer(j) or self.norms[j] == ":" or self._opens_quote(j):
                return None
            if not (self._governed(j) or self.parser.is_punct(j) or self.norms[j] in self.cues.addressee_pronouns):
                phrase = self.parser.parse(j)
                if phrase and phrase.kind != "state" and phrase.last <= limit:
                    return phrase
                if phrase is None and not self.parser.stops_phrase(j):
                    # a title the lexicon lacks before a name ("وقال المدون الرياضي البريطاني مارك درير"), or
                    # the verb's object ("أرجع سبب تأخر ..."), after which no subject follows
                    return self._named_after_unknown_title(j, limit)
            j += 1
        return None

    def _named_after_unknown_title(self, j: int, limit: int) -> Phrase | None:
        """The person named after an unknown head at j, its definite complements and nisba adjectives and a
        comma: "مخرج الفيلم عمار زغاد", "رجل الأعمال المصري، نجيب ساويرس"; not after a known entity
        ("ووصف تقرير الفيفا محمد صلاح": a report describes the player) nor right after an indefinite head,
        whose genitive the name is; or the person a naming verb names a few words on ("فرنسي ... يدعى إيفان")."""
        naming = (n for n in range(j + 1, min(limit, j + _NAMED_REACH)) if self.norms[n] in self.words.naming_verbs)
        if (named := next(naming, None)) is not None:  # "وقال فرنسي حضر الحفل يدعى إيفان": named after the verb
            phrase = self.parser.parse(named + 1, loose_name=True)
            return phrase if phrase and phrase.kind == "person" and phrase.last <= limit else None
        k = j + 1
        while k < min(limit, j + 1 + _UNKNOWN_TITLE_WORDS) and self.tokens[k].start not in self.parser.entity_starts \
                and (self.parser.is_definite(k) or self.norms[k].startswith(LAM_ARTICLE)) \
                and not self.parser.stops_phrase(k):
            k += 1  # "المهاجم السابق للمنتخب الإنجليزي، غاري لينيكر"
        if k < limit and self.norms[k] in COMMAS:
            k += 1
        if k == j + 1 and not self.parser.is_definite(j):
            return None  # "وقالت زوجة نتنياهو", "والد نورا": the name is the genitive of the one who speaks
        phrase = self.parser.parse(k) if k < limit else None
        return phrase if phrase and phrase.kind == "person" and phrase.name and phrase.last <= limit else None

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
        clause_start = opened = self._after_last_conjunction(i)
        opening = self.norms[clause_start].removeprefix(WAW) if clause_start < len(self.norms) else ""
        adjunct = 10 if opening in self.words.function_words else 4  # "وفي كلمة خلال الجمعية العامة، رفض الرئيس"
        # "من جهتها، استنكرت الأمانة ...": the subject follows an adjunct's comma; in "ولم تحدد الحكومة ...، لكنها
        # قالت" the comma right before the pronoun conjunction ends the clause the pronoun points back to
        last = i - 2 if self.norms[i - 1] in self.cues.pronoun_conjunctions else i
        for k in range(clause_start, min(last, clause_start + adjunct)):
            if self.norms[k] in COMMAS:
                clause_start = k + 1
                break
        for j in range(clause_start, min(i, clause_start + _SUBJECT_REACH)):
            if self.inside[j] or self.parser.is_punct(j) or (self._governed(j) and not 0 < j == opened):
                continue  # right after a conjunction ("لكن إنييستا لم يتطرق") a word is a subject
            phrase = self.parser.parse(j, loose_name=j > 0 and self._cue_lemma(j - 1) is not None)
            if phrase and phrase.last <= i and phrase.kind != "statement":
                return phrase
        return None

    def _statement_issuer(self, j: int) -> Phrase | None:
        """`بيان صدر عن الرئاسة التركية`, `بيان للشرطة`: the issuer after عن or ل."""
        for k in range(j, min(j + 4, len(self.tokens))):
            if self.norms[k] in self.cues.issuer_links:
                return self.parser.parse(k + 1, loose_name=True)
            if self.norms[k][:1] == LAM:
                return self.parser.organization_after_lam(k)
        return None
