"""The default NER backend's cascade: the CRF's probabilities decide which sentences the networks read."""

import itertools

import numpy as np
import pytest

from newsan.ner.crf import marginals
from newsan.ner.ensemble import EnsembleTagger, load_ensemble_tagger, reading_units, token_certainty
from newsan.ner.labels import TAGS
from newsan.ner.neural import DOC_CHUNK, doc_chunks


def test_marginals_match_a_sum_over_every_path():
    rng = np.random.default_rng(0)
    labels, lens = 3, np.array([4, 3, 1])
    state = rng.normal(size=(4, 3, labels)) * 3
    trans = rng.normal(size=(labels, labels)) * 2
    valid = np.arange(4)[:, None] < lens  # the packed layout: step by step, the sentences still running
    got = np.zeros(state.shape)
    got[valid] = marginals(state[valid], valid.sum(1).tolist(), trans)
    for b, n in enumerate(lens.tolist()):
        want = np.zeros((n, labels))
        for path in itertools.product(range(labels), repeat=n):
            score = state[0, b, path[0]] + sum(state[t, b, path[t]] + trans[path[t - 1], path[t]] for t in range(1, n))
            want[range(n), path] += np.exp(score)
        assert np.allclose(got[:n, b], want / want.sum(1, keepdims=True))


def test_token_certainty_is_the_likeliest_tags_probability():
    trans = np.zeros((len(TAGS), len(TAGS)))
    scores = np.zeros((5, len(TAGS)))
    scores[:, 0] = 10  # O, far ahead of every other tag ...
    scores[4, :] = 0  # ... but for the last token, where all tags are alike
    certainty = token_certainty(scores, np.array([3, 0, 2]), trans)
    assert certainty[:4].min() > 0.99
    assert certainty[4] == pytest.approx(1 / len(TAGS))
    assert token_certainty(scores[:0], np.array([0]), trans).tolist() == []


SENTS = [["قال", "فلان", "،", "وأضاف", "أن", "،", "الأمر", "انتهى", "."], [], ["زار", "بغداد"]]


def test_whole_sentences_are_read_without_a_reach():
    sure = np.array([1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1], bool)
    assert reading_units(SENTS, sure, None) == ([9, 0, 2], [True, False, False], [1, 1, 1])


def test_only_the_unsure_clauses_and_their_neighbours_are_read():
    sure = np.ones(11, bool)
    sure[4] = False  # "أن", in the second of three clauses
    assert reading_units(SENTS, sure, 0) == ([3, 3, 3, 0, 2], [False, True, False, False, False], [3, 1, 1])
    assert reading_units(SENTS, sure, 1) == ([9, 0, 2], [True, False, False], [1, 1, 1])
    sure[4], sure[0] = True, False  # "قال", in the first clause: its neighbour is read too, the third is not
    assert reading_units(SENTS, sure, 1) == ([6, 3, 0, 2], [True, False, False, False], [2, 1, 1])
    assert reading_units(SENTS, np.zeros(11, bool), 0) == ([9, 0, 2], [True, False, True], [1, 1, 1])


def test_document_runs_are_numbered_across_the_call():
    chunks = doc_chunks([DOC_CHUNK + 1, 0, 2])
    assert chunks.tolist() == [0] * DOC_CHUNK + [1, 2, 2]


@pytest.fixture(scope="module")
def ensemble():
    return load_ensemble_tagger()


DOC = [["وقال", "الرئيس", "الأمريكي", "جورج", "بوش", "في", "واشنطن"], [], ["زار", "بغداد"]]


def test_the_networks_read_only_the_sentences_the_crf_is_unsure_of(ensemble, monkeypatch):
    read: list[list[str]] = []
    token_scores = ensemble.networks.token_scores

    def recording(sents, chunks):
        read.extend(sents)
        return token_scores(sents, chunks)

    monkeypatch.setattr(ensemble.networks, "token_scores", recording)
    EnsembleTagger(ensemble.crf, ensemble.networks, sure=1.01).tag(DOC)  # no sentence is that sure
    assert read == [DOC[0], DOC[2]]  # every non-empty sentence
    read.clear()
    every_sentence_sure = EnsembleTagger(ensemble.crf, ensemble.networks, sure=0)
    assert every_sentence_sure.tag(DOC) == ensemble.crf.tag(DOC)  # the CRF's tags
    assert read == []


def test_sure_sentences_keep_valid_bio(ensemble, monkeypatch):
    crf_scores = ensemble.crf.token_scores

    def loud_inside(s, c):
        scores, trans, keys = crf_scores(s, c)
        scores = np.zeros_like(scores)
        scores[:, TAGS.index("I-ORG")] = 1e3
        return scores, np.zeros_like(trans), keys

    monkeypatch.setattr(ensemble.crf, "token_scores", loud_inside)
    monkeypatch.setattr(ensemble.networks, "token_scores", lambda *_: pytest.fail("a sure sentence was read"))
    tags = EnsembleTagger(ensemble.crf, ensemble.networks).tag([DOC[2]])
    assert tags == [["B-ORG", "I-ORG"]]
