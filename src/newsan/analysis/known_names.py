"""Names for the article's entity list that the tagger leaves out: the gazetteer's, and names after their kind.

The entity models weigh a gazetteer name against its context, and the context
they learnt is ANERcorp's news of 2006: they leave out names that news of
today takes for granted (`تويتر`, `الحوثيين`, `بسوسة`, `CNN`), and a name a
user adds to the gazetteer through `--config` reaches the models not at all.
So the entity stage adds a mention for every listed name the tagged mentions
do not touch, as it does for the bodies read from organization heads
(`newsan.attribution.bodies`). The models' own scores (`newsan eval ner`) are
untouched; news-dev's entity recall (`newsan eval entities`) is what this
serves.

A name matches as listed, with at most a glued conjunction or preposition
before it (`بالسعودية`, `للسعودية` for `السعودية`): never with an article the
listing lacks (`المالي` is no `مالي`) nor without one it has (`عقبة` is no
`العقبة`). A listed name that is also a common word (`الزاوية`, `فتح`) is in
the gazetteer's `not_alone` list: the tagger's own mentions are its only ones.

And a place or body news names with the noun of its kind (`محافظة لحج`,
`تنظيم داعش`) is mentioned so too (headed_names), beside the name the tagger
tagged alone, as news-dev's gold lists both; the grouping makes them one
entity (`newsan.analysis.entities.group_entities`, kind_nouns).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import Any

from newsan.analysis.entities import name_bounds
from newsan.arabic.clitics import ARTICLE, DEFINITE_WITH_PROCLITIC, LAM, WAW
from newsan.arabic.normalize import match_form
from newsan.lexicons import compiled, gazetteer_names
from newsan.model import Mention, Sentence, Speaker, Token
from newsan.ner.labels import LABELS

# What may be glued before a name's first word: a conjunction, a preposition, or both.
_PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
_MIN_LETTERS = 3  # the shortest one-word name read alone (_plain_enough)
_NISBA_ENDINGS = ("يه", "ي")  # match forms of السعودية, العراقي
# Match forms that begin like a definite word and are none: إلى, إلا and relative pronouns (and, after a
# glued و, والي, a governor).
_NOT_DEFINITE = frozenset({"الي", "الا", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللاتي", "اللواتي"})
# Place nouns that do not name a place's kind before its name: a role (العاصمة دمشق) or another sense
# (مقاطعة إسرائيل, a boycott, as often as a province).
_NOT_KINDS = frozenset({"عاصمة", "العاصمة", "مقاطعة"})


class _NameIndex:
    """The gazetteer's names by every written form of their first word (as listed, and after each glued
    proclitic: السعودية, بالسعودية, للسعودية ...): (that word as listed, the name's words, type), longest first."""

    def __init__(self, gazetteer: Mapping[str, Any]):
        not_alone = {match_form(name) for name in gazetteer.get("not_alone", [])}
        self.by_form: dict[str, list[tuple[str, tuple[str, ...], str]]] = {}
        seen: set[tuple[str, ...]] = set()
        for entity_type, name in gazetteer_names(gazetteer, LABELS):
            words = tuple(match_form(name).split())
            if not words or words in seen or " ".join(words) in not_alone:
                continue
            seen.add(words)
            for form in _written_forms(words[0]):
                if len(words) > 1 or _plain_enough(words[0], glued=form != words[0]):
                    self.by_form.setdefault(form, []).append((words[0], words, entity_type))
        for names in self.by_form.values():
            names.sort(key=lambda item: -len(item[1]))


def _plain_enough(word: str, glued: bool) -> bool:
    """Whether a one-word name is long enough to be read alone: three letters (قم the city is قم the verb),
    four after a glued proclitic (كسرت is no ك + سرت, وابل no و + أبل), a name in Latin letters always."""
    return word.isascii() or len(word) >= _MIN_LETTERS + glued


def _written_forms(word: str) -> list[str]:
    """A name's first word as written: alone, after a glued proclitic (بالسعودية), and with ل before its
    article (للسعودية)."""
    forms = [word, *(proclitic + word for proclitic in _PROCLITICS)]
    if word.startswith(ARTICLE):
        forms += [proclitic + word[1:] for proclitic in _PROCLITICS if proclitic.endswith(LAM)]
    return forms


def known_name_mentions(sentences: Sequence[Sentence], mentions: Sequence[Mention],
                        gazetteer: Mapping[str, Any]) -> list[Mention]:
    """A mention for every gazetteer name (longest first, left to right) that no mention in `mentions`
    overlaps, or whose span holds only shorter mentions of its type (سلطنة عمان around the tagger's
    عمان, شمال إفريقيا around إفريقيا: both are listed, as nested names are); its text is the whole
    token span, a glued proclitic included (the grouping takes it off). A one-word name right before a
    person's mention is that person's first name (الأزهر الشرايطي)."""
    return _listed_mentions(sentences, mentions, compiled(gazetteer, _NameIndex).by_form)


def speaker_name_mentions(sentences: Sequence[Sentence], mentions: Sequence[Mention], speakers: Sequence[Speaker],
                          gazetteer: Mapping[str, Any]) -> list[Mention]:
    """ORG mentions of the speakers' affiliations (of two words or more) wherever the article writes them and
    `mentions` leave them out: a quoted expert's centre (مركز ستيمسون للأبحاث, معهد بروكينغز) is an
    organization of the article, whatever the tagger made of it; one headed by a noun of a kind of place
    (محافظة البيضاء, ولاية فلوريدا: the gazetteer's) is a place. Speakers' own names are not taken: those
    of untitled speakers (معارضو الاتفاق, مسعف محلي) and of bodies speaking (وكالة أنباء) are too often no names,
    and a person with a title is mostly a mention already."""
    bodies = [s.organization for s in speakers if s.organization and " " in s.organization]
    if not bodies:
        return []
    found = _listed_mentions(sentences, mentions, _NameIndex({"ORG": [bodies]}).by_form)
    firsts = {match_form(name).split()[0] for name in bodies}
    places = compiled(gazetteer, _kind_heads)["LOC"]
    return [Mention(m.text, m.start, m.end, "LOC") if match_form(m.text).split()[0] in places else m
            for m in (_without_glued_proclitic(m, firsts) for m in found)]


def _without_glued_proclitic(mention: Mention, firsts: set[str]) -> Mention:
    """The mention from the name's first word on: بمركز ستيمسون للأبحاث names مركز ستيمسون للأبحاث."""
    for proclitic in _PROCLITICS:
        rest = mention.text[len(proclitic):]
        if mention.text.startswith(proclitic) and match_form(rest.split(" ", 1)[0]) in firsts:
            return Mention(rest, mention.start + len(proclitic), mention.end, mention.type)
    return mention


def _listed_mentions(sentences: Sequence[Sentence], mentions: Sequence[Mention],
                     index: Mapping[str, list[tuple[str, tuple[str, ...], str]]]) -> list[Mention]:
    """known_name_mentions over the names of `index` (_NameIndex.by_form)."""
    taken = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in taken]
    reach = list(accumulate((m.end for m in taken), max))  # the furthest end of the mentions so far

    def overlapping(start: int, end: int) -> list[Mention]:
        """The mentions that overlap the span: back from the last one starting before its end, until none
        before reaches into it."""
        found = []
        j = bisect_left(starts, end) - 1  # the last mention starting before `end`
        while j >= 0 and reach[j] > start:
            if taken[j].end > start:
                found.append(taken[j])
            j -= 1
        return found

    def holds_only_parts(start: int, end: int, words: int, entity_type: str) -> bool:
        """Every mention the span overlaps is inside it, of its type and of fewer words."""
        return all(start <= m.start and m.end <= end and len(m.text.split()) < words and m.type == entity_type
                   for m in overlapping(start, end))

    person_starts = {m.start for m in mentions if m.type == "PER"}
    found: list[Mention] = []
    for sentence in sentences:
        tokens = sentence.tokens
        after = 0  # past the last name found
        for k in [k for k, token in enumerate(tokens) if token.norm in index]:  # most sentences: none
            if k < after:
                continue
            match = _name_at(tokens, k, index)
            if match is None:
                continue
            end, entity_type = match
            # cut as the tagged mentions are, to compare with them (روسياً is the tagger's روسيا)
            start_offset, end_offset = name_bounds(sentence, tokens[k].start, tokens[end - 1].end)
            if not holds_only_parts(start_offset, end_offset, end - k, entity_type):
                continue  # most listed names the tagger found
            after = end
            before_person = end < len(tokens) and tokens[end].start in person_starts
            if not (before_person and end == k + 1):
                found.append(Mention(sentence.text[start_offset - sentence.start:end_offset - sentence.start],
                                     start_offset, end_offset, entity_type))
    return found


