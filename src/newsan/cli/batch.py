"""What every command that analyzes a batch does the same way: its input paths, the runner its options
choose (this process, a pool, a Dask cluster) and its output, written whole or not at all.

`newsan analyze` writes each result as it comes; `newsan report` adds it to
its tallies. Both take their inputs, runner and output from here, so their
options and errors cannot drift apart.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from newsan.cli.errors import ExitCode, naming, print_error

if TYPE_CHECKING:
    from newsan.analysis.pipeline import Options
    from newsan.runners.outcomes import Outcome

T = TypeVar("T")
# What a write to stdout or -o fails with: a full disk, a quota, a file too large, a device error.
_WRITE_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def check_runner_options(camel_model: str | None, ner: str, dask_address: str | None, jobs: int | None) -> None:
    """Options that contradict each other, refused before any work starts."""
    if camel_model and ner != "camel":
        raise click.UsageError("--camel-model goes with --ner camel")
    if dask_address and jobs is not None:
        raise click.UsageError("use --jobs for a local run or --dask for a cluster, not both")


def connect_cluster(dask_address: str):
    """The Dask client, or a usage error naming --dask (before any input is read)."""
    from newsan.runners.cluster import connect

    with naming("--dask"):  # the option, so that the library's message need not name it
        return connect(dask_address)


def analysis_outcomes(paths: Iterable[str], options: Options, *, client: Any = None, pattern: str | None,
                      max_bytes: int | None, jobs: int | None, ordered: bool = True, tokens: bool = False,
                      show_traceback: bool = False, several: bool = False) -> Iterator[Outcome]:
    """The outcome of every article of `paths`, streamed: on the cluster of `client`, in `jobs`
    processes (default: one per CPU), or here when one process is all it takes. `several` says the
    paths hold more than one article without peeking (a list of paths may be slow in coming)."""
    from newsan.ingest import DEFAULT_MAX_BYTES, iter_sources
    from newsan.runners.batch import analyze_in_parallel, analyze_serially

    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    if client is not None:
        from newsan.runners.cluster import analyze_on_cluster

        return analyze_on_cluster(client, paths, options, pattern=pattern, max_bytes=max_bytes, tokens=tokens,
                                  ordered=ordered, show_traceback=show_traceback, stdin=sys.stdin)
    sources = iter_sources(paths, pattern=pattern, max_bytes=max_bytes, stdin=sys.stdin)
    if not several:
        sources, several = peek_several(sources)
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and several:
        return analyze_in_parallel(sources, options, jobs=jobs, ordered=ordered, tokens=tokens,
                                   show_traceback=show_traceback)
    return analyze_serially(sources, options, tokens=tokens, show_traceback=show_traceback)


def input_paths(ctx: click.Context, inputs: tuple[str, ...], from_list: str | None, what: str) -> Iterable[str]:
    """The paths to read: the arguments, then those of --from-list, else stdin when it is piped in;
    `what` says what to give in the usage error when there are none."""
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
            raise click.UsageError(f"give {what}, or - to read stdin")
        return ["-"]
    return paths


def check_output(output: str, inputs: list[str]) -> None:
    """-o names a file in a folder that exists, and never an input: newsan does not write to its inputs."""
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise click.BadParameter(f"{output}: no such folder {folder}", param_hint="'-o'")
    if os.path.exists(output) and any(path != "-" and os.path.exists(path) and os.path.samefile(path, output)
                                      for path in inputs):
        raise click.BadParameter(f"{output} is one of the inputs; newsan never writes to its inputs",
                                 param_hint="'-o'")


@contextlib.contextmanager
def written_output(ctx: click.Context, output: str | None) -> Iterator[IO[str]]:
    """The stream to write the results to: -o's file, moved into place only when the run succeeds
    (`output.files.atomic_output`), or stdout. A reader that goes away (| head) ends the run quietly;
    a full disk ends it with one error line and exit code 1."""
    from newsan.output.files import atomic_output

    try:
        with atomic_output(output) if output else contextlib.nullcontext(sys.stdout) as stream:
            yield stream
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


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit finds no closed pipe or full disk."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test runner's buffer): nothing to flush
        pass


def peek_several(items: Iterator[T]) -> tuple[Iterator[T], bool]:
    """(the same items, whether there are at least two): one article is not worth a process pool."""
    head = list(itertools.islice(items, 2))
    return itertools.chain(head, items), len(head) > 1
