"""Fuzzing the whole pipeline and the command: any input ends in an analysis or one error line for it.

Never a traceback, never a hang, never a lost article, never a modified input. Deterministic and quick by
default (under a minute for the file); NEWSAN_FUZZ_EXAMPLES=5000 explores with fresh seeds.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import time
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsan.analysis.pipeline import Options, analyze_source
from newsan.analysis.segment import segment
from newsan.arabic.tokenize import split_sentences
from newsan.cli import main
from newsan.lexicons import load_lexicons
from newsan.model import Source
from newsan.output.schema import article_to_dict
from newsan.output.writers import make_writer

_EXPLORE = os.environ.get("NEWSAN_FUZZ_EXAMPLES")


def fuzz(examples: int):
    return settings(max_examples=int(_EXPLORE or examples), deadline=None, derandomize=not _EXPLORE, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


OPTIONS = Options(ner="rules")
DEFAULT = Options()  # --ner auto: the ensemble if its files are present, else builtin, else rules
ARABIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
PIECES = [
    # words and phrases that take the pipeline down its branches: markers, triggers, cues, datelines
    "قال", "الرئيس", "وزير", "وزارة الخارجية", "فلاديمير بوتين", "بوتين", "القاهرة", "واشنطن- ", "(أ ف ب)",
    "اقرأ أيضا:", "اقرأ أيضاً", "المصدر:", "كلمات مفتاحية:", "الكلمات الدالة", "شارك", "حمل تطبيق", "د.", "أ.",
    # punctuation that ends, opens and closes things
    ".", "!", "?", "؟", "…", "،", "؛", ":", "-", "–", "—", "«", "»", "“", "”", "„", "‹", "›", '"', "'", "(", ")",
    # white space of every kind, line ends included
    " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85",
    # invisible and combining marks: RTL/LTR marks, isolates, ZWJ/ZWNJ, BOM, harakat, shadda, tatweel
    "\u200f", "\u200e", "\u061c", "\u2067", "\u2069", "\u202b", "\u202c", "\u200d", "\u200c", "\ufeff",
    "\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0654", "\u0301", "\u0640",
    # digits, Latin, emoji with modifiers and joiners, flags, keycaps, presentation forms, NUL, controls
    "3.5", "٢٠١٨", "2018", "abc", "U.S.", "😀", "👍🏽", "👨\u200d👩\u200d👧", "🇪🇬", "1\ufe0f\u20e3", "ﷺ", "ﻻ", "ﮖ",
    "\x00", "\x07", "\x7f", "\ufffd", "http://x.y/z?a=1&b=2", "#وسم", "@حساب",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=ARABIC, min_size=1, max_size=7),
                          st.text(max_size=4)), max_size=80).map("".join)


def check_article(text: str, article) -> None:
    for entity in article.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    for section in article.sections:
        assert 0 <= section.start <= section.end <= len(text) and text[section.start:section.end] == section.text
    for sentence in article.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start:token.end] == token.text
    for speaker in article.speakers:
        for quote in speaker.quotes:
            assert 0 <= quote.start <= quote.end <= len(text)
    for related in article.related_articles:
        check_article(text, related)


@fuzz(400)
@given(TEXT)
@example("")
@example("\n\n\n")
@example("\u200f\u200e\ufeff")
@example("اقرأ أيضا:\nاقرأ أيضا:\n")
@example("«" * 50 + "»" * 3)
@example("د. " * 30)
@example("الرئيس")
@example("وزارة")
def test_pipeline_never_fails_and_offsets_stay_true(text):
    article = analyze_source(Source("fuzz", text), OPTIONS)
    check_article(text, article)
    article = analyze_source(Source("fuzz", text), DEFAULT)  # the built-in model, when this installation has it
    check_article(text, article)
    data = article_to_dict(article, tokens=True)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    for fmt in ("json", "jsonl", "yaml", "rich"):
        stream = io.StringIO()
        writer = make_writer(fmt, stream, color=False)
        writer.write(data)
        writer.close()
        if fmt == "yaml":
            assert yaml.safe_load(stream.getvalue())["articles"][0]["stats"] == data["stats"]


@fuzz(150)
@given(st.text(max_size=300))
def test_pipeline_on_any_unicode(text):
    check_article(text, analyze_source(Source("fuzz", text), OPTIONS))
    check_article(text, analyze_source(Source("fuzz", text), DEFAULT))


# --------------------------------------------------------------------------- through the command


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, ["analyze", "--ner", "rules", "-j", "1", "-f", "jsonl", *args], **kwargs)


def check_outcome(result, names: list[str]) -> list[dict]:
    """Exit 0 or 1; every stdout line an article; every error line names one of `names`, on one line."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.stderr
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsan: error:")]
    assert (result.exit_code == 1) == bool(errors)
    for line in errors:
        assert any(name in line for name in names), line
    return articles


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "utf-32"]


