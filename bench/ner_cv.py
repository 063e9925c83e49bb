"""Cross-validated accuracy of the NER recipe on ANERcorp train.

Usage: PYTHONPATH=src python bench/ner_cv.py [TRAIN] [--model DIR] [--folds K] [--param c2=0.05 ...] [--neural]

ANERcorp dev has fewer than 1,000 entities, so a change worth half a point is
lost in its noise; train has ten times as many. For each fold this trains the
first-pass CRF on the other folds (features and gazetteer jackknifed as the
shipped build does) and tags the fold; then the document CRF, on the other
folds' features plus their first-pass tags, and re-tags it. It prints micro
and per-type F1 over all folds after the first pass, after both, and after
name propagation (ner_model.propagate_names).

One shortcut: the first-pass tags the document CRF learns from were made by
models that saw the held-out fold, so the second-pass figures are slightly
optimistic (the comparison between two feature sets is still fair). The
clusters and profiles come from the model directory (default: the shipped
one). About 10 minutes on two cores.

With --neural it also trains one network of the neural backend (ner_neural,
seed ner_train.SEED) per fold on the other folds, with the vectors stored
with the networks in the model directory, and scores the network's tags
alone and with propagation (as ``--ner neural`` tags). About 40 more
minutes; the shipped backend averages two networks, so it does a little
better than this.
"""

import argparse
import sys
import time
from pathlib import Path

DEFAULT = (Path(__file__).resolve().parents[1].parent
           / "shared/data/ner/anercorp/camellab-recon/train.conll")


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
                    help="override a crfsuite training parameter of ner_train.CRF_PARAMS (repeatable)")
    ap.add_argument("--neural", action="store_true", help="also cross-validate the neural backend")
    args = ap.parse_args()
    overrides = {name: _number(value) for name, _, value in (item.partition("=") for item in args.param)}
    if not Path(args.train).exists():
        sys.exit(f"{args.train}: not found (../shared/data beside the checkout?)")

    from newsan.ner_eval import evaluate
    from newsan.ner_model import (DATA_DIR, Featurizer, common_words, doc_features, load_resources,
                                  propagate_names, to_newsan_tag)
    from newsan.ner_train import CRF_PARAMS, _jackknife_features, out_of_fold_tags, read_tagged

    t0 = time.perf_counter()
    data = read_tagged(args.train)
    resources = load_resources(Path(args.model) if args.model else DATA_DIR)
    params = {**CRF_PARAMS, **overrides}
    xs, ys = _jackknife_features(data, resources), [tags for _, tags in data]
    keys = [Featurizer(resources).keys(tokens) for tokens, _ in data]
    first = out_of_fold_tags(xs, ys, params, args.folds)
    xs2 = [[a + b for a, b in zip(x, d)] for x, d in zip(xs, doc_features(keys, first))]
    second = out_of_fold_tags(xs2, ys, params, args.folds)
    gold = [[to_newsan_tag(t) for t in tags] for _, tags in data]
    first, second = ([[to_newsan_tag(t) for t in tags] for tags in p] for p in (first, second))
    print(f"{args.folds}-fold cross-validation on {args.train} ({len(data)} sentences), "
          f"{overrides or 'shipped parameters'}; {time.perf_counter() - t0:.0f} s")
    common = common_words(resources.profiles)
    rows = [("first pass", first), ("both passes", second), ("+ propagate_names", propagate_names(keys, second, common))]
    if args.neural:
        from newsan.ner_neural_train import out_of_fold_tags as neural_out_of_fold_tags, stored_vectors

        networks = neural_out_of_fold_tags(data, resources, *stored_vectors(Path(args.model or DATA_DIR)),
                                           args.folds)
        print(f"networks trained and tagged; {time.perf_counter() - t0:.0f} s")
        rows += [("network", networks), ("+ propagate_names", propagate_names(keys, networks, common))]
    for name, tags in rows:
        scores = evaluate(gold, tags)
        print(f"{name:<18}" + "  ".join(f"{typ} {s.f1:.2f}" for typ, s in scores.items()))


if __name__ == "__main__":
    main()
