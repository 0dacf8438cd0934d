"""Front-end assets served from the build: the local Mermaid ES-module copy.

The browser imports Mermaid from ``_static/mermaid/`` (see ``mermaid_use_local``
in conf.py). We copy only the minified ES module and its chunk folder out of
``node_modules`` (installed by ``npm ci``), not the whole 60 MB package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

MERMAID_DIST = Path("node_modules") / "mermaid" / "dist"
ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks") / "mermaid.esm.min"


def mermaid_dist(app: Sphinx) -> Path:
    return Path(app.confdir) / MERMAID_DIST


def copy_mermaid(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    dist = mermaid_dist(app)
    if not (dist / ENTRY).is_file():
        raise ExtensionError(
            f"Mermaid ontbreekt in {dist}. Voer 'npm ci' uit (of gewoon 'make html')."
        )
    target = Path(app.outdir) / "_static" / "mermaid"
    _copy_changed(dist / ENTRY, target / ENTRY)
    # Source maps are only for debugging; leaving them out keeps the site small.
    for source in (dist / CHUNKS).rglob("*"):
        if source.is_file() and source.suffix != ".map":
            _copy_changed(source, target / CHUNKS / source.relative_to(dist / CHUNKS))


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


def setup(app: Sphinx) -> None:
    app.connect("build-finished", copy_mermaid)
