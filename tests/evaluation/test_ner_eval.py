"""conlleval-style scoring, checked against hand-computed values."""

import pytest

from newsan.evaluation.ner import evaluate
from newsan.ner.labels import entity_spans


def test_entities_follow_conlleval_for_i_without_b():
    assert entity_spans(["I-LOC", "I-LOC", "O"]) == {(0, 2, "LOC")}
    assert entity_spans(["B-PER", "I-LOC"]) == {(0, 1, "PER"), (1, 2, "LOC")}
    assert entity_spans(["B-PER", "B-PER", "I-PER"]) == {(0, 1, "PER"), (1, 3, "PER")}
    assert entity_spans(["O", "I-ORG"]) == {(1, 2, "ORG")}
    assert entity_spans([]) == set()


def test_scores_by_hand():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "B-MISC"]]
    s = evaluate(gold, pred)
    # gold: PER(0,2) LOC ORG = 3; pred: PER(0,1) LOC ORG MISC = 4; correct: LOC ORG = 2
    assert (s["micro"].correct, s["micro"].predicted, s["micro"].gold) == (2, 4, 3)
    assert s["micro"].precision == pytest.approx(50.0)
    assert s["micro"].recall == pytest.approx(200 / 3)
    assert s["micro"].f1 == pytest.approx(2 * 50 * (200 / 3) / (50 + 200 / 3))
    assert s["PER"].f1 == 0.0 and s["LOC"].f1 == 100.0
    assert s["MISC"].precision == 0.0 and s["MISC"].gold == 0
    assert list(s) == ["LOC", "MISC", "ORG", "PER", "micro"]


def test_i_without_b_matches_gold_as_conlleval_does():
    s = evaluate([["B-LOC", "I-LOC"]], [["I-LOC", "I-LOC"]])
    assert s["micro"].f1 == 100.0


def test_entities_do_not_cross_sentences():
    s = evaluate([["B-PER"], ["I-PER"]], [["B-PER"], ["I-PER"]])
    assert s["micro"].gold == 2 and s["micro"].correct == 2


def test_length_mismatch_raises():
    with pytest.raises(ValueError):
        evaluate([["O"]], [["O", "O"]])
    with pytest.raises(ValueError):
        evaluate([["O"]], [])
