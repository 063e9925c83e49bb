"""`newsan eval quotes`: score quoted-speaker extraction on a gold folder.

A thin click layer: `newsan.evaluation.quotes` does the scoring; this module runs
the real pipeline and prints the figures. Export: `eval_quotes_command`,
registered lazily by the CLI under the `eval` group (the pipeline loads only
when it runs).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from newsan.cli.errors import fail
from newsan.cli.options import config_option, ner_option, pipeline_options, report_format_option, verbosity_options

_HELP = """Score quoted speakers against a gold folder (NN.txt + NN.gold.json).

\b
Matching rules:
  * names, mentions, titles and organizations are compared after match_form
    folding (alef/yeh/teh marbuta, diacritics) with quote marks and # dropped;
    two forms are equal as written or with one proclitic (و ف ب ك ل,
    لل → ال) stripped from the first word of either;
  * a predicted speaker matches a gold speaker when its name or any of its
    mentions equals the gold name or any gold mention (one-to-one);
  * a gold quote is found when a quote of the matched speaker covers at
    least half of its word tokens; recall is given for direct quotes and
    for all quotes;
  * a predicted quote is correct when at least half of its word tokens lie
    inside the gold quotes of its matched speaker (quote precision);
  * title and organization accuracy run over matched speakers; a gold null
    is right only when the prediction is null too.
"""


@click.command("quotes", help=_HELP)
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of NN.txt articles with NN.gold.json gold files.")
@report_format_option
@ner_option(with_auto=True, help="Entity backend the pipeline uses.")
@config_option
@click.option("--errors/--no-errors", default=False, help="List the errors of each article (text format).")
@click.option("--by-outlet", is_flag=True, help="Add the scores of each outlet (the gold files' source.outlet).")
@click.option("--folds", type=click.IntRange(min=2), default=None, metavar="K",
              help="Add the scores of K folds that keep each outlet whole, with their mean and spread: "
                   "the figure to judge a rule change by.")
@verbosity_options
@click.pass_context
def eval_quotes_command(ctx: click.Context, gold_dir: Path, fmt: str, ner: str, config: str | None,
                        errors: bool, by_outlet: bool, folds: int | None) -> None:
    from newsan.evaluation import folds as folding
    from newsan.evaluation.quotes import evaluate_folder, pipeline_predictor

    options = pipeline_options(ctx, ner, config=config)
    results, total = evaluate_folder(gold_dir, pipeline_predictor(options))
    if not results:
        fail(f"{gold_dir}: no NN.txt with NN.gold.json found")
    outlets = folding.gold_outlets(str(gold_dir)) if by_outlet or folds else {}
    outlet_rows = folding.by_outlet(results, outlets) if by_outlet else {}
    summary = folding.fold_summary(results, outlets, folds) if folds else None
    if fmt == "json":
        payload = {"articles": {r.name: r.counts.scores() for r in results}, "overall": total.scores(),
                   "counts": asdict(total)}
        if by_outlet:
            payload["by_outlet"] = {outlet: counts.scores() for outlet, counts in outlet_rows.items()}
        if summary is not None:
            payload["folds"] = {"folds": summary.folds, "mean": summary.mean, "spread": summary.spread}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _print_table("article", [(r.name, r.counts.scores()) for r in results] + [("overall", total.scores())])
    if by_outlet:
        _print_table("outlet", [(outlet, counts.scores()) for outlet, counts in outlet_rows.items()])
    if summary is not None:
        _print_table("fold", [(f"fold {i}", scores) for i, scores in enumerate(summary.folds, 1)]
                     + [("mean", summary.mean), ("spread", summary.spread)])
    if errors:
        for result in results:
            for line in result.errors:
                click.echo(f"{result.name}: {line}", file=sys.stderr)


_COLUMNS = (("spk P", "speaker_precision"), ("spk R", "speaker_recall"), ("spk F1", "speaker_f1"),
            ("dir R", "quote_recall_direct"), ("all R", "quote_recall_all"), ("q P", "quote_precision"),
            ("title", "title_accuracy"), ("org", "organization_accuracy"), ("gender", "gender_accuracy"))


def _print_table(heading: str, rows: list[tuple[str, dict[str, float]]]) -> None:
    width = max(8, *(len(label) + 1 for label, _ in rows))
    click.echo(f"{heading:<{width}}" + "".join(f"{column:>7}" for column, _ in _COLUMNS))
    for label, scores in rows:
        click.echo(f"{label:<{width}}" + "".join(f"{scores[key]:>7.2f}" for _, key in _COLUMNS))
