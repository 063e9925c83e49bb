"""Surface recall and precision of entities against the news-dev gold.

The news-dev gold lists every person, place and organization each article
names, as written (each distinct form once per type). Recall over them says
how much of what a reader would mark newsan finds in real news, beyond the
ANERcorp token scores. A gold name is found when a predicted mention reads
the same under the quote scorer's folding (`evaluation.quotes.comparable`:
spelling variants, one glued proclitic); it is found typed when that
mention's entity has the gold type.

Precision turns it round: of the distinct forms newsan lists as persons,
places and organizations (not MISC, which the gold leaves out with events
and products), how many are gold names, of any type and of their own. The
gold lists a shorter form only where it stands alone, so a name newsan also
lists inside a longer one (عمان in سلطنة عمان) counts against it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsan.evaluation.quotes import comparable, f1_score, load_gold_folder, ratio
from newsan.model import Entity

GOLD_TYPES = ("PER", "LOC", "ORG")


@dataclass(slots=True)
class EntityCounts:
    """Gold names, those found, those found with their type (per gold type); predicted names, those that
    are gold names, those that are gold names of their type (per predicted type): adding up over a folder."""

    gold: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    typed: dict[str, int] = field(default_factory=dict)
    predicted: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    right_typed: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # one line per gold name missed or name listed wrong

    def __add__(self, other: EntityCounts) -> EntityCounts:
        def add(a: Any, b: Any) -> Any:
            return a + b if isinstance(a, list) else {key: a.get(key, 0) + b.get(key, 0) for key in {*a, *b}}

        return EntityCounts(*(add(getattr(self, f.name), getattr(other, f.name)) for f in fields(self)))

    def scores(self) -> dict[str, float]:
        """Recall, precision and their F1, plain and typed, overall and per type (a type's recall over the
        gold names of that type, its precision over the names predicted with it)."""
        total, listed = sum(self.gold.values()), sum(self.predicted.values())
        scores = {"recall": ratio(sum(self.found.values()), total),
                  "typed_recall": ratio(sum(self.typed.values()), total),
                  "precision": ratio(sum(self.right.values()), listed),
                  "typed_precision": ratio(sum(self.right_typed.values()), listed)}
        scores["f1"] = f1_score(scores["precision"], scores["recall"])
        scores["typed_f1"] = f1_score(scores["typed_precision"], scores["typed_recall"])
        for entity_type in GOLD_TYPES:
            whole = self.gold.get(entity_type, 0)
            scores[f"{entity_type}_recall"] = ratio(self.found.get(entity_type, 0), whole)
            scores[f"{entity_type}_typed_recall"] = ratio(self.typed.get(entity_type, 0), whole)
            listed = self.predicted.get(entity_type, 0)
            scores[f"{entity_type}_precision"] = ratio(self.right.get(entity_type, 0), listed)
            scores[f"{entity_type}_typed_precision"] = ratio(self.right_typed.get(entity_type, 0), listed)
        return scores


def _count(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


def score_entities(predicted: Sequence[Entity], gold: Mapping[str, Any]) -> EntityCounts:
    """Tally one article's gold entities against the predicted entities' mentions, and the other way round;
    `errors` names each gold name missed (or found with another type) and each name listed that is no gold
    name (or one of another type)."""
    names = _distinct_names((entity.type, comparable(mention.text), mention.text) for entity in predicted
                            for mention in entity.mentions)
    listed = [(entity_type, forms, text) for entity_type, forms, text in names if entity_type in GOLD_TYPES and forms]
    golden = [(item["type"], comparable(item["text"]), item["text"]) for item in gold.get("entities", [])]
    listed_forms, gold_forms = _forms_by_type(names), _forms_by_type(golden)
    counts = EntityCounts()
    for entity_type, forms, text in golden:
        _tally(counts.errors, (counts.gold, counts.found, counts.typed), entity_type, forms, listed_forms,
               f"missed {entity_type} {text}", "listed", "")
    for entity_type, forms, text in listed:
        _tally(counts.errors, (counts.predicted, counts.right, counts.right_typed), entity_type, forms, gold_forms,
               f"listed {entity_type} {text}", "gold", " (no gold name)")
    return counts


def _forms_by_type(names: Iterable[tuple[str, frozenset[str], str]]) -> dict[str, set[str]]:
    by_type: dict[str, set[str]] = {}
    for entity_type, forms, _ in names:
        by_type.setdefault(entity_type, set()).update(forms)
    return by_type


def _tally(errors: list[str], tallies: tuple[dict[str, int], dict[str, int], dict[str, int]], entity_type: str,
           forms: frozenset[str], other_side: Mapping[str, set[str]], error: str, other_name: str,
           unmatched: str) -> None:
    """Count one name (all, matched on the other side, matched with its type); an error line unless typed."""
    matched = sorted(t for t, other_forms in other_side.items() if forms & other_forms)
    _count(tallies[0], entity_type)
    if matched:
        _count(tallies[1], entity_type)
    if entity_type in matched:
        _count(tallies[2], entity_type)
    else:
        errors.append(error + (f" ({other_name} {'/'.join(matched)})" if matched else unmatched))


def _distinct_names(names: Iterable[tuple[str, frozenset[str], str]]) -> list[tuple[str, frozenset[str], str]]:
    """One (type, forms, text as first written) per name: mentions of one type whose forms meet (بوتين,
    لبوتين) are one name."""
    distinct: list[tuple[str, frozenset[str], str]] = []
    for entity_type, forms, text in names:
        met = [k for k, (other_type, other, _) in enumerate(distinct) if other_type == entity_type and forms & other]
        for k in reversed(met):
            _, other, text = distinct.pop(k)
            forms |= other
        distinct.append((entity_type, forms, text))
    return distinct


def evaluate_entities(folder: str | Path, predict: Callable[[str, str], Sequence[Entity]]
                      ) -> tuple[dict[str, EntityCounts], EntityCounts]:
    """Score `predict(path, text)` on every article of a gold folder: counts per article and in all."""
    results = {name: score_entities(predict(str(Path(folder) / f"{name}.txt"), text), gold)
               for name, text, gold in load_gold_folder(folder)}
    return results, sum(results.values(), EntityCounts())


def pipeline_entities(options: Any) -> Callable[[str, str], list[Entity]]:
    """Predict entities with the real pipeline: the main article's. The gold leaves page furniture out,
    related-article teasers included, so the embedded related articles' entities are not scored (on
    news-dev they found no gold name the main article's missed, and listed 60 names, none of them gold)."""
    from newsan.analysis.pipeline import analyze_source
    from newsan.model import Source

    def predict(path: str, text: str) -> list[Entity]:
        return analyze_source(Source(path, text, title=None), options).entities

    return predict
