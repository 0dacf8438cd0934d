"""Which generated blocks a rebuild must write again.

Every generated block is drawn from a *view* (``handbook.model.aggregate``).
At ``env-get-updated`` we hash each aggregate page's views and compare with
the hashes of the previous build. Only pages whose views changed are returned
for rewriting, so editing one session's prose does not rewrite every overview,
while changing a learning's play does rewrite the play pages, session boxes
and overviews it affects. This is what Sphinx's own todolist gets wrong
(Sphinx issue 9706: it stays stale when a todo on another page changes).

Views read nothing but the pages' records, titles and toctrees. When none of
those changed in the pages read again (a prose edit), no view can have
changed, and the hashing is skipped. Record keys in :data:`SOURCE_ONLY` only
locate a record in its source for warnings: views must not show them.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sphinx.application import Sphinx

from ..model import domain
from ..model.aggregate import Index, get_index, view
from .reread import ReadChanges

# Record keys that views never show (a prose edit above a block moves them).
SOURCE_ONLY = frozenset({"line"})


def fingerprint(index: Index, docname: str, kinds: list[str]) -> str:
    views = [[kind, view(index, docname, kind)] for kind in sorted(kinds)]
    blob = json.dumps(views, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _without_source_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_source_lines(v) for k, v in value.items() if k not in SOURCE_ONLY}
    if isinstance(value, list):
        return [_without_source_lines(v) for v in value]
    return value


def view_inputs(env: Any, docname: str) -> str:
    """Everything of one page that views read."""
    data = domain.get(env).data
    title = env.titles.get(docname)
    return json.dumps([
        _without_source_lines({table: data[table].get(docname) for table in domain.VIEW_TABLES}),
        title.astext() if title is not None else None,
        env.toctree_includes.get(docname),
    ], sort_keys=True, ensure_ascii=False, default=str)


def get_updated(app: Sphinx, env: Any, changes: ReadChanges) -> list[str]:
    """Pages whose generated blocks changed since the previous build."""
    dom = domain.get(env)
    old = dom.data[domain.FINGERPRINTS]
    if old and not changes.removed and not changes.changed(env):
        return []
    # Reading is over, so the records are final; the domain drops a cached
    # index whenever a record changes, so this reuses one built after reading
    # (e.g. by diagrams announcing overview diagrams) or builds it now.
    index = get_index(env)
    aggregates = dom.data["aggregates"]
    new = {doc: fingerprint(index, doc, kinds) for doc, kinds in aggregates.items()
           if doc in env.all_docs}
    dom.data[domain.FINGERPRINTS] = new
    return sorted(doc for doc, fp in new.items() if old.get(doc) != fp)


