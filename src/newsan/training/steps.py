"""How training tells its caller what it is doing, and how it runs work in two processes.

Training takes minutes (over ten with a corpus): the caller is told each
step as it starts, and how far a counted step is (fold 2 of 5), so it can
show progress and estimate the time left. The fold workers must never outlive
the run: they leave Ctrl-C to the parent, which ends them on any interruption.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    """A training step: what it does, and how many of its ``total`` units are done when they can be counted."""

    what: str
    done: int = 0
    total: int | None = None
    unit: str = ""


Progress = Callable[[Step], None]


def no_progress(step: Step) -> None:
    """The default listener: training runs silently."""


def _leave_interrupts_to_the_parent() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call_numbered(task: tuple[Callable[[Any], Any], int, Any]) -> tuple[int, Any]:
    fn, number, argument = task
    return number, fn(argument)


def run_parallel(fn: Callable[[Any], Any], args: Sequence[Any], progress: Progress = no_progress,
                 what: str = "", unit: str = "") -> list:
    """Map ``fn`` over ``args`` in two forked processes (the machine has two cores), in order;
    ``progress`` hears of each one done.

    A worker busy in native code (crfsuite, torch) would not notice Ctrl-C for
    minutes: the workers ignore it and the parent terminates them whatever
    stops it, a second Ctrl-C during that included.
    """
    import multiprocessing

    results: dict[int, Any] = {}
    pool = multiprocessing.get_context("fork").Pool(2, initializer=_leave_interrupts_to_the_parent)
    try:
        progress(Step(what, 0, len(args), unit))
        for number, result in pool.imap_unordered(_call_numbered, [(fn, i, arg) for i, arg in enumerate(args)]):
            results[number] = result
            progress(Step(what, len(results), len(args), unit))
    finally:
        with _uninterrupted():
            pool.terminate()
            pool.join()
    return [results[number] for number in range(len(args))]


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ignore Ctrl-C inside the block, so stopping the workers is never cut short (only the main
    thread may set a signal handler; another thread is never interrupted anyway)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
