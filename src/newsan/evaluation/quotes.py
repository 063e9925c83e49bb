"""Score predicted quoted speakers against hand-made gold files.

Gold files are the `NN.gold.json` of a news-dev style folder: next to each
`NN.txt`, speakers with `name`, `mentions`, `title`, `organization` and
quotes (`text`, `kind`), every string an exact substring of the article.

Matching rules (also printed by `newsan eval quotes --help`):

* Forms are compared after `match_form` folding, white-space squeezing and
  dropping quote marks and `#`; two forms are equal when they agree as
  written or with one proclitic (و ف ب ك ل, and لل → ال) stripped from the
  first word of either.
* A predicted speaker matches a gold speaker when its name or any of its
  mentions equals the gold name or any gold mention; pairs are one-to-one
  (maximum bipartite matching).
* A gold quote is found when a quote of the matched predicted speaker covers
  at least half of the gold quote's word tokens (|pred ∩ gold| / |gold| ≥ 0.5).
  A gold string that occurs several times is located where it best overlaps.
* A predicted quote is correct (quote precision) when at least half of its
  word tokens lie inside the gold quotes of its matched gold speaker.
* Title and organization accuracy run over matched speakers: equal after the
  same normalization; a gold null is right only when the prediction is null
  too (and a gold value is wrong when the prediction is null).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsan.arabic.charsets import TATWEEL
from newsan.arabic.clitics import readings_without_proclitic
from newsan.arabic.normalize import match_form
from newsan.model import Speaker

OVERLAP_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
_DROPPED_CHARS = str.maketrans("", "", "\"«»“”„{}#()")


def comparable(form: str | None) -> frozenset[str]:
    """The forms a name, title or organization may be compared under (empty for None).

    The folded form itself, and the same with one proclitic stripped from its
    first word: a name may start with a letter that looks like one (بولتون).
    """
    if form is None:
        return frozenset()
    words = match_form(form.translate(_DROPPED_CHARS).replace(TATWEEL, "")).split()
    if not words:
        return frozenset()
    first, rest = words[0], words[1:]
    return frozenset(" ".join([v, *rest]) for v in readings_without_proclitic(first))


def same_value(predicted: str | None, gold: str | None) -> bool:
    """Title/organization equality; a gold null is matched only by a null."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    return bool(comparable(predicted) & comparable(gold))


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans, position = [], text.find(needle)
    while position >= 0 and needle:
        spans.append((position, position + len(needle)))
        position = text.find(needle, position + 1)
    return spans


def _covered(words: Sequence[tuple[int, int]], start: int, end: int) -> int:
    return sum(1 for ws, we in words if ws >= start and we <= end)


def ratio(part: int, whole: int) -> float:
    """A share that is perfect when there was nothing to find (no gold speaker, no gold quote)."""
    return part / whole if whole else 1.0


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of a precision and a recall (0 when both are)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(slots=True)
class Counts:
    """Tallies for one article; they add up over a folder."""

    gold_speakers: int = 0
    predicted_speakers: int = 0
    matched_speakers: int = 0
    gold_quotes: int = 0
    found_quotes: int = 0
    gold_direct: int = 0
    found_direct: int = 0
    predicted_quotes: int = 0
    correct_quotes: int = 0
    titles_right: int = 0
    organizations_right: int = 0
    gendered_speakers: int = 0  # matched speakers whose gold gender is female or male
    genders_right: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def scores(self) -> dict[str, float]:
        precision = ratio(self.matched_speakers, self.predicted_speakers)
        recall = ratio(self.matched_speakers, self.gold_speakers)
        return {
            "speaker_precision": precision,
            "speaker_recall": recall,
            "speaker_f1": f1_score(precision, recall),
            "quote_recall_direct": ratio(self.found_direct, self.gold_direct),
            "quote_recall_all": ratio(self.found_quotes, self.gold_quotes),
            "quote_precision": ratio(self.correct_quotes, self.predicted_quotes),
            "title_accuracy": ratio(self.titles_right, self.matched_speakers),
            "organization_accuracy": ratio(self.organizations_right, self.matched_speakers),
            "gender_accuracy": ratio(self.genders_right, self.gendered_speakers),
        }


@dataclass(slots=True)
class ArticleResult:
    name: str
    counts: Counts
    errors: list[str] = field(default_factory=list)


def _forms(names: Iterable[str | None]) -> set[str]:
    return {variant for name in names for variant in comparable(name)}


