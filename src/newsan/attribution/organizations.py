"""Reading an organization: a known body, an ORG mention or a head noun with its complement,
and an organization attached to a title by a link (في, ب, لدى, ل).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsan.arabic.clitics import (
    ARTICLE,
    BA,
    GLUED_PREPOSITIONS,
    LAM,
    LAM_ARTICLE,
    WAW,
    after_glued_preposition,
    without_glued_preposition,
)
from newsan.attribution.tokens import MAX_TITLE_WORDS, Phrase, PhraseTokens

_SOUND_PLURAL_ENDINGS = ("ين", "ون", "ات")  # folded: المختطفين, المعارضون, الصحافيات


def _same_plural_ending(noun: str, word: str) -> bool:
    """A sound plural agreeing with the plural noun before it: that noun's adjective."""
    return any(noun.endswith(ending) and word.endswith(ending) for ending in _SOUND_PLURAL_ENDINGS)


class OrganizationReader(PhraseTokens):
    """Institutions, outlets and the bodies a title belongs to: the organization part of `PhraseParser`."""

    if TYPE_CHECKING:  # defined by NameReader, another part of `PhraseParser`
        def _quoted_name_end(self, i: int) -> int: ...
        def _closes_name(self, end: int) -> bool: ...
        def quoted_body_name(self, first: int, end: int) -> tuple[int, int] | None: ...

    def _organization_end(self, i: int) -> int:
        """End of an organization name starting at i (i when none starts there)."""
        known = self._known(i)
        if known and known[1] == "ORG":
            end = known[0]
        elif (entity := self._entity(i)) and entity[1] == "ORG":
            end = entity[0]
        elif self._org_head(i):
            end = i + 1
            if (entity := self._entity(end)) and entity[1] == "ORG":
                end = entity[0]  # a head before a tagged name: وكالة [إنترفاكس], شركة [سامسونج]
        else:
            return i
        if end == i + 1:  # وكالة "ناسا"; after a full name the quoted word is its acronym (وكالة الفضاء ... "ناسا")
            end = self._quoted_name_end(end)
        if end == i + 1 and not self.is_definite(i):
            end = self._organization_name_after_head(end)
        while end < len(self.norms) and end - i < MAX_TITLE_WORDS and not self.stops_phrase(end) \
                and not self._names_parent(end) and (
                (self.is_definite(end) and not (self.is_definite(end - 1) and self._org_head(end)) and (
                    (end == i + 1 and not self.is_definite(i)) or self._is_adjective_form(end)
                    or without_glued_preposition(self._norm(end - 1)) in self.words.organization_heads
                    or not self.is_definite(end - 1)))
                or (self._norm(end).startswith(LAM_ARTICLE) and not self._is_audience(end))
                or (self._norm(end).startswith(LAM) and self._norm(end)[1:] in self.words.organization_heads)
                or self._lam_idafa(end) or self._coordinated_field(i, end)):
            end += 1
        return end

    def _names_parent(self, i: int) -> bool:
        """`التابعة لتنظيم ...`: the body a name belongs to follows, and is not part of the name."""
        return f"{self._norm(i)} {LAM}" in self.words.affiliation_links

    def _coordinated_field(self, first: int, i: int) -> bool:
        """A second field joined by و inside a body's name, closed by an adjective or a boundary: وزارة
        الصحة والرعاية الاجتماعية, هيئة الحقيقة والكرامة، وزارة المرأة والأسرة والطفولة. A body or office so
        joined is a co-speaker."""
        norm = self._norm(i)
        if i <= first + 1 or not norm.startswith(WAW + ARTICLE) or not (
                self.is_definite(i - 1) or self._norm(i - 1).startswith(WAW + ARTICLE)):
            return False
        stem = norm[1:]
        return (stem not in self.words.organization_heads and stem not in self.words.title_heads
                and stem not in self.words.known_first_words and not self._entity(i)
                and (self.is_punct(i + 1) or self._norm(i + 1) in ("في", "ان")
                     or self._norm(i + 1) in self.words.clause_openers or self._norm(i + 1).startswith(WAW + ARTICLE)
                     or (self.is_definite(i + 1) and self._is_adjective_form(i + 1))))

    def _lam_idafa(self, i: int) -> bool:
        """An idafa joined by ل inside a body's name: المرصد السوري لحقوق الإنسان, المفوضية السامية
        لشؤون اللاجئين, المكتب الإعلامي لرئيس الوزراء; an outlet so joined is the audience (لصحيفة ...)."""
        norm = self._norm(i)
        return (norm.startswith(LAM) and not norm.startswith(LAM_ARTICLE) and len(norm) > 3
                and self.is_definite(i + 1) and not self._is_audience(i)
                and self.words.organization_heads.get(norm[1:]) != "media")

    def _organization_name_after_head(self, i: int) -> int:
        """After an indefinite head: a proper name (معهد بروكينغز) or an idafa noun, a title or a second
        head, before the definite complement (مكتب رئيس الوزراء); a definite head (الجيش) takes neither."""
        if self._norm(i) in self.words.head_complements and not self.is_definite(i + 1):  # وكالة أنباء يونهاب
            return i + 2 if self._org_head(i + 1) else self._organization_name_after_head(i + 1)  # أنباء تسنيم
        if self._name_like(i) and (self._closes_name(i + 1) or self.is_definite(i + 1)):
            return i + 1
        if (self._title_head(i) or self._org_head(i)) and self.is_definite(i + 1):
            return i + 1  # مكتب رئيس الوزراء, هيئة قناة السويس
        return self._place_after_noun(i)  # إمارة منطقة مكة المكرمة

    def _place_after_noun(self, i: int) -> int:
        """`منطقة جازان`, `محافظة البصرة` after a head: an indefinite noun and the place it names (its end), or i."""
        place = self._known(i + 1) or self._entity(i + 1)
        if not self.is_definite(i) and self._name_like(i) and place and place[1] == "LOC":
            return place[0]
        return i

    def _is_adjective_form(self, i: int) -> bool:
        """Nisba, feminine and plural adjectives after a head: الإسلامي, العامة, الروسية, الاقتصاديين."""
        norm = self._norm(i)
        elative = norm.startswith("الا") and len(norm) == 6  # الأوسط, الأعلى
        return elative or norm.endswith(("ي", "يه", "ه", "يين", "يون")) or norm in self.words.title_adjectives or (
            i > 0 and _same_plural_ending(self._norm(i - 1), norm)  # "أحد المختطفين المفترضين", "الصحافيات الروسيات"
            and self.is_definite(i) and self.is_definite(i - 1))

    def _is_media(self, first: int, end: int) -> bool:
        """An outlet or agency: a media head (وكالة, صحيفة) or a known media name (فرانس برس)."""
        words = self.norms[first:end]  # a media name is the whole phrase or its first words
        return self.words.organization_heads.get(self._norm(first)) == "media" or any(
            " ".join(words[:n]) in self.words.media_names for n in range(1, len(words) + 1))

    def _affiliation(self, i: int) -> tuple[int, int] | None:
        """An organization attached by في/ب/لدى/ل at token i: its token span."""
        norm = self._norm(i)
        if norm in self.words.affiliation_links:
            end = self._organization_end(i + 1)
            return (i + 1, end) if end > i + 1 else None
        for link in (BA, LAM):
            if norm.startswith(link) and len(norm) > 3 and not norm.startswith(LAM_ARTICLE):
                stem = norm[1:]
                known = self._known_after_proclitic(i)
                if known:  # "مندوبة الولايات المتحدة بالأمم المتحدة"
                    return i, known
                # A body the entity model found is glued only with its article (بالمنظمة): برشلونة, بايرن
                # and بلومبرغ begin with ب themselves.
                if stem in self.words.organization_heads or (self._is_mention(i, "ORG") and self._glued_body(i)):
                    named = self._indefinite_glued_head(i)
                    end = i + 1
                    while end < len(self.norms) and end - i < MAX_TITLE_WORDS and (
                            self.is_definite(end) or (end == i + 1 and named and self._name_like(end))
                            or (self._norm(end).startswith(LAM_ARTICLE) and not self._is_audience(end))
                            or self._coordinated_field(i, end)) \
                            and not self.stops_phrase(end):
                        end += 1
                    return i, end
        return None

    def _known_after_proclitic(self, i: int) -> int:
        """End of a known organization glued to ب or ل at token i (بالأمم المتحدة), or 0."""
        stem = self._norm(i)[1:]
        for length in range(6, 0, -1):
            key = (stem, *self.norms[i + 1:i + length])
            if len(key) == length and self.words.known_phrases.get(key) == "ORG":
                return i + length
        return 0

    def _stem_organization_span(self, i: int) -> tuple[int, int] | None:
        end = self._stem_organization_end(i)
        return (i, end) if end > i else None

    def _stem_organization_end(self, i: int) -> int:
        """An organization joined by ل: لمشروع الأمن الأميركي, للأمم المتحدة."""
        norm = self._norm(i)
        stem = after_glued_preposition(norm)
        known = None
        for length in range(6, 0, -1):
            key = (stem, *self.norms[i + 1:i + length])
            if len(key) == length and key in self.words.known_phrases:
                known = i + length
                break
        if known:
            return known
        if stem in self.words.organization_heads:
            end = self._place_after_noun(self._quoted_name_end(i + 1))  # لشركة "بوبليسيس", لإمارة منطقة جازان
            named = self._indefinite_glued_head(i)
            while end < len(self.norms) and not self.stops_phrase(end) and (
                    self.is_definite(end) or (end == i + 1 and named and self._name_like(end))):
                end += 1
            return end
        return i

    def organization_after_lam(self, i: int) -> Phrase | None:
        """An institution glued to ل at token i (لوزارة الخارجية, للشرطة), as a phrase."""
        end = self._stem_organization_end(i)
        if end <= i:
            return None
        name = self._organization_text(i, end)
        return Phrase("institution", i, end, name, name=name, role="institution")

    def issuing_body(self, state: Phrase) -> Phrase | None:
        """`أعلنت مصر في بيان لوزارة الخارجية`: the body that speaks for the state, the state kept as alias."""
        i = state.last
        if self._norm(i) == "في" and self._norm(i + 1) in self.words.statement_nouns:
            body = self.organization_after_lam(i + 2) if self._norm(i + 2)[:1] == LAM else None
            if body:
                body.aliases.append(state.surface)
            return body
        return None

    def _organization_text(self, first: int, last: int) -> str:
        """An organization as written, without a ل/ب proclitic glued to its first word
        (للأمم المتحدة: ل + الأمم, whose alef the spelling drops, gives الأمم المتحدة); a head before a
        quoted name is left out, the name is the body's (وكالة "ناسا" → ناسا)."""
        if last - first >= 4 and (quoted := self.quoted_body_name(first, last)) and quoted[1] + 1 == last:
            return self._span(*quoted)
        if last - first >= 3 and self._quoted_name_end(first) == last:
            return self._span(first + 1, last - 1)  # رئيس مجلس إدارة "علي بابا" → علي بابا
        start = self.tokens[first].start
        word = self.tokens[first].text
        text = self.text[start:self.tokens[last - 1].end]
        if word.startswith(LAM_ARTICLE) and len(word) > 3:
            return "ا" + text[1:]
        return text[1:] if word[:1] in GLUED_PREPOSITIONS and len(word) > 3 and self._glued_body(first) else text

    def _indefinite_glued_head(self, i: int) -> bool:
        """A head glued to ب/ل without the article names its body next ("بمركز ستيمسون", "لشركة أبل");
        with it the body is complete and a word after it is not its name ("للنقابة طاهر ذاكر")."""
        norm = self._norm(i)
        return not (norm.startswith(LAM_ARTICLE) or norm[1:].startswith(ARTICLE))

    def _glued_body(self, i: int) -> bool:
        """The word at i is a preposition glued to a body (بالأمم, لوكالة, بمركز), not a name that
        begins with the letter (برشلونة, بلومبرغ)."""
        stem = self._norm(i)[1:]
        return stem.startswith(ARTICLE) or stem in self.words.organization_heads or bool(self._known_after_proclitic(i))
