"""`newsan analyze`: read the inputs, run the batch (here, in a pool or on a cluster), write the results.

Library errors are not caught here: they reach the root group, whose one map
(`newsan.cli.errors`) gives every command the same exit code for them.
"""

from __future__ import annotations

import os

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


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(["rich", "json", "jsonl", "yaml"]), default="rich",
              show_default=True, help="rich: a view for people; json/jsonl/yaml: data for pipelines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to FILE (atomically) instead of stdout.")
@analysis_ner_option
@camel_model_option
@config_option
@click.option("--tokens", is_flag=True, help="Include sentences and tokens (with normalized forms) in the output.")
@glob_option
@from_list_option
@max_bytes_option
@jobs_option
@click.option("--unordered", is_flag=True, help="With --jobs or --dask: emit each article as soon as it is done.")
@dask_option
@click.option("--color/--no-color", default=None, help="Force or disable colour (NO_COLOR is honoured).")
@verbosity_options
@click.pass_context
def analyze(ctx: click.Context, inputs: tuple[str, ...], fmt: str, output: str | None, ner: str,
            camel_model: str | None, config: str | None, tokens: bool, pattern: str | None,
            from_list: str | None, max_bytes: int | None, jobs: int | None, unordered: bool,
            dask_address: str | None, color: bool | None) -> None:
    """Analyze articles: folders (with an INDEX.md, or their *.txt and archive files),
    single files, TREC-style SGML archives (.sgml, .sgml.gz), or - for stdin."""
    from newsan.output.writers import make_writer
    from newsan.runners.outcomes import run_batch

    report = reporter(ctx)
    check_runner_options(camel_model, ner, dask_address, jobs)
    paths = input_paths(ctx, inputs, from_list, "files or folders to analyze")
    if output:
        check_output(output, [*inputs, *([from_list] if from_list else [])])
    options = pipeline_options(ctx, ner, camel_model, config)
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    client = connect_cluster(dask_address) if dask_address else None
    try:
        # A list of paths is taken to hold several (its next line may be long in coming)
        outcomes = analysis_outcomes(paths, options, client=client, pattern=pattern, max_bytes=max_bytes, jobs=jobs,
                                     ordered=not unordered, tokens=tokens, show_traceback=report.show_traceback,
                                     several=bool(from_list))
        with written_output(ctx, output) as stream, report.progress() as advance:
            writer = make_writer(fmt, stream, color=color if output is None else False)
            batch = run_batch(outcomes, writer.write, report_error=print_error, advance=advance)
            writer.close()
    finally:
        if client is not None:
            client.close(timeout=5)  # a scheduler gone away must not hold the exit
    if batch.failed or report.verbose:
        report.info(f"{batch.analyzed} analyzed, {len(batch.failed)} failed")
    ctx.exit(ExitCode.INPUT_FAILED if batch.failed else ExitCode.OK)
