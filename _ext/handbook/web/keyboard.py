"""Keyboard use of the theme's navigation: the menu and "Op deze pagina"
drawers and the sidebar's expand arrows (static/handbook-keyboard.js and
static/handbook-keyboard.css, served from the build, so the CSP stays strict).

Furo opens its drawers with labels for hidden checkboxes, which take no focus,
and leaves the closed drawers' links in the tab order off screen. What this
leans on in Furo's markup is registered as ``furo-drawers`` in
:mod:`handbook.internals`.
"""

from __future__ import annotations

from sphinx.application import Sphinx

SCRIPT = "handbook-keyboard.js"
STYLESHEET = "handbook-keyboard.css"


def setup(app: Sphinx) -> None:
    # The folder (web/static) is on html_static_path through handbook.web.style.
    app.add_js_file(SCRIPT, defer="defer")
    app.add_css_file(STYLESHEET)
