"""Run the pipeline over many inputs: keep going past bad ones, count them, stream results.

The CLI parses options and hands a stream of sources to `run_batch`; this
module decides what a failure is (a one-line message naming the input), and
computes the exit status, so any other front end gets the same behaviour.
"""

from __future__ import annotations

import enum
import os
import tempfile
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from .ingest import IngestError
from .model import Source
from .pipeline import Options, analyze_source
from .render import article_to_dict


class ExitStatus(enum.IntEnum):
    OK = 0
    INPUT_FAILED = 1
    USAGE = 2
    INTERRUPTED = 130


@dataclass(slots=True)
class BatchReport:
    analyzed: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def status(self) -> ExitStatus:
        return ExitStatus.INPUT_FAILED if self.failed else ExitStatus.OK


def analyze_to_dict(source: Source, options: Options, tokens: bool = False) -> dict:
    """One source to its schema dict; the unit of work of every runner (local, pool, cluster)."""
    return article_to_dict(analyze_source(source, options), tokens=tokens)


def run_batch(items: Iterable[Source | IngestError], options: Options, write: Callable[[dict], None], *,
              report_error: Callable[[str], None], tokens: bool = False, show_traceback: bool = False,
              advance: Callable[[str], None] = lambda path: None) -> BatchReport:
    """Analyze every source in order, writing each result as soon as it is ready."""
    report = BatchReport()
    for item in items:
        if isinstance(item, IngestError):
            report.failed.append(item.path)
            report_error(str(item))
            advance(item.path)
            continue
        try:
            result = analyze_to_dict(item, options, tokens)
        except (KeyboardInterrupt, MemoryError):
            raise
        except Exception as error:  # one bad input never sinks the batch
            report.failed.append(item.path)
            detail = traceback.format_exc() if show_traceback else ""
            report_error(f"{item.path}: analysis failed: {error.__class__.__name__}: {error}" +
                         (f"\n{detail}" if detail else ""))
            advance(item.path)
            continue
        write(result)
        report.analyzed += 1
        advance(item.path)
    return report


@contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[TextIO]:
    """Write to a temporary file beside `path` and move it into place only on success."""
    target = Path(path)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent or ".",
                                         prefix=f".{target.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            yield handle
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
