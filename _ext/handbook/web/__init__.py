"""The HTML site as readers and hosts get it.

:mod:`.csp` (Content-Security-Policy snippets), :mod:`.wrapper_ids` (unique
ids on Furo's table wrappers), :mod:`.tasklist` (labels for checkboxes),
:mod:`.style` (the generated blocks' stylesheet, ``static/``) and :mod:`.tables`
(every table in a labelled scroll region, header cells with ``scope``).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import csp, style, tables, wrapper_ids


def setup(app: Sphinx) -> None:
    wrapper_ids.setup(app)
    style.setup(app)
    csp.setup(app)
    tables.setup(app)
