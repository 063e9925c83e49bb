#!/usr/bin/env python
"""Golden outputs for refactoring: record what `newsan analyze -f jsonl` prints, then check it is unchanged.

A safety net for changes that must not change behaviour (moving code,
merging copies of a rule). It runs the installed command, so it judges the
code through the interface users see, whatever the package layout:

    python bench/golden.py record /tmp/golden            # before the change
    python bench/golden.py check /tmp/golden             # after: lists every article whose output changed
    python bench/golden.py check /tmp/golden --ner rules --sets seeds,news-dev   # a quicker subset

Sets: `seeds` (the project's seeds/), `news-dev` (every *.txt of
../shared/data/news-dev) and `corpus` (2,000 documents of the ANT archives,
taken from each *.sgml.gz in turn, written to one SGML file in DIR so every
outlet is in it). Backends: rules, builtin and auto (the default). The outputs
hold article text, so they live in DIR, outside the repository; they are not
committed. Prints figures; asserts nothing; exits 1 when `check` finds a
difference.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
# the command as the entry point runs it, from this checkout's src/ (so a git worktree checks its own code)
NEWSAN = [sys.executable, "-c", "import sys; from newsan.cli import main; sys.exit(main())"]
SETS = ("seeds", "news-dev", "corpus")
BACKENDS = ("rules", "builtin", "auto")
CORPUS_SIZE = 2000


def corpus_sample(out: Path, n: int = CORPUS_SIZE) -> Path:
    """Write n SGML documents, one from each archive in turn, to out (once; a later run reuses it)."""
    if out.exists():
        return out
    archives = sorted(SHARED.glob("corpus/*/*.sgml.gz"))
    if not archives:
        sys.exit(f"no archives under {SHARED / 'corpus'}")
    streams = [documents(path) for path in archives]
    chosen: list[str] = []
    while streams and len(chosen) < n:
        alive = []
        for stream in streams:
            document = next(stream, None)
            if document is not None and len(chosen) < n:
                chosen.append(document)
                alive.append(stream)
        streams = alive
    out.write_text("".join(chosen), encoding="utf-8")
    return out


def documents(path: Path):
    """The <DOC>…</DOC> blocks of one gzip archive, as text."""
    with gzip.open(path, "rt", encoding="utf-8") as archive:
        block: list[str] = []
        for line in archive:
            block.append(line)
            if line.strip() == "</DOC>":
                yield "".join(block)
                block = []


def inputs(name: str, folder: Path) -> list[str]:
    if name == "seeds":
        return ["seeds"]  # relative to the checkout, so that every worktree records the same paths
    if name == "news-dev":
        return sorted(str(p) for p in (SHARED / "news-dev").glob("*.txt"))
    return [str(corpus_sample(folder / "corpus-sample.sgml"))]


def run(name: str, backend: str, folder: Path) -> list[str]:
    """One JSON line per article, as the command prints them (run from the checkout)."""
    command = [*NEWSAN, "analyze", *inputs(name, folder), "-f", "jsonl", "--ner", backend, "-j", "2"]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=environment)
    if done.returncode not in (0, 1):
        sys.exit(f"newsan analyze {name} --ner {backend} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.stdout.splitlines()


def article_key(line: str) -> str:
    return json.loads(line).get("path", "?")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--ner", default=",".join(BACKENDS), help="comma-separated backends")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated sets")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    changed = 0
    for name in args.sets.split(","):
        for backend in args.ner.split(","):
            lines = run(name, backend, args.folder)
            golden = args.folder / f"{name}.{backend}.jsonl"
            if args.action == "record":
                golden.write_text("\n".join(lines) + "\n", encoding="utf-8")
                print(f"{name:9} {backend:8} recorded {len(lines)} articles")
                continue
            before = golden.read_text(encoding="utf-8").splitlines()
            # the lengths may differ: said just below
            differing = [article_key(new) for old, new in zip(before, lines, strict=False) if old != new]
            if len(before) != len(lines):
                differing.append(f"article count {len(before)} -> {len(lines)}")
            changed += len(differing)
            print(f"{name:9} {backend:8} {len(lines)} articles, {len(differing)} changed"
                  + "".join(f"\n    {key}" for key in differing[:20]))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
