"""Checks across pages, run once after reading: duplicate learning ids,
learnings that target a play that does not exist, plays without evidence."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import aggregate, pages
from .report import warn


def check(app: Sphinx, env: Any) -> None:
    index = aggregate.get_index(env)
    seen: dict[str, tuple[str, int]] = {}
    known = ", ".join(index.plays) or "(nog geen plays)"
    for doc, learning in index.learnings:
        where = (doc, learning["line"])
        first = seen.setdefault(learning["id"], where)
        if first != where:
            warn("learning-duplicate", f"Het les-id '{learning['id']}' bestaat al in "
                 f"{env.doc2path(first[0], False)}:{first[1]}. Geef deze les een ander :id:.",
                 where)
        for play in learning["plays"]:
            if play not in index.plays:
                warn("play-unknown", f"De les '{learning['id']}' verwijst naar play '{play}', "
                     f"maar die bestaat niet. Kies een van: {known}; of maak "
                     f"{pages.play_doc(env, play)}.md aan.", where)
    for play, doc in index.plays.items():
        if not index.by_play[play]:
            warn("play-evidence", f"Geen enkele les onderbouwt de play '{play}'. Voeg in een "
                 f"sessie ':play: {play}' toe aan een les, of haal de play weg.", (doc, 1))
