"""The stylesheet for the extension's generated blocks, shipped with the
extension (static/handbook-model.css) so conf.py needs no entry for it."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
CSS = "handbook-model.css"


def add_static_path(app: Sphinx, config: Config) -> None:
    """At ``config-inited``, before Sphinx compares the configuration with the
    previous build's: added later, every rebuild would report "The
    configuration has changed" for html_static_path. Builders that are not
    HTML never read the option."""
    if str(STATIC) not in map(str, config.html_static_path):
        # A new list: the default one is shared by every app in the process.
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> None:
    app.add_css_file(CSS)
