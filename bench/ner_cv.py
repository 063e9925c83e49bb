"""Cross-validated accuracy of the NER recipe on ANERcorp train.

Usage: PYTHONPATH=src python bench/ner_cv.py [TRAIN] [--model DIR] [--folds K] [--param c2=0.05 ...]
                                            [--neural [--corpus DIR]] [--ensemble [--keep DIR]] [--fraction F]
       PYTHONPATH=src python bench/ner_cv.py --kept DIR [--fraction F]
       PYTHONPATH=src python bench/ner_cv.py --networks DIR [--keep DIR2]

ANERcorp dev has fewer than 1,000 entities, so a change worth half a point is
lost in its noise; train has eight times as many. For each fold this trains the
first-pass CRF on the other folds (features and gazetteer jackknifed as the
shipped build does) and tags the fold; then the document CRF, on the other
folds' features plus their first-pass tags, and re-tags it. It prints micro
and per-type F1 over all folds after the first pass, after both, and after
name propagation (newsan.ner.document.propagate_names), then after the quoted titles
rule (newsan.ner.document.quoted_names); and after all the DocumentRules every backend
applies (split_glued_names first), each fold as one document.

One shortcut: the first-pass tags the document CRF learns from were made by
models that saw the held-out fold, so the second-pass figures are slightly
optimistic (the comparison between two feature sets is still fair). The
clusters and profiles come from the model directory (default: the shipped
one). The shipped corpus names are left out: they were found by networks
trained on every fold, so they would know the held-out fold's names. About
10 minutes on two cores.

With --neural it also trains one network of the neural backend (newsan.ner.neural,
seed newsan.training.crf.SEED) per fold on the other folds, with the vectors stored
with the networks in the model directory, and scores the network's tags
alone and with propagation (as ``--ner neural`` tags). Each fold's network
also tags the corpus (newsan.training.crf.build_corpus_names, as ``newsan train ner``
does with the shipped networks), and the CRF is scored again, each fold with
the corpus names of its own network: the shipped recipe, held out (one
network, as shipped). About 50 more minutes.

With --ensemble (implies --neural) the fold models are kept: each fold's
CRF pair (with its network's corpus names) and network are put in a model
directory of their own, and the held-out fold is tagged, as one document,
by the shipped taggers' code over them: the CRF (``builtin``), the network
(``neural``) and both together (``ensemble``, newsan.ner.ensemble). About 70 minutes in all.
``--keep DIR`` keeps those model directories (DIR/0 .. DIR/K-1, each with its
network's corpus names); ``--kept DIR`` then scores only the three taggers over
them, in a few minutes: how a change of the taggers' code (not of training)
is cross-validated.
``--networks DIR`` retrains only the CRF pairs, each fold's with the corpus names
of the network kept in DIR/k, and scores the three taggers with those networks
(about 10 minutes): how a change of the CRF's features or lexicon is
cross-validated as the default ensemble without training the networks again
(``--keep DIR2`` keeps the new pairs beside copies of the networks, for ``--kept``).

``--fraction F`` draws a learning curve: the run uses only the first F of each
fold's sentences, so each fold's models learn from F of what a full run's
learn from. ``--kept DIR --fraction F`` scores the models of a full run kept in
DIR on those same sentences (each fold tagged whole, the rest left out of the
scores), which is what the fraction's figures compare with: how much the
recipe gains per doubling of the labelled data.
"""

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT = SHARED / "ner/anercorp/camellab-recon/train.conll"
DEFAULT_CORPUS = SHARED / "corpus/ant-jawharafm"


