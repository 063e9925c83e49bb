"""Reading input a bounded piece at a time: files, pipes and gzip streams of any size.

An article is held in memory whole, but never more than the caller's limit of
it: reads stop at the limit, and gzip data is decompressed chunk by chunk so
that an archive of many gigabytes streams through in constant memory.
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO, Literal, TextIO, overload

CHUNK_BYTES = 1 << 16  # read and decompress 64 KiB at a time
SNIFF_BYTES = 4096  # bytes looked at to recognise gzip and SGML by content
GZIP_MAGIC = b"\x1f\x8b"


class StreamError(Exception):
    """A stream that cannot be read to its end (corrupt or truncated gzip data); `reason` is the one-line why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@overload
def detached(stream: BinaryIO, text: Literal[False] = False) -> BinaryIO: ...
@overload
def detached(stream: TextIO, text: Literal[True]) -> TextIO: ...
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
    return open(descriptor, encoding="utf-8") if text else open(descriptor, "rb")


def read_upto(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes, looping over short reads (pipes), never more."""
    parts, total = [], 0
    while total < limit:
        part = stream.read(min(CHUNK_BYTES, limit - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def rest_of_stream(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The bytes already read from `stream` (`head`), then the rest of it, chunk by chunk."""
    if head:
        yield head
    while True:
        part = stream.read(CHUNK_BYTES)
        if not part:
            return
        yield part


def prepended(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    """`first` put back in front of the chunks it was taken from."""
    if first:
        yield first
    yield from rest


def first_bytes(chunks: Iterator[bytes], limit: int) -> bytes:
    """At least `limit` bytes from the chunks (whole chunks, so perhaps a little more), or all there are."""
    parts, total = [], 0
    for part in chunks:
        parts.append(part)
        total += len(part)
        if total >= limit:
            break
    return b"".join(parts)


def collect(chunks: Iterable[bytes], limit: int) -> bytes | None:
    """All the chunks joined, or None as soon as they add up to more than `limit` bytes."""
    parts, total = [], 0
    for part in chunks:
        parts.append(part)
        total += len(part)
        if total > limit:
            return None
    return b"".join(parts)


def gunzip(chunks: Iterable[bytes]) -> Iterator[bytes]:
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
            if after.startswith(GZIP_MAGIC):
                decompressor, pending, after, ended = zlib.decompressobj(31), after, b"", False
            elif not after.strip(b"\x00"):
                after = b""
                continue
            else:
                raise StreamError("trailing data after the end of the gzip stream")
        while pending or not ended:
            try:
                out = decompressor.decompress(pending, CHUNK_BYTES)
            except zlib.error as error:
                raise StreamError(f"corrupt gzip data ({error})") from None
            if out:
                yield out
            if decompressor.eof:
                ended, after = True, decompressor.unused_data
                if after.startswith(GZIP_MAGIC):
                    decompressor, pending, after, ended = zlib.decompressobj(31), after, b"", False
                    continue
                if after.strip(b"\x00") and len(after) >= 2:
                    raise StreamError("trailing data after the end of the gzip stream")
                break
            pending = decompressor.unconsumed_tail
            if not pending and len(out) < CHUNK_BYTES:
                break
    if not ended:
        raise StreamError("truncated gzip data (the file ends in the middle of the stream)")
