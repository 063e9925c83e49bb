"""Named entities: tag tokens, turn tags into mentions, group mentions.

A backend is anything with `tag(sentences) -> tags`: one BIO tag (types PER,
LOC, ORG, MISC) per input token of one document (an article). One with a
`tag_documents(documents)` as well tags many articles per call. Five ship:

* `builtin`: newsan's own CRF trained on ANERcorp (see `newsan.ner.builtin`),
  offline and the fastest: the one for archive-sized batch runs;
* `neural`: newsan's own BiLSTM-CRF network (see `newsan.ner.neural`):
  better on person names, worse on organizations;
* `ensemble`: both of them, their scores summed (see `newsan.ner.ensemble`):
  the most accurate of newsan's own, at the cost of running both; the
  default (`auto`) when its model files are present;
* `camel`: camel-tools' BERT `NERecognizer`, when its data is installed
  (`camel_data -i ner-arabert`) or a model folder is given;
* `rules`: gazetteer and trigger words from the `gazetteer` lexicon, the
  fallback that needs no model at all.

Mentions are then cleaned of attached proclitics (لبوتين → بوتين) and grouped
into entities: same normalized form, or a surname/short form that is the
tail or head of a longer name of the same type (بوتين → فلاديمير بوتين).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol, Sequence

from newsan.lexicons import compiled, gazetteer_names
from newsan.model import ENTITY_TYPES, Entity, Mention, Sentence
from newsan.arabic.normalize import clean, match_form
from newsan.errors import BackendUnavailable
from newsan.ner.registry import AUTO_MODELS, BACKENDS

_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
_LABEL_ALIASES = {"PERS": "PER"}


class Tagger(Protocol):
    name: str

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...


def tag_documents(tagger: Tagger, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[str]]]:
    """Tag several documents in one call: through the tagger's own ``tag_documents`` when it
    has one (it keeps document-level context apart), else as one flat list of sentences."""
    if hasattr(tagger, "tag_documents"):
        return tagger.tag_documents(documents)
    tags = iter(tagger.tag([sentence for document in documents for sentence in document]))
    return [[next(tags) for _ in document] for document in documents]


# --------------------------------------------------------------------------- backends


class RulesTagger:
    """Longest gazetteer match plus trigger words; no model, no surprises."""

    name = "rules"

    def __init__(self, gazetteer: Mapping[str, Any]):
        self._phrases: dict[tuple[str, ...], str] = {}
        for entity_type, phrase in gazetteer_names(gazetteer, ("LOC", "ORG", "PER", "MISC")):
            key = tuple(match_form(phrase).split())
            if key:
                self._phrases.setdefault(key, entity_type)
        self._longest_from: dict[str, int] = {}  # first word → longest phrase starting with it
        for key in self._phrases:
            self._longest_from[key[0]] = max(self._longest_from.get(key[0], 0), len(key))
        triggers = gazetteer.get("triggers", {})
        self._org_triggers = {match_form(w) for w in triggers.get("ORG", [])}
        self._per_triggers = {match_form(w) for w in triggers.get("PER_BEFORE", [])}
        self._loc_triggers = {match_form(w) for w in triggers.get("LOC_BEFORE", [])}
        self._function_words = {match_form(w) for w in gazetteer.get("function_words", [])}

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [self._tag_sentence([match_form(t) for t in sentence]) for sentence in sentences]

    def _lookup(self, words: list[str], stripped: list[str], index: int) -> tuple[int, str] | None:
        word = words[index]
        for first in ((word,) if stripped[index] == word else (word, stripped[index])):
            longest = self._longest_from.get(first, 0)
            for length in range(min(longest, len(words) - index), 0, -1):
                entity_type = self._phrases.get((first, *words[index + 1:index + length]))
                if entity_type:
                    return length, entity_type
        return None

    def _tag_sentence(self, words: list[str]) -> list[str]:
        tags = ["O"] * len(words)
        stripped = [strip_proclitic(w) for w in words]
        index = 0
        while index < len(words):
            found = self._lookup(words, stripped, index)
            if found:
                length, entity_type = found
            else:
                length, entity_type = self._triggered(words, stripped, index)
            if length:
                tags[index] = "B-" + entity_type
                for inside in range(index + 1, index + length):
                    tags[inside] = "I-" + entity_type
                index += length
            else:
                index += 1
        return tags

    def _triggered(self, words: list[str], stripped: list[str], index: int) -> tuple[int, str]:
        """'وزارة الخارجية' is an ORG; the name after 'الرئيس' is a PER."""
        count = len(words)
        if index + 1 >= count or not words[index + 1][:1].isalpha():
            return 0, ""
        word = stripped[index]
        if word in self._org_triggers or (word[:1] in _PROCLITICS and word[1:] in self._org_triggers):
            length = 2
            while length < 4 and index + length < count and words[index + length].startswith("ال"):
                length += 1
            return length, "ORG"
        if index > 0 and stripped[index - 1] in self._per_triggers and self._name_like(word):
            length = 1
            while length < 3 and index + length < count and self._name_like(words[index + length]):
                length += 1
            return length, "PER"
        if index > 0 and strip_proclitic(words[index - 1]) in self._loc_triggers and self._name_like(word):
            return 1, "LOC"  # "مدينة فلاديفوستوك"
        return 0, ""


    def _name_like(self, word: str) -> bool:
        return word.isalpha() and len(word) >= 2 and not word.startswith("ال") and word not in self._function_words


class CamelTagger:
    """camel-tools' BERT NER, loaded lazily: torch and transformers are heavy."""

    name = "camel"

    def __init__(self, model_path: str | None = None):
        self._recognizer = _load_camel_recognizer(model_path)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        kept_positions = []
        kept_sentences = []
        tokenize = self._recognizer.tokenizer.tokenize
        for sentence in sentences:
            # camel-tools silently drops words with no word pieces (e.g. U+200F alone);
            # leave them out ourselves and put an O back in their place afterwards
            positions = [i for i, word in enumerate(sentence) if tokenize(word)]
            kept_positions.append(positions)
            kept_sentences.append([sentence[i] for i in positions])
        predictions = self._recognizer.predict(kept_sentences) if kept_sentences else []
        results = []
        for sentence, positions, labels in zip(sentences, kept_positions, predictions):
            tags = ["O"] * len(sentence)
            for position, label in zip(positions, labels):
                tags[position] = canonical_label(label)
            results.append(tags)
        return results


