"""The handbook's Sphinx extension: one module per concern, wired up here."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import assets
# --- handbook content model (issue 3) ---
from . import aggregate, checks, figures, i18n, learnings, overviews, plays, sessions, style
# --- end content model ---

# Bump when the shape of what the extension stores in the environment changes,
# so Sphinx discards a pickled environment from an older version.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    assets.setup(app)
    # --- handbook content model (issue 3) ---
    for module in (i18n, aggregate, learnings, sessions, plays, figures, overviews, checks, style):
        module.setup(app)
    # --- end content model ---
    return {
        "version": "1.0",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
