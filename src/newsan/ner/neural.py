"""The networks' NER backend: a BiLSTM-CRF run in numpy (half of the default ensemble).

Why a second tagger next to ``newsan.ner.builtin``'s CRF: the networks read each
word's characters (a character CNN) and a word vector learnt from raw news,
so they tag unseen foreign names better (person names above all), at a
fraction of the CRF's speed. ``NeuralTagger`` tags with the networks, then
propagates names as the CRF tagger does (``newsan.ner.document.propagate_names``). The
scores and speeds of both backends are in data/ner/README.md.

Each network reads, per token, the word's pretrained vector (PPMI-SVD over
raw news), an embedding of its proclitic-stripped form learnt from the
training data, a character CNN, and small embeddings of the discrete features
the CRF also uses: cluster ids, trigger class, training gazetteer, the
corpus profile, shape and clitics; and the token's lexicon-name mark in its
sentence (the names of newsan's gazetteer, newsan.ner.resources.NameLexicon). A
one-layer BiLSTM reads the sentence; a document feature averages (a
projection of) its states over the mentions of the same word in a run of
DOC_CHUNK sentences; a CRF with BIO-valid transitions picks the tags.
Training (torch) is in ``newsan.training.neural``; tagging needs numpy only.

Everything that depends on the token string alone, up to the LSTM input
projections of both directions, is computed once per distinct string and
cached, so tagging a known word costs a dict lookup plus its share of the
batched recurrences and the Viterbi search.
"""

from __future__ import annotations

import threading
from itertools import repeat
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from newsan.ner.cache import load_cached, model_resources, model_rules, most_used, split_flat, take_rows
from newsan.ner.crf import viterbi
from newsan.ner.document import DocumentRules, DocumentTagger
from newsan.ner.labels import LABELS, TAGS
from newsan.ner.resources import NameLexicon, Resources, profile_parts

NEURAL_FILE = "neural.npz"
# Discrete per-token features, each embedded by the network (see token_fields).
FEATURES = ("c0", "c1", "c2", "c3", "trig", "gaz", "pa", "pf", "pv", "pn", "shape", "pro", "enc", "lv", "len",
            "pm")
# The names of newsan's gazetteer lexicon a token is part of (newsan.ner.resources.NameLexicon): a
# feature of the token in its sentence, so it is embedded apart from the cached per-string
# inputs; id 0 is outside any name.
LEX_MARKS = {f"lx{part}={label}": i + 1 for i, (label, part) in enumerate(
    (label, part) for label in LABELS for part in "BI")}
MAX_CHARS = 20  # the character CNN reads at most this many characters of a word
# Sentences pooled together for the document feature: each document is cut into
# runs of this many consecutive sentences (training used the same size).
DOC_CHUNK = 20
# A transition the BIO scheme forbids (I-X after anything but B-X or I-X) scores this.
FORBIDDEN = -1e4
# The thread pools of the loaded libraries, found once: threadpool_limits looks for them at every call (0.3 ms).
_THREADPOOLS = ThreadpoolController()


_COUNTS = tuple(map(str, range(11)))  # token_fields' small counts as feature values


def token_fields(token: str, res: Resources, vectors: dict[str, int]) -> tuple[str, str, int, list[str]]:
    """What the network sees of one token string, before any lookup in its vocabularies.

    Returns (normalized form, proclitic-stripped form, row of its pretrained
    vector or 0, values of FEATURES). The vector is looked up for the whole
    word, then without proclitics, then without the enclitic too (``pm`` says
    which matched).
    """
    w, pro, rest, stem, enc, clus, trig, gaz, prof, word_shape, vowels = res.read(token)
    clus = clus or ("-",) * 4
    row, pm = vectors.get(w), "w"
    if row is None:
        row, pm = vectors.get(rest), "r"
        if row is None:
            row = vectors.get(stem, 0)
            pm = "s" if row else "-"
    return w, rest, row, [
        clus[0], clus[1], clus[2], clus[3], trig or "-", gaz or "-",
        *(profile_parts(prof) if prof else ("-",) * 4),
        word_shape, pro, enc, _COUNTS[vowels], _COUNTS[min(len(rest), 10)], pm]


