"""Reading newsan's own output back: the articles of a JSON Lines file or a JSON document, streamed.

`newsan analyze -f jsonl` writes one article per line; `-f json` one
document `{"schema": "newsan/1", "articles": [...]}`. Both are read an
article at a time (a JSON document too, without loading it whole), each
article as a `runners.outcomes.Outcome`, so a report over results already
made goes through the same batch loop as one over raw inputs. A line that
is not a newsan/1 article is an Outcome with a one-line error naming
file:line; the rest of the file is still read.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from newsan.model import SCHEMA_VERSION
from newsan.runners.outcomes import Outcome

RESULT_SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")
_CHUNK = 1 << 20  # characters read at a time from a JSON document
_ARTICLES_KEY = re.compile(r'"articles"\s*:\s*\[')


def is_results_path(path: str) -> bool:
    """Whether a path names newsan output (by its suffix) rather than articles to analyze."""
    return path.lower().endswith(RESULT_SUFFIXES)


def stream_holds_results(stream: IO[Any]) -> bool:
    """Whether a piped stdin starts like JSON (`{`), looked at without consuming it: a buffered
    reader's peek, or a read and a seek back; a stream that allows neither is taken for articles."""
    raw = getattr(stream, "buffer", stream)
    try:
        if hasattr(raw, "peek"):
            head = raw.peek(256)[:256]
        elif raw.seekable():
            position = raw.tell()
            head = raw.read(256)
            raw.seek(position)
        else:
            return False
    except (OSError, ValueError, AttributeError):
        return False
    if isinstance(head, str):
        head = head.encode("utf-8")
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def read_results(path: str, stream: IO[str] | None = None) -> Iterator[Outcome]:
    """Every article of a newsan JSON or JSON Lines file (or of `stream`, for stdin) as an Outcome."""
    name = "<stdin>" if path == "-" else path
    try:
        if stream is None:
            stream = (io.TextIOWrapper(gzip.open(path), encoding="utf-8-sig") if path.lower().endswith(".gz")
                      else open(path, encoding="utf-8-sig"))
        with stream:
            yield from _read(name, stream)
    except FileNotFoundError:
        yield Outcome(name, error=f"{name}: no such file")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        yield Outcome(name, error=f"{name}: cannot read: {_reason(error)}")


def _read(name: str, stream: IO[str]) -> Iterator[Outcome]:
    number, first = 0, ""
    for line in stream:
        number += 1
        if line.strip():
            first = line
            break
    if not first:
        return
    try:
        head = json.loads(first)
    except json.JSONDecodeError:  # the first line of a JSON document, `{"schema": ..., "articles": [`
        yield from _document(name, first + stream.read(_CHUNK), stream, number)
        return
    if isinstance(head, dict) and isinstance(head.get("articles"), list):  # a whole document on one line
        for article in head["articles"]:
            yield _outcome(name, number, article)
        return
    yield _outcome(name, number, head)
    for line in stream:
        number += 1
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as error:
            yield Outcome(f"{name}:{number}", error=f"{name}:{number}: not valid JSON ({error.msg})")
            continue
        yield _outcome(name, number, article)


def _document(name: str, buffer: str, stream: IO[str], line: int) -> Iterator[Outcome]:
    """The articles of a JSON document, decoded one at a time from a window of the text."""
    found = _ARTICLES_KEY.search(buffer)
    if found is None:
        yield Outcome(name, error=f"{name}:{line}: not newsan output (neither JSON Lines nor a document "
                                  "with an 'articles' list)")
        return
    line += buffer.count("\n", 0, found.end())
    buffer = buffer[found.end():]
    decoder = json.JSONDecoder()
    while True:
        position = len(buffer) - len(buffer.lstrip(" \t\r\n,"))
        line += buffer.count("\n", 0, position)
        buffer = buffer[position:]
        if buffer.startswith("]"):
            return
        try:
            article, end = decoder.raw_decode(buffer)
        except json.JSONDecodeError as error:
            more = stream.read(_CHUNK)
            if more:  # the article goes on past the window
                buffer += more
                continue
            yield Outcome(f"{name}:{line}", error=f"{name}:{line + error.lineno - 1}: not valid JSON ({error.msg})")
            return
        yield _outcome(name, line, article)
        line += buffer.count("\n", 0, end)
        buffer = buffer[end:]


def _outcome(name: str, line: int, article: Any) -> Outcome:
    problem = article_problem(article)
    if problem is not None:
        return Outcome(f"{name}:{line}", error=f"{name}:{line}: not a {SCHEMA_VERSION} article ({problem})")
    return Outcome(article["path"], result=article)


def article_problem(article: Any) -> str | None:
    """What keeps a decoded value from being read as a newsan/1 article, or None: the fields a report
    reads, with the types it reads them as (the full check is the schema's)."""
    if not isinstance(article, dict):
        return f"a JSON {type(article).__name__}, not an object"
    schema = article.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        return f"schema {schema!r}"
    if not isinstance(article.get("path"), str):
        return "no 'path'"
    for key in ("speakers", "entities"):
        items = article.get(key)
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return f"no list of objects '{key}'"
    if not all(isinstance(speaker.get("quotes", []), list)
               and all(isinstance(quote, dict) for quote in speaker.get("quotes", []))
               for speaker in article["speakers"]):
        return "a speaker's 'quotes' is not a list of objects"
    if not isinstance(article.get("metadata", {}), dict):
        return "'metadata' is not an object"
    return None


def _reason(error: BaseException) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or error.__class__.__name__
