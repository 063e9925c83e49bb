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
otherwise. So the CRF scores the call first, with its forward-backward
probability of each token's likeliest tag; a sentence is cut into clauses at
its punctuation, a clause whose every token the CRF gives at least SURE keeps
the CRF's tags, and the others (with REACH clauses on either side) are read by
the networks and decoded with the summed scores. On news the networks read
about 38 % of the tokens (66 % reading whole sentences at 0.97, 100 % before
any cascade); 99.75 % of the tags stay as reading every sentence gives them,
and the 5-fold cross-validation on ANERcorp train is unchanged (78.51 against
78.48, data/ner/README.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsan.ner.builtin import BuiltinTagger, load_builtin_tagger
from newsan.ner.cache import split_flat
from newsan.ner.crf import marginals
from newsan.ner.document import DocumentTagger
from newsan.ner.neural import (
    CLAUSE_ENDS,
    FORBIDDEN,
    NeuralTagger,
    allowed_transitions,
    decode,
    doc_chunks,
    layout,
    load_neural_tagger,
)

# A clause whose every token the CRF tags with at least this probability skips the networks.
SURE = 0.95
# The networks read the clauses with an unsure token and this many clauses on either side of each
# (reading_units; None: whole sentences). Both chosen by cross-validation (data/ner/README.md).
REACH: int | None = 0


def token_certainty(scores: np.ndarray, lens: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Per token of consecutive sentences of ``lens`` (their tag scores in a row), the probability of
    its likeliest tag under the CRF of these scores (forward-backward over each whole sentence)."""
    out = np.ones(len(scores))
    if lens.any():
        _, fwd, _, valid, running = layout(lens)
        at = fwd[valid]
        out[at] = marginals(scores[at], running.tolist(), trans).max(1)
    return out


def reading_units(sents: list[list[str]], sure: np.ndarray, reach: int | None
                  ) -> tuple[list[int], list[bool], list[int]]:
    """How the cascade cuts sentences for the networks: (tokens per unit, whether the networks read
    it, units per sentence), units in a row over the sentences' tokens (``sure`` per token).

    A sentence is cut into clauses after its punctuation (a comma, a colon, a full stop); a clause
    is read when it, or one of the ``reach`` clauses on either side, holds a token the CRF is
    unsure of, and consecutive clauses of the same kind make one unit. So a sentence sure
    throughout is one unit the networks skip, and a long sentence with one doubtful name
    has only that name's clause and its neighbours read. ``reach`` None: whole sentences.
    """
    lens: list[int] = []
    read: list[bool] = []
    per_sentence: list[int] = []
    at = 0
    for tokens in sents:
        n = len(tokens)
        ends = [n] if reach is None else [i + 1 for i in range(n - 1) if tokens[i] in CLAUSE_ENDS] + [n]
        doubt = [not sure[at + a:at + b].all() for a, b in zip([0, *ends], ends, strict=False)]
        before = len(lens)
        start = 0
        for c, end in enumerate(ends):
            unsure = any(doubt[max(c - (reach or 0), 0):c + (reach or 0) + 1])
            if len(lens) > before and read[-1] == unsure:
                lens[-1] += end - start
            else:
                lens.append(end - start)
                read.append(unsure)
            start = end
        per_sentence.append(len(lens) - before)
        at += n
    return lens, read, per_sentence


class EnsembleTagger(DocumentTagger):
    """``tag`` maps token lists to BIO tags with the CRF pair and the networks together."""

    name = "ensemble"  # the newsan.ner.registry.Tagger protocol

    def __init__(self, crf: BuiltinTagger, networks: NeuralTagger, sure: float = SURE, reach: int | None = REACH):
        self.crf, self.networks, self.sure, self.reach = crf, networks, sure, reach
        allowed, start_ok = allowed_transitions()
        # The CRF's transitions alone, as valid BIO, for the units the networks skip.
        self._bio_trans = np.where(allowed, 0.0, FORBIDDEN)
        self._bio_start = np.where(start_ok, 0.0, FORBIDDEN)

    def _tag_sentences(self, sents: list[list[str]], counts: list[int]) -> list[list[list[str]]]:
        """Each tagger's document context and the name propagation stay inside each document."""
        crf_scores, crf_trans, keys = self.crf.token_scores(sents, counts)
        lens = np.array([len(s) for s in sents], np.int64)
        sure = token_certainty(crf_scores, lens, crf_trans) >= self.sure
        unit_lens, unit_read, per_sentence = reading_units(sents, sure, self.reach)
        units = np.array(unit_lens, np.int64)
        read = np.array(unit_read, bool)
        # One Viterbi search for all units: the read ones with the summed scores and transitions, the
        # others with the CRF's own as valid BIO.
        nets, scores = self.networks, crf_scores
        if read.any():
            flat = [t for s in sents for t in s]
            firsts = np.cumsum(units) - units
            chunks = np.repeat(doc_chunks(counts), per_sentence)[read]
            net_scores, _ = nets.token_scores([flat[a:a + n] for a, n in zip(firsts[read].tolist(),
                                                                              units[read].tolist(), strict=True)],
                                              chunks)
            scores = crf_scores.copy()
            scores[np.repeat(read, units)] += net_scores
        trans = np.where(read[:, None, None], crf_trans + nets.trans, crf_trans + self._bio_trans)
        start = np.where(read[:, None], nets.start, self._bio_start)
        end = np.where(read[:, None], nets.end, 0.0)
        unit_tags = decode(scores, units, trans, start, end)
        tags = [[t for unit in units_of for t in unit] for units_of in split_flat(unit_tags, per_sentence)]
        return self.crf.rules.apply(split_flat(keys, lens), tags, counts)


def load_ensemble_tagger(path: str | Path | None = None) -> EnsembleTagger:
    """Both taggers of a model directory (the shipped one by default), each loaded once per process."""
    return EnsembleTagger(load_builtin_tagger(path), load_neural_tagger(path))
