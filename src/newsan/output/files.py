"""Output files that are whole or absent: a run that fails or is interrupted leaves no half-written file.

The results are written to a temporary file beside the target and moved over
it only when the run has finished, so a previous result survives a failed run.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path` and move it into place only on success."""
    target = Path(path)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent or ".",
                                         prefix=f".{target.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            yield handle
        os.chmod(handle.name, _mode_for(target))  # temporary files are 0600; the result is an ordinary file
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The mode the file had if it is being replaced, else what open() would give it (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
