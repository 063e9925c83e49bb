"""Turn command-line inputs into decoded texts: the first stage of every run.

An input is a folder (with an INDEX.md listing its articles, or without one:
its *.txt files and any TREC-style SGML archives below it), a single file, an
SGML archive (.sgml, .sgml.gz, or any file starting with <DOC>), or `-` for
stdin. Everything is lazy and streaming: `iter_sources` yields one `Source`
per article as soon as it is read, archives are decompressed chunk by chunk,
and a bad input (or a bad document of an archive) becomes an `IngestError`
in the stream instead of stopping the run. Input files are only ever opened
for reading.
"""

from __future__ import annotations

import codecs
import html
import io
import os
import re
import stat
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import IO, BinaryIO, TextIO
from urllib.parse import unquote

from newsan.model import Source
from newsan.errors import IngestError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IndexEntry",
    "IngestError",
    "InputFile",
    "decode_bytes",
    "iter_sources",
    "list_inputs",
    "parse_index",
    "read_listed",
    "read_path_list",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN_PATH = "<stdin>"
INDEX_NAME = "INDEX.md"

_CHUNK = 1 << 16  # read and decompress 64 KiB at a time
_SNIFF = 4096  # bytes looked at to recognise gzip and SGML by content
_GZIP_MAGIC = b"\x1f\x8b"
_TAG_SLACK = 1100  # bytes kept at a chunk boundary so a split <DOC ...> tag is still found


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One article listed in a folder's INDEX.md, with what the index says about it."""

    path: str
    title: str | None = None
    source: str | None = None


# --------------------------------------------------------------------------- path lists