def match_speakers(predicted: Sequence[Speaker], gold: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """One-to-one pairs gold index → predicted index (maximum bipartite matching)."""
    predicted_forms = [_forms([s.name, *s.mentions]) for s in predicted]
    candidates = [[p for p, forms in enumerate(predicted_forms) if forms & _forms([g["name"], *g["mentions"]])]
                  for g in gold]
    owner: dict[int, int] = {}

    def assign(g: int, seen: set[int]) -> bool:
        for p in candidates[g]:
            if p not in seen:
                seen.add(p)
                if p not in owner or assign(owner[p], seen):
                    owner[p] = g
                    return True
        return False

    for g in range(len(gold)):
        assign(g, set())
    return {g: p for p, g in owner.items()}


def score_article(text: str, predicted: Sequence[Speaker], gold: Mapping[str, Any], name: str = "") -> ArticleResult:
    """Tally one article's predictions against its gold record."""
    gold_speakers = gold["speakers"]
    pairs = match_speakers(predicted, gold_speakers)
    counts = Counts(gold_speakers=len(gold_speakers), predicted_speakers=len(predicted), matched_speakers=len(pairs))
    errors: list[str] = []
    for g_index, g in enumerate(gold_speakers):
        label = g["name"] or g["mentions"][0]
        speaker = predicted[pairs[g_index]] if g_index in pairs else None
        if speaker is None:
            errors.append(f"missed speaker: {label}")
        for quote in g["quotes"]:
            words_total = len(_WORD.findall(quote["text"])) or 1
            best = 0
            for q in speaker.quotes if speaker else ():
                for start, end in _occurrences(text, quote["text"]):
                    best = max(best, _covered(_word_spans(text, start, end), q.start, q.end))
            found = best / words_total >= OVERLAP_THRESHOLD
            counts.gold_quotes += 1
            counts.found_quotes += found
            if quote["kind"] == "direct":
                counts.gold_direct += 1
                counts.found_direct += found
            if not found and speaker is not None:
                errors.append(f"missed {quote['kind']} quote of {label}: {quote['text'][:60]}")
        if speaker is not None:
            for key, counter in (("title", "titles_right"), ("organization", "organizations_right")):
                right = same_value(getattr(speaker, key), g[key])
                setattr(counts, counter, getattr(counts, counter) + right)
                if not right:
                    errors.append(f"{key} of {label}: predicted {getattr(speaker, key)!r}, gold {g[key]!r}")
            if g.get("gender") in ("female", "male"):
                counts.gendered_speakers += 1
                counts.genders_right += speaker.gender == g["gender"]
                if speaker.gender != g["gender"]:
                    errors.append(f"gender of {label}: predicted {speaker.gender!r}, gold {g['gender']!r}")
    matched_predicted = {p: g for g, p in pairs.items()}
    for p_index, speaker in enumerate(predicted):
        gold_spans = []
        if p_index in matched_predicted:
            for quote in gold_speakers[matched_predicted[p_index]]["quotes"]:
                gold_spans.extend(_occurrences(text, quote["text"]))
        else:
            errors.append(f"spurious speaker: {speaker.name or speaker.title or speaker.mentions}")
        for q in speaker.quotes:
            words = _word_spans(text, q.start, q.end)
            inside = sum(1 for ws, we in words if any(s <= ws and we <= e for s, e in gold_spans))
            counts.predicted_quotes += 1
            correct = bool(words) and inside / len(words) >= OVERLAP_THRESHOLD
            counts.correct_quotes += correct
            if not correct and p_index in matched_predicted:
                errors.append(f"spurious quote of {speaker.name or speaker.title}: {q.text[:60]}")
    return ArticleResult(name, counts, errors)


def load_gold_folder(folder: str | Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, article text, gold record) for every `NN.txt` with a `NN.gold.json`."""
    folder = Path(folder)
    items = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        text_path = folder / f"{stem}.txt"
        if text_path.exists():
            items.append((stem, text_path.read_text("utf-8"),
                          json.loads(gold_path.read_text("utf-8"))))
    return items


def evaluate_folder(folder: str | Path, predict: Callable[[str, str], Sequence[Speaker]]
                    ) -> tuple[list[ArticleResult], Counts]:
    """Score `predict(path, text)` on every article of a gold folder; per-article results and totals."""
    results = [score_article(text, predict(str(Path(folder) / f"{name}.txt"), text), gold, name)
               for name, text, gold in load_gold_folder(folder)]
    total = sum((r.counts for r in results), Counts())
    return results, total


def pipeline_predictor(options: Any) -> Callable[[str, str], list[Speaker]]:
    """Predict speakers with the real pipeline: the main article's (the gold lists the speakers of the
    article itself; an embedded related article, such as the leads of other articles closing a CNN page,
    is another article)."""
    from newsan.analysis.pipeline import analyze_source
    from newsan.model import Source

    def predict(path: str, text: str) -> list[Speaker]:
        article = analyze_source(Source(path, text, title=None), options)
        return list(article.speakers)

    return predict