def lexicon_ids(lexicon: NameLexicon, rests: list[str], lens) -> np.ndarray:
    """Per token of consecutive sentences of ``lens`` (proclitic-stripped forms), its LEX_MARKS id;
    no name crosses a sentence boundary."""
    flat: list[str] = []
    token_of: list[int] = []
    start = 0
    for n in lens:
        flat += rests[start:start + n]
        flat.append("")  # an empty form ends every match
        token_of += range(start, start + n)
        token_of.append(-1)
        start += n
    ids = np.zeros(len(rests), np.int64)
    for j, mark in lexicon.marks(flat):
        k = LEX_MARKS.get(mark)
        if k:
            ids[token_of[j]] = k
    return ids


def allowed_transitions() -> tuple[np.ndarray, np.ndarray]:
    """Masks of the BIO-valid tag transitions and start tags (I-X only after B-X or I-X)."""
    trans = np.array([[not (b.startswith("I-") and a[2:] != b[2:]) for b in TAGS] for a in TAGS])
    start = np.array([not t.startswith("I-") for t in TAGS])
    return trans, start


def best_paths(em: np.ndarray, lens: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray
               ) -> np.ndarray:
    """Best tag ids of (time, batch, tags) emissions of longest-first sentences of ``lens``,
    with start and end scores (folded into the first and last emissions for crf.viterbi)."""
    valid = np.arange(len(em))[:, None] < lens
    path = np.zeros(valid.shape, np.intp)
    path[valid] = packed_paths(em[valid], valid.sum(1).tolist(), trans, start, end)
    return path


def packed_paths(em: np.ndarray, running: list[int], trans: np.ndarray, start: np.ndarray, end: np.ndarray
                 ) -> np.ndarray:
    """best_paths of a packed batch (crf.viterbi): emissions (rows, tags), ``running`` sentences per step."""
    em = em.copy()
    em[:running[0]] += start
    batch = np.arange(running[0])
    lens = np.searchsorted(-np.array(running), -batch)  # steps in which each sentence runs
    em[np.cumsum([0] + running)[lens - 1] + batch] += end
    return viterbi(em, running, trans)


