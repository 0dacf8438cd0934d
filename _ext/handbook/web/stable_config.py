"""Keep settings that upstream code changes during a build stable between
builds, so a rebuild with nothing changed does not report "The configuration
has changed" (issue 21).

Sphinx pickles the configuration with the environment at the end of a build
and, on the next build, compares it with the fresh one right after
``config-inited``. Two upstream habits make them differ though conf.py did
not change:

- Sphinx's ``init_css_files`` sets ``priority: 800`` in the attribute dict of
  each ``html_css_files`` entry in place (and ``epub_css_files`` shares those
  dicts). We set the same default at ``config-inited``, so the value is the
  same before and after.
- sphinx-design appends its static folder to ``html_static_path`` at
  ``builder-inited``. We add it at ``config-inited`` and drop the second copy
  after sphinx-design's handler.

(The third, Furo's ``pygments_dark_style``, is registered only once the theme
loads; conf.py lists ``furo`` as an extension so it is registered in time.)
Both are registered in :mod:`handbook.internals`, whose probes fail when
upstream changes either habit.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

# Sphinx's default for a user's stylesheet (StandaloneHTMLBuilder.init_css_files).
USER_CSS_PRIORITY = 800


def sphinx_design_static() -> Path | None:
    try:
        from sphinx_design.extension import STATIC_DIR
    except ImportError:
        return None
    return Path(STATIC_DIR)


def settle_css_files(app: Sphinx, config: Config) -> None:
    """After Sphinx turned the entries into (name, attrs) pairs (priority 800)."""
    for option in ("html_css_files", "epub_css_files"):
        entries = getattr(config, option, None)
        if not entries:
            continue
        pairs = [(entry, {}) if isinstance(entry, str) else entry for entry in entries]
        # New dicts: the two options share their attribute dicts.
        setattr(config, option, [(name, {"priority": USER_CSS_PRIORITY, **attrs})
                                 for name, attrs in pairs])


def add_sphinx_design_static(app: Sphinx, config: Config) -> None:
    static = sphinx_design_static()
    if ("sphinx_design" in config.extensions and static is not None
            and str(static) not in map(str, config.html_static_path)):
        config.html_static_path = [*config.html_static_path, str(static)]


def drop_repeated_static(app: Sphinx) -> None:
    """After sphinx-design's builder-inited handler added its folder again."""
    seen: set[str] = set()
    unique = []
    for path in app.config.html_static_path:
        if str(path) not in seen:
            seen.add(str(path))
            unique.append(path)
    if len(unique) != len(app.config.html_static_path):
        app.config.html_static_path = unique
