"""Run the pipeline over many inputs: keep going past bad ones, count them, stream results.

The CLI parses options and hands a stream of sources to `run_batch`; this
module decides what a failure is (a one-line message naming the input) and
counts failures, so any other front end gets the same behaviour; the command
turns the count into its exit code. `Outcome` and `run_batch` live in the light
`runners.outcomes`, so a front end that reads results already
made (newsan report on JSON Lines) needs not load the pipeline.

Every runner (`analyze_serially`, `analyze_in_parallel`, and the Dask tasks)
reads its input ahead in a thread (`ReadAhead`) and analyzes it in chunks of
articles (`chunks`, `analyze_chunk`), one NER call per chunk.
"""

from __future__ import annotations

import enum
import gc
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from newsan.analysis.pipeline import Options, analyze_source, analyze_sources
from newsan.errors import IngestError
from newsan.lexicons import load_lexicons
from newsan.model import Source
from newsan.ner.registry import get_tagger
from newsan.output.schema import article_to_dict
from newsan.runners.outcomes import Outcome

T = TypeVar("T")

def analyze_to_dict(source: Source, options: Options, tokens: bool = False) -> dict:
    """One source to its schema dict (the library API's `analyze_text`)."""
    return article_to_dict(analyze_source(source, options), tokens=tokens)


def analyze_item(item: Source | IngestError, options: Options, tokens: bool = False,
                 show_traceback: bool = False) -> Outcome:
    """Analyze one ingested item; any failure becomes an Outcome with an error, never an exception."""
    if isinstance(item, IngestError):
        return Outcome(item.path, error=str(item))
    try:
        return Outcome(item.path, result=analyze_to_dict(item, options, tokens))
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as error:  # one bad input never sinks the batch
        detail = "\n" + traceback.format_exc() if show_traceback else ""
        return Outcome(item.path, error=f"{item.path}: analysis failed: {describe(error)}{detail}")


def analyze_chunk(items: list[Source], options: Options, tokens: bool = False,
                  show_traceback: bool = False) -> list[Outcome]:
    """A few sources analyzed together (one NER call for all: see `pipeline.analyze_sources`),
    one Outcome each; the unit of work of every runner (serial, pool, cluster).

    Should the chunk fail, each source is analyzed again alone, so the error is
    pinned on the input that caused it and the others still come out.
    """
    try:
        articles = analyze_sources(items, options)
        return [Outcome(item.path, result=article_to_dict(article, tokens=tokens))
                for item, article in zip(items, articles, strict=True)]
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception:
        return [analyze_item(item, options, tokens, show_traceback) for item in items]


# Sources per pool task: one NER call and one task per article cost more than a short article takes, and
# a task's NER call steps through its longest clause; but too few tasks leave a worker idle at the end
# (bench/throughput.py --jobs 2 on 1,000 articles: 16 -> 1.60-1.69x, 32 -> 1.66-1.75x, 48 -> 1.72-1.80x).
CHUNK_ITEMS = 48
CHUNK_CHARS = 200_000  # … and a chunk closes early on long articles, so pool work stays evenly shared
# The serial runner's chunks are larger: no pool to share work with, and the NER networks' recurrences and
# Viterbi searches step through each call's longest sentence, so fewer, larger calls cost less per token
# (bench/throughput.py: 16 -> 64 sources took 6 % less time, with the same outputs; 128 gained nothing more).
SERIAL_CHUNK_ITEMS = 64


class Idle(enum.Enum):
    """The type of IDLE."""

    IDLE = "idle"


IDLE = Idle.IDLE  # ReadAhead's word for "the next item is not ready yet" (an enum member, so it can be typed)


def _text_size(source: Any) -> int:  # chunks' default: a Source's size is its text's
    return len(source.text)


def chunks(items: Iterable[T | IngestError | Idle], *, max_items: int = CHUNK_ITEMS, max_size: int = CHUNK_CHARS,
           size: Callable[[T], int] = _text_size) -> Iterator[list[T] | IngestError | Idle]:
    """Consecutive items grouped into chunks of up to `max_items` items or `max_size` in all;
    an IngestError closes the chunk before it and passes through in its place, and so does
    an IDLE from `ReadAhead` (nothing more ready yet)."""
    chunk: list[T] = []
    total = 0
    for item in items:
        if item is IDLE or isinstance(item, IngestError):
            if chunk:
                yield chunk
                chunk, total = [], 0
            yield item
            continue
        chunk.append(item)
        total += size(item)
        if len(chunk) >= max_items or total >= max_size:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