def _camel_data_dir() -> Path:
    return Path(os.environ.get("CAMELTOOLS_DATA") or Path.home() / ".camel_tools").expanduser()


def _load_camel_recognizer(model_path: str | None):
    # importing camel_tools.ner downloads a catalogue unless one is installed: check first
    if not (_camel_data_dir() / "catalogue.json").is_file():
        raise BackendUnavailable(
            f"camel-tools data is not installed (no catalogue.json in {_camel_data_dir()}): "
            "run 'camel_data -i ner-arabert' with network access (or set CAMELTOOLS_DATA), or use --ner builtin")
    try:
        from camel_tools.ner import NERecognizer  # imports torch: only when asked for
    except Exception as error:  # camel-tools raises its own DownloaderError when offline
        raise BackendUnavailable(f"camel-tools NER cannot be imported: {error}") from None
    try:
        if model_path is not None:
            return NERecognizer(str(model_path), use_gpu=False)
        return NERecognizer.pretrained(use_gpu=False)
    except Exception as error:
        raise BackendUnavailable(
            f"camel-tools NER model could not be loaded ({error.__class__.__name__}): "
            "run 'camel_data -i ner-arabert', or use --ner builtin") from None


def canonical_label(label: str) -> str:
    """'B-PERS' (ANERcorp, camel-tools) → 'B-PER'; anything unknown → 'O'."""
    if label == "O" or "-" not in label:
        return "O"
    prefix, _, entity_type = label.partition("-")
    entity_type = _LABEL_ALIASES.get(entity_type, entity_type)
    if prefix not in ("B", "I") or entity_type not in ENTITY_TYPES:
        return "O"
    return f"{prefix}-{entity_type}"


