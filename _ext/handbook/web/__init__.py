"""The HTML site as readers and hosts get it.

:mod:`.csp` (Content-Security-Policy snippets), :mod:`.wrapper_ids` (unique
ids on Furo's table wrappers), :mod:`.tasklist` (labels for checkboxes) and
:mod:`.style` (the generated blocks' stylesheet, ``static/``) and
:mod:`.assets` (each page loads only the stylesheets and scripts it uses).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import csp, style, wrapper_ids


def setup(app: Sphinx) -> None:
    wrapper_ids.setup(app)
    style.setup(app)
    csp.setup(app)