class ReadAhead:
    """The items, read ahead by a background thread (up to two chunks' worth: `max_items`
    items and `max_size` characters, or one item however large), with an IDLE between two
    of them whenever the next one is not ready yet.

    So the runners analyze what has arrived instead of waiting for a full
    chunk on a slow producer (paths piped in as files arrive); on a fast one
    the reading overlaps the analysis. An error of the reader is raised to
    the consumer after the items read before it.
    """

    def __init__(self, items: Iterable[Source | IngestError], max_items: int = 2 * CHUNK_ITEMS,
                 max_size: int = 2 * CHUNK_CHARS):
        self._items = items
        self._limits = (max_items, max_size)
        self._buffer: deque[tuple[Source | IngestError, int]] = deque()
        self._size = 0
        self._done = self._stopped = False
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        threading.Thread(target=self._read, name="newsan-read-ahead", daemon=True).start()

    def _read(self) -> None:
        max_items, max_size = self._limits
        changed = self._changed
        try:
            for item in self._items:
                size = len(item.text) if isinstance(item, Source) else 0
                with changed:
                    while self._buffer and not self._stopped and (
                            len(self._buffer) >= max_items or self._size + size > max_size):
                        changed.wait()
                    if self._stopped:
                        return
                    self._buffer.append((item, size))
                    self._size += size
                    changed.notify_all()
        except BaseException as error:  # handed to the consumer, raised there
            self._error = error
        finally:
            with changed:
                self._done = True
                changed.notify_all()

    def has_ready(self) -> bool:
        return bool(self._buffer)

    def __iter__(self) -> Iterator[Source | IngestError | Idle]:
        changed = self._changed
        try:
            while True:
                if not self._buffer and not self._done:
                    yield IDLE
                with changed:
                    while not self._buffer and not self._done:
                        changed.wait()
                    if not self._buffer:
                        break
                    item, size = self._buffer.popleft()
                    self._size -= size
                    changed.notify_all()
                yield item
            if self._error is not None:
                raise self._error
        finally:
            with changed:
                self._stopped = True
                changed.notify_all()


