"""`newsan ner` (tag a CoNLL file) and `newsan eval ner` (score a backend on a tagged one).

Registered lazily by the root and `eval` groups; crfsuite, numpy and the
models load inside the commands, so `newsan --help` stays fast.
"""

from __future__ import annotations

import json
import sys

import click

from newsan.cli.errors import naming
from newsan.cli.options import camel_model_option, load_backend, ner_option, report_format_option, verbosity_options


def read_blocks(path: str):
    """The blocks of a CoNLL file ('-' for stdin); a file that cannot be read fails the command, named."""
    from newsan.evaluation.conll import read_conll_file

    with naming(path):
        return read_conll_file(path)


@click.command("ner")
@click.option("--conll", "conll_path", required=True, metavar="FILE|-",
              help="CoNLL file (first column = token) or - for standard input.")
@ner_option(with_auto=False, help="NER backend (camel needs camel-tools' model installed).")
@camel_model_option
@verbosity_options
@click.pass_context
def ner_command(ctx: click.Context, conll_path: str, ner: str, camel_model: str | None) -> None:
    """Tag tokens with entities; prints token<TAB>TAG, one line per input token."""
    from newsan.evaluation.conll import sentences, write_conll

    tagger = load_backend(ctx, ner, camel_model)
    blocks = read_blocks(conll_path)
    tags = tagger.tag([s.tokens for s in sentences(blocks)])
    write_conll(blocks, tags, sys.stdout)


@click.command("ner")
@click.option("--gold", "gold_path", required=True, type=click.Path(dir_okay=False),
              help="Tagged CoNLL file (token and tag columns; PERS or PER).")
@ner_option(with_auto=False, help="NER backend to score.")
@camel_model_option
@report_format_option
@verbosity_options
@click.pass_context
def eval_ner(ctx: click.Context, gold_path: str, ner: str, camel_model: str | None, fmt: str) -> None:
    """Tag the gold tokens with a backend (newsan's default model by default); print P/R/F1 per type and micro."""
    from newsan.evaluation.conll import read_gold_file
    from newsan.evaluation.ner import evaluate, format_text
    from newsan.ner.labels import to_newsan_tag

    with naming(gold_path):
        sents = read_gold_file(gold_path)
    pred = load_backend(ctx, ner, camel_model).tag([s.tokens for s in sents])
    gold = [[to_newsan_tag(t) for t in s.tags] for s in sents if s.tags is not None]  # all of them: checked above
    scores = evaluate(gold, pred)
    if fmt == "json":
        click.echo(json.dumps({k: v.as_dict() for k, v in scores.items()}, ensure_ascii=False))
    else:
        click.echo(format_text(scores))
