"""The HTML site as readers and hosts get it.

:mod:`.csp` (Content-Security-Policy snippets), :mod:`.wrapper_ids` (unique
ids on Furo's table wrappers), :mod:`.tasklist` (labels for checkboxes),
:mod:`.style` (the generated blocks' stylesheet, ``static/``),
:mod:`.keyboard` (keyboard use of the theme's drawers and arrows),
:mod:`.search` (the site search: index, ranking, results page), :mod:`.tables`
(every table in a labelled scroll region, header cells with ``scope``),
:mod:`.page` (one viewport tag, publisher and contact, the print source line),
:mod:`.tokens` (the look from the organisation's NL Design System
design tokens), :mod:`.assets` (each page loads only the stylesheets and scripts it uses) and
:mod:`.compress` (precompressed copies for the web server).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import csp, keyboard, page, search, style, tables, tokens, wrapper_ids


def setup(app: Sphinx) -> None:
    wrapper_ids.setup(app)
    style.setup(app)
    csp.setup(app)
    keyboard.setup(app)
    search.setup(app)
    tables.setup(app)
    page.setup(app)
    tokens.setup(app)
