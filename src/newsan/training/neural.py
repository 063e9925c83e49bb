"""Train the networks of the accurate NER backend (``newsan.ner.neural``) in torch.

One network per seed of MEMBER_SEEDS (one seed ships), in forked processes
(two at a time, one per core, one thread each); their weights go with the
shared vocabularies and word vectors to ``neural.npz``. Seeds, data order and
thread count are fixed, so the same inputs give the same file on the same
machine. The networks read the clusters and profiles the CRF uses, so
``newsan train ner`` runs first; the shipped file was then built with::

    .venv/bin/newsan train neural \\
        --train ../shared/data/ner/anercorp/camellab-recon/train.conll \\
        --dev ../shared/data/ner/anercorp/camellab-recon/dev.conll \\
        --corpus ../shared/data/corpus/ant-jawharafm \\
        --out src/newsan/data/ner

Only ANERcorp train and the Apache-2.0 Jawhara FM text feed it; the dev file
is scored (each epoch's networks, and the result), never trained on and never
used to choose anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from newsan.arabic.clitics import split_proclitics
from newsan.evaluation.ner import Score, evaluate
from newsan.ner.forms import normalize
from newsan.ner.labels import TAGS, to_newsan_tag
from newsan.ner.neural import (
    DOC_CHUNK,
    FEATURES,
    FORBIDDEN,
    LEX_MARKS,
    MAX_CHARS,
    NEURAL_FILE,
    NeuralTagger,
    allowed_transitions,
    best_paths,
    lexicon_ids,
    token_fields,
)
from newsan.ner.resources import CLUSTERS_FILE, DATA_DIR, GAZETTEER_FILE, PROFILES_FILE, Resources, load_resources
from newsan.training.crf import (
    FOLDS,
    SEED,
    build_corpus_names,
    build_gazetteer,
    build_vectors,
    copy_missing,
    corpus_texts,
    fold_bounds,
    jackknifed_folds,
    read_tagged,
    score_file,
    with_gazetteer_of,
    write_table,
)
from newsan.training.steps import run_parallel

# Network and training settings (chosen on dev, see data/ner/README.md).
FEATURE_DIMS = {"c0": 6, "c1": 8, "c2": 12, "c3": 16, "trig": 6, "gaz": 6, "pa": 4, "pf": 4, "pv": 3, "pn": 3,
                "shape": 4, "pro": 6, "enc": 4, "lv": 3, "len": 3, "pm": 2}
WORD_DIM, CHAR_DIM, CHAR_FILTERS, LEX_DIM = 50, 24, 50, 6
HIDDEN, DOC_DIM = 100, 50
MEMBER_SEEDS = (SEED,)  # one network per seed, scores averaged; a second (seed 2) left the ensemble at 80.80 on dev
EPOCHS, LEARNING_RATE, DROPOUT, WORD_DROPOUT, EMA_DECAY = 30, 2e-3, 0.5, 0.1, 0.995
THREADS = 1  # one thread: a rebuild on the same machine gives the same weights


class _Vocab:
    """The network's vocabularies, grown on training data and frozen for dev."""

    def __init__(self, words: list[str], data: list[tuple[list[str], list[str]]]):
        self.vectors = {w: i + 1 for i, w in enumerate(words)}
        rest = Counter(split_proclitics(normalize(t))[1] for toks, _ in data for t in toks)
        self.train_words = {w: i + 1 for i, w in enumerate(sorted(w for w, c in rest.items() if c >= 2))}
        chars = Counter(ch for toks, _ in data for t in toks for ch in normalize(t))
        self.chars = {c: i + 2 for i, c in enumerate(sorted(c for c, n in chars.items() if n >= 2))}
        self.features = {k: {"<unk>": 0} for k in FEATURES}

    def encode(self, sents: list[list[str]], res: Resources, grow: bool) -> list[tuple]:
        """Per sentence: (vector rows, word ids, char ids per token, feature ids per token, keys,
        lexicon mark ids)."""
        out = []
        for toks in sents:
            pre, word, chars, feats, keys = [], [], [], [], []
            for t in toks:
                w, rest, row, values = token_fields(t, res, self.vectors)
                pre.append(row)
                word.append(self.train_words.get(rest, 0))
                chars.append([self.chars.get(ch, 1) for ch in w[:MAX_CHARS]] or [1])
                ids = []
                for k, v in zip(FEATURES, values, strict=True):
                    voc = self.features[k]
                    if grow and v not in voc:
                        voc[v] = len(voc)
                    ids.append(voc.get(v, 0))
                feats.append(ids)
                keys.append(rest)
            out.append((pre, word, chars, feats, keys, lexicon_ids(res.lexicon, keys, [len(keys)]).tolist()))
        return out


