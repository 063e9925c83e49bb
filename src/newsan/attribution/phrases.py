"""Who a speaker phrase names: person, office, institution, group or state.

Arabic news introduces a speaker with a noun phrase around the cue verb:
a title and a name in either order (`وزير الدفاع التركي نور الدين جانيكلي`,
`ماثيو والين الرئيس التنفيذي لمشروع الأمن الأميركي`), an institution
(`وزارة الخارجية البحرينية`), an anonymous group (`مصادر أمنية عراقية`) or a
state acting as one (`موسكو`). `PhraseParser` reads such a phrase from the
words alone, using the `titles` lexicon (title, organization and anonymous
heads) and entity mentions only as extra evidence, so it works with any NER
backend. Its parts read names, organizations and titles; `SpeakerBook`
(`newsan.attribution.book`) then merges the phrases of one article into speakers.
"""

from __future__ import annotations

from newsan.arabic.clitics import ARTICLE, GLUED_PREPOSITIONS, OBJECT_ENCLITICS, WAW, without_glued_preposition
from newsan.attribution.groups import GroupReader
from newsan.attribution.names import NameReader
from newsan.attribution.organizations import OrganizationReader
from newsan.attribution.titles import TitleReader
from newsan.attribution.tokens import COMMAS, Phrase

_COLLECTIVE_KINDS = ("state", "institution", "group")  # speakers that speak jointly: "واشنطن والرياض"
_DASHES = {"-", "–", "—"}