def encoded(text: str, codec: str, cut: int) -> bytes:
    data = text.encode(codec, errors="replace" if codec == "cp1256" else "surrogatepass")
    return data[:max(0, len(data) - cut)]  # cut > 0: truncated in the middle of a character, maybe


@fuzz(120)
@given(st.one_of(st.binary(max_size=2000),
                 st.builds(encoded, TEXT, st.sampled_from(ENCODINGS), st.sampled_from([0, 0, 1, 2, 3]))))
@example(b"")
@example(b"\x00" * 100)
@example("القاهرة- قال الرئيس".encode("utf-16-le"))
@example("القاهرة- قال الرئيس".encode()[:-1])
@example(b"\x1f\x8b\x08\x00")  # the start of a gzip stream, nothing else
@example("ÀÀ\u00a0\u2028ÀÀ\u00a0".encode())  # found by this test: a raw U+2028 split a JSON Lines record
def test_any_file_through_the_command(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "page.txt").write_bytes(data)
    before = digest(folder)
    result = run(str(folder / "page.txt"))
    articles = check_outcome(result, ["page.txt"])
    assert len(articles) + (result.exit_code == 1) == 1  # an article, or an error naming it: nothing lost
    assert digest(folder) == before


DOC = ("<DOC>\n<DOCNO>D{0}</DOCNO>\n<TITLE>عنوان {0}</TITLE>\n"
       "<TEXT>\nالقاهرة- قال الرئيس إن العمل مستمر {0}.\n</TEXT>\n</DOC>\n")
JUNK = ["<DOC>", "</DOC>", "<TEXT>", "</TEXT>", "<DOCNO>", "</DOCNO>", "<P>", "&amp;", "&#0;", "&#xD800;", "\x00",
        "\xff", "\u200f", "<", ">", "\n"]


@st.composite
def damaged_archives(draw):
    data = bytearray("".join(DOC.format(i) for i in range(4)).encode())
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "bytes", "truncate"]))
        if action == "delete":
            del data[where:where + draw(st.integers(1, 40))]
        elif action == "insert":
            data[where:where] = draw(st.sampled_from(JUNK)).encode("utf-8", errors="surrogatepass")
        elif action == "bytes":
            data[where:where] = draw(st.binary(min_size=1, max_size=20))
        else:
            del data[where:]
    packed = draw(st.sampled_from(["plain", "gzip", "gzip-truncated"]))
    if packed != "plain":
        data = bytearray(gzip.compress(bytes(data)))
        if packed == "gzip-truncated":
            del data[draw(st.integers(0, len(data) - 1)):]
    return bytes(data), packed != "plain"


@fuzz(120)
@given(damaged_archives())
def test_damaged_archives_through_the_command(tmp_path_factory, archive):
    data, packed = archive
    folder = tmp_path_factory.mktemp("sgml")
    name = "news.sgml.gz" if packed else "news.sgml"
    (folder / name).write_bytes(data)
    before = digest(folder)
    check_outcome(run(str(folder)), [name])
    assert digest(folder) == before


# --------------------------------------------------------------------------- nothing lost, nothing touched


