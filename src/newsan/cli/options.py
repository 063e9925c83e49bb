"""The options several commands share, each defined once: --ner, --camel-model, --config, the inputs and
runners of the commands that analyze (--glob, --from-list, --max-bytes, --jobs, --dask), --format (text|json)
of the eval commands, -q/-v/--traceback.

Light on purpose (click and the backend registry only): every command's
`--help` reads these definitions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsan.cli.reporter import Reporter
from newsan.ner.registry import AUTO_MODELS, BACKENDS

F = TypeVar("F", bound=Callable[..., Any])

# The backends of the commands that tag CoNLL tokens (ner, eval ner): every one but "auto",
# which would hide which model was scored; their default is what `auto` runs first.
TAGGERS = tuple(backend for backend in BACKENDS if backend != "auto")
DEFAULT_TAGGER = AUTO_MODELS[0]


def ner_option(*, with_auto: bool, help: str) -> Callable[[F], F]:
    """--ner: the entity backend, from newsan.ner.registry (with `auto` for the commands that analyze articles)."""
    choices, default = (BACKENDS, "auto") if with_auto else (TAGGERS, DEFAULT_TAGGER)
    return click.option("--ner", type=click.Choice(choices), default=default, show_default=True, help=help)


camel_model_option = click.option("--camel-model", type=click.Path(exists=True, file_okay=False),
                                  help="Folder of a camel-tools NER model (with --ner camel).")

config_option = click.option("--config", type=click.Path(exists=True, dir_okay=False),
                             help="YAML file extending the lexicons (markers, cues, titles, gazetteer).")

# The options of the commands that analyze articles (analyze, report): where the inputs are and how they are run.
analysis_ner_option = ner_option(
    with_auto=True,
    help="Entity backend: auto is ensemble, newsan's most accurate model (its CRF and network "
         "together); builtin, the CRF alone (1.7 times as fast, for archives); "
         "neural, the network alone; camel-tools' BERT (if installed); or gazetteer rules.")

glob_option = click.option("--glob", "pattern",
                           help="In folders, analyze files matching this pattern (e.g. '**/*.sgml.gz').")

from_list_option = click.option("--from-list", "from_list", type=click.Path(exists=True, dir_okay=False,
                                                                            allow_dash=True),
                                help="Read input paths from FILE, one per line ('-' for stdin).")

max_bytes_option = click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                                help="Refuse single articles larger than this (default 4 MiB; an article's "
                                     "analysis peaks at about 250 times its size).")

jobs_option = click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                           help="Worker processes (default: the number of CPUs; 1 runs in this process).")

dask_option = click.option("--dask", "dask_address", metavar="ADDRESS",
                           help="Analyze on a Dask cluster (e.g. tcp://scheduler:8786); workers read the same "
                                "paths. Needs newsan[dask].")

report_format_option = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                                    show_default=True, help="text: a table for people; json: for programs.")


def load_backend(ctx: click.Context, ner: str, camel_model: str | None = None, config: str | None = None):
    """The tagger --ner names, loaded now: a backend that cannot run fails before any input is read.

    Its error names the option, so the library's message need not; -v names
    the backend `auto` chose.
    """
    from newsan.cli.errors import naming
    from newsan.ner.registry import get_tagger

    with naming(f"--ner {ner}"):
        tagger = get_tagger(ner, camel_model, config)
    report = reporter(ctx)
    if report.verbose:
        report.info(f"entity backend: {tagger.name}")
    return tagger


def pipeline_options(ctx: click.Context, ner: str, camel_model: str | None = None, config: str | None = None):
    """The pipeline's options, checked before any input is read: a bad config or a backend that cannot
    run fails here, once."""
    from newsan.analysis.pipeline import Options
    from newsan.lexicons import load_lexicons

    load_lexicons(config)
    load_backend(ctx, ner, camel_model, config)
    return Options(ner=ner, camel_model=camel_model, config=config)


def _remember_flag(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    # ctx.meta is shared by the group's context and the subcommand's: a flag given at either place counts.
    if value:
        ctx.meta[f"newsan.{param.name}"] = True


def verbosity_options(command: F) -> F:
    """-q, -v and --traceback, for the group (before the subcommand) and each command (after it)."""
    for option in reversed((
            click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_remember_flag,
                         help="Only errors on stderr."),
            click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=_remember_flag,
                         help="More detail on stderr."),
            click.option("--traceback", is_flag=True, expose_value=False, callback=_remember_flag,
                         help="Show Python tracebacks of failures."))):
        command = option(command)
    return command


def reporter(ctx: click.Context) -> Reporter:
    """The stderr reporter for the flags given before or after the subcommand."""
    return Reporter(quiet=ctx.meta.get("newsan.quiet", False), verbose=ctx.meta.get("newsan.verbose", False),
                    show_traceback=ctx.meta.get("newsan.traceback", False))
