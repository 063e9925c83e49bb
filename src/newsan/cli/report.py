"""`newsan report`: aggregate many articles (newsan's JSON output, or inputs analyzed on the way) into
one report: who is quoted, in which role, by outlet and month, and who appears with whom.

The aggregation is the library's (`newsan.report`); the inputs, runner and
output handling are `cli.batch`'s, shared with `analyze`, so the options and
exit codes are the same.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import click

from newsan.cli.batch import (
    analysis_outcomes,
    check_output,
    check_runner_options,
    connect_cluster,
    input_paths,
    written_output,
)
from newsan.cli.errors import EXIT_CODES_HELP, ExitCode, print_error
from newsan.cli.options import (
    analysis_ner_option,
    camel_model_option,
    config_option,
    dask_option,
    from_list_option,
    glob_option,
    jobs_option,
    max_bytes_option,
    pipeline_options,
    reporter,
    verbosity_options,
)

if TYPE_CHECKING:
    from newsan.runners.outcomes import Outcome


@click.command("report", epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to FILE (atomically); its suffix (.html, .json, .md) sets the format.")
@click.option("-f", "--format", "fmt", type=click.Choice(["html", "json", "md"]), default=None,
              help="html: one page that works offline (the default, and for -o *.html); "
                   "json: schema newsan-report/1, for pipelines; md: Markdown tables.")
@click.option("--top", type=click.IntRange(min=0), default=100, show_default=True,
              help="Rows per table and pairs in the network (0: all).")
@analysis_ner_option
@camel_model_option
@config_option
@glob_option
@from_list_option
@max_bytes_option
@jobs_option
@dask_option
@verbosity_options
@click.pass_context
def report_command(ctx: click.Context, inputs: tuple[str, ...], output: str | None, fmt: str | None, top: int,
                   ner: str, camel_model: str | None, config: str | None, pattern: str | None,
                   from_list: str | None, max_bytes: int | None, jobs: int | None,
                   dask_address: str | None) -> None:
    """Who gets a voice across an archive: the people and organizations quoted most, roles and genders,
    by outlet and by month, experts, and who appears with whom, in one page (or JSON, or Markdown).

    INPUT is newsan's own output (newsan analyze -f jsonl > a.jsonl; newsan report a.jsonl -o report.html:
    .json, .jsonl, .ndjson, optionally .gz; - for stdin that starts with '{'), or anything analyze
    takes, analyzed first with the same options."""
    from newsan.report.aggregate import Archive
    from newsan.report.formats import format_for, render
    from newsan.report.identities import title_words
    from newsan.report.inputs import is_results_path, stream_holds_results
    from newsan.report.tables import build_report
    from newsan.runners.outcomes import run_batch

    report = reporter(ctx)
    check_runner_options(camel_model, ner, dask_address, jobs)
    fmt = fmt or format_for(output)
    paths = input_paths(ctx, inputs, from_list, "newsan JSON Lines, or files or folders to analyze")
    if output:
        check_output(output, [*inputs, *([from_list] if from_list else [])])
    stdin_results = "-" in (inputs or ("-",)) and not from_list and stream_holds_results(sys.stdin)

    def is_results(path: str) -> bool:
        return is_results_path(path) or (path == "-" and stdin_results)

    archive = Archive(title_words(config))  # a config that cannot be used fails here, before any input
    analyzes = bool(from_list) or not all(is_results(path) for path in (inputs or ("-",)))
    options = pipeline_options(ctx, ner, camel_model, config) if analyzes else None
    client = connect_cluster(dask_address) if dask_address and analyzes else None

    def outcomes() -> Iterator[Outcome]:
        """Each input's articles in input order: results read back, the rest analyzed (one runner per
        run of consecutive inputs to analyze)."""
        from newsan.report.inputs import read_results

        for results, group in itertools.groupby(paths, key=is_results):
            if results:
                for path in group:
                    yield from read_results(path, sys.stdin if path == "-" else None)
            else:
                yield from _analyzed(group, options, client=client, pattern=pattern, max_bytes=max_bytes,
                                     jobs=jobs, show_traceback=report.show_traceback, several=bool(from_list))

    try:
        with report.progress() as advance:
            batch = run_batch(outcomes(), archive.add, report_error=print_error, advance=advance)
    finally:
        if client is not None:
            client.close(timeout=5)  # a scheduler gone away must not hold the exit
    text = render(build_report(archive, top=top or None, edges=top or None), fmt,
                  link_base=os.path.dirname(os.path.abspath(output)) if output else None)
    with written_output(ctx, output) as stream:
        stream.write(text)
    if batch.failed or report.verbose:
        report.info(f"{batch.analyzed} articles reported, {len(batch.failed)} failed")
    ctx.exit(ExitCode.INPUT_FAILED if batch.failed else ExitCode.OK)


def _analyzed(paths: Iterable[str], options: Any, **runner: Any) -> Iterator[Outcome]:
    assert options is not None, "inputs to analyze, but the pipeline was not set up"
    return analysis_outcomes(paths, options, **runner)
