"""Inputs to articles: walking folders, following INDEX.md files, the package's entry points.

An input is a folder (with an INDEX.md listing its articles, or without one:
its *.txt files and any SGML archives below it), a single file, or `-` for
stdin. `iter_sources` reads them all, lazily, in order; `list_inputs` only
names the files (a cluster's workers read them with `read_listed`). A
listed path never leads outside its folder, a symlink loop or a file
reached twice (listed twice, linked, found again) is read once, where it is
first reached, and an INDEX.md is never read as an article.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import BinaryIO, Generic, Protocol, TextIO, TypeVar
from urllib.parse import unquote

from newsan.errors import IngestError
from newsan.ingest.decoding import decode_bytes
from newsan.ingest.index import INDEX_NAME, parse_index
from newsan.ingest.messages import os_reason, too_large
from newsan.ingest.reader import ArticleReader
from newsan.ingest.streams import read_upto
from newsan.model import Source

# One article's analysis peaks at about 250 times its size with the default backend (a single 4 MiB
# article: 1.0 GiB, per worker process), so larger ones are refused unless asked for: a news
# article is 5 to 50 KiB, and a bigger one is nearly always a dump or a page of page furniture.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024


def iter_sources(inputs: Iterable[str | os.PathLike[str]], *, pattern: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | TextIO | None = None
                 ) -> Iterator[Source | IngestError]:
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
    walker = FolderWalker(ArticleReader(max_bytes, stdin), _glob_regex(pattern) if pattern else None, max_bytes)
    return (item for path in inputs for item in walker.walk_input(os.fspath(path)))


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file an input expands to, not read yet: what a cluster hands to a worker. '-' stands for stdin."""

    path: str
    title: str | None = None
    outlet: str | None = None


def list_inputs(inputs: Iterable[str | os.PathLike[str]], *, pattern: str | None = None
                ) -> Iterator[InputFile | IngestError]:
    """The files `iter_sources` would read, in the same order, with the same errors, without reading any of them.

    Folders are walked and their INDEX.md is parsed (its titles and sources
    travel in the InputFile); article files and archives are left for
    `read_listed`, so `read_listed(list_inputs(paths))` yields what
    `iter_sources(paths)` does.
    """
    if isinstance(inputs, (str, bytes)):
        raise TypeError("inputs must be a sequence of paths, not a single string")
    walker = FolderWalker(InputLister(), _glob_regex(pattern) if pattern else None, DEFAULT_MAX_BYTES)
    return (item for path in inputs for item in walker.walk_input(os.fspath(path)))


def read_listed(items: Iterable[InputFile], *, max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | TextIO | None = None) -> Iterator[Source | IngestError]:
    """Read files listed by `list_inputs` (on this machine or on a worker): their articles, or IngestErrors."""
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, not {max_bytes}")
    reader = ArticleReader(max_bytes, stdin)
    for item in items:
        if item.path == "-":
            yield from reader.read_stdin()
        else:
            yield from reader.read_file(item.path, item.title, item.outlet)


_Item = TypeVar("_Item", covariant=True)


class _Files(Protocol[_Item]):
    """What FolderWalker hands files to: an ArticleReader (items are Sources) or an InputLister (InputFiles)."""

    def read_stdin(self) -> Iterator[_Item | IngestError]: ...

    def read_file(self, path: str, title: str | None = None, outlet: str | None = None
                  ) -> Iterator[_Item | IngestError]: ...


