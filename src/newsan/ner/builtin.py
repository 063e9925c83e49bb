"""The built-in Arabic NER tagger: a linear-chain CRF over Arabic-aware features.

Why a CRF and not BERT: it runs offline on one CPU core at a few hundred
thousand words per second, loads in a fraction of a second and ships in a few
megabytes. It gives up accuracy for that: about 78 micro-F1 on ANERcorp dev,
where BERT models reach about 83 and newsan's default, this CRF and the
networks together (newsan.ner.ensemble), 80.5 (see data/ner/README.md). Two passes: a
sentence CRF, then a document CRF that also sees how the first pass tagged the
same word in nearby sentences (newsan.ner.document). Part of what the slower neural backend knows
reaches it as data: the person and place names that backend finds in raw news
(Resources.corpus_names). The project's own gazetteer lexicon marks the names
it lists, several words long or one (NameLexicon).

The CRFs are trained by crfsuite on attribute strings (newsan.ner.features.Featurizer,
doc_features), but tagging does not build those strings: the weights are read
once (newsan.ner.crf, FeatureWeights) and a TokenCache keeps, per distinct token string, the
summed weights of its own features and of those it lends its neighbours, so a
sentence's scores are a few shifted numpy gathers and the Viterbi search runs
over all sentences of a call at once. Same features, weights and tie-breaking
as crfsuite's tagger, so the same tags (a test checks against crfsuite).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from itertools import compress, repeat
from pathlib import Path
from typing import NamedTuple

import numpy as np

from newsan.ner.cache import load_cached, model_resources, model_rules, most_used, split_flat, take_rows
from newsan.ner.crf import read_crfsuite, viterbi
from newsan.ner.document import DOC_VOTES, DOC_WINDOW, DocumentRules, DocumentTagger, doc_votes, vote_type
from newsan.ner.features import FAR_FEATURES, NEAR_FEATURES, OWN_FEATURES, QUOTE_CHARS, feature_values, quote_marks
from newsan.ner.labels import TAGS, to_newsan_tag
from newsan.ner.resources import DOC_MODEL_FILE, MODEL_FILE, Resources

# Sentence-boundary stand-ins in the tagger's flat token sequence (never a token string).
_END, _START = object(), object()
_UNSEEN_TAG = -1e4  # the state score token_scores gives the tags a CRF has no weights for
# TokenCache's slots: the offset prefix of the attributes and the features a word has (own) or lends.
_SLOT_FEATURES = (("", OWN_FEATURES), ("-1", NEAR_FEATURES), ("+1", NEAR_FEATURES), ("-2", FAR_FEATURES),
                  ("+2", FAR_FEATURES))


class FeatureWeights:
    """Both CRFs' state weights in one table, one row per attribute string (row 0: unknown, all
    zeros) and one column block per model, plus the indexes that find the rows of a token's
    context features (word pairs, trigger x article, second-pass tags and votes) by id."""

    def __init__(self, model_path: Path, triggers: Mapping[str, str]):
        doc_path = model_path.parent / DOC_MODEL_FILE
        self.models = [read_crfsuite(model_path)]
        if doc_path.is_file():
            self.models.append(read_crfsuite(doc_path))
        self.attr: dict[str, int] = {}
        for m in self.models:
            for a in m.attributes:
                self.attr.setdefault(a, len(self.attr) + 1)
        self.cols = []
        col = 0
        weights = np.zeros((len(self.attr) + 1, sum(len(m.labels) for m in self.models)))
        for m in self.models:
            rows = np.fromiter(map(self.attr.__getitem__, m.attributes), np.intp, len(m.attributes))
            weights[rows, col:col + len(m.labels)] = m.state
            self.cols.append(slice(col, col + len(m.labels)))
            col += len(m.labels)
        self.table = weights
        self._index_word_features()
        self.doc_table = np.ascontiguousarray(weights[:, self.cols[-1]])
        self._index_pairs()
        self._index_context(triggers)

    def rows(self, attrs: Iterable[str]) -> np.ndarray:
        """Weight-row ids of attribute strings (0, a zero row, for ones neither model knows)."""
        return np.array([self.attr.get(a, 0) for a in attrs], np.intp)

    def _index_word_features(self) -> None:
        """Per feature a word has (OWN_FEATURES' names), its values' weight rows in the TokenCache slots
        it is summed in: ``word_features[name] = (value -> index, (index, slot, column) weights)``, index 0
        for a value no slot knows. A value is the text after "=" ("" for a feature without one), so a word's
        features need not be built as strings, and one lookup serves all the slots it is summed in. The
        slots past the last one it is listed in are left out: most features lend nothing to the
        neighbours' slots, and adding those zero rows was half of a new word's summing."""
        slot_of = {offset + name: (slot, name) for slot, (offset, names) in enumerate(_SLOT_FEATURES) for name in names}
        known: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for a, row in self.attr.items():
            name, _, value = a.partition("=")
            if name in slot_of:
                slot, feature = slot_of[name]
                known.setdefault(feature, {}).setdefault(value, []).append((slot, row))
        self.word_features: dict[str, tuple[dict[str | None, int], np.ndarray]] = {}
        for feature in (f for f in OWN_FEATURES if f in known):  # summed in this order
            values = known[feature]
            slots = 1 + max(slot for slot, (_, names) in enumerate(_SLOT_FEATURES) if feature in names)
            block = np.zeros((len(values) + 1, slots, self.table.shape[1]))
            for i, rows in enumerate(values.values(), 1):
                for slot, row in rows:
                    block[i, slot] = self.table[row]
            index: dict[str | None, int] = {value: i for i, value in enumerate(values, 1)}  # None: lacks it
            self.word_features[feature] = (index, block)

    def _index_pairs(self) -> None:
        """Word-pair features (rb=, rf=) by (left word id, right word id).

        A pair attribute "rb=a|b" is filed under every split of a|b at a "|",
        since words may contain one; only the true split can match a lookup.
        """
        self.left: dict[str, int] = {}
        self.right: dict[str, int] = {}
        pairs: dict[tuple[int, int], list[int]] = {}
        for a, row in self.attr.items():
            if a[:3] not in ("rb=", "rf="):
                continue
            body = a[3:]
            for p in (i for i, ch in enumerate(body) if ch == "|"):
                key = (self.left.setdefault(body[:p], len(self.left)),
                       self.right.setdefault(body[p + 1:], len(self.right)))
                pairs.setdefault(key, [0, 0])[a[:3] == "rf="] = row
        span = len(self.right) + 1
        codes = np.array([lft * span + rgt for lft, rgt in pairs], np.int64)
        order = np.argsort(codes)
        self.pair_span = span
        self.pair_codes = codes[order]
        self.pair_rows = np.array(list(pairs.values()), np.intp).reshape(-1, 2)[order]

    def _index_context(self, triggers: Mapping[str, str]) -> None:
        """Row ids of the small-vocabulary context features, indexed by codes."""
        self.triggers = {t: i + 1 for i, t in enumerate(sorted(set(triggers.values())))}
        trig = [""] + sorted(self.triggers, key=self.triggers.__getitem__)
        # Trigger before this word x its article: index [trigger id, 0 for "al" / 1 for "bare"].
        self.tc = self.rows(f"tc={t}|{a}" for t in trig for a in ("al", "bare")).reshape(-1, 2)
        self.tc2 = self.rows(f"tc2={t}|{a}" for t in trig for a in ("al", "bare")).reshape(-1, 2)
        self.tc[0] = self.tc2[0] = 0
        # Second pass, indexed by first-pass label id, then BOS, then EOS.
        labels = self.models[0].labels
        self.s1 = self.rows(["s1=" + t for t in labels] + ["", ""])
        self.s1_prev = self.rows(["-1s1=" + t for t in labels] + ["-1s1=BOS", ""])
        self.s1_next = self.rows(["+1s1=" + t for t in labels] + ["", "+1s1=EOS"])
        # Indexed by doc_votes' outcome, then one for "no token there".
        self.dm = self.rows(["dm=" + v for v in DOC_VOTES] + [""])
        self.dm_prev = self.rows(["-1dm=" + v for v in DOC_VOTES] + [""])
        self.dm_next = self.rows(["+1dm=" + v for v in DOC_VOTES] + [""])
        self.vote_type = np.array([vote_type(t) for t in labels], np.int64)
        self.out_tag = [np.array([TAGS.index(to_newsan_tag(t)) for t in m.labels], np.intp)
                        for m in self.models]
        # Boundary stand-ins: the end lends EOS (+1) and EOS2 (+2), the start BOS (-1) and BOS2 (-2).
        self.bounds = np.zeros((5, 2, self.table.shape[1]))
        self.bounds[2, 0], self.bounds[4, 0], self.bounds[1, 1], self.bounds[3, 1] = (
            self.table[self.rows(["EOS", "EOS2", "BOS", "BOS2"])])


class TokenCache:
    """Per distinct token string: the summed weight rows of the features it has (slot 0) and lends
    its neighbours at offsets -1, +1, -2, +2 (slots 1 to 4), and its ids for the context features.

    Ids 0 and 1 are the sentence-boundary stand-ins. A full cache keeps only its most used words
    (most_used), so a long stream neither grows it nor computes common words again and again.
    """

    def __init__(self, weights: FeatureWeights, resources: Resources, rows: int = 1024):
        """``rows``: the ids to make room for at first; a full cache's size spares the copies of a
        growing table, and costs nothing until used (np.zeros memory is taken as rows are written)."""
        self.weights, self.res = weights, resources
        self._ids: dict = {_END: 0, _START: 1}
        self._rest_ids: dict[str, int] = {}
        self.rests = ["", ""]  # per id: the token's proclitic-stripped form
        self.table = np.zeros((5, rows, weights.table.shape[1]))
        self.table[:, :2] = weights.bounds
        # Per id: left and right pair-word ids (-1: in no pair), trigger id,
        # 0/1 for article/bare, id of its stripped form.
        self.ints = np.full((rows, 5), -1, np.intp)
        self.ints[:2, 2:4] = 0
        self._uses = np.zeros(rows, np.int64)  # in how many calls (halved at each shrink)

    def __len__(self) -> int:
        return len(self._ids)

    def ids(self, flat: list, capacity: int) -> np.ndarray:
        """Cache ids of a flat token list, adding new strings (shrinking a cache that would hold
        more than ``capacity`` first)."""
        idx = np.fromiter(map(self._ids.get, flat, repeat(-1)), np.intp, len(flat))
        miss = np.flatnonzero(idx < 0)
        if miss.size:
            missing = [flat[i] for i in miss.tolist()]
            new = list(dict.fromkeys(missing))
            if len(self._ids) + len(new) > capacity:
                self._shrink(len(set(flat)), capacity)  # room for the whole call, whatever gets dropped
                self._add(list(dict.fromkeys(t for t in flat if t not in self._ids)))
                idx = np.fromiter(map(self._ids.get, flat), np.intp, len(flat))  # the kept ones moved
            else:
                self._add(new)
                idx[miss] = list(map(self._ids.__getitem__, missing))
        self._uses[idx] += 1
        return idx

    def _shrink(self, room: int, capacity: int) -> None:
        """Leave room for ``room`` entries by keeping only the most used words (most_used)."""
        n = len(self.rests)
        keep = np.concatenate(([0, 1], most_used(self._uses[2:n], capacity, room) + 2))
        tokens = list(self._ids)  # in id order
        self._ids = {tokens[i]: j for j, i in enumerate(keep.tolist())}
        self.rests = [self.rests[i] for i in keep.tolist()]
        m = len(keep)
        take_rows(self.table, keep, axis=1)
        self.ints[:m] = self.ints[keep]
        self._rest_ids = {}
        self.ints[2:m, 4] = [self._rest_ids.setdefault(r, len(self._rest_ids)) for r in self.rests[2:]]
        self._uses[:m] = self._uses[keep] >> 1
        self._uses[m:] = 0

    def _add(self, tokens: list[str]) -> None:
        """Cache the score rows and ids of token strings not seen yet."""
        weights = self.weights
        n0 = len(self.rests)
        n1 = n0 + len(tokens)
        if n1 > self.table.shape[1]:
            capacity = max(n1, 2 * self.table.shape[1])
            table = np.zeros((5, capacity, self.table.shape[2]))
            table[:, :n0] = self.table[:, :n0]
            int_rows = np.full((capacity, 5), -1, np.intp)
            int_rows[:n0] = self.ints[:n0]
            uses = np.zeros(capacity, np.int64)
            uses[:n0] = self._uses[:n0]
            self.table, self.ints, self._uses = table, int_rows, uses
        values, infos = feature_values(self.res, tokens)
        ints = []
        for tok, (rest, trig, art) in zip(tokens, infos, strict=True):
            ints.append((weights.left.get(rest, -1), weights.right.get(rest, -1),
                         weights.triggers.get(trig, 0), art == "bare",
                         self._rest_ids.setdefault(rest, len(self._rest_ids))))
            self._ids[tok] = len(self.rests)
            self.rests.append(rest)
        # Summed one feature at a time over all new words; a value no model knows adds nothing, as its
        # zero row did (the sums differ from summing in type_features' order only in rounding).
        total = np.zeros((len(tokens), *self.table.shape[::2]))
        for name, (index, block) in weights.word_features.items():
            total[:, :block.shape[1]] += block[np.fromiter(map(index.get, values[name], repeat(0)), np.intp,
                                                           len(tokens))]
        self.table[:, n0:n1] = total.transpose(1, 0, 2)
        self.ints[n0:n1] = ints


class BuiltinTagger(DocumentTagger):
    """A loaded CRF pair plus its features; ``tag`` maps token lists to BIO tags.

    The first CRF tags each sentence alone; the second (when shipped) re-tags
    it with the first one's decisions over its whole document as context, so
    pass one article per document; ``tag_documents`` tags several at once.

    It scores what Featurizer and doc_features would hand crfsuite without
    building those strings: a sentence's scores are a sum of shifted rows of
    its TokenCache plus a few context rows (word pairs, trigger x article,
    quotes, second-pass tags and votes) looked up by id in its FeatureWeights.
    """

    name = "builtin"  # the newsan.ner.registry.Tagger protocol

    # Past this many token strings the cache keeps only its most used words rather than
    # growing in a long-lived process. An entry is about 1 KB (five rows of 18 floats, the string,
    # ids); 32,768 keep a 30,000-article stream within a few percent of a 1,000-article one
    # (bench/throughput.py --rss), 65,536 did not.
    CACHE_MAX = 1 << 15

    def __init__(self, model_path: Path, resources: Resources, rules: DocumentRules | None = None):
        self.res = resources
        self.weights = FeatureWeights(model_path, resources.triggers)
        self.rules = rules if rules is not None else DocumentRules.from_resources(resources)
        self._lock = threading.Lock()
        self._cache = TokenCache(self.weights, resources, self.CACHE_MAX)

    def _tag_sentences(self, sents: list[list[str]], counts: list[int], propagate: bool = True
                       ) -> list[list[list[str]]]:
        """The second pass's votes stay inside each document. ``tag_documents(documents,
        propagate=False)`` gives the CRFs' own tags, without the DocumentRules."""
        call = self._scores(sents, counts)
        labels = call.labels
        labels[call.where] = viterbi(call.state[call.where], call.running, self.weights.models[-1].trans)
        real = call.real
        tags = self.weights.out_tag[-1][labels]
        tags[~real] = 0
        # An I-X that does not continue an X entity becomes B-X, so the output is valid BIO.
        kind = (tags + 1) // 2
        tags[1:] -= (tags[1:] > 0) & (tags[1:] % 2 == 0) & (kind[:-1] != kind[1:])
        out = np.array(TAGS, dtype=object)[tags[real]].tolist()
        tagged = split_flat(out, call.lens)
        if not propagate:
            return split_flat(tagged, counts)
        return self.rules.apply(split_flat(call.keys, call.lens), tagged, counts)

    def token_scores(self, sents: list[list[str]], counts: list[int]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The last CRF's view of non-empty sentences of ``counts`` documents, for a combination
        with other scores: its state scores per token (tokens, TAGS), its transition scores
        between TAGS, and each token's proclitic-stripped form."""
        call = self._scores(sents, counts)
        tags = self.weights.out_tag[-1]  # the model's label id -> TAGS index
        # A tag the model never saw in training (a small training set) is never chosen.
        state = np.full((int(call.real.sum()), len(TAGS)), _UNSEEN_TAG)
        state[:, tags] = call.state[call.real]
        trans = np.zeros((len(TAGS), len(TAGS)))
        trans[np.ix_(tags, tags)] = self.weights.models[-1].trans
        return state, trans, call.keys

    def _scores(self, sents: list[list[str]], counts: list[int]) -> _CallScores:
        """Feature scores of the sentences of one call (not all empty), both passes: the first
        CRF's decisions are taken (the second reads them); the last CRF's are left to the caller."""
        # One flat sequence: END START s0 END START s1 ... END START. The stand-ins
        # lend the boundary features, so every window feature is a plain shift.
        flat: list = []
        for s in sents:
            flat += (_END, _START)
            flat += s
        flat += (_END, _START)
        lens = np.array([len(s) for s in sents], np.intp)
        with self._lock:
            cache = self._cache
            idx = cache.ids(flat, self.CACHE_MAX)
            table, ints, rests = cache.table, cache.ints[idx], cache.rests
            em = table[0][idx]
            em[1:] += table[1][idx[:-1]]
            em[:-1] += table[2][idx[1:]]
            em[2:] += table[3][idx[:-2]]
            em[:-2] += table[4][idx[2:]]
        fw = self.weights
        weights = fw.table
        # Word pairs: rb= on the right word, rf= on the left one.
        k = np.flatnonzero((ints[:-1, 0] >= 0) & (ints[1:, 1] >= 0))
        if k.size:
            codes = ints[k, 0] * fw.pair_span + ints[k + 1, 1]
            at = np.minimum(np.searchsorted(fw.pair_codes, codes), len(fw.pair_codes) - 1)
            hit = fw.pair_codes[at] == codes
            k, rows = k[hit], fw.pair_rows[at[hit]]
            em[k + 1] += weights[rows[:, 0]]
            em[k] += weights[rows[:, 1]]
        em[1:] += weights[fw.tc[ints[:-1, 2], ints[1:, 3]]]
        em[2:] += weights[fw.tc2[ints[:-2, 2], ints[2:, 3]]]
        starts = np.cumsum(lens + 2) - lens  # flat position of each sentence's first token
        flat_rests = [rests[i] for i in idx.tolist()]
        if not QUOTE_CHARS.isdisjoint(flat):
            for s, b in zip(sents, starts.tolist(), strict=True):
                if not QUOTE_CHARS.isdisjoint(s):
                    for j, marks in quote_marks(s, flat_rests[b:b + len(s)]):
                        em[b + j] += weights[fw.rows(marks)].sum(0)
        # Lexicon names, marked over the whole flat sequence: the stand-ins' empty forms end every
        # match, and the marks they receive from a sentence's edge words are never read.
        lexicon_marks = self.res.lexicon.marks(flat_rests)
        if lexicon_marks:
            at = np.fromiter((j for j, _ in lexicon_marks), np.intp, len(lexicon_marks))
            rows = np.fromiter((fw.attr.get(mark, 0) for _, mark in lexicon_marks), np.intp, len(lexicon_marks))
            np.add.at(em, at, weights[rows])

        # Viterbi over all non-empty sentences at once, longest first, packed (crf.viterbi).
        order = np.argsort(-lens, kind="stable")
        order = order[:np.count_nonzero(lens)]
        blens = lens[order]
        steps = np.arange(blens[0])[:, None]
        valid = steps < blens[None, :]
        where = (starts[order][None, :] + steps)[valid]
        running = valid.sum(1).tolist()
        real = idx >= 2
        labels = np.zeros(len(flat), np.intp)
        state = em[:, fw.cols[0]]
        if len(self.weights.models) > 1:
            labels[where] = viterbi(state[where], running, self.weights.models[0].trans)
            n_labels = len(self.weights.models[0].labels)
            code = np.where(idx == 1, n_labels, n_labels + 1)  # START: BOS, END: EOS
            code[real] = labels[real]
            # Sentence numbers jump by DOC_WINDOW between documents, so no vote window spans two.
            number = np.arange(len(sents)) + DOC_WINDOW * np.repeat(np.arange(len(counts)), counts)
            sent = np.repeat(number, lens)
            vote = np.full(len(flat), len(DOC_VOTES))
            vote[real] = doc_votes(sent, ints[real, 4], fw.vote_type[labels[real]], int(number[-1]) + 1)
            w2 = fw.doc_table
            state = em[:, fw.cols[1]] + w2[fw.s1[code]] + w2[fw.dm[vote]]
            state[1:] += w2[fw.s1_prev[code[:-1]]] + w2[fw.dm_prev[vote[:-1]]]
            state[:-1] += w2[fw.s1_next[code[1:]]] + w2[fw.dm_next[vote[1:]]]
        keys = list(compress(flat_rests, real.tolist()))
        return _CallScores(state, labels, lens, where, running, real, keys)


class _CallScores(NamedTuple):
    """One call's flat layout (stand-ins around each sentence) and the last CRF's state scores."""

    state: np.ndarray  # (flat positions, the last model's labels)
    labels: np.ndarray  # flat positions -> label ids decided so far (the first pass's, before the last)
    lens: np.ndarray  # tokens per sentence
    where: np.ndarray  # the flat positions of the non-empty sentences' tokens, packed as crf.viterbi takes them
    running: list[int]  # per step of the packed batch, how many sentences run
    real: np.ndarray  # flat positions holding a token (not a stand-in)
    keys: list[str]  # each token's proclitic-stripped form


def load_builtin_tagger(path: str | Path | None = None) -> BuiltinTagger:
    """Load (once per process) the tagger from a model directory, the shipped one by default.

    ``path`` may name the directory or the ``.crfsuite`` file inside it; the
    clusters and gazetteer are read from the same directory.
    """
    return load_cached(path, MODEL_FILE, lambda p: BuiltinTagger(p, model_resources(p.parent), model_rules(p.parent)))
