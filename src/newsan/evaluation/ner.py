"""Exact-match entity evaluation with conlleval's rules.

An entity is counted correct only if gold and predicted agree on its type and
both boundaries. As in conlleval, an ``I-X`` that follows ``O`` or a tag of
another type opens a new entity instead of being dropped, so a tagger is not
penalized twice for a missing ``B-`` (the span reading is newsan.ner.labels.entity_spans).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsan.evaluation.quotes import f1_score
from newsan.ner.labels import entity_spans


@dataclass
class Score:
    """Counts and scores (in percent, as conlleval prints them) for one type or micro."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return 100.0 * self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 2), "recall": round(self.recall, 2),
                "f1": round(self.f1, 2), "correct": self.correct,
                "predicted": self.predicted, "gold": self.gold}


def evaluate(gold: list[list[str]], pred: list[list[str]]) -> dict[str, Score]:
    """Score predicted tag sequences against gold ones, sentence by sentence.

    Returns a Score per entity type plus ``"micro"`` over all types.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    scores: dict[str, Score] = {}
    micro = Score()
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError("a predicted sentence differs in length from its gold one")
        ge, pe = entity_spans(g), entity_spans(p)
        for spans, attr in ((ge, "gold"), (pe, "predicted"), (ge & pe, "correct")):
            for _, _, typ in spans:
                s = scores.setdefault(typ, Score())
                setattr(s, attr, getattr(s, attr) + 1)
                setattr(micro, attr, getattr(micro, attr) + 1)
    result = dict(sorted(scores.items()))
    result["micro"] = micro
    return result


def format_text(scores: dict[str, Score]) -> str:
    """A fixed-width table: one row per type, micro last."""
    lines = [f"{'type':<6} {'prec':>7} {'rec':>7} {'f1':>7} {'gold':>6} {'pred':>6}"]
    for typ, s in scores.items():
        lines.append(f"{typ:<6} {s.precision:7.2f} {s.recall:7.2f} {s.f1:7.2f} {s.gold:6d} {s.predicted:6d}")
    return "\n".join(lines)
