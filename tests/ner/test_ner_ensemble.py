"""The default NER backend's cascade: the CRF's probabilities decide which sentences the networks read."""

import itertools

import numpy as np
import pytest

from newsan.ner.crf import marginals
from newsan.ner.ensemble import EnsembleTagger, load_ensemble_tagger, sure_sentences
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


def test_a_sentence_is_sure_only_when_every_token_is():
    trans = np.zeros((len(TAGS), len(TAGS)))
    scores = np.zeros((5, len(TAGS)))
    scores[:, 0] = 10  # O, far ahead of every other tag ...
    scores[4, :] = 0  # ... but for the last token, where all tags are alike
    assert sure_sentences(scores, np.array([3, 0, 2]), trans, 0.97).tolist() == [True, True, False]
    assert sure_sentences(scores[:0], np.array([0]), trans, 0.97).tolist() == [True]


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