ARTICLE = "عنوان الخبر\nالقاهرة- قال وزير الخارجية سامح شكري إن \"العلاقات قوية\".\nالمصدر: وكالات\n"


def test_bad_documents_and_files_do_not_cost_good_ones(tmp_path):
    good = [DOC.format(i) for i in range(6)]
    archive = good[:2] + ["<DOC><DOCNO>EMPTY</DOCNO><TEXT> </TEXT></DOC>\n", "<DOC><DOCNO>NOTEXT</DOCNO></DOC>\n",
                          "<DOC><DOCNO>BIN</DOCNO><TEXT>\x00\x01\x02\x03\x04\x05\x06</TEXT></DOC>\n"] + good[2:]
    (tmp_path / "a.sgml").write_text("".join(archive), encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_bytes(os.urandom(3000))
    (tmp_path / "e.txt").write_bytes(ARTICLE.encode("cp1256"))
    (tmp_path / "f.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "g.txt").write_bytes(ARTICLE.encode("utf-16-le"))
    with gzip.open(tmp_path / "h.sgml.gz", "wb") as out:
        out.write("".join(good).encode())
    truncated = (tmp_path / "h.sgml.gz").read_bytes()
    (tmp_path / "i.sgml.gz").write_bytes(truncated[:len(truncated) * 2 // 3])
    before = digest(tmp_path)
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["analyze", "--ner", "rules", "-j", jobs, "-f", "jsonl", str(tmp_path)])
        articles = check_outcome(result, ["a.sgml", "c.txt", "d.txt", "i.sgml.gz"])
        paths = [a["path"] for a in articles]
        assert result.exit_code == 1
        assert [p.rsplit("/", 1)[1] for p in paths if "/a.sgml#" in p] == [f"a.sgml#D{i}" for i in range(6)]
        assert [p.rsplit("/", 1)[1] for p in paths if "/h.sgml.gz#" in p] == [f"h.sgml.gz#D{i}" for i in range(6)]
        assert {"b.txt", "e.txt", "f.txt", "g.txt"} <= {p.rsplit("/", 1)[1] for p in paths}
        errors = [line for line in result.stderr.splitlines() if line.startswith("newsan: error:")]
        assert len([e for e in errors if "a.sgml#" in e]) == 3 and any("c.txt" in e for e in errors)
        assert any("d.txt" in e for e in errors) and any("i.sgml.gz" in e for e in errors)
    assert digest(tmp_path) == before


def test_index_with_missing_escaping_and_looping_entries(tmp_path):
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    (folder / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "two.txt").write_text(ARTICLE.replace("القاهرة", "عمان"), encoding="utf-8")
    (tmp_path / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "l1.txt").symlink_to(folder / "l2.txt")
    (folder / "l2.txt").symlink_to(folder / "l1.txt")
    (folder / "INDEX.md").write_text(
        "# Today\n- [ok](ok.txt)\n- missing.txt\n- ../secret.txt\n- /etc/passwd\n- sub/../../secret.txt\n"
        "- loop/ok.txt\n- l1.txt\n- [two](sub/two.txt)\n- loop\n", encoding="utf-8")
    before = digest(tmp_path)
    started = time.monotonic()
    result = run(str(folder))
    assert time.monotonic() - started < 30
    articles = check_outcome(result, ["INDEX.md", "missing.txt", "l1.txt", "loop"])
    assert result.exit_code == 1
    assert {a["path"].split("site/", 1)[1] for a in articles} >= {"ok.txt", "sub/two.txt"}
    assert not any("secret" in a["path"] or "passwd" in a["path"] for a in articles)
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsan: error:")]
    assert any("missing.txt" in e for e in errors) and sum("refused" in e for e in errors) == 3
    assert digest(tmp_path) == before


def test_oversized_single_line_is_refused_at_once(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as out:
        out.write(("كلمة " * 10).encode() * (50 * 1024 * 1024 // 90 + 1))  # 50 MiB, no line end
    started = time.monotonic()
    result = run(str(big))
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("newsan: error:")]
    assert "big.txt" in line and "max-bytes limit" in line and "50.0 MiB" in line


def test_long_single_line_under_max_bytes_is_analyzed(tmp_path):
    page = tmp_path / "line.txt"
    sentence = "وقال وزير الخارجية سامح شكري في القاهرة إن المحادثات مستمرة. "
    page.write_text(sentence * 4000, encoding="utf-8")  # ~450 KB on one line
    started = time.monotonic()
    result = run(str(page), "--max-bytes", "1000000")
    assert time.monotonic() - started < 30
    (article,) = check_outcome(result, [])
    assert article["stats"]["sentences"] == 4000


def test_five_megabyte_line_is_split_and_segmented_in_linear_time():
    line = "قال الوزير إن «الوضع مستقر. جداً» في د. المدينة 3.5 بالمئة! اقرأ أيضا " * 70_000  # ~5 MB
    started = time.monotonic()
    spans = split_sentences(line)
    assert time.monotonic() - started < 10 and len(spans) > 70_000
    started = time.monotonic()
    layout = segment(line, load_lexicons(None)["markers"])
    assert time.monotonic() - started < 10 and layout.sections


def test_from_list_on_stdin_and_empty_lists(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    listing = f"# tonight\n{tmp_path / 'a.txt'}\n\n{tmp_path / 'b.txt'}\n{tmp_path / 'nope.txt'}\n"
    result = run("--from-list", "-", input=listing)
    articles = check_outcome(result, ["nope.txt"])
    assert [Path(a["path"]).name for a in articles] == ["a.txt", "b.txt"] and result.exit_code == 1
    result = run("--from-list", "-", input="# nothing tonight\n")
    assert result.exit_code == 2 and "no paths" in result.output


def test_json_lines_records_stay_on_one_line_for_every_reader():
    """Regression (found by the fuzzer): U+2028, U+2029 and NEL are line ends to str.splitlines and JavaScript."""
    text = "قال\u2028الوزير\u2029إن\x85الأمر «انتهى»\x1c."
    stream = io.StringIO()
    writer = make_writer("jsonl", stream)
    writer.write(article_to_dict(analyze_source(Source("p", text), OPTIONS)))
    writer.close()
    (line,) = stream.getvalue().splitlines()
    assert not set("\u2028\u2029\x85") & set(line)
    assert "\u2028" in json.loads(line)["summary"]["lead"]  # escaped on the way out, the same text on the way in
    assert "الوزير" in line  # Arabic stays readable, not \u-escaped


def test_listing_then_reading_is_reading(tmp_path):
    """What --dask does (list here, read on a worker) yields exactly what a local run reads, errors included."""
    from newsan.errors import IngestError
    from newsan.ingest import InputFile, iter_sources, list_inputs, read_listed

    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "sub" / "two.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "INDEX.md").write_text("- [خبر](ok.txt) — مصدر\n- missing.txt\n- ../x.txt\n- [two](sub/two.txt)\n",
                                   encoding="utf-8")
    tree = tmp_path / "tree"
    (tree / "a" / "b").mkdir(parents=True)
    (tree / "a" / "b" / "news.sgml").write_text(DOC.format(1) + DOC.format(2), encoding="utf-8")
    (tree / "c.txt").write_bytes(b"")
    (tree / "d.html").write_text(ARTICLE, encoding="utf-8")
    inputs = [str(site), str(tree), str(tmp_path / "nope.txt"), str(site / "ok.txt")]

    def shown(items):
        return [str(i) if isinstance(i, IngestError) else (i.path, i.title, i.text, dict(i.metadata)) for i in items]

    listed = list(list_inputs(inputs, pattern="*.html"))
    assert all(isinstance(i, (InputFile, IngestError)) for i in listed)
    read = [item for entry in listed
            for item in ([entry] if isinstance(entry, IngestError) else read_listed([entry]))]
    assert shown(read) == shown(iter_sources(inputs, pattern="*.html"))
