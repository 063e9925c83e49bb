"""Surface recall of entities against the news-dev gold: is each gold name found, and with its type?

The news-dev gold lists the people, places and organizations each article
names, as written. Recall over them says how much of what a reader would
mark newsan finds in real news, beyond the ANERcorp token scores. A gold name
is found when a predicted mention reads the same under the quote scorer's
folding (`evaluation.quotes.comparable`: spelling variants, one glued
proclitic); it is found typed when that mention's entity has the gold type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsan.evaluation.quotes import comparable, load_gold_folder, ratio
from newsan.model import Entity

GOLD_TYPES = ("PER", "LOC", "ORG")


@dataclass(slots=True)
class EntityCounts:
    """Gold names, those found, those found with their type: per gold type, adding up over a folder."""

    gold: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    typed: dict[str, int] = field(default_factory=dict)

    def __add__(self, other: EntityCounts) -> EntityCounts:
        def add(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
            return {key: a.get(key, 0) + b.get(key, 0) for key in {*a, *b}}

        return EntityCounts(*(add(getattr(self, f.name), getattr(other, f.name)) for f in fields(self)))

    def scores(self) -> dict[str, float]:
        """Recall and typed recall, overall and per gold type."""
        total = sum(self.gold.values())
        scores = {"recall": ratio(sum(self.found.values()), total),
                  "typed_recall": ratio(sum(self.typed.values()), total)}
        for entity_type in GOLD_TYPES:
            whole = self.gold.get(entity_type, 0)
            scores[f"{entity_type}_recall"] = ratio(self.found.get(entity_type, 0), whole)
            scores[f"{entity_type}_typed_recall"] = ratio(self.typed.get(entity_type, 0), whole)
        return scores


def score_entities(predicted: Sequence[Entity], gold: Mapping[str, Any]) -> EntityCounts:
    """Tally one article's gold entities against the predicted entities' mentions."""
    forms_by_type: dict[str, set[str]] = {}
    for entity in predicted:
        forms = forms_by_type.setdefault(entity.type, set())
        for mention in entity.mentions:
            forms.update(comparable(mention.text))
    every_form = set().union(*forms_by_type.values())
    counts = EntityCounts()
    for item in gold.get("entities", []):
        entity_type, gold_forms = item["type"], comparable(item["text"])
        counts.gold[entity_type] = counts.gold.get(entity_type, 0) + 1
        if gold_forms & every_form:
            counts.found[entity_type] = counts.found.get(entity_type, 0) + 1
        if gold_forms & forms_by_type.get(entity_type, set()):
            counts.typed[entity_type] = counts.typed.get(entity_type, 0) + 1
    return counts


def evaluate_entities(folder: str | Path, predict: Callable[[str, str], Sequence[Entity]]
                      ) -> tuple[dict[str, EntityCounts], EntityCounts]:
    """Score `predict(path, text)` on every article of a gold folder: counts per article and in all."""
    results = {name: score_entities(predict(str(Path(folder) / f"{name}.txt"), text), gold)
               for name, text, gold in load_gold_folder(folder)}
    return results, sum(results.values(), EntityCounts())


def pipeline_entities(options: Any) -> Callable[[str, str], list[Entity]]:
    """Predict entities with the real pipeline: the main article's and its embedded related articles'."""
    from newsan.analysis.pipeline import analyze_source
    from newsan.model import Source

    def predict(path: str, text: str) -> list[Entity]:
        article = analyze_source(Source(path, text, title=None), options)
        return [e for a in [article, *article.related_articles] for e in a.entities]

    return predict
