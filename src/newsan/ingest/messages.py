"""The one-line reasons an IngestError gives, worded the same for files, pipes and archive documents."""

from __future__ import annotations


def _size(count: int) -> str:
    """A byte count as people read it: 1.5 MiB."""
    if count >= 1024**3:
        return f"{count / 1024**3:.1f} GiB"
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MiB"
    if count >= 1024:
        return f"{count / 1024:.1f} KiB"
    return f"{count} bytes"


def too_large(what: str, size: int | None, limit: int) -> str:
    """Why `what` (a file, a document, stdin) is refused for its size; `size` is None when only the limit is known."""
    advice = "raise the max-bytes limit to read it"
    if size is None:
        return f"{what} is over the {_size(limit)} ({limit} bytes) limit; {advice}"
    return f"{what} is {_size(size)} ({size} bytes), over the {_size(limit)} limit; {advice}"


def os_reason(error: OSError) -> str:
    """An operating-system error as the reason of an IngestError, without its errno and path ('permission denied')."""
    return (error.strerror or str(error) or error.__class__.__name__).lower()
