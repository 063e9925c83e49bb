"""The ingest stage: which files an input stands for, how they decode, and how archives split into articles."""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import os
import pickle
import random
import time
from pathlib import Path

import pytest

from newsan.errors import IngestError
from newsan.ingest import (
    DEFAULT_MAX_BYTES,
    IndexEntry,
    decode_bytes,
    iter_sources,
    list_inputs,
    parse_index,
    read_path_list,
)
from newsan.model import Source

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ARABIC = "قال وزير الخارجية إن الاجتماع سيعقد يوم الأحد في العاصمة.\nوأضاف: «لن نتراجع عن موقفنا».\n"
ARABIC_2 = "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني.\n"


def run(*inputs, **options) -> list[Source | IngestError]:
    return list(iter_sources([str(i) for i in inputs], **options))


def texts(items) -> list[Source]:
    return [item for item in items if isinstance(item, Source)]


def errors(items) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def doc(docno: str, text: str = ARABIC_2, title: str = "عنوان الخبر", **extra: str) -> str:
    fields = "".join(f"<{tag}>{value}</{tag}>\n" for tag, value in extra.items())
    return (f"<DOC>\n<DOCNO>{docno}</DOCNO>\n<TITLE>{title}</TITLE>\n{fields}"
            f"<TEXT>\n{text}</TEXT>\n</DOC>\n")


# --------------------------------------------------------------------------- IngestError and path lists


def test_ingest_error_is_one_line_naming_the_input_and_pickles():
    error = IngestError("news/a.txt", "empty file")
    assert (error.path, error.reason, str(error)) == ("news/a.txt", "empty file", "news/a.txt: empty file")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy)) == (error.path, error.reason, str(error))


def test_read_path_list_skips_blanks_and_comments():
    stream = io.StringIO("\ufeffa.txt\n\n  # a comment\n  b c.txt  \r\n#x.txt\n./#hash.txt\n-\n")
    assert list(read_path_list(stream)) == ["a.txt", "b c.txt", "./#hash.txt", "-"]


def test_inputs_must_be_a_sequence_and_limit_positive(tmp_path):
    with pytest.raises(TypeError):
        iter_sources(str(tmp_path))
    with pytest.raises(ValueError):
        iter_sources([str(tmp_path)], max_bytes=0)


# --------------------------------------------------------------------------- INDEX.md


def test_parse_index_links_bullets_tables_and_prose():
    index = """# Articles of March

Collected by hand from [BBC Arabic](https://www.bbc.com/arabic); see [notes](#notes).
![logo](logo.png)

- [تيلرسون في أنقرة](01.txt)
- 02.txt — وزير الدفاع الأمريكي
* `with space.txt` — Third title
+ sub/04.sgml.gz
1. 05.txt
- Notes on the collection.
- v1.2
- e.g.

| path | title | source |
|------|-------|--------|
| 06.txt | Six | BBC |
| [Seven](07.txt) | | CNN \\| Arabic |
| 08.txt | | |

```
- 99.txt
```
"""
    assert parse_index(index) == [
        IndexEntry("01.txt", "تيلرسون في أنقرة"),
        IndexEntry("02.txt", "وزير الدفاع الأمريكي"),
        IndexEntry("with space.txt", "Third title"),
        IndexEntry("sub/04.sgml.gz"),
        IndexEntry("05.txt"),
        IndexEntry("06.txt", "Six", "BBC"),
        IndexEntry("07.txt", "Seven", "CNN | Arabic"),
        IndexEntry("08.txt"),
    ]


def test_parse_index_titles_keep_their_quotes_and_lose_emphasis():
    index = '- a.txt — "غدوة حي" يعرض\n- b.txt — **عاجل**\n| path | title |\n|---|---|\n| c.txt | `"x" y` |\n'
    assert [e.title for e in parse_index(index)] == ['"غدوة حي" يعرض', "عاجل", '"x" y']


def test_parse_index_tables_by_header_name_or_position():
    named = "| المصدر | العنوان | الملف |\n|---|---|---|\n| الجزيرة | عنوان | a.txt |\n"
    assert parse_index(named) == [IndexEntry("a.txt", "عنوان", "الجزيرة")]
    positional = "| # | what | where |\n|:-:|---|---|\n| a.txt | A | X |\n| Total | 1 | |\n"
    assert parse_index(positional) == [IndexEntry("a.txt", "A", "X")]


