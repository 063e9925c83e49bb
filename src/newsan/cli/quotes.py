"""`newsan eval quotes`: score quoted-speaker extraction on a gold folder.

A thin click layer: `newsan.evaluation.quotes` does the scoring; this module runs
the real pipeline and prints the figures. Export: `eval_quotes_command`,
registered by the CLI under the `eval` group.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from newsan.ner.registry import BACKENDS
from newsan.errors import BackendUnavailable, ConfigError
from newsan.analysis.pipeline import Options
from newsan.evaluation.quotes import evaluate_folder, pipeline_predictor

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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--ner", type=click.Choice(BACKENDS), default="auto", show_default=True,
              help="Entity backend the pipeline uses.")
@click.option("--config", "config", type=click.Path(exists=True, dir_okay=False), default=None,
              help="User lexicon config (YAML) extending the built-in lexicons.")
@click.option("--errors/--no-errors", default=False, help="List the errors of each article (text format).")
def eval_quotes_command(gold_dir: Path, fmt: str, ner: str, config: str | None, errors: bool) -> None:
    try:
        results, total = evaluate_folder(gold_dir, pipeline_predictor(Options(ner=ner, config=config)))
    except (ConfigError, BackendUnavailable) as error:
        raise click.ClickException(str(error)) from None
    if not results:
        raise click.ClickException(f"{gold_dir}: no NN.txt with NN.gold.json found")
    if fmt == "json":
        payload = {"articles": {r.name: r.counts.scores() for r in results}, "overall": total.scores(),
                   "counts": asdict(total)}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    columns = ("spk P", "spk R", "spk F1", "dir R", "all R", "q P", "title", "org")
    click.echo(f"{'article':<8}" + "".join(f"{c:>7}" for c in columns))
    for name, counts in [(r.name, r.counts) for r in results] + [("overall", total)]:
        s = counts.scores()
        click.echo(f"{name:<8}" + "".join(f"{s[k]:>7.2f}" for k in (
            "speaker_precision", "speaker_recall", "speaker_f1", "quote_recall_direct", "quote_recall_all",
            "quote_precision", "title_accuracy", "organization_accuracy")))
    if errors:
        for result in results:
            for line in result.errors:
                click.echo(f"{result.name}: {line}", file=sys.stderr)
