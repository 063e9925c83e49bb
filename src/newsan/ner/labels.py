"""newsan's entity labels and their BIO tags, in one place: every tagger, the entity stage and the
scorer read tags through these.

The types are the data model's (newsan.model.ENTITY_TYPES); ANERcorp and camel-tools spell the
person type PERS, which to_newsan_tag maps to PER.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsan.model import ENTITY_TYPES

LABELS = ENTITY_TYPES
# BIO tags in the models' order: index 2k-1 is B-, 2k is I- of LABELS[k-1].
TAGS = ("O",) + tuple(p + "-" + t for t in LABELS for p in "BI")
# Other corpora's spellings of a type.
LABEL_ALIASES = {"PERS": "PER"}


def to_newsan_tag(tag: str) -> str:
    """A tag as newsan writes it: 'B-PERS' (ANERcorp, camel-tools) → 'B-PER'; anything not B-/I-
    of a known type → 'O'."""
    prefix, _, entity_type = tag.partition("-")
    entity_type = LABEL_ALIASES.get(entity_type, entity_type)
    return f"{prefix}-{entity_type}" if prefix in ("B", "I") and entity_type in LABELS else "O"


def _split(tag: str) -> tuple[str, str]:
    if tag == "O" or "-" not in tag:
        return "O", ""
    prefix, _, typ = tag.partition("-")
    return prefix, typ


def entity_spans(tags: Iterable[str]) -> set[tuple[int, int, str]]:
    """The (start, end, type) spans of a tag sequence, end exclusive, read as conlleval reads
    them: an ``I-X`` after ``O`` or after another type opens a span (IOBES tags are read too)."""
    spans: set[tuple[int, int, str]] = set()
    start: int | None = None
    cur = ""
    i = -1
    for i, tag in enumerate(tags):
        if tag == "O" and start is None:  # most tags: nothing opens or closes
            continue
        prefix, typ = _split(tag)
        opens = prefix == "B" or (prefix in ("I", "E", "S") and typ != cur) or prefix == "S"
        if start is not None and (prefix == "O" or opens):
            spans.add((start, i, cur))
            start, cur = None, ""
        if prefix != "O" and start is None:
            start, cur = i, typ
        if prefix in ("E", "S"):
            assert start is not None  # opened just above when not already open
            spans.add((start, i + 1, cur))
            start, cur = None, ""
    if start is not None:
        spans.add((start, i + 1, cur))
    return spans