def _name_at(tokens: Sequence[Token], k: int, index: Mapping[str, list[tuple[str, tuple[str, ...], str]]]
             ) -> tuple[int, str] | None:
    """(token after the name, type) of the longest listed name starting at token k."""
    for first, words, entity_type in index[tokens[k].norm]:
        end = k + len(words)
        if end > len(tokens) or any(tokens[k + j].norm != words[j] for j in range(1, len(words))):
            continue
        if len(words) == 1 and entity_type == "LOC" and _agrees_with_noun_before(tokens, k, first):
            return None
        return end, entity_type
    return None


def _agrees_with_noun_before(tokens: Sequence[Token], k: int, form: str) -> bool:
    """A place's name that is also a nisba adjective, after a definite word it agrees with: the adjective
    (الأندية السعودية, the Saudi clubs), not the country (بقيادة السعودية). A person's name is no
    adjective (الرئيس السيسي)."""
    if not (form.startswith(ARTICLE) and form.endswith(_NISBA_ENDINGS) and k > 0):
        return False
    before = tokens[k - 1].norm.removeprefix(WAW)  # وللأندية السعودية as للأندية السعودية
    return before.startswith(DEFINITE_WITH_PROCLITIC) and before not in _NOT_DEFINITE


def headed_names(sentences: Sequence[Sentence], mentions: Sequence[Mention], gazetteer: Mapping[str, Any]
                 ) -> list[Mention]:
    """A place or body named with the noun of its kind right before it (`محافظة لحج`, `ولاية أوهايو`,
    `بمدينة نانت`, `تنظيم داعش`, `شركة أبل`) is mentioned so as well: news names it that way, and the
    tagger, which learnt ANERcorp's guidelines, tags the name alone. The nouns are the gazetteer's
    `triggers.LOC_BEFORE` (but _NOT_KINDS) and `place_kinds` before a place and `triggers.ORG` before a body; a glued
    proclitic stays out of the mention. A noun of its `bodies_of_places` before a place names a body of
    that place (`منتخب مصر`, `بلدية سوسة`, `سفارة إيران`)."""
    heads = compiled(gazetteer, _kind_heads)
    place_bodies = compiled(gazetteer, _place_body_heads)
    named = sorted((m for m in mentions if m.type in heads), key=lambda m: m.start)
    starts = [m.start for m in named]
    found: list[Mention] = []
    for sentence in sentences:
        tokens = sentence.tokens
        inside = named[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        if not inside:
            continue  # most sentences name no place or body
        token_at = {token.start: k for k, token in enumerate(tokens)}
        for name in inside:
            k = token_at.get(name.start, 0)
            if k == 0:
                continue
            before = tokens[k - 1].norm
            head, kind = heads[name.type].get(before), name.type
            if head is None and name.type == "LOC":
                head, kind = place_bodies.get(before), "ORG"
            if head is None:
                continue
            start = tokens[k - 1].end - len(head)
            if match_form(sentence.text[start - sentence.start:tokens[k - 1].end - sentence.start]) == head:
                found.append(Mention(sentence.text[start - sentence.start:name.end - sentence.start], start,
                                     name.end, kind))
    return found


def kind_nouns(gazetteer: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """Per entity type, the match forms of the nouns headed_names reads before a name of that type."""
    return compiled(gazetteer, _kind_nouns)


def _kind_nouns(gazetteer: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    return {entity_type: frozenset(forms.values()) for entity_type, forms in compiled(gazetteer, _kind_heads).items()}


def _place_body_heads(gazetteer: Mapping[str, Any]) -> dict[str, str]:
    """Every written form of a noun of the gazetteer's `bodies_of_places` → the noun's match form."""
    return {form: noun for noun in map(match_form, gazetteer.get("bodies_of_places", []))
            for form in _written_forms(noun)}


def _kind_heads(gazetteer: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Per entity type, every written form of a noun of its kinds (as listed, after a glued proclitic) → the
    noun's match form."""
    triggers = gazetteer.get("triggers", {})
    places = [*triggers.get("LOC_BEFORE", []), *gazetteer.get("place_kinds", [])]
    nouns = {"LOC": [w for w in places if w not in _NOT_KINDS], "ORG": triggers.get("ORG", [])}
    return {entity_type: {form: noun for noun in map(match_form, words) for form in _written_forms(noun)}
            for entity_type, words in nouns.items()}
