"""What authors write and what the build generates from it.

One module per component, each with its nodes, directive and renderer,
wired here one ``setup`` each (the sphinx-design way): ``learning``,
``advies``, the session card (:mod:`.session`), ``evidence`` on plays,
``keyfigures``, ``overview``, ``toctree-by-title``, governance (owner, review
dates, change notes, feedback: :mod:`.governance`); :mod:`.render` holds the small node builders
they share. Their event handlers are connected in ``handbook.events``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import advice, evidence, governance, keyfigures, learning, overviews, session, toctree

COMPONENTS = (advice, learning, session, evidence, keyfigures, overviews, toctree, governance)


def setup(app: Sphinx) -> None:
    for component in COMPONENTS:
        component.setup(app)
