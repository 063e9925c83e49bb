"""The NER backends newsan knows, in one list, the order `auto` tries them in, and how one is loaded.

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
  (`camel_data -i ner-arabert`) or a model folder is given (see `newsan.ner.camel`);
* `rules`: gazetteer and trigger words from the `gazetteer` lexicon, the
  fallback that needs no model at all (see `newsan.ner.rules`).

Light on purpose: the command line reads these names for its option choices,
and `newsan --help` must not load a model to print them, so every backend's
module is imported only when that backend is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from newsan.errors import BackendUnavailable

if TYPE_CHECKING:
    from newsan.lexicons import UserConfig

BACKENDS = ("auto", "builtin", "neural", "ensemble", "camel", "rules")
# What `auto` tries, in order, before the rules: the most accurate model, then the fastest.
AUTO_MODELS = ("ensemble", "builtin")


class Tagger(Protocol):
    """A backend: one BIO tag per input token of the sentences of one document."""

    name: str

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...


def tag_documents(tagger: Tagger, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[str]]]:
    """Tag several documents in one call: through the tagger's own ``tag_documents`` when it
    has one (it keeps document-level context apart), else as one flat list of sentences.

    The taggers read hashtags as words (#منظمة_التجارة_العالمية as منظمة التجارة العالمية, دونالد #ترمب
    as دونالد ترمب): they learnt from text without them, and the signs would cut the name. The signs
    get their tags back after: one inside a name that of the name, any other none."""
    kept = [[_words_of(sentence) for sentence in document] for document in documents]
    read = [[[sentence[i] for i in at] for sentence, at in zip(document, kept_at, strict=True)]
            for document, kept_at in zip(documents, kept, strict=True)]
    if hasattr(tagger, "tag_documents"):
        tagged = tagger.tag_documents(read)
    else:
        tags = iter(tagger.tag([sentence for document in read for sentence in document]))
        tagged = [[next(tags) for _ in document] for document in read]
    return [[_with_signs(sentence_tags, at, len(sentence))
             for sentence_tags, at, sentence in zip(document_tags, kept_at, document, strict=True)]
            for document_tags, kept_at, document in zip(tagged, kept, documents, strict=True)]


_HASHTAG_SIGNS = ("#", "_")


def _words_of(sentence: Sequence[str]) -> list[int]:
    """Indices of a sentence's tokens the taggers read: all but a hashtag's # and the _ joining its words."""
    return [i for i, token in enumerate(sentence) if token not in _HASHTAG_SIGNS]


def _with_signs(tags: list[str], at: list[int], length: int) -> list[str]:
    """Tags of the tokens at ``at`` spread over the whole sentence: a sign inside a name (its next word's tag
    an I- of the same type as the word before) continues it, any other is outside every name."""
    if len(at) == length:
        return tags
    out = ["O"] * length
    for i, tag in zip(at, tags, strict=True):
        out[i] = tag
    for before, after, tag in zip(at, at[1:], tags[1:], strict=False):
        if after > before + 1 and tag.startswith("I-") and out[before][2:] == tag[2:]:
            out[before + 1:after] = [tag] * (after - before - 1)
    return out


@lru_cache(maxsize=4)
def get_tagger(backend: str = "auto", camel_model: str | None = None, config: str | UserConfig | None = None) -> Tagger:
    """The tagger for `backend`, built once per process.

    `auto` is the most accurate of newsan's own backends that can load here:
    `ensemble`, else `builtin` (an installation without the networks' file),
    else `rules` (one without any model file).
    """
    if backend not in BACKENDS:
        raise BackendUnavailable(f"unknown NER backend '{backend}' (choose from {', '.join(BACKENDS)})")
    if backend == "camel":
        from newsan.ner.camel import CamelTagger

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
            fix = "rules" if backend == "builtin" else "builtin"
            raise BackendUnavailable(
                f"the {backend} NER model cannot be loaded ({error}); use the {fix} backend") from None
    from newsan.lexicons import load_lexicons
    from newsan.ner.rules import RulesTagger

    return RulesTagger(load_lexicons(config)["gazetteer"])


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
