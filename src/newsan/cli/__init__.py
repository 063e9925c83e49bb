"""The `newsan` command: parse options, call the library, map outcomes to exit codes.

Nothing heavy is imported at start-up: `newsan --help` must answer at once,
so the pipeline (and torch, if the camel backend is chosen) load inside the
commands that need them.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import os
import sys
from collections.abc import Iterable

import click

from newsan import __version__

EXIT_CODES_HELP = """\b
Exit codes: 0 all inputs analyzed, 1 some inputs failed (each named on
stderr), 2 usage error, 130 interrupted."""


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when run (or listed by --help).

    Evaluation and training pull in the pipeline and the NER model; `newsan
    --help` must not pay for that.
    """

    def __init__(self, *args, lazy_commands: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._lazy = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self._lazy:
            module_name, _, attribute = self._lazy[name].partition(":")
            module = importlib.import_module(module_name)
            return getattr(module, attribute)
        return super().get_command(ctx, name)


class Reporter:
    """stderr only: progress, warnings and errors never mix with the data on stdout."""

    def __init__(self, quiet: bool, verbose: bool):
        self.quiet = quiet
        self.verbose = verbose

    def error(self, message: str) -> None:
        click.echo(f"newsan: error: {message}", err=True)

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"newsan: {message}", err=True)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP,
             lazy_commands={"ner": "newsan.cli.ner:ner_command", "train": "newsan.cli.ner:train_group"})
@click.version_option(__version__, "-V", "--version", prog_name="newsan")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="More detail on stderr.")
@click.option("--traceback", "show_traceback", is_flag=True, help="Show Python tracebacks of failures.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool, show_traceback: bool) -> None:
    """Analyze Arabic news articles: page parts, entities, quoted speakers, summaries."""
    ctx.obj = {"reporter": Reporter(quiet, verbose), "traceback": show_traceback}


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(["rich", "json", "jsonl", "yaml"]), default="rich",
              show_default=True, help="rich: a view for people; json/jsonl/yaml: data for pipelines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to FILE (atomically) instead of stdout.")
@click.option("--ner", type=click.Choice(["auto", "builtin", "neural", "ensemble", "camel", "rules"]),
              default="auto", show_default=True,
              help="Entity backend: auto is ensemble, newsan's most accurate model (its CRF and network "
                   "together); builtin, the CRF alone (1.7 times as fast, for archives); "
                   "neural, the network alone; camel-tools' BERT (if installed); or gazetteer rules.")
