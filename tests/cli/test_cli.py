"""The command line through click's runner: formats, exit codes, stdin, bad inputs."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from newsan import __version__
from newsan.cli import main

ARTICLE = "عنوان الخبر\nالقاهرة- قال وزير الخارجية سامح شكري إن \"العلاقات قوية\".\nالمصدر: وكالات\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("القاهرة", "الرياض"), encoding="utf-8")
    return tmp_path


def _analyze(runner, *args, **kwargs):
    return runner.invoke(main, ["analyze", "--ner", "rules", "-j", "1", *args], **kwargs)


def test_version_and_help(runner):
    assert runner.invoke(main, ["--version"]).output.strip().endswith(__version__)
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0 and "analyze" in result.output and "Exit codes" in result.output


HEAVY_MODULES = ("torch", "transformers", "camel_tools", "numpy", "regex", "yaml", "rich", "dask", "distributed",
                 "pycrfsuite", "newsan.analysis.pipeline", "newsan.api", "newsan.ingest", "newsan.runners.batch")


@pytest.mark.parametrize("statement", [
    "import newsan",
    "from newsan.cli import main",
    "from newsan.cli import main; main(['--help'])",
    "from newsan.cli import main; main(['--version'])",
    "from newsan.cli import main; main(['analyze', '--help'])",
])
def test_start_up_does_not_import_heavy_modules(statement):
    code = (f"import sys\ntry:\n    {statement}\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m in {HEAVY_MODULES!r} or m.split('.')[0] in {HEAVY_MODULES!r}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_seed_folder_json(runner):
    result = _analyze(runner, "seeds/", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    (article,) = document["articles"]
    assert document["schema"] == "newsan/1"
    assert article["title"] == "زيارة بوتين إلى كوريا الشمالية تحت التدقيق الأميركي"  # from INDEX.md
    assert article["dateline"] == "واشنطن"


@pytest.mark.parametrize("fmt, parse", [
    ("json", lambda out: json.loads(out)["articles"]),
    ("jsonl", lambda out: [json.loads(line) for line in out.splitlines()]),
    ("yaml", lambda out: yaml.safe_load(out)["articles"]),
])
def test_formats_and_order(runner, folder, fmt, parse):
    result = _analyze(runner, str(folder), "--format", fmt)
    assert result.exit_code == 0, result.output
    articles = parse(result.stdout)
    assert [a["dateline"] for a in articles] == ["القاهرة", "الرياض"]


def test_rich_is_the_default(runner, folder):
    result = _analyze(runner, str(folder / "a.txt"))
    assert result.exit_code == 0 and "القاهرة" in result.stdout and "Named entities" in result.stdout


def test_stdin(runner):
    result = _analyze(runner, "-", "--format", "jsonl", input=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["path"] == "<stdin>"


def test_one_broken_file_does_not_sink_the_batch(runner, folder):
    (folder / "c.txt").write_bytes(b"")
    (folder / "d.txt").write_bytes(b"\x00\x01\x02binary\x00")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    result = _analyze(runner, str(folder), "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2  # both good articles are still there
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 2 and any("c.txt" in e for e in errors) and any("d.txt" in e for e in errors)
    assert "Traceback" not in result.stderr
    assert before == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_missing_input_is_named(runner, tmp_path):
    result = _analyze(runner, str(tmp_path / "nope.txt"), "--format", "json")
    assert result.exit_code == 1 and "nope.txt" in result.stderr
    assert json.loads(result.stdout)["articles"] == []


def test_usage_errors_exit_2(runner, tmp_path):
    assert _analyze(runner, "--format", "xml", "x").exit_code == 2
    assert runner.invoke(main, ["analyze", "--camel-model", str(tmp_path), "x"]).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: {}", encoding="utf-8")
    result = _analyze(runner, "--config", str(bad), "x")
    assert result.exit_code == 2 and "bad.yaml" in result.stderr


def test_output_file_is_written_atomically(runner, folder, tmp_path):
    target = tmp_path / "out" / "result.json"
    target.parent.mkdir()
    result = _analyze(runner, str(folder), "--format", "json", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(target.read_text("utf-8"))["articles"]) == 2
    assert [p.name for p in target.parent.iterdir()] == ["result.json"]  # no temporary file left


def test_parallel_jobs_keep_input_order(runner, folder):
    for index in range(6):
        (folder / f"z{index}.txt").write_text(ARTICLE.replace("القاهرة", f"مدينة{index}"), encoding="utf-8")
    result = runner.invoke(main, ["analyze", "--ner", "rules", "-j", "2", str(folder), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == sorted(paths) and len(paths) == 8


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_keeps_errors(runner, tmp_path, where):
    arguments = ["analyze", "--ner", "rules", str(tmp_path / "nope.txt"), "-f", "json"]
    result = runner.invoke(main, ["-q", *arguments] if where == "before" else [*arguments, "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"newsan: error: {tmp_path / 'nope.txt'}: no such file or directory"]


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_names_the_backend_and_counts(runner, folder, where):
    arguments = ["analyze", "-j", "1", str(folder), "--format", "jsonl"]
    result = runner.invoke(main, ["-v", *arguments] if where == "before" else [*arguments, "-v"])
    assert result.exit_code == 0, result.output
    assert "entity backend: ensemble" in result.stderr and "2 analyzed, 0 failed" in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_quiet_after_the_subcommand_hides_the_count_of_failures(runner, tmp_path):
    arguments = ["analyze", "--ner", "rules", str(tmp_path / "nope.txt"), "-f", "json"]
    assert "0 analyzed, 1 failed" in runner.invoke(main, arguments).stderr
    assert "analyzed" not in runner.invoke(main, [*arguments, "-q"]).stderr


def test_traceback_after_the_subcommand_reaches_the_analysis(runner, folder, monkeypatch):
    from newsan.runners import batch

    seen = []
    real = batch.analyze_serially
    monkeypatch.setattr(batch, "analyze_serially",
                        lambda *args, **kwargs: seen.append(kwargs["show_traceback"]) or real(*args, **kwargs))
    assert _analyze(runner, str(folder / "a.txt"), "-f", "json", "--traceback").exit_code == 0
    assert _analyze(runner, str(folder / "a.txt"), "-f", "json").exit_code == 0
    assert seen == [True, False]


@pytest.fixture
def tagged_conll(tmp_path):
    path = tmp_path / "gold.conll"
    path.write_text("زار O\nمحمد B-PERS\n", encoding="utf-8")
    return path


def test_a_camel_model_folder_without_a_model_says_what_is_missing(runner, no_camel_data, tagged_conll, tmp_path):
    folder = tmp_path / "emptydir"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(main, ["eval", "ner", "--ner", "camel", "--camel-model", str(folder),
                                  "--gold", str(tagged_conll)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"newsan: error: --ner camel: {folder} is not a camel-tools NER model folder: "
                             "no vocab.txt, no model weights (pytorch_model.bin or model.safetensors)\n")


@pytest.fixture
def no_camel_data(monkeypatch, tmp_path):
    """camel-tools without its data: the camel backend is unavailable, whatever this machine has installed."""
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no-camel-data"))


@pytest.mark.parametrize("command", [
    ["analyze", "--ner", "camel", "seeds/"],
    ["ner", "--ner", "camel", "--conll", "{conll}"],
    ["eval", "ner", "--ner", "camel", "--gold", "{conll}"],
    ["eval", "quotes", "--ner", "camel", "--gold", "seeds/"],
])
def test_an_unavailable_backend_is_a_usage_error_in_every_command(runner, no_camel_data, tagged_conll, command):
    result = runner.invoke(main, [part.format(conll=tagged_conll) for part in command])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("newsan: error: --ner camel: camel-tools data is not installed")
    assert result.stdout == ""


@pytest.mark.parametrize("command", [
    ["analyze", "--ner", "rules", "--config", "{config}", "seeds/"],
    ["eval", "quotes", "--ner", "rules", "--config", "{config}", "--gold", "seeds/"],
])
def test_a_bad_config_is_a_usage_error_in_every_command(runner, tmp_path, command):
    config = tmp_path / "bad.yaml"
    config.write_text("nonsense: {}", encoding="utf-8")
    result = runner.invoke(main, [part.format(config=config) for part in command])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("newsan: error: ") and "bad.yaml" in line


@pytest.mark.parametrize("command", [
    ["ner", "--ner", "rules", "--conll", "{missing}"],
    ["eval", "ner", "--ner", "rules", "--gold", "{missing}"],
    ["train", "ner", "--train", "{missing}", "--out", "{out}"],
])
def test_an_unreadable_input_fails_with_its_name_in_every_command(runner, tmp_path, command):
    missing = tmp_path / "nope.conll"
    result = runner.invoke(main, [part.format(missing=missing, out=tmp_path / "out") for part in command])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"newsan: error: {missing}: no such file"]


def test_a_bad_option_names_the_command_and_exits_2(runner):
    result = runner.invoke(main, ["analyze", "--ner", "nonsense", "x"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith("Usage: ")
    assert result.stderr.splitlines()[-1].startswith("newsan: error: Invalid value for '--ner'")


def test_ctrl_c_during_start_up_exits_130(runner, monkeypatch):
    """A SIGINT that lands while the lexicons or the model load (before the batch) is an interruption too."""
    import newsan.lexicons

    def interrupted(config=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(newsan.lexicons, "load_lexicons", interrupted)
    result = _analyze(runner, "seeds/", "-f", "json")
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "newsan: error: interrupted" and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(not (shutil.which("jq") and shutil.which("column")),
                    reason="examples/experts.sh needs jq and column")
def test_the_experts_example_runs(tmp_path):
    """examples/experts.sh passes -q after the subcommand and finds newsan in .venv or on PATH."""
    repo = Path(__file__).resolve().parents[2]
    shim = tmp_path / "bin" / "newsan"  # what `make install` puts on PATH, for when this clone has no .venv
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsan.cli "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    environment = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
                   "PYTHONPATH": str(repo / "src")}
    done = subprocess.run(["bash", str(repo / "examples" / "experts.sh"), str(repo / "seeds")], capture_output=True,
                          text=True, env=environment, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "000_527b28a421eb8cca.txt" in done.stdout


def test_traceback_after_the_subcommand_shows_a_library_failure(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: {}", encoding="utf-8")
    plain = _analyze(runner, "--config", str(bad), "x")
    shown = _analyze(runner, "--config", str(bad), "x", "--traceback")
    assert plain.exit_code == shown.exit_code == 2
    assert "Traceback" not in plain.stderr and "Traceback" in shown.stderr
    assert shown.stderr.splitlines()[-1] == plain.stderr.splitlines()[-1]


def test_verbose_after_ner_names_the_backend(runner, tagged_conll):
    result = runner.invoke(main, ["ner", "--ner", "rules", "--conll", str(tagged_conll), "-v"])
    assert result.exit_code == 0 and result.stderr == "newsan: entity backend: rules\n"
    assert [line.split("\t")[0] for line in result.stdout.splitlines() if line] == ["زار", "محمد"]


def test_output_may_not_be_an_input(runner, folder):
    """`-o a.txt` with a.txt among the inputs would replace an article with its analysis: refused, exit 2."""
    before = (folder / "a.txt").read_bytes()
    result = _analyze(runner, str(folder / "a.txt"), "-f", "jsonl", "-o", str(folder / "a.txt"))
    assert result.exit_code == 2 and "one of the inputs" in result.output
    assert (folder / "a.txt").read_bytes() == before


def test_output_into_a_missing_folder_is_a_usage_error(runner, folder):
    result = _analyze(runner, str(folder / "a.txt"), "-f", "jsonl", "-o", str(folder / "nowhere" / "out.jsonl"))
    assert result.exit_code == 2 and "no such folder" in result.output and "Traceback" not in result.output


def _newsan(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "newsan.cli", "analyze", "--ner", "rules", "-j", "1", *args],
                            stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full to fill a disk")
@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "rich"])
def test_a_full_disk_on_stdout_is_one_error_line(folder, fmt):
    with open("/dev/full", "w") as full:
        process = _newsan(str(folder), "-f", fmt, stdout=full)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    assert stderr.strip().splitlines() == ["newsan: error: <stdout>: cannot write: no space left on device"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "rich"])
def test_a_reader_that_stops_early_ends_the_run_quietly(folder, fmt):
    """`newsan analyze … | head -1`: the closed pipe is the reader's choice, not a failure (exit 0, nothing said)."""
    for index in range(30):
        (folder / f"more{index}.txt").write_text(ARTICLE * 20, encoding="utf-8")
    process = _newsan(str(folder), "-f", fmt, stdout=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0, stderr
    assert stderr == ""
