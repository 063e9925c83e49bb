"""The `newsan` command: the root group, which loads each subcommand only when it runs.

Nothing heavy is imported at start-up: `newsan --help` must answer at once,
so the pipeline (and torch, if the camel backend is chosen) load inside the
commands that need them. Modules: `analyze`, `report`, `ner` (ner, eval ner), `quotes`
(eval quotes), `train`; `options` defines the shared options once, `batch` the
inputs, runner and output of the commands that analyze a batch, `errors`
maps every failure to its exit code, `reporter` writes notes and progress to
stderr.
"""

from __future__ import annotations

import functools
import importlib
import sys
import traceback

import click

from newsan import __version__
from newsan.cli.errors import EXIT_CODES_HELP, run_reporting_errors
from newsan.cli.options import reporter, verbosity_options
from newsan.errors import NewsanError


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
            return getattr(importlib.import_module(module_name), attribute)
        return super().get_command(ctx, name)


class CommandLine(LazyGroup):
    """The root group: however a run ends, it ends through the one error-to-exit-code map (`cli.errors`)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:  # a caller that wants click's exceptions gets them
            return super().main(args, prog_name, complete_var, False, **extra)
        sys.exit(run_reporting_errors(functools.partial(super().main, args, prog_name, complete_var, False, **extra)))

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NewsanError:
            if reporter(ctx).show_traceback:  # the flags are known here, while the context lives
                traceback.print_exc()
            raise


@click.group(cls=CommandLine, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP,
             lazy_commands={"analyze": "newsan.cli.analyze:analyze", "ner": "newsan.cli.ner:ner_command",
                            "report": "newsan.cli.report:report_command", "train": "newsan.cli.train:train_group"})
@click.version_option(__version__, "-V", "--version", prog_name="newsan")
@verbosity_options
def main() -> None:
    """Analyze Arabic news articles: page parts, entities, quoted speakers, summaries."""


@main.group("eval", cls=LazyGroup, lazy_commands={"quotes": "newsan.cli.quotes:eval_quotes_command",
                                                     "entities": "newsan.cli.entities:eval_entities_command",
                                                     "ner": "newsan.cli.ner:eval_ner"})
def eval_group() -> None:
    """Measure quality against gold data."""
