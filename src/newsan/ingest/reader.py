"""One file, or stdin, read into its articles: what an input becomes once the walk has found it.

The content decides, not the name alone: gzip data is decompressed as it
streams, an SGML archive yields one article per document, anything else is
one article. Every article is bounded by `max_bytes`; every failure (cannot
open, too large, not text) is an IngestError in the stream.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO, TextIO, cast

from newsan.errors import IngestError
from newsan.ingest.decoding import decode_bytes
from newsan.ingest.messages import os_reason, too_large
from newsan.ingest.sgml import count_sgml, is_sgml_name, looks_sgml, read_sgml
from newsan.ingest.streams import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    StreamError,
    collect,
    detached,
    first_bytes,
    gunzip,
    prepended,
    read_upto,
    rest_of_stream,
)
from newsan.model import Source

STDIN_PATH = "<stdin>"


class ArticleReader:
    """Reads files and stdin into Sources, each article at most `max_bytes`; stdin is read once at most."""

    def __init__(self, max_bytes: int, stdin: BinaryIO | TextIO | None):
        self.max_bytes = max_bytes
        self.stdin = stdin
        self.stdin_read = False

    def read_stdin(self) -> Iterator[Source | IngestError]:
        """The articles piped in; a second '-' is an error, as stdin is gone by then."""
        if self.stdin_read:
            yield IngestError(STDIN_PATH, "stdin was already read ('-' given more than once)")
            return
        self.stdin_read = True
        stream = self.stdin if self.stdin is not None else sys.stdin
        if stream is None:  # started without a stdin (a service, pythonw)
            yield IngestError(STDIN_PATH, "there is no standard input to read")
            return
        given = cast(BinaryIO, getattr(stream, "buffer", stream))  # a text stream: read its bytes
        stream = detached(given)
        try:
            yield from self.read_stream(STDIN_PATH, stream, size=None)
        except OSError as error:
            yield IngestError(STDIN_PATH, os_reason(error))
        finally:
            if stream is not given:
                stream.close()

    def read_file(self, path: str, title: str | None = None, outlet: str | None = None, first: int = 0
                  ) -> Iterator[Source | IngestError]:
        """The articles of one file; `title` and `outlet` are what an INDEX.md said of it;
        an archive's `first` documents are passed over undecoded (see `read_sgml`)."""
        try:
            handle = open(path, "rb")  # read only, ever
        except OSError as error:
            yield IngestError(path, os_reason(error))
            return
        with handle:
            try:
                info = os.fstat(handle.fileno())
                size = info.st_size if stat.S_ISREG(info.st_mode) else None
                yield from self.read_stream(path, handle, size, title, outlet, first)
            except OSError as error:
                yield IngestError(path, os_reason(error))

    def read_stream(self, path: str, stream: BinaryIO, size: int | None, title: str | None = None,
                    outlet: str | None = None, first: int = 0) -> Iterator[Source | IngestError]:
        """Dispatch on content: gzip, SGML archive or a plain article; `size` is None when unknown (pipes)."""
        head = read_upto(stream, SNIFF_BYTES)
        if head.startswith(GZIP_MAGIC):
            yield from self.read_gzipped(path, gunzip(rest_of_stream(head, stream)), title, outlet, first)
            return
        if is_sgml_name(path) or looks_sgml(head):
            yield from read_sgml(path, rest_of_stream(head, stream), self.max_bytes, outlet, first)
            return
        if size is not None and size > self.max_bytes:
            yield IngestError(path, too_large("file", size, self.max_bytes))
            return
        data = head
        if len(head) <= self.max_bytes:
            data += read_upto(stream, self.max_bytes + 1 - len(head))
        if len(data) > self.max_bytes:  # grew since stat, or a pipe
            yield IngestError(path, too_large("input", None, self.max_bytes))
            return
        yield self.make_source(path, data, title, outlet)

    def read_gzipped(self, path: str, chunks: Iterator[bytes], title: str | None, outlet: str | None,
                     first: int = 0) -> Iterator[Source | IngestError]:
        """Decompressed data, as it streams: an SGML archive (by name or content) or one article."""
        try:
            head = first_bytes(chunks, SNIFF_BYTES)
        except StreamError as error:
            yield IngestError(path, error.reason)
            return
        if is_sgml_name(path) or looks_sgml(head):
            yield from read_sgml(path, prepended(head, chunks), self.max_bytes, outlet, first)
            return
        try:
            data = collect(prepended(head, chunks), self.max_bytes)
        except StreamError as error:
            yield IngestError(path, error.reason)
            return
        if data is None:
            yield IngestError(path, too_large("decompressed file", None, self.max_bytes))
            return
        yield self.make_source(path, data, title, outlet)

    def count_documents(self, path: str) -> Iterator[int]:
        """The documents of the archive at `path` numbered as they stream by (1, 2, …), cut from the
        stream but not decoded: how a cluster cuts a large archive into ranges at a small cost.
        The numbering stops where the file cannot be read on; nothing for a file that is no archive."""
        try:
            with open(path, "rb") as handle:
                head = read_upto(handle, SNIFF_BYTES)
                chunks = rest_of_stream(head, handle)
                if head.startswith(GZIP_MAGIC):
                    chunks = gunzip(chunks)
                    head = first_bytes(chunks, SNIFF_BYTES)
                    chunks = prepended(head, chunks)
                if is_sgml_name(path) or looks_sgml(head):
                    yield from count_sgml(chunks, self.max_bytes)
        except (OSError, StreamError):  # reading the file says why, where it is analyzed
            return

    def make_source(self, path: str, data: bytes, title: str | None, outlet: str | None
                    ) -> Source | IngestError:
        """One plain article from its bytes, or the IngestError saying why they are not text."""
        try:
            text, encoding, warnings = decode_bytes(data, path)
        except IngestError as error:
            return error
        metadata = {"outlet": outlet} if outlet else {}
        return Source(path=path, text=text, encoding=encoding, title=title, metadata=metadata, warnings=warnings)
