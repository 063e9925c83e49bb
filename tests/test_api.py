"""The library API: newsan.analyze_text and newsan.analyze_path return plain, picklable schema dicts."""

import json
import pickle
import subprocess
import sys

import pytest

import newsan
from newsan.cli import main

ARTICLE = "عنوان الخبر\nالقاهرة- قال وزير الخارجية سامح شكري إن \"العلاقات قوية\".\nالمصدر: وكالات\n"


def test_exported_lazily():
    code = "import sys, newsan; assert 'newsan.api' not in sys.modules; newsan.analyze_text; " \
           "assert 'newsan.api' in sys.modules; print(sorted(newsan.__all__))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "analyze_path" in result.stdout and "analyze_text" in dir(newsan)
    with pytest.raises(AttributeError):
        _ = newsan.no_such_thing


def test_analyze_text_is_the_cli_result(tmp_path):
    article = newsan.analyze_text(ARTICLE, ner="rules", path="a.txt")
    assert article["dateline"] == "القاهرة" and article["path"] == "a.txt"
    assert pickle.loads(pickle.dumps(article)) == article
    assert json.loads(json.dumps(article, ensure_ascii=False)) == article
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["analyze", "--ner", "rules", str(tmp_path / "a.txt"), "-f", "json"])
    (printed,) = json.loads(result.stdout)["articles"]
    assert {**printed, "path": "a.txt"} == article


def test_analyze_text_options():
    with_tokens = newsan.analyze_text(ARTICLE, ner="rules", tokens=True, title="عنوان آخر")
    assert with_tokens["sentences"] and with_tokens["title"] == "عنوان آخر"
    with pytest.raises(ValueError):
        newsan.analyze_text("  \n", ner="rules")
    with pytest.raises(TypeError):
        newsan.analyze_text(ARTICLE.encode(), ner="rules")
    from newsan.errors import BackendUnavailable

    with pytest.raises(BackendUnavailable):
        newsan.analyze_text(ARTICLE, ner="nonsense")


@pytest.fixture
def folder(tmp_path):
    for index in range(4):
        (tmp_path / f"a{index}.txt").write_text(ARTICLE.replace("القاهرة", f"مدينة{index}"), encoding="utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    return tmp_path


def test_analyze_path_streams_and_reports_errors(folder):
    iterator = newsan.analyze_path(folder, ner="rules")
    assert not isinstance(iterator, list)
    first = next(iterator)
    assert first["path"].endswith("a0.txt")
    with pytest.raises(newsan.InputError) as raised:
        list(iterator)
    assert raised.value.path.endswith("b-empty.txt") and "empty" in str(raised.value)
    assert pickle.loads(pickle.dumps(raised.value)).path == raised.value.path

    assert len(list(newsan.analyze_path(folder, ner="rules", errors="skip"))) == 4
    seen = []
    results = list(newsan.analyze_path([str(folder / "a1.txt"), folder / "nope.txt"], ner="rules", errors=seen.append))
    assert len(results) == 1 and len(seen) == 1 and "nope.txt" in str(seen[0])


def test_analyze_path_in_processes_keeps_order(folder):
    serial = list(newsan.analyze_path(folder, ner="rules", errors="skip"))
    parallel = list(newsan.analyze_path(folder, ner="rules", errors="skip", jobs=2))
    assert parallel == serial
    unordered = list(newsan.analyze_path(folder, ner="rules", errors="skip", jobs=2, ordered=False))
    assert sorted(a["path"] for a in unordered) == [a["path"] for a in serial]


def test_analyze_path_checks_its_arguments(folder):
    with pytest.raises(ValueError):
        newsan.analyze_path(folder, errors="ignore")
    with pytest.raises(ValueError):
        newsan.analyze_path(folder, jobs=0)