@lru_cache(maxsize=4)
def get_tagger(backend: str = "auto", camel_model: str | None = None, config_path: str | None = None) -> Tagger:
    """The tagger for `backend`, built once per process.

    `auto` is the most accurate of newsan's own backends that can load here:
    `ensemble`, else `builtin` (an installation without the networks' file),
    else `rules` (one without any model file).
    """
    if backend not in BACKENDS:
        raise BackendUnavailable(f"unknown NER backend '{backend}' (choose from {', '.join(BACKENDS)})")
    if backend == "camel":
        return CamelTagger(camel_model)
    if backend == "auto":
        for model in AUTO_MODELS:
            try:
                return _load_own(model)
            except OSError:
                continue
    elif backend != "rules":
        try:
            return _load_own(backend)
        except OSError as error:  # a stripped installation without the model file
            fix = "--ner rules" if backend == "builtin" else "--ner builtin"
            raise BackendUnavailable(f"the {backend} NER model cannot be loaded ({error}); use {fix}") from None
    from newsan.lexicons import load_lexicons

    return RulesTagger(load_lexicons(config_path)["gazetteer"])


def _load_own(backend: str) -> Tagger:
    """One of newsan's model backends (builtin, neural, ensemble); OSError when its files are missing."""
    if backend == "builtin":
        from newsan.ner.builtin import load_builtin_tagger

        return load_builtin_tagger()
    if backend == "neural":
        from newsan.ner.neural import load_neural_tagger

        return load_neural_tagger()
    from newsan.ner.ensemble import load_ensemble_tagger

    return load_ensemble_tagger()


# --------------------------------------------------------------------------- mentions


def strip_proclitic(word: str) -> str:
    """Drop one attached conjunction/preposition in front of a definite word (والصين → الصين)."""
    if len(word) > 3 and word[0] in _PROCLITICS and word[1:3] == "ال":
        return word[1:]
    if len(word) > 3 and word.startswith("لل"):
        return "ال" + word[2:]
    return word


def name_stops(cues: Mapping[str, Any]) -> frozenset[str]:
    """The cue lexicon's function words, which never end a person's name, as spelled (cleaned, not
    folded: folding would make the preposition على of the name علي, محمد علي)."""
    return compiled(cues, _clean_function_words)


