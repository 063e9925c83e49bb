"""Click commands for NER: ``ner``, ``eval ner``, ``train ner`` and ``train neural``.

The main CLI registers ``ner_command``, ``eval_ner`` and ``train_group``
lazily. The commands parse options and call library functions; heavy imports
(crfsuite, numpy) happen inside them so ``newsan --help`` stays fast.
"""

from __future__ import annotations

import json
import sys

import click


# The --ner choices of these commands: entities.BACKENDS but "auto" (written out, so that
# loading this module stays light).
TAGGERS = ("builtin", "neural", "ensemble", "camel", "rules")
# What `newsan analyze --ner auto` runs when the model files are present (entities.AUTO_MODELS[0]).
DEFAULT_TAGGER = "ensemble"


def _fail(source: str, problem: object) -> None:
    """One line on stderr naming the file and the problem, then exit 1."""
    click.echo(f"newsan: {source}: {problem}", err=True)
    sys.exit(1)


def _tagger(backend: str, camel_model: str | None = None):
    from newsan.ner.registry import get_tagger
    from newsan.errors import BackendUnavailable

    try:
        return get_tagger(backend, camel_model)
    except BackendUnavailable as error:
        _fail(f"--ner {backend}", error)


def _read_blocks(path: str):
    from newsan.evaluation.conll import read_conll_file
    from newsan.errors import ConllError

    try:
        return read_conll_file(path)
    except FileNotFoundError:
        _fail(path, "no such file")
    except UnicodeDecodeError:
        _fail(path, "not UTF-8 text")
    except (ConllError, OSError) as e:
        _fail(path, e)


@click.command("ner")
@click.option("--conll", "conll_path", required=True, metavar="FILE|-",
              help="CoNLL file (first column = token) or - for standard input.")
@click.option("--ner", "backend", type=click.Choice(TAGGERS), default=DEFAULT_TAGGER,
              show_default=True, help="NER backend (camel needs camel-tools' model installed).")
@click.option("--camel-model", type=click.Path(exists=True, file_okay=False),
              help="Folder of a camel-tools NER model (with --ner camel).")
def ner_command(conll_path: str, backend: str, camel_model: str | None) -> None:
    """Tag tokens with entities; prints token<TAB>TAG, one line per input token."""
    from newsan.evaluation.conll import sentences, write_conll

    tagger = _tagger(backend, camel_model)
    blocks = _read_blocks(conll_path)
    tags = tagger.tag([s.tokens for s in sentences(blocks)])
    write_conll(blocks, tags, sys.stdout)


@click.command("ner")
@click.option("--gold", "gold_path", required=True, type=click.Path(dir_okay=False),
              help="Tagged CoNLL file (token and tag columns; PERS or PER).")
@click.option("--ner", "backend", type=click.Choice(TAGGERS), default=DEFAULT_TAGGER,
              show_default=True, help="NER backend to score.")
@click.option("--camel-model", type=click.Path(exists=True, file_okay=False),
              help="Folder of a camel-tools NER model (with --ner camel).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def eval_ner(gold_path: str, backend: str, camel_model: str | None, fmt: str) -> None:
    """Tag the gold tokens with a backend (newsan's default model by default); print P/R/F1 per type and micro."""
    from newsan.evaluation.conll import sentences
    from newsan.evaluation.ner import evaluate, format_text
    from newsan.ner.labels import to_newsan_tag

    sents = list(sentences(_read_blocks(gold_path)))
    if any(s.tags is None for s in sents):
        _fail(gold_path, "some tokens have no gold tag column")
    pred = _tagger(backend, camel_model).tag([s.tokens for s in sents])
    scores = evaluate([[to_newsan_tag(t) for t in s.tags] for s in sents], pred)
    if fmt == "json":
        click.echo(json.dumps({k: v.as_dict() for k, v in scores.items()}, ensure_ascii=False))
    else:
        click.echo(format_text(scores))


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
                             help=corpus_help))):
            command = option(command)
        return command
    return decorate


def _train(build, train_path: str, dev_path: str | None, out_dir: str, corpus_dir: str | None, **extra) -> None:
    """Run a training function and print its dev scores; bad input fails with the file's name."""
    from newsan.errors import ConllError
    from newsan.evaluation.ner import format_text

    for p in (train_path, dev_path):
        if p is not None:
            _read_blocks(p)  # fail early, with the file's name, before the long build
    try:
        scores = build(train_path, dev_path, out_dir, corpus_dir, **extra)
    except (ValueError, ConllError) as e:
        _fail(train_path, e)
    if scores is not None:
        click.echo(format_text(scores))


@train_group.command("ner")
@_training_options("Directory for ner.crfsuite, ner-doc.crfsuite, clusters.tsv, profiles.tsv, corpus-names.tsv "
                   "and gazetteer.tsv.",
                   "Folder of *.sgml.gz news to rebuild word clusters and profiles from, and to find names in "
                   "with the neural networks in --out, else the shipped ones (default: reuse the tables in "
                   "--out, else the shipped ones).")
def train_ner(train_path: str, dev_path: str | None, out_dir: str, corpus_dir: str | None) -> None:
    """Train the built-in CRF model (deterministic) and print dev scores."""
    from newsan.training.crf import train

    _train(train, train_path, dev_path, out_dir, corpus_dir)


@train_group.command("neural")
@_training_options("Directory for neural.npz and gazetteer.tsv; its clusters.tsv and profiles.tsv are used "
                   "(copied from the shipped ones if missing).",
                   "Folder of *.sgml.gz news to rebuild the word vectors from "
                   "(default: reuse the vectors in --out, else the shipped ones).")
def train_neural(train_path: str, dev_path: str | None, out_dir: str, corpus_dir: str | None) -> None:
    """Train the networks of --ner neural (torch, fixed seeds; about 17 minutes with --corpus) and
    print the dev scores of the backend. Epoch scores go to stderr."""
    from newsan.training.neural import train_neural as build

    _train(build, train_path, dev_path, out_dir, corpus_dir, log=lambda line: click.echo(line, err=True))
