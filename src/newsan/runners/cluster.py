"""Analyze on a Dask cluster: list inputs here, analyze them on the workers, stream the results back.

`newsan analyze DIR --dask tcp://scheduler:8786` walks DIR on this machine
(`ingest.list_inputs`), cuts the list of files into partitions, and submits
one task per partition. An archive larger than a partition is counted here
(its documents cut from the stream, not decoded) and cut into ranges of
documents, so one big archive spreads over the workers. Each task reads its
files or its range and analyzes the articles on a worker with the same
functions a local run uses (`ingest.reader`, `batch.analyze_serially`), and
returns one `Outcome` per article or bad input. Results come back in input
order (or as they finish, with --unordered) and are written and reported
exactly as in a local run.

Paths are made absolute here and the config file is read here, so workers
in another working directory still find them; results keep the paths as
given. Workers need newsan installed and the input files readable under the
same absolute paths (a shared filesystem, or the same paths on every
machine). Each worker process loads the NER model once and keeps it for
every task it runs. Dask is an optional extra (`pip install 'newsan[dask]'`); it is imported only
when --dask is given.
"""

from __future__ import annotations

import os
import queue
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any, BinaryIO, TextIO, cast

from newsan.analysis.pipeline import Options
from newsan.errors import ClusterUnavailable, IngestError
from newsan.ingest import DEFAULT_MAX_BYTES, InputFile, list_inputs, read_listed
from newsan.ingest.reader import ArticleReader
from newsan.ingest.sgml import is_sgml_name
from newsan.lexicons import read_config
from newsan.model import Source
from newsan.runners.batch import Idle, Outcome, analyze_serially, chunks, describe

FILES_PER_TASK = 64  # a partition closes at this many files …
BYTES_PER_TASK = 1 << 20  # … or at this many bytes on disk; a larger archive is cut into ranges …
DOCUMENTS_PER_TASK = 256  # … of this many documents (each task decompresses its archive up to its range)
CONNECT_TIMEOUT = 10  # seconds


def connect(address: str, timeout: float | None = None):
    """A dask.distributed Client for `address`, checked to have workers that can import newsan."""
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    try:
        from dask.distributed import Client
    except ImportError:
        raise ClusterUnavailable("Dask's distributed scheduler is not installed: pip install 'newsan[dask]'") from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address} "
                                 f"({error.__class__.__name__}: {error}); is 'dask scheduler' running there?") from None
    try:
        versions = client.run(_worker_version)
    except Exception as error:  # ModuleNotFoundError raised on a worker comes back here
        client.close()
        raise ClusterUnavailable(f"the Dask workers at {address} cannot run newsan "
                                 f"({error.__class__.__name__}: {error}); install newsan on every worker") from None
    if not versions:
        client.close()
        raise ClusterUnavailable(f"the Dask scheduler at {address} has no workers; start some with "
                                 f"'dask worker {address}'")
    return client


def _worker_version() -> str:
    from newsan import __version__

    return __version__


@dataclass(frozen=True, slots=True)
class FilePart:
    """A listed file, or a range of a large archive's documents, as a worker reads it.

    `location` is the absolute path here, so a worker in another working
    directory opens the same file; `listed.path` (as the user gave it) still
    names the results, as in a local run. `first` documents are passed over
    and `count` read (None: to the end of the file).
    """

    listed: InputFile
    location: str
    first: int = 0
    count: int | None = None

    @property
    def is_range(self) -> bool:
        return bool(self.first) or self.count is not None

    def label(self) -> str:
        """The part in a few words for an error line: the file, and the documents if a range."""
        if not self.is_range:
            return self.listed.path
        last = "the end" if self.count is None else f"document {self.first + self.count}"
        return f"{self.listed.path} (document {self.first + 1} to {last})"


def analyze_partition(items: list[FilePart | Source], options: Options, max_bytes: int, tokens: bool,
                      show_traceback: bool) -> list[Outcome]:
    """The task a worker runs: read its files, analyze every article, never raise for a bad input."""
    return list(analyze_serially(_sources(items, max_bytes), options, tokens=tokens, show_traceback=show_traceback))


def _sources(items: list[FilePart | Source], max_bytes: int) -> Iterator[Source | IngestError]:
    reader = ArticleReader(max_bytes, stdin=None)
    for item in items:
        if isinstance(item, Source):
            yield item
            continue
        listed = item.listed
        read = reader.read_file(item.location, listed.title, listed.outlet, first=item.first)
        for read_item in islice(read, item.count):
            yield _named_as_listed(read_item, item)


def _named_as_listed(item: Source | IngestError, part: FilePart) -> Source | IngestError:
    """An article or error of a file read at its absolute path, named by the path the user gave."""
    path = part.listed.path + item.path[len(part.location):]
    if isinstance(item, Source):
        return replace(item, path=path)
    return IngestError(path, item.reason)


