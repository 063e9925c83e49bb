#!/usr/bin/env python
"""Throughput of newsan on the ANT corpus, next to the floor of a bare camel-tools pass.

Prints figures; it is not a test and asserts nothing. Run from the repository:

    python bench/throughput.py                       # 1,000 articles, one process, --ner auto (ensemble)
    python bench/throughput.py --ner builtin         # the fast CRF (the 1/6 goal holds for the default too)
    python bench/throughput.py --n 2000 --ner rules  # another sample size and backend
    python bench/throughput.py --jobs 2 --repeat 3   # + the speed-up of a 2-process pool (best of 3)
    python bench/throughput.py --rss 1000,30000      # + peak RSS of `newsan analyze --format jsonl`
                                                     #   streaming 1,000 and 30,000 articles

What is measured:

* full analysis: the serial runner `newsan analyze -f jsonl` uses
  (`batch.analyze_serially`: chunks of articles through the pipeline, one
  schema dict each) + one JSON line per article, after the model and
  lexicons are loaded (their load time is printed apart);
* the floor: camel-tools `normalize_unicode` + `dediac_ar` +
  `simple_word_tokenize` over the same texts, nothing else.

Both run in the same process, alternating in slices of 50 articles, so both
see the same machine load (the ratio stays meaningful on a busy machine).
Words are newsan's word count (tokens starting with a letter or digit) for
both rates, so the ratio is the ratio of the times. The sample takes the
archives' documents in turn (one from each *.sgml.gz, round robin), so every
outlet is in it.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsan.ingest import iter_sources  # noqa: E402
from newsan.model import Source  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus"
SLICE = 50


def sample(corpus: Path, n: int) -> list[Source]:
    """n documents, taken from the archives in turn so that every outlet and category is represented."""
    files = sorted(str(p) for p in corpus.rglob("*.sgml.gz"))
    if not files:
        sys.exit(f"no *.sgml.gz archives under {corpus} (give --corpus)")
    streams = [(s for s in iter_sources([f]) if isinstance(s, Source)) for f in files]
    chosen: list[Source] = []
    while streams and len(chosen) < n:
        alive = []
        for stream in streams:
            item = next(stream, None)
            if item is not None:
                chosen.append(item)
                alive.append(stream)
                if len(chosen) == n:
                    break
        streams = alive
    return chosen


def peak_rss_mib() -> float:
    try:
        with open("/proc/self/status") as status:  # Linux: this process image only
            return int(next(line.split()[1] for line in status if line.startswith("VmHWM:"))) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_one_process(sources: list[Source], ner: str) -> dict:
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_unicode

    from newsan.analysis.pipeline import Options
    from newsan.lexicons import load_lexicons
    from newsan.ner.registry import get_tagger
    from newsan.runners.batch import analyze_serially

    options = Options(ner=ner)
    started = time.perf_counter()
    load_lexicons(None)
    tagger = get_tagger(ner)
    load_time = time.perf_counter() - started

    sink = open(os.devnull, "w", encoding="utf-8")
    full_time = floor_time = 0.0
    words = floor_tokens = 0
    for first in range(0, len(sources), SLICE):
        chunk = sources[first:first + SLICE]
        started = time.perf_counter()
        for outcome in analyze_serially(chunk, options):
            sink.write(json.dumps(outcome.result, ensure_ascii=False) + "\n")
            words += outcome.result["stats"]["words"]
        full_time += time.perf_counter() - started
        started = time.perf_counter()
        for source in chunk:
            floor_tokens += len(simple_word_tokenize(dediac_ar(normalize_unicode(source.text))))
        floor_time += time.perf_counter() - started
    sink.close()
    return {"backend": getattr(tagger, "name", type(tagger).__name__), "load_time": load_time,
            "articles": len(sources), "words": words,
            "full_time": full_time, "floor_time": floor_time, "floor_tokens": floor_tokens,
            "peak_rss": peak_rss_mib()}


def bench_jobs(sources: list[Source], ner: str, jobs: int, repeat: int = 1) -> dict:
    """Serial, then `jobs` processes, through the CLI's runners (pool start-up and model loads included).

    Wall times, and CPU seconds of this process and of the workers: on a machine shared with other work the
    wall-clock speed-up shows the neighbours as much as newsan; the CPU figures show the pool's own cost.
    """
    from newsan.analysis.pipeline import Options
    from newsan.runners.batch import analyze_in_parallel, analyze_serially

    options = Options(ner=ner)
    figures: dict[str, dict] = {}
    runners = (("serial", lambda: analyze_serially(sources, options)),
               ("pool", lambda: analyze_in_parallel(sources, options, jobs=jobs)))
    for label, runner in runners * repeat:  # alternating; the best wall time of each is kept
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started, cpu_started = time.perf_counter(), time.process_time()
        count = sum(1 for outcome in runner() if outcome.result is not None)
        wall, own_cpu = time.perf_counter() - started, time.process_time() - cpu_started
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers_cpu = (children.ru_utime + children.ru_stime) - (children_before.ru_utime + children_before.ru_stime)
        assert count == len(sources), "some articles failed"
        if label not in figures or wall < figures[label]["wall"]:
            figures[label] = {"wall": wall, "cpu": own_cpu, "workers_cpu": workers_cpu}
    return figures


def write_archive(sources: list[Source], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        for number, source in enumerate(sources):
            text = html.escape(source.text, quote=False)
            title = html.escape(source.title or "", quote=False)
            out.write(f"<DOC>\n<DOCNO>BENCH-{number}</DOCNO>\n<TITLE>{title}</TITLE>\n"
                      f"<TEXT>\n{text}\n</TEXT>\n</DOC>\n")


# Runs the CLI and, at exit, writes its VmHWM (peak resident memory of this process image) to a file.
# Not getrusage: on Linux ru_maxrss survives exec(), so a child started by a big parent reports the parent's peak.
_PEAK_WRAPPER = """
import atexit, os, runpy, sys
def report():
    with open('/proc/self/status') as status:
        peak = next(line.split()[1] for line in status if line.startswith('VmHWM:'))
    with open(os.environ['NEWSAN_BENCH_PEAK'], 'w') as out:
        out.write(peak)
