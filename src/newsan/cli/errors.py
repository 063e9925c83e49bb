"""One map from how a command ended to its exit code and its one line on stderr, for every command.

Library exceptions (`newsan.errors`) name no command-line flag and carry no
exit code: this module decides both, so the same failure ends every command
the same way. The root group (`newsan.cli:main`) runs each command through
`run_reporting_errors`; a command only raises, or wraps a step in `naming` to
say which file or option a failure concerns.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import click

from newsan.errors import BackendUnavailable, ClusterUnavailable, ConfigError, NewsanError

EXIT_CODES_HELP = """\b
Exit codes: 0 all inputs analyzed, 1 some inputs failed (each named on
stderr), 2 usage error (a bad option, config file or unavailable backend),
130 interrupted."""


class ExitCode(enum.IntEnum):
    OK = 0
    INPUT_FAILED = 1
    USAGE = 2
    INTERRUPTED = 130


# The run cannot start as asked: like a bad option, the command itself must change.
_USAGE_ERRORS = (ConfigError, BackendUnavailable, ClusterUnavailable, click.UsageError)
# click >= 8.2 asks for the help this way when a group is run without a subcommand.
_NO_ARGUMENTS = getattr(click.exceptions, "NoArgsIsHelpError", ())
# Ctrl-C (click turns one that lands while it parses into Abort).
_INTERRUPTIONS = (KeyboardInterrupt, click.Abort)


def exit_code(error: BaseException) -> ExitCode:
    """The exit code of a failure: usage 2, interrupted 130, anything else (an input that failed) 1."""
    if isinstance(error, _USAGE_ERRORS):
        return ExitCode.USAGE
    if isinstance(error, _INTERRUPTIONS):
        return ExitCode.INTERRUPTED
    return ExitCode.INPUT_FAILED


def describe(error: BaseException) -> str:
    """The words for a failure: a library error's own message, plain words for the common file errors."""
    if isinstance(error, _INTERRUPTIONS):
        return "interrupted"
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(error, click.ClickException):
        return error.format_message()
    return str(error)


def print_error(message: str) -> None:
    """The one form of every error line, so scripts can grep for it."""
    click.echo(f"newsan: error: {message}", err=True)


class Failure(click.ClickException):
    """A failure a command found itself (or `naming` rewrote): its words and exit code."""

    def __init__(self, message: str, code: ExitCode):
        super().__init__(message)
        self.exit_code = code  # type: ignore[misc]  # click's stubs call it a ClassVar; click reads it per instance


def fail(message: str, code: ExitCode = ExitCode.INPUT_FAILED) -> NoReturn:
    raise Failure(message, code)


@contextmanager
def naming(subject: str) -> Iterator[None]:
    """Name `subject` (the file or option a failure concerns) before the message of an error raised inside.

    The library's messages say what went wrong; only the command knows which
    of its arguments that was.
    """
    try:
        yield
    except (NewsanError, OSError, UnicodeDecodeError) as error:
        raise Failure(f"{subject}: {describe(error)}", exit_code(error)) from None


def run_reporting_errors(run: Callable[[], object]) -> int:
    """Run the command line (click in non-standalone mode) and turn how it ended into an exit code.

    Usage errors keep click's usage line and hint; everything else is one
    `newsan: error:` line, a Ctrl-C at any moment included (start-up too).
    """
    try:
        outcome = run()
    except _NO_ARGUMENTS as error:  # a bare `newsan` or `newsan eval`: the help is the answer
        error.show()
        return ExitCode.USAGE
    except click.UsageError as error:
        if error.ctx is not None:
            click.echo(error.ctx.get_usage(), err=True)
            click.echo(f"Try '{error.ctx.command_path} {error.ctx.help_option_names[0]}' for help.", err=True)
        print_error(describe(error))
        return ExitCode.USAGE
    except click.ClickException as error:
        print_error(describe(error))
        return error.exit_code
    except (NewsanError, KeyboardInterrupt, click.Abort) as error:
        print_error(describe(error))
        return exit_code(error)
    return outcome if isinstance(outcome, int) else ExitCode.OK