class PhraseParser(GroupReader, TitleReader, OrganizationReader, NameReader):
    """Reads speaker phrases from the tokens of one sentence."""

    def conjuncts(self, phrase: Phrase) -> list[Phrase]:
        """Co-speakers joined by و after a subject: `الولايات المتحدة وحليفتها السعودية والمعارضة السورية`.

        A possessed noun such as `وحليفتها` only introduces the next phrase.
        """
        found: list[Phrase] = []
        if phrase.kind not in _COLLECTIVE_KINDS:
            return found
        i = phrase.last
        while i < len(self.norms) and self._norm(i).startswith(WAW) and len(self._norm(i)) > 3:
            stripped = self._norm(i)[1:]
            if self.tokens[i].text.endswith(OBJECT_ENCLITICS) and not stripped.startswith(ARTICLE):
                i += 1  # "وحليفتها": the ally named next
                conjunct = self.parse(i)
            else:
                with self.without_waw(i):
                    conjunct = self.parse(i)
                if conjunct:
                    conjunct.surface = conjunct.surface[1:]
                    if conjunct.name and conjunct.name.startswith(WAW):
                        conjunct.name = conjunct.name[1:]
                    if conjunct.title and conjunct.title.startswith(WAW):
                        conjunct.title = conjunct.title[1:]
            if conjunct is None or conjunct.kind not in _COLLECTIVE_KINDS:
                break
            found.append(conjunct)
            i = conjunct.last
        return found

    def parse(self, i: int, *, loose_name: bool = False, source: bool = False) -> Phrase | None:
        """The speaker phrase starting at token i, if one does.

        `loose_name` accepts an unknown word as a name (right after a cue
        verb, where a subject is expected); elsewhere a name needs entity
        evidence or a title next to it. `source` (right after a nominal
        attribution) takes a quoted name whatever follows it: `وبحسب "الفرنسية" يهدف ...`.
        """
        end = self._quoted_name_end(i)
        if loose_name and end > i and (
                source or self._norm(end) in COMMAS or self._norm(end) in self.words.function_words):
            # "وحذرت «موديز» من ...": a quoted name speaks; "وعدتها «مغذية للطائفية»." is content
            name = self.text[self.tokens[i + 1].start:self.tokens[end - 2].end]
            return Phrase("institution", i, end, name, name=name,
                          role="media" if self._is_media(i + 1, end - 1) else "institution")
        if (share := self._share(i) or self._counted_group(i)) is not None:
            return share
        if i >= len(self.norms) or self.is_punct(i) or self.is_prepositional(i):
            return None
        norm = self._norm(i)
        if norm in self.words.non_speakers:
            return None
        if norm in self.words.determiners and self.is_definite(i + 1):
            return self.parse(i + 1)  # "نفس المصدر": the source already quoted
        if norm in self.words.demonstratives and self.is_definite(i + 1):
            return self.parse(i + 1) or self._pointed_group(i)  # "هذا المسؤول": the one already quoted
        if norm in self.words.statement_nouns and self.is_definite(i + 1) and self._org_head(i + 1):
            return self.parse(i + 1)  # "بيان المفوضية": the commission speaks
        if norm in self.words.statement_nouns or (
                norm[:1] in GLUED_PREPOSITIONS and norm[1:] in self.words.statement_nouns):
            end = i + 1  # "البيان", "وفقا لبيان صادر عن ..."
            while end < len(self.norms) and self.is_definite(end) and not self.stops_phrase(end):
                end += 1
            return Phrase("statement", i, end, self._span(i, end))
        if self.is_anonymous_head(i) or (norm in self.words.collective_heads and self._norm(i + 1) == "من"):
            if norm in self.words.quantity_heads and self.is_definite(i + 1):
                return None  # "بحسب عدد الحلقات": a count, not a group of people
            return self._group(i)
        if self._title_head(i):
            return self._title_first(i)
        if (abbreviated := self._after_abbreviated_title(i)) is not None:
            return abbreviated
        known = self._known(i)
        entity = self._entity(i)
        if norm in self.words.place_nouns and (place_end := self._place_after_noun(i)) > i:
            known = (place_end, "LOC")  # "وأكدت منطقة جازان": a place speaking for its authorities
        if known and known[1] == "LOC" and not (entity and entity[1] == "PER"):
            end = known[0]
            return Phrase("state", i, end, self._span(i, end), name=self._span(i, end), role="institution")
        if self._org_head(i) or (known and known[1] == "ORG") or (entity and entity[1] == "ORG"):
            end = self._organization_end(i)
            if norm in self.words.place_bound_heads:
                end = self._place_in(end)  # "السلطات المحلية في حلب"
            first = i
            if norm in self.words.website_heads:  # "موقع الاتحاد الأسترالي", "موقع شبكة "سي إن إن"": the body speaks
                body_end = self._organization_end(i + 1)
                if body_end > i + 1:
                    first, end = i + 1, max(end, body_end)
                elif end == i + 1:
                    return None  # "بحسب موقع إخباري هندي": a website with no name
            role = "media" if self._is_media(i, end) else "institution"
            name = self._span(first, end)
            if (quoted := self.quoted_body_name(first, end)) and quoted[1] + 1 < end:
                name = self._span(*quoted)  # مجموعة «إن إل فايننشيال إنفيستمينتس» المشرفة: the body's own name
            return Phrase("institution", i, end, self._span(i, end), name=name, role=role)
        if entity and entity[1] == "LOC":
            return Phrase("state", i, entity[0], self._span(i, entity[0]), name=self._span(i, entity[0]),
                          role="institution")
        if (unnamed := self._unnamed_person(i)) is not None:
            return unnamed
        name_end = self.name_end(i)
        if name_end == i:
            return None
        phrase = Phrase("person", i, name_end, self._span(i, name_end), name=self._span(i, name_end))
        separated = self._norm(name_end) in COMMAS or self._norm(name_end) in _DASHES
        after = name_end + (1 if separated else 0)
        if self._title_head(after) and (separated or loose_name or name_end - i >= 2
                                        or (entity and entity[1] == "PER")):
            title_end, organization = self.title_end(after)
            self._set_title(phrase, after, title_end, organization)
            phrase.last = max(phrase.last, title_end, organization[1] if organization else 0)
        elif not (entity and entity[1] == "PER") and not (loose_name and self._plausible_name(i, name_end)):
            return None
        return phrase

    def _after_abbreviated_title(self, i: int) -> Phrase | None:
        """`د. رافي مهروترا`: a title the tokenizer cut from its period, and the name after it."""
        norm = self._norm(i)
        if norm not in self.words.abbreviated_titles or self._norm(i + 1) != ".":
            return None
        end = self.name_end(i + 2)
        if end == i + 2:
            return None
        phrase = Phrase("person", i, end, self._span(i, end), name=self._span(i + 2, end), title=self._span(i, i + 2),
                        role=self.words.title_heads.get(norm + ".", "other"))
        self._apposed_title(phrase, end)  # "د. رافي مهروترا، مدير المعهد الوطني"
        return phrase

    def _title_first(self, i: int) -> Phrase:
        title_end, organization = self.title_end(i)
        after = title_end
        if organization and organization[1] > after:
            after = organization[1]
        phrase = Phrase("office", i, after, self._span(i, after))
        self._set_title(phrase, i, title_end, organization)
        definite = self.is_definite(i) or self.is_definite(i + 1)  # "وزير العدل": idafa with a definite noun
        name_at, name_end = self._apposed_name(after, definite)
        # An honorific or rank between the title and the name belongs to neither:
        # "رئيس الاتحاد الآسيوي الشيخ سلمان", "قائد شرطة دبي اللواء عبدالله المري".
        if name_end == name_at and self._norm(after) in self.words.honorifics:
            name_at, name_end = self._apposed_name(after + 1, definite)
        elif name_end > name_at and after - 1 > i and self._norm(after - 1) in self.words.honorifics:
            title_end = min(title_end, after - 1)
            if organization:
                organization = (organization[0], min(organization[1], after - 1))
            self._set_title(phrase, i, title_end, organization)
        if name_end == name_at and self.is_definite(after) and self._norm(after + 1) in COMMAS \
                and not self.stops_phrase(after):
            name_at, name_end = self._apposed_name(after + 1, definite)  # "رئيس الحزب الوطني الحر، سليم الرياحي"
            if name_end > name_at:
                if organization and organization[1] == after:
                    organization = (organization[0], after + 1)
                title_end = max(title_end, after + 1)
                after = after + 1
                self._set_title(phrase, i, title_end, organization)
        if name_end == name_at + 1 and self.tokens[name_at].text.endswith("ه") and len(self._norm(name_at)) > 3:
            name_end = name_at  # "وتابع رئيس الوزراء كلامه": a pronoun-suffixed object, not a name
        if name_end > name_at:
            phrase.kind = "person"
            phrase.name = self._span(name_at, name_end)
            phrase.last = name_end
            phrase.surface = self._span(i, name_end)
            self._apposed_title(phrase, name_end)
        return phrase

    def _apposed_title(self, phrase: Phrase, name_end: int) -> None:
        """A second title set off by a comma after the name belongs to the phrase; it replaces a first
        title that names no body when it names one: `الصحافية ...، نائبة رئيس قناة "آر تي في آي"`."""
        if self._norm(name_end) not in COMMAS or not self._title_head(name_end + 1):
            return
        title_end, organization = self.title_end(name_end + 1)
        phrase.last = max(title_end, organization[1] if organization else 0)
        if organization and phrase.organization is None:
            self._set_title(phrase, name_end + 1, title_end, organization)

    def _set_title(self, phrase: Phrase, first: int, end: int, organization: tuple[int, int] | None) -> None:
        title_stop = end
        if organization and organization[0] >= first and organization[1] <= end and \
                self._norm(organization[0] - 1) in self.words.affiliation_links - {"باسم"}:
            title_stop = organization[0] - 1
        phrase.title = self._span(first, title_stop)
        if organization:
            phrase.organization = self._organization_text(*organization)
        head_role = self._title_head(first) or "other"
        org_role = (self.words.organization_heads.get(without_glued_preposition(self._norm(organization[0])))
                    if organization else None)
        phrase.role = "expert" if "expert" in (head_role, org_role) else head_role
