"""The handbook's Sphinx extension: one module per concern, wired up here."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import (
    advice,
    aggregate,
    assets,
    checks,
    csp,
    diagrams,
    figures,
    gc_freeze,
    i18n,
    js_i18n,
    learnings,
    overviews,
    pdf,
    plays,
    search_entries,
    sessions,
    small_builds,
    style,
    tasklist,
    template_cache,
    theme_i18n,
    toc_rewrites,
    validated,
    wrapper_ids,
)

# Bump when the shape of what the extension stores in the environment changes,
# so Sphinx discards a pickled environment from an older version.
# 2: the handbook domain; 3: diagram records.
ENV_VERSION = 3

# Order matters where a module listens to another's event: diagrams declares
# the event overviews uses to announce generated diagrams.
MODULES = (
    assets,  # local Mermaid copy (fallback when no browser renders at build time)
    wrapper_ids,  # unique ids on Furo's table wrappers
    diagrams,  # Mermaid to inline SVG at build time
    i18n,  # Dutch labels for what the extension writes
    aggregate,  # the domain, the index, incremental rewrites
    advice,  # the marked 'Ons advies' block
    learnings,
    sessions,
    plays,
    figures,
    overviews,
    checks,
    style,
    tasklist,  # a label for each task-list checkbox
    theme_i18n,  # Dutch labels the theme hard-codes
    js_i18n,  # Dutch search-page messages
    csp,  # Content-Security-Policy snippets for hosting
    small_builds,  # a one-page rebuild without worker processes
    toc_rewrites,  # navigation changes rewrite every page; unchanged ones no parents
    template_cache,  # compiled page templates kept between builds
    validated,  # validation results kept between builds (pydantic only when needed)
    search_entries,  # index entries kept in searchindex.js on rebuilds (Sphinx #12599)
    gc_freeze,  # the loaded environment out of the garbage collector's way
    pdf,  # the `pdf` builder
)


def setup(app: Sphinx) -> dict[str, Any]:
    for module in MODULES:
        module.setup(app)
    return {
        "version": "1.0",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
