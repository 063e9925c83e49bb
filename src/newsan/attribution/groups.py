"""Reading an anonymous source or group: its descriptor is its title (مصادر أمنية عراقية, مصدر قريب
من الملف), a share of a surveyed group (61% من الجهات المانحة) or people pointed at (هؤلاء المهاجرون).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsan.arabic.clitics import ARTICLE, WAW, without_glued_preposition
from newsan.attribution.tokens import COMMAS, Phrase, PhraseTokens

_UNNAMED_MODIFIERS = 2  # words a descriptor may carry before its anonymity clause: "ممثل شاب", "صحافية أخرى"
_ANONYMITY_CLAUSE = 5  # words an anonymity clause spans at most: "طلب عدم الكشف عن هويته"


class GroupReader(PhraseTokens):
    """Anonymous sources and groups: the group part of `PhraseParser`."""

    if TYPE_CHECKING:  # defined by TitleReader, another part of `PhraseParser`
        def title_end(self, i: int) -> tuple[int, tuple[int, int] | None]: ...
        def _definite_run(self, i: int) -> int: ...
        def _organization_text(self, first: int, last: int) -> str: ...

    def _pointed_group(self, i: int) -> Phrase | None:
        """`هؤلاء المهاجرون`: people pointed at are a group; a thing pointed at (هذا الاتفاق) is not."""
        if self._norm(i) not in self.words.human_demonstratives:
            return None
        end = self._definite_run(i + 1)
        return Phrase("group", i, end, self._span(i, end), title=self._span(i + 1, end))

    def _place_in(self, end: int, prepositions: tuple[str, ...] = ("في",)) -> int:
        """`في` (or another of `prepositions`) and known places joined by و after a descriptor or an
        authority: the end of the places, or `end` ("مصادر أمنية في غزة", "علماء من بريطانيا وفرنسا")."""
        if self._norm(end) not in prepositions or not (place := self._known_place(end + 1)):
            return end
        end = place
        while self._norm(end)[:1] == WAW and (place := self._known_place(end, conjoined=True)):
            end = place
        return end

    def _known_place(self, i: int, conjoined: bool = False) -> int | None:
        """The end of a known place at token i (after its و when `conjoined`), if one is there."""
        with self.without_waw(i, strip=conjoined):
            place = self._known(i)
        return place[0] if place and place[1] == "LOC" else None

    def _group(self, i: int) -> Phrase:
        """An anonymous source or group: its descriptor is its title (مصادر أمنية عراقية, مصادر في الخارجية)."""
        end, organization = self.title_end(i)
        if organization is None:
            end = self._partitive_end(end)
            while self._norm(end)[:1] == WAW and self._norm(end)[1:] in self.words.anonymous_heads:
                end = self.title_end(end)[0]  # "دبلوماسيون وخبراء مصريون": one group of two descriptors
        phrase = Phrase("group", i, end, self._span(i, end), title=self._span(i, end))
        if organization is None and (place_end := self._place_in(end, ("في", "من"))) > end:
            phrase.last = place_end  # "مصادر أمنية في غزة": the place stays in the descriptor
            phrase.surface = phrase.title = self._span(i, phrase.last)
        if organization:
            linked = self._norm(organization[0] - 1) in self.words.affiliation_links
            phrase.title = self._span(i, max(i + 1, organization[0] - 1) if linked else end)  # جماعة الإخوان
            phrase.last = max(end, organization[1])
            phrase.surface = self._span(i, phrase.last)
            phrase.organization = self._organization_text(*organization)
            phrase.role = self.words.organization_heads.get(
                without_glued_preposition(self._norm(organization[0])), "other")
        return phrase

    def _unnamed_person(self, i: int) -> Phrase | None:
        """A source the text describes and says it leaves unnamed: any indefinite noun before an anonymity
        clause ("تاجر في صنعاء فضل عدم الكشف عن هويته", "صحافية أخرى لم تشأ كشف هويتها"). The clause
        stays in the mention, which keeps two such sources of one article apart."""
        if self.words.identity_words.isdisjoint(self.norms):
            return None  # most sentences: no clause to find, and parse() asks this of every unknown word
        if self.is_definite(i) or self.stops_phrase(i) or self._norm(i) in self.words.anonymity_openers:
            return None
        end, modifiers = i + 1, 0
        while (clause_end := self._anonymity_clause_end(end)) is None:
            if (place_end := self._place_in(end)) > end:
                end = place_end  # "تاجر في صنعاء"
                continue
            if modifiers == _UNNAMED_MODIFIERS or self.stops_phrase(end) or self.is_definite(end):
                return None
            end, modifiers = end + 1, modifiers + 1
        return Phrase("group", i, clause_end, self._span(i, clause_end), title=self._span(i, end))

    def _anonymity_clause_end(self, i: int) -> int | None:
        """The end of a clause saying a source stays unnamed at token i (after a comma), if one is there."""
        if self._norm(i) in COMMAS:
            i += 1
        if self._norm(i) not in self.words.anonymity_openers:
            return None
        return next((j + 1 for j in range(i + 1, i + _ANONYMITY_CLAUSE)
                     if self._norm(j) in self.words.identity_words), None)

    def _counted_group(self, i: int) -> Phrase | None:
        """A count and the group it counts: "ثلاثة مسؤولين أمريكيين", "18 عضوا ديمقراطيا في مجلس النواب"."""
        norm = self._norm(i)
        if not (norm.isdigit() or norm in self.words.count_words) or i + 1 >= len(self.norms):
            return None
        head = self._norm(i + 1)
        if not (self.is_anonymous_head(i + 1) or (head.endswith("ا") and head[:-1] in self.words.title_heads)):
            return None
        group = self._group(i + 1)
        group.first = i
        group.surface = self._span(i, group.last)
        return group

    def _share(self, i: int) -> Phrase | None:
        """A share of a surveyed group: "61% من الجهات المانحة", "نسبة 80 في المئة من ممثلي الجهات"."""
        number = i + 1 if self._norm(i) in self.words.share_heads else i
        if not self._norm(number).isdigit():
            return None
        unit = number + 1
        if f"{self._norm(unit)} {self._norm(unit + 1)}" in self.words.percent_words:
            unit += 1
        elif self._norm(unit) not in self.words.percent_words:
            return None
        group = unit + 2  # after من
        if self._norm(unit + 1) != "من":
            return None
        if self._norm(group) in self.words.demonstratives or (
                not self.is_definite(group) and self.is_definite(group + 1)):
            group += 1  # "من تلك المؤسسات", "من ممثلي الجهات المانحة"
        end = self._definite_run(group)
        if end == group:
            return None
        return Phrase("group", i, end, self._span(i, end), title=self._span(unit + 2, end))  # the group surveyed

    def _partitive_end(self, end: int) -> int:
        """A descriptor goes on through من and a definite noun phrase after a quantifier or a word of
        nearness: "عدد من الاقتصاديين والمهتمين", "مصدر قريب من الملف"."""
        if self._norm(end) != "من" or self._norm(end - 1) not in self.words.partitive_words:
            return end
        after = self._definite_run(end + 1)
        while after > end + 1 and self._norm(after).startswith(WAW + ARTICLE) and not self.stops_phrase(after):
            after = self._definite_run(after + 1) if self.is_definite(after + 1) else after + 1
        return after if after > end + 1 else end

