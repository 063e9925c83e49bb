"""`newsan train ner` and `newsan train neural`: rebuild newsan's models from tagged data.

Registered lazily by the root group: the training libraries (the `train`
extra: torch, scikit-learn, scipy) load only inside these commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from newsan.cli.errors import fail, naming
from newsan.cli.options import reporter, verbosity_options


@click.group("train")
def train_group() -> None:
    """Rebuild newsan's models from data."""


def _training_options(out_help: str, corpus_help: str):
    """The options both training commands take."""
    def decorate(command):
        for option in reversed((
                click.option("--train", "train_path", required=True, type=click.Path(dir_okay=False)),
                click.option("--dev", "dev_path", type=click.Path(dir_okay=False),
                             help="Tagged CoNLL file to score the new model on."),
                click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help=out_help),
                click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, exists=True),
                             help=corpus_help),
                verbosity_options)):
            command = option(command)
        return command
    return decorate


def _train(build: Callable[..., Any], train_path: str, dev_path: str | None, out_dir: str, corpus_dir: str | None,
           **extra: Any) -> None:
    """Run a training function and print its dev scores; bad input fails with the file's name."""
    from newsan.evaluation.conll import read_gold_file
    from newsan.evaluation.ner import format_text

    for path in (train_path, dev_path):
        if path is not None:
            with naming(path):  # fail early, with the file's name, before the long build
                read_gold_file(path)
    try:
        scores = build(train_path, dev_path, out_dir, corpus_dir, **extra)
    except ValueError as error:  # a CoNLL error, or data training cannot use
        fail(f"{train_path}: {error}")
    if scores is not None:
        click.echo(format_text(scores))


@train_group.command("ner")
@_training_options("Directory for ner.crfsuite, ner-doc.crfsuite, clusters.tsv, profiles.tsv, corpus-names.tsv "
                   "and gazetteer.tsv.",
                   "Folder of *.sgml.gz news to rebuild word clusters and profiles from, and to find names in "
                   "with the neural networks in --out, else the shipped ones (default: reuse the tables in "
                   "--out, else the shipped ones).")
@click.pass_context
def train_ner(ctx: click.Context, train_path: str, dev_path: str | None, out_dir: str,
              corpus_dir: str | None) -> None:
    """Train the built-in CRF model (deterministic) and print dev scores. Each step, fold by fold with
    the time left, goes to stderr (not with -q)."""
    from newsan.training.crf import train

    with reporter(ctx).steps() as progress:
        _train(train, train_path, dev_path, out_dir, corpus_dir, progress=progress)


@train_group.command("neural")
@_training_options("Directory for neural.npz and gazetteer.tsv; its clusters.tsv and profiles.tsv are used "
                   "(copied from the shipped ones if missing).",
                   "Folder of *.sgml.gz news to rebuild the word vectors from "
                   "(default: reuse the vectors in --out, else the shipped ones).")
@click.pass_context
def train_neural(ctx: click.Context, train_path: str, dev_path: str | None, out_dir: str,
                 corpus_dir: str | None) -> None:
    """Train the networks of --ner neural (torch, fixed seeds; about 17 minutes with --corpus) and
    print the dev scores of the backend. Epoch scores go to stderr (not with -q)."""
    from newsan.training.neural import train_neural as build

    quiet = reporter(ctx).quiet
    _train(build, train_path, dev_path, out_dir, corpus_dir,
           log=None if quiet else lambda line: click.echo(line, err=True))
