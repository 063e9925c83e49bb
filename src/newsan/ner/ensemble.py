"""newsan's default NER backend: the CRF's and the network's scores summed, then one Viterbi search.

Why a third backend, and the default: the two taggers err differently. The CRF (``newsan.ner.builtin``)
reads the project's name lexicon, word pairs and a document pass over its own
first decisions; the networks (``newsan.ner.neural``) read characters and word vectors
learnt from raw news, and tag unseen person names far better. Both are
linear-chain CRFs over the same BIO tags, so their per-token tag scores and
their transition scores add up to one model of the same shape (a product of
experts): each tagger vetoes what the other scores low. Summed as they are,
with no weight tuned, they beat either tagger alone on ANERcorp dev and in
cross-validation (data/ner/README.md), at the cost of running both: a
full analysis at about 1/10 of a bare tokenizer's speed, where the CRF alone
(``--ner builtin``) keeps 1/6.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsan.ner.builtin import BuiltinTagger, load_builtin_tagger
from newsan.ner.cache import split_flat
from newsan.ner.document import DocumentTagger
from newsan.ner.neural import NeuralTagger, decode, load_neural_tagger


class EnsembleTagger(DocumentTagger):
    """``tag`` maps token lists to BIO tags with the CRF pair and the networks together."""

    name = "ensemble"  # the newsan.ner.registry.Tagger protocol

    def __init__(self, crf: BuiltinTagger, networks: NeuralTagger):
        self.crf, self.networks = crf, networks

    def _tag_sentences(self, sents: list[list[str]], counts: list[int]) -> list[list[list[str]]]:
        """Each tagger's document context and the name propagation stay inside each document."""
        crf_scores, crf_trans, keys = self.crf.token_scores(sents, counts)
        net_scores, _ = self.networks.token_scores(sents, counts)
        nets = self.networks
        lens = np.array([len(s) for s in sents], np.int64)
        tags = decode(crf_scores + net_scores, lens, crf_trans + nets.trans, nets.start, nets.end)
        return self.crf.rules.apply(split_flat(keys, lens), tags, counts)


def load_ensemble_tagger(path: str | Path | None = None) -> EnsembleTagger:
    """Both taggers of a model directory (the shipped one by default), each loaded once per process."""
    return EnsembleTagger(load_builtin_tagger(path), load_neural_tagger(path))
