"""newsan's default NER backend: the CRF's and the network's scores summed, then one Viterbi search.

Why a third backend, and the default: the two taggers err differently. The CRF (``newsan.ner.builtin``)
reads the project's name lexicon, word pairs and a document pass over its own
first decisions; the networks (``newsan.ner.neural``) read characters and word vectors
learnt from raw news, and tag unseen person names far better. Both are
linear-chain CRFs over the same BIO tags, so their per-token tag scores and
their transition scores add up to one model of the same shape (a product of
experts): each tagger vetoes what the other scores low. Summed as they are,
with no weight tuned, they beat either tagger alone on ANERcorp dev and in
cross-validation (data/ner/README.md).

Why the networks do not read every sentence: they cost more than the CRF does,
and where the CRF is sure of every token the sum almost never decides
otherwise. So the CRF scores the call first; a sentence whose every token has
a tag the CRF gives at least SURE probability keeps the CRF's tags, and only the
other sentences are read by the networks and decoded with the summed scores.
On news the networks read about two thirds of the tokens, 99.9 % of the tags
stay as reading every sentence gives them, and a full analysis runs at about
1/6.5 to 1/7 of a bare tokenizer's speed instead of 1/8 (the CRF alone, ``--ner
builtin``: about 1/4.5).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsan.ner.builtin import BuiltinTagger, load_builtin_tagger
from newsan.ner.cache import split_flat
from newsan.ner.crf import marginals
from newsan.ner.document import DocumentTagger
from newsan.ner.neural import (
    FORBIDDEN,
    NeuralTagger,
    allowed_transitions,
    decode,
    doc_chunks,
    layout,
    load_neural_tagger,
)

# A sentence whose every token the CRF tags with at least this probability skips the networks.
# Chosen on ANERcorp dev and 1,000 news articles (data/ner/README.md).
SURE = 0.97


def sure_sentences(scores: np.ndarray, lens: np.ndarray, trans: np.ndarray, sure: float) -> np.ndarray:
    """Which sentences of ``lens`` (tokens' tag scores in a row) have a tag of probability at least
    ``sure`` at every token, under the CRF of these scores; empty ones are sure."""
    out = np.ones(len(lens), bool)
    if lens.any():
        order, fwd, _, valid, running = layout(lens)
        best = np.ones(valid.shape)
        best[valid] = marginals(scores[fwd[valid]], running.tolist(), trans).max(1)
        out[order] = best.min(0) >= sure
    return out


class EnsembleTagger(DocumentTagger):
    """``tag`` maps token lists to BIO tags with the CRF pair and the networks together."""

    name = "ensemble"  # the newsan.ner.registry.Tagger protocol

    def __init__(self, crf: BuiltinTagger, networks: NeuralTagger, sure: float = SURE):
        self.crf, self.networks, self.sure = crf, networks, sure
        allowed, start_ok = allowed_transitions()
        # The CRF's transitions alone, as valid BIO, for the sentences the networks skip.
        self._bio_trans = np.where(allowed, 0.0, FORBIDDEN)
        self._bio_start = np.where(start_ok, 0.0, FORBIDDEN)

    def _tag_sentences(self, sents: list[list[str]], counts: list[int]) -> list[list[list[str]]]:
        """Each tagger's document context and the name propagation stay inside each document."""
        crf_scores, crf_trans, keys = self.crf.token_scores(sents, counts)
        lens = np.array([len(s) for s in sents], np.int64)
        unsure = ~sure_sentences(crf_scores, lens, crf_trans, self.sure)
        # One Viterbi search for all sentences: the read ones with the summed scores and transitions, the
        # others with the CRF's own as valid BIO.
        nets, scores = self.networks, crf_scores
        read = np.flatnonzero(unsure)
        if read.size:
            net_scores, _ = nets.token_scores([sents[i] for i in read], doc_chunks(counts)[read])
            scores = crf_scores.copy()
            scores[np.repeat(unsure, lens)] += net_scores
        trans = np.where(unsure[:, None, None], crf_trans + nets.trans, crf_trans + self._bio_trans)
        start = np.where(unsure[:, None], nets.start, self._bio_start)
        end = np.where(unsure[:, None], nets.end, 0.0)
        tags = decode(scores, lens, trans, start, end)
        return self.crf.rules.apply(split_flat(keys, lens), tags, counts)


def load_ensemble_tagger(path: str | Path | None = None) -> EnsembleTagger:
    """Both taggers of a model directory (the shipped one by default), each loaded once per process."""
    return EnsembleTagger(load_builtin_tagger(path), load_neural_tagger(path))
