"""A session page needs at least handbook_min_learnings learnings (the
authors' guide asks for three; conf.py sets 3): fewer is a Dutch warning at
the page title that says how many there are (issue 21)."""

from __future__ import annotations

import pytest
from sphinx.util.console import strip_escape_sequences

from handbook_helpers import warning_lines

pytestmark = pytest.mark.usefixtures("client_side_diagrams_env")


@pytest.mark.sphinx("html", testroot="handbook", srcdir="min-learnings-3",
                    confoverrides={"handbook_min_learnings": 3})
def test_too_few_learnings_is_an_error_at_the_title(app):
    app.build()
    warnings = strip_escape_sequences(app.warning.getvalue()).replace(f"{app.srcdir}/", "")
    found = {(f, sub) for f, _line, sub in warning_lines(warnings)}
    # The root's sessions carry two learnings and one.
    assert found == {("sessions/pro247.md", "session-learnings"),
                     ("sessions/one-young-world.md", "session-learnings")}, warnings
    assert ("Deze sessie heeft 2 lessen; het handboek vraagt er minstens 3. Voeg een "
            "':::{learning}'-blok toe") in warnings
    assert "Deze sessie heeft 1 les; het handboek vraagt er minstens 3." in warnings


@pytest.mark.sphinx("html", testroot="handbook", srcdir="min-learnings-1")
def test_the_default_asks_for_one(app):
    app.build()
    assert "session-learnings" not in app.warning.getvalue()
