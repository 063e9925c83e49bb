"""What a run tells the person watching it, on stderr: notes, and a progress line on a terminal.

stdout carries only data, so nothing here ever writes to it.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import click

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from newsan.training.steps import Step


@dataclass(frozen=True)
class Reporter:
    """The -q / -v / --traceback settings, and the notes they allow."""

    quiet: bool = False
    verbose: bool = False
    show_traceback: bool = False

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"newsan: {message}", err=True)

    def progress(self) -> contextlib.AbstractContextManager[Callable[[str], None]]:
        """A context giving `advance(path)`; a progress line only for a person watching a terminal."""
        if self.quiet or not sys.stderr.isatty():
            return contextlib.nullcontext(lambda path: None)
        return _ProgressLine()

    def steps(self) -> contextlib.AbstractContextManager[Callable[[Step], None]]:
        """A context giving `report(step)` for a long run of steps (training): a rich line on a terminal,
        plain lines otherwise, nothing with -q."""
        if self.quiet:
            return contextlib.nullcontext(lambda step: None)
        return _StepProgress(live=sys.stderr.isatty())


class _ProgressLine:
    """A transient progress line on stderr, shown from the second input on (one file needs none)."""

    def __init__(self):
        self._seen = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Callable[[str], None]:
        return self.advance

    def advance(self, path: str) -> None:
        self._seen += 1
        if self._progress is None and self._seen >= 2:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(SpinnerColumn(), TextColumn("{task.completed} done"),
                                      TextColumn("[dim]{task.description}"), TimeElapsedColumn(),
                                      console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("", total=None, completed=self._seen - 1)
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=path[-60:])

    def __exit__(self, *exc) -> Literal[False]:
        if self._progress is not None:
            self._progress.stop()
        return False


class _StepProgress:
    """Each step of a long run, how far it is and the time it has left: one rich line updated in place
    on a terminal; else a line per step, and per tenth of a counted step, for a log."""

    def __init__(self, live: bool):
        self._live = live
        self._started: dict[str, float] = {}
        self._last_line: tuple[str, int] | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Callable[[Step], None]:
        if self._live:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                      console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("", total=None)
        return self.report

    def report(self, step: Step) -> None:
        text = describe_step(step, time.monotonic() - self._started.setdefault(step.what, time.monotonic()))
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=text)
            return
        line = (step.what, step.done * 10 // step.total if step.total else 0)
        if line != self._last_line:
            self._last_line = line
            click.echo(f"newsan: {text}", err=True)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()


def describe_step(step: Step, elapsed: float) -> str:
    """'cross-validation CRFs: 2 of 5 folds done, about 3 min left': the time left is the pace so far
    times what remains, said only once a unit is done."""
    if step.total is None:
        return f"{step.what}…"
    text = f"{step.what}: {step.done} of {step.total} {step.unit} done".replace("  ", " ")
    if 0 < step.done < step.total:
        left = elapsed / step.done * (step.total - step.done)
        text += f", about {max(1, round(left))} s left" if left < 90 else f", about {round(left / 60)} min left"
    return text
