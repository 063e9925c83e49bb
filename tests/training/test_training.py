"""`newsan train ner` as a person running it sees it: progress on stderr, and Ctrl-C that leaves no worker behind."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from click.testing import CliRunner

from newsan.cli import main
from newsan.cli.reporter import describe_step
from newsan.training.steps import Step

REPO = Path(__file__).resolve().parents[2]


def test_train_ner_reports_each_step_and_fold_on_stderr(tmp_path, tiny_ner_train):
    args = ["train", "ner", "--train", str(tiny_ner_train), "--dev", str(tiny_ner_train)]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "newsan: reading the training data…"
    folds = [line for line in lines if line.startswith("newsan: cross-validation CRFs: ")]
    assert [line.split(": ")[2].split(" of ")[0] for line in folds] == ["0", "1", "2", "3", "4", "5"]
    assert all(" of 5 folds done" in line for line in folds)
    assert ", about " in folds[1] and " left" in folds[1] and "left" not in folds[-1]
    assert "newsan: final CRFs (first and document pass): 2 of 2 models done" in lines
    assert lines[-1] == "newsan: scoring on dev…"
    assert "micro" in result.stdout and "newsan:" not in result.stdout
    quiet = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "quiet"), "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and "micro" in quiet.stdout


def test_the_time_left_is_the_pace_so_far_times_what_remains():
    assert describe_step(Step("cross-validation CRFs", 2, 5, "folds"), 120.0) == \
        "cross-validation CRFs: 2 of 5 folds done, about 3 min left"
    assert describe_step(Step("final CRFs", 1, 2, "models"), 30.0) == "final CRFs: 1 of 2 models done, about 30 s left"
    assert describe_step(Step("word profiles"), 5.0) == "word profiles…"


def test_ctrl_c_ends_the_workers_of_a_parallel_step(tmp_path):
    """One worker busy in native code (as crfsuite is for minutes), one idle: Ctrl-C to the whole process
    group, as a terminal sends it, ends both at once, and only the parent speaks."""
    script = textwrap.dedent("""
        import os, sys
        from newsan.training.steps import run_parallel

        def work(seconds_of_native_code):
            open(os.path.join(sys.argv[1], str(os.getpid())), "w").close()
            return sum(range(seconds_of_native_code * 50_000_000))  # a C loop: Ctrl-C waits for its end

        try:
            run_parallel(work, [60, 0])
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            sys.exit(130)
    """)
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    process = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2:
            assert time.monotonic() < deadline and process.poll() is None, process.communicate()
            time.sleep(0.05)
            workers = [int(path.name) for path in tmp_path.iterdir()]
        time.sleep(0.5)  # the quick task is done: that worker waits for work
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
        assert process.returncode == 130 and stderr == "interrupted\n", stderr
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()


def _alive(pid: int) -> bool:
    """A process that exists and is not a zombie waiting for its parent."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False