def _network(vocab: _Vocab, vectors):
    """The torch BiLSTM-CRF whose weights ``_export`` writes for newsan.ner.neural.NeuralTagger."""
    import torch
    from torch import nn

    allowed, start_ok = allowed_transitions()
    n_tags = len(TAGS)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            pre = np.vstack([np.zeros((1, vectors.shape[1]), np.float32), vectors])
            self.pre = nn.Embedding.from_pretrained(torch.tensor(pre), freeze=True)
            self.wemb = nn.Embedding(len(vocab.train_words) + 1, WORD_DIM)
            self.cemb = nn.Embedding(len(vocab.chars) + 2, CHAR_DIM, padding_idx=0)
            self.conv = nn.Conv1d(CHAR_DIM, CHAR_FILTERS, 3, padding=1)
            self.femb = nn.ModuleList([nn.Embedding(len(vocab.features[k]) + 1, FEATURE_DIMS[k])
                                       for k in FEATURES])
            self.lemb = nn.Embedding(len(LEX_MARKS) + 1, LEX_DIM)
            dim = pre.shape[1] + WORD_DIM + CHAR_FILTERS + sum(FEATURE_DIMS.values()) + LEX_DIM
            self.drop = nn.Dropout(DROPOUT)
            self.lstm = nn.LSTM(dim, HIDDEN, bidirectional=True, batch_first=True)
            self.docp = nn.Linear(2 * HIDDEN, DOC_DIM)
            self.out = nn.Linear(2 * HIDDEN + DOC_DIM, n_tags)
            self.trans = nn.Parameter(torch.zeros(n_tags, n_tags))
            self.start = nn.Parameter(torch.zeros(n_tags))
            self.end = nn.Parameter(torch.zeros(n_tags))
            self.register_buffer("mask_t", torch.tensor(np.where(allowed, 0.0, FORBIDDEN), dtype=torch.float32))
            self.register_buffer("mask_s", torch.tensor(np.where(start_ok, 0.0, FORBIDDEN), dtype=torch.float32))

        def emissions(self, pre, word, chars, feats, lens, keys, lex):
            b, steps, m = chars.shape
            ce = self.cemb(chars.view(b * steps, m)).transpose(1, 2)
            conv = self.conv(ce).masked_fill((chars.view(b * steps, m) == 0).unsqueeze(1), -1e4)
            parts = [self.pre(pre), self.wemb(word), torch.relu(conv.max(2).values).view(b, steps, -1)]
            parts += [emb(feats[:, :, j]) for j, emb in enumerate(self.femb)]
            parts.append(self.lemb(lex))  # last: newsan.ner.neural._Member splits its share off
            x = self.drop(torch.cat(parts, -1))
            packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=steps)
            # document features: mean over the mentions of the same (proclitic-stripped) word in the batch,
            # which is DOC_CHUNK consecutive sentences (the padding shares one key and is never read)
            d = torch.tanh(self.docp(h)).view(b * steps, -1)
            k = keys.view(-1)
            n_keys = int(k.max()) + 1
            sums = torch.zeros(n_keys, d.shape[1]).index_add_(0, k, d)
            counts = torch.zeros(n_keys).index_add_(0, k, torch.ones(b * steps))
            pooled = (sums / counts.clamp(min=1).unsqueeze(1))[k].view(b, steps, -1)
            return self.out(self.drop(torch.cat([h, pooled], -1)))

        def nll(self, em, y, mask):
            """Summed CRF negative log-likelihood of the gold paths."""
            trans = self.trans + self.mask_t
            start = self.start + self.mask_s
            score = start[y[:, 0]] + em[:, 0].gather(1, y[:, :1]).squeeze(1)
            alpha = start + em[:, 0]
            for t in range(1, em.shape[1]):
                m = mask[:, t]
                score = score + m * (trans[y[:, t - 1], y[:, t]] + em[:, t].gather(1, y[:, t:t + 1]).squeeze(1))
                nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), 1) + em[:, t]
                alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
            last = y.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
            return (torch.logsumexp(alpha + self.end, 1) - score - self.end[last]).sum()

    return Net()