atexit.register(report)
sys.argv = ['newsan'] + sys.argv[1:]
runpy.run_module('newsan.cli', run_name='__main__')
"""


def streaming_rss(sources: list[Source], ner: str, jobs: int) -> tuple[float, float]:
    """(peak RSS in MiB, seconds) of `newsan analyze ARCHIVE --format jsonl` in a fresh process, stdout discarded.

    With --jobs > 1 the figure is the parent's only (it reads, orders and writes); workers are not counted.
    """
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "sample.sgml.gz"
        peak_file = Path(folder) / "peak"
        write_archive(sources, archive)
        env = dict(os.environ, NEWSAN_BENCH_PEAK=str(peak_file),
                   PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        command = [sys.executable, "-c", _PEAK_WRAPPER, "-q", "analyze", str(archive), "--format", "jsonl",
                   "--ner", ner, "--jobs", str(jobs)]
        started = time.perf_counter()
        returncode = subprocess.run(command, stdout=subprocess.DEVNULL, env=env).returncode
        elapsed = time.perf_counter() - started
        if returncode != 0:
            sys.exit(f"newsan analyze {archive} exited with {returncode}")
        peak_kib = int(peak_file.read_text())
    return peak_kib / 1024, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles to analyze (default 1000)")
    parser.add_argument("--ner", default="auto", choices=["auto", "builtin", "neural", "ensemble", "camel", "rules"])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.sgml.gz archives")
    parser.add_argument("--jobs", type=int, default=0, help="also time a pool of JOBS processes against one")
    parser.add_argument("--repeat", type=int, default=1,
                        help="with --jobs: run serial and pool this many times each, alternating; keep the best")
    parser.add_argument("--rss", default="", help="comma-separated article counts: peak RSS of a streaming CLI run")
    parser.add_argument("--rss-jobs", type=int, default=1, help="--jobs of the streaming runs (default 1)")
    args = parser.parse_args()

    counts = [int(c) for c in args.rss.split(",") if c.strip()]
    started = time.perf_counter()
    sources = sample(args.corpus, max([args.n, *counts]))
    print(f"machine: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"sample: {min(args.n, len(sources))} articles from {args.corpus} "
          f"(read in {time.perf_counter() - started:.1f}s)")

    result = bench_one_process(sources[:args.n], args.ner)
    full_wps = result["words"] / result["full_time"]
    floor_wps = result["words"] / result["floor_time"]
    print(f"backend: {result['backend']} (--ner {args.ner}); model and lexicons loaded in {result['load_time']:.2f}s")
    print(f"full analysis: {result['articles'] / result['full_time']:.1f} articles/s, {full_wps:,.0f} words/s "
          f"({result['words']:,} words in {result['full_time']:.2f}s)")
    print(f"floor (camel-tools normalize_unicode+dediac_ar+simple_word_tokenize): {floor_wps:,.0f} words/s "
          f"({result['floor_tokens'] / result['floor_time']:,.0f} tokens/s, {result['floor_time']:.2f}s)")
    print(f"ratio full/floor: 1/{floor_wps / full_wps:.2f} ({full_wps / floor_wps:.3f}; "
          f"goal, default backend included: >= 1/6 = 0.167)")
    print(f"peak RSS of this process: {result['peak_rss']:.0f} MiB")

    if args.jobs > 1:
        figures = bench_jobs(sources[:args.n], args.ner, args.jobs, args.repeat)
        serial, pool = figures["serial"], figures["pool"]
        print(f"--jobs {args.jobs}: {serial['wall']:.2f}s serial, {pool['wall']:.2f}s with {args.jobs} processes "
              f"(pool start and model loads included; best of {args.repeat}): "
              f"speed-up {serial['wall'] / pool['wall']:.2f}x wall clock")
        total = pool["cpu"] + pool["workers_cpu"]
        bound = max(total / args.jobs, pool["cpu"])  # wall time with `jobs` idle CPUs: work shared, parent apart
        print(f"  CPU seconds: serial {serial['cpu']:.2f}; pool {total:.2f} (parent {pool['cpu']:.2f}, "
              f"workers {pool['workers_cpu']:.2f}): overhead {100 * (total / serial['cpu'] - 1):+.0f}%; "
              f"speed-up on {args.jobs} idle CPUs at most {serial['cpu'] / bound:.2f}x")

    rss = {}
    for count in counts:
        peak, elapsed = streaming_rss(sources[:count], args.ner, args.rss_jobs)
        rss[count] = peak
        print(f"streaming `newsan analyze --format jsonl --jobs {args.rss_jobs}` over {count:,} articles: "
              f"peak RSS {peak:.0f} MiB ({elapsed:.1f}s, {count / elapsed:.0f} articles/s end to end)")
    if len(rss) >= 2:
        low, high = min(rss), max(rss)
        print(f"peak RSS {high:,} vs {low:,} articles: {100 * (rss[high] / rss[low] - 1):+.1f}% (goal within 10%)")


if __name__ == "__main__":
    main()
