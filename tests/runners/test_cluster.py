"""--dask: the same results and error lines as a local run, from a Dask cluster started by the test."""

import gzip
import json

import pytest
from click.testing import CliRunner

from newsan.cli import main
from newsan.runners import cluster

distributed = pytest.importorskip("dask.distributed")

ARTICLE = "عنوان الخبر\nالقاهرة- قال وزير الخارجية سامح شكري إن \"العلاقات قوية\".\nالمصدر: وكالات\n"


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    docs = "".join(f"<DOC><DOCNO>D{i}</DOCNO><TITLE>خبر {i}</TITLE><TEXT>{ARTICLE.replace('القاهرة', f'مدينة{i}')}"
                   f"</TEXT></DOC>\n" for i in range(5))
    docs += "<DOC><DOCNO>BAD</DOCNO><TEXT>  </TEXT></DOC>\n"
    with gzip.open(tmp_path / "sub" / "news.sgml.gz", "wt", encoding="utf-8") as out:
        out.write(docs)
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE.replace("القاهرة", "دمشق"), encoding="utf-8")
    return tmp_path


def _run(*args, **kwargs):
    return CliRunner().invoke(main, ["analyze", "--ner", "rules", *args], **kwargs)


def test_cluster_run_matches_a_local_run(scheduler, tree, monkeypatch):
    monkeypatch.setattr(cluster, "FILES_PER_TASK", 2)  # several partitions, even on this small tree
    args = [str(tree), "--glob", "**/*.txt", "-f", "jsonl"]
    local = _run(*args, "-j", "1")
    remote = _run(*args, "--dask", scheduler)
    assert local.exit_code == remote.exit_code == 1  # the empty file and the empty document
    assert remote.stdout == local.stdout and len(remote.stdout.splitlines()) == 7
    errors = [line for line in remote.stderr.splitlines() if "error" in line]
    assert errors == [line for line in local.stderr.splitlines() if "error" in line]
    assert any("empty.txt: empty file" in e for e in errors) and any("#BAD: empty <TEXT>" in e for e in errors)

    unordered = _run(*args, "--dask", scheduler, "--unordered")
    assert sorted(unordered.stdout.splitlines()) == sorted(local.stdout.splitlines())


def test_cluster_run_reads_stdin_here_and_writes_atomically(scheduler, tmp_path):
    target = tmp_path / "out.json"
    result = _run("-", "--dask", scheduler, "-f", "json", "-o", str(target), input=ARTICLE.encode())
    assert result.exit_code == 0, result.output
    (article,) = json.loads(target.read_text("utf-8"))["articles"]
    assert article["path"] == "<stdin>" and article["dateline"] == "القاهرة"


def test_unreachable_scheduler_is_a_usage_error(tree, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 0.5)
    result = _run(str(tree), "--dask", "tcp://127.0.0.1:9", "-f", "jsonl")
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in line


def test_missing_dask_is_a_usage_error(tree, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "dask.distributed", None)
    result = _run(str(tree), "--dask", "tcp://127.0.0.1:9")
    assert result.exit_code == 2 and "pip install 'newsan[dask]'" in result.stderr


def test_jobs_and_dask_conflict(tree):
    result = _run(str(tree), "--dask", "tcp://127.0.0.1:9", "--jobs", "2")
    assert result.exit_code == 2 and "not both" in result.output


def test_partitions_keep_listing_errors_in_place(tree):
    from newsan.errors import IngestError
    from newsan.ingest import InputFile

    items = [InputFile("a"), InputFile("b"), IngestError("c", "gone"), InputFile("d")]
    parts = list(cluster.partitions(items, files_per_task=5))
    assert [part.listed.path for part in parts[0]] == ["a", "b"]
    assert isinstance(parts[1], IngestError) and [part.listed.path for part in parts[2]] == ["d"]


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory):
    """A scheduler whose worker is a process of its own, working in another folder than the test."""
    folder = tmp_path_factory.mktemp("worker-cwd")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local, distributed.Client(local) as client:
        client.run(__import__("os").chdir, str(folder))
        yield local.scheduler_address


def test_relative_paths_are_resolved_where_newsan_runs(elsewhere, tree, monkeypatch):
    monkeypatch.chdir(tree)
    (tree / "list.txt").write_text("./a.txt\n", encoding="utf-8")
    args = ["a.txt", "sub", "--from-list", "list.txt", "-f", "jsonl"]
    local = _run(*args, "-j", "1")
    remote = _run(*args, "--dask", elsewhere)
    assert "no such file" not in remote.stderr
    assert remote.stdout == local.stdout and len(remote.stdout.splitlines()) == 8
    errors = [line for line in remote.stderr.splitlines() if "error" in line]
    assert errors == [line for line in local.stderr.splitlines() if "error" in line]
    assert errors == ["newsan: error: sub/news.sgml.gz#BAD: empty <TEXT>"]
    paths = [json.loads(line)["path"] for line in remote.stdout.splitlines()]
    assert paths[:3] == ["a.txt", "sub/b.txt", "sub/news.sgml.gz#D0"] and paths[-1] == "./a.txt"


def test_a_relative_config_is_read_where_newsan_runs(elsewhere, tree, monkeypatch):
    monkeypatch.chdir(tree)
    (tree / "extra.yaml").write_text("markers:\n  boilerplate: [\"المصدر: وكالات\"]\n", encoding="utf-8")
    args = [str(tree / "a.txt"), str(tree / "sub" / "b.txt"), "--config", "extra.yaml", "-f", "jsonl"]
    local = _run(*args, "-j", "1")
    remote = _run(*args, "--dask", elsewhere)
    assert remote.exit_code == 0, remote.stderr
    assert remote.stdout == local.stdout and "المصدر" not in remote.stdout  # the config reached the worker


def test_a_large_archive_spreads_over_several_tasks_in_order(scheduler, tree):
    from newsan.analysis.pipeline import Options
    from newsan.ingest import iter_sources
    from newsan.runners.batch import analyze_serially

    archive = str(tree / "sub" / "news.sgml.gz")
    options = Options(ner="rules")
    with distributed.Client(scheduler) as client:
        submitted = []
        submit = client.submit
        client.submit = lambda task, part, *args, **kwargs: submitted.append(part) or submit(task, part, *args,
                                                                                             **kwargs)
        remote = list(cluster.analyze_on_cluster(client, [archive], options, pattern=None, max_bytes=1 << 20,
                                                 bytes_per_task=1, documents_per_task=2))
    local = list(analyze_serially(iter_sources([archive]), options))
    assert remote == local and len(remote) == 6  # five documents and the empty one, in archive order
    assert [(part.first, part.count) for (part,) in submitted] == [(0, 2), (2, 2), (4, None)]
