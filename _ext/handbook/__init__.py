"""The handbook's Sphinx extension: one module per concern, wired up here."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import assets
from . import wrapper_ids  # link check (issue 5): unique ids
# --- handbook content model (issue 3) ---
from . import aggregate, checks, figures, i18n, learnings, overviews, plays, sessions, style
# --- end content model ---
from . import js_i18n, theme_i18n  # issue 10: Dutch theme and search labels
# issue 8: build-time diagrams and the CSP snippets
from . import csp, diagrams
from . import pdf

# Bump when the shape of what the extension stores in the environment changes,
# so Sphinx discards a pickled environment from an older version.
# 2: the handbook domain (issue 3); 3: diagram records (issue 8).
ENV_VERSION = 3


def setup(app: Sphinx) -> dict[str, Any]:
    assets.setup(app)
    wrapper_ids.setup(app)
    # --- handbook content model (issue 3) ---
    for module in (i18n, aggregate, learnings, sessions, plays, figures, overviews, checks, style):
        module.setup(app)
    # --- end content model ---
    theme_i18n.setup(app)  # issue 10
    js_i18n.setup(app)  # issue 10
    # issue 8: build-time diagrams and the CSP snippets
    diagrams.setup(app)
    csp.setup(app)
    pdf.setup(app)
    return {
        "version": "1.0",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
