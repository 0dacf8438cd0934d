"""Index entries stay in the search index when a rebuild writes some pages.

Sphinx keeps the search index in ``searchindex.js``. A rebuild loads it,
drops the pages it writes again and adds them anew. Loading restores the
titles and words, but not the index entries (the glossary's terms, for one):
after any rebuild the search page no longer offers them, until a clean build
(Sphinx issue 12599, open). Before Sphinx loads the index, this module puts
the previous index entries back for every page that still exists; pages that
are written again replace theirs. Before the index is saved, the pages are put
in the order a clean build feeds them, so the file is the same byte for byte
(``tests/test_incremental_fresh.py``).

A word no page uses any more (an event renamed in the data file, say) stays
in a rebuilt index with no pages (Sphinx's ``IndexBuilder.get_terms`` writes
``[]`` for it), where a clean build has no entry: :func:`without_unused_words`
drops those before the index is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.search import js_index


def _entries(app: Sphinx) -> dict[str, list[tuple[str, str, str]]] | None:
    # Sphinx's IndexBuilder keeps them in this environment attribute.
    return getattr(app.env, "_search_index_index_entries", None)


def restore(app: Sphinx, builder: Any) -> None:
    entries = _entries(app)
    filename = getattr(builder, "searchindex_filename", None)
    if entries or entries is None or not filename or not getattr(builder, "search", False):
        return
    try:
        frozen = js_index.loads((Path(builder.outdir) / filename).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(frozen, dict) or frozen.get("envversion") != app.env.version:
        return  # Sphinx discards such an index too
    names = frozen.get("docnames", [])
    found: dict[str, set[tuple[str, str, str]]] = {
        doc: set() for doc in names if doc in app.env.all_docs}
    for entry, postings in frozen.get("indexentries", {}).items():
        for index, target, main in postings:
            if names[index] in found:
                # The file holds the entry in lower case, as it writes it.
                found[names[index]].add((entry, target, "main" if main else ""))
    entries.update((doc, sorted(items)) for doc, items in found.items())


def in_page_order(app: Sphinx, *args: Any) -> list[Any]:
    entries = _entries(app)
    if entries:
        ordered = sorted(entries.items())
        # The same dict: the IndexBuilder holds it.
        entries.clear()
        entries.update(ordered)
    return []  # as an html-collect-pages handler: no pages to add


def without_unused_words(app: Sphinx, *args: Any) -> list[Any]:
    """Words whose pages were all written again without them: no entry, as in a
    clean build (``handbook.internals``: search-unused-words)."""
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [word for word, docs in mapping.items() if not docs]:
                del mapping[word]
    return []  # as an html-collect-pages handler: no pages to add
