"""Speed of a built-in NER tagger: words/s on a CoNLL file, load time, peak memory.

Usage: PYTHONPATH=src python bench/ner_speed.py [FILE] [--model DIR] [--ner ensemble|builtin|neural]
FILE defaults to ANERcorp dev in ../shared beside the checkout. The tagger is
warmed on the file once (which fills the per-word feature cache), then timed
over several passes in one process, feature extraction included.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

DEFAULT = (Path(__file__).resolve().parents[1].parent
           / "shared/data/ner/anercorp/camellab-recon/dev.conll")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--model", default=None, help="model directory (default: the shipped one)")
    ap.add_argument("--ner", choices=("ensemble", "builtin", "neural"), default="ensemble",
                    help="the CRF and the networks together (the default model), the CRF, or the networks")
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()

    from newsan.evaluation.conll import read_conll_file, sentences

    sents = [s.tokens for s in sentences(read_conll_file(args.file))]
    words = sum(map(len, sents))

    t0 = time.perf_counter()
    if args.ner == "neural":
        from newsan.ner.neural import load_neural_tagger as load
    elif args.ner == "ensemble":
        from newsan.ner.ensemble import load_ensemble_tagger as load
    else:
        from newsan.ner.builtin import load_builtin_tagger as load

    tagger = load(args.model)
    load = time.perf_counter() - t0

    t0 = time.perf_counter()
    tagger.tag(sents)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(args.passes):
        tagger.tag(sents)
    warm = (time.perf_counter() - t0) / args.passes

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"tagger: {tagger.name}; file: {args.file} ({len(sents)} sentences, {words} words)")
    print(f"model load (incl. imports): {load:.3f} s")
    print(f"first pass (cold feature cache): {words / cold:,.0f} words/s")
    print(f"warm: {words / warm:,.0f} words/s (mean of {args.passes} passes)")
    print(f"peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