def detached(stream: IO, text: bool = False) -> IO:
    """A stream (stdin, mostly) on a file object of its own, over a duplicate of its descriptor.

    The batch runners read input in a background thread (batch.ReadAhead). A
    thread blocked reading sys.stdin holds that object's lock, and a worker
    process forked meanwhile closes sys.stdin as it starts (multiprocessing
    does), waiting for that lock forever. A stream without a descriptor (in
    memory, as in tests) is returned as it is.
    """
    try:
        descriptor = os.dup(stream.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return stream
    return open(descriptor, "r", encoding="utf-8") if text else open(descriptor, "rb")


def read_path_list(stream: TextIO) -> Iterator[str]:
    """Paths for --from-list (or piped in): one per line; blank lines and #comments skipped.

    Read lazily, so paths piped in as files arrive are analyzed as they come.
    Surrounding whitespace is stripped; write a path that starts with '#' as ./#name.
    """
    for number, line in enumerate(stream):
        if number == 0:
            line = line.lstrip("\ufeff")
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than \t \n \v \f \r, DEL, C1 controls and U+FFFD: what binary looks like once decoded.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_MAX_CONTROL_SHARE = 0.10
_ARABIC_LETTER = "[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"
_ARABIC = re.compile(_ARABIC_LETTER)
_ARABIC_ALONE = re.compile(f"(?<!{_ARABIC_LETTER}){_ARABIC_LETTER}(?!{_ARABIC_LETTER})")
_ARABIC_LATIN = re.compile("[\u0600-\u06ff][\u00c0-\u00ff]|[\u00c0-\u00ff](?=[\u0600-\u06ff])")


def decode_bytes(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode one article's bytes, saying which encoding was used and warning when it was a guess.

    Order: a BOM (UTF-8/16/32); UTF-8; UTF-16 without BOM (NULs on one side of
    each byte pair); UTF-8 with a few bad bytes (replaced, with a warning);
    cp1256 when the bytes read as Arabic; any other legacy encoding
    charset-normalizer recognises. Returns (text, encoding, warnings); raises
    IngestError for empty and binary data. The text is otherwise untouched
    (line ends included) so offsets stay true to the file.
    """
    if not data.strip():
        raise IngestError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            if text is None:
                if encoding.startswith("utf-32"):
                    continue  # FF FE 00 00 may also be a UTF-16 BOM followed by U+0000
                if encoding != "utf-8-sig":
                    raise IngestError(path, f"binary file, not text (invalid {encoding} after its byte-order mark)")
                text, warning = _utf8_with_replacements(data[len(bom):])
                return _checked(text, encoding, (warning,), path)
            return _checked(text, encoding, (), path)

    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise IngestError(path, "binary file, not text (it contains NUL bytes)")
        return _checked(found[0], found[1], (), path)

    text = _strict(data, "utf-8")
    if text is not None:
        if _control_share(text) <= _MAX_CONTROL_SHARE:
            return _checked(text, "utf-8", (), path)
        found = _utf16_without_bom(data)  # Arabic UTF-16 with no ASCII at all has no NUL but is valid ASCII
        if found is not None:
            return _checked(found[0], found[1], (), path)
        raise IngestError(path, "binary file, not text (mostly control characters)")

    text, warning = _utf8_with_replacements(data, strict_share=True)
    if text is not None:
        return _checked(text, "utf-8", (warning,), path)

    legacy = _legacy(data)
    if legacy is None:
        raise IngestError(path, "binary file, not text (not UTF-8, UTF-16 or a known legacy encoding)")
    text, encoding = legacy
    return _checked(text, encoding, (f"decoded as {encoding} (not UTF-8)",), path)


def _checked(text: str, encoding: str, warnings: tuple[str, ...], path: str) -> tuple[str, str, tuple[str, ...]]:
    if not text.strip():
        raise IngestError(path, "empty file")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError(path, "binary file, not text (mostly control characters)")
    return text, encoding, warnings


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROL.finditer(text)) / len(text)


def _utf8_with_replacements(data: bytes, strict_share: bool = False) -> tuple[str | None, str]:
    """UTF-8 with its invalid bytes replaced; with strict_share, only when they are a tiny minority.

    A scraped page cut in the middle of a character is still UTF-8; cp1256 text
    read as UTF-8 has an invalid sequence nearly every letter.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if strict_share:
        good = _count_non_ascii(text) - bad
        if good < 10 * bad:
            return None, ""
    return text, f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text with no BOM: the high byte of each pair is NUL for ASCII, 0x06 for Arabic."""
    if len(data) < 4 or len(data) % 2:
        return None
    units = len(data) // 2
    even, odd = data[0::2], data[1::2]
    candidates = []
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        nul_high, nul_low = high.count(0), low.count(0)
        if nul_low * 10 > nul_high:
            continue
        # many NULs on one side (ASCII), or high bytes mostly 0x00/0x06 (Arabic with little ASCII)
        if nul_high >= max(2, units // 20) or (nul_high + high.count(6)) * 2 >= units:
            candidates.append(encoding)
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is not None and _control_share(text) <= 0.01 and _mostly_assigned(text):
            return text, encoding
    return None


def _mostly_assigned(text: str, sample: int = 20000) -> bool:
    """Random bytes read as UTF-16 land on private-use and unassigned code points; text does not."""
    head = text[:sample]
    odd = sum(1 for char in head if unicodedata.category(char) in ("Cn", "Co", "Cs"))
    return odd * 50 <= len(head)


def _reads_as_arabic(text: str, sample: int = 1_000_000) -> bool:
    """Most non-ASCII characters are Arabic letters, in words: not scattered as in binary, and not
    interleaved with accented Latin letters as ISO-8859-6 or Mac Arabic bytes are when read as cp1256."""
    head = text[:sample]
    non_ascii = _count_non_ascii(head)
    arabic = len(head) - len(_ARABIC.sub("", head))
    isolated = len(_ARABIC_ALONE.findall(head))
    mixed = len(_ARABIC_LATIN.findall(head))
    return bool(non_ascii) and arabic * 2 >= non_ascii and isolated * 5 <= arabic and mixed * 50 <= arabic


def _count_non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _legacy(data: bytes) -> tuple[str, str] | None:
    """A legacy 8-bit encoding: cp1256 whenever the bytes read as Arabic, else charset-normalizer's guess."""
    text = data.decode("cp1256", errors="replace")
    if _reads_as_arabic(text):
        return text, "cp1256"
    try:
        from charset_normalizer import from_bytes

        matches = from_bytes(data)
        best = matches.best()
        if best is None:
            return None
        encoding = codecs.lookup(best.encoding).name
        tied = {codecs.lookup(match.encoding).name for match in matches
                if (match.chaos, match.coherence) == (best.chaos, best.coherence)}
        if "cp1252" in tied:  # short Latin texts fit several code pages equally: take the common one
            encoding = "cp1252"
        if encoding.startswith("utf"):
            return None  # UTF-8/16/32 were tried, strictly, above
        return data.decode(encoding), encoding
    except (ImportError, LookupError, UnicodeDecodeError, ValueError, RuntimeError):
        return None


# --------------------------------------------------------------------------- INDEX.md

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


# --------------------------------------------------------------------------- folders and files


def iter_sources(inputs: Sequence[str], *, pattern: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 stdin: BinaryIO | None = None) -> Iterator[Source | IngestError]:
    """Yield every article of every input, in input order; a bad input yields an IngestError and the iteration goes on.

    Inputs are read lazily, one at a time, so a caller can stream results.
    `pattern` adds files matching a glob (`**/*.sgml.gz`, `*.html`) to folders
    without an INDEX.md; `max_bytes` bounds a single article (a file, stdin,
    or one document of an archive); `stdin` is read for `-` (default
    sys.stdin.buffer).
    """
    if isinstance(inputs, (str, bytes)):  # checked now, not at the first next()
        raise TypeError("inputs must be a sequence of paths, not a single string")
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, not {max_bytes}")
    reader = _Reader(_glob_regex(pattern) if pattern else None, max_bytes, stdin)
    return (item for path in inputs for item in reader.read_input(os.fspath(path)))


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file an input expands to, not read yet: what a cluster hands to a worker. '-' stands for stdin."""

    path: str
    title: str | None = None
    outlet: str | None = None


def list_inputs(inputs: Sequence[str], *, pattern: str | None = None) -> Iterator[InputFile | IngestError]:
    """The files `iter_sources` would read, in the same order, with the same errors, without reading any of them.

    Folders are walked and their INDEX.md is parsed (its titles and sources
    travel in the InputFile); article files and archives are left for
    `read_listed`, so `read_listed(list_inputs(paths))` yields what
    `iter_sources(paths)` does.
    """
    if isinstance(inputs, (str, bytes)):
        raise TypeError("inputs must be a sequence of paths, not a single string")
    lister = _Lister(_glob_regex(pattern) if pattern else None, DEFAULT_MAX_BYTES, None)
    return (item for path in inputs for item in lister.read_input(os.fspath(path)))


def read_listed(items: Iterable[InputFile], *, max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None) -> Iterator[Source | IngestError]:
    """Read files listed by `list_inputs` (on this machine or on a worker): their articles, or IngestErrors."""
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, not {max_bytes}")
    reader = _Reader(None, max_bytes, stdin)
    for item in items:
        if item.path == "-":
            yield from reader.read_stdin()
        else:
            yield from reader.read_file(item.path, item.title, item.outlet)


class _Reader:
    def __init__(self, pattern: re.Pattern[str] | None, max_bytes: int, stdin: BinaryIO | None):
        self.pattern = pattern
        self.max_bytes = max_bytes
        self.stdin = stdin
        self.stdin_read = False

    def read_input(self, path: str) -> Iterator[Source | IngestError]:
        if path == "-":
            yield from self.read_stdin()
            return
        try:
            info = os.stat(path)
        except FileNotFoundError:
            yield IngestError(path, "no such file or directory")
            return
        except OSError as error:
            yield IngestError(path, _os_reason(error))
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self.read_folder(path, set())
        else:
            yield from self.read_file(path)

    # -- stdin

    def read_stdin(self) -> Iterator[Source | IngestError]:
        if self.stdin_read:
            yield IngestError(STDIN_PATH, "stdin was already read ('-' given more than once)")
            return
        self.stdin_read = True
        stream = self.stdin if self.stdin is not None else sys.stdin
        if stream is None:  # started without a stdin (a service, pythonw)
            yield IngestError(STDIN_PATH, "there is no standard input to read")
            return
        given = getattr(stream, "buffer", stream)  # a text stream: read its bytes
        stream = detached(given)
        try:
            yield from self.read_stream(STDIN_PATH, stream, size=None)
        except OSError as error:
            yield IngestError(STDIN_PATH, _os_reason(error))
        finally:
            if stream is not given:
                stream.close()

    # -- files

    def read_file(self, path: str, title: str | None = None, outlet: str | None = None
                  ) -> Iterator[Source | IngestError]:
        try:
            handle = open(path, "rb")  # read only, ever
        except OSError as error:
            yield IngestError(path, _os_reason(error))
            return
        with handle:
            try:
                info = os.fstat(handle.fileno())
                size = info.st_size if stat.S_ISREG(info.st_mode) else None
                yield from self.read_stream(path, handle, size, title, outlet)
            except OSError as error:
                yield IngestError(path, _os_reason(error))

    def read_stream(self, path: str, stream: BinaryIO, size: int | None, title: str | None = None,
                    outlet: str | None = None) -> Iterator[Source | IngestError]:
        """Dispatch on content: gzip, SGML archive or a plain article; `size` is None when unknown (pipes)."""
        head = _read_upto(stream, _SNIFF)
        named_sgml = _is_sgml_name(path)
        if head.startswith(_GZIP_MAGIC):
            chunks = _gunzip(_chain(head, stream))
            try:
                first = _first_bytes(chunks, _SNIFF)
            except _StreamError as error:
                yield IngestError(path, error.reason)
                return
            if named_sgml or _looks_sgml(first):
                yield from _read_sgml(path, _chain_chunks(first, chunks), self.max_bytes, outlet)
                return
            try:
                data = _collect(_chain_chunks(first, chunks), self.max_bytes)
            except _StreamError as error:
                yield IngestError(path, error.reason)
                return
            if data is None:
                yield IngestError(path, _too_large("decompressed file", None, self.max_bytes))
                return
            yield self.make_source(path, data, title, outlet)
            return
        if named_sgml or _looks_sgml(head):
            yield from _read_sgml(path, _chain(head, stream), self.max_bytes, outlet)
            return
        if size is not None and size > self.max_bytes:
            yield IngestError(path, _too_large("file", size, self.max_bytes))
            return
        data = head
        if len(head) <= self.max_bytes:
            data += _read_upto(stream, self.max_bytes + 1 - len(head))
        if len(data) > self.max_bytes:  # grew since stat, or a pipe
            yield IngestError(path, _too_large("input", None, self.max_bytes))
            return
        yield self.make_source(path, data, title, outlet)

    def make_source(self, path: str, data: bytes, title: str | None, outlet: str | None
                    ) -> Source | IngestError:
        try:
            text, encoding, warnings = decode_bytes(data, path)
        except IngestError as error:
            return error
        metadata = {"outlet": outlet} if outlet else {}
        return Source(path=path, text=text, encoding=encoding, title=title, metadata=metadata, warnings=warnings)

    # -- folders

    def read_folder(self, folder: str, seen: set[tuple[int, int]]) -> Iterator[Source | IngestError]:
        try:
            identity = _identity(os.stat(folder))
            if identity in seen:  # a symlink loop, or a folder listed twice in one tree
                return
            seen.add(identity)
            names = sorted(os.listdir(folder))
        except OSError as error:
            yield IngestError(folder, _os_reason(error))
            return
        index = INDEX_NAME if INDEX_NAME in names else next((n for n in names if n.lower() == "index.md"), None)
        if index is not None:
            yield from self.read_indexed(folder, os.path.join(folder, index), seen)
        else:
            yield from self.read_unindexed(folder, seen)

    def read_indexed(self, folder: str, index_path: str, seen: set[tuple[int, int]]
                     ) -> Iterator[Source | IngestError]:
        index_name = os.path.basename(index_path)
        try:
            with open(index_path, "rb") as handle:
                data = _read_upto(handle, self.max_bytes + 1)
        except OSError as error:
            yield IngestError(index_path, _os_reason(error))
            return
        if len(data) > self.max_bytes:
            yield IngestError(index_path, _too_large("file", None, self.max_bytes))
            return
        try:
            text, _, _ = decode_bytes(data, index_path)
        except IngestError as error:
            if error.reason != "empty file":
                yield error
                return
            text = ""
        entries = parse_index(text)
        if not entries:
            yield IngestError(index_path, f"{index_name} lists no files (use markdown links [title](file), "
                                          "'- file' bullets or a table with a path column)")
            return
        real_folder = os.path.realpath(folder)
        for entry in entries:
            target, problem = _resolve_entry(folder, real_folder, entry.path)
            if problem is not None:
                yield IngestError(index_path, f"entry {entry.path!r} {problem}; refused")
                continue
            if target is None or not os.path.exists(target):
                yield IngestError(target or os.path.join(folder, entry.path),
                                  f"listed in {index_name} but no such file or directory")
                continue
            if os.path.isdir(target):
                yield from self.read_folder(target, seen)
            else:
                yield from self.read_file(target, entry.title, entry.source)

    def read_unindexed(self, folder: str, seen: set[tuple[int, int]]) -> Iterator[Source | IngestError]:
        found: dict[str, tuple[int, int]] = {}  # relative path -> (device, inode)
        errors: list[IngestError] = []
        self.collect(folder, seen, found, errors)
        yield from errors
        if not found:
            if not errors:
                yield IngestError(folder, "no INDEX.md and no *.txt, **/*.sgml or **/*.sgml.gz files"
                                          + (" nor files matching --glob" if self.pattern else
                                             "; use --glob to choose other files"))
            return
        files: set[tuple[int, int]] = set()
        for relative in sorted(found):
            if found[relative] in files:  # the same file reached through a symlink
                continue
            files.add(found[relative])
            yield from self.read_file(os.path.join(folder, relative))

    def collect(self, folder: str, seen: set[tuple[int, int]], found: dict[str, tuple[int, int]],
                errors: list[IngestError]) -> None:
        """Walk the folder (a stack, not recursion: depth is the file system's business), skipping dot-names."""
        pending = [""]
        while pending:
            prefix = pending.pop()
            directory = os.path.join(folder, prefix) if prefix else folder
            try:
                entries = list(os.scandir(directory))
            except OSError as error:
                errors.append(IngestError(directory, _os_reason(error)))
                continue
            for entry in sorted(entries, key=lambda entry: entry.name):
                if entry.name.startswith("."):
                    continue
                relative = f"{prefix}{entry.name}"
                try:
                    is_dir = entry.is_dir()
                    is_file = not is_dir and entry.is_file()
                    identity = _identity(entry.stat()) if is_dir or is_file else None
                except OSError:
                    is_dir = is_file = False
                    identity = None
                if is_dir:
                    if identity not in seen:  # symlink loops end here
                        seen.add(identity)
                        pending.append(relative + "/")
                elif self.wanted(relative, entry.name):
                    if is_file:
                        found[relative] = identity
                    elif entry.is_symlink():  # dangling, or a loop of links: say so rather than skip it
                        errors.append(IngestError(os.path.join(folder, relative), "broken symbolic link"))

    def wanted(self, relative: str, name: str) -> bool:
        lower = name.lower()
        if "/" not in relative and lower.endswith(".txt"):
            return True
        if lower.endswith((".sgml", ".sgml.gz")):
            return True
        return bool(self.pattern and self.pattern.fullmatch(relative))


class _Lister(_Reader):
    """The folder walk of `_Reader` with files named instead of read (see `list_inputs`)."""

    def read_stdin(self) -> Iterator[InputFile]:
        yield InputFile("-")

    def read_file(self, path: str, title: str | None = None, outlet: str | None = None) -> Iterator[InputFile]:
        yield InputFile(path, title, outlet)


def _identity(info: os.stat_result) -> tuple[int, int]:
    """What makes a file or folder the same one whatever the path (links included)."""
    return info.st_dev, info.st_ino


def _resolve_entry(folder: str, real_folder: str, listed: str) -> tuple[str | None, str | None]:
    """(path to read, None) or (None, why it is refused): a listed path must stay inside the folder."""
    if os.path.isabs(listed) or PureWindowsPath(listed).drive:  # /etc/passwd, C:\\x, //server/share
        return None, "is an absolute path, outside the folder"
    candidates = [listed]
    if "%" in listed:
        candidates.append(unquote(listed))  # markdown link targets are URLs: my%20file.txt
    for form in ("NFC", "NFD"):  # an index typed on one system, files named on another (macOS: NFD)
        candidates += [other for other in (unicodedata.normalize(form, candidate) for candidate in candidates)
                       if other not in candidates]
    first_error = None
    for candidate in candidates:
        normal = os.path.normpath(candidate)
        if normal == os.pardir or normal.startswith(os.pardir + os.sep):
            first_error = first_error or "goes up out of the folder ('..')"
            continue
        target = os.path.join(folder, normal)
        if not os.path.lexists(target):
            continue
        real = os.path.realpath(target)
        if real != real_folder and not real.startswith(real_folder.rstrip(os.sep) + os.sep):
            return None, "resolves outside the folder through a symbolic link"
        return target, None
    if first_error:
        return None, first_error
    return os.path.join(folder, os.path.normpath(listed)), None


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A --glob pattern as a regex on folder-relative paths: ** spans folders, * and ? do not.

    A pattern without a slash matches file names at any depth ('*.html').
    """
    pattern = pattern.replace("\\", "/").lstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if "/" not in pattern:
        pattern = "**/" + pattern
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 2 if pattern[i + 1:i + 2] in ("!", "]") else i + 1)
            if end == -1:
                out.append(re.escape(char))
                i += 1
            else:
                body = pattern[i + 1:end]
                body = "^" + body[1:] if body.startswith("!") else body
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    try:
        return re.compile("".join(out), re.S)
    except re.error:
        return re.compile(re.escape(pattern))


# --------------------------------------------------------------------------- streams


class _StreamError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _read_upto(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes, looping over short reads (pipes), never more."""
    parts, total = [], 0
    while total < limit:
        part = stream.read(min(_CHUNK, limit - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def _chain(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    if head:
        yield head
    while True:
        part = stream.read(_CHUNK)
        if not part:
            return
        yield part


def _chain_chunks(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _first_bytes(chunks: Iterator[bytes], limit: int) -> bytes:
    parts, total = [], 0
    for part in chunks:
        parts.append(part)
        total += len(part)
        if total >= limit:
            break
    return b"".join(parts)


def _collect(chunks: Iterable[bytes], limit: int) -> bytes | None:
    parts, total = [], 0
    for part in chunks:
        parts.append(part)
        total += len(part)
        if total > limit:
            return None
    return b"".join(parts)


def _gunzip(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Decompress gzip members as they arrive, at most one chunk of output at a time."""
    decompressor = zlib.decompressobj(31)
    after = b""  # bytes after a finished member: the next member, or padding
    ended = False
    for chunk in chunks:
        pending = chunk
        if ended:
            after += chunk
            if len(after) < 2:
                continue
            if after.startswith(_GZIP_MAGIC):
                decompressor, pending, after, ended = zlib.decompressobj(31), after, b"", False
            elif not after.strip(b"\x00"):
                after = b""
                continue
            else:
                raise _StreamError("trailing data after the end of the gzip stream")
        while pending or not ended:
            try:
                out = decompressor.decompress(pending, _CHUNK)
            except zlib.error as error:
                raise _StreamError(f"corrupt gzip data ({error})") from None
            if out:
                yield out
            if decompressor.eof:
                ended, after = True, decompressor.unused_data
                if after.startswith(_GZIP_MAGIC):
                    decompressor, pending, after, ended = zlib.decompressobj(31), after, b"", False
                    continue
                if after.strip(b"\x00") and len(after) >= 2:
                    raise _StreamError("trailing data after the end of the gzip stream")
                break
            pending = decompressor.unconsumed_tail
            if not pending and len(out) < _CHUNK:
                break
    if not ended:
        raise _StreamError("truncated gzip data (the file ends in the middle of the stream)")


# --------------------------------------------------------------------------- SGML archives

_DOC_OPEN = re.compile(rb"<DOC(?=[\s>])[^>]{0,1024}>", re.I)
_DOC_CLOSE = re.compile(rb"</DOC\s*>", re.I)
_SGML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<DOC[\s>]", re.I)
_DOCNO = re.compile(rb"<DOCNO\s*>\s*([^<]{1,200}?)\s*</DOCNO", re.I)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_TYPE_ATTR = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_FIELD = re.compile(r"<(DOCNO|URL|SRC|SOURCE|CAT|CATEGORY|TITLE|HEADLINE|TIME|DATE|DATE_TIME|DATELINE|AUTHOR"
                    r"|ABSTRACT|TEXT)(?:\s[^>]*)?>(.*?)</\1\s*>", re.I | re.S)
_PARAGRAPH = re.compile(r"<P(?:\s[^>]*)?>(.*?)(?=</P\s*>|<P[\s>]|\Z)", re.I | re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_METADATA = (  # metadata key, SGML fields in order of preference
    ("docno", ("DOCNO",)),
    ("url", ("URL",)),
    ("date", ("TIME", "DATE", "DATE_TIME")),
    ("outlet", ("SRC", "SOURCE")),
    ("category", ("CAT", "CATEGORY")),
    ("author", ("AUTHOR",)),
    ("dateline", ("DATELINE",)),
    ("abstract", ("ABSTRACT",)),
)


def _is_sgml_name(path: str) -> bool:
    return path.lower().endswith((".sgml", ".sgml.gz", ".sgm", ".sgm.gz"))


def _looks_sgml(head: bytes) -> bool:
    return bool(_SGML_START.match(head))


def _read_sgml(path: str, chunks: Iterator[bytes], max_bytes: int, outlet: str | None
               ) -> Iterator[Source | IngestError]:
    """One Source per <DOC> of an archive, streamed; bad documents become IngestErrors, the rest still come."""
    count = 0
    try:
        for event in _split_docs(chunks, max_bytes):
            count += 1
            yield _document(path, event, max_bytes, outlet)
    except _StreamError as error:
        yield IngestError(path, f"{error.reason}; {count} document(s) read before it")
        return
    except OSError as error:
        yield IngestError(path, f"{_os_reason(error)}; {count} document(s) read before it")
        return
    if count == 0:
        yield IngestError(path, "no <DOC>…</DOC> document in this SGML archive")


@dataclass(slots=True)
class _Doc:
    ordinal: int
    open_tag: bytes
    raw: bytes  # the content between <DOC> and </DOC>, or the start of it when `problem` is set
    problem: str | None = None
    size: int = 0


def _split_docs(chunks: Iterator[bytes], max_bytes: int) -> Iterator[_Doc]:
    """Cut a byte stream into <DOC> contents, holding at most one document (bounded by max_bytes) in memory."""
    buf = bytearray()
    scan = 0
    inside = False
    ordinal = 0
    open_tag = b""
    head = b""  # start of an oversized document, kept to name it
    skipped = 0  # bytes of an oversized document already thrown away
    for chunk in chunks:
        buf += chunk
        while True:
            if not inside:
                opening = _DOC_OPEN.search(buf, scan)
                if opening is None:
                    cut = buf.rfind(b"<", max(0, len(buf) - _TAG_SLACK))
                    del buf[:cut if cut != -1 else len(buf)]
                    scan = 0
                    break
                ordinal += 1
                inside, open_tag, head, skipped, scan = True, bytes(opening.group()), b"", 0, 0
                del buf[:opening.end()]
            closing = _DOC_CLOSE.search(buf, scan)
            end = closing.start() if closing else len(buf)
            opening = _DOC_OPEN.search(buf, scan, end)
            if opening is not None:  # a new <DOC> before this one was closed
                yield _Doc(ordinal, open_tag, head or bytes(buf[:opening.start()]),
                           "unclosed <DOC> (a new <DOC> starts before </DOC>)", skipped + opening.start())
                del buf[:opening.start()]
                inside, scan = False, 0
                continue
            if closing is not None:
                size = skipped + closing.start()
                if skipped or size > max_bytes:
                    yield _Doc(ordinal, open_tag, head or bytes(buf[:_SNIFF]), "too large", size)
                else:
                    yield _Doc(ordinal, open_tag, bytes(buf[:closing.start()]), None, size)
                del buf[:closing.end()]
                inside, scan = False, 0
                continue
            if skipped + len(buf) > max_bytes:  # too large: keep its start to name it, drop the rest
                if not head:
                    head = bytes(buf[:_SNIFF])
                keep = min(len(buf), _TAG_SLACK)
                skipped += len(buf) - keep
                del buf[:len(buf) - keep]
            scan = max(0, len(buf) - _TAG_SLACK)
            break
    if inside:
        yield _Doc(ordinal, open_tag, head or bytes(buf), "unclosed <DOC> at the end of the file",
                   skipped + len(buf))


def _document(path: str, doc: _Doc, max_bytes: int, outlet: str | None) -> Source | IngestError:
    docno = _docno(doc)
    doc_path = f"{path}#{docno}" if docno else f"{path}#doc-{doc.ordinal}"
    if doc.problem == "too large":
        return IngestError(doc_path, _too_large("document", doc.size, max_bytes))
    if doc.problem:
        return IngestError(doc_path, doc.problem)
    try:
        content, encoding, warnings = decode_bytes(doc.raw, doc_path)
    except IngestError as error:
        return IngestError(doc_path, "empty document" if error.reason == "empty file" else error.reason)
    fields: dict[str, str] = {}
    for match in _FIELD.finditer(content):
        fields.setdefault(match.group(1).upper(), match.group(2))
    if "TEXT" not in fields:
        return IngestError(doc_path, "no <TEXT>…</TEXT> in this document")
    text = _body(fields["TEXT"])
    if not text.strip():
        return IngestError(doc_path, "empty <TEXT>")
    metadata: dict[str, str] = {}
    for key, names in _METADATA:
        value = next((_line(fields[name]) for name in names if name in fields and _line(fields[name])), "")
        if value:
            metadata[key] = value
    if docno:
        metadata["docno"] = docno
    kind = _attribute(_TYPE_ATTR, doc.open_tag)
    if kind:
        metadata["type"] = kind
    if outlet and "outlet" not in metadata:
        metadata["outlet"] = outlet
    title = _line(fields.get("TITLE", "")) or _line(fields.get("HEADLINE", "")) or None
    return Source(path=doc_path, text=text, encoding=encoding, title=title, metadata=metadata, warnings=warnings)


def _docno(doc: _Doc) -> str | None:
    match = _DOCNO.search(doc.raw)
    if match:
        value = _line(match.group(1).decode("utf-8", errors="replace"))
        if value:
            return value
    return _attribute(_ID_ATTR, doc.open_tag)


def _attribute(regex: re.Pattern[str], open_tag: bytes) -> str | None:
    match = regex.search(open_tag.decode("utf-8", errors="replace"))
    if not match:
        return None
    return _line(next(group for group in match.groups() if group is not None)) or None


def _unescape(text: str) -> str:
    """&amp; &lt; &#1575; … only: a bare & in a URL or a headline stays as it is."""
    return _ENTITY.sub(lambda match: html.unescape(match.group()), text)


def _line(value: str) -> str:
    return " ".join(_unescape(value).split())


def _body(content: str) -> str:
    """The article text: <P> paragraphs one per line (LDC Gigaword), or the TEXT as written."""
    if _PARAGRAPH.search(content):
        paragraphs = [_line(p) for p in _PARAGRAPH.findall(content)]
        return "\n".join(p for p in paragraphs if p)
    return _unescape(content).strip()


# --------------------------------------------------------------------------- messages


def _size(count: int) -> str:
    if count >= 1024**3:
        return f"{count / 1024**3:.1f} GiB"
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MiB"
    if count >= 1024:
        return f"{count / 1024:.1f} KiB"
    return f"{count} bytes"


def _too_large(what: str, size: int | None, limit: int) -> str:
    if size is None:
        return f"{what} is over the {_size(limit)} ({limit} bytes) limit; raise it with --max-bytes"
    return f"{what} is {_size(size)} ({size} bytes), over the {_size(limit)} limit; raise it with --max-bytes"


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error) or error.__class__.__name__).lower()
