"""Named entities: turn a tagger's BIO tags into mentions, and group mentions.

The taggers themselves are in newsan.ner (newsan.ner.registry picks one).
Mentions are cleaned of attached proclitics (لبوتين → بوتين) and grouped
into entities: same normalized form, or a surname/short form that is the
tail or head of a longer name of the same type (بوتين → فلاديمير بوتين).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsan.arabic.clitics import (
    LAM,
    RARELY_GLUED_TO_NAMES,
    WAW,
    name_without_proclitic,
    without_proclitic_before_article,
)
from newsan.arabic.normalize import clean, hashtags_as_words, match_form
from newsan.lexicons import compiled, gazetteer_names
from newsan.model import Entity, Mention, Sentence
from newsan.ner.labels import LABELS, entity_spans


def name_stops(cues: Mapping[str, Any]) -> frozenset[str]:
    """The cue lexicon's function words, which never end a person's name, as spelled (cleaned, not
    folded: folding would make the preposition على of the name علي, محمد علي)."""
    return compiled(cues, _clean_function_words)


def _clean_function_words(cues: Mapping[str, Any]) -> frozenset[str]:
    return _cleaned(cues.get("function_words", []))


def name_openers(cues: Mapping[str, Any]) -> frozenset[str]:
    """The function words that also begin a person's name (أم كلثوم, بين ستانتون), as spelled."""
    return compiled(cues, _clean_name_openers)


def _clean_name_openers(cues: Mapping[str, Any]) -> frozenset[str]:
    return _cleaned(cues.get("name_openers", []))


def _cleaned(words: Iterable[str]) -> frozenset[str]:
    return frozenset(clean(w).strip() for w in words)


def mentions_from_tags(sentences: Sequence[Sentence], tags: Sequence[Sequence[str]],
                       stops: frozenset[str] = frozenset(), openers: frozenset[str] = frozenset()) -> list[Mention]:
    """Turn per-token BIO tags into mention spans (an I- without B- opens a span, as in conlleval).

    A person's span of two words or more neither ends with the words of ``stops`` (name_stops) nor
    starts with one that is none of ``openers`` (name_openers): a tagger sometimes takes in the word
    after a name (عماد أحمد [بالقول]) or the preposition before it ([على] ستوارت جونز).
    """
    mentions: list[Mention | None] = []
    for sentence, sentence_tags in zip(sentences, tags, strict=True):
        for start, end, entity_type in sorted(entity_spans(sentence_tags)):
            last = end - 1
            if entity_type == "PER":
                while last > start and clean(sentence.tokens[last].text) in stops:
                    last -= 1
                while start < last and (word := clean(sentence.tokens[start].text)) in stops and word not in openers:
                    start += 1
            mentions.append(_mention(sentence, start, last, entity_type))
    return [m for m in mentions if m is not None]


def _mention(sentence: Sentence, first_token: int, last_token: int, entity_type: str) -> Mention | None:
    start, end = name_bounds(sentence, sentence.tokens[first_token].start, sentence.tokens[last_token].end)
    if start == end:
        return None
    return Mention(sentence.text[start - sentence.start:end - sentence.start], start, end, entity_type)


