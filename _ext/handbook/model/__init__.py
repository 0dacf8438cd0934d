"""The content model: what the pages say, as validated, typed records.

Owns the ``handbook`` domain (:mod:`.domain`, :mod:`.records`), the page
kinds by folder (:mod:`.pages`), front matter (:mod:`.frontmatter`), the
schemas and their validation (:mod:`.schema`, :mod:`.validation`), the
aggregate index and views (:mod:`.aggregate`), the checks across pages
(:mod:`.checks`), owner and review dates (:mod:`.governance`), the events and
vocabularies (:mod:`.datafiles`), programme order (:mod:`.programme`), the
author-facing warning types (:mod:`.report`) and the
Dutch messages for Sphinx's and MyST's reference mistakes (:mod:`.references`).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import datafiles, domain, governance, pages, references


def setup(app: Sphinx) -> None:
    pages.setup(app)
    governance.setup(app)
    datafiles.setup(app)
    app.add_domain(domain.HandbookDomain)
    app.add_post_transform(references.DutchMystReferences)
