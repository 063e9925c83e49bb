"""Reading a title: its head (وزير, المتحدث, مصادر), the complement that completes it
(الخارجية, باسم الجيش, في الشؤون الروسية) and the organization it names, if any.
"""

from __future__ import annotations

from newsan.arabic.clitics import without_article, without_glued_preposition
from newsan.attribution.tokens import CLAUSE_OPENERS, COMMAS, MAX_TITLE_WORDS, Phrase, PhraseTokens

_MAX_IDAFA_CHAIN = 3  # indefinite nouns between a title head and its complement: رئيس بلدية مدينة باريس


class TitleReader(PhraseTokens):
    """Titles and the descriptors of anonymous groups: the title part of `PhraseParser`."""

    def title_end(self, i: int) -> tuple[int, tuple[int, int] | None]:
        """End of a title phrase opened by a head at i, and the span of its organization if any."""
        head = self._norm(i)
        end = i + 2 if f"{head} {self._norm(i + 1)}" in self.words.title_heads else i + 1  # شهود عيان
        head_end = end  # a proper-name complement closed by a comma follows a one-word head only
        organization: tuple[int, int] | None = None
        definite_seen, chain = False, not self.is_definite(i)  # only an indefinite head takes an idafa chain
        if head_end > i + 1 and self.is_definite(head_end - 1):
            definite_seen, chain = True, False  # "رئيس الوزراء": the idafa is complete, no indefinite word follows
        chain_words = 0
        modified = False
        portfolio = without_article(head) in self.words.portfolio_heads  # وزير الخارجية: no organization
        while end < len(self.norms) and end - i < MAX_TITLE_WORDS:
            norm = self._norm(end)
            if norm[:1] == "ل" and head in self.words.anonymous_heads and self._known_after_proclitic(end):
                break  # "شهود عيان لبي بي سي": the outlet they spoke to, not part of the descriptor
            known = self._known(end)
            if known and known[1] == "ORG" and organization is None and not portfolio and not definite_seen:
                organization = (end, known[0])  # "مديرة صندوق النقد الدولي": a known body completes the title
                end = self._organization_end(end)
                definite_seen, chain = True, False
                continue
            affiliation = self._affiliation(end)
            if norm == "باسم" and self._title_head(end + 1) and not self._org_head(end + 1):
                end, _ = self.title_end(end + 1)  # "المتحدث باسم رئيس الوزراء": a person's spokesman, no organization
                definite_seen, chain = True, False
                continue
            if norm == "باسم":
                org_end = self._organization_end(end + 1) if self._quoted_name_end(end + 1) == end + 1 \
                    else self._quoted_name_end(end + 1)  # المتحدث باسم "جيش الإسلام"
                if org_end == end + 1:
                    org_end = self._definite_run(end + 1)
                if org_end > end + 1:
                    organization = (end + 1, org_end)
                    end = org_end
                    definite_seen, chain = True, False
                    continue
                break
            if affiliation and (norm in self.words.affiliation_links or not norm.startswith("ل")):
                if norm in ("في", "لدى") or norm.startswith("ب"):
                    organization = affiliation
                    end = affiliation[1]
                    return self._trim_link(affiliation[0]), organization
            if self.stops_phrase(end) and norm != "في":
                break
            if norm == "في":  # "الخبير في الشؤون الروسية": a field, kept in the title
                if self.is_definite(end + 1) or (not self.stops_phrase(end + 1) and self.is_definite(end + 2)):
                    end = self._definite_run(end + 1 if self.is_definite(end + 1) else end + 2)
                    definite_seen, chain = True, False
                    continue
                break
            if modified and norm in self.words.compound_adjectives:
                with_complement = self.is_definite(end + 1) and not self.stops_phrase(end + 1)
                end += 2 if with_complement else 1  # "مسؤول أمريكي رفيع المستوى", "مسؤول كردي كبير"
                continue
            if self.is_definite(end) and modified:
                break  # "مصدر دبلوماسي تركي الاتهامات": an indefinite adjective closed the phrase; an object follows
            if self.is_definite(end) and (not definite_seen or self._is_adjective_form(end)) or \
                    norm.startswith("لل") and not self._is_audience(end):
                if norm.startswith("لل") and not portfolio and organization is None:
                    organization = self._stem_organization_span(end)
                elif self.is_definite(end) and not portfolio and organization is None and not definite_seen \
                        and self._org_head(end):
                    organization = (end, self._organization_end(end))
                definite_seen, chain = True, False
                end += 1
            elif norm.startswith("ل") and not self._is_audience(end) and self.is_definite(end + 1):
                if not portfolio and organization is None:  # لمشروع الأمن الأميركي: a new complement opens
                    organization = self._stem_organization_span(end)
                definite_seen, chain = False, True
                end += 1
            elif definite_seen and norm.startswith("و") and len(norm) > 3 and self.is_definite(end + 1) \
                    and not self.stops_phrase(end):
                end += 2  # coordinated fields: خبير الشؤون الروسية ونزع السلاح
            elif definite_seen and norm.startswith("و") and self._known_place_after_waw(end):
                end = self._known_place_after_waw(end)  # الشرق الأوسط وشمال إفريقيا
            elif definite_seen and self._title_head(end) and not self.is_definite(end):
                definite_seen, chain = False, True  # stacked titles: نائب الرئيس اليمني رئيس الوزراء
                end += 1
            elif chain and not definite_seen and (end == i + 1 or not self._is_mention(end, "PER")) \
                    and not self._pronoun_suffixed(end) \
                    and norm[:1].isalpha() and chain_words < _MAX_IDAFA_CHAIN \
                    and self._reaches_complement(end, _MAX_IDAFA_CHAIN - chain_words, head_end == i + 1):
                chain_words += 1
                end += 1  # idafa chain before the definite complement: رئيس خدمات استشارات الضرائب
            elif not self.is_definite(i) and not definite_seen and self._is_indefinite_modifier(end):
                chain, modified = False, True  # an adjective closes the idafa: "مصدر دبلوماسي تركي" + object
                end += 1  # indefinite heads take indefinite adjectives: مصادر أمنية عراقية
            else:
                break
        return end, organization

    def _pronoun_suffixed(self, i: int) -> bool:
        """`كلامه`, `حديثها`: a noun with a pronoun suffix ends any idafa; it is an object after a title."""
        word = self.tokens[i].text if i < len(self.tokens) else ""
        return len(word) > 3 and word.endswith(("ه", "ها", "هم", "هما"))

    def _is_nisba(self, i: int) -> bool:
        """An indefinite nisba adjective (دبلوماسي, تركية), which modifies a head and never continues an idafa."""
        norm = self._norm(i)
        return len(norm) > 3 and norm.endswith(("ي", "يه")) and not self._title_head(i)

    def _reaches_complement(self, i: int, budget: int, proper_name: bool = True) -> bool:
        """An idafa chain from token i ends in a definite complement within `budget` words (رئيس خدمات الضرائب);
        indefinite nouns that reach none are an object after the title, not part of it."""
        for k in range(i, min(i + budget + 1, len(self.norms))):
            if self._norm(k) in COMMAS and proper_name:  # "حاكم منطقة بريمورسكي كراي،": a proper-name complement closed by a comma
                return k > i
            if self.stops_phrase(k) or self.is_definite(k):
                break
        for k in range(i, min(i + budget + 1, len(self.norms))):
            if self.is_definite(k) or self._norm(k).startswith("لل") or (k > i and self._names_place_or_body(k)):
                return k > i  # "ولي عهد أبوظبي", "حاكم منطقة بريمورسكي كراي": a place or body completes it too
            if self.stops_phrase(k) or self._norm(k) in CLAUSE_OPENERS:
                return k == i + 1  # "مصدر مطلع إن", "مسؤول كبير في": one adjective-like word closed by a boundary
            if self._is_nisba(k):
                return False
        return False

    def _known_place_after_waw(self, i: int) -> int:
        """End of a gazetteer place written after و at token i (وشمال إفريقيا), or 0."""
        for length in range(4, 0, -1):
            key = (self._norm(i)[1:], *self.norms[i + 1:i + length])
            if len(key) == length and self.words.known_phrases.get(key) == "LOC":
                return i + length
        return 0

    def _definite_run(self, i: int) -> int:
        end = i
        while end < len(self.norms) and (self.is_definite(end) or self._norm(end).startswith("لل")) \
                and not self.stops_phrase(end):
            if end > i and self._title_head(end) and self._name_like(end + 1):
                break  # "مدير الأوقاف في القدس الشيخ عزام": a second title opens the name
            end += 1
        return end

    def _trim_link(self, link: int) -> int:
        """Title end before an affiliation link written as a separate word or a prefix."""
        return link if self._norm(link - 1) not in self.words.affiliation_links else link - 1

    def _is_indefinite_modifier(self, i: int) -> bool:
        norm = self._norm(i)
        return (not self.stops_phrase(i) and (norm.endswith(("يه", "ي", "ون", "ين")) or norm in self.words.title_heads
                or norm in self.words.anonymous_heads)) and norm[:1].isalpha()

    def _set_title(self, phrase: Phrase, first: int, end: int, organization: tuple[int, int] | None) -> None:
        title_stop = end
        if organization and organization[0] >= first and organization[1] <= end and \
                self._norm(organization[0] - 1) in self.words.affiliation_links - {"باسم"}:
            title_stop = organization[0] - 1
        phrase.title = self._span(first, title_stop)
        if organization:
            phrase.organization = self._organization_text(*organization)
        head_role = self._title_head(first) or "other"
        org_role = self.words.organization_heads.get(without_glued_preposition(self._norm(organization[0]))) if organization else None
        phrase.role = "expert" if "expert" in (head_role, org_role) else head_role
