"""A changed stylesheet or script rewrites every page.

Every page links its static files with a checksum (``?v=``) and, on the
website, one bundle of its stylesheets named by their content
(``web/assets``). Sphinx rewrites a page only when its source, the
configuration or a template changed; after an edit of ``_static/reader.css``
the pages that were not rewritten kept the old bundle, and the site looked
half old, half new, until ``make clean``.

So the build keeps a fingerprint of the static folders (``html_static_path``,
ours and the extensions') and of the theme's, and when it differs from the
last finished build, every page is written again. The fingerprint is stored
when a build finishes without error: a build that stopped half-way leaves
the old one, and the next build rewrites every page again.
"""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .. import cachefile

CACHE = "handbook-static.json"
VERSION = 1
# This build's fingerprint, stored when it finishes.
_now: weakref.WeakKeyDictionary[Sphinx, str] = weakref.WeakKeyDictionary()


def _folders(app: Sphinx) -> list[Path]:
    folders = [Path(app.confdir, path) for path in app.config.html_static_path]
    theme = getattr(app.builder, "theme", None)
    folders += [Path(p) for p in (theme.get_theme_dirs() if theme else [])]
    return folders


def fingerprint(folders: list[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        digest.update(str(folder).encode())
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _stored(app: Sphinx) -> str | None:
    return cachefile.read_json(Path(app.doctreedir) / CACHE, VERSION,
                               "de vingerafdruk van de statische bestanden",
                               check=lambda data: isinstance(data, str))


def pages_with_old_assets(app: Sphinx, env: Any) -> list[str]:
    """env-get-updated: every page, when a static file changed since the last
    finished build, or when that is unknown (no fingerprint yet, or a damaged
    one): a clean build writes every page anyway."""
    if app.builder.format != "html":
        return []
    _now[app] = now = fingerprint(_folders(app))
    return sorted(env.found_docs) if _stored(app) != now else []


def remember(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: the fingerprint of what the pages now link."""
    now = _now.get(app)
    if exception is None and now is not None:
        cachefile.write_json(Path(app.doctreedir) / CACHE, VERSION, now)
