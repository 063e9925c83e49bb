"""Reading a title: its head (وزير, المتحدث, مصادر), the complement that completes it
(الخارجية, باسم الجيش, في الشؤون الروسية) and the organization it names, if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsan.arabic.clitics import ARTICLE, BA, LAM, LAM_ARTICLE, THIRD_PERSON_ENCLITICS, WAW, without_article
from newsan.arabic.normalize import match_form
from newsan.attribution.tokens import COMMAS, MAX_TITLE_WORDS, PhraseTokens

_SEPARATE_LINKS = frozenset(match_form(w) for w in ("في", "لدى"))  # "خبير ... لدى معهد لندن" (folded: لدي)
_MAX_IDAFA_CHAIN = 3  # indefinite nouns between a title head and its complement: رئيس بلدية مدينة باريس


@dataclass(slots=True)
class _TitleScan:
    """How far the reading of one title has come, and what its words so far settled."""

    first: int  # the head's token index
    head: str  # the head, folded
    head_end: int  # after the head: a proper-name complement closed by a comma follows a one-word head only
    end: int  # the word being read
    portfolio: bool  # وزير الخارجية: the complement names a portfolio, never an organization
    chain: bool  # an indefinite head may still take an idafa chain
    definite_seen: bool = False
    chain_words: int = 0
    modified: bool = False  # an indefinite adjective closed the idafa
    organization: tuple[int, int] | None = None

    def complete(self, end: int | None = None) -> bool:
        """A definite complement was read (up to `end` when given): the idafa is complete, no indefinite
        noun continues it. True, for the readers that report a word read."""
        if end is not None:
            self.end = end
        self.definite_seen, self.chain = True, False
        return True


class TitleReader(PhraseTokens):
    """Titles and the descriptors of anonymous groups: the title part of `PhraseParser`."""

    if TYPE_CHECKING:  # defined by the other parts of `PhraseParser` (OrganizationReader, NameReader)
        def _organization_end(self, i: int) -> int: ...
        def _is_adjective_form(self, i: int) -> bool: ...
        def _affiliation(self, i: int) -> tuple[int, int] | None: ...
        def _known_after_proclitic(self, i: int) -> int: ...
        def _stem_organization_span(self, i: int) -> tuple[int, int] | None: ...
        def _stem_organization_end(self, i: int) -> int: ...
        def _quoted_name_end(self, i: int) -> int: ...

    def title_end(self, i: int) -> tuple[int, tuple[int, int] | None]:
        """End of a title phrase opened by a head at i, and the span of its organization if any.

        The words after the head are read one at a time: first a link that
        attaches a body or a field (a known body, باسم, an affiliation, في),
        else a word that extends the title itself (a complement, an adjective,
        an idafa chain); the first word that is neither ends the title.
        """
        scan = self._open_title(i)
        while scan.end < len(self.norms) and scan.end - i < MAX_TITLE_WORDS:
            if self._is_mention(scan.end, "PER") and self.is_definite(scan.end):
                break  # "الرئيس الباجي قائد السبسي": a person's name starts
            read = self._read_title_link(scan)
            if read is None:
                read = self._read_title_word(scan)
            if not read:
                break
        return scan.end, scan.organization

    def _open_title(self, i: int) -> _TitleScan:
        head = self._norm(i)
        end = i + 2 if f"{head} {self._norm(i + 1)}" in self.words.title_heads else i + 1  # شهود عيان
        scan = _TitleScan(i, head, end, end, portfolio=without_article(head) in self.words.portfolio_heads,
                          chain=not self.is_definite(i))  # only an indefinite head takes an idafa chain
        if end > i + 1 and self.is_definite(end - 1):
            scan.complete()  # "رئيس الوزراء": the idafa is complete, no indefinite word follows
        return scan

    def _read_title_link(self, scan: _TitleScan) -> bool | None:
        """A body, affiliation or field at the scan's word: True read, False the title ends, None no link."""
        end, norm = scan.end, self._norm(scan.end)
        if (quoted_end := self._quoted_name_end(end)) > end and not scan.definite_seen and scan.organization is None:
            scan.organization = (end, quoted_end)  # رئيس مجلس إدارة "علي بابا": a quoted name is the title's body
            return scan.complete(quoted_end)
        if norm[:1] == LAM and scan.head in self.words.anonymous_heads and self._known_after_proclitic(end):
            return False  # "شهود عيان لبي بي سي": the outlet they spoke to, not part of the descriptor
        known = self._known(end) or self._entity(end)
        if known and known[1] == "ORG" and scan.organization is None and not scan.portfolio \
                and not scan.definite_seen:
            scan.organization = (end, known[0])  # "مديرة صندوق النقد الدولي", "قائد برشلونة": a body completes it
            return scan.complete(self._organization_end(end))
        if norm == "باسم":
            return self._read_principal(scan)
        if norm in _SEPARATE_LINKS and self._title_head(end + 1) and not self._org_head(end + 1):
            return scan.complete(self.title_end(end + 1)[0])  # "كاتب الدولة لدى وزير الداخلية": whom the office serves
        if self.is_glued_place(end):  # "المندوب الجهوي للسياحة بسوسة": where the office sits, kept in the title
            return scan.complete(end + 1)
        affiliation = self._affiliation(end)
        if affiliation and (norm in self.words.affiliation_links or not norm.startswith(LAM)) \
                and (norm in _SEPARATE_LINKS or norm.startswith(BA)):
            scan.organization = affiliation
            scan.end = self._trim_link(affiliation[0])
            return False
        if norm == "في":  # "الخبير في الشؤون الروسية": a field, kept in the title
            if self.is_definite(end + 1) or (not self.stops_phrase(end + 1) and self.is_definite(end + 2)):
                return scan.complete(self._definite_run(end + 1 if self.is_definite(end + 1) else end + 2))
            return False
        return False if self.stops_phrase(end) else None

    def _read_principal(self, scan: _TitleScan) -> bool:
        """`المتحدث باسم ...`: whom a spokesman speaks for, a person (no organization) or a body."""
        after = scan.end + 1
        if self._title_head(after) and not self._org_head(after):
            return scan.complete(self.title_end(after)[0])  # "المتحدث باسم رئيس الوزراء": a person's spokesman
        quoted_end = self._quoted_name_end(after)  # المتحدث باسم "جيش الإسلام"
        org_end = self._organization_end(after) if quoted_end == after else quoted_end
        if org_end == after:
            org_end = self._definite_run(after)
        if org_end == after:
            return False
        scan.organization = (after, org_end)
        return scan.complete(org_end)

    def _read_title_word(self, scan: _TitleScan) -> bool:
        """A word that extends the title itself; False when the word at the scan ends the title."""
        end, norm = scan.end, self._norm(scan.end)
        if scan.modified and norm in self.words.compound_adjectives:
            with_complement = self.is_definite(end + 1) and not self.stops_phrase(end + 1)
            scan.end += 2 if with_complement else 1  # "مسؤول أمريكي رفيع المستوى", "مسؤول كردي كبير"
        elif self.is_definite(end) and scan.modified:
            return False  # "مصدر دبلوماسي تركي الاتهامات": an indefinite adjective closed the phrase; an object follows
        elif self.is_definite(end) and (not scan.definite_seen or self._is_adjective_form(end)) or \
                norm.startswith(LAM_ARTICLE) and not self._is_audience(end):
            self._read_complement(scan)
        elif norm.startswith(LAM) and not self._is_audience(end) and (
                self.is_definite(end + 1) or self._stem_organization_end(end) > end + 1):
            if not scan.portfolio and scan.organization is None:  # لمشروع الأمن الأميركي: a new complement opens
                scan.organization = self._stem_organization_span(end)
            scan.definite_seen, scan.chain = False, True
            scan.end += 1
        elif scan.definite_seen and norm.startswith(WAW) and len(norm) > 3 and self.is_definite(end + 1) \
                and not self.stops_phrase(end):
            scan.end += 2  # coordinated fields: خبير الشؤون الروسية ونزع السلاح
        elif scan.definite_seen and norm.startswith(WAW + ARTICLE) and self._coordinated_portfolio(end):
            scan.end += 1  # coordinated fields: وزير الشباب والرياضة, وزيرة التضامن والصحة
        elif scan.definite_seen and norm.startswith(WAW) and self._known_place_after_waw(end):
            scan.end = self._known_place_after_waw(end)  # الشرق الأوسط وشمال إفريقيا
        elif scan.definite_seen and self._title_head(end) and not self.is_definite(end):
            scan.definite_seen, scan.chain = False, True  # stacked titles: نائب الرئيس اليمني رئيس الوزراء
            scan.end += 1
        elif self._continues_idafa(scan):
            scan.chain_words += 1
            scan.end += 1  # idafa chain before the definite complement: رئيس خدمات استشارات الضرائب
        elif not self.is_definite(scan.first) and not scan.definite_seen and self._is_indefinite_modifier(end):
            scan.chain, scan.modified = False, True  # an adjective closes the idafa: "مصدر دبلوماسي تركي" + object
            scan.end += 1  # indefinite heads take indefinite adjectives: مصادر أمنية عراقية
        else:
            return False
        return True

    def _read_complement(self, scan: _TitleScan) -> None:
        """A definite complement or adjective (الخارجية, الأمريكي), or a body joined by لل (للأمم المتحدة);
        the first body met is the title's organization, unless the head names a portfolio."""
        end, norm = scan.end, self._norm(scan.end)
        if norm.startswith(LAM_ARTICLE) and not scan.portfolio and scan.organization is None:
            scan.organization = self._stem_organization_span(end)
        elif self.is_definite(end) and not scan.portfolio and scan.organization is None and not scan.definite_seen \
                and self._org_head(end):
            scan.organization = (end, self._organization_end(end))
        scan.complete()
        scan.end += 1

    def _continues_idafa(self, scan: _TitleScan) -> bool:
        """An indefinite noun of an idafa chain that reaches a definite complement (رئيس خدمات الضرائب)."""
        end = scan.end
        return (scan.chain and not scan.definite_seen
                and (end == scan.first + 1 or not self._is_mention(end, "PER"))
                and not self._pronoun_suffixed(end) and self._norm(end)[:1].isalpha()
                and scan.chain_words < _MAX_IDAFA_CHAIN
                and self._reaches_complement(end, _MAX_IDAFA_CHAIN - scan.chain_words, scan.head_end == scan.first + 1))

    def _pronoun_suffixed(self, i: int) -> bool:
        """`كلامه`, `حديثها`: a noun with a pronoun suffix ends any idafa; it is an object after a title."""
        word = self.tokens[i].text if i < len(self.tokens) else ""
        return len(word) > 3 and word.endswith(THIRD_PERSON_ENCLITICS)

    def _is_nisba(self, i: int) -> bool:
        """An indefinite nisba adjective (دبلوماسي, تركية), which modifies a head and never continues an idafa."""
        norm = self._norm(i)
        return len(norm) > 3 and norm.endswith(("ي", "يه")) and not self._title_head(i)

    def _reaches_complement(self, i: int, budget: int, proper_name: bool = True) -> bool:
        """An idafa chain from token i ends in a definite complement within `budget` words (رئيس خدمات الضرائب);
        indefinite nouns that reach none are an object after the title, not part of it."""
        for k in range(i, min(i + budget + 1, len(self.norms))):
            # "حاكم منطقة بريمورسكي كراي،": a proper-name complement closed by a comma
            if self._norm(k) in COMMAS and proper_name:
                return k > i
            if self.stops_phrase(k) or self.is_definite(k):
                break
        for k in range(i, min(i + budget + 1, len(self.norms))):
            if k > i and self._quoted_name_end(k) > k:
                return True  # "رئيس مجلس إدارة "علي بابا"": a quoted name completes the chain
            if self.is_definite(k) or self._norm(k).startswith(LAM_ARTICLE) or (k > i and self._names_place_or_body(k)):
                return k > i  # "ولي عهد أبوظبي", "حاكم منطقة بريمورسكي كراي": a place or body completes it too
            if self.stops_phrase(k) or self._norm(k) in self.words.clause_openers:
                return k == i + 1  # "مصدر مطلع إن", "مسؤول كبير في": one adjective-like word closed by a boundary
            if self._is_nisba(k):  # "وزير مالية الدنمارك": a noun before a named place, not an adjective
                return k == i and self._names_place_or_body(k + 1)
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
        while end < len(self.norms) and (self.is_definite(end) or self._norm(end).startswith(LAM_ARTICLE)) \
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
