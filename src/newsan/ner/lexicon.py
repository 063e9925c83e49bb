"""The trigger words of the NER features, read from data/ner/triggers.yaml (written for this project).

They sit next to the models rather than with the user-extensible lexicons
(newsan.lexicons): the models were trained with exactly these words, so a
config file must not change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from newsan.arabic.clitics import split_proclitics
from newsan.ner.forms import normalize


@lru_cache(maxsize=1)
def _lexicon() -> Mapping[str, Any]:
    from newsan.lexicons import read_yaml

    text = resources.files("newsan").joinpath("data/ner/triggers.yaml").read_text("utf-8")
    return read_yaml(text, "triggers.yaml")


@lru_cache(maxsize=1)
def trigger_map() -> dict[str, str]:
    """Proclitic-stripped normalized form -> trigger class (first class listed wins)."""
    out: dict[str, str] = {}
    for cls, words in _lexicon()["triggers"].items():
        for word in words:
            out.setdefault(split_proclitics(normalize(word))[1], cls)
    return out


def verb_particles() -> frozenset[str]:
    """Normalized words that stand right before a verb (لم, لن, قد, سوف ...)."""
    return frozenset(_lexicon()["verb_particles"])


def prepositions() -> frozenset[str]:
    """Normalized words that stand right before a noun (في, من, علي ...)."""
    return frozenset(_lexicon()["prepositions"])