def _batch(items, tags=None, word_dropout=0.0, rng=None):
    """Padded torch tensors for encoded sentences (keys numbered within the batch)."""
    import torch

    b, steps = len(items), max(len(it[0]) for it in items)
    m = max(len(c) for it in items for c in it[2])
    pre = np.zeros((b, steps), np.int64)
    word = np.zeros((b, steps), np.int64)
    chars = np.zeros((b, steps, m), np.int64)
    feats = np.zeros((b, steps, len(FEATURES)), np.int64)
    keys = np.zeros((b, steps), np.int64)
    lex = np.zeros((b, steps), np.int64)
    y = np.zeros((b, steps), np.int64)
    mask = np.zeros((b, steps), np.float32)
    key_ids: dict[str, int] = {"": 0}
    for i, (p, w, cs, fs, ks, lx) in enumerate(items):
        n = len(p)
        pre[i, :n], word[i, :n], feats[i, :n], lex[i, :n], mask[i, :n] = p, w, fs, lx, 1
        for j, c in enumerate(cs):
            chars[i, j, :len(c)] = c
        keys[i, :n] = [key_ids.setdefault(k, len(key_ids)) for k in ks]
        if tags is not None:
            y[i, :n] = tags[i]
    if word_dropout:
        word[rng.random((b, steps)) < word_dropout] = 0
    t = torch.tensor
    return (t(pre), t(word), t(chars), t(feats), t(mask.sum(1).astype(np.int64)), t(keys), t(lex)), t(y), t(mask)


def _predict(net, encoded) -> list[list[str]]:
    """Tags for encoded sentences from the torch network alone, DOC_CHUNK sentences per batch."""
    import torch

    net.eval()
    trans = (net.trans + net.mask_t).detach().numpy()
    start = (net.start + net.mask_s).detach().numpy()
    end = net.end.detach().numpy()
    out = []
    with torch.no_grad():
        for i in range(0, len(encoded), DOC_CHUNK):
            items = encoded[i:i + DOC_CHUNK]
            nonempty = [it for it in items if it[0]]
            paths: Iterator[list[int]] = iter([])
            if nonempty:
                x, _, _ = _batch(nonempty)
                em = net.emissions(*x).numpy()
                lens = np.array([len(it[0]) for it in nonempty])
                order = np.argsort(-lens, kind="stable")
                best = best_paths(em[order].transpose(1, 0, 2), lens[order], trans, start, end)
                rows = np.empty_like(order)
                rows[order] = np.arange(len(order))
                paths = iter([best[:n, r].tolist() for n, r in zip(lens.tolist(), rows.tolist(), strict=True)])
            out += [[TAGS[k] for k in next(paths)] if it[0] else [] for it in items]
    return out


def _export(states: list[dict], vocab: _Vocab, words: list[str], path: Path) -> None:
    """Write the networks' weights and the shared vocabularies as newsan.ner.neural.NeuralTagger reads them."""
    import zipfile

    first = states[0]
    z = dict(words=np.array(words), pre=first["pre.weight"].astype(np.float16),
             train_words=np.array(list(vocab.train_words)), chars=np.array(list(vocab.chars)),
             features=np.array(FEATURES), members=np.array([len(states)]))
    for k in FEATURES:
        z["feat_" + k] = np.array(list(vocab.features[k]))
    for m, sd in enumerate(states):
        p = f"{m}."
        z.update({p + "wemb": sd["wemb.weight"], p + "cemb": sd["cemb.weight"], p + "conv_w": sd["conv.weight"],
                  p + "conv_b": sd["conv.bias"], p + "doc_w": sd["docp.weight"], p + "doc_b": sd["docp.bias"],
                  p + "out_w": sd["out.weight"], p + "out_b": sd["out.bias"], p + "trans": sd["trans"],
                  p + "start": sd["start"], p + "end": sd["end"], p + "lemb": sd["lemb.weight"]})
        for d, suffix in (("f", ""), ("b", "_reverse")):
            z[p + "lstm_wih_" + d] = sd["lstm.weight_ih_l0" + suffix]
            z[p + "lstm_whh_" + d] = sd["lstm.weight_hh_l0" + suffix]
            z[p + "lstm_b_" + d] = sd["lstm.bias_ih_l0" + suffix] + sd["lstm.bias_hh_l0" + suffix]
        for j, k in enumerate(FEATURES):
            z[p + "femb_" + k] = sd[f"femb.{j}.weight"]
    # np.savez would stamp each entry with the current time; a fixed stamp keeps rebuilds byte-identical
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, array in z.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as fh:
                np.lib.format.write_array(fh, np.ascontiguousarray(array), allow_pickle=False)