GC_THRESHOLD = 50_000  # allocations between two collections of the youngest generation (Python's default: 700)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a batch runs.

    An analysis allocates hundreds of thousands of small objects, hardly any
    of them in cycles; at the default threshold the collector keeps walking
    the live ones (a chunk's tokens, the loaded model), some 7% of the time.
    """
    global _runs_in_progress, _threshold_before
    with _gc_lock:  # runs may overlap (threads, a Dask worker): the first sets, the last restores
        if _runs_in_progress == 0:
            _threshold_before = gc.get_threshold()
            gc.set_threshold(GC_THRESHOLD, *_threshold_before[1:])
        _runs_in_progress += 1
    try:
        yield
    finally:
        with _gc_lock:
            _runs_in_progress -= 1
            if _runs_in_progress == 0:
                gc.set_threshold(*_threshold_before)


_gc_lock = threading.Lock()
_runs_in_progress = 0
_threshold_before = gc.get_threshold()


def analyze_serially(items: Iterable[Source | IngestError], options: Options, *, tokens: bool = False,
                     show_traceback: bool = False) -> Iterator[Outcome]:
    """Analyze in this process, a chunk at a time (results still stream: see `ReadAhead`)."""
    with fewer_collections():
        for entry in chunks(ReadAhead(items, 2 * SERIAL_CHUNK_ITEMS), max_items=SERIAL_CHUNK_ITEMS):
            if entry is IDLE:
                continue
            if isinstance(entry, IngestError):
                yield Outcome(entry.path, error=str(entry))
            else:
                yield from analyze_chunk(entry, options, tokens, show_traceback)


def _init_worker(options: Options) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    get_tagger(options.ner, options.camel_model, options.config)  # load the model once per worker
    load_lexicons(options.config)
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])  # see fewer_collections; the process is ours


def analyze_in_parallel(items: Iterable[Source | IngestError], options: Options, *, jobs: int,
                        ordered: bool = True, tokens: bool = False, show_traceback: bool = False,
                        in_flight_per_job: int = 3) -> Iterator[Outcome]:
    """Analyze in `jobs` worker processes, reading ahead a bounded number of inputs.

    Sources go to the workers in small chunks (`chunks`). Memory stays flat
    on any archive size: at most `jobs * in_flight_per_job` chunks are
    pending at once. Results come in input order unless `ordered` is False,
    in which case each chunk's come as soon as it is done.

    A worker that dies (killed, out of memory, a crash in native code) takes
    down the pool and every chunk in flight; the pool is started again for
    the rest of the run, and those chunks are analyzed again one article at
    a time in a process of their own, so only the article that kills its
    process fails, by name.
    """
    limit = max(2, jobs * in_flight_per_job)
    pending: deque[tuple[list[Source], Future] | Outcome] = deque()
    workers = _Workers(jobs, options)
    alone = _Workers(1, options)

    def outcomes_of(chunk: list[Source], future: Future) -> list[Outcome]:
        try:
            return future.result()
        except KeyboardInterrupt:
            raise
        except Exception:  # the worker died (BrokenProcessPool), or it ran out of memory
            return [outcome for source in chunk for outcome in _outcome_alone(source, alone, tokens, show_traceback)]

    reader = ReadAhead(items)
    try:
        with fewer_collections():  # the results coming back are many small objects, too
            for entry in chunks(reader):
                if entry is IDLE:  # no input to hand out: pass results on as they come in meanwhile
                    while pending and not reader.has_ready():
                        waiting = _waiting_on(pending, ordered)
                        if waiting:
                            wait(waiting, timeout=0.05, return_when=FIRST_COMPLETED)
                        else:
                            yield from _next_outcomes(pending, ordered, outcomes_of)
                    continue
                if isinstance(entry, IngestError):
                    pending.append(Outcome(entry.path, error=str(entry)))
                else:
                    pending.append((entry, workers.submit(analyze_chunk, entry, options, tokens, show_traceback)))
                while len(pending) >= limit:
                    yield from _next_outcomes(pending, ordered, outcomes_of)
            while pending:
                yield from _next_outcomes(pending, ordered, outcomes_of)
    except BaseException:  # Ctrl-C, or the consumer gave up: stop now, not after the articles in progress
        workers.stop()
        alone.stop()
        raise
    workers.stop(wait=True)
    alone.stop(wait=True)


def _outcome_alone(source: Source, alone: _Workers, tokens: bool, show_traceback: bool) -> list[Outcome]:
    """One article analyzed in a process of its own: if that process dies, the article is the one that failed."""
    try:
        return alone.submit(analyze_chunk, [source], alone.options, tokens, show_traceback).result()
    except KeyboardInterrupt:
        raise
    except Exception as error:
        reason = f"worker process lost ({describe(error)})" if isinstance(error, BrokenProcessPool) else describe(error)
        return [Outcome(source.path, error=f"{source.path}: analysis failed: {reason}")]


def describe(error: BaseException) -> str:
    """An exception in a few words for a one-line error: its class, and its message if any."""
    return f"{error.__class__.__name__}: {error}" if str(error) else error.__class__.__name__


class _Workers:
    """A process pool that is started again when one of its workers has died."""

    def __init__(self, jobs: int, options: Options):
        self.jobs = jobs
        self.options = options
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, *task) -> Future:
        if self._pool is not None:
            try:
                return self._pool.submit(*task)
            except BrokenProcessPool:  # a worker died: start a new pool
                self.stop()
        self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker, initargs=(self.options,))
        return self._pool.submit(*task)

    def stop(self, wait: bool = False) -> None:
        """End the workers: once they are done (`wait`), or now, cancelling what is queued
        (they ignore SIGINT, and an article may take seconds)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if wait:
            pool.shutdown(wait=True)
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            try:
                process.terminate()
            except (OSError, ValueError, AttributeError):
                pass  # already gone


def _waiting_on(pending: deque, ordered: bool) -> list[Future]:
    """The futures to wait for before `_next_outcomes` can answer; none if it can now."""
    heads = list(pending)[:1] if ordered else pending
    if any(isinstance(entry, Outcome) or entry[1].done() for entry in heads):
        return []
    return [entry[1] for entry in heads]


def _next_outcomes(pending: deque, ordered: bool,
                   outcomes_of: Callable[[list[Source], Future], list[Outcome]]) -> list[Outcome]:
    if not ordered:
        for index, entry in enumerate(pending):
            if isinstance(entry, Outcome) or entry[1].done():
                del pending[index]
                return [entry] if isinstance(entry, Outcome) else outcomes_of(*entry)
        wait([entry[1] for entry in pending if not isinstance(entry, Outcome)], return_when=FIRST_COMPLETED)
        return _next_outcomes(pending, ordered, outcomes_of)
    entry = pending.popleft()
    return [entry] if isinstance(entry, Outcome) else outcomes_of(*entry)