def test_parse_index_link_forms():
    index = "[a](<my file.txt>) [b](b.txt \"tooltip\") [c](dir/c(1).txt) [d](mailto:x@y.z) [e](C:\\x.txt)"
    assert [entry.path for entry in parse_index(index)] == ["my file.txt", "b.txt", "dir/c(1).txt", "C:\\x.txt"]


def test_index_links_give_order_titles_and_only_listed_files(tmp_path):
    folder = tmp_path / "news"
    write(folder / "01.txt", ARABIC)
    write(folder / "02.txt", ARABIC_2)
    write(folder / "unlisted.txt", "لا ينبغي قراءة هذا الملف")
    write(folder / "INDEX.md", "# Index\n\nRead these:\n\n- [الثاني](02.txt)\n- [الأول](01.txt)\n")
    items = run(folder)
    assert [(s.path, s.title, s.text) for s in items] == [
        (str(folder / "02.txt"), "الثاني", ARABIC_2),
        (str(folder / "01.txt"), "الأول", ARABIC),
    ]


def test_index_bullets_and_table_source_becomes_outlet(tmp_path):
    folder = tmp_path / "news"
    write(folder / "a.txt", ARABIC)
    write(folder / "sub" / "b.txt", ARABIC_2)
    write(folder / "c.txt", ARABIC)
    write(folder / "INDEX.md", "- a.txt — خبر أ\n\n| file | title | source |\n|---|---|---|\n"
                               "| sub/b.txt | خبر ب | BBC Arabic |\n| sub/../c.txt | | |\n")
    a, b, c = run(folder)
    assert (a.title, a.metadata) == ("خبر أ", {})
    assert (b.path, b.title, b.metadata) == (str(folder / "sub" / "b.txt"), "خبر ب", {"outlet": "BBC Arabic"})
    assert (c.path, c.title) == (str(folder / "c.txt"), None)


def test_index_percent_encoded_link_target(tmp_path):
    write(tmp_path / "my file.txt", ARABIC)
    write(tmp_path / "INDEX.md", "[t](my%20file.txt)\n")
    [source] = run(tmp_path)
    assert source.text == ARABIC


def test_index_names_are_never_expanded(tmp_path):
    write(tmp_path / "~notes.txt", ARABIC)
    write(tmp_path / "~" / "x.txt", ARABIC_2)
    write(tmp_path / "INDEX.md", "- ~notes.txt\n- ~/x.txt\n")
    assert [s.text for s in run(tmp_path)] == [ARABIC, ARABIC_2]


def test_index_entries_escaping_the_folder_are_refused(tmp_path):
    secret = write(tmp_path / "secret.txt", "سر لا يجب أن يقرأ")
    folder = tmp_path / "news"
    write(folder / "ok.txt", ARABIC)
    (folder / "link.txt").symlink_to(secret)
    (folder / "linkdir").symlink_to(tmp_path, target_is_directory=True)
    write(folder / "INDEX.md", f"- ../secret.txt\n- {secret}\n- [x](link.txt)\n- linkdir/secret.txt\n"
                               "- sub/../../secret.txt\n- ok.txt\n")
    items = run(folder)
    assert [s.path for s in texts(items)] == [str(folder / "ok.txt")]
    problems = errors(items)
    assert len(problems) == 5
    assert all(e.path == str(folder / "INDEX.md") and e.reason.endswith("refused") for e in problems)
    assert "'..'" in problems[0].reason and "absolute" in problems[1].reason
    assert "symbolic link" in problems[2].reason and "symbolic link" in problems[3].reason
    assert all("سر" not in s.text for s in texts(items))


def test_index_missing_entry_is_an_error_and_the_rest_still_come(tmp_path):
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "INDEX.md", "- missing.txt\n- a.txt\n")
    missing, source = run(tmp_path)
    assert isinstance(missing, IngestError)
    assert missing.path == str(tmp_path / "missing.txt")
    assert "listed in INDEX.md" in missing.reason and "no such file" in missing.reason
    assert source.text == ARABIC


def test_index_reads_each_file_once_and_never_itself(tmp_path):
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "b.txt", ARABIC_2)
    (tmp_path / "link.txt").symlink_to("a.txt")
    write(tmp_path / "INDEX.md", "- [الأول](a.txt)\n- INDEX.md\n- b.txt\n- [مرة ثانية](./a.txt)\n- link.txt\n"
                                 "- [الفهرس](INDEX.md)\n- b.txt\n")
    items = run(tmp_path)
    assert [(item.path, item.title) for item in items] == [(str(tmp_path / "a.txt"), "الأول"),
                                                           (str(tmp_path / "b.txt"), None)]
    assert [item.path for item in list_inputs([str(tmp_path)])] == [item.path for item in items]


