"""What became of each input of a batch, and the loop that writes results and reports failures.

Light on purpose (no pipeline import): the runners (`runners.batch`,
`runners.cluster`) produce `Outcome`s by analyzing, `newsan report` also by
reading results already made, and both hand them to `run_batch`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class BatchReport:
    analyzed: int = 0
    failed: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its schema dict, or a one-line error."""

    path: str
    result: dict | None = None
    error: str | None = None


def run_batch(outcomes: Iterable[Outcome], write: Callable[[dict], None], *,
              report_error: Callable[[str], None], advance: Callable[[str], None] = lambda path: None
              ) -> BatchReport:
    """Write each result as it arrives, report each failure on its own line, count both."""
    report = BatchReport()
    for outcome in outcomes:
        if outcome.error is not None:
            report.failed.append(outcome.path)
            report_error(outcome.error)
        else:
            assert outcome.result is not None  # an Outcome holds a result or an error
            write(outcome.result)
            report.analyzed += 1
        advance(outcome.path)
    return report
