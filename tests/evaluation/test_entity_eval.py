import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsan.cli import main
from newsan.evaluation.entities import EntityCounts, score_entities
from newsan.model import Entity, Mention

NEWS_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "news-dev"

GOLD = {"entities": [{"text": "بوتين", "type": "PER"}, {"text": "موسكو", "type": "LOC"},
                     {"text": "الأمم المتحدة", "type": "ORG"}]}


def test_a_gold_name_is_found_by_a_mention_read_the_same_and_typed_by_its_entity():
    putin = [Mention("فلاديمير بوتين", 0, 14, "PER"), Mention("لبوتين", 30, 36, "PER")]
    predicted = [Entity("فلاديمير بوتين", "PER", putin),
                 Entity("موسكو", "ORG", [Mention("موسكو", 40, 45, "ORG")])]
    counts = score_entities(predicted, GOLD)
    assert (counts.gold, counts.found, counts.typed) == ({"PER": 1, "LOC": 1, "ORG": 1}, {"PER": 1, "LOC": 1},
                                                         {"PER": 1})
    scores = counts.scores()
    assert scores["recall"] == pytest.approx(2 / 3) and scores["typed_recall"] == pytest.approx(1 / 3)
    assert scores["ORG_recall"] == 0.0 and scores["LOC_typed_recall"] == 0.0


def test_a_listed_name_is_right_when_it_is_a_gold_name_and_its_variants_count_once():
    putin = [Mention("فلاديمير بوتين", 0, 14, "PER"), Mention("بوتين", 20, 25, "PER"), Mention("لبوتين", 30, 36, "PER")]
    predicted = [Entity("فلاديمير بوتين", "PER", putin),
                 Entity("موسكو", "ORG", [Mention("موسكو", 40, 45, "ORG")]),
                 Entity("الحكومة الروسية", "ORG", [Mention("الحكومة الروسية", 50, 65, "ORG")]),
                 Entity("كأس العالم", "MISC", [Mention("كأس العالم", 70, 80, "MISC")])]  # the gold has no MISC
    counts = score_entities(predicted, GOLD)
    assert (counts.predicted, counts.right, counts.right_typed) == ({"PER": 2, "ORG": 2}, {"PER": 1, "ORG": 1},
                                                                    {"PER": 1})
    scores = counts.scores()
    assert scores["precision"] == pytest.approx(2 / 4) and scores["typed_precision"] == pytest.approx(1 / 4)
    assert scores["PER_typed_precision"] == pytest.approx(1 / 2) and scores["ORG_precision"] == pytest.approx(1 / 2)
    assert scores["f1"] == pytest.approx(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3))


def test_errors_name_the_gold_names_missed_and_the_names_listed_wrong():
    predicted = [Entity("بوتين", "PER", [Mention("بوتين", 0, 5, "PER")]),
                 Entity("موسكو", "ORG", [Mention("موسكو", 10, 15, "ORG")]),
                 Entity("الحكومة الروسية", "ORG", [Mention("الحكومة الروسية", 20, 35, "ORG")])]
    assert score_entities(predicted, GOLD).errors == [
        "missed LOC موسكو (listed ORG)", "missed ORG الأمم المتحدة",
        "listed ORG موسكو (gold LOC)", "listed ORG الحكومة الروسية (no gold name)"]


def test_eval_entities_lists_errors_on_stderr(tmp_path):
    (tmp_path / "01.txt").write_text("وقال الرئيس الروسي فلاديمير بوتين في موسكو إن الاتفاق قريب.", encoding="utf-8")
    (tmp_path / "01.gold.json").write_text(json.dumps({"entities": [
        {"text": "فلاديمير بوتين", "type": "PER"}, {"text": "موسكو", "type": "LOC"},
        {"text": "الأمم المتحدة", "type": "ORG"}]}, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "entities", "--gold", str(tmp_path), "--ner", "rules", "--errors"])
    assert result.exit_code == 0, result.output
    assert "01: missed ORG الأمم المتحدة" in result.stderr and "missed" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("F1 ")


def test_counts_add_up_over_articles():
    total = (EntityCounts({"PER": 1}, {"PER": 1}, {}, {"PER": 2}, {"PER": 1}, {})
             + EntityCounts({"PER": 1, "LOC": 2}, {"LOC": 1}, {"LOC": 1}, {"LOC": 1}, {"LOC": 1}, {"LOC": 1}))
    assert (total.gold, total.found, total.typed) == ({"PER": 2, "LOC": 2}, {"PER": 1, "LOC": 1}, {"LOC": 1})
    assert (total.predicted, total.right, total.right_typed) == ({"PER": 2, "LOC": 1}, {"PER": 1, "LOC": 1},
                                                                 {"LOC": 1})


@pytest.mark.skipif(not NEWS_DEV.is_dir(), reason=f"news-dev gold folder not found at {NEWS_DEV}")
def test_news_dev_entity_recall_and_precision_floors():
    """Floors a little under the default analysis's surface recall on news-dev (0.83, typed 0.82; ORG 0.81 with
    the bodies read from organization heads, the gazetteer names the tagger left out, the names after the
    noun of their kind and the hashtags read as words, 0.38 from the tagger alone; LOC 0.87; PER 0.82) and
    precision (0.75, typed 0.74; organizations 0.64: the gold leaves out descriptions such as القوات الأمريكية)."""
    result = CliRunner().invoke(main, ["eval", "entities", "--gold", str(NEWS_DEV), "--format", "json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.output)["overall"]
    floors = {"recall": 0.81, "typed_recall": 0.79, "PER_recall": 0.80, "LOC_recall": 0.84, "ORG_recall": 0.78,
              "precision": 0.73, "typed_precision": 0.72, "ORG_typed_precision": 0.61}
    for key, floor in floors.items():
        assert overall[key] >= floor, f"{key} {overall[key]:.3f} fell under {floor}"
