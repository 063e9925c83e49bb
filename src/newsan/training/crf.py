"""Rebuild the built-in NER model: word clusters, profiles, corpus names, gazetteer, two CRFs.

Everything is deterministic (fixed seeds, single-threaded clustering, fixed
iteration counts), so the same inputs give the same shipped files. The shipped
model was built with::

    .venv/bin/newsan train ner \\
        --train ../shared/data/ner/anercorp/camellab-recon/train.conll \\
        --dev ../shared/data/ner/anercorp/camellab-recon/dev.conll \\
        --corpus ../shared/data/corpus/ant-jawharafm \\
        --out src/newsan/data/ner

Only ANERcorp train and the Apache-2.0 Jawhara FM text feed the shipped files;
the dev file is used for the printed scores only.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from newsan.arabic.clitics import split_proclitics
from newsan.evaluation.conll import read_gold_file
from newsan.evaluation.ner import Score, evaluate
from newsan.ner.builtin import BuiltinTagger, load_builtin_tagger
from newsan.ner.document import doc_features
from newsan.ner.features import Featurizer
from newsan.ner.forms import normalize
from newsan.ner.labels import to_newsan_tag
from newsan.ner.neural import NEURAL_FILE, load_neural_tagger
from newsan.ner.resources import (
    CLUSTERS_FILE,
    CORPUS_NAMES_FILE,
    DATA_DIR,
    DOC_MODEL_FILE,
    GAZETTEER_FILE,
    MODEL_FILE,
    PROFILES_FILE,
    Resources,
    load_resources,
)
from newsan.training.steps import Progress, Step, no_progress, run_parallel

SEED = 12345
FOLDS = 5
# Cluster hierarchy: k-means leaves, then Ward merges of the leaf centroids.
CLUSTER_LEVELS = (16, 64, 256)
CLUSTER_LEAVES = 1024
VECTOR_DIM = 100
# Corpus names (build_corpus_names): the types kept, and the corpus lines tagged as one document.
CORPUS_NAME_TYPES = ("PER", "LOC")
CORPUS_DOCUMENT = 20
CRF_PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 300,
              "feature.possible_transitions": True}

_TEXT = re.compile(r"<(TEXT|TITLE|ABSTRACT)>(.*?)</\1>", re.S)
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[^\w\s]")


def read_tagged(path: str) -> list[tuple[list[str], list[str]]]:
    """(tokens, tags) per sentence of a tagged CoNLL file; fails (ConllError) on one that is not
    gold data (read_gold_file)."""
    return [(s.tokens, s.tags or []) for s in read_gold_file(path)]


def corpus_sentences(corpus_dir: str) -> Iterator[list[str]]:
    """Normalized token lists, one per text line, from TREC SGML ``*.sgml.gz`` files."""
    for path in sorted(Path(corpus_dir).glob("*.sgml.gz")):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        for m in _TEXT.finditer(text):
            for line in m.group(2).splitlines():
                toks = _TOKEN.findall(normalize(line))
                if toks:
                    yield toks


def build_vectors(texts: Iterable[list[str]], min_count: int = 3, dim: int = VECTOR_DIM):
    """Word vectors from raw text: (words, unit-length float64 array, one row per word).

    Positive PMI over a +-2 window (1/distance weights, context smoothing
    0.75), reduced by a seeded randomized SVD. Words seen fewer than
    ``min_count`` times get no vector.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    texts = list(texts)
    counts = Counter(t for s in texts for t in s)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    n = len(vocab)
    rows, cols, vals = [], [], []
    for s in texts:
        ids = np.array([index.get(t, -1) for t in s], dtype=np.int64)
        for d in (1, 2):
            if len(ids) <= d:
                continue
            a, b = ids[:-d], ids[d:]
            keep = (a >= 0) & (b >= 0)
            a, b = a[keep], b[keep]
            rows += [a, b]
            cols += [b, a]
            vals.append(np.full(2 * len(a), 1.0 / d))
    co = sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                           shape=(n, n)).tocsr()
    total = co.sum()
    row_sum = np.asarray(co.sum(axis=1)).ravel()
    ctx = np.asarray(co.sum(axis=0)).ravel() ** 0.75
    ctx /= ctx.sum()
    co = co.tocoo()
    pmi = np.log(co.data * 1.0 / (row_sum[co.row] / total) / ctx[co.col] / total)
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (co.row[keep], co.col[keep])), shape=(n, n))
    u, s, _ = randomized_svd(ppmi, n_components=dim, n_iter=5, random_state=SEED)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    return vocab, vec


