#!/usr/bin/env python
"""Speed and memory of `newsan report` over newsan JSON Lines: articles per second, wall time, peak RSS.

Prints figures; it is not a test and asserts nothing. Run from the repository:

    python bench/report.py --jsonl corpus.jsonl              # an existing `newsan analyze -f jsonl` output
    python bench/report.py --make 2000                       # analyze 2,000 corpus articles first (--ner builtin)
    python bench/report.py --jsonl a.jsonl --replicate 41672 # its lines repeated (paths made distinct) up to
                                                             #   41,672 articles: aggregation alone at corpus size

Each size is reported by `newsan report FILE -o report.{json,html}` run as a
child process (reading, aggregating, rendering and writing, as a user runs
it), its wall time and peak RSS. A replicated file repeats the same names,
so it measures the cost per article, not the growth of memory with the
number of identities: for that, give a real archive's JSON Lines.

Measured here, December 2026 (2 cores shared with other jobs, so wall times
vary with their load; CPU time does not). `newsan analyze
/work/shared/data/corpus --glob '**/*.sgml.gz' -f jsonl --ner builtin -j 2`
made the JSON Lines of the whole ANT corpus: 41,647 articles (25 failed:
empty <TEXT>), 254 MiB, in 23 min on the busy machine. Then:

    input                       articles   wall              CPU (user)   peak RSS
    corpus.jsonl -o report.json   41,647   37-49 s (62-75 s   30-43 s      216 MiB
                                           with both cores
                                           busy elsewhere)
    corpus.jsonl -o report.html   41,647   37 s                            216 MiB (page 315 KiB)
    first 20,000 lines            20,000   19 s               14 s         137 MiB
    every 4th line                10,411   15 s               10 s          99 MiB

About 1,000-1,400 articles per second of CPU. Memory follows the names, not
the articles: the whole corpus leaves 25,456 speaker forms, 70,684 entity
forms, 7,741 bodies and 32,426 entity pairs (the pair counter prunes rare
pairs every 2,000 articles); a Python with the report's modules loaded is
45 MiB of it.

From raw inputs (two BBC archives, 617 articles, --ner builtin -j 2):
`newsan analyze -f jsonl` 20.1 s, `newsan report` on its JSON Lines 2.1 s,
`newsan report` on the archives themselves 21.1 s, the same report byte for
byte: the aggregation runs in the main process while the workers analyze.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus"


def newsan(*args: str) -> list[str]:
    return [sys.executable, "-c", "from newsan.cli import main; main()", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}


def make(corpus: Path, n: int, folder: Path) -> Path:
    """The JSON Lines of n corpus articles, from the first archives (sorted), by `newsan analyze`."""
    archives = sorted(corpus.rglob("*.sgml.gz"))
    if not archives:
        sys.exit(f"no *.sgml.gz archives under {corpus} (give --corpus)")
    target = folder / f"sample-{n}.jsonl"
    analyze = subprocess.Popen(newsan("analyze", *map(str, archives), "-f", "jsonl", "--ner", "builtin", "-q"),
                               stdout=subprocess.PIPE, env=environment(), text=True)
    started = time.perf_counter()
    assert analyze.stdout is not None
    with target.open("w", encoding="utf-8") as out:
        for count, line in enumerate(analyze.stdout, 1):
            out.write(line)
            if count >= n:
                break
    analyze.send_signal(signal.SIGINT)  # newsan stops its worker processes on Ctrl-C
    analyze.wait()
    print(f"analyzed {n} articles in {time.perf_counter() - started:.0f} s (--ner builtin)")
    return target


def replicate(source: Path, n: int, folder: Path) -> Path:
    """source's lines repeated up to n articles, each copy's paths made distinct (~2, ~3, …)."""
    lines = [line for line in source.read_text("utf-8").splitlines() if line.strip()]
    target = folder / f"replicated-{n}.jsonl"
    with target.open("w", encoding="utf-8") as out:
        for index in range(n):
            article = json.loads(lines[index % len(lines)])
            copy = index // len(lines)
            if copy:
                article["path"] = f"{article['path']}~{copy + 1}"
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return target


def measure(jsonl: Path, fmt: str, folder: Path) -> dict[str, float]:
    """One `newsan report` run as a child process: its wall time and its own peak RSS (wait4's)."""
    started = time.perf_counter()
    with (folder / "stderr.txt").open("w") as errors:
        child = subprocess.Popen(newsan("report", str(jsonl), "-o", str(folder / f"report.{fmt}"), "-q"),
                                 env=environment(), stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit((folder / "stderr.txt").read_text())
    report = json.loads((folder / "report.json").read_text("utf-8")) if fmt == "json" else None
    return {"wall": wall, "rss_mib": usage.ru_maxrss / 1024, "articles": report["articles"] if report else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jsonl", type=Path, help="newsan JSON Lines to report on")
    parser.add_argument("--make", type=int, help="analyze this many corpus articles first")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--replicate", type=int, help="repeat the lines up to this many articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsan-report-bench-") as tmp:
        folder = Path(tmp)
        jsonl = args.jsonl or (make(args.corpus, args.make, folder) if args.make else None)
        if jsonl is None:
            parser.error("give --jsonl FILE or --make N")
        if args.replicate:
            jsonl = replicate(jsonl, args.replicate, folder)
        size = jsonl.stat().st_size / 2**20
        figures = measure(jsonl, "json", folder)
        articles = figures["articles"]
        print(f"{jsonl.name}: {articles:,} articles, {size:,.0f} MiB")
        print(f"  json: {figures['wall']:.1f} s, {articles / figures['wall']:,.0f} articles/s, "
              f"peak RSS {figures['rss_mib']:,.0f} MiB")
        page = measure(jsonl, "html", folder)
        print(f"  html: {page['wall']:.1f} s, {articles / page['wall']:,.0f} articles/s, "
              f"peak RSS {page['rss_mib']:,.0f} MiB, page {(folder / 'report.html').stat().st_size / 1024:,.0f} KiB")


if __name__ == "__main__":
    main()
