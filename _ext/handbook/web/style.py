"""The stylesheet for the extension's generated blocks, shipped with the
extension (static/handbook-model.css) so conf.py needs no entry for it."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
CSS = "handbook-model.css"


def add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> None:
    app.add_css_file(CSS)
