"""What a run tells the person watching it, on stderr: notes, and a progress line on a terminal.

stdout carries only data, so nothing here ever writes to it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import click

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


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
