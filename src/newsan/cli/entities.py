"""`newsan eval entities`: how many of the names a gold folder lists the pipeline finds, and with their type;
how many of the names it lists are gold names."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsan.cli.errors import fail
from newsan.cli.options import config_option, ner_option, pipeline_options, report_format_option, verbosity_options


@click.command("entities")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of NN.txt articles with NN.gold.json gold files (their 'entities' lists).")
@report_format_option
@ner_option(with_auto=True, help="Entity backend the pipeline uses.")
@config_option
@click.option("--errors/--no-errors", default=False,
              help="List each article's gold names missed and names listed wrong (text format, on stderr).")
@verbosity_options
@click.pass_context
def eval_entities_command(ctx: click.Context, gold_dir: Path, fmt: str, ner: str, config: str | None,
                          errors: bool) -> None:
    """Surface recall and precision of the gold entities: a gold name is found when a predicted mention reads
    the same (spelling variants and one glued proclitic aside), found typed when its entity has the gold type;
    a listed person, place or organization is right when it is a gold name (typed: of its type)."""
    from newsan.evaluation.entities import GOLD_TYPES, evaluate_entities, pipeline_entities

    results, total = evaluate_entities(gold_dir, pipeline_entities(pipeline_options(ctx, ner, config=config)))
    if not results:
        fail(f"{gold_dir}: no NN.txt with NN.gold.json found")
    if fmt == "json":
        click.echo(json.dumps({"articles": {name: counts.scores() for name, counts in results.items()},
                               "overall": total.scores()}, ensure_ascii=False, indent=2))
        return
    scores = total.scores()
    click.echo(f"{'type':<8}{'gold':>7}{'found':>8}{'typed':>8}{'listed':>8}{'right':>8}{'typed':>8}")
    for entity_type in GOLD_TYPES:
        click.echo(f"{entity_type:<8}{total.gold.get(entity_type, 0):>7}{scores[f'{entity_type}_recall']:>8.2f}"
                   f"{scores[f'{entity_type}_typed_recall']:>8.2f}{total.predicted.get(entity_type, 0):>8}"
                   f"{scores[f'{entity_type}_precision']:>8.2f}{scores[f'{entity_type}_typed_precision']:>8.2f}")
    click.echo(f"{'all':<8}{sum(total.gold.values()):>7}{scores['recall']:>8.2f}{scores['typed_recall']:>8.2f}"
               f"{sum(total.predicted.values()):>8}{scores['precision']:>8.2f}{scores['typed_precision']:>8.2f}")
    click.echo(f"F1 {scores['f1']:.2f}, typed {scores['typed_f1']:.2f}")
    if errors:
        for name, counts in results.items():
            for line in counts.errors:
                click.echo(f"{name}: {line}", err=True)
