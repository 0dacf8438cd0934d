"""The ``pdf`` builder: the single-page HTML, printed by a real browser.

:mod:`.builder` is the Sphinx side (settings, what it collects, errors),
:mod:`.printing` runs the browser (``page.js`` in the page),
:mod:`.outline` finishes the PDF with pikepdf (language, title, bookmarks),
and :mod:`.conformance` checks the PDF/UA-1 checkpoints a program can check.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import builder


def setup(app: Sphinx) -> None:
    builder.setup(app)
