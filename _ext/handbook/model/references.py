"""Dutch messages, on the right line, for the reference mistakes authors make
most (issue 21): a link to a page or heading that does not exist, a word
marked with ``{term}`` that the glossary lacks, and a page that no table of
contents includes.

Sphinx and MyST report these in English, a link on its paragraph's first
line and a page without any line. The handbook reports them itself:

- MyST's links: :class:`DutchMystReferences` is MyST's own resolver with a
  Dutch message at the link's line; it runs just before MyST's, so MyST's
  finds nothing left to resolve (registered in handbook.internals).
- Sphinx's roles (``{term}``, ``{ref}``, ``{doc}``): the public
  ``warn-missing-reference`` event.
- A page in no toctree: our own check at ``env-check-consistency``.

The extension suppresses Sphinx's own ``toc.not_included`` and ``ref.ref``
in favour of ours (:data:`TAKEN_OVER`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from myst_parser.sphinx_ext.myst_refs import MystReferenceResolver
from myst_parser.warnings_ import MystWarnings
from sphinx.application import Sphinx
from sphinx.config import Config

from .report import node_line, warn


def source_line(path: str | Path, start: int | None, needle: str) -> int | None:
    """The first line at or after ``start`` that holds ``needle`` (any case):
    the reference itself, where docutils knows only its paragraph."""
    if start is None:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return start
    wanted = needle.lower()
    for number in range(start, len(lines) + 1):
        if wanted in lines[number - 1].lower():
            return number
    return start


class DutchMystReferences(MystReferenceResolver):
    """MyST's resolver, one step earlier, with a Dutch message."""

    default_priority = 8  # MyST's own runs at 9

    def log_warning(self, target: str | None, msg: str, subtype: MystWarnings,
                    **kwargs: Any) -> None:
        node = kwargs.get("location")
        if subtype == MystWarnings.XREF_MISSING and isinstance(node, nodes.Node) and target:
            docname = node.get("refdoc", self.env.docname)
            path = self.env.doc2path(docname)
            kwargs["location"] = (docname, source_line(path, node_line(node), target))
            msg = (f"De link naar '{target}' wijst naar niets in het handboek. Controleer de "
                   "bestandsnaam (met .md, gezien vanaf deze pagina) of de kop; een kop kiest u "
                   "met 'pagina.md#kop-in-kleine-letters'. Een adres op internet begint met "
                   "https://.")
        super().log_warning(target, msg, subtype, **kwargs)


_ROLE_HINTS = {
    "term": ("Het woord '{target}' staat niet in de woordenlijst. Voeg het toe aan "
             "woordenlijst.md, of schrijf het zonder {{term}}."),
    "ref": ("Het label '{target}' bestaat niet. Controleer de spelling, of zet "
            "'({target})=' op de regel boven de kop waar u naar verwijst."),
    "doc": ("De pagina '{target}' bestaat niet. Controleer de naam (zonder .md, gezien "
            "vanaf deze pagina)."),
}


def missing_reference(app: Sphinx, domain: Any, node: Any) -> bool | None:
    """warn-missing-reference: our message instead of Sphinx's, for the
    roles authors use; other roles keep Sphinx's."""
    hint = _ROLE_HINTS.get(node.get("reftype"))
    if hint is None:
        return None
    target = node.get("reftarget", "")
    docname = node.get("refdoc", app.env.docname)
    # The text as written: for {term}, the reader's word, not the lower-case target.
    written = node.astext() or target
    line = source_line(app.env.doc2path(docname), node_line(node), written)
    warn("reference", hint.format(target=written), (docname, line))
    return True


# Sphinx's English messages these replace. The std domain logs its {ref}
# message in its own warn-missing-reference handler, and Sphinx calls every
# handler of that event, so returning True does not stop it.
TAKEN_OVER = ("toc.not_included", "ref.ref")


def take_over(app: Sphinx, config: Config) -> None:
    missing = [item for item in TAKEN_OVER if item not in config.suppress_warnings]
    if missing:
        config.suppress_warnings = [*config.suppress_warnings, *missing]


def not_in_any_toctree(app: Sphinx, env: Any) -> None:
    """Sphinx's check (BuildEnvironment.check_consistency), in Dutch and at line 1."""
    included = set().union(*env.included.values())
    for docname in sorted(env.all_docs):
        if (docname in env.files_to_rebuild or docname == env.config.root_doc
                or docname in included or "orphan" in env.metadata[docname]):
            continue
        warn("toctree", "Deze pagina staat in geen enkele inhoudsopgave, dus lezers vinden "
             "haar niet via het menu. Zet de bestandsnaam (zonder .md) in een toctree-blok, "
             "bijvoorbeeld in index.md, of zet 'orphan: true' in de front matter als de "
             "pagina bewust los staat.", (docname, 1))