def build_clusters(vocab: list[str], vec) -> dict[str, tuple[str, ...]]:
    """Hierarchical word clusters of build_vectors' vectors (word -> ids coarse to fine).

    Leaves: k-means; upper levels: Ward clustering of the leaf centroids, so
    every level nests in the one above like Brown-cluster bit prefixes.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.cluster import KMeans

    km = KMeans(n_clusters=CLUSTER_LEAVES, n_init=1, max_iter=100, random_state=SEED).fit(vec)
    tree = linkage(km.cluster_centers_, method="ward")
    levels = [fcluster(tree, k, criterion="maxclust") for k in CLUSTER_LEVELS]
    return {w: tuple(str(lv[leaf]) for lv in levels) + (str(leaf),)
            for w, leaf in zip(vocab, km.labels_, strict=True)}


def _rate_bucket(rate: float, cuts: tuple[float, float]) -> str:
    """0 for never, then 1, 2, 3 below the first cut, below the second, above."""
    return "0" if rate == 0 else "1" if rate < cuts[0] else "2" if rate < cuts[1] else "3"


def build_profiles(texts: Iterable[list[str]], min_count: int = 3) -> dict[str, str]:
    """Proclitic-stripped form -> how often it carries the article, how common it
    is, and how often it follows a verb particle and a preposition.

    Personal names almost never take ال while the nouns and adjectives they are
    confused with usually do, so the article rate seen in raw text tells them
    apart even for names the labelled data never shows. Likewise a word seen
    after لم, لن, قد, سوف is a verb, not the end of a name (طلعت زكريا يتقمص).
    """
    import math

    from newsan.ner.lexicon import prepositions, verb_particles

    particles, preps = verb_particles(), prepositions()
    total: Counter = Counter()
    with_al: Counter = Counter()
    after_particle: Counter = Counter()
    after_preposition: Counter = Counter()
    for s in texts:
        prev = ""
        for tok in s:
            pro, rest = split_proclitics(tok)
            total[rest] += 1
            if pro.endswith(("ال", "لل")):
                with_al[rest] += 1
            if prev in particles:
                after_particle[rest] += 1
            elif prev in preps:
                after_preposition[rest] += 1
            prev = tok
    out = {}
    for form, n in total.items():
        if n >= min_count:
            al = _rate_bucket(with_al[form] / n, (0.1, 0.5))
            verb = _rate_bucket(after_particle[form] / n, (0.05, 0.2))
            noun = _rate_bucket(after_preposition[form] / n, (0.05, 0.2))
            out[form] = f"a{al}f{min(int(math.log2(n)), 12)}v{verb}n{noun}"
    return out


def _tags_by_form(tagged: Iterable[tuple[list[str], list[str]]]) -> dict[str, Counter]:
    """How often each proclitic-stripped form carries each (newsan) tag in tagged sentences."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for tokens, tags in tagged:
        for tok, tag in zip(tokens, tags, strict=True):
            seen[split_proclitics(normalize(tok))[1]][to_newsan_tag(tag)] += 1
    return seen


def _commonest(counts: Counter, skip: str) -> str:
    """The most frequent key but ``skip`` (ties: the greatest); ``skip`` if there is no other."""
    return max((k for k in counts if k != skip), key=lambda k: (counts[k], k), default=skip)


def build_gazetteer(data: list[tuple[list[str], list[str]]], min_count: int = 2
                    ) -> dict[str, str]:
    """Proclitic-stripped form -> the entity tag it mostly has in ``data``.

    Kept only when the form is seen ``min_count`` times and is part of an
    entity in at least half of them, so common words never enter.
    """
    out = {}
    for form, c in _tags_by_form(data).items():
        total = sum(c.values())
        if total >= min_count and (total - c["O"]) * 2 >= total:
            out[form] = _commonest(c, "O")
    return out