def test_index_listing_nothing_is_an_error(tmp_path):
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "INDEX.md", "# Nothing here yet\n\nJust prose.\n")
    [error] = run(tmp_path)
    assert isinstance(error, IngestError) and "lists no files" in error.reason


def test_index_entry_naming_an_archive_or_a_folder(tmp_path):
    write(tmp_path / "arch.sgml", doc("D1", SRC="BBC") + doc("D2", SRC=""))
    write(tmp_path / "sub" / "x.txt", ARABIC)
    write(tmp_path / "INDEX.md", "| path | title | source |\n|---|---|---|\n| arch.sgml | ignored | Outlet |\n"
                                 "| sub | | |\n")
    d1, d2, x = run(tmp_path)
    assert d1.path == f"{tmp_path / 'arch.sgml'}#D1" and d1.title == "عنوان الخبر"
    assert (d1.metadata["outlet"], d2.metadata["outlet"]) == ("BBC", "Outlet")  # the archive's own SRC first
    assert x.path == str(tmp_path / "sub" / "x.txt")


# --------------------------------------------------------------------------- folders without an index, files, stdin


def test_folder_without_index_txt_and_archives_recursively_sorted(tmp_path):
    write(tmp_path / "b.txt", ARABIC_2)
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "notes.md", "# not an article")
    write(tmp_path / "sub" / "nested.txt", ARABIC)  # *.txt only at the top
    write(tmp_path / "sub" / "x.sgml", doc("X1"))
    write(tmp_path / "sub" / "deep" / "y.sgml.gz", gzip.compress(doc("Y1").encode()))
    write(tmp_path / ".hidden" / "z.sgml", doc("Z1"))
    paths = [s.path for s in run(tmp_path)]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                     f"{tmp_path / 'sub' / 'deep' / 'y.sgml.gz'}#Y1", f"{tmp_path / 'sub' / 'x.sgml'}#X1"]


@pytest.mark.parametrize("pattern", ["**/*.html", "*.html", "sub/**/*.html"])
def test_glob_pattern_adds_files(tmp_path, pattern):
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "sub" / "deep" / "p.html", ARABIC_2)
    write(tmp_path / "sub" / "q.htm", ARABIC_2)
    paths = [s.path for s in run(tmp_path, pattern=pattern)]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "deep" / "p.html")]


def test_glob_pattern_is_ignored_when_there_is_an_index(tmp_path):
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "b.html", ARABIC)
    write(tmp_path / "INDEX.md", "- a.txt\n")
    assert [s.path for s in run(tmp_path, pattern="*.html")] == [str(tmp_path / "a.txt")]


def test_folder_with_nothing_to_read_is_an_error(tmp_path):
    write(tmp_path / "readme.md", "nothing")
    [error] = run(tmp_path)
    assert isinstance(error, IngestError) and error.path == str(tmp_path)


def test_symlink_loops_do_not_hang_and_files_come_once(tmp_path):
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "sub" / "x.sgml", doc("X1"))
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "l1.txt").symlink_to(tmp_path / "l2.txt")
    (tmp_path / "l2.txt").symlink_to(tmp_path / "l1.txt")
    started = time.monotonic()
    items = run(tmp_path)
    assert time.monotonic() - started < 5
    assert [s.path for s in texts(items)] == [str(tmp_path / "a.txt"), f"{tmp_path / 'sub' / 'x.sgml'}#X1"]
    assert [(e.path, e.reason) for e in errors(items)] == [(str(tmp_path / "l1.txt"), "broken symbolic link"),
                                                           (str(tmp_path / "l2.txt"), "broken symbolic link")]
    assert run(tmp_path / "l1.txt")[0].reason == "too many levels of symbolic links"


def test_single_file_keeps_the_path_as_given(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", ARABIC)
    monkeypatch.chdir(tmp_path)
    [source] = list(iter_sources(["a.txt"]))
    assert (source.path, source.text, source.encoding, source.title, source.warnings) == \
        ("a.txt", ARABIC, "utf-8", None, ())


def test_missing_input_is_an_error_and_order_is_kept(tmp_path):
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "b.txt", ARABIC_2)
    first, missing, last = run(tmp_path / "a.txt", tmp_path / "nope.txt", tmp_path / "b.txt")
    assert isinstance(missing, IngestError)
    assert str(missing) == f"{tmp_path / 'nope.txt'}: no such file or directory"
    assert (first.text, last.text) == (ARABIC, ARABIC_2)


