"""What changed about the pages Sphinx read again, as another page sees them.

A rebuild reads the changed pages again, and the environment then holds only
their new state. Modules that decide what else to write (toc_rewrites,
aggregate) need the old state too: :class:`ReadChanges` describes each page
about to be read with a function of the environment, once before reading and
once after, and reports the pages whose description changed. ``handbook.events``
connects each instance's :meth:`outdated` and :meth:`before_read`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from sphinx.application import Sphinx

Describe = Callable[[Any, str], Hashable]


class ReadChanges:
    """Per build: the pages read again whose description changed."""

    def __init__(self, describe: Describe) -> None:
        self.describe = describe
        self.before: dict[str, Hashable] = {}
        self.removed: set[str] = set()
        self._changed: set[str] | None = None

    def outdated(self, app: Sphinx, env: Any, added: set[str], changed: set[str],
                  removed: set[str]) -> list[str]:
        self.before, self.removed, self._changed = {}, set(removed), None
        return []

    def before_read(self, app: Sphinx, env: Any, docnames: list[str]) -> None:
        # The environment still holds what the previous build read; a new
        # page has no description (None).
        self.before = {doc: self.describe(env, doc) if doc in env.all_docs else None
                       for doc in docnames}

    @property
    def read(self) -> set[str]:
        """The pages read in this build."""
        return set(self.before)

    def changed(self, env: Any) -> set[str]:
        """Pages read again whose description differs (new pages included).
        Call after reading."""
        if self._changed is None:
            self._changed = {doc for doc, old in self.before.items()
                             if old is None or doc not in env.all_docs
                             or self.describe(env, doc) != old}
        return self._changed
