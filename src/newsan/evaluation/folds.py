"""Quote scores grouped by outlet, and folds that never split an outlet.

Twelve tuned-on articles scored 0.96 where unseen news scored 0.82: a rule
written from one outlet's habits looks good on that outlet. Scoring by fold,
with all of an outlet's articles in one fold, shows how a change does on
outlets apart from each other; the spread between folds says how far one
figure can be trusted. A learned component trains on the other folds only.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsan.evaluation.quotes import ArticleResult, Counts, load_gold_folder

UNKNOWN_OUTLET = "unknown"
# Gold files name outlets as a display name ("Sky News Arabia") or a short key ("skynews"); these two
# spell the same outlet differently once case, punctuation and the word "Arabic" are gone.
_OUTLET_ALIASES = {"alarabiya": "alarabia", "asharqalawsat": "aawsat"}


def outlet_of(gold: Mapping[str, Any]) -> str:
    """The outlet a gold record names in its source as one key ("BBC Arabic" and "bbc": bbc), else 'unknown'."""
    source = gold.get("source") or {}
    key = re.sub(r"[^a-z0-9]", "", str(source.get("outlet") or "").lower())
    key = re.sub(r"(?<=...)arabi[ac]$", "", key)
    return _OUTLET_ALIASES.get(key, key) or UNKNOWN_OUTLET


def gold_outlets(folder: str) -> dict[str, str]:
    """Article name → outlet key, for every article of a gold folder."""
    return {name: outlet_of(gold) for name, _, gold in load_gold_folder(folder)}


def outlet_folds(outlets: Mapping[str, str], folds: int) -> list[list[str]]:
    """Article names in `folds` groups of about equal size, every outlet whole in one group.

    Outlets go largest first into the group with fewest articles so far (ties: the
    first group; outlets of one size in name order), so the split is the same on every run.
    """
    by_outlet: dict[str, list[str]] = {}
    for name in sorted(outlets):
        by_outlet.setdefault(outlets[name], []).append(name)
    count = max(1, min(folds, len(by_outlet)))
    groups: list[list[str]] = [[] for _ in range(count)]
    for outlet in sorted(by_outlet, key=lambda o: (-len(by_outlet[o]), o)):
        smallest = min(range(count), key=lambda g: (len(groups[g]), g))
        groups[smallest].extend(by_outlet[outlet])
    return [sorted(group) for group in groups]


def grouped_counts(results: Sequence[ArticleResult], groups: Mapping[str, Sequence[str]]) -> dict[str, Counts]:
    """The summed counts of each named group of articles."""
    by_name = {result.name: result.counts for result in results}
    return {label: sum((by_name[name] for name in names if name in by_name), Counts())
            for label, names in groups.items()}


def by_outlet(results: Sequence[ArticleResult], outlets: Mapping[str, str]) -> dict[str, Counts]:
    """Counts per outlet, outlets in name order."""
    groups: dict[str, list[str]] = {}
    for name, outlet in sorted(outlets.items()):
        groups.setdefault(outlet, []).append(name)
    return grouped_counts(results, dict(sorted(groups.items())))


@dataclass(frozen=True, slots=True)
class FoldSummary:
    """Each fold's scores, and their mean and spread (population standard deviation) per measure."""

    folds: list[dict[str, float]]
    mean: dict[str, float]
    spread: dict[str, float]


def fold_summary(results: Sequence[ArticleResult], outlets: Mapping[str, str], folds: int) -> FoldSummary:
    """Score each outlet-grouped fold on its own; the mean over folds is the figure to judge a change by."""
    groups = outlet_folds(outlets, folds)
    by_fold = grouped_counts(results, {f"fold {i}": g for i, g in enumerate(groups, 1)})
    scores = [counts.scores() for counts in by_fold.values()]
    measures = scores[0].keys() if scores else ()
    return FoldSummary(scores,
                       {m: statistics.fmean(s[m] for s in scores) for m in measures},
                       {m: statistics.pstdev(s[m] for s in scores) for m in measures})