def test_devices_and_pipes_are_read_with_a_bound():
    [error] = run("/dev/null")
    assert error.reason == "empty file"
    if os.path.exists("/dev/zero"):
        [error] = run("/dev/zero", max_bytes=10_000)
        assert "max-bytes limit" in error.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_an_error(tmp_path):
    path = write(tmp_path / "a.txt", ARABIC)
    path.chmod(0)
    try:
        [error] = run(path)
        assert isinstance(error, IngestError) and "permission denied" in error.reason
    finally:
        path.chmod(0o644)


def test_stdin_is_read_for_dash_once():
    stdin = io.BytesIO(ARABIC.encode("cp1256"))
    source, again = list(iter_sources(["-", "-"], stdin=stdin))
    assert (source.path, source.text, source.encoding) == ("<stdin>", ARABIC, "cp1256")
    assert isinstance(again, IngestError) and again.path == "<stdin>"


def test_stdin_archive_plain_and_gzip():
    archive = (doc("A1") + doc("A2")).encode()
    for data in (archive, gzip.compress(archive)):
        items = list(iter_sources(["-"], stdin=io.BytesIO(data)))
        assert [s.path for s in items] == ["<stdin>#A1", "<stdin>#A2"]


def test_stdin_gzipped_article():
    [source] = list(iter_sources(["-"], stdin=io.BytesIO(gzip.compress(ARABIC.encode("cp1256")))))
    assert (source.path, source.text, source.encoding) == ("<stdin>", ARABIC, "cp1256")


def test_stdin_text_wrapper_is_read_as_bytes():
    stdin = io.TextIOWrapper(io.BytesIO(ARABIC.encode()), encoding="utf-8")
    [source] = list(iter_sources(["-"], stdin=stdin))
    assert source.text == ARABIC


def test_stdin_over_the_limit():
    [error] = list(iter_sources(["-"], stdin=io.BytesIO(b"x" * 5000), max_bytes=4000))
    assert isinstance(error, IngestError) and "max-bytes limit" in error.reason


# --------------------------------------------------------------------------- decoding


def test_utf8_with_and_without_bom():
    assert decode_bytes(ARABIC.encode(), "a") == (ARABIC, "utf-8", ())
    assert decode_bytes(b"\xef\xbb\xbf" + ARABIC.encode(), "a") == (ARABIC, "utf-8-sig", ())


def test_line_ends_are_kept_so_offsets_hold():
    data = ARABIC.replace("\n", "\r\n").encode()
    assert decode_bytes(data, "a")[0] == ARABIC.replace("\n", "\r\n")


def test_cp1256_is_detected_with_a_warning(tmp_path):
    path = write(tmp_path / "legacy.txt", ARABIC.encode("cp1256"))
    [source] = run(path)
    assert (source.text, source.encoding, source.warnings) == (ARABIC, "cp1256", ("decoded as cp1256 (not UTF-8)",))


def test_short_cp1256_and_other_legacy_text():
    short = "مرحبا بكم"
    assert decode_bytes(short.encode("cp1256"), "a") == (short, "cp1256", ("decoded as cp1256 (not UTF-8)",))
    french = "Le président a déclaré mercredi que l'économie reprendra après la crise."
    assert decode_bytes(french.encode("cp1252"), "a") == (french, "cp1252", ("decoded as cp1252 (not UTF-8)",))


def test_iso_8859_6_is_not_mistaken_for_cp1256():
    text, encoding, warnings = decode_bytes(ARABIC.replace("«", '"').replace("»", '"').encode("iso8859-6"), "a")
    assert (encoding, warnings) == ("iso8859-6", ("decoded as iso8859-6 (not UTF-8)",))
    assert text == ARABIC.replace("«", '"').replace("»", '"')


@pytest.mark.parametrize("codec,expected", [
    ("utf-16", "utf-16-le"),  # BOM, little-endian on every platform we run on
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
    ("utf-32", "utf-32-le"),
])
def test_utf16_with_and_without_bom(codec, expected):
    text, encoding, warnings = decode_bytes(ARABIC.encode(codec), "a")
    assert (text, encoding, warnings) == (ARABIC, expected, ())