def build_corpus_names(lines: list[list[str]], tagger, min_count: int = 2,
                       progress: Progress = no_progress) -> dict[str, str]:
    """Proclitic-stripped form -> the name type the tagger gives it most in raw text, if a person or a
    place, with how often: PER3 (80 % of its occurrences or more), PER2 (50 %), PER1 (20 %).

    Why: the neural backend reads characters and word vectors, so it knows far
    more person and place names than the CRF learns from train; tagged over the
    corpus, it hands them to the CRF as a feature that costs nothing when
    tagging. Its ORG and MISC tags are left out: they lowered the CRF's
    scores (see data/ner/README.md).
    """
    docs = [lines[i:i + CORPUS_DOCUMENT] for i in range(0, len(lines), CORPUS_DOCUMENT)]
    tagged = []
    for i in range(0, len(docs), 64):
        progress(Step("finding names in the corpus", i, len(docs), "documents"))
        batch = docs[i:i + 64]
        tagged += [pair for doc, tags in zip(batch, tagger.tag_documents(batch), strict=True)
                   for pair in zip(doc, tags, strict=True)]
    out = {}
    for form, c in _tags_by_form(tagged).items():
        types: Counter = Counter()
        for tag, n in c.items():
            types[tag[2:] or tag] += n
        total = sum(c.values())
        top = _commonest(types, "O")
        rate = types[top] / total
        if total >= min_count and top in CORPUS_NAME_TYPES and rate >= 0.2:
            out[form] = top + ("3" if rate >= 0.8 else "2" if rate >= 0.5 else "1")
    return out


def with_gazetteer_of(resources: Resources, data: list[tuple[list[str], list[str]]]) -> Resources:
    """The same resources with the gazetteer built from ``data``."""
    return replace(resources, gazetteer=build_gazetteer(data))


