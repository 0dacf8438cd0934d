"""Mermaid diagrams: drawn to inline SVG at build time, from a local Mermaid.

:mod:`.package` says where the pinned Mermaid lives; :mod:`.render` drives
the headless browser (knows nothing of Sphinx); :mod:`.build` is the Sphinx
side (records, cache, HTML visitor, stylesheets, the in-browser fallback);
:mod:`.assets` copies Mermaid's ES module for that fallback.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import build


def setup(app: Sphinx) -> None:
    build.setup(app)
