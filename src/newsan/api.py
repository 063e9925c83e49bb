"""The library API: analyze a text, or every article under a path, into plain schema dicts.

    >>> import newsan
    >>> article = newsan.analyze_text("القاهرة- قال وزير الخارجية ...", ner="rules")
    >>> article["entities"][0]["text"]
    >>> for article in newsan.analyze_path("archive/", pattern="**/*.sgml.gz", jobs=2):
    ...     print(article["path"], article["summary"]["lead"])

Results are the dicts of the `newsan/1` schema (`examples/newsan.schema.json`),
the very objects `newsan analyze --format json` prints: plain dicts, lists,
strings and numbers, so they pickle, serialize and cross process boundaries.
Options are the command's: `ner` ("auto", "builtin", "neural", "ensemble", "camel",
"rules"),
`camel_model`, `config` (a YAML file extending the lexicons) and `tokens`
(include sentences and tokens). Models and lexicons load once per process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, Union

from newsan.errors import InputError
from newsan.model import Source

__all__ = ["InputError", "analyze_path", "analyze_text"]

PathLike = Union[str, "os.PathLike[str]"]


def analyze_text(text: str, *, path: str = "<text>", title: str | None = None, ner: str = "auto",
                 camel_model: str | None = None, config: str | None = None, tokens: bool = False) -> dict[str, Any]:
    """Analyze one article given as a string; returns its schema dict.

    `path` is only a name for the result's `path` field; `title` is a headline
    known from elsewhere (an index, a feed). Raises ValueError for an empty
    text, `newsan.errors.BackendUnavailable` when `ner` cannot run here and
    `newsan.errors.ConfigError` for a bad `config`.
    """
    from newsan.runners.batch import analyze_to_dict

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__} (decode bytes first, or use analyze_path)")
    if not text.strip():
        raise ValueError("text is empty")
    options = _options(ner, camel_model, config)
    return analyze_to_dict(Source(path=path, text=text, title=title), options, tokens)


def analyze_path(paths: PathLike | Iterable[PathLike], *, pattern: str | None = None, max_bytes: int | None = None,
                 ner: str = "auto", camel_model: str | None = None, config: str | None = None, tokens: bool = False,
                 jobs: int = 1, ordered: bool = True,
                 errors: Literal["raise", "skip"] | Callable[[InputError], None] = "raise") -> Iterator[dict[str, Any]]:
    """Analyze every article a path (or a list of paths) holds; yields one schema dict per article.

    A path is what `newsan analyze` takes: a folder (with an INDEX.md, or its
    *.txt files and SGML archives, `pattern` adding more, e.g.
    '**/*.sgml.gz'), a file, an SGML archive (one dict per document), or '-'
    for stdin. Results stream: archives are read document by document.
    `jobs` > 1 analyzes in that many processes (in input order unless
    `ordered` is False). `max_bytes` bounds one article (default 4 MiB: its analysis peaks at
    about 250 times its size).

    `errors` decides what a bad input does: "raise" (default) raises
    InputError at that point, ending the iteration; "skip" goes on silently;
    a callable is called with each InputError and the iteration goes on.
    """
    from newsan.ingest import DEFAULT_MAX_BYTES, iter_sources
    from newsan.runners.batch import analyze_in_parallel, analyze_serially

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if errors not in ("raise", "skip") and not callable(errors):
        raise ValueError(f"errors must be 'raise', 'skip' or a callable, not {errors!r}")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    options = _options(ner, camel_model, config)
    sources = iter_sources(paths, pattern=pattern, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    if jobs > 1:
        outcomes = analyze_in_parallel(sources, options, jobs=jobs, ordered=ordered, tokens=tokens)
    else:
        outcomes = analyze_serially(sources, options, tokens=tokens)
    return _results(outcomes, errors)


def _results(outcomes, errors) -> Iterator[dict[str, Any]]:
    for outcome in outcomes:
        if outcome.error is None:
            yield outcome.result
            continue
        error = InputError(outcome.path, outcome.error)
        if errors == "raise":
            raise error
        if callable(errors):
            errors(error)


def _options(ner: str, camel_model: str | None, config: str | None):
    """Options checked before any input is read: an unknown backend or a bad config fails here, once."""
    from newsan.analysis.pipeline import Options
    from newsan.lexicons import load_lexicons
    from newsan.ner.registry import get_tagger

    load_lexicons(config)
    get_tagger(ner, camel_model, config)
    return Options(ner=ner, camel_model=camel_model, config=config)
