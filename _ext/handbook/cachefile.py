"""Files the build keeps between runs (issue 25): written whole or not at all,
with a version, and thrown away with one Dutch notice when damaged.

Every cache and output file the extension writes goes through
:func:`write_atomic`: the data goes to a temporary file beside the target and
is renamed into place, so a build stopped at any moment (Ctrl-C, a laptop
going to sleep, SIGKILL) leaves the old file or the new one, never half of
one. A temporary file left by a killed build carries :data:`TMP_MARK` in its
name; :mod:`handbook.guard` sweeps them up on the next build.

Readers use :func:`read_json`: a file that does not parse or has the wrong
shape is deleted with one notice line and the build makes it again. A file
from another cache version is dropped without a notice: that is an update,
not damage.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)

TMP_MARK = ".hbtmp"
# Counted for the test summary (tests/fault_figures.py) and nothing else.
recovered: list[str] = []


def tmp_path(path: Path) -> Path:
    # The process id keeps parallel writers (forked -j workers) apart.
    return path.with_name(f".{path.name}.{os.getpid()}{TMP_MARK}")


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that no reader ever sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_path(path)
    try:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def leftovers(folder: Path) -> Iterator[Path]:
    """Temporary files a killed build left under ``folder``."""
    if folder.is_dir():
        yield from (p for p in folder.rglob(f".*{TMP_MARK}") if p.is_file())


def discard(path: Path, what: str) -> None:
    """Delete a damaged cache file and say so, once, in Dutch."""
    path.unlink(missing_ok=True)
    recovered.append(str(path))
    logger.info(f"Let op: {what} ({path.name}) was beschadigd en is weggegooid; "
                "de bouw maakt hem opnieuw.")


def write_json(path: Path, version: int, data: Any) -> None:
    write_atomic(path, json.dumps({"version": version, "data": data}, ensure_ascii=False))


def read_json(path: Path, version: int, what: str, check=None) -> Any | None:
    """The data of a cache written by :func:`write_json`, or None.

    None when the file is missing, from another version, or damaged (then
    deleted with one notice). ``check`` may inspect the data's shape: a
    falsy result or an exception counts as damage.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        stored = json.loads(raw.decode("utf-8"))
        if isinstance(stored, dict) and stored.get("version") != version:
            # An older layout (no version, or another one): an update, not damage.
            path.unlink(missing_ok=True)
            return None
        data = stored["data"]
        if check is not None and not check(data):
            raise ValueError("unexpected shape")
    except Exception:
        discard(path, what)
        return None
    return data
