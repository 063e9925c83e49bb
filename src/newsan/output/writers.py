"""Writers for the machine formats: JSON, JSON Lines and YAML, streamed article by article.

Each writer writes an article as soon as it is analyzed, so memory stays flat
over archives of any size; `make_writer` picks one by format name (the
terminal view, `rich`, lives in terminal.py).
"""

from __future__ import annotations

import json
from typing import IO, Any

import yaml

from newsan.model import SCHEMA_VERSION
from newsan.output.terminal import RichWriter

FORMATS = ("rich", "json", "jsonl", "yaml")


# Characters JSON allows raw in strings but many line readers (str.splitlines, JavaScript) take for line ends:
# written as escapes, one JSON Lines record stays one line for every reader. Arabic stays readable.
_LINE_BREAKING = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def dumps_json(data: Any, indent: int | None = None) -> str:
    """JSON text of `data`, non-ASCII kept as written except the characters some readers split lines on."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_LINE_BREAKING)


class JsonWriter:
    """One JSON object `{"schema": ..., "articles": [...]}`, written article by article."""

    def __init__(self, stream: IO[str]):
        self._stream = stream
        self._count = 0

    def write(self, article: dict[str, Any]) -> None:
        self._stream.write(f'{{"schema": "{SCHEMA_VERSION}", "articles": [\n' if self._count == 0 else ",\n")
        self._stream.write(dumps_json(article, indent=2))
        self._count += 1

    def close(self) -> None:
        if self._count == 0:
            self._stream.write(f'{{"schema": "{SCHEMA_VERSION}", "articles": [\n')
        self._stream.write("\n]}\n")
        self._stream.flush()


class JsonLinesWriter:
    """One article per line, flushed at once so `| jq` sees it immediately."""

    def __init__(self, stream: IO[str]):
        self._stream = stream

    def write(self, article: dict[str, Any]) -> None:
        self._stream.write(dumps_json({"schema": SCHEMA_VERSION, **article}) + "\n")
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


class YamlWriter:
    """A YAML mapping `schema:` / `articles:`, one list item per article."""

    def __init__(self, stream: IO[str]):
        self._stream = stream
        self._count = 0

    def write(self, article: dict[str, Any]) -> None:
        if self._count == 0:
            self._stream.write(f"schema: {SCHEMA_VERSION}\narticles:\n")
        self._stream.write(yaml.safe_dump([article], allow_unicode=True, sort_keys=False, width=10_000))
        self._count += 1

    def close(self) -> None:
        if self._count == 0:
            self._stream.write(f"schema: {SCHEMA_VERSION}\narticles: []\n")
        self._stream.flush()


def make_writer(fmt: str, stream: IO[str], *, color: bool | None = None):
    """The writer of format `fmt` (one of FORMATS) on `stream`; `color` matters to the terminal view only."""
    if fmt == "json":
        return JsonWriter(stream)
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    if fmt == "yaml":
        return YamlWriter(stream)
    if fmt == "rich":
        return RichWriter(stream, color=color)
    raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
