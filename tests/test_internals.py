"""Canaries: every private upstream internal and every workaround we rely on
(handbook.internals) is checked against the installed packages.

An upgrade that removes an internal, or an upstream fix that makes a
workaround unnecessary, fails here with a message that names what changed
and which of our modules to update or remove.
"""

from __future__ import annotations

import pytest

from handbook import internals


@pytest.mark.parametrize("item", internals.REGISTER, ids=lambda item: item.name)
def test_upstream_is_as_we_assume(item):
    assert item.check() is None


def test_every_speedup_that_leans_on_a_private_internal_is_registered():
    used_by = " ".join(item.used_by for item in internals.REGISTER)
    for module in ("speedups.navigation", "speedups.matrix", "speedups.small_builds",
                   "incremental.search_entries",
                   "incremental.toc_rewrites", "i18n.search_js", "i18n.theme",
                   "web.wrapper_ids", "web.stable_config", "model.references",
                   "directives.toctree", "web.keyboard", "web.search", "web.page",
                   "web.assets", "web.minify", "diagrams.build", "guard",
                   "browser_watchdog"):
        assert f"handbook.{module}" in used_by, module


def test_a_removed_private_internal_fails_loudly(monkeypatch):
    import furo

    monkeypatch.delattr(furo, "_compute_navigation_tree")
    item = next(i for i in internals.REGISTER if i.name == "furo-navigation")
    message = item.check()
    assert message is not None
    assert "Furo no longer has _compute_navigation_tree" in message
    assert "handbook.speedups.navigation must be updated or switched off" in message


def test_an_upstream_fix_asks_to_remove_the_workaround(monkeypatch):
    real = internals._source

    def fixed(obj):
        text = real(obj)
        # Pretend Sphinx fixed issue 12599: load() restores the entries.
        return text + "\n# indexentries restored\n" if getattr(obj, "__name__", "") == "load" else text

    monkeypatch.setattr(internals, "_source", fixed)
    item = next(i for i in internals.REGISTER if i.name == "search-index-entries")
    message = item.check()
    assert message is not None and "12599 fixed" in message
    assert "handbook.incremental.search_entries is no longer needed: remove it" in message


def test_a_probe_that_crashes_is_a_failure_not_an_error(monkeypatch):
    from sphinx.writers import html5

    monkeypatch.delattr(html5, "HTML5Translator")
    item = next(i for i in internals.REGISTER if i.name == "table-row-indices")
    assert "ImportError" in (item.check() or "")


def test_a_changed_furo_mobile_header_fails_loudly(monkeypatch):
    """_templates/page.html finds Furo's phone title by its markup: a Furo
    that renames it (or gives the header a block) fails here, by name."""
    real = internals._furo_file

    def renamed(*parts):
        text = real(*parts)
        return text.replace('<div class="brand">', '<div class="mobile-brand">') \
            if parts == ("page.html",) else text

    monkeypatch.setattr(internals, "_furo_file", renamed)
    item = next(i for i in internals.REGISTER if i.name == "furo-mobile-brand")
    message = item.check() or ""
    assert 'no longer puts its title in <div class="brand">' in message
    assert "_templates/page.html must be updated or switched off" in message
