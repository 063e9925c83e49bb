"""Ctrl-C and -o in real processes: exit 130 at once, no half-written output, no worker left behind."""

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SENTENCE = "وقال وزير الخارجية سامح شكري في القاهرة إن المحادثات مستمرة. "


def newsan(*args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "newsan.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


@pytest.fixture(scope="module")
def slow_folder(tmp_path_factory):
    """Articles that take seconds each, so the run is surely busy when Ctrl-C comes."""
    folder = tmp_path_factory.mktemp("slow")
    for index in range(4):
        (folder / f"page{index}.txt").write_text((SENTENCE + "\n") * 40_000, encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_promptly_and_leaves_no_output(slow_folder, tmp_path, jobs):
    target = tmp_path / "out.jsonl"
    process = newsan("analyze", "--ner", "rules", "--jobs", jobs, "--max-bytes", "50000000", "-f", "jsonl",
                     "-o", str(target), str(slow_folder))
    _wait_for_the_batch(process, tmp_path)
    time.sleep(1)  # well into the first articles
    assert process.poll() is None, process.communicate()
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - sent < 5, "Ctrl-C must not wait for the articles in progress (~10 s each)"
    assert process.returncode == 130, stderr
    assert stderr.splitlines()[-1] == "newsan: error: interrupted" and "Traceback" not in stderr, stderr
    assert list(tmp_path.iterdir()) == []  # neither out.jsonl nor its temporary file


def _wait_for_the_batch(process: subprocess.Popen, output_folder: Path, timeout: float = 120) -> None:
    """Wait until start-up (lexicons, model) is over: the temporary file of -o opens just before the batch."""
    deadline = time.monotonic() + timeout
    while not any(output_folder.glob(".out.jsonl.*.tmp")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the batch did not start"
        time.sleep(0.05)


def test_ctrl_c_on_stdout_stream(slow_folder):
    process = newsan("analyze", "--ner", "rules", "--jobs", "2", "--max-bytes", "50000000", "-f", "jsonl",
                     str(slow_folder))
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130 and "Traceback" not in stderr


def test_output_file_gets_ordinary_permissions(tmp_path):
    target = tmp_path / "out.json"
    process = newsan("analyze", "--ner", "rules", "-f", "json", "-o", str(target), str(REPO / "seeds"))
    process.communicate(timeout=120)
    assert process.returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not the 0600 of a temporary file
    target.chmod(0o640)
    process = newsan("analyze", "--ner", "rules", "-f", "json", "-o", str(target), str(REPO / "seeds"))
    process.communicate(timeout=120)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # a replaced file keeps its mode


def _break_in_workers(monkeypatch, path: str, breaking) -> None:
    """Make the analysis of the chunk holding `path` call `breaking()` inside the pool's workers."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched function reaches the workers only when they are forked")
    from newsan.runners import batch

    real = batch.analyze_sources

    def analyze_or_break(items, *args):
        if any(item.path == path for item in items):
            breaking()
        return real(items, *args)

    monkeypatch.setattr(batch, "analyze_sources", analyze_or_break)


def test_a_dying_worker_fails_only_its_article(monkeypatch):
    from newsan.analysis.pipeline import Options
    from newsan.model import Source
    from newsan.runners import batch

    _break_in_workers(monkeypatch, "die", lambda: os._exit(9))  # as if killed by the OOM killer
    sources = [Source(f"a{i}", SENTENCE) for i in range(3)] + [Source("die", SENTENCE)] + \
              [Source(f"b{i}", SENTENCE) for i in range(20)]
    for ordered in (True, False):
        outcomes = list(batch.analyze_in_parallel(sources, Options(ner="rules"), jobs=2, ordered=ordered))
        paths = [o.path for o in outcomes]
        assert paths == [s.path for s in sources] if ordered else sorted(paths) == sorted(s.path for s in sources)
        # The pool starts again, the chunks in flight are redone one article at a time: only "die" is lost.
        lost = [o for o in outcomes if o.error]
        assert [o.path for o in lost] == ["die"]
        assert "worker process lost" in lost[0].error and "\n" not in lost[0].error
        assert all(o.result["stats"]["words"] for o in outcomes if o.path != "die")


def _run_out_of_memory():
    raise MemoryError("cannot allocate")  # re-raised by the worker, not swallowed there


def test_a_worker_out_of_memory_fails_only_its_article(monkeypatch):
    from newsan.analysis.pipeline import Options
    from newsan.model import Source
    from newsan.runners import batch

    _break_in_workers(monkeypatch, "huge", _run_out_of_memory)
    sources = [Source(f"a{i}", SENTENCE) for i in range(5)] + [Source("huge", SENTENCE), Source("b", SENTENCE)]
    outcomes = list(batch.analyze_in_parallel(sources, Options(ner="rules"), jobs=2))
    assert [o.path for o in outcomes] == [s.path for s in sources]
    assert [o.error for o in outcomes if o.error] == ["huge: analysis failed: MemoryError: cannot allocate"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_paths_piped_in_one_by_one_get_their_results_as_they_come(tmp_path, jobs):
    """`watch | newsan analyze --from-list - -f jsonl`: each path's result before the next path is written."""
    import json
    import selectors

    pages = []
    for index in range(3):
        page = tmp_path / f"page{index}.txt"
        page.write_text(SENTENCE, encoding="utf-8")
        pages.append(page)
    process = newsan("analyze", "--ner", "rules", "--jobs", jobs, "-f", "jsonl", "--from-list", "-",
                     stdin=subprocess.PIPE)
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        for page in pages:
            process.stdin.write(f"{page}\n")
            process.stdin.flush()
            assert selector.select(timeout=60), f"no result for {page.name} while the list stays open"
            assert json.loads(process.stdout.readline())["path"] == str(page)
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()
