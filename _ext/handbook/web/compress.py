"""Precompressed copies of the site's text files (issue 18).

After an HTML build, every text file a browser loads (HTML, CSS, JavaScript,
SVG, JSON) gets a ``.gz`` and a ``.br`` next to it. A web server with the
snippets in ``_server/`` (nginx ``gzip_static``/``brotli_static``, Apache
``mod_rewrite`` + ``mod_headers``) sends those instead of compressing on every
request. Opened from a shared drive (file://), the browser reads the
uncompressed files as before.

- Deterministic: gzip without a time stamp or name, brotli as is, so a
  rebuild gives the same bytes as a clean build.
- Cheap on a rebuild: a file whose copies are newer than itself is skipped;
  copies of a file that is gone are removed.
- Brotli at quality 7. Measured on this site's 72 text files (1.6 MB):
  quality 7 gives 299 KB in 0.2 s, 9 gives 298 KB in 1.4 s, 11 gives
  274 KB in 7.7 s (gzip -9: 323 KB in 0.13 s).
- Mermaid's copy in ``_static/mermaid/`` (2.7 MB) only when readers' browsers
  draw the diagrams: with diagrams drawn at build time no page loads it.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import cachefile

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".svg", ".json", ".txt", ".xml"}
# Folders of the output that are not served to readers: the hosts' snippets.
NOT_SERVED = {"_server", "_sources"}
BROTLI_QUALITY = 7
# The hosts' snippets in the project (conf.py's folder), excluded from Sphinx's
# sources; copied next to the CSP snippets in the build's _server/.
SNIPPETS_DIR = "_server"


def _brotli(data: bytes) -> bytes:
    import brotli

    return brotli.compress(data, quality=BROTLI_QUALITY)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


ENCODINGS = {".gz": _gzip, ".br": _brotli}


def text_assets(outdir: Path, with_mermaid: bool = True) -> Iterator[Path]:
    for path in sorted(outdir.rglob("*")):
        rel = path.relative_to(outdir)
        if rel.parts[0] in NOT_SERVED or not path.is_file():
            continue
        if not with_mermaid and rel.parts[:2] == ("_static", "mermaid"):
            continue
        if path.suffix in TEXT_SUFFIXES:
            yield path


def compress_site(outdir: Path, with_mermaid: bool = True) -> int:
    """Write the missing or outdated copies; the number of files compressed."""
    written = 0
    for path in text_assets(outdir, with_mermaid):
        mtime = path.stat().st_mtime_ns
        data = None
        for suffix, compress in ENCODINGS.items():
            copy = path.with_name(path.name + suffix)
            if copy.is_file() and copy.stat().st_mtime_ns >= mtime:
                continue
            if data is None:
                data = path.read_bytes()
                written += 1
            # Whole or not at all: a copy cut short by an interrupted build
            # would be newer than its file and never made again.
            cachefile.write_atomic(copy, compress(data))
    # Copies whose file went away (or is no longer compressed) go too.
    wanted = set(text_assets(outdir, with_mermaid))
    for suffix in ENCODINGS:
        for copy in outdir.rglob(f"*{suffix}"):
            original = copy.with_name(copy.name.removesuffix(suffix))
            if original.suffix in TEXT_SUFFIXES and original not in wanted:
                copy.unlink()
    return written


def copy_snippets(confdir: Path, outdir: Path) -> None:
    """The compression snippets next to the CSP ones, in the build's _server/."""
    target = outdir / "_server"
    target.mkdir(exist_ok=True)
    for snippet in sorted((confdir / SNIPPETS_DIR).glob("*.conf")):
        shutil.copyfile(snippet, target / snippet.name)


def write_compressed(app: Sphinx, exception: Exception | None) -> None:
    # The pdf builder's HTML is printed, never served; other builders write
    # no site.
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    from ..diagrams import build as diagrams

    outdir = Path(app.outdir)
    written = compress_site(outdir, with_mermaid=not diagrams.enabled(app))
    copy_snippets(Path(app.confdir), outdir)
    if written:
        logger.info("Gecomprimeerd (.gz, .br): %d bestanden.", written)