def test_utf16_bom_big_endian_and_arabic_without_any_ascii():
    assert decode_bytes(b"\xfe\xff" + ARABIC.encode("utf-16-be"), "a") == (ARABIC, "utf-16-be", ())
    assert decode_bytes("مرحبابكمجميعا".encode("utf-16-le"), "a") == ("مرحبابكمجميعا", "utf-16-le", ())
    few_spaces = "الاجتماعسيعقديومالأحدفيالعاصمة" * 4 + " نعم"  # a NUL or two, far fewer than 0x06 bytes
    assert decode_bytes(few_spaces.encode("utf-16-be"), "a") == (few_spaces, "utf-16-be", ())


def test_utf8_cut_in_the_middle_of_a_character_is_still_utf8():
    data = ARABIC.encode() + "ب".encode()[:1]
    text, encoding, warnings = decode_bytes(data, "a")
    assert (text, encoding) == (ARABIC + "\ufffd", "utf-8")
    assert warnings == ("1 invalid UTF-8 byte sequence(s) replaced with U+FFFD",)


def test_half_utf8_half_cp1256_is_decoded_line_by_line_with_a_warning(tmp_path):
    path = write(tmp_path / "mixed.txt", ARABIC.encode() + ARABIC_2.encode("cp1256") + ARABIC.encode())
    [source] = run(path)
    assert (source.text, source.encoding) == (ARABIC + ARABIC_2 + ARABIC, "utf-8+cp1256")
    assert source.warnings == ("mixed encoding: 4 line(s) read as UTF-8, 1 as cp1256",)
    cut = ARABIC_2.encode()[:-5] + b"\n"  # a UTF-8 line cut in a character stays UTF-8
    text, encoding, warnings = decode_bytes(cut + ARABIC_2.encode("cp1256"), "a")
    assert (text, encoding) == (ARABIC_2[:-4] + "\ufffd\n" + ARABIC_2, "utf-8+cp1256")
    assert warnings == ("mixed encoding: 1 line(s) read as UTF-8, 1 as cp1256",
                        "1 invalid UTF-8 byte sequence(s) replaced with U+FFFD")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf", b"\xff\xfe", "  \n".encode("utf-16")])
def test_empty_and_whitespace_only(data, tmp_path):
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, "a.txt")
    assert str(caught.value) == "a.txt: empty file"
    [error] = run(write(tmp_path / "e.txt", data))
    assert error.reason == "empty file"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
    ARABIC.encode() + b"\x00" + ARABIC.encode(),  # a NUL in a UTF-8 file
    random.Random(7).randbytes(4000),
    ARABIC.encode() + random.Random(8).randbytes(4000),  # UTF-8 text, then bytes that are no cp1256 text
    b"\x01\x02\x03\x04\x05\x06\x07\x08 abc \x0e\x0f\x10\x11\x12\x13",
    b"\xff\xfe\x00\xd8",  # a UTF-16 BOM and a lone surrogate
])
def test_binary_is_refused(data):
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, "b.bin")
    assert caught.value.reason.startswith("binary file, not text")