def _number(text: str) -> int | float | str:
    """A parameter value as crfsuite wants it: 300 -> int, 0.05 -> float, anything else as given."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="?", default=str(DEFAULT))
    ap.add_argument("--model", default=None, help="model directory (default: the shipped one)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="override a crfsuite training parameter of newsan.training.crf.CRF_PARAMS (repeatable)")
    ap.add_argument("--neural", action="store_true",
                    help="also cross-validate the neural backend, and the CRF with each fold network's corpus names")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="raw text the fold networks tag (with --neural)")
    ap.add_argument("--ensemble", action="store_true",
                    help="also tag each fold with its kept models through the builtin, neural and ensemble taggers")
    ap.add_argument("--keep", default=None, metavar="DIR",
                    help="with --ensemble: keep the fold models in DIR/0 .. DIR/K-1 (for --kept)")
    ap.add_argument("--kept", default=None, metavar="DIR",
                    help="only tag and score each fold with the models an earlier --keep DIR run kept (no training)")
    ap.add_argument("--networks", default=None, metavar="DIR",
                    help="retrain only the CRF pairs over the fold networks an earlier --keep DIR run kept")
    ap.add_argument("--fraction", type=float, default=1.0,
                    help="use only the first F of each fold's sentences (a learning curve)")
    args = ap.parse_args()
    args.neural = args.neural or args.ensemble
    overrides = {name: _number(value) for name, _, value in (item.partition("=") for item in args.param)}
    if not Path(args.train).exists():
        sys.exit(f"{args.train}: not found (../shared/data beside the checkout?)")

    from newsan.ner.document import DocumentRules, common_words, doc_features, propagate_names, quoted_names
    from newsan.ner.features import Featurizer
    from newsan.ner.labels import to_newsan_tag
    from newsan.ner.neural import NEURAL_FILE
    from newsan.ner.resources import CORPUS_NAMES_FILE, DATA_DIR, DOC_MODEL_FILE, MODEL_FILE, load_resources, read_table
    from newsan.training.crf import (
        CRF_PARAMS,
        _jackknife_features,
        corpus_sentences,
        fold_bounds,
        out_of_fold_tags,
        read_tagged,
        with_gazetteer_of,
    )

    t0 = time.perf_counter()
    data = read_tagged(args.train)
    heads = fold_heads(len(data), args.fraction, args.folds)
    if not args.kept:
        data = [data[i] for i in heads]
    # The shipped corpus names come from networks that saw every fold: the CRF is scored without them,
    # and with --neural also with corpus names of each fold's own network.
    resources = replace(load_resources(Path(args.model) if args.model else DATA_DIR), corpus_names={})
    gold = [[to_newsan_tag(t) for t in tags] for _, tags in data]
    if args.kept:
        kept = Path(args.kept)
        names = [read_table(kept / str(k) / CORPUS_NAMES_FILE) for k in range(args.folds)]
        rows = kept_model_rows(data, resources, names, kept)
        print_scores([gold[i] for i in heads], [(name, [tags[i] for i in heads]) for name, tags in rows])
        return
    params = {**CRF_PARAMS, **overrides}
    ys = [tags for _, tags in data]
    keys = [Featurizer(resources).keys(tokens) for tokens, _ in data]
    common = common_words(resources.profiles)

    def rule_rows(tags: list) -> list:
        """The tags after each of the DocumentRules in turn, all of train as one document; then
        all of them (split_glued_names first), each fold as one document with the words of
        persons' names of a gazetteer built from the other folds."""
        propagated = propagate_names(keys, tags, common)
        every_rule = []
        for lo, hi in fold_bounds(len(data), args.folds):
            fold_rules = DocumentRules.from_resources(with_gazetteer_of(resources, data[:lo] + data[hi:]))
            every_rule += fold_rules.apply(keys[lo:hi], tags[lo:hi], [hi - lo])[0]
        return [("+ propagate_names", propagated),
                ("+ quoted_names", [quoted_names(k, t, resources.title_heads, resources.body_heads)
                                     for k, t in zip(keys, propagated, strict=True)]),
                ("all rules, by fold", every_rule)]

    def crf_rows(fold_resources: list, label: str, keep: Path | None = None) -> list:
        """Both CRF passes, each fold's features computed with that fold's resources (once for
        folds that share them); with ``keep``, fold k's CRFs are kept in its subdirectory k."""
        features: dict[int, list] = {}
        for r in fold_resources:
            if id(r) not in features:
                features[id(r)] = _jackknife_features(data, r)
        kept = [[keep / str(k) / name for k in range(args.folds)] if keep else []
                for name in (MODEL_FILE, DOC_MODEL_FILE)]
        first = out_of_fold_tags([features[id(r)] for r in fold_resources], ys, params, kept[0])
        votes = doc_features(keys, first)
        features = {i: [[a + b for a, b in zip(x, d, strict=True)] for x, d in zip(xs, votes, strict=True)]
                    for i, xs in features.items()}
        second = out_of_fold_tags([features[id(r)] for r in fold_resources], ys, params, kept[1])
        first, second = ([[to_newsan_tag(t) for t in tags] for tags in p] for p in (first, second))
        print(f"CRF{label} done; {time.perf_counter() - t0:.0f} s", flush=True)
        return [(f"first pass{label}", first), (f"both passes{label}", second), *rule_rows(second)]

    if args.networks:
        with (contextlib.nullcontext(args.keep) if args.keep else tempfile.TemporaryDirectory(prefix="ner_cv.")) as tmp:
            kept, keep = Path(args.networks), Path(tmp)
            names = [read_table(kept / str(k) / CORPUS_NAMES_FILE) for k in range(args.folds)]
            for k in range(args.folds):
                (keep / str(k)).mkdir(parents=True, exist_ok=True)
                for name in (NEURAL_FILE, CORPUS_NAMES_FILE):
                    shutil.copyfile(kept / str(k) / name, keep / str(k) / name)
            rows = crf_rows([replace(resources, corpus_names=n) for n in names], " + names", keep)
            print_scores(gold, rows + kept_model_rows(data, resources, names, keep))
        return
    corpus = list(corpus_sentences(args.corpus)) if args.neural else []
    if args.neural and not corpus:
        sys.exit(f"{args.corpus}: no *.sgml.gz archives")
    rows = crf_rows([resources] * args.folds, "")
    print(f"{args.folds}-fold cross-validation on {args.train} ({len(data)} sentences), "
          f"{overrides or 'shipped parameters'}", flush=True)
    # With --ensemble the fold models are kept in --keep or a temporary directory, removed whatever happens.
    with (contextlib.nullcontext(args.keep) if args.keep or not args.ensemble
          else tempfile.TemporaryDirectory(prefix="ner_cv.")) as tmp:
        keep = Path(tmp) if tmp and args.ensemble else None
        if args.neural:
            from newsan.training.neural import out_of_fold_tags as neural_out_of_fold_tags
            from newsan.training.neural import stored_vectors

            for k in range(args.folds if keep else 0):
                (keep / str(k)).mkdir(parents=True, exist_ok=True)
            networks, names = neural_out_of_fold_tags(
                data, resources, *stored_vectors(Path(args.model or DATA_DIR)), args.folds, corpus,
                [keep / str(k) / NEURAL_FILE for k in range(args.folds)] if keep else [])
            print(f"networks trained, tagged and read the corpus; {time.perf_counter() - t0:.0f} s", flush=True)
            rows += [("network", networks), *rule_rows(networks)]
            rows += crf_rows([replace(resources, corpus_names=n) for n in names], " + names", keep)
        if keep:
            for k, fold_names in enumerate(names):
                with open(keep / str(k) / CORPUS_NAMES_FILE, "w", encoding="utf-8") as out:
                    out.writelines(f"{word}\t{value}\n" for word, value in fold_names.items())
            rows += kept_model_rows(data, resources, names, keep)
    print_scores(gold, rows)


