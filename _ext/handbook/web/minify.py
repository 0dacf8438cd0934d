"""Stylesheets and scripts served without comments and layout (issue 18).

Sphinx, Furo and our own static files are written to be read: comments,
indentation, long names of nothing. A reader's browser needs none of it;
minified, a page loads some 15 KB less (``make bench`` shows the bytes per
page). The minifiers are rcssmin and rjsmin: they remove only comments and
white space, never rename, so class names in scripts (which the per-page
stylesheet trim reads, ``web/assets``) and every string stay.

Sphinx copies the static files at each build, after ``write-started`` and
before it writes the first page (in the main process, also with ``-j``), and
takes each file's ``?v=`` checksum from the copy when a page first links to
it. So the copies are minified in place at the first page of the build:
every page then links the minified file with its own checksum. That order is
in the register of internals (``static-copied-before-pages``).

Left alone: files already minified (``.min.``) and the trimmed copies and
bundles under ``_static/trimmed/``, which are made from minified files.
"""

from __future__ import annotations

from pathlib import Path
from weakref import WeakSet

import rcssmin
import rjsmin
from sphinx.application import Sphinx

from .. import cachefile
from ..i18n import search_js

_SKIP_DIRS = ("trimmed",)
_PENDING: WeakSet = WeakSet()


def css(text: str) -> str:
    return rcssmin.cssmin(text, keep_bang_comments=True)


def js(text: str) -> str:
    return rjsmin.jsmin(text, keep_bang_comments=True)


_MINIFIERS = {".css": css, ".js": js}


def minify_file(path: Path) -> bool:
    """Minify one file in place; True when it changed."""
    minifier = _MINIFIERS.get(path.suffix)
    if minifier is None or ".min." in path.name:
        return False
    text = path.read_text(encoding="utf-8")
    small = minifier(text)
    if small == text:
        return False
    cachefile.write_atomic(path, small)
    return True


def minify_static(static: Path) -> int:
    """Minify the static files under ``static``; how many changed."""
    changed = 0
    for path in sorted(static.rglob("*")):
        if path.is_file() and not set(_SKIP_DIRS) & set(path.relative_to(static).parts[:-1]):
            changed += minify_file(path)
    return changed


def start(app: Sphinx, builder: object) -> None:
    """write-started: Sphinx is about to copy the static files again."""
    if app.builder.format == "html":
        _PENDING.add(app.builder)


def at_first_page(app: Sphinx, pagename: str, templatename: str, context: dict,
                  doctree: object) -> None:
    """The copies are finished here, before any page links them: Sphinx's
    Dutch search messages filled in (every HTML builder), then, on the
    website, everything minified."""
    if app.builder not in _PENDING:
        return
    _PENDING.discard(app.builder)
    search_js.fill_translations_js(app)
    if app.builder.name == "html":
        minify_static(Path(app.builder.outdir) / "_static")
