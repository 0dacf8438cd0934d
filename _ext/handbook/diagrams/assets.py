"""Front-end assets served from the build: the local Mermaid ES-module copy.

The browser imports Mermaid from ``_static/mermaid/`` (see ``mermaid_use_local``
in conf.py). We copy only the minified ES module and its chunk folder out of
``node_modules`` (installed by ``npm ci``), not the whole 60 MB package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

from . import package


def copy_mermaid(confdir: str | Path, outdir: str | Path) -> None:
    dist = package.dist(confdir)
    if not (dist / package.ENTRY).is_file():
        raise ExtensionError(
            f"Mermaid ontbreekt in {dist}. Voer 'npm ci' uit (of gewoon 'make html')."
        )
    target = Path(outdir) / "_static" / "mermaid"
    _copy_changed(dist / package.ENTRY, target / package.ENTRY)
    # Source maps are only for debugging; leaving them out keeps the site small.
    for source in (dist / package.CHUNKS).rglob("*"):
        if source.is_file() and source.suffix != ".map":
            _copy_changed(source, target / package.CHUNKS / source.relative_to(dist / package.CHUNKS))


def _copy_changed(source: Path, target: Path) -> None:
    """Copy unless the target is already this file (copy2 keeps the modification
    time): a rebuild then stats the files instead of copying 2.5 MB."""
    stat = source.stat()
    try:
        done = target.stat()
        if (done.st_size, done.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