class FolderWalker(Generic[_Item]):
    """Expands inputs into the files they stand for, in order, and hands each to `files`.

    A folder with an INDEX.md stands for the files it lists (titles and
    sources included), one without for its *.txt files, its SGML archives at
    any depth and the files matching `pattern`. `files` is an ArticleReader
    (the files are read) or an InputLister (they are only named).
    """

    def __init__(self, files: _Files[_Item], pattern: re.Pattern[str] | None, max_bytes: int):
        self.files = files
        self.pattern = pattern
        self.max_bytes = max_bytes  # bounds the INDEX.md files read here

    def walk_input(self, path: str) -> Iterator[_Item | IngestError]:
        """A path, a folder or '-': what it stands for, or why it cannot be read."""
        if path == "-":
            yield from self.files.read_stdin()
            return
        try:
            info = os.stat(path)
        except FileNotFoundError:
            yield IngestError(path, "no such file or directory")
            return
        except OSError as error:
            yield IngestError(path, os_reason(error))
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self.walk_folder(path, set())
        else:
            yield from self.files.read_file(path)

    def walk_folder(self, folder: str, seen: set[tuple[int, int]]) -> Iterator[_Item | IngestError]:
        """The files of a folder, by its INDEX.md if it has one; `seen` holds the folders walked and the
        files listed already (by device and inode), so each is read once per input."""
        try:
            identity = _identity(os.stat(folder))
            if identity in seen:  # a symlink loop, or a folder listed twice in one tree
                return
            seen.add(identity)
            names = sorted(os.listdir(folder))
        except OSError as error:
            yield IngestError(folder, os_reason(error))
            return
        index = INDEX_NAME if INDEX_NAME in names else next((n for n in names if n.lower() == "index.md"), None)
        if index is not None:
            yield from self.walk_indexed(folder, os.path.join(folder, index), seen)
        else:
            yield from self.walk_unindexed(folder, seen)

    def walk_indexed(self, folder: str, index_path: str, seen: set[tuple[int, int]]
                     ) -> Iterator[_Item | IngestError]:
        """The files and folders the index lists, in its order, with its titles and sources."""
        index_name = os.path.basename(index_path)
        try:
            with open(index_path, "rb") as handle:
                seen.add(_identity(os.fstat(handle.fileno())))  # an index that lists itself lists no article
                data = read_upto(handle, self.max_bytes + 1)
        except OSError as error:
            yield IngestError(index_path, os_reason(error))
            return
        if len(data) > self.max_bytes:
            yield IngestError(index_path, too_large("file", None, self.max_bytes))
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
            try:
                info = os.stat(target) if target is not None else None
            except OSError:
                info = None
            if target is None or info is None:
                yield IngestError(target or os.path.join(folder, entry.path),
                                  f"listed in {index_name} but no such file or directory")
            elif stat.S_ISDIR(info.st_mode):
                yield from self.walk_folder(target, seen)
            elif _identity(info) not in seen:  # a file listed twice is read where it is listed first
                seen.add(_identity(info))
                yield from self.files.read_file(target, entry.title, entry.source)

    def walk_unindexed(self, folder: str, seen: set[tuple[int, int]]
                       ) -> Iterator[_Item | IngestError]:
        """The wanted files anywhere below the folder, in path order, each file once however it is reached."""
        found: dict[str, tuple[int, int]] = {}  # relative path -> (device, inode)
        errors: list[IngestError] = []
        self.collect(folder, seen, found, errors)
        yield from errors
        if not found:
            if not errors:
                yield IngestError(folder, "no INDEX.md and no *.txt, **/*.sgml or **/*.sgml.gz files"
                                          + (" nor files matching the glob pattern" if self.pattern else
                                             "; give a glob pattern to choose other files"))
            return
        for relative in sorted(found):
            if found[relative] in seen:  # the same file reached through a symlink, or listed by an index
                continue
            seen.add(found[relative])
            yield from self.files.read_file(os.path.join(folder, relative))

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
                errors.append(IngestError(directory, os_reason(error)))
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
                    assert identity is not None  # stat succeeded for a folder
                    if identity not in seen:  # symlink loops end here
                        seen.add(identity)
                        pending.append(relative + "/")
                elif self.wanted(relative, entry.name):
                    if is_file:
                        assert identity is not None  # stat succeeded for a file
                        found[relative] = identity
                    elif entry.is_symlink():  # dangling, or a loop of links: say so rather than skip it
                        errors.append(IngestError(os.path.join(folder, relative), "broken symbolic link"))

    def wanted(self, relative: str, name: str) -> bool:
        """*.txt at the top of the folder, SGML archives at any depth, and whatever matches the pattern."""
        lower = name.lower()
        if "/" not in relative and lower.endswith(".txt"):
            return True
        if lower.endswith((".sgml", ".sgml.gz")):
            return True
        return bool(self.pattern and self.pattern.fullmatch(relative))


class InputLister:
    """Stands in for the ArticleReader when files are only to be named (see `list_inputs`)."""

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

