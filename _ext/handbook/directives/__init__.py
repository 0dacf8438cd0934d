"""What authors write and what the build generates from it.

One module per component, each with its nodes, directive and renderer,
wired here one ``setup`` each (the sphinx-design way): ``learning``,
``advies``, the session card (:mod:`.session`), ``evidence`` on plays,
``keyfigures``, ``overview``, ``toctree-by-title``, ``stap`` and the
workshop card (:mod:`.workshop`), workshop pages (:mod:`.workshops`),
governance (owner, review dates, change notes, feedback: :mod:`.governance`);
the session list and ``toctree-by-programme`` (:mod:`.programme`);
:mod:`.render` holds the small node builders
they share. Their event handlers are connected in ``handbook.events``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (
    advice,
    evidence,
    governance,
    keyfigures,
    learning,
    overviews,
    programme,
    session,
    toctree,
    workshop,
    workshops,
)

COMPONENTS = (advice, learning, session, evidence, keyfigures, overviews, toctree, workshop,
              workshops, governance, programme)


def setup(app: Sphinx) -> None:
    for component in COMPONENTS:
        component.setup(app)
