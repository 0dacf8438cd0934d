"""Author-facing warnings: one place that knows the ``handbook.<subtype>`` form.

Every author mistake is a Sphinx warning of type ``handbook`` with its own
subtype and a file:line location, so ``-W`` fails the build, ``--keep-going``
lists them all, and ``suppress_warnings = ["handbook.<subtype>"]`` can silence one.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger("handbook")

# Every subtype warn() emits, with what it means. The authors' guide
# (schrijven.md, 'Als de bouw mislukt') lists these and the diagram and
# handout subtypes; tests/test_content.py keeps that table complete.
SUBTYPES = {
    "frontmatter-yaml": "the front matter is not valid YAML",
    "session-missing": "a required session field is missing",
    "session-unknown": "a session field is unknown (typo?)",
    "session-type": "a session field has the wrong type",
    "session-date": "the session date is not a valid ISO date",
    "session-learnings": "a session page has fewer learnings than handbook_min_learnings",
    "play-frontmatter": "a play page's front matter is invalid",
    "learning-title": "a learning has no title",
    "learning-id": "a learning has no id, or an id that is not a slug",
    "learning-play": "a learning names no play",
    "learning-duplicate": "two learnings share an id",
    "learning-place": "a learning outside a session page",
    "learning-unclosed": "a learning inside another one (its closing ':::' is missing)",
    "play-unknown": "a learning targets a play that does not exist",
    "play-evidence": "a play that no learning supports",
    "evidence-place": "an evidence list outside a play page",
    "keyfigure-number": "a key figure that is not a number",
    "keyfigure": "a key-figure row with a wrong shape",
    "overview": "an unknown overview kind",
    "advice": "an advice block without text",
    "reference": "a link, {term}, {ref} or {doc} to something that does not exist",
    "toctree": "a page that no table of contents includes",
    "unsafe-html": "raw HTML with a script, frame, event handler or javascript: address",
    "workshop-missing": "a play without a workshop block, or a required workshop field missing",
    "workshop-unknown": "a workshop field is unknown (typo?)",
    "workshop-type": "a workshop field has the wrong type or value",
    "workshop-participants": "a workshop's participants: min above max",
    "workshop-facilitator": "a workshop's roles name no facilitator (begeleider)",
    "workshop-debrief": "a workshop's debrief is empty or not 'kernvragen'",
    "workshop-steps": "a play's steps do not add up to its duration, or are missing or misplaced",
    "stap": "a step without time box, title, instruction or result, or outside a play",
    "workshop-play": "a workshop page names a play that does not exist",
    "workshop-page": "a workshop page's front matter is missing or invalid",
    "governance": "a field of the governance: block (owner, review dates, changes) is wrong",
    "governance-missing": "a play or advice page without a governance: block",
    "session-event": "a session names an event that the events file does not have",
    "session-start": "a session start time that is not HH:MM",
    "session-order": "two sessions of one event share an order or start time, or disagree",
    "vocabulary-unknown": "a channel, theme or organisation that the vocabulary does not know",
    "data-file": "a mistake in a data file (_data/events.yaml, _data/vocabularies.yaml)",
}


def warn(subtype: str, message: str, location: Any) -> None:
    assert subtype in SUBTYPES, subtype
    logger.warning(message, location=location, type="handbook", subtype=subtype)


def node_line(node: nodes.Node | None) -> int | None:
    """The source line of ``node``, or of the nearest ancestor that has one
    (docutils leaves it unset on many inline and generated nodes)."""
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return None
