"""One language on every page: the extension's labels, the theme's and the
search page's, plus Dutch number notation.

:mod:`.labels` (our message catalog in ``locale/``), :mod:`.theme` (Furo's
hard-coded English through gettext), :mod:`.search_js` (Sphinx's incomplete
Dutch JavaScript catalog), :mod:`.numbers` (379.614; 124%).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import labels


def setup(app: Sphinx) -> None:
    labels.setup(app)