class _Member:
    """The weights of one network of the ensemble, arranged for numpy (see NeuralTagger)."""

    def __init__(self, z, prefix: str, feature_names: list[str]):
        f32 = lambda k: z[prefix + k].astype(np.float32)  # noqa: E731
        self.wemb = f32("wemb")
        self.feature_emb = [f32("femb_" + k) for k in feature_names]
        # The character CNN is linear before its max, so each character's share at each of the three
        # positions of the window is a table row: (window position, character id, filter), with a last
        # row of zeros for the padding at the word's edges.
        cw = f32("conv_w")  # (filters, char dim, width 3) as torch's Conv1d
        cemb = f32("cemb")
        self.char_conv = np.stack([np.vstack([cemb @ cw[:, :, k].T, np.zeros((1, cw.shape[0]), np.float32)])
                                   for k in range(cw.shape[2])])
        self.conv_b = f32("conv_b")
        h = self.hidden = z[prefix + "lstm_whh_f"].shape[1]
        # sigmoid(x) = 1 / (1 + exp(-x)) and tanh(x) = 2 / (1 + exp(-2x)) - 1: the i, f, o gate rows
        # times -1 and the cell rows times -2 let one exp serve all gates (np.exp takes half np.tanh's time).
        scale = np.full((4 * h, 1), -1, np.float32)
        scale[2 * h:3 * h] = -2
        wih = np.concatenate([f32("lstm_wih_f") * scale, f32("lstm_wih_b") * scale]).T
        # The lexicon mark's embedding comes last in the input, so its share of the projections is
        # a small table per direction, added at each step (the rest is cached per token string).
        lemb = f32("lemb")
        lex_proj = lemb @ wih[-lemb.shape[1]:]
        self.lex_proj = [lex_proj[:, :4 * h].copy(), lex_proj[:, 4 * h:].copy()]
        self.wih = wih[:-lemb.shape[1]].copy()
        self.bih = np.concatenate([f32("lstm_b_f") * scale[:, 0], f32("lstm_b_b") * scale[:, 0]])
        self.whh = [(f32("lstm_whh_" + d) * scale).T.copy() for d in "fb"]
        self.doc_w, self.doc_b = f32("doc_w").T.copy(), f32("doc_b")
        self.out_w, self.out_b = f32("out_w").T.copy(), f32("out_b")
        self.trans, self.start, self.end = f32("trans"), f32("start"), f32("end")

    def project(self, pre, word, chars, lens, feats, out):
        """LSTM input projections of tokens given their vocabulary ids, written to ``out`` (a row per
        token: the forward inputs, then the backward ones), which may be rows of the cache. ``chars``:
        the character ids of all tokens' words in a row, ``lens`` of them per word (at least 1)."""
        # character CNN: width-3 convolution (zero-padded), max over the word's characters, ReLU. Computed
        # at the words' characters only, not at the padding of a (words, longest word) table: most words
        # are much shorter than the longest of a call. The padding character's and the edges' table rows
        # are zeros (padding_idx), so a word's neighbours in the row are read as its edges.
        edge = self.char_conv.shape[1] - 1
        firsts = np.cumsum(lens) - lens
        before = np.empty_like(chars)
        before[1:] = chars[:-1]
        before[firsts] = edge
        after = np.empty_like(chars)
        after[:-1] = chars[1:]
        after[firsts + lens - 1] = edge
        conv = self.char_conv[0][before]
        conv += self.char_conv[1][chars]
        conv += self.char_conv[2][after]
        conv += self.conv_b
        parts = [pre, self.wemb[word], np.maximum(np.maximum.reduceat(conv, firsts), 0)]
        parts += [emb[feats[:, j]] for j, emb in enumerate(self.feature_emb)]
        np.matmul(np.concatenate(parts, 1), self.wih, out=out)
        out += self.bih

    def lstm(self, proj, rows, marks, alive, direction: int):
        """One LSTM direction over inputs ``proj[rows]`` for (time, batch) rows, with the lexicon
        marks (LEX_MARKS ids) of the same tokens; returns (time, batch, hidden).

        Sentences are sorted longest first, so the ``alive[t]`` still running at
        step t are a prefix of the batch and nothing is computed for padding.
        """
        whh, lex_proj = self.whh[direction], self.lex_proj[direction]
        steps, b = rows.shape
        h = self.hidden
        out = np.zeros((steps, b, h), np.float32)
        hs = np.zeros((b, h), np.float32)
        cs = np.zeros((b, h), np.float32)
        with np.errstate(over="ignore"):  # an exp that overflows gives its gate the limit, 0
            for t in range(steps):
                k = alive[t]
                g = proj[rows[t, :k]]
                g += lex_proj[marks[t, :k]]
                g += hs[:k] @ whh
                np.exp(g, out=g)
                g += 1
                np.reciprocal(g, out=g)  # the gates i, f, o, and (1 + tanh) / 2 of the cell input
                # c = f * c + i * tanh(cell input) and h = o * tanh(c)
                cell = g[:, 2 * h:3 * h]
                cell *= 2
                cell -= 1
                cell *= g[:, :h]
                c = cs[:k]
                c *= g[:, h:2 * h]
                c += cell
                hk = np.tanh(c)
                hk *= g[:, 3 * h:]
                hs[:k] = out[t, :k] = hk
        return out

    def emissions(self, states, groups):
        """Tag scores from BiLSTM states plus the document feature over ``groups`` (index, inverse, counts)."""
        h = self.hidden
        em = states @ self.out_w[:2 * h] + self.out_b
        srt, starts, inv, counts = groups
        d = np.tanh(states @ self.doc_w + self.doc_b)
        sums = np.add.reduceat(d[srt], starts)
        em += ((sums / counts[:, None]) @ self.out_w[2 * h:])[inv]
        return em


