"""`newsan report` through click's runner: JSON Lines and raw inputs, formats, bad lines, exit codes."""

import json
import os
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from newsan.cli import main

SPEAKER = "قال وزير الخارجية سامح شكري إن \"العلاقات قوية\".\n"
ARTICLE = "عنوان الخبر\nالقاهرة- " + SPEAKER + "المصدر: وكالات\n"
SCHEMA = json.loads(resources.files("newsan").joinpath("data/newsan-report.schema.json").read_text("utf-8"))


def record(path, name="سامح شكري", outlet="BBC"):
    quote = {"text": "العلاقات قوية", "kind": "direct", "cue": "قال", "start": 40, "end": 53}
    return {"schema": "newsan/1", "path": path, "metadata": {"outlet": outlet, "date": "2018-02-01"},
            "entities": [{"text": "سامح شكري", "type": "PER", "count": 1,
                          "mentions": [{"text": "سامح شكري", "start": 30, "end": 39}]}],
            "speakers": [{"name": name, "title": "وزير الخارجية", "organization": None, "role": "official",
                          "gender": "male", "mentions": [name], "quotes": [quote]}]}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def results(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(record(f"a/{n}.txt", name)) + "\n"
                            for n, name in enumerate(["سامح شكري", "شكري", "لشكري"])), encoding="utf-8")
    return path


def report(runner, *args, **kwargs):
    return runner.invoke(main, ["report", *args], **kwargs)


def test_json_lines_to_json(runner, results):
    result = report(runner, str(results), "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["articles"] == 3 and document["quotes"] == 3
    [shoukry] = document["speakers"]
    assert (shoukry["name"], shoukry["articles"], shoukry["quotes"]) == ("سامح شكري", 3, 3)
    assert document["by_outlet"][0]["outlet"] == "BBC" and document["by_month"][0]["month"] == "2018-02"


@pytest.mark.parametrize("name, marker", [("r.html", '<html lang="ar" dir="rtl">'), ("r.HTM", "<table"),
                                          ("r.json", '"schema": "newsan-report/1"'), ("r.md", "| سامح شكري | 3 |"),
                                          ("r.out", "<!DOCTYPE html>")])
def test_the_output_name_sets_the_format(runner, results, tmp_path, name, marker):
    target = tmp_path / name
    result = report(runner, str(results), "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert marker in target.read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.jsonl", name])  # no temporary file left


def test_format_wins_over_the_suffix(runner, results, tmp_path):
    target = tmp_path / "r.html"
    assert report(runner, str(results), "-o", str(target), "-f", "md").exit_code == 0
    assert target.read_text("utf-8").startswith("# Who gets a voice")


def test_the_page_links_quotes_to_their_articles_from_where_it_is(runner, results, tmp_path):
    (tmp_path / "out").mkdir()
    assert report(runner, str(results), "-o", str(tmp_path / "out" / "r.html")).exit_code == 0
    page = (tmp_path / "out" / "r.html").read_text("utf-8")
    # the articles' paths are the working folder's; the links, the page's folder's
    assert f'href="{os.path.relpath(os.path.abspath("a/0.txt"), tmp_path / "out")}"' in page


def test_a_bad_line_is_one_error_and_the_rest_is_reported(runner, results):
    with results.open("a", encoding="utf-8") as stream:
        stream.write("{not json\n" + json.dumps(record("a/9.txt")) + "\n")
    result = report(runner, str(results), "-f", "json")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsan: error:")]
    assert errors == [f"newsan: error: {results}:4: not valid JSON (Expecting property name enclosed in double "
                      "quotes)"]
    assert json.loads(result.stdout)["articles"] == 4


def test_stdin_json_lines(runner, results):
    result = report(runner, "-", "-f", "json", input=results.read_bytes())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 3


def test_raw_inputs_are_analyzed_first(runner, tmp_path, results):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE.replace("القاهرة", "الرياض"), encoding="utf-8")
    result = report(runner, str(results), str(folder), "--ner", "rules", "-j", "1", "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["articles"] == 5
    assert {row["outlet"]: row["articles"] for row in document["by_outlet"]} == {"BBC": 3, "news": 2}
    [shoukry] = [row for row in document["speakers"] if row["name"] == "سامح شكري"]
    assert shoukry["articles"] == 5


def test_raw_stdin_is_analyzed(runner):
    result = report(runner, "-", "--ner", "rules", "-f", "json", input=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["speakers"][0]["name"] == "سامح شكري"


def test_a_missing_input_is_named(runner, tmp_path, results):
    result = report(runner, str(results), str(tmp_path / "gone.jsonl"), "-f", "json")
    assert result.exit_code == 1 and f"{tmp_path / 'gone.jsonl'}: no such file" in result.stderr
    assert json.loads(result.stdout)["articles"] == 3


def test_usage_errors(runner, results, tmp_path):
    assert report(runner, str(results), "-o", str(results)).exit_code == 2  # never writes to an input
    assert report(runner, str(results), "-f", "pdf").exit_code == 2
    assert report(runner, str(results), "--dask", "tcp://x:1", "-j", "2").exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: {}", encoding="utf-8")
    result = report(runner, str(results), "--config", str(bad))
    assert result.exit_code == 2 and "bad.yaml" in result.stderr


def test_report_help_loads_nothing_heavy():
    code = ("import sys\nfrom newsan.cli import main\ntry:\n    main(['report', '--help'])\nexcept SystemExit:\n"
            "    pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'camel_tools', 'numpy')"
            " or m.startswith(('newsan.report', 'newsan.runners.batch'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_json_lines_alone_do_not_load_the_pipeline(results):
    code = ("import sys\nfrom newsan.cli import main\ntry:\n    main(['report', sys.argv[1], '-f', 'json', '-q'])\n"
            "except SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith(('newsan.runners.batch',"
            " 'newsan.analysis', 'newsan.ner.builtin'))), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, str(results)], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
