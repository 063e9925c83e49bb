"""Property tests: whatever bytes or markdown come in, ingest answers with text or an IngestError, quickly."""

from __future__ import annotations

import gzip
import io
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsan.errors import IngestError
from newsan.ingest import IndexEntry, decode_bytes, iter_sources, parse_index
from newsan.model import Source

# Deterministic, quick (~3 s for the file) and writing nothing (no example database) by default;
# NEWSAN_FUZZ_EXAMPLES=5000 explores with fresh seeds.
# The 2 s deadline per example is there to catch a hang, not to time anything.
_EXPLORE = os.environ.get("NEWSAN_FUZZ_EXAMPLES")
FAST = settings(max_examples=int(_EXPLORE or 300), deadline=2000, derandomize=not _EXPLORE, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
WORDS = st.text(alphabet=ARABIC_LETTERS, min_size=2, max_size=8)
ARABIC_TEXT = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)

MARKDOWN = st.lists(st.sampled_from(list("[]()<>|-*+`#:—–.!\\/ \n\t\"'%ab1٠ع") + ["..", ".txt", "http://", "```",
                                                                                 "|---|", "\n- ", "\n| "]),
                    max_size=120).map("".join)
TAGS = ["<DOC>", "</DOC>", "<DOC id=\"x\">", "<DOCNO>", "</DOCNO>", "<TEXT>", "</TEXT>", "<P>", "</P>",
        "<TITLE>", "</TITLE>", "<HEADLINE>", "&amp;", "&#1575;", "&#99999999;", "<", ">", "\n", " ", "نص", "\x00"]
SGML = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=12)), max_size=60).map("".join)


def check_decoded(result, data: bytes) -> None:
    text, encoding, warnings = result
    assert isinstance(text, str) and text.strip()
    assert isinstance(encoding, str) and encoding
    assert isinstance(warnings, tuple) and all(isinstance(w, str) for w in warnings)


@FAST
@given(st.binary(max_size=3000))
@example(b"\xff\xfe\x00\x00\x00")
@example(b"\xfe\xff\xd8\x00")
@example(b"\x00" * 7)
@example(b"\xef\xbb\xbf\xc0")
def test_decode_bytes_returns_text_or_raises_ingest_error(data):
    try:
        result = decode_bytes(data, "fuzz")
    except IngestError as error:
        assert error.path == "fuzz" and error.reason and "\n" not in str(error)
        return
    check_decoded(result, data)


@FAST
@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                                "cp1256", "latin-1"]))
def test_decode_bytes_on_encoded_text(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode(codec, errors="replace")
    try:
        result = decode_bytes(data, "fuzz")
    except IngestError:
        return
    check_decoded(result, data)


@FAST
@given(ARABIC_TEXT, st.sampled_from(["\n", " ", "، ", ". "]))
def test_arabic_text_round_trips_in_every_supported_encoding(words, separator):
    text = separator.join([words, words])
    for codec, expected in (("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le"),
                            ("cp1256", "cp1256")):
        assert decode_bytes(text.encode(codec), "fuzz")[:2] == (text, expected)


@FAST
@given(ARABIC_TEXT, ARABIC_TEXT, st.booleans())
def test_utf8_and_cp1256_lines_of_one_file_both_round_trip(utf8_line, cp1256_line, utf8_first):
    parts = [(utf8_line + "\n").encode(), (cp1256_line + "\n").encode("cp1256")]
    text, encoding, _ = decode_bytes(b"".join(parts if utf8_first else parts[::-1]), "fuzz")
    lines = [utf8_line + "\n", cp1256_line + "\n"]
    assert (text, encoding) == ("".join(lines if utf8_first else lines[::-1]), "utf-8+cp1256")


@FAST
@given(st.one_of(st.text(max_size=400), MARKDOWN))
@example("| path |\n|---|\n| |\n|")
@example("[a](<>)\n- `\n| \\| |")
def test_parse_index_never_raises(text):
    entries = parse_index(text)
    assert all(isinstance(e, IndexEntry) and e.path and e.path == e.path.strip() for e in entries)


@FAST
@given(SGML)
@example("<DOC><TEXT>a</TEXT>")
@example("<DOC><DOC></DOC></DOC>")
@example("<DOC>\x00</DOC>")
def test_sgml_parsing_only_ever_yields_sources_or_errors(body):
    data = ("<DOC>" + body).encode("utf-8", errors="surrogatepass")
    for max_bytes in (40, 10_000):
        items = list(iter_sources(["-"], stdin=io.BytesIO(data), max_bytes=max_bytes))
        assert items
        for item in items:
            assert isinstance(item, (Source, IngestError))
            assert item.path.startswith("<stdin>")
            if isinstance(item, Source):
                assert item.text.strip()


@FAST
@given(SGML, st.floats(min_value=0.0, max_value=1.0))
def test_truncated_gzip_archives_only_yield_sources_or_errors(body, keep):
    data = gzip.compress(("<DOC><DOCNO>A</DOCNO><TEXT>نص</TEXT></DOC>" + body).encode("utf-8", "surrogatepass"))
    cut = data[: max(2, int(len(data) * keep))]
    items = list(iter_sources(["-"], stdin=io.BytesIO(cut)))
    assert all(isinstance(item, (Source, IngestError)) for item in items)


FILLER = "نص طويل " * 200  # ~2.6 KB, more than the parser keeps across a chunk boundary


class Trickle(io.RawIOBase):
    """A pipe that hands out a few bytes per read, so tags get cut at every possible place."""

    def __init__(self, data: bytes, step: int):
        self.data, self.step, self.at = data, step, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self.step if size < 0 else min(size, self.step)
        part = self.data[self.at:self.at + size]
        self.at += len(part)
        return part


def outcome(items) -> list[tuple]:
    return [(item.path, item.reason) if isinstance(item, IngestError) else
            (item.path, item.text, item.title, sorted(item.metadata.items())) for item in items]


@FAST
@given(st.lists(st.one_of(st.sampled_from(TAGS + ["<DOCNO>D1</DOCNO>", "<TEXT>نص الخبر</TEXT>", "</DOC>\n<DOC>",
                                                  FILLER, FILLER[:1099], FILLER[:1101]]),
                          st.text(max_size=12)), max_size=80).map("".join),
       st.integers(min_value=1, max_value=9) | st.sampled_from([1024, 4095, 4097, 65537]),
       st.sampled_from([60, 2000, 10_000]), st.booleans())
def test_chunk_boundaries_never_change_the_result(body, step, max_bytes, compress):
    """Long fillers push tags past the bytes kept at a chunk boundary; tiny reads cut every tag."""
    data = ("<DOC>" + body).encode("utf-8", errors="surrogatepass")
    if compress:
        data = gzip.compress(data)
    whole = list(iter_sources(["-"], stdin=io.BytesIO(data), max_bytes=max_bytes))
    trickled = list(iter_sources(["-"], stdin=Trickle(data, step), max_bytes=max_bytes))
    assert outcome(trickled) == outcome(whole)
