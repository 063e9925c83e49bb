"""The quote scorer on hand-computed cases, and score floors on news-dev."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsan.analysis.pipeline import Options
from newsan.cli.quotes import eval_quotes_command
from newsan.evaluation.folds import fold_summary, gold_outlets
from newsan.evaluation.quotes import Counts, evaluate_folder, pipeline_predictor, same_value, score_article
from newsan.model import Quote, Speaker

NEWS_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "news-dev"

TEXT = "قال الوزير سامي إن الحل سياسي. وقال مصدر إن الوضع هادئ جدا اليوم."
GOLD = {"speakers": [
    {"name": "سامي", "mentions": ["سامي", "الوزير"], "title": "الوزير", "organization": None,
     "quotes": [{"text": "الحل سياسي", "kind": "indirect"}]},
    {"name": None, "mentions": ["مصدر"], "title": "مصدر", "organization": None,
     "quotes": [{"text": "الوضع هادئ جدا اليوم", "kind": "indirect"}]},
]}


def quote(text: str, kind: str = "indirect") -> Quote:
    start = TEXT.index(text)
    return Quote(text, kind, "قال", start, start + len(text))


def test_forms_agree_after_folding_and_proclitic_stripping():
    assert same_value("للأمم المتحدة", "الأمم المتحدة")
    assert same_value("وبولتون", "بولتون")
    assert same_value("«الشرق الأوسط»", "الشرق الاوسط")
    assert not same_value(None, "الوزير") and same_value(None, None)


def test_perfect_prediction_scores_one():
    predicted = [Speaker("سامي", "الوزير", None, "official", [quote("الحل سياسي")], ["سامي"]),
                 Speaker(None, "مصدر", None, "other", [quote("الوضع هادئ جدا اليوم")], ["مصدر"])]
    scores = score_article(TEXT, predicted, GOLD).counts.scores()
    assert scores["speaker_f1"] == 1.0
    assert scores["quote_recall_all"] == 1.0
    assert scores["quote_precision"] == 1.0
    assert scores["title_accuracy"] == scores["organization_accuracy"] == 1.0


def test_half_overlap_counts_and_less_does_not():
    # 2 of 4 gold words covered: found; 1 of 4: missed.
    found = [Speaker(None, "مصدر", None, "other", [quote("الوضع هادئ")], ["مصدر"])]
    missed = [Speaker(None, "مصدر", None, "other", [quote("الوضع")], ["مصدر"])]
    assert score_article(TEXT, found, GOLD).counts.found_quotes == 1
    assert score_article(TEXT, missed, GOLD).counts.found_quotes == 0


def test_speaker_matching_is_one_to_one_and_quotes_follow_the_match():
    # Two predictions both named by "الوزير": only one can match; the wrong speaker's quote does not count.
    predicted = [Speaker(None, "الوزير", None, "official", [quote("الوضع هادئ جدا اليوم")], ["الوزير"]),
                 Speaker("الوزير", None, None, "official", [], ["الوزير"])]
    counts = score_article(TEXT, predicted, GOLD).counts
    assert (counts.matched_speakers, counts.predicted_speakers, counts.gold_speakers) == (1, 2, 2)
    assert counts.found_quotes == 0
    assert counts.correct_quotes == 0
    scores = counts.scores()
    assert scores["speaker_precision"] == 0.5 and scores["speaker_recall"] == 0.5


def test_null_title_must_be_predicted_null():
    predicted = [Speaker("سامي", None, "الحكومة", "official", [], ["سامي"])]
    counts = score_article(TEXT, predicted, GOLD).counts
    assert counts.titles_right == 0          # gold "الوزير", predicted None
    assert counts.organizations_right == 0   # gold None, predicted "الحكومة"


@pytest.fixture(scope="module")
def news_dev_results():
    if not NEWS_DEV.is_dir():
        pytest.skip(f"news-dev gold folder not found at {NEWS_DEV}")
    results, _ = evaluate_folder(NEWS_DEV, pipeline_predictor(Options(ner="rules")))
    return results


def test_news_dev_cross_validated_floors(news_dev_results):
    """Floors a little under the mean of five outlet-grouped folds (rules NER: speaker F1 0.873, direct 0.845,
    all 0.793, quote precision 0.848, title 0.919, organization 0.942, gender 0.989); raise them as it improves.

    The fold mean, not the plain score, is the figure a rule change is judged by (issue 18).
    """
    summary = fold_summary(news_dev_results, gold_outlets(str(NEWS_DEV)), 5)
    floors = {"speaker_f1": 0.86, "quote_recall_direct": 0.83, "quote_recall_all": 0.78, "quote_precision": 0.83,
              "title_accuracy": 0.90, "organization_accuracy": 0.92, "gender_accuracy": 0.96}
    for key, floor in floors.items():
        assert summary.mean[key] >= floor, f"{key} {summary.mean[key]:.3f} fell under {floor}"


def test_news_dev_cross_validated_floors_of_the_default_analysis():
    """The issue 18 targets, met by the default entity model's analysis: floors a little under its fold mean
    (speaker F1 0.908, direct 0.942, all 0.871, title 0.906, organization 0.931, gender 0.989)."""
    if not NEWS_DEV.is_dir():
        pytest.skip(f"news-dev gold folder not found at {NEWS_DEV}")
    results, _ = evaluate_folder(NEWS_DEV, pipeline_predictor(Options()))
    summary = fold_summary(results, gold_outlets(str(NEWS_DEV)), 5)
    floors = {"speaker_f1": 0.90, "quote_recall_direct": 0.93, "quote_recall_all": 0.86, "quote_precision": 0.90,
              "title_accuracy": 0.89, "organization_accuracy": 0.92, "gender_accuracy": 0.97}
    for key, floor in floors.items():
        assert summary.mean[key] >= floor, f"{key} {summary.mean[key]:.3f} fell under {floor}"


def test_articles_tuned_on_keep_their_scores(news_dev_results):
    """01-12, the articles the rules were written from, as a regression guard (not a measure of quality)."""
    scores = sum((r.counts for r in news_dev_results if int(r.name) <= 12), Counts()).scores()
    floors = {"speaker_f1": 0.92, "quote_recall_direct": 0.95, "quote_recall_all": 0.90, "quote_precision": 0.90,
              "title_accuracy": 0.87, "organization_accuracy": 0.92}
    for key, floor in floors.items():
        assert scores[key] >= floor, f"{key} {scores[key]:.3f} fell under {floor}"


@pytest.mark.skipif(not NEWS_DEV.is_dir(), reason=f"news-dev gold folder not found at {NEWS_DEV}")
def test_cli_prints_overall_row_and_json():
    runner = CliRunner()
    result = runner.invoke(eval_quotes_command, ["--gold", str(NEWS_DEV), "--ner", "rules"])
    assert result.exit_code == 0, result.output
    assert "overall" in result.output
    result = runner.invoke(eval_quotes_command, ["--gold", str(NEWS_DEV), "--ner", "rules", "--format", "json"])
    assert '"speaker_f1"' in result.output


@pytest.mark.skipif(not NEWS_DEV.is_dir(), reason=f"news-dev gold folder not found at {NEWS_DEV}")
def test_cli_scores_by_outlet_and_by_folds(tmp_path):
    import json
    import shutil

    for name in ("01", "02", "06", "07"):  # BBC twice, CNN, Al-Weeam
        for suffix in (".txt", ".gold.json"):
            shutil.copy(NEWS_DEV / f"{name}{suffix}", tmp_path)
    runner = CliRunner()
    arguments = ["--gold", str(tmp_path), "--ner", "rules", "--by-outlet", "--folds", "2"]
    result = runner.invoke(eval_quotes_command, [*arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert sorted(payload["by_outlet"]) == ["alweeam", "bbc", "cnn"]
    assert len(payload["folds"]["folds"]) == 2 and 0 <= payload["folds"]["mean"]["speaker_f1"] <= 1
    text = runner.invoke(eval_quotes_command, arguments).output
    assert text.splitlines()[-2].startswith("mean") and any(line.startswith("bbc ") for line in text.splitlines())


def test_help_states_matching_rules():
    result = CliRunner().invoke(eval_quotes_command, ["--help"])
    assert "one-to-one" in result.output and "half" in result.output
