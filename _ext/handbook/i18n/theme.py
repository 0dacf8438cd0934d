"""Dutch for the theme: route Furo's hard-coded English labels through gettext.

Furo translates most of its labels with ``_()``, but writes some of them as
plain English: aria-labels on the sidebar toggles and the colour-theme
button, the ``<title>`` of its SVG icons, the alt text of the logo, and the
"Toggle navigation of ..." label that its Python code puts on every
expandable item of the site navigation. This module owns making exactly those
translatable, so that the catalog in ``locale/`` translates them like every
other theme string. It changes no wording and copies no template: a Jinja
preprocessor wraps each literal in ``_()`` while Furo's templates load.

It also owns keeping pages in step with the catalog: Sphinx recompiles an
edited ``sphinx.po`` but would not rewrite pages whose sources did not change,
so an edited translation would need ``make clean``. We mark every page
outdated when a catalog file changed since the last build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import furo
from jinja2.ext import Extension
from sphinx.application import Sphinx
from sphinx.locale import _

from ..model import domain

FURO_DIR = Path(furo.__file__).resolve().parent

# A literal (no Jinja in it) in an attribute a screen reader or tooltip shows.
_ATTRIBUTE = re.compile(
    r'(?P<head>\b(?:aria-label|alt|title|placeholder)=")(?P<text>[^"{}<>]*[A-Za-z][^"{}<>]*)"'
)
# The <title> of an SVG symbol (icons.html): read out for the icon.
_SVG_TITLE = re.compile(r"(?P<head><title>)(?P<text>[^<{}]*[A-Za-z][^<{}]*)</title>")

# furo.navigation builds this label in Python, not in a template.
NAVIGATION_LABEL = "Toggle navigation of %(title)s"
_NAVIGATION_ATTRIBUTE = re.compile(r'aria-label="Toggle navigation of (?P<title>[^"]*)"')


def literals(source: str) -> list[str]:
    """The hard-coded English labels in one Furo template's source."""
    return [m["text"] for rx in (_ATTRIBUTE, _SVG_TITLE) for m in rx.finditer(source)]


def wrap_literals(source: str) -> str:
    """Replace each hard-coded label with a ``_()`` call on the same text."""

    def call(match: re.Match[str]) -> str:
        tail = "</title>" if match["head"] == "<title>" else '"'
        return f'{match["head"]}{{{{ _({json.dumps(match["text"])}) }}}}{tail}'

    return _SVG_TITLE.sub(call, _ATTRIBUTE.sub(call, source))


class FuroLiterals(Extension):
    """Jinja extension: applies ``wrap_literals`` to Furo's own templates only."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if filename and Path(filename).resolve().is_relative_to(FURO_DIR):
            return wrap_literals(source)
        return source


def install(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.add_extension(FuroLiterals)


def translate_navigation(app: Sphinx, pagename: str, templatename: str,
                          context: dict[str, Any], doctree: Any) -> None:
    tree = context.get("furo_navigation_tree")
    if tree:
        context["furo_navigation_tree"] = _NAVIGATION_ATTRIBUTE.sub(
            lambda m: f'aria-label="{_(NAVIGATION_LABEL) % {"title": m["title"]}}"', tree)


def catalog_stamp(app: Sphinx) -> tuple[float, ...]:
    """Modification times of the project's own sphinx.po files for the language."""
    stamps = []
    for locale_dir in app.config.locale_dirs:
        po = Path(app.srcdir, locale_dir, app.config.language or "", "LC_MESSAGES", "sphinx.po")
        if po.is_file():
            stamps.append(po.stat().st_mtime)
    return tuple(stamps)


def outdated_by_catalog(app: Sphinx, env: Any, added: set[str], changed: set[str],
                         removed: set[str]) -> list[str]:
    # JSON-like in the domain: a list, not a tuple.
    stamp = list(catalog_stamp(app))
    state = domain.get(env).state()
    if state.get("catalog_stamp") == stamp:
        return []
    state["catalog_stamp"] = stamp
    return sorted(env.found_docs - added - changed - removed)