_JOB: dict = {}  # shared with forked workers instead of pickling the encoded data


def _fit(vocab: _Vocab, vectors, encoded, gold, seed: int, dev_enc=(), dev_gold=(), log=None):
    """Train one BiLSTM-CRF with this seed for EPOCHS epochs; the network with its final averaged weights.

    With dev data each epoch's dev score is logged, for reading only: nothing
    is chosen on it, so the dev scores of the result are held-out figures.
    """
    import torch

    torch.set_num_threads(THREADS)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    n = len(encoded)
    net = _network(vocab, vectors)
    opt = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE)
    # dev scores and the exported weights use an exponential moving average of the weights,
    # which is steadier from epoch to epoch than the weights of the last step
    ema = torch.optim.swa_utils.AveragedModel(
        net, multi_avg_fn=torch.optim.swa_utils.get_ema_multi_avg_fn(EMA_DECAY), use_buffers=True)
    for epoch in range(EPOCHS):
        net.train()
        # batches are runs of DOC_CHUNK consecutive sentences (the document features pool over a
        # batch), cut at a different offset each epoch, in random order
        offset = int(rng.integers(DOC_CHUNK))
        starts = np.arange(-offset, n, DOC_CHUNK)
        rng.shuffle(starts)
        total = 0.0
        for s in starts.tolist():  # Python ints: max() and min() with 0 and n are typed for them
            idx = [i for i in range(max(0, s), min(n, s + DOC_CHUNK)) if encoded[i][0]]
            if not idx:
                continue
            x, y, mask = _batch([encoded[i] for i in idx], [gold[i] for i in idx], WORD_DROPOUT, rng)
            loss = net.nll(net.emissions(*x), y, mask)
            opt.zero_grad()
            (loss / len(idx)).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            ema.update_parameters(net)
            total += loss.item()
        if log:
            dev = (f", network dev micro-F1 {evaluate(dev_gold, _predict(ema.module, dev_enc))['micro'].f1:.2f}"
                   if dev_gold else "")
            log(f"seed {seed}, epoch {epoch + 1}/{EPOCHS}: loss {total / n:.3f}{dev}")
    return ema.module


def _train_member(seed: int) -> dict:
    """One network of the ensemble, on the data ``_train_networks`` put in ``_JOB`` before forking;
    its weights in numpy."""
    net = _fit(_JOB["vocab"], _JOB["vectors"], _JOB["encoded"], _JOB["gold"], seed,
               _JOB["dev_enc"], _JOB["dev_gold"], _JOB["log"])
    return {k: v.detach().numpy().copy() for k, v in net.state_dict().items()}


def _valid_bio(tags: list[str]) -> list[str]:
    """An I-X that does not continue an X entity becomes B-X (the CRF's BIO constraints forbid it)."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def _prepare(data, resources: Resources, words: list[str]) -> tuple:
    """(vocabularies, encoded sentences, gold tag ids) of training data, its gazetteer feature
    jackknifed as the CRF's is (newsan.training.crf.jackknifed_folds)."""
    vocab = _Vocab(words, data)
    encoded = []
    for fold, fold_resources in jackknifed_folds(data, resources):
        encoded += vocab.encode([toks for toks, _ in fold], fold_resources, grow=True)
    tix = {t: i for i, t in enumerate(TAGS)}
    gold = [[tix[t] for t in _valid_bio([to_newsan_tag(t) for t in tags])] for _, tags in data]
    return vocab, encoded, gold


def _train_networks(data, dev, resources: Resources, words: list[str], vectors, path: Path, log=None) -> None:
    """Train the networks (two at a time, one per core) and export them."""
    vocab, encoded, gold = _prepare(data, resources, words)
    _JOB.update(vocab=vocab, vectors=vectors, encoded=encoded, gold=gold, log=log,
                dev_enc=vocab.encode([toks for toks, _ in dev], resources, grow=False),
                dev_gold=[[to_newsan_tag(t) for t in tags] for _, tags in dev])
    try:
        states = run_parallel(_train_member, list(MEMBER_SEEDS))
    finally:
        _JOB.clear()
    _export(states, vocab, words, path)