def _clean_function_words(cues: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(clean(w).strip() for w in cues.get("function_words", []))


def mentions_from_tags(sentences: Sequence[Sentence], tags: Sequence[Sequence[str]],
                       stops: frozenset[str] = frozenset()) -> list[Mention]:
    """Turn per-token BIO tags into mention spans (an I- without B- opens a span, as in conlleval).

    A person's span of two words or more ends before the words of ``stops`` (name_stops) at its
    end: a tagger sometimes takes in the word after a name (عماد أحمد [بالقول]).
    """
    mentions: list[Mention] = []
    for sentence, sentence_tags in zip(sentences, tags):
        current: list[int] | None = None
        current_type = ""
        for index, tag in enumerate(list(sentence_tags) + ["O"]):
            prefix, _, entity_type = tag.partition("-")
            continues = prefix == "I" and current is not None and entity_type == current_type
            if current is not None and not continues:
                if current_type == "PER":
                    while current[1] > current[0] and clean(sentence.tokens[current[1]].text) in stops:
                        current[1] -= 1
                mentions.append(_mention(sentence, current, current_type))
                current = None
            if prefix in ("B", "I") and not continues:
                current, current_type = [index, index], entity_type
            elif continues:
                current[1] = index
    return [m for m in mentions if m is not None]


def _mention(sentence: Sentence, span: list[int], entity_type: str) -> Mention | None:
    first, last = sentence.tokens[span[0]], sentence.tokens[span[1]]
    start, end = first.start, last.end
    text = sentence.text[start - sentence.start:end - sentence.start]
    # quotes and brackets sometimes end up inside a span; they are never part of a name
    while text and not text[0].isalnum():
        text, start = text[1:], start + 1
    while text and not text[-1].isalnum():
        text, end = text[:-1], end - 1
    if not text:
        return None
    return Mention(text, start, end, entity_type)


def _detach_proclitic(mention: Mention, names: Sequence[frozenset[str]]) -> Mention:
    """لبوتين → بوتين when بوتين is named elsewhere too (`names`: sets of folded names and their first words);
    والصين → الصين always."""
    head = mention.text[0]
    if head not in _PROCLITICS or len(mention.text) < 4:
        return mention
    rest = mention.text[1:]
    folded_rest = match_form(rest)
    if head == "ل" and rest.startswith("ل"):
        # للبنان is ل + لبنان when لبنان is named; للأمم (ل + الأمم) keeps its form as written
        return Mention(rest, mention.start + 1, mention.end, mention.type) if _named(folded_rest, names) else mention
    if folded_rest.startswith("ال") or _named(folded_rest, names):
        return Mention(rest, mention.start + 1, mention.end, mention.type)
    return mention


def _named(folded: str, names: Sequence[frozenset[str]]) -> bool:
    """The folded name, or its first word, is among `names`."""
    return any(form in known for known in names for form in (folded, _first_word(folded)))


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _with_first_words(forms: Iterable[str]) -> frozenset[str]:
    """Folded names plus the first word of each: a proclitic goes from a first name met alone, too."""
    forms = set(forms)
    return frozenset(forms | {_first_word(f) for f in forms})


def gazetteer_types(gazetteer: Mapping[str, Any]) -> dict[str, str]:
    """Match form of every gazetteer name → its type (the first listing wins)."""
    types: dict[str, str] = {}
    for entity_type, phrase in gazetteer_names(gazetteer, ENTITY_TYPES):
        types.setdefault(" ".join(match_form(phrase).split()), entity_type)
    return types


def group_entities(mentions: Sequence[Mention], known_types: Mapping[str, str] | None = None) -> list[Entity]:
    """Group mentions of one referent; entities come out by count, then first appearance.

    `known_types` (from the gazetteer) lets a proclitic go from a name met only
    once (وإفريقيا → إفريقيا) and overrides the tagger's type for a name that
    is a plain fact (بيونج يانج is a place, whatever the model guessed).
    """
    known_types = known_types or {}
    names = (_with_first_words({match_form(m.text) for m in mentions}),
             compiled(known_types, _with_first_words) if known_types else frozenset())
    cleaned = [_retype(_detach_proclitic(m, names), known_types) for m in mentions]
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in cleaned:
        key = (mention.type, _group_key(mention.text))
        groups.setdefault(key, []).append(mention)
    _merge_short_names(groups)
    entities = [Entity(_canonical_text(ms, names), entity_type, sorted(ms, key=lambda m: m.start))
                for (entity_type, _), ms in groups.items()]
    first_seen = {id(e): min(m.start for m in e.mentions) for e in entities}
    entities.sort(key=lambda e: (-e.count, first_seen[id(e)]))
    return entities


def _retype(mention: Mention, known_types: Mapping[str, str]) -> Mention:
    known = known_types.get(_group_key(mention.text))
    return Mention(mention.text, mention.start, mention.end, known) if known and known != mention.type else mention


def _group_key(text: str) -> str:
    words = match_form(text).split()
    return " ".join(strip_proclitic(w) if i == 0 else w for i, w in enumerate(words))


def _merge_short_names(groups: dict[tuple[str, str], list[Mention]]) -> None:
    """Fold 'بوتين' into 'فلاديمير بوتين' (and 'ترامب' into 'دونالد ترامب') when unambiguous."""
    longer_by_tail: dict[tuple[str, str], list[tuple[str, str]]] = {}  # only one-word keys are ever merged away
    for key in groups:
        words = key[1].split()
        if len(words) > 1:
            longer_by_tail.setdefault((key[0], words[-1]), []).append(key)
    for (entity_type, key) in sorted(groups, key=lambda k: len(k[1])):
        words = key.split()
        if len(words) != 1 or entity_type not in ("PER", "ORG"):
            continue
        longer = longer_by_tail.get((entity_type, key), [])
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop((entity_type, key)))


def _canonical_text(mentions: Sequence[Mention], names: Sequence[frozenset[str]]) -> str:
    """The longest way the text writes the name, first written wins ties; للأمم المتحدة is
    shown as الأمم المتحدة when that form is named (the ل and the alef it elides go)."""
    best = " ".join(max(mentions, key=lambda m: (len(m.text.split()), -m.start)).text.split())
    if best.startswith("لل") and len(best) > 3 and _named(match_form("ا" + best[1:]), names):
        return "ا" + best[1:]
    return best