def partitions(items: Iterable[InputFile | IngestError | Source], *, files_per_task: int = FILES_PER_TASK,
                bytes_per_task: int = BYTES_PER_TASK, documents_per_task: int = DOCUMENTS_PER_TASK,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[list[FilePart | Source] | IngestError]:
    """Consecutive files grouped into partitions, an archive over `bytes_per_task` cut into ranges
    of its documents, each range a partition; listing errors pass through in their place."""
    parts = _file_parts(items, bytes_per_task, documents_per_task, max_bytes)
    grouped: Iterator[list[FilePart | Source] | IngestError | Idle]
    grouped = chunks(parts, max_items=files_per_task, max_size=bytes_per_task,
                     size=lambda part: _size(part, bytes_per_task))
    return cast(Iterator[list[FilePart | Source] | IngestError], grouped)  # IDLE comes only from a ReadAhead


def _file_parts(items: Iterable[InputFile | IngestError | Source], bytes_per_task: int, documents_per_task: int,
                max_bytes: int) -> Iterator[FilePart | IngestError | Source]:
    for item in items:
        if not isinstance(item, InputFile):
            yield item
            continue
        location = os.path.abspath(item.path)  # where newsan runs: workers may run elsewhere
        if is_sgml_name(item.path) and _size_on_disk(location) > bytes_per_task:
            yield from _document_ranges(item, location, documents_per_task, max_bytes)
        else:
            yield FilePart(item, location)


def _document_ranges(listed: InputFile, location: str, documents_per_task: int, max_bytes: int
                     ) -> Iterator[FilePart]:
    """A large archive as ranges of `documents_per_task` documents, counted here as it streams
    (the last range runs to the end, so it also takes an error that ends the file)."""
    first = 0
    for ordinal in ArticleReader(max_bytes, stdin=None).count_documents(location):
        if ordinal - first > documents_per_task:
            yield FilePart(listed, location, first, documents_per_task)
            first += documents_per_task
    yield FilePart(listed, location, first)


def _size(item: FilePart | Source, bytes_per_task: int) -> int:
    """What an item weighs in a partition: a range of an archive fills one."""
    if isinstance(item, Source):
        return len(item.text)
    return bytes_per_task if item.is_range else _size_on_disk(item.location)


def _size_on_disk(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker will say what is wrong with it


def analyze_on_cluster(client, inputs: Iterable[str], options: Options, *, pattern: str | None, max_bytes: int,
                       tokens: bool = False, ordered: bool = True, show_traceback: bool = False,
                       stdin: BinaryIO | TextIO | None = None, files_per_task: int | None = None,
                       bytes_per_task: int | None = None, documents_per_task: int | None = None,
                       tasks_in_flight: int | None = None) -> Iterator[Outcome]:
    """Outcomes of every article under `inputs`, analyzed on the cluster behind `client`.

    At most `tasks_in_flight` partitions (default: twice the cluster's
    threads) are submitted at once, so memory stays bounded on both sides
    however large the archive. stdin ('-') and the config file are read here
    and shipped: the workers may run in another folder, or on another machine.
    The sizes of a partition default to the module's constants as they are
    when the run starts.
    """
    if isinstance(options.config, str):
        options = replace(options, config=read_config(options.config))
    if tasks_in_flight is None:
        threads = sum(client.nthreads().values()) or 1
        tasks_in_flight = max(2, 2 * threads)
    listed = _read_stdin_here(list_inputs(inputs, pattern=pattern), max_bytes, stdin)
    # ordered: every entry in input order, (partition, future) or (None, outcomes of a listing error);
    # unordered: finished tasks arrive on a queue as they complete
    pending: deque[tuple[list | None, Any]] = deque()
    finished: queue.SimpleQueue = queue.SimpleQueue()
    running: set = set()
    try:
        for part in partitions(listed, files_per_task=files_per_task or FILES_PER_TASK,
                               bytes_per_task=bytes_per_task or BYTES_PER_TASK,
                               documents_per_task=documents_per_task or DOCUMENTS_PER_TASK, max_bytes=max_bytes):
            if isinstance(part, IngestError):
                outcome = Outcome(part.path, error=str(part))
                if ordered:
                    pending.append((None, [outcome]))
                else:
                    yield outcome
                continue
            future = client.submit(analyze_partition, part, options, max_bytes, tokens, show_traceback, pure=False)
            running.add(future)
            if ordered:
                pending.append((part, future))
            else:
                future.add_done_callback(lambda done, part=part: finished.put((part, done)))
            while len(running) >= tasks_in_flight:
                yield from _next_outcomes(pending, finished, running, ordered)
        while running or pending:
            yield from _next_outcomes(pending, finished, running, ordered)
    finally:
        if running:  # interrupted, or the consumer stopped: leave no work behind on the cluster
            try:
                client.cancel(list(running))
            except Exception:  # the scheduler is gone already: nothing left to cancel
                pass


def _next_outcomes(pending: deque, finished: queue.SimpleQueue, running: set, ordered: bool) -> list[Outcome]:
    if ordered:
        part, entry = pending.popleft()
        if part is None:
            return entry
    else:
        part, entry = finished.get()
    outcomes = _collect(part, entry)
    running.discard(entry)
    return outcomes


def _read_stdin_here(items: Iterable[InputFile | IngestError], max_bytes: int, stdin: BinaryIO | TextIO | None
                     ) -> Iterator[InputFile | IngestError | Source]:
    for item in items:
        if isinstance(item, InputFile) and item.path == "-":
            yield from read_listed([item], max_bytes=max_bytes, stdin=stdin)
        else:
            yield item


def _collect(part: list[FilePart | Source], future) -> list[Outcome]:
    """A task's outcomes; a task that failed as a whole (a worker died) fails each of its inputs, by name."""
    try:
        return future.result()
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as error:
        return [_failed_on_cluster(item, error) for item in part]


def _failed_on_cluster(item: FilePart | Source, error: Exception) -> Outcome:
    if isinstance(item, Source):
        path, name = item.path, item.path
    else:
        path, name = item.listed.path, item.label()
    return Outcome(path, error=f"{name}: analysis failed on the cluster: {describe(error)}")
