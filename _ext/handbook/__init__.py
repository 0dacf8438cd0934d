"""The handbook's Sphinx extension: one module per concern, wired up here."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import assets
# issue 8: build-time diagrams and the CSP snippets
from . import csp, diagrams

# Bump when the shape of what the extension stores in the environment changes,
# so Sphinx discards a pickled environment from an older version.
# 2: issue 8 stores diagram records (env.handbook_diagrams).
ENV_VERSION = 2


def setup(app: Sphinx) -> dict[str, Any]:
    assets.setup(app)
    # issue 8: build-time diagrams and the CSP snippets
    diagrams.setup(app)
    csp.setup(app)
    return {
        "version": "1.0",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
