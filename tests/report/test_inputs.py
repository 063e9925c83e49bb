"""newsan's own output read back: JSON Lines, JSON documents (in windows), gzip, bad lines named by file:line."""

import gzip
import io
import json

import pytest

from newsan.output.writers import JsonLinesWriter, JsonWriter
from newsan.report import inputs
from newsan.report.inputs import is_results_path, read_results, stream_holds_results


def article(n):
    return {"path": f"a/{n}.txt", "title": f"عنوان {n}", "speakers": [], "entities": [], "metadata": {}}


def written(writer_class, articles):
    stream = io.StringIO()
    writer = writer_class(stream)
    for item in articles:
        writer.write(item)
    writer.close()
    return stream.getvalue()


def paths(outcomes):
    return [(o.path, o.error) if o.error else o.path for o in outcomes]


def test_json_lines_are_read_article_by_article(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(written(JsonLinesWriter, [article(1), article(2)]), encoding="utf-8")
    outcomes = list(read_results(str(path)))
    assert paths(outcomes) == ["a/1.txt", "a/2.txt"]
    assert outcomes[0].result["title"] == "عنوان 1"


@pytest.mark.parametrize("window", [7, 64, 1 << 20])
def test_a_json_document_is_read_in_windows(tmp_path, monkeypatch, window):
    monkeypatch.setattr(inputs, "_CHUNK", window)  # articles longer than a window are read across several
    path = tmp_path / "a.json"
    path.write_text(written(JsonWriter, [article(n) for n in range(5)]), encoding="utf-8")
    assert paths(read_results(str(path))) == [f"a/{n}.txt" for n in range(5)]
    path.write_text(json.dumps({"schema": "newsan/1", "articles": [article(7)]}), encoding="utf-8")  # one line
    assert paths(read_results(str(path))) == ["a/7.txt"]
    path.write_text(written(JsonWriter, []), encoding="utf-8")
    assert paths(read_results(str(path))) == []


def test_bad_lines_are_named_by_file_and_line_and_the_rest_is_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([json.dumps(article(1)), '{"path": "x", broken', "[1, 2]",
                               json.dumps({"path": "y", "speakers": "none", "entities": []}),
                               json.dumps({**article(5), "schema": "other/9"}), "", json.dumps(article(6))]),
                    encoding="utf-8")
    name = str(path)
    assert paths(read_results(name)) == [
        "a/1.txt",
        (f"{name}:2", f"{name}:2: not valid JSON (Expecting property name enclosed in double quotes)"),
        (f"{name}:3", f"{name}:3: not a newsan/1 article (a JSON list, not an object)"),
        (f"{name}:4", f"{name}:4: not a newsan/1 article (no list of objects 'speakers')"),
        (f"{name}:5", f"{name}:5: not a newsan/1 article (schema 'other/9')"),
        "a/6.txt",
    ]


def test_a_truncated_document_ends_with_one_error(tmp_path):
    path = tmp_path / "a.json"
    text = written(JsonWriter, [article(1), article(2)])
    path.write_text(text[:text.rindex('"a/2.txt"')], encoding="utf-8")
    outcomes = list(read_results(str(path)))
    assert outcomes[0].path == "a/1.txt" and len(outcomes) == 2 and "not valid JSON" in outcomes[1].error


def test_gzip_missing_and_not_utf8(tmp_path):
    packed = tmp_path / "a.jsonl.gz"
    packed.write_bytes(gzip.compress(written(JsonLinesWriter, [article(1)]).encode("utf-8")))
    assert paths(read_results(str(packed))) == ["a/1.txt"]
    assert paths(read_results(str(tmp_path / "none.jsonl"))) == [
        (str(tmp_path / "none.jsonl"), f"{tmp_path / 'none.jsonl'}: no such file")]
    latin = tmp_path / "b.jsonl"
    latin.write_bytes(b'{"path": "\xe9"}\n')
    assert paths(read_results(str(latin)))[0][1].endswith("cannot read: not UTF-8 text")


def test_results_are_told_by_suffix_or_by_a_leading_brace_on_stdin():
    assert is_results_path("A.JSONL") and is_results_path("x.json.gz") and not is_results_path("a.txt")
    assert stream_holds_results(io.TextIOWrapper(io.BytesIO(b'\n {"path": 1}')))
    assert not stream_holds_results(io.TextIOWrapper(io.BytesIO("خبر".encode())))
    stream = io.TextIOWrapper(io.BytesIO(b'{"a": 1}'))
    stream_holds_results(stream)
    assert stream.read() == '{"a": 1}'  # looked at, not consumed