def test_size_limit_is_checked_before_reading(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: 8 GiB on paper, nothing on disk; reading it would not finish
        handle.truncate(8 * 1024**3)
    started = time.monotonic()
    [error] = run(huge)
    assert time.monotonic() - started < 2
    assert error.reason == ("file is 8.0 GiB (8589934592 bytes), over the 4.0 MiB limit; "
                            "raise the max-bytes limit to read it")


def test_size_limit_boundary(tmp_path):
    path = write(tmp_path / "a.txt", "x" * 100)
    assert isinstance(run(path, max_bytes=100)[0], Source)
    [error] = run(path, max_bytes=99)
    assert error.reason == ("file is 100 bytes (100 bytes), over the 99 bytes limit; "
                            "raise the max-bytes limit to read it")
    assert DEFAULT_MAX_BYTES == 4 * 1024 * 1024  # what one worker's memory holds (issue 21, item 8)


def test_gzipped_plain_article(tmp_path):
    path = write(tmp_path / "a.txt.gz", gzip.compress(ARABIC.encode()))
    [source] = run(path)
    assert (source.path, source.text) == (str(path), ARABIC)
    [error] = run(path, max_bytes=10)
    assert "max-bytes limit" in error.reason


# --------------------------------------------------------------------------- SGML archives

GIGAWORD = """<DOC id="AFA_ARB_20000101.0001" type="story" >
<HEADLINE>
الرئيس &amp; الحكومة
</HEADLINE>
<DATELINE>
القاهرة 1-1 (اف ب) -
</DATELINE>
<TEXT>
<P>
أعلن الرئيس اليوم
عن خطة جديدة.
</P>
<P>
وقال &quot;سنبدأ غدا&quot; &lt;حسب البيان&gt;.
</P>
</TEXT>
</DOC>
"""

ANT = """<DOC>
<DOCNO>BB-culture-1-20180218</DOCNO>
<URL>http://www.bbc.co.uk/arabic/x?a=1&utm_medium=x&amp;b=2</URL>
<SRC>BBC</SRC>
<CAT>culture</CAT>
<TITLE>وفاة نجم "فاست & فوريووس"</TITLE>
<TIME>Sun, 18 Feb 2018 17:21:49 GMT</TIME>
<AUTHOR></AUTHOR>
<ABSTRACT>
ملخص الخبر.
</ABSTRACT>
<TEXT>
السطر الأول &amp; الثاني.
< الترتيب النهائي: 1 ـ رياض محرز &notanentity
</TEXT>
</DOC>
"""


def test_sgml_trec_fields_and_metadata(tmp_path):
    path = write(tmp_path / "bbc.sgml", ANT)
    [source] = run(path)
    assert source.path == f"{path}#BB-culture-1-20180218"
    assert source.title == 'وفاة نجم "فاست & فوريووس"'
    assert source.text == "السطر الأول & الثاني.\n< الترتيب النهائي: 1 ـ رياض محرز &notanentity"
    assert source.metadata == {
        "docno": "BB-culture-1-20180218", "url": "http://www.bbc.co.uk/arabic/x?a=1&utm_medium=x&b=2",
        "date": "Sun, 18 Feb 2018 17:21:49 GMT", "outlet": "BBC", "category": "culture",
        "abstract": "ملخص الخبر.",
    }
    assert (source.encoding, source.warnings) == ("utf-8", ())


def test_sgml_gigaword_paragraphs_and_doc_id(tmp_path):
    path = write(tmp_path / "afa.sgml.gz", gzip.compress(GIGAWORD.encode()))
    [source] = run(path)
    assert source.path == f"{path}#AFA_ARB_20000101.0001"
    assert source.title == "الرئيس & الحكومة"
    assert source.text == 'أعلن الرئيس اليوم عن خطة جديدة.\nوقال "سنبدأ غدا" <حسب البيان>.'
    assert source.metadata == {"docno": "AFA_ARB_20000101.0001", "dateline": "القاهرة 1-1 (اف ب) -",
                               "type": "story"}


def test_sgml_html_tags_in_text_are_dropped_with_a_warning_and_the_text_kept(tmp_path):
    body = ("قال الوزير إن الاجتماع كان مثمرا.\n<p>وأضاف أن المحادثات ستستمر.</p>"
            "<b>غدا</b> في <a href=\"x\">القاهرة</a><br/>سيعقد &lt;مؤتمر&gt;<!-- note -->"
            "<script>var x = 1;</script><div>صحفي</div>\n")
    [source] = run(write(tmp_path / "html.sgml", doc("H1", body)))
    assert source.text == ("قال الوزير إن الاجتماع كان مثمرا.\nوأضاف أن المحادثات ستستمر.\n"
                           "غدا في القاهرة\nسيعقد <مؤتمر>\nصحفي")
    assert source.warnings == ("HTML tags in <TEXT> removed",)


def test_sgml_detected_by_content_and_on_one_line(tmp_path):
    path = write(tmp_path / "dump.txt", "\n  <DOC><DOCNO>1</DOCNO><TEXT>نص أول</TEXT></DOC><DOC><DOCNO>2</DOCNO>"
                                        "<TEXT>نص ثان</TEXT></DOC>")
    assert [(s.path, s.text) for s in run(path)] == [(f"{path}#1", "نص أول"), (f"{path}#2", "نص ثان")]


def test_sgml_cp1256_document_decodes_with_a_warning(tmp_path):
    path = write(tmp_path / "old.sgml", doc("OLD", ARABIC).encode("cp1256"))
    [source] = run(path)
    assert (source.text, source.encoding, source.warnings) == \
        (ARABIC.strip(), "cp1256", ("decoded as cp1256 (not UTF-8)",))


def test_malformed_sgml_documents_are_errors_and_the_rest_still_come(tmp_path):
    archive = ("garbage before\n" + doc("OK1")
               + "<DOC>\n<DOCNO>UNCLOSED</DOCNO>\n<TEXT>\nنص</TEXT>\n"  # no </DOC>: the next <DOC> starts
               + "<DOC>\n<DOCNO>NOTEXT</DOCNO>\n<TITLE>بلا نص</TITLE>\n</DOC>\n"
               + "<DOC>\n<TEXT>\nبلا رقم\n</TEXT>\n</DOC>\n"
               + "<DOC>\n<DOCNO>EMPTY</DOCNO>\n<TEXT>\n  \n</TEXT>\n</DOC>\n"
               + doc("OK2")
               + "<DOC>\n<DOCNO>CUT</DOCNO>\n<TEXT>\nنص مقطوع")
    path = write(tmp_path / "bad.sgml", archive)
    items = run(path)
    summary = [(item.path.split("#")[1], getattr(item, "reason", "ok")) for item in items]
    assert summary == [
        ("OK1", "ok"),
        ("UNCLOSED", "unclosed <DOC> (a new <DOC> starts before </DOC>)"),
        ("NOTEXT", "no <TEXT>…</TEXT> in this document"),
        ("doc-4", "ok"),
        ("EMPTY", "empty <TEXT>"),
        ("OK2", "ok"),
        ("CUT", "unclosed <DOC> at the end of the file"),
    ]


def test_sgml_repeated_docnos_get_paths_of_their_own(tmp_path):
    archive = doc("A") + doc("A", ARABIC) + doc("A~2") + doc("A") + "<DOC>\n<DOCNO>A</DOCNO>\n</DOC>\n" + doc("B")
    path = write(tmp_path / "dup.sgml", archive)
    items = run(path)
    assert [item.path.split("#")[1] for item in items] == ["A", "A~2", "A~2~2", "A~3", "A~4", "B"]
    assert isinstance(items[4], IngestError) and items[1].text == ARABIC.strip()


def test_sgml_file_without_documents(tmp_path):
    [error] = run(write(tmp_path / "x.sgml", "<HTML>not an archive</HTML>"))
    assert isinstance(error, IngestError) and "no <DOC>" in error.reason


def test_truncated_gzip_yields_what_it_can_then_an_error(tmp_path):
    data = gzip.compress("".join(doc(f"D{i}", ARABIC * 5) for i in range(400)).encode())
    path = write(tmp_path / "cut.sgml.gz", data[: len(data) * 2 // 3])
    items = run(path)
    good, [error] = texts(items), errors(items)
    assert 100 < len(good) < 400 and items[-1] is error
    assert [s.path for s in good] == [f"{path}#D{i}" for i in range(len(good))]
    assert error.path == str(path) and "truncated gzip" in error.reason
    assert f"{len(good)} document(s) read before it" in error.reason


def test_corrupt_gzip_is_an_error(tmp_path):
    data = bytearray(gzip.compress(("".join(doc(f"D{i}") for i in range(50))).encode()))
    data[40:60] = b"\xff" * 20
    items = run(write(tmp_path / "bad.sgml.gz", bytes(data)))
    assert isinstance(items[-1], IngestError) and "gzip" in items[-1].reason


def test_multi_member_gzip_and_padding(tmp_path):
    data = gzip.compress(doc("A").encode()) + gzip.compress(doc("B").encode()) + b"\x00" * 512
    assert [s.path.split("#")[1] for s in run(write(tmp_path / "m.sgml.gz", data))] == ["A", "B"]


def test_size_limit_applies_per_document_in_archives(tmp_path):
    archive = doc("SMALL1") + doc("BIG", ARABIC * 2000) + doc("SMALL2")
    path = write(tmp_path / "a.sgml.gz", gzip.compress(archive.encode()))
    assert os.path.getsize(path) < 100_000 < len(archive.encode())
    items = run(path, max_bytes=100_000)
    assert [item.path.split("#")[1] for item in items] == ["SMALL1", "BIG", "SMALL2"]
    big = items[1]
    assert isinstance(big, IngestError) and big.reason.startswith("document is ") and "max-bytes limit" in big.reason
    # the archive itself may be larger than the limit
    assert len(texts(run(path, max_bytes=50_000))) == 2


def test_archives_are_streamed_not_loaded():
    class Counting(io.BytesIO):
        consumed = 0

        def read(self, size=-1):
            data = super().read(size)
            Counting.consumed += len(data)
            return data

    archive = gzip.compress("".join(doc(f"D{i}", ARABIC * 10) for i in range(3000)).encode())
    stream = Counting(archive)
    items = iter_sources(["-"], stdin=stream)
    first = next(items)
    assert first.path == "<stdin>#D0"
    assert Counting.consumed < len(archive) // 4
    assert sum(1 for _ in items) == 2999


# --------------------------------------------------------------------------- inputs are never modified


def test_ingest_never_modifies_its_inputs(tmp_path):
    write(tmp_path / "a.txt", ARABIC)
    write(tmp_path / "b.txt", ARABIC.encode("cp1256"))
    write(tmp_path / "c.txt", ARABIC.encode("utf-16"))
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "bin.txt", b"\x00\x01" * 100)
    write(tmp_path / "x.sgml", ANT + GIGAWORD)
    write(tmp_path / "sub" / "y.sgml.gz", gzip.compress((ANT + "<DOC><DOCNO>cut").encode())[:-10])
    write(tmp_path / "idx" / "INDEX.md", "- [a](a.txt)\n- ../a.txt\n- nope.txt\n")
    write(tmp_path / "idx" / "a.txt", ARABIC)

    def snapshot():
        return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns, p.stat().st_mode)
                for p in sorted(tmp_path.rglob("*")) if p.is_file()}

    before = snapshot()
    items = run(tmp_path, tmp_path / "idx", tmp_path / "x.sgml", pattern="**/*")
    assert texts(items) and errors(items)
    assert snapshot() == before


