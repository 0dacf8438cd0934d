"""The content model: what the pages say, as validated, typed records.

Owns the ``handbook`` domain (:mod:`.domain`, :mod:`.records`), the page
kinds by folder (:mod:`.pages`), front matter (:mod:`.frontmatter`), the
schemas and their validation (:mod:`.schema`, :mod:`.validation`), the
aggregate index and views (:mod:`.aggregate`), the checks across pages
(:mod:`.checks`) and the author-facing warning types (:mod:`.report`).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import domain, pages


def setup(app: Sphinx) -> None:
    pages.setup(app)
    app.add_domain(domain.HandbookDomain)