def name_bounds(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The span (offsets into the document) without the marks at its edges: quotes and brackets sometimes
    end up inside a span, and a tanween after it (روسياً is روسيا); they are never part of a name."""
    text = sentence.text
    while start < end and not text[start - sentence.start].isalnum():
        start += 1
    while end > start and not text[end - 1 - sentence.start].isalnum():
        end -= 1
    return start, end


def _detach_proclitic(mention: Mention, names: Sequence[frozenset[str]]) -> Mention:
    """لبوتين → بوتين when بوتين is named elsewhere too (`names`: sets of folded names and their first words);
    والصين → الصين always (name_without_proclitic)."""
    whole = mention.text[:1] in RARELY_GLUED_TO_NAMES  # كلاوس هيورت: لاوس is a country, كلاوس a first name
    text = name_without_proclitic(mention.text, match_form, lambda folded: _named(folded, names, whole))
    return mention if text == mention.text else Mention(text, mention.start + 1, mention.end, mention.type)


def _named(folded: str, names: Sequence[frozenset[str]], whole: bool = False) -> bool:
    """The folded name, or (unless `whole`) its first word, is among `names`."""
    forms = (folded,) if whole else (folded, _first_word(folded))
    return any(form in known for known in names for form in forms)


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _with_first_words(forms: Iterable[str]) -> frozenset[str]:
    """Folded names plus the first word of each: a proclitic goes from a first name met alone, too."""
    forms = set(forms)
    return frozenset(forms | {_first_word(f) for f in forms})


def gazetteer_types(gazetteer: Mapping[str, Any]) -> dict[str, str]:
    """Match form of every gazetteer name → its type (the first listing wins)."""
    types: dict[str, str] = {}
    for entity_type, phrase in gazetteer_names(gazetteer, LABELS):
        types.setdefault(" ".join(match_form(phrase).split()), entity_type)
    return types


def same_names(gazetteer: Mapping[str, Any]) -> dict[str, str]:
    """The gazetteer's `same_as` sets: each name's group key → its set's first name's (one id per set)."""
    return compiled(gazetteer, _same_names)


def _same_names(gazetteer: Mapping[str, Any]) -> dict[str, str]:
    return {_group_key(name): _group_key(names[0]) for names in gazetteer.get("same_as", []) for name in names}


def group_entities(mentions: Sequence[Mention], known_types: Mapping[str, str] | None = None,
                   kind_nouns: Mapping[str, frozenset[str]] | None = None,
                   same_as: Mapping[str, str] | None = None) -> list[Entity]:
    """Group mentions of one referent; entities come out by count, then first appearance.

    `known_types` (from the gazetteer) lets a proclitic go from a name met only
    once (وإفريقيا → إفريقيا) and overrides the tagger's type for a name that
    is a plain fact (بيونج يانج is a place, whatever the model guessed).
    A name after one of the `kind_nouns` of its type (محافظة لحج, صحيفة نيويورك
    تايمز) is the one named alone (لحج, نيويورك تايمز) when no other such name
    ends so. Names of one `same_as` set (same_names: الناتو, حلف شمال الأطلسي) are one entity.
    """
    known_types = known_types or {}
    mentions = _split_joined_names(mentions, known_types)
    names = (_with_first_words({match_form(m.text) for m in mentions}),
             compiled(known_types, _with_first_words) if known_types else frozenset())
    surnames = _surnames(mentions)
    whole = surnames | (compiled(known_types, _listed_waw_words) if known_types else frozenset())
    cleaned = [Mention(m.text, m.start, m.end, "PER") if _is_surname_with_waw(m, surnames)
               else _retype(m if _first_word(match_form(m.text)) in whole else _detach_proclitic(m, names),
                            known_types, whole) for m in mentions]
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in cleaned:
        key = (mention.type, _group_key(mention.text, whole))
        groups.setdefault(key, []).append(mention)
    _merge_short_names(groups, kind_nouns or {})
    _merge_same_names(groups, same_as or {})
    entities = [Entity(_canonical_text(ms, names), entity_type, sorted(ms, key=lambda m: m.start))
                for (entity_type, _), ms in groups.items()]
    first_seen = {id(e): min(m.start for m in e.mentions) for e in entities}
    entities.sort(key=lambda e: (-e.count, first_seen[id(e)]))
    return entities


_JOINED = " " + WAW  # a later word of a span begins with و


def _split_joined_names(mentions: Sequence[Mention], known_types: Mapping[str, str]) -> list[Mention]:
    """A span joining two names with و is two mentions when what follows the و is a name of that type
    elsewhere (a mention's whole text, first or last word, or a gazetteer name) and the word with its و is
    not: صلاح ودي بروين is صلاح and دي بروين, ترامب وكلينتون is ترامب and كلينتون; سيرينا وليامس, علاء ولي
    الدين and غافن ويليامسون (met again whole) stay whole."""
    if not any(_JOINED in m.text for m in mentions):
        return list(mentions)  # most articles: no span with a later word after و
    words: dict[str, Counter[str]] = {}
    for mention in mentions:
        words.setdefault(mention.type, Counter()).update(_name_words(mention.text))
    listed = compiled(known_types, _names_by_type) if known_types else {}
    out: list[Mention] = []
    for mention in mentions:
        if _JOINED in mention.text:
            out += _split_at_waw(mention, words[mention.type], Counter(_name_words(mention.text)),
                                 listed.get(mention.type, frozenset()))
        else:
            out.append(mention)
    return out


def _names_by_type(known_types: Mapping[str, str]) -> dict[str, frozenset[str]]:
    by_type: dict[str, set[str]] = {}
    for name, entity_type in known_types.items():
        by_type.setdefault(entity_type, set()).add(name)
    return {entity_type: frozenset(names) for entity_type, names in by_type.items()}


def _name_words(text: str) -> set[str]:
    """A name's folded whole text, first and last words: what another span is compared with."""
    folded = match_form(text).split()
    return {" ".join(folded), folded[0], folded[-1]} if folded else set()


def _split_at_waw(mention: Mention, names: Counter[str], own: Counter[str], listed: frozenset[str]
                  ) -> list[Mention]:
    def named(form: str) -> bool:
        return form in listed or names[form] > own[form]  # listed, or named by another span than this one

    tokens = list(re.finditer(r"\S+", mention.text))
    for k, token in enumerate(tokens[1:], 1):
        rest = token.group()[1:]
        if token.group().startswith(WAW) and len(rest) > 1 and not named(match_form(token.group())) and (
                named(match_form(rest)) or named(match_form(mention.text[token.start() + 1:]))):
            head_end = tokens[k - 1].end()
            head = Mention(mention.text[:head_end], mention.start, mention.start + head_end, mention.type)
            tail = Mention(mention.text[token.start() + 1:], mention.start + token.start() + 1, mention.end,
                           mention.type)
            return [head, *_split_at_waw(tail, names, own, listed)]
    return [mention]


def _surnames(mentions: Sequence[Mention]) -> frozenset[str]:
    """Folded last words of the persons' names of two words or more."""
    return frozenset(match_form(m.text).split()[-1] for m in mentions if m.type == "PER" and len(m.text.split()) > 1)


def _listed_waw_words(known_types: Mapping[str, str]) -> frozenset[str]:
    """First words of the gazetteer's names of two words or more that begin with و, written whole: والت ديزني
    is no و + الت. A one-word name may be either (وجدة, Oujda, or و + جدة; وام, the agency, or و + أم)."""
    return frozenset(_first_word(name) for name in known_types if name.startswith(WAW) and " " in name)


def _is_surname_with_waw(mention: Mention, surnames: frozenset[str]) -> bool:
    """A one-word name starting with و that the article writes as a person's surname: ماثيو والين ... أما
    والين فقال is والين the person, not و + الين (the yen), whatever type the tagger gave it."""
    return mention.text.startswith(WAW) and " " not in mention.text and match_form(mention.text) in surnames


def _retype(mention: Mention, known_types: Mapping[str, str], whole: frozenset[str]) -> Mention:
    known = known_types.get(_group_key(mention.text, whole))
    return Mention(mention.text, mention.start, mention.end, known) if known and known != mention.type else mention


def _group_key(text: str, whole: frozenset[str] = frozenset()) -> str:
    """The folded name, its first word without a conjunction or preposition before an article (والصين is
    الصين), unless it is one of the words written whole: a person's surname (والين), a listed name's (والت)."""
    words = match_form(hashtags_as_words(text)).split()
    return " ".join(without_proclitic_before_article(w) if i == 0 and w not in whole else w
                    for i, w in enumerate(words))


# A later word of a person's span beginning so is more often another name joined to it (إيسكو وكاسيميرو)
# or a phrase taken in (غريب لبي بي سي) than part of the name: such a span takes no first word met alone.
_GLUED_AFTER_FIRST = (WAW, LAM)


def _merge_short_names(groups: dict[tuple[str, str], list[Mention]], kind_nouns: Mapping[str, frozenset[str]]) -> None:
    """Fold 'بوتين' into 'فلاديمير بوتين' (and 'ترامب' into 'دونالد ترامب'), and 'لحج' into 'محافظة لحج',
    when unambiguous. A person named by a word that ends no longer name is the one person whose name
    it starts, once that name has been written out: a first name (هيلاري for هيلاري كلينتون), or a
    family name written first (كيم for كيم جونغ أون, شي for شي جين بينغ). A long form met only after
    the short one is more often a tagger's span run on (بانكسي ... [بانكسي ياترى])."""
    longer_by_tail: dict[tuple[str, str], set[tuple[str, str]]] = {}  # one-word keys, and names after their kind
    longer_by_head: dict[tuple[str, str], set[tuple[str, str]]] = {}  # one-word person keys
    for key in groups:
        words = key[1].split()
        if len(words) > 1 and key[0] in ("PER", "ORG"):
            longer_by_tail.setdefault((key[0], words[-1]), set()).add(key)
        if len(words) > 1 and key[0] == "PER" and not any(w.startswith(_GLUED_AFTER_FIRST) for w in words[1:]):
            longer_by_head.setdefault((key[0], words[0]), set()).add(key)
        if len(words) > 1 and words[0] in kind_nouns.get(key[0], ()):
            longer_by_tail.setdefault((key[0], " ".join(words[1:])), set()).add(key)
    for short in sorted(groups, key=lambda k: len(k[1])):
        longer = longer_by_tail.get(short) or {key for key in longer_by_head.get(short, ()) if key in groups and
                                               groups[key][0].start < groups[short][0].start}
        if len(longer) == 1 and short in groups and (" " not in short[1] or short[0] in kind_nouns):
            (key,) = longer
            if key in groups:
                groups[key].extend(groups.pop(short))


def _merge_same_names(groups: dict[tuple[str, str], list[Mention]], same_as: Mapping[str, str]) -> None:
    """Fold the groups of one `same_as` set and type into the first met."""
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for key in list(groups):
        same = same_as.get(key[1])
        if same is not None:
            kept = first.setdefault((key[0], same), key)
            if kept != key:
                groups[kept].extend(groups.pop(key))


def _canonical_text(mentions: Sequence[Mention], names: Sequence[frozenset[str]]) -> str:
    """The longest way the text writes the name, first written wins ties; للأمم المتحدة is
    shown as الأمم المتحدة when that form is named (the ل and the alef it elides go); a hashtag as its words."""
    forms = [(" ".join(hashtags_as_words(m.text).split()), m.start) for m in mentions]
    best = max(forms, key=lambda form: (len(form[0].split()), -form[1]))[0]
    if best.startswith("لل") and len(best) > 3 and _named(match_form("ا" + best[1:]), names):
        return "ا" + best[1:]
    return best