# --------------------------------------------------------------------------- real data, when ../shared is there


def test_real_corpus_archive_parses():
    corpus = SHARED / "data" / "corpus"
    archives = sorted(corpus.glob("*/*.sgml.gz"), key=lambda path: -path.stat().st_size) if corpus.is_dir() else []
    if not archives:
        pytest.skip(f"{corpus} not present: the ANT corpus lives beside the repo in CI and on dev machines")
    first = list(itertools.islice(iter_sources([str(archives[0])]), 200))  # the largest archive
    assert len(first) == 200
    assert all(isinstance(s, Source) for s in first), [str(e) for e in errors(first)]
    for source in first:
        assert source.path == f"{archives[0]}#{source.metadata['docno']}"
        assert source.title and source.text.strip() and source.encoding == "utf-8"
        assert "<TEXT>" not in source.text and "</" not in source.text
    assert len({s.metadata["docno"] for s in first}) == 200


def test_real_dev_articles_and_seed_decode_as_utf8():
    folders = [SHARED / "data" / "news-dev", SHARED / "seeds"]
    if not all(folder.is_dir() for folder in folders):
        pytest.skip(f"{SHARED} not present: the dev articles live beside the repo in CI and on dev machines")
    items = run(*folders)
    assert len(items) >= 13 and not errors(items)
    assert {s.encoding for s in items} == {"utf-8"}


