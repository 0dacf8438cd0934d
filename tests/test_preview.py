"""make livehtml shows the last build's problems in the browser (issue 21):
in preview mode every page loads handbook-preview.js, which the build
rewrites with this run's problems; the page shows them in a banner."""

from __future__ import annotations

import json
import re

import pytest

from handbook import loopback
from handbook_helpers import Built, client_side_diagrams, copy_root


def preview_build(name: str, tmp_path, monkeypatch) -> Built:
    monkeypatch.setenv("HANDBOOK_PREVIEW", "1")
    with client_side_diagrams():
        return Built(copy_root(name, tmp_path / "src"))


def preview_data(built: Built) -> dict:
    script = (built.app.outdir / "_static" / "handbook-preview.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const \{ problems, stopped \} = (\{.*\});", script)[1])


def test_problems_go_into_the_preview_script(tmp_path, monkeypatch):
    built = preview_build("errors", tmp_path, monkeypatch)
    data = preview_data(built)
    where = {p["where"] for p in data["problems"]}
    assert "sessions/dubbel.md:23" in where, where
    assert len(data["problems"]) == built.warnings.count("WARNING: ")
    assert any(p["message"].startswith("Het les-id 'zelfde-id' bestaat al") for p in data["problems"])
    assert data["stopped"] == ""
    assert 'src="_static/handbook-preview.js' in built.html("index")


def test_a_clean_build_has_no_problems(tmp_path, monkeypatch):
    built = preview_build("handbook", tmp_path, monkeypatch)
    assert preview_data(built) == {"problems": [], "stopped": ""}


def test_normal_builds_carry_no_preview_script(tmp_path):
    with client_side_diagrams():
        built = Built(copy_root("handbook", tmp_path / "src"))
    assert "handbook-preview" not in built.html("index")
    assert not (built.app.outdir / "_static" / "handbook-preview.js").exists()


@pytest.mark.browser
def test_the_banner_shows_in_the_browser(tmp_path, monkeypatch, browser_path):
    from playwright.sync_api import sync_playwright

    from handbook.browser import LAUNCH_ARGS

    built = preview_build("errors", tmp_path, monkeypatch)
    with loopback.serve(built.app.outdir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.goto(base + "index.html")
            banner = page.get_by_role("alert")
            assert banner.is_visible()
            text = banner.inner_text()
            count = len(preview_data(built)["problems"])
            assert text.startswith(f"De bouw heeft {count} problemen."), text
            assert "sessions/dubbel.md:23 Het les-id 'zelfde-id' bestaat al" in text, text
        finally:
            browser.close()
