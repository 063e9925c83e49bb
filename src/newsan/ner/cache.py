"""What newsan's own taggers share to stay fast in a long-lived process: each model loaded once,
per-token-string caches that keep their most used words, flat arrays cut back into sentences."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from newsan.ner.document import DocumentRules
from newsan.ner.resources import DATA_DIR, Resources, load_resources


def most_used(uses: np.ndarray, capacity: int, room: int) -> np.ndarray:
    """Which entries (ascending) a full per-token-string cache of ``capacity`` keeps to make
    ``room`` for new ones: those used in at least two calls, the most used first, at most half
    of it. Common words survive, so a long stream does not compute them again and again."""
    keep = np.flatnonzero(uses >= 2)
    budget = max(0, min(capacity // 2, capacity - room))
    if keep.size > budget:
        keep = np.sort(keep[np.argsort(-uses[keep], kind="stable")[:budget]])
    return keep


def take_rows(table: np.ndarray, keep: np.ndarray, axis: int = 0) -> None:
    """Move the rows ``keep`` (most_used's, ascending) of a cache's table to its front, in place.

    A block of rows at a time, so that no temporary of the whole table's size is taken: at tens of
    megabytes, its fresh memory cost more than the move. Safe because each row moves towards the
    front: the rows a block is read from are never written by an earlier block.
    """
    lead = (slice(None),) * axis
    for first in range(0, len(keep), _BLOCK_ROWS):
        block = keep[first:first + _BLOCK_ROWS]
        table[lead + (slice(first, first + len(block)),)] = table[lead + (block,)]


_BLOCK_ROWS = 256


def split_flat(items: list, lens) -> list[list]:
    """Consecutive runs of ``lens`` items: a flat list cut back into sentences."""
    ends = np.cumsum(lens).tolist()
    return [items[e - n:e] for e, n in zip(ends, np.asarray(lens).tolist(), strict=True)]


_CACHE: dict[str, object] = {}
_CACHE_LOCK = threading.Lock()


def load_cached(path: str | Path | None, file_name: str, build):
    """``build(model file)``, once per process per file: the file ``path`` names, or ``file_name``
    in the directory it names (by default the shipped model directory)."""
    p = Path(path) if path is not None else DATA_DIR / file_name
    if p.is_dir():
        p = p / file_name
    key = str(p.resolve())
    with _CACHE_LOCK:
        tagger = _CACHE.get(key)
        if tagger is None:
            if not p.is_file():
                raise FileNotFoundError(f"{p}: NER model file not found")
            tagger = _CACHE[key] = build(p)
        return tagger


_RESOURCES: dict[str, Resources] = {}
_RULES: dict[str, DocumentRules] = {}
_RESOURCES_LOCK = threading.RLock()  # not _CACHE_LOCK: load_cached holds it while a tagger calls this


def model_resources(directory: Path) -> Resources:
    """load_resources, once per process per model directory: the taggers of one directory (the
    ensemble's two) share the tables, read once, and Resources.read's memo of new words."""
    key = str(directory.resolve())
    with _RESOURCES_LOCK:
        resources = _RESOURCES.get(key)
        if resources is None:
            resources = _RESOURCES[key] = load_resources(directory)
        return resources


def model_rules(directory: Path) -> DocumentRules:
    """The DocumentRules of model_resources(directory), once per process per model directory: the
    ensemble's two taggers apply the same rules, whose word sets take a tenth of the model's load."""
    key = str(directory.resolve())
    with _RESOURCES_LOCK:
        rules = _RULES.get(key)
        if rules is None:
            rules = _RULES[key] = DocumentRules.from_resources(model_resources(directory))
        return rules