def test_very_deep_folders(tmp_path):
    levels = [tmp_path]
    for _ in range(1200):  # deeper than Python's recursion limit (made level by level: mkdir -p recurses)
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    archive = levels[-1] / "x.sgml"
    archive.write_text(doc("DEEP"), encoding="utf-8")
    try:
        [source] = run(tmp_path)
        assert source.path == f"{archive}#DEEP"
    finally:  # bottom up, since shutil.rmtree (and so pytest's clean-up) recurses too
        archive.unlink()
        for level in reversed(levels[1:]):
            level.rmdir()


def test_index_names_in_another_unicode_normal_form(tmp_path):
    import unicodedata

    name = "أخبار.txt"  # the hamza decomposes in NFD, as macOS writes file names
    write(tmp_path / unicodedata.normalize("NFD", name), ARABIC)
    write(tmp_path / "INDEX.md", f"- {unicodedata.normalize('NFC', name)}\n")
    [source] = run(tmp_path)
    assert source.text == ARABIC


def test_a_range_of_an_archive_numbers_repeated_docnos_as_the_whole_archive_does():
    """A cluster task that starts mid-archive names a repeated DOCNO as a local run does (#A~2)."""
    from newsan.ingest.sgml import read_sgml

    archive = b"".join(b"<DOC>\n<DOCNO>A</DOCNO>\n<TEXT>\n%s\n</TEXT>\n</DOC>\n" % word.encode()
                       for word in ("one", "two", "three"))
    whole = [s.path for s in read_sgml("x.sgml", iter([archive]), 1 << 20, None)]
    tail = [s.path for s in read_sgml("x.sgml", iter([archive]), 1 << 20, None, first=1)]
    assert whole == ["x.sgml#A", "x.sgml#A~2", "x.sgml#A~3"] and tail == whole[1:]
