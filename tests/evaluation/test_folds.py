from pathlib import Path

import pytest

from newsan.evaluation.folds import by_outlet, fold_summary, outlet_folds, outlet_of
from newsan.evaluation.quotes import ArticleResult, Counts

NEWS_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "news-dev"


def test_outlet_of_reads_the_gold_source():
    assert outlet_of({"source": {"outlet": "BBC Arabic"}}) == outlet_of({"source": {"outlet": "bbc"}}) == "bbc"
    assert outlet_of({"source": {"outlet": "Sky News Arabia"}}) == "skynews"
    assert outlet_of({"source": {"outlet": "Al-Jazirah"}}) == "aljazirah"
    assert outlet_of({"source": {}}) == outlet_of({}) == "unknown"


def test_folds_keep_each_outlet_whole_and_balance_sizes():
    outlets = {"01": "A", "02": "A", "03": "A", "04": "B", "05": "B", "06": "C", "07": "D", "08": "D"}
    folds = outlet_folds(outlets, 3)
    assert sorted(name for fold in folds for name in fold) == sorted(outlets)
    for fold in folds:
        assert all(outlets[name] not in {outlets[other] for f in folds if f is not fold for other in f}
                   for name in fold)
    assert sorted(len(f) for f in folds) == [2, 3, 3]
    assert outlet_folds(outlets, 3) == folds  # the same split every run


def test_more_folds_than_outlets_gives_one_fold_per_outlet():
    assert outlet_folds({"01": "A", "02": "B"}, 5) == [["01"], ["02"]]


def test_fold_summary_means_the_folds_own_scores():
    results = [ArticleResult("01", Counts(gold_speakers=2, predicted_speakers=2, matched_speakers=2)),
               ArticleResult("02", Counts(gold_speakers=2, predicted_speakers=2, matched_speakers=0))]
    summary = fold_summary(results, {"01": "A", "02": "B"}, 2)
    assert sorted(s["speaker_recall"] for s in summary.folds) == [0.0, 1.0]
    assert summary.mean["speaker_recall"] == 0.5 and summary.spread["speaker_recall"] == 0.5
    table = by_outlet(results, {"01": "A", "02": "B"})
    assert list(table) == ["A", "B"] and table["B"].matched_speakers == 0


@pytest.mark.skipif(not NEWS_DEV.is_dir(), reason=f"news-dev gold folder not found at {NEWS_DEV}")
def test_news_dev_has_outlets_for_five_folds():
    import json

    outlets = {p.name[:2]: outlet_of(json.loads(p.read_text("utf-8"))) for p in NEWS_DEV.glob("*.gold.json")}
    assert "unknown" not in outlets.values()
    folds = outlet_folds(outlets, 5)
    assert len(folds) == 5 and min(len(f) for f in folds) >= 5
