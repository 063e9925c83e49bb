"""The library's exceptions, in one place: what can go wrong, told in words that name no command-line flag.

The command maps each to an exit code (`newsan.cli.errors`); a Python caller
catches them by these names. Every message is one line a person can act on.
"""

from __future__ import annotations


class NewsanError(Exception):
    """Anything newsan itself reports (not a bug): catch this to catch them all."""


class ConfigError(NewsanError, ValueError):
    """A user config file that cannot be used; the message names the file."""


class BackendUnavailable(NewsanError, RuntimeError):
    """The requested NER backend cannot run here; the message says how to fix it."""


class ClusterUnavailable(NewsanError, RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached; the message says which and what to do."""


class ConllError(NewsanError, ValueError):
    """A CoNLL file that cannot be read (line number in the message)."""


class IngestError(NewsanError):
    """One input (or one document of an archive) that could not be read.

    It travels in the stream of `iter_sources` so a batch can report it and go
    on; str(error) is the one line to show a person: "path: reason".
    """

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # pickle by (path, reason): runners may ship errors across processes
        return (type(self), (self.path, self.reason))


class InputError(NewsanError):
    """An input (a file, or a document of an archive) that could not be read or analyzed.

    `str(error)` is the one-line message the command prints: "path: reason".
    """

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path

    def __reduce__(self):
        return (type(self), (self.path, str(self)))
