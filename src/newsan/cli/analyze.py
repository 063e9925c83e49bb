"""`newsan analyze`: read the inputs, run the batch (here, in a pool or on a cluster), write the results.

Library errors are not caught here: they reach the root group, whose one map
(`newsan.cli.errors`) gives every command the same exit code for them.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

from newsan.cli.errors import EXIT_CODES_HELP, ExitCode, naming, print_error
from newsan.cli.options import (
    camel_model_option,
    config_option,
    ner_option,
    pipeline_options,
    reporter,
    verbosity_options,
)

T = TypeVar("T")
# What a write to stdout or -o fails with: a full disk, a quota, a file too large, a device error.
_WRITE_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(["rich", "json", "jsonl", "yaml"]), default="rich",
              show_default=True, help="rich: a view for people; json/jsonl/yaml: data for pipelines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to FILE (atomically) instead of stdout.")
@ner_option(with_auto=True,
            help="Entity backend: auto is ensemble, newsan's most accurate model (its CRF and network "
                 "together); builtin, the CRF alone (1.7 times as fast, for archives); "
                 "neural, the network alone; camel-tools' BERT (if installed); or gazetteer rules.")
@camel_model_option
@config_option
@click.option("--tokens", is_flag=True, help="Include sentences and tokens (with normalized forms) in the output.")
@click.option("--glob", "pattern", help="In folders, analyze files matching this pattern (e.g. '**/*.sgml.gz').")
@click.option("--from-list", "from_list", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read input paths from FILE, one per line ('-' for stdin).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse single articles larger than this (default 4 MiB; an article's analysis "
                   "peaks at about 250 times its size).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs; 1 runs in this process).")
@click.option("--unordered", is_flag=True, help="With --jobs or --dask: emit each article as soon as it is done.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Analyze on a Dask cluster (e.g. tcp://scheduler:8786); workers read the same paths. "
                   "Needs newsan[dask].")
@click.option("--color/--no-color", default=None, help="Force or disable colour (NO_COLOR is honoured).")
@verbosity_options
@click.pass_context
def analyze(ctx: click.Context, inputs: tuple[str, ...], fmt: str, output: str | None, ner: str,
            camel_model: str | None, config: str | None, tokens: bool, pattern: str | None,
            from_list: str | None, max_bytes: int | None, jobs: int | None, unordered: bool,
            dask_address: str | None, color: bool | None) -> None:
    """Analyze articles: folders (with an INDEX.md, or their *.txt and archive files),
    single files, TREC-style SGML archives (.sgml, .sgml.gz), or - for stdin."""
    from newsan.ingest import DEFAULT_MAX_BYTES, iter_sources
    from newsan.output.files import atomic_output
    from newsan.output.writers import make_writer
    from newsan.runners.batch import analyze_in_parallel, analyze_serially
    from newsan.runners.outcomes import run_batch

    report = reporter(ctx)
    if camel_model and ner != "camel":
        raise click.UsageError("--camel-model goes with --ner camel")
    if dask_address and jobs is not None:
        raise click.UsageError("use --jobs for a local run or --dask for a cluster, not both")
    paths = _input_paths(ctx, inputs, from_list)
    if output:
        _check_output(output, [*inputs, *([from_list] if from_list else [])])
    options = pipeline_options(ctx, ner, camel_model, config)
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    client = None
    if dask_address:
        from newsan.runners.cluster import analyze_on_cluster, connect

        with naming("--dask"):  # the option, so that the library's message need not name it
            client = connect(dask_address)
        outcomes = analyze_on_cluster(client, paths, options, pattern=pattern, max_bytes=max_bytes, tokens=tokens,
                                      ordered=not unordered, show_traceback=report.show_traceback,
                                      stdin=sys.stdin)
    else:
        sources = iter_sources(paths, pattern=pattern, max_bytes=max_bytes, stdin=sys.stdin)
        # A list of paths is taken to hold several (its next line may be long in coming)
        sources, several = (sources, True) if from_list else _peek_several(sources)
        jobs = jobs or os.cpu_count() or 1
        if jobs > 1 and several:
            outcomes = analyze_in_parallel(sources, options, jobs=jobs, ordered=not unordered, tokens=tokens,
                                           show_traceback=report.show_traceback)
        else:
            outcomes = analyze_serially(sources, options, tokens=tokens, show_traceback=report.show_traceback)
    try:
        stream_context = atomic_output(output) if output else contextlib.nullcontext(sys.stdout)
        with stream_context as stream, report.progress() as advance:
            writer = make_writer(fmt, stream, color=color if output is None else False)
            batch = run_batch(outcomes, writer.write, report_error=print_error, advance=advance)
            writer.close()
            stream.flush()  # a full disk must fail here, where it is reported, not at exit
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (| head): not an error of ours
        ctx.exit(ExitCode.OK)
    except OSError as error:
        if error.errno not in _WRITE_FAILURES:
            raise
        print_error(f"{output or '<stdout>'}: cannot write: {(error.strerror or str(error)).lower()}")
        _silence_stdout()
        ctx.exit(ExitCode.INPUT_FAILED)
    finally:
        if client is not None:
            client.close(timeout=5)  # a scheduler gone away must not hold the exit
    if batch.failed or report.verbose:
        report.info(f"{batch.analyzed} analyzed, {len(batch.failed)} failed")
    ctx.exit(ExitCode.INPUT_FAILED if batch.failed else ExitCode.OK)


def _check_output(output: str, inputs: list[str]) -> None:
    """-o names a file in a folder that exists, and never an input: newsan does not write to its inputs."""
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise click.BadParameter(f"{output}: no such folder {folder}", param_hint="'-o'")
    if os.path.exists(output) and any(path != "-" and os.path.exists(path) and os.path.samefile(path, output)
                                      for path in inputs):
        raise click.BadParameter(f"{output} is one of the inputs; newsan never writes to its inputs",
                                 param_hint="'-o'")


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit finds no closed pipe or full disk."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test runner's buffer): nothing to flush
        pass


def _input_paths(ctx: click.Context, inputs: tuple[str, ...], from_list: str | None) -> Iterable[str]:
    """The paths to analyze: the arguments, then those of --from-list, else stdin when it is piped in."""
    from newsan.ingest import detached, read_path_list

    paths: Iterable[str] = list(inputs)
    if from_list:
        # Read lazily (paths piped in as files arrive are analyzed as they come), stdin through a
        # file object of its own (see ingest.detached).
        stream = detached(sys.stdin, text=True) if from_list == "-" else open(from_list, encoding="utf-8")
        if stream is not sys.stdin:
            ctx.call_on_close(stream.close)
        listed = read_path_list(stream)
        first = next(listed, None)
        if first is None:
            name = "<stdin>" if from_list == "-" else from_list
            raise click.UsageError(f"--from-list {name}: no paths in it (one path per line; # comments)")
        return itertools.chain(paths, [first], listed)
    if not paths:
        if sys.stdin.isatty():
            raise click.UsageError("give files or folders to analyze, or - to read stdin")
        return ["-"]
    return paths


def _peek_several(items: Iterator[T]) -> tuple[Iterator[T], bool]:
    """(the same items, whether there are at least two): one article is not worth a process pool."""
    head = list(itertools.islice(items, 2))
    return itertools.chain(head, items), len(head) > 1
