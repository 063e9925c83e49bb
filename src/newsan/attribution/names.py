"""Reading a person's name from the words: where it ends, and whether a run of unknown words is one.

A PER mention fixes a name when the entity model found one; otherwise the
name is read from the words and must be closed by a clear boundary
(punctuation, a preposition, a title, a complementizer), since an unknown
word after a cue verb may as well be its object.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsan.arabic.clitics import GLUED_PREPOSITIONS, LAM, WAW
from newsan.attribution.tokens import COMMAS, PhraseTokens
from newsan.ner.resources import is_common_noun

_MAX_NAME_WORDS = 4
_MAX_LOOSE_NAME_WORDS = 3  # without a PER mention or a title next to it, longer runs are rarely names
_MAX_QUOTED_NAME_WORDS = 4


@lru_cache(maxsize=4)
def _spells_ala(text: str) -> bool:
    """The text writes the preposition على with alef maqsura, so a written علي is the name."""
    return "على " in text


class NameReader(PhraseTokens):
    """Names of people (and short quoted names of bodies): the name part of `PhraseParser`."""

    if TYPE_CHECKING:  # defined by OrganizationReader, another part of `PhraseParser`
        def _affiliation(self, i: int) -> tuple[int, int] | None: ...
        def _known_after_proclitic(self, i: int) -> int: ...

    def name_end(self, i: int) -> int:
        """End of a person's name starting at i (i itself when there is none).

        A PER mention fixes where the name ends; a one-word mention may have left
        out a family name with the article (سعد → سعد الحديثي), a longer one has
        its own (دونالد ترامب الانسحاب: the definite noun after it is the verb's
        object). Without a mention the name is read from the words.
        """
        entity = self._entity(i)
        if entity and entity[1] == "PER":
            end = next((k for k in range(i + 1, entity[0])  # "لاري كودلاو بأن هيلي", "طارق طرقان لبي بي سي"
                        if self._norm(k) in self.words.name_breakers or self._spoken_to(k)), entity[0])
            return end + 1 if end == i + 1 and end < len(self.norms) and self._family_name(end) else end
        if not self._name_like(i) and not self._first_name_ali(i):
            return i
        if self._norm(i)[:1] == WAW and self._is_mention(i + 1, "PER"):
            return i  # "ورحب روبرتو أزيفيدو": a verb and its و before a person's name, not the name's first word
        end = i + 1
        while end < len(self.norms) and end - i < _MAX_NAME_WORDS:
            norm = self._norm(end)
            if norm == "ال" and end + 1 < len(self.norms) and self._name_like(end + 1):
                return end + 2  # the family "آل" closes the name: آل خليفة, آل ثاني
            if self._spoken_to(end):
                break  # "يقول غريب لبي بي سي"
            if self._name_like(end) and (norm[:1] != "ل" or self._closes_name(end + 1) or self._known(end + 1)):
                end += 1  # "لافروف" ends a name; "حقي لشخص يدعى" is a name and an addressee
            elif norm in self.words.name_particles:
                end += 1
            elif self._family_name(end) or (
                    norm in self.words.surname_titles
                    and (self.is_punct(end + 1) or self._norm(end + 1) in self.words.clause_openers)
                    and not self._norm(end - 1).startswith(LAM)):
                return end + 1  # a family name with the article closes the name: نوري المالكي, حسن الأمين
            elif norm == "علي" and self.tokens[end].text.endswith("ي") and self.is_punct(end + 1):
                return end + 1  # the name علي, not the preposition على
            else:
                break
        return end

    def _spoken_to(self, i: int) -> bool:
        """A known body glued to ل at token i: the one a person spoke to ("لبي بي سي"), not part of their name."""
        return self._norm(i)[:1] == "ل" and bool(self._known_after_proclitic(i))

    def _first_name_ali(self, i: int) -> bool:
        """`علي` written with yeh before a name is the first name Ali, in a text that spells the preposition على."""
        return (i < len(self.tokens) and self.tokens[i].text == "علي" and _spells_ala(self.text)
                and (self._name_like(i + 1) or self._family_name(i + 1)))

    def _family_name(self, i: int) -> bool:
        """A definite word that may be a family name (الحديثي, المالكي): no office, body or known place ("... فيدال
        الصين" is the object), and no feminine or plural form, which agrees with a noun or is the object ("ترامب
        الاتفاقية", "ترامب الديمقراطيين")."""
        norm = self._norm(i)
        return (self.is_definite(i) and not self._title_head(i) and not self._org_head(i)
                and not self.stops_phrase(i) and not self.is_definite(i + 1) and norm not in self.words.statement_nouns
                and self._known(i) is None and not self.tokens[i].text.endswith("ة")
                and not (len(norm) > 6 and norm.endswith(("ين", "ون"))))

    def quoted_body_name(self, first: int, end: int) -> tuple[int, int] | None:
        """The span of a body's own name in quotation marks right after its head, within `end`
        (وكالة "ناسا", مجموعة «إن إل فايننشيال إنفيستمينتس» المشرفة), if one stands there."""
        quoted_end = self._quoted_name_end(first + 1) if self._org_head(first) else first + 1
        return (first + 2, quoted_end - 1) if first + 3 <= quoted_end <= end else None

    def _quoted_name_end(self, i: int) -> int:
        """`صحيفة «الشرق الأوسط»`, `موقع "أخبار اليوم"`: the end of a short quoted name at i (or i)."""
        if self.tokens[i].text not in "«\"“" if i < len(self.tokens) else True:
            return i
        for k in range(i + 1, min(i + _MAX_QUOTED_NAME_WORDS + 2, len(self.tokens))):
            if self.tokens[k].text in "»\"”":
                return k + 1 if k > i + 1 else i
        return i

    def _closes_name(self, end: int) -> bool:
        """A name read from the words alone must be followed by a clear boundary."""
        return end >= len(self.norms) or self.stops_phrase(end) or self.is_prepositional(end) \
            or self._title_head(end) is not None or self._affiliation(end) is not None

    def _plausible_name(self, first: int, end: int) -> bool:
        """A name read from the words alone: short, not a pronoun-suffixed word, and closed by a boundary."""
        if self._norm(first)[:1] in GLUED_PREPOSITIONS + WAW and end - first > 2:
            return False  # "بشن هجوم بغاز": a preposition, not a name
        if self.tokens[end - 1].text.endswith("ً"):
            return False  # "كتب مراراً": an adverb with tanween, not a name
        if end - first == 1 and self.tokens[first].text.endswith("ه") and len(self._norm(first)) > 3:
            return False  # "اسمه", "تعبيره": a pronoun-suffixed noun
        if end - first > _MAX_LOOSE_NAME_WORDS:
            return False  # "أهمية تخفيض معدل البطالة": an object, not a name
        if is_common_noun(self.tokens[first].text) and not self._title_head(first) \
                and not (end - first >= 2 and self._starts_entity(first + 1)):
            return False  # "مؤشر", "لبيانات صادرة": a noun the corpus mostly writes with ال is no name,
            # unless a name follows it: "منطقة جازان"
        following = self._norm(end)
        return (end >= len(self.norms) or self.is_punct(end) or following in self.words.function_words
                or self.tokens[end].text.endswith("ً")  # "لاغارد رداً على ...": an adverbial accusative follows
                or following in self.words.speech_forms or following[1:] in self.words.speech_forms
                or following in self.words.time_words or self.is_prepositional(end) or self._is_audience(end))

    def _apposed_name(self, after: int, definite: bool = True) -> tuple[int, int]:
        """(start, end) of a name right after a title, or of one set off by a comma; start == end when none.

        A name read from the words needs a boundary after it: a stop word, a
        preposition, another title, or another named entity (the verb's object:
        "حذرت مديرة الصندوق كريستين لاغارد الولايات المتحدة"). After a comma a
        one-word name must be closed by punctuation or a complementizer, and so
        must any name after an indefinite title, which a comma and a verb clause
        may describe ("متحدث باسم الخارجية، رافق الوزير في رحلته").
        """
        comma = self._norm(after) in COMMAS
        name_at = after + (1 if comma else 0)
        quoted_end = self._quoted_name_end(name_at)
        if quoted_end > name_at and not comma and all(self._name_like(k) for k in range(name_at + 1, quoted_end - 1)):
            return name_at + 1, quoted_end - 1  # "مدير أيام قرطاج السينمائية "نجيب عياد"": a name written in quotes
        name_end = self.name_end(name_at)
        if name_end == name_at:
            return name_at, name_at
        if self._is_mention(name_at, "PER"):
            return name_at, name_end
        if comma and not definite and any(self._is_mention(k, "PER") for k in range(name_at + 1, name_end)):
            return name_at, name_at  # "متحدث باسم الخارجية، رافق تيلرسون": a relative clause, the name its object
        closed = (self._closes_name(name_end) or (name_end - name_at >= 2 and self._starts_entity(name_end))) and (
            not comma or self.is_punct(name_end) or self._norm(name_end) in self.words.apposition_closers
            or (name_end - name_at >= 2 and definite))
        return (name_at, name_end) if closed else (name_at, name_at)