def fold_heads(n: int, fraction: float, folds: int) -> list[int]:
    """The first sentences of each of the folds of ``n`` sentences, ``fraction`` of them in all, as many
    from each fold as fold_bounds gives each fold of the kept sentences: the folds of a run over them
    are the heads of the full run's folds."""
    from newsan.training.crf import fold_bounds

    if not 0 < fraction <= 1:
        sys.exit(f"--fraction {fraction}: must be above 0 and at most 1")
    full = fold_bounds(n, folds)
    kept = fold_bounds(sum(round((hi - lo) * fraction) for lo, hi in full), folds)
    return [i for (lo, _), (a, b) in zip(full, kept, strict=True) for i in range(lo, lo + b - a)]


def print_scores(gold: list, rows: list) -> None:
    """Micro and per-type F1 of each row's tags."""
    from newsan.evaluation.ner import evaluate

    for name, tags in rows:
        scores = evaluate(gold, tags)
        print(f"{name:<24}" + "  ".join(f"{typ} {s.f1:.2f}" for typ, s in scores.items()))


def kept_model_rows(data, resources, names: list[dict[str, str]], keep: Path) -> list:
    """Each fold tagged, as one document, by the builtin, neural and ensemble taggers over the
    fold models kept in ``keep``/k (both CRFs, the network) with that fold's resources."""
    from newsan.ner.builtin import BuiltinTagger
    from newsan.ner.ensemble import EnsembleTagger
    from newsan.ner.neural import NEURAL_FILE, NeuralTagger
    from newsan.ner.resources import MODEL_FILE
    from newsan.training.crf import fold_bounds, with_gazetteer_of

    out: dict[str, list] = {"builtin (kept models)": [], "neural (kept network)": [], "ensemble": []}
    for k, (lo, hi) in enumerate(fold_bounds(len(data), len(names))):
        fold_resources = replace(with_gazetteer_of(resources, data[:lo] + data[hi:]), corpus_names=names[k])
        crf = BuiltinTagger(keep / str(k) / MODEL_FILE, fold_resources)
        network = NeuralTagger(keep / str(k) / NEURAL_FILE, fold_resources)
        sents = [tokens for tokens, _ in data[lo:hi]]
        for tagger, rows in zip((crf, network, EnsembleTagger(crf, network)), out.values(), strict=True):
            rows += tagger.tag(sents)
    return list(out.items())


if __name__ == "__main__":
    main()
