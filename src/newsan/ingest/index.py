"""What lists the articles to read: a folder's INDEX.md, or a list of paths piped in.

An INDEX.md is written by people, for people: links, bullets or a table,
among prose and headings. `parse_index` finds the article paths in it (with
the titles and sources it gives) and ignores the rest; it never fails, and a
folder whose index lists nothing is reported by the walk (see walk.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from newsan.arabic.charsets import BYTE_ORDER_MARK

INDEX_NAME = "INDEX.md"

_LINK = re.compile(r"(?<!!)\[((?:[^\[\]\\]|\\.)*)\]\(\s*(<[^<>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)"
                   r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*\S)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_SEPARATOR = re.compile(r"\s*[—–]\s*|\s+--?\s+|\s+\|\s+")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # http:, mailto: (one letter would be a drive, C:)
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,9}$")
_TEXT_EXTENSION = re.compile(r"\.(?:txt|text|sgml|sgm|gz|md|html?|xml)$", re.I)
_TABLE_RULE = re.compile(r"^\s*:?-{1,}\s*:?\s*$")
_HEADERS = {
    "path": {"path", "file", "filename", "file name", "article", "ملف", "الملف", "المسار", "مسار"},
    "title": {"title", "headline", "عنوان", "العنوان"},
    "source": {"source", "outlet", "src", "publisher", "مصدر", "المصدر"},
}


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One article listed in a folder's INDEX.md, with what the index says about it."""

    path: str
    title: str | None = None
    source: str | None = None


def parse_index(text: str) -> list[IndexEntry]:
    """The articles an INDEX.md lists, in order; everything else in it (prose, headings, code) is ignored.

    Recognised: markdown links [title](path) anywhere in a line, bullet or
    numbered items whose text is a path (`- path`, `- path — title`), and
    table rows under a header naming the path/title/source columns (or
    taking them in that order). Links to URLs and #anchors are not articles.
    Never raises.
    """
    entries: list[IndexEntry] = []
    table: list[list[str]] = []
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            table.append(_cells(stripped))
            continue
        if table:
            entries.extend(_table_entries(table))
            table = []
        entries.extend(_line_entries(line))
    if table:
        entries.extend(_table_entries(table))
    return entries


def _line_entries(line: str) -> list[IndexEntry]:
    links = _links(line)
    if links:
        return [IndexEntry(target, _clean_title(title)) for title, target in links if _is_local(target)]
    bullet = _BULLET.match(line)
    if not bullet:
        return []
    item = bullet.group(1)
    code = re.match(r"^`([^`]+)`(.*)$", item)
    if code:
        path, rest = code.group(1).strip(), code.group(2)
        title = _SEPARATOR.split(rest, maxsplit=1)[1] if _SEPARATOR.match(rest) else None
    else:
        parts = _SEPARATOR.split(item, maxsplit=1)
        path = parts[0].strip()
        title = parts[1] if len(parts) > 1 else None
        if not _looks_like_path(path):
            return []
    if not path or not _is_local(path):
        return []
    return [IndexEntry(path, _clean_title(title))]


def _links(text: str) -> list[tuple[str, str]]:
    found = []
    for match in _LINK.finditer(text):
        target = match.group(2)
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        target = target.strip()
        if target:
            found.append((re.sub(r"\\(.)", r"\1", match.group(1)), target))
    return found


def _is_local(target: str) -> bool:
    return not target.startswith("#") and not _SCHEME.match(target)


def _looks_like_path(candidate: str) -> bool:
    if not candidate or "\n" in candidate:
        return False
    if not any(c.isspace() for c in candidate):
        return "/" in candidate or bool(_EXTENSION.search(candidate))
    return bool(_TEXT_EXTENSION.search(candidate))


def _clean_title(title: str | None) -> str | None:
    """Whitespace collapsed and markdown emphasis around the whole title removed; quotes inside kept."""
    if title is None:
        return None
    title = " ".join(title.split())
    changed = True
    while changed and len(title) >= 2:
        changed = False
        for mark in ("**", "__", "*", "_", "`"):
            if len(title) > 2 * len(mark) and title.startswith(mark) and title.endswith(mark):
                title, changed = title[len(mark):-len(mark)].strip(), True
                break
    return title or None


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", row)]


def _table_entries(rows: list[list[str]]) -> list[IndexEntry]:
    columns: dict[str, int | None] = {"path": 0, "title": 1, "source": 2}
    body = rows
    has_header = named_path = False
    if len(rows) >= 2 and rows[1] and all(_TABLE_RULE.match(cell) for cell in rows[1]):
        has_header, body = True, rows[2:]
    elif rows and _header_columns(rows[0]):
        has_header, body = True, rows[1:]
    if has_header:
        named = _header_columns(rows[0])
        if "path" in named:
            columns = {"path": named["path"], "title": named.get("title"), "source": named.get("source")}
            named_path = True
    entries = []
    for row in body:
        if row and all(_TABLE_RULE.match(cell) for cell in row):
            continue
        cell = _cell(row, columns["path"])
        title = _cell(row, columns["title"])
        source = _cell(row, columns["source"])
        links = _links(cell)
        if links:
            link_title, cell = links[0]
            title = title or link_title
        cell = cell.strip().strip("`").strip()
        if not cell or not _is_local(cell) or (not named_path and not _looks_like_path(cell)):
            continue
        entries.append(IndexEntry(cell, _clean_title(title), _clean_title(source)))
    return entries


def _header_columns(row: list[str]) -> dict[str, int]:
    named: dict[str, int] = {}
    for position, cell in enumerate(row):
        name = " ".join(cell.strip("*_` ").lower().split())
        for key, names in _HEADERS.items():
            if name in names and key not in named:
                named[key] = position
    return named


def _cell(row: list[str], position: int | None) -> str:
    if position is None or position >= len(row):
        return ""
    return row[position]


def read_path_list(stream: TextIO) -> Iterator[str]:
    """Paths for --from-list (or piped in): one per line; blank lines and #comments skipped.

    Read lazily, so paths piped in as files arrive are analyzed as they come.
    Surrounding whitespace is stripped; write a path that starts with '#' as ./#name.
    """
    for number, line in enumerate(stream):
        if number == 0:
            line = line.lstrip(BYTE_ORDER_MARK)
        line = line.strip()
        if line and not line.startswith("#"):
            yield line