@click.option("--camel-model", type=click.Path(exists=True, file_okay=False),
              help="Folder of a camel-tools NER model (with --ner camel).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="YAML file extending the lexicons (markers, cues, titles, gazetteer).")
@click.option("--tokens", is_flag=True, help="Include sentences and tokens (with normalized forms) in the output.")
@click.option("--glob", "pattern", help="In folders, analyze files matching this pattern (e.g. '**/*.sgml.gz').")
@click.option("--from-list", "from_list", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read input paths from FILE, one per line ('-' for stdin).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse single inputs larger than this (default 20 MiB).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs; 1 runs in this process).")
@click.option("--unordered", is_flag=True, help="With --jobs or --dask: emit each article as soon as it is done.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Analyze on a Dask cluster (e.g. tcp://scheduler:8786); workers read the same paths. "
                   "Needs newsan[dask].")
@click.option("--color/--no-color", default=None, help="Force or disable colour (NO_COLOR is honoured).")
@click.pass_context
def analyze(ctx: click.Context, inputs: tuple[str, ...], fmt: str, output: str | None, ner: str,
            camel_model: str | None, config: str | None, tokens: bool, pattern: str | None,
            from_list, max_bytes: int | None, jobs: int | None, unordered: bool, dask_address: str | None,
            color: bool | None) -> None:
    """Analyze articles: folders (with an INDEX.md, or their *.txt and archive files),
    single files, TREC-style SGML archives (.sgml, .sgml.gz), or - for stdin."""
    from newsan.runners.batch import ExitStatus, analyze_in_parallel, analyze_serially, atomic_output, run_batch
    from newsan.ner.registry import get_tagger
    from newsan.errors import BackendUnavailable
    from newsan.ingest import DEFAULT_MAX_BYTES, detached, iter_sources, read_path_list
    from newsan.lexicons import load_lexicons
    from newsan.errors import ConfigError
    from newsan.analysis.pipeline import Options
    from newsan.output.render import make_writer

    reporter: Reporter = ctx.obj["reporter"]
    if camel_model and ner != "camel":
        raise click.UsageError("--camel-model goes with --ner camel")
    if dask_address and jobs is not None:
        raise click.UsageError("use --jobs for a local run or --dask for a cluster, not both")
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
        paths = itertools.chain(paths, [first], listed)
    elif not paths:
        if sys.stdin.isatty():
            raise click.UsageError("give files or folders to analyze, or - to read stdin")
        paths = ["-"]
    options = Options(ner=ner, camel_model=camel_model, config=config)
    try:
        load_lexicons(config)
        tagger = get_tagger(ner, camel_model, config)  # fail fast, before any input is read
    except (ConfigError, BackendUnavailable) as error:
        reporter.error(str(error))
        ctx.exit(ExitStatus.USAGE)

    if reporter.verbose:
        reporter.info(f"entity backend: {tagger.name}")
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    client = None
    if dask_address:
        from newsan.runners.cluster import analyze_on_cluster, connect
        from newsan.errors import ClusterUnavailable

        try:
            client = connect(dask_address)
        except ClusterUnavailable as error:
            reporter.error(str(error))
            ctx.exit(ExitStatus.USAGE)
        outcomes = analyze_on_cluster(client, paths, options, pattern=pattern, max_bytes=max_bytes, tokens=tokens,
                                      ordered=not unordered, show_traceback=ctx.obj["traceback"],
                                      stdin=sys.stdin)
    else:
        sources = iter_sources(paths, pattern=pattern, max_bytes=max_bytes, stdin=sys.stdin)
        # A list of paths is taken to hold several (its next line may be long in coming)
        sources, several = (sources, True) if from_list else _peek_several(sources)
        jobs = jobs or os.cpu_count() or 1
        if jobs > 1 and several:
            outcomes = analyze_in_parallel(sources, options, jobs=jobs, ordered=not unordered, tokens=tokens,
                                           show_traceback=ctx.obj["traceback"])
        else:
            outcomes = analyze_serially(sources, options, tokens=tokens, show_traceback=ctx.obj["traceback"])
    try:
        stream_context = atomic_output(output) if output else contextlib.nullcontext(sys.stdout)
        with stream_context as stream, _progress(reporter) as advance:
            writer = make_writer(fmt, stream, color=color if output is None else False)
            report = run_batch(outcomes, writer.write, report_error=reporter.error, advance=advance)
            writer.close()
    except KeyboardInterrupt:
        reporter.error("interrupted")
        ctx.exit(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error of ours
        ctx.exit(ExitStatus.OK)
    finally:
        if client is not None:
            client.close(timeout=5)  # a scheduler gone away must not hold the exit
    if report.failed or reporter.verbose:
        reporter.info(f"{report.analyzed} analyzed, {len(report.failed)} failed")
    ctx.exit(report.status)


def _peek_several(items):
    """(the same items, whether there are at least two): one article is not worth a process pool."""
    head = list(itertools.islice(items, 2))
    return itertools.chain(head, items), len(head) > 1


@main.group("eval", cls=LazyGroup, lazy_commands={"quotes": "newsan.cli.quotes:eval_quotes_command",
                                                     "ner": "newsan.cli.ner:eval_ner"})
def eval_group() -> None:
    """Measure quality against gold data."""


class _Progress:
    """A transient progress line on stderr, shown from the second input on (one file needs none)."""

    def __init__(self):
        self._seen = 0
        self._progress = None
        self._task = None

    def __enter__(self):
        return self.advance

    def advance(self, path: str) -> None:
        self._seen += 1
        if self._progress is None and self._seen >= 2:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(SpinnerColumn(), TextColumn("{task.completed} done"),
                                      TextColumn("[dim]{task.description}"), TimeElapsedColumn(),
                                      console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("", total=None, completed=self._seen - 1)
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=path[-60:])

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.stop()
        return False


def _progress(reporter: Reporter):
    """Progress only for a person watching a terminal."""
    if reporter.quiet or not sys.stderr.isatty():
        return contextlib.nullcontext(lambda path: None)
    return _Progress()


