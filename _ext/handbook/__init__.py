"""The handbook's Sphinx extension: sessions, learnings, plays, overviews,
diagrams and the PDF, for a handbook written in MyST Markdown.

Layout by concern (each subpackage's docstring says what it owns):

- ``model/``        the domain, typed records, schemas, index, checks, warnings
- ``directives/``   what authors write and the blocks generated from it
- ``incremental/``  what a rebuild reads and writes
- ``diagrams/``     Mermaid to inline SVG at build time
- ``pdf/``          the ``pdf`` builder
- ``web/``          CSP, ids, task lists, styles of the HTML site
- ``i18n/``         one language on every page
- ``events``        every event handler, connected in one place
- ``internals``     every reliance on a private upstream internal, registered
- ``speedups/``     a separate extension (``handbook.speedups`` in conf.py):
                    faster, same bytes; one line to switch off

The maintainers' guide (MAINTAINERS.md) shows how a page flows through them.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import diagrams, directives, events, i18n, model, pdf, web

# Bump when the shape of what the extension stores in the environment changes,
# so Sphinx discards a pickled environment from an older version.
# 2: the handbook domain; 3: diagram records; 4: diagrams and build state in
# the domain (no attributes on the environment); 6: workshops; 7: governance
# tables; 8: sessions refer to events by id, programme order; 9: static
# files served minified (pages link the minified copies); 10: page
# descriptions for the search page; 11: the owner line out of the search
# index (every page written again).
ENV_VERSION = 11

# Registration order: diagrams sets up sphinxcontrib-mermaid and declares the
# event the overviews listen to; model declares the config the others read.
PACKAGES = (diagrams, i18n, model, directives, web, pdf)


def setup(app: Sphinx) -> dict[str, Any]:
    for package in PACKAGES:
        package.setup(app)
    events.connect(app)
    return {
        "version": "2.0",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
