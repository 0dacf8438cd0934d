"""The handbook's Sphinx extension: one module per concern, wired up here."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import assets
from . import tasklist  # browser gate (issue 7)

# Bump when the shape of what the extension stores in the environment changes,
# so Sphinx discards a pickled environment from an older version.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    assets.setup(app)
    tasklist.setup(app)  # browser gate (issue 7)
    return {
        "version": "1.0",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