def _fold_job(k: int) -> tuple[list[list[str]], dict[str, str]]:
    """Train one network (seed SEED) on all folds but k; its tags for fold k, and the corpus names
    it finds in ``_JOB["corpus"]`` (empty without corpus lines)."""
    import tempfile

    data, resources, words, vectors, folds = (_JOB[k] for k in ("data", "resources", "words", "vectors", "folds"))
    lo, hi = fold_bounds(len(data), folds)[k]
    rest = data[:lo] + data[hi:]
    vocab, encoded, gold = _prepare(rest, resources, words)
    net = _fit(vocab, vectors, encoded, gold, SEED)
    fold_resources = with_gazetteer_of(resources, rest)
    tags = _predict(net, vocab.encode([toks for toks, _ in data[lo:hi]], fold_resources, grow=False))
    if not _JOB["corpus"] and not _JOB["keep"]:
        return tags, {}
    with tempfile.TemporaryDirectory() as tmp:
        path = _JOB["keep"][k] if _JOB["keep"] else Path(tmp) / NEURAL_FILE
        _export([{k: v.detach().numpy() for k, v in net.state_dict().items()}], vocab, words, path)
        return tags, build_corpus_names(_JOB["corpus"], NeuralTagger(path, fold_resources)) if _JOB["corpus"] else {}


def out_of_fold_tags(data, resources: Resources, words: list[str], vectors, folds: int = FOLDS,
                     corpus: Sequence[list[str]] = (), keep: Sequence[Path] = ()
                     ) -> tuple[list[list[str]], list[dict[str, str]]]:
    """Each sentence's tags by one network trained on the other folds (two folds at a time), and
    per fold the corpus names (newsan.training.crf.build_corpus_names) that network finds in ``corpus``
    lines; bench/ner_cv.py --neural scores the tags next to the CRF's, and the CRF with the names.
    Given a path per fold in ``keep``, each fold's network is exported there."""
    _JOB.update(data=data, resources=resources, words=words, vectors=vectors, folds=folds, corpus=corpus,
                keep=keep)
    try:
        results = run_parallel(_fold_job, list(range(folds)))
    finally:
        _JOB.clear()
    return [tags for fold_tags, _ in results for tags in fold_tags], [names for _, names in results]


def stored_vectors(directory: Path) -> tuple[list[str], np.ndarray]:
    """The words and vectors stored with the networks in ``directory`` (else the shipped ones)."""
    path = directory / NEURAL_FILE if (directory / NEURAL_FILE).exists() else DATA_DIR / NEURAL_FILE
    with np.load(path) as z:
        return z["words"].tolist(), z["pre"][1:].astype(np.float32)


def train_neural(train_path: str, dev_path: str | None, out_dir: str, corpus_dir: str | None = None,
                 log=None) -> dict[str, Score] | None:
    """Build the word vectors (if ``corpus_dir``), the gazetteer and the networks into ``out_dir``;
    score on dev.

    The clusters and profiles are read from ``out_dir`` (copied there from the
    shipped ones if missing); the gazetteer is the one ``train ner`` builds
    from the same data. Without ``corpus_dir`` the vectors of the networks
    already in ``out_dir`` (or else the shipped ones) are reused. With
    ``dev_path`` the scores of the backend there are returned.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    copy_missing(out, (CLUSTERS_FILE, PROFILES_FILE))
    data = read_tagged(train_path)
    dev = read_tagged(dev_path) if dev_path else []
    if corpus_dir is not None:
        words, vectors = build_vectors(corpus_texts(corpus_dir, data))
        # neural.npz stores the vectors in float16: training on the stored values makes a build
        # from the corpus and one that reuses the stored vectors (no --corpus) the same.
        vectors = vectors.astype(np.float16).astype(np.float32)
    else:
        words, vectors = stored_vectors(out)
    write_table(build_gazetteer(data), out / GAZETTEER_FILE)
    _train_networks(data, dev, load_resources(out), words, vectors, out / NEURAL_FILE, log)
    if not dev:
        return None
    assert dev_path is not None  # dev holds its sentences
    return score_file(dev_path, NeuralTagger(out / NEURAL_FILE, load_resources(out)))