def fold_bounds(n: int, folds: int = FOLDS) -> list[tuple[int, int]]:
    """(start, end) of each of ``folds`` consecutive folds of ``n`` sentences: every fold split
    of the training code and benches."""
    return [(n * k // folds, n * (k + 1) // folds) for k in range(folds)]


def jackknifed_folds(data, resources: Resources):
    """(fold's sentences, resources whose gazetteer comes from the other folds) for each of FOLDS folds.

    Training features are computed this way: a gazetteer built from the very
    sentences it marks would be a perfect predictor there, and the model
    would over-trust it.
    """
    for lo, hi in fold_bounds(len(data)):
        yield data[lo:hi], with_gazetteer_of(resources, data[:lo] + data[hi:])


def _jackknife_features(data, resources: Resources) -> list[list[list[str]]]:
    """Training features of the CRF, fold by fold (jackknifed_folds)."""
    out = []
    for fold, fold_resources in jackknifed_folds(data, resources):
        feat = Featurizer(fold_resources)
        out += [feat.sentence(tokens) for tokens, _ in fold]
    return out


def corpus_texts(corpus_dir: str, data: list[tuple[list[str], list[str]]]) -> list[list[str]]:
    """The raw text the clusters, profiles and word vectors are built from: the corpus and the
    training sentences, normalized. BLAS runs single-threaded from here on, for reproducible builds."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    texts = list(corpus_sentences(corpus_dir))
    texts += [[normalize(t) for t in tokens] for tokens, _ in data]
    return texts


def copy_missing(out: Path, names: Iterable[str]) -> None:
    """Copy the shipped model files of these names into ``out`` where it lacks them."""
    for name in names:
        if not (out / name).exists():
            shutil.copy(DATA_DIR / name, out / name)


def write_clusters(clusters: dict[str, tuple[str, ...]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for w in sorted(clusters):
            fh.write(w + "\t" + ".".join(clusters[w]) + "\n")


def write_table(table: dict[str, str], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for w in sorted(table):
            fh.write(f"{w}\t{table[w]}\n")


def _train_crf(xseqs, yseqs, path: Path, params: dict) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xseqs, yseqs, strict=True):
        trainer.append(x, y)
    trainer.select("lbfgs")
    trainer.set_params(params)
    trainer.train(str(path))


_JOB: dict = {}  # shared with forked workers instead of pickling the feature lists


def _fold_job(k: int) -> list[list[str]]:
    """Train on fold k's feature lists minus fold k (features already jackknifed); tag fold k."""
    import tempfile

    import pycrfsuite

    xs, ys, bounds, params = _JOB["x"][k], _JOB["y"], _JOB["bounds"], _JOB["params"]
    lo, hi = bounds[k]
    with tempfile.TemporaryDirectory() as tmp:
        path = _JOB["keep"][k] if _JOB["keep"] else Path(tmp) / "fold.crfsuite"
        _train_crf(xs[:lo] + xs[hi:], ys[:lo] + ys[hi:], path, params)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return [tagger.tag(x) for x in xs[lo:hi]]


def out_of_fold_tags(fold_xs: list[list], ys: list, params: dict, keep: Sequence[Path] = (),
                     progress: Progress = no_progress) -> list[list[str]]:
    """Each sentence's tags by a CRF trained on the other folds (fold models two at a time).

    ``fold_xs`` holds one list of feature lists per fold, the same one for
    every fold unless a fold's features need resources of its own (bench/ner_cv.py's
    corpus names). The document CRF learns from these tags, as it sees
    first-pass tags of unseen text when tagging; bench/ner_cv.py scores them
    (and, given a path per fold in ``keep``, tags with the fold models kept there).
    """
    _JOB.update(x=fold_xs, y=ys, params=params, bounds=fold_bounds(len(ys), len(fold_xs)), keep=keep)
    try:
        folds = run_parallel(_fold_job, range(len(fold_xs)), progress, "cross-validation CRFs", "folds")
        return [tags for fold in folds for tags in fold]
    finally:
        _JOB.clear()


def train(train_path: str, dev_path: str | None, out_dir: str,
          corpus_dir: str | None = None, params: dict | None = None,
          progress: Progress = no_progress) -> dict[str, Score] | None:
    """Build clusters, profiles and corpus names (if ``corpus_dir``), gazetteer and both CRFs into
    ``out_dir``; score on dev.

    The corpus names come from the neural backend's networks in ``out_dir``, or
    else the shipped ones (build_corpus_names). Without ``corpus_dir`` the
    clusters, profiles and corpus names already in ``out_dir`` (or else the
    shipped ones) are reused, so the CRFs can be retrained quickly. The second
    (document) CRF learns from first-pass tags that were produced by fold
    models that never saw the sentence, as it will see at tagging time.
    ``progress`` hears of each step (training.steps).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    progress(Step("reading the training data"))
    data = read_tagged(train_path)
    if corpus_dir is not None:
        progress(Step("reading the corpus"))
        texts = corpus_texts(corpus_dir, data)
        progress(Step("word vectors and clusters"))
        write_clusters(build_clusters(*build_vectors(texts)), out / CLUSTERS_FILE)
        progress(Step("word profiles"))
        write_table(build_profiles(texts), out / PROFILES_FILE)
        networks = load_neural_tagger(out if (out / NEURAL_FILE).exists() else None)
        write_table(build_corpus_names(texts[:len(texts) - len(data)], networks, progress=progress),
                    out / CORPUS_NAMES_FILE)
    else:
        copy_missing(out, (CLUSTERS_FILE, PROFILES_FILE, CORPUS_NAMES_FILE))
    progress(Step("gazetteer and features"))
    write_table(build_gazetteer(data), out / GAZETTEER_FILE)
    resources = load_resources(out)
    params = {**CRF_PARAMS, **(params or {})}

    xs = _jackknife_features(data, resources)
    ys = [tags for _, tags in data]
    first = out_of_fold_tags([xs] * FOLDS, ys, params, progress=progress)
    feat = Featurizer(resources)
    keys = [feat.keys(tokens) for tokens, _ in data]
    xs2 = [[a + b for a, b in zip(x, e, strict=True)] for x, e in zip(xs, doc_features(keys, first), strict=True)]
    _JOB.update(y=ys, params=params, jobs=[(xs, out / MODEL_FILE), (xs2, out / DOC_MODEL_FILE)])
    try:
        run_parallel(_final_job, [0, 1], progress, "final CRFs (first and document pass)", "models")
    finally:
        _JOB.clear()
    if dev_path is None:
        return None
    progress(Step("scoring on dev"))
    return score_file(dev_path, BuiltinTagger(out / MODEL_FILE, load_resources(out)))


def _final_job(i: int) -> None:
    xs, path = _JOB["jobs"][i]
    _train_crf(xs, _JOB["y"], path, _JOB["params"])


def score_file(gold_path: str, tagger=None) -> dict[str, Score]:
    """Tag the tokens of a gold CoNLL file with a tagger (default: the shipped CRF) and score it
    against the gold tags. A freshly trained model is passed as a tagger built apart from the
    per-process cache of the loaders."""
    gold = read_tagged(gold_path)
    tagger = tagger or load_builtin_tagger()
    pred = tagger.tag([tokens for tokens, _ in gold])
    return evaluate([[to_newsan_tag(t) for t in tags] for _, tags in gold], pred)