class NeuralTagger(DocumentTagger):
    """The shipped BiLSTM-CRF network; ``tag`` maps token lists to BIO tags.

    A file may hold several networks sharing the vocabularies and word
    vectors (the shipped one holds one); their tag scores and transition
    scores are averaged before one Viterbi search, then names are propagated
    within each document. All sentences of one call run as one batch,
    longest first.
    """

    name = "neural"  # the newsan.ner.registry.Tagger protocol

    # Past this many token strings the cache keeps only its most used words (newsan.ner.cache.most_used)
    # rather than growing in a long-lived process (a row is 8 * hidden floats per network, 3.2 KB
    # at hidden 100).
    CACHE_MAX = 1 << 14

    def __init__(self, model_path: Path, resources: Resources, rules: DocumentRules | None = None):
        z = np.load(model_path, allow_pickle=False)
        self.res = resources
        self.rules = rules if rules is not None else DocumentRules.from_resources(resources)
        self.vectors = {w: i + 1 for i, w in enumerate(z["words"].tolist())}
        self.train_words = {w: i + 1 for i, w in enumerate(z["train_words"].tolist())}
        self.chars = {c: i + 2 for i, c in enumerate(z["chars"].tolist())}  # 0 padding, 1 unknown
        self.feature_names = z["features"].tolist()
        self.feature_vocab = [{v: i for i, v in enumerate(z["feat_" + k].tolist())} for k in self.feature_names]
        self.pre = z["pre"].astype(np.float32)
        self.members = [_Member(z, f"{m}.", self.feature_names) for m in range(int(z["members"][0]))]
        allowed, start_ok = allowed_transitions()
        mean = lambda name: np.mean([getattr(m, name) for m in self.members], 0)  # noqa: E731
        self.trans = np.where(allowed, mean("trans"), FORBIDDEN).astype(np.float32)
        self.start = np.where(start_ok, mean("start"), FORBIDDEN).astype(np.float32)
        self.end = mean("end").astype(np.float32)
        self._cache: dict[str, int] = {}  # token string -> row of the arrays below
        # Full size from the start: np.empty takes no memory until rows are written.
        self._proj = [np.empty((self.CACHE_MAX, 8 * m.hidden), np.float32) for m in self.members]
        self._keys = np.empty(self.CACHE_MAX, np.int64)  # per row: id of the proclitic-stripped form
        self._uses = np.zeros(self.CACHE_MAX, np.int64)  # per row: in how many calls (halved at each shrink)
        self._key_ids: dict[str, int] = {}
        self._key_names: list[str] = []
        self._lock = threading.Lock()

    # -- per token string ------------------------------------------------------------------------

    def _encode(self, tokens: list[str], out: list[np.ndarray]) -> list[str]:
        """The key strings of token strings; each network's LSTM input projections are written to its
        array of ``out`` (see _Member.project)."""
        n = len(tokens)
        forms, keys, rows, values = zip(*(token_fields(tok, self.res, self.vectors) for tok in tokens), strict=True)
        pre = np.array(rows, np.int64)
        word = np.fromiter(map(self.train_words.get, keys, repeat(0)), np.int64, n)
        # Each feature's values looked up as one column (a map over C calls, not a Python loop per token).
        columns = list(zip(*values, strict=True))
        feats = np.stack([np.fromiter(map(voc.get, columns[FEATURES.index(name)], repeat(0)), np.int64, n)
                          for name, voc in zip(self.feature_names, self.feature_vocab, strict=True)], 1)
        clipped = [w[:MAX_CHARS] for w in forms]
        lens = np.fromiter(map(len, clipped), np.int64, n)
        text = "".join(clipped)
        chars = np.fromiter(map(self.chars.get, text, repeat(1)), np.int64, len(text))
        if not lens.all():  # an empty form reads as one unknown character
            chars = np.insert(chars, (np.cumsum(lens) - lens)[lens == 0], 1)
            lens = np.maximum(lens, 1)
        vec = self.pre[pre]
        for member, projections in zip(self.members, out, strict=True):
            member.project(vec, word, chars, lens, feats, projections)
        return list(keys)

    def _key_numbers(self, keys: list[str]) -> list[int]:
        """Numbers for proclitic-stripped forms (the document feature groups tokens by them), new ones
        numbered in order of appearance; ``_key_names`` maps them back for name propagation."""
        ids, names = self._key_ids, self._key_names
        new = [key for key in dict.fromkeys(keys) if key not in ids]
        ids.update(zip(new, range(len(names), len(names) + len(new)), strict=True))
        names += new
        return list(map(ids.__getitem__, keys))

    def _inputs(self, tokens: list[str]) -> tuple:
        """(per network its input projections (_Member.project), row per token in them, key id per token).

        New token strings are computed in one batch and cached; a call with more
        distinct strings than the cache holds is computed without caching.
        """
        cache = self._cache
        distinct = list(dict.fromkeys(tokens))
        if len(distinct) > self.CACHE_MAX:
            proj = [np.empty((len(distinct), 8 * m.hidden), np.float32) for m in self.members]
            keys = self._encode(distinct, proj)
            pos = {t: i for i, t in enumerate(distinct)}
            key_ids = np.array(self._key_numbers(keys), np.int64)
            rows = np.array([pos[t] for t in tokens], np.int64)
            return proj, rows, key_ids[rows]
        missing = [t for t in distinct if t not in cache]
        if missing:
            if len(cache) + len(missing) > self.CACHE_MAX:
                self._shrink(len(distinct))  # room for the whole call, whatever gets dropped
                cache = self._cache
                missing = [t for t in distinct if t not in cache]
            start = len(cache)
            need = start + len(missing)
            keys = self._encode(missing, [proj[start:need] for proj in self._proj])
            self._keys[start:need] = self._key_numbers(keys)
            cache.update(zip(missing, range(start, need), strict=True))
        rows = np.fromiter(map(cache.__getitem__, tokens), np.int64, len(tokens))
        self._uses[rows] += 1
        return self._proj, rows, self._keys[rows]

    def _shrink(self, room: int) -> None:
        """Keep the most used rows (newsan.ner.cache.most_used), moved to the front, with their key ids
        renumbered, so that ``room`` new token strings fit."""
        keep = most_used(self._uses[:len(self._cache)], self.CACHE_MAX, room)
        m = len(keep)
        tokens = list(self._cache)  # in row order
        self._cache = {tokens[i]: j for j, i in enumerate(keep.tolist())}
        for proj in self._proj:
            take_rows(proj, keep)
        names = [self._key_names[k] for k in self._keys[keep].tolist()]
        self._key_ids.clear()
        self._key_names.clear()
        self._keys[:m] = self._key_numbers(names)
        self._uses[:m] = self._uses[keep] >> 1
        self._uses[m:] = 0

    # -- per call --------------------------------------------------------------------------------

    def _tag_sentences(self, sents: list[list[str]], counts: list[int]) -> list[list[list[str]]]:
        """Document features and name propagation stay inside each document."""
        em, keys = self.token_scores(sents, doc_chunks(counts))
        # The networks read long sentences in pieces (see sentence_pieces), and so decode them.
        pieces = [sentence_pieces(s) for s in sents]
        piece_tags = iter(decode(em, np.array([n for p in pieces for n in p], np.int64),
                                 self.trans, self.start, self.end))
        tags = [[t for _ in p for t in next(piece_tags)] for p in pieces]
        return self.rules.apply(split_flat(keys, [len(s) for s in sents]), tags, counts)

    def token_scores(self, sents: list[list[str]], chunks: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """The networks' mean tag scores (tokens of all sentences, TAGS) over sentences (not all
        empty) with the numbers of their runs of document sentences (doc_chunks), and each token's
        proclitic-stripped form. The document feature pools over the sentences given of a run."""
        lens = np.array([len(s) for s in sents], np.int64)
        piece_lens = np.array([n for s in sents for n in sentence_pieces(s)], np.int64)
        _, fwd, bwd, valid, alive = layout(piece_lens)
        # One BLAS thread: the recurrences are many small products, which a BLAS thread pool slows
        # down, by 30 times when other processes (newsan analyze --jobs) hold the cores.
        with self._lock, _THREADPOOLS.limit(limits=1, user_api="blas"):
            return self._emissions([t for s in sents for t in s], lens, np.repeat(chunks, lens), fwd, bwd, valid,
                                   alive)

    def _emissions(self, tokens, lens, chunk_of, fwd, bwd, valid, alive):
        """Mean tag scores (tokens, tags) of the networks, and each token's proclitic-stripped form,
        for the tokens of consecutive sentences of ``lens``."""
        total = len(tokens)
        proj, rows, keys = self._inputs(tokens)
        names = self._key_names
        rests = list(map(names.__getitem__, keys.tolist()))
        lex = lexicon_ids(self.res.lexicon, rests, lens.tolist())
        # the document feature pools over the mentions of the same word within a chunk
        group_key = chunk_of * (int(keys.max()) + 1) + keys
        uniq, inv = np.unique(group_key, return_inverse=True)
        srt = np.argsort(inv, kind="stable")
        starts = np.searchsorted(inv[srt], np.arange(len(uniq)))
        groups = (srt, starts, inv, np.diff(np.append(starts, total)))
        em = None
        for member, inputs in zip(self.members, proj, strict=True):
            h = member.hidden
            pf, pb = inputs[:, :4 * h], inputs[:, 4 * h:]
            states = np.empty((total, 2 * h), np.float32)
            states[fwd[valid], :h] = member.lstm(pf, rows[fwd], lex[fwd], alive, 0)[valid]
            states[bwd[valid], h:] = member.lstm(pb, rows[bwd], lex[bwd], alive, 1)[valid]
            e = member.emissions(states, groups)
            em = e if em is None else em + e
        return em / len(self.members), rests


# Longest run of tokens the networks read at once. A scraped page may hold a
# "sentence" of a thousand tokens (no full stop in a whole paragraph); the
# recurrences step through the longest run of a call one token at a time, so
# one such run would cost as much as the rest of the call. ANERcorp train has
# 51 sentences over 100 tokens, dev 2.
MAX_RUN = 100
CLAUSE_ENDS = frozenset("،,؛;:.!?؟")


def sentence_pieces(tokens: list[str]) -> list[int]:
    """Lengths of the runs a sentence is read in: at most MAX_RUN tokens each, cut after the
    last punctuation mark of the second half of a run when there is one."""
    out, start, n = [], 0, len(tokens)
    while n - start > MAX_RUN:
        end = start + MAX_RUN
        cut = next((i + 1 for i in range(end - 1, start + MAX_RUN // 2 - 1, -1) if tokens[i] in CLAUSE_ENDS), end)
        out.append(cut - start)
        start = cut
    return out + [n - start]


def doc_chunks(counts: list[int]) -> np.ndarray:
    """Per sentence of consecutive documents of ``counts`` sentences, the number of its run of
    DOC_CHUNK sentences: each document is cut into runs of its own, numbered across the call."""
    chunk = np.concatenate([np.arange(n) // DOC_CHUNK for n in counts])
    return chunk + np.repeat(np.cumsum([0] + [-(-n // DOC_CHUNK) for n in counts[:-1]]), counts)


def decode(em: np.ndarray, lens: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray
           ) -> list[list[str]]:
    """Best tags of consecutive sequences of ``lens`` (not all empty) from their tokens' scores
    (tokens, TAGS), with transition, start and end scores: one model's, or stacked, a model's per
    sequence ((sequences, TAGS, TAGS) and (sequences, TAGS))."""
    order, fwd, _, valid, running = layout(lens)
    if trans.ndim == 3:  # in the order crf.viterbi takes them
        trans, start, end = trans[order], start[order], end[order]
    at = fwd[valid]  # the tokens in the packed order
    path = np.empty(len(at), np.intp)
    path[at] = packed_paths(em[at], running.tolist(), trans, start, end)
    return split_flat(_TAG_NAMES[path].tolist(), lens)


_TAG_NAMES = np.array(TAGS, dtype=object)


def layout(lens):
    """How the LSTMs and the Viterbi search walk sentences of ``lens`` (some may be empty).

    Returns (sentence order, longest first and without empty ones; forward and
    backward token positions and validity, each (time, batch); sentences still
    running at each step).
    """
    offsets = np.concatenate([[0], np.cumsum(lens)])[:-1]
    order = np.argsort(-lens, kind="stable")
    order = order[lens[order] > 0]
    olens, ooff = lens[order], offsets[order]
    tpos = np.arange(int(olens[0]))[:, None]
    valid = tpos < olens
    fwd = ooff + np.minimum(tpos, olens - 1)  # past its end a sentence repeats its last token
    bwd = ooff + np.maximum(olens - 1 - tpos, 0)  # each sentence reversed
    return order, fwd, bwd, valid, valid.sum(1)


def load_neural_tagger(path: str | Path | None = None) -> NeuralTagger:
    """Load (once per process) the networks from a model directory, the shipped one by default
    (``path`` may also name the ``neural.npz`` file in it); the clusters, profiles and gazetteer
    are read from the same directory."""
    return load_cached(path, NEURAL_FILE, lambda p: NeuralTagger(p, model_resources(p.parent), model_rules(p.parent)))
