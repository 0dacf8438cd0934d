"""Build-time Mermaid diagrams: inline SVG, cache, syntax errors, fallback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SPHINX_OPTS

TEST_ROOT = ROOT / "tests" / "roots" / "test-diagrams"
BROKEN = "\n```mermaid\nflowchart LR\n    accTitle: Kapot\n    A --> B\n    B --> (C\n```\n"


@dataclass
class Project:
    src: Path
    out: Path
    doctrees: Path


def make_project(base: Path) -> Project:
    src = base / "src"
    shutil.copytree(TEST_ROOT, src)
    # The extension reads Mermaid from the project's node_modules.
    (src / "node_modules").symlink_to(ROOT / "node_modules")
    return Project(src, base / "out", base / "doctrees")


def build(project: Project, **env: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", *SPHINX_OPTS,
           "-d", str(project.doctrees), str(project.src), str(project.out)]
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "_ext"), **env}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=full_env)
    proc.output = proc.stdout + proc.stderr
    return proc


def rendered(output: str) -> int:
    match = re.search(r"Diagrammen: (\d+) getekend", output)
    assert match, output
    return int(match.group(1))


@pytest.fixture(scope="module")
def diagram_site(tmp_path_factory, browser_path) -> Project:
    project = make_project(tmp_path_factory.mktemp("diagrams"))
    proc = build(project)
    assert proc.returncode == 0, proc.output
    assert "WARNING" not in proc.output
    # Two distinct diagrams (one shown twice) in a cold cache.
    assert rendered(proc.output) == 2, proc.output
    return project


def page(project: Project, name: str) -> BeautifulSoup:
    return BeautifulSoup((project.out / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.browser
def test_page_has_accessible_inline_svg(diagram_site):
    soup = page(diagram_site, "stappen.html")
    svgs = soup.select(".hb-diagram svg")
    assert len(svgs) == 2  # two diagrams, one SVG each for every colour scheme
    for svg in svgs:
        assert svg["role"] == "img"
        assert not svg.has_attr("aria-roledescription")
        title = soup.find(id=svg["aria-labelledby"])
        desc = soup.find(id=svg["aria-describedby"])
        assert title.name == "title" and title.get_text() == "Stappen van een campagne"
        assert desc.name == "desc" and desc.get_text().startswith("Vijf stappen na elkaar")
        assert svg.find("style") is None
        # Labels are SVG text: no HTML (<p> in <span>) inside the SVG.
        assert svg.find("foreignobject") is None and svg.find("p") is None
        assert "1. Doel" in svg.get_text().replace("\u2060", "")


@pytest.mark.browser
def test_diagram_scrolls_in_a_labelled_region_with_a_full_size_file(diagram_site):
    soup = page(diagram_site, "stappen.html")
    for block in soup.select(".hb-diagram"):
        region = block.select_one(".hb-diagram-scroll")
        assert region["tabindex"] == "0" and region["role"] == "region"
        assert region["aria-label"] == "Diagram: Stappen van een campagne"
        link = block.select_one(".hb-diagram-full a")
        assert link.get_text() == "Diagram op volle grootte"
        file = diagram_site.out / link["href"]
        # A file of its own: well-formed XML, its styles from the diagram's
        # stylesheet (the site's CSP allows no inline style there either).
        root = ElementTree.fromstring(file.read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "<style" not in file.read_text() and ' style="' not in file.read_text()
        css = re.search(r'<\?xml-stylesheet href="([^"]+)"', file.read_text()).group(1)
        assert (file.parent / css).is_file()
        # Natural size, so the file shows the diagram at full size.
        assert float(root.get("width")) > 100 and float(root.get("height")) > 100


@pytest.mark.browser
def test_one_svg_follows_the_colour_scheme(diagram_site):
    """The dark colours are custom properties on the same SVG, switched by
    Furo's data-theme (auto: the system's scheme); paper gets the light ones."""
    soup = page(diagram_site, "stappen.html")
    cls = next(c for c in soup.select_one(".hb-diagram svg")["class"] if c.startswith("hbc-"))
    css = "".join(p.read_text() for p in (diagram_site.out / "_static/diagrams").glob("*.css")
                  if cls in p.read_text())
    assert f".{cls}{{--hbd-0:" in css
    assert f'body[data-theme="dark"] .{cls}{{--hbd-0:' in css
    # As written, or minified for the website (web/minify): no space after ":".
    assert re.search(r"@media \(prefers-color-scheme: ?dark\)\{body\[data-theme=\"auto\"\] "
                     + re.escape(f".{cls}{{"), css)
    assert f"@media print{{body[data-theme] .{cls}{{--hbd-0:" in css
    assert "fill:var(--hbd-" in css
    assert not soup.select(".hb-diagram-light, .hb-diagram-dark")


@pytest.mark.browser
def test_ids_are_unique_per_page(diagram_site):
    for name in ("stappen.html", "tekst.html"):
        ids = [tag["id"] for tag in page(diagram_site, name).find_all(id=True)]
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, (name, duplicates)


@pytest.mark.browser
def test_pages_load_no_mermaid_javascript(diagram_site):
    for name in ("stappen.html", "tekst.html"):
        soup = page(diagram_site, name)
        for script in soup.find_all("script"):
            assert "mermaid" not in (script.get("src") or "") + script.get_text(), name
        assert not soup.select("pre.mermaid")
        for link in soup.select('link[rel="stylesheet"]'):
            assert (diagram_site.out / link["href"].split("?")[0]).is_file(), link


@pytest.mark.browser
def test_diagram_styles_live_in_stylesheets(diagram_site):
    soup = page(diagram_site, "stappen.html")
    for tag in soup.select(".hb-diagram [style]"):
        pytest.fail(f"inline style left in a diagram: {tag.name} {tag['style']}")
    hooks = {tag["data-hb-style"] for tag in soup.select(".hb-diagram [data-hb-style]")}
    css = "".join(p.read_text() for p in (diagram_site.out / "_static/diagrams").glob("*.css"))
    assert hooks and all(f'[data-hb-style="{hook}"]' in css for hook in hooks)


@pytest.mark.browser
def test_second_build_renders_only_the_changed_diagram(diagram_site, tmp_path):
    project = Project(tmp_path / "src", tmp_path / "out", tmp_path / "doctrees")
    for part in ("src", "out", "doctrees"):
        shutil.copytree(getattr(diagram_site, part), getattr(project, part), symlinks=True)
    unchanged = build(project)
    assert unchanged.returncode == 0, unchanged.output
    assert rendered(unchanged.output) == 0
    text = project.src / "tekst.md"
    text.write_text(text.read_text().replace("Antwoord", "Antwoord binnen een uur"))
    changed = build(project)
    assert changed.returncode == 0, changed.output
    assert rendered(changed.output) == 1, changed.output
    assert "Antwoord binnen een uur" in (project.out / "tekst.html").read_text()


@pytest.mark.browser
def test_syntax_error_fails_with_file_line_and_parser_message(browser_path, tmp_path):
    project = make_project(tmp_path)
    text = project.src / "tekst.md"
    text.write_text(text.read_text() + BROKEN)
    broken_line = text.read_text().splitlines().index("    B --> (C") + 1
    proc = build(project)
    assert proc.returncode != 0
    # Plain Dutch at the file line of the faulty diagram line, Mermaid's own
    # text below it.
    assert re.search(
        rf"tekst\.md:{broken_line}: WARNING: Mermaid kan deze regel van het diagram niet lezen "
        r"\('B --> \(C'\)\. Er staat een haakje '\(' op een plek waar een naam van een vak "
        r"hoort\. Geef elk vak een naam.*\n    Mermaid zegt:\n    Parse error on line 4:(.*\n)+"
        r".*got 'PS' \[handbook\.diagram\]", proc.output), proc.output


def test_missing_text_alternative_is_a_warning(tmp_path):
    project = make_project(tmp_path)
    text = project.src / "tekst.md"
    text.write_text(text.read_text().replace("    accTitle: Een vraag via sociale media\n", ""))
    proc = build(project, HANDBOOK_DIAGRAMS="client")
    assert proc.returncode != 0
    assert re.search(r"tekst\.md:5: WARNING: Dit diagram heeft geen tekstalternatief.*"
                     r"\[handbook\.diagram\]", proc.output), proc.output


def _no_browser_anywhere(monkeypatch, tmp_path):
    from handbook import browser

    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(browser, "KNOWN_PATHS", ())


def test_no_browser_falls_back_with_one_line(make_app, monkeypatch, tmp_path):
    _no_browser_anywhere(monkeypatch, tmp_path)
    project = make_project(tmp_path)
    app = make_app("html", srcdir=project.src, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    lines = [line for line in app.status.getvalue().splitlines() if "Diagrammen" in line]
    assert lines == [lines[0]] and "geen Chromium, Chrome of Edge gevonden" in lines[0]
    soup = page(Project(project.src, Path(app.outdir), Path(app.doctreedir)), "stappen.html")
    assert len(soup.select("pre.mermaid")) == 2
    assert any("mermaid.esm.min.mjs" in s.get_text() for s in soup.find_all("script"))
    assert (Path(app.outdir) / "_static/mermaid/mermaid.esm.min.mjs").is_file()
    # Pages without a diagram do not load Mermaid, the search page included.
    for name in ("index.html", "search.html", "genindex.html"):
        plain = page(Project(project.src, Path(app.outdir), Path(app.doctreedir)), name)
        assert not any("mermaid" in s.get_text() for s in plain.find_all("script")), name


def test_bad_explicit_browser_is_an_error(make_app, monkeypatch, tmp_path):
    """An explicit choice that does not work fails the build with one clear
    line and the install hint, not with Sphinx's traceback."""
    _no_browser_anywhere(monkeypatch, tmp_path)
    monkeypatch.setenv("HANDBOOK_BROWSER", str(tmp_path / "no-such-browser"))
    project = make_project(tmp_path)
    app = make_app("html", srcdir=project.src, freshenv=True)
    app.build()
    errors = [ln for ln in app.warning.getvalue().splitlines() if "ERROR" in ln]
    assert len(errors) == 1, app.warning.getvalue()
    assert "HANDBOOK_BROWSER=" in errors[0] and "apt-get install chromium" in errors[0]
    assert app.statuscode == 1


@pytest.mark.browser
def test_new_renderer_settings_rewrite_unchanged_pages(make_app, monkeypatch, browser_path, tmp_path):
    """A Mermaid or theme update changes every cache key: pages that did not
    change must still be written again, with the new SVGs."""
    from handbook.diagrams import build as diagrams

    project = make_project(tmp_path)
    make_app("html", srcdir=project.src, freshenv=True).build()
    monkeypatch.setattr(diagrams, "RENDER_VERSION", "test-bump")
    app = make_app("html", srcdir=project.src)
    app.build()
    assert "Diagrammen: 2 getekend, 0 uit de cache." in app.status.getvalue()
    key = diagrams.cache_key((project.src / "tekst.md").read_text().split("```mermaid\n")[1]
                             .split("```")[0].rstrip("\n"), diagrams.mermaid_version(project.src),
                             diagrams.themes_of(app))
    assert f'id="hbd-{key[:12]}"' in (Path(app.outdir) / "tekst.html").read_text()


@pytest.mark.browser
def test_generated_overview_diagrams_are_drawn_at_build_time(tmp_path, browser_path):
    """The sessions -> plays map and the key-figure charts on the overview pages
    are inserted while writing; they must still arrive as SVG, not as source."""
    from handbook_helpers import copy_root

    src = copy_root("handbook", tmp_path / "src")
    project = Project(src, tmp_path / "out", tmp_path / "doctrees")
    proc = build(project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for page in ("overzichten/kaart.html", "overzichten/kerncijfers.html"):
        soup = BeautifulSoup((project.out / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.select(".hb-diagram svg[role=img]"), page
        assert not soup.select("pre.hb-diagram-error, pre.mermaid"), page


# --- one SVG from two drawings (no browser needed) ---------------------------

LIGHT = ('<svg id="hbd-abc" viewBox="0 0 10 10"><style>#hbd-abc .node{fill:#ECECFF;stroke:#333}'
         '</style><rect class="node" fill="white" stroke="#000"/><text fill="#131300">Doel #ABC</text></svg>')
DARK = ('<svg id="hbd-abc" viewBox="0 0 10 10"><style>#hbd-abc .node{fill:#1f2020;stroke:#333}'
        '</style><rect class="node" fill="#222" stroke="#000"/><text fill="#f0f0f0">Doel #ABC</text></svg>')


def test_colours_that_differ_become_custom_properties():
    from handbook.diagrams.render import merge_themes

    out = merge_themes(LIGHT, DARK, "abc")
    assert out.themed and out.width == 10
    assert ".hbc-abc .node{fill:var(--hbd-0);stroke:#333}" in out.css
    assert ".hbc-abc{--hbd-0:#ECECFF;--hbd-1:white;--hbd-2:#131300}" in out.css
    assert 'body[data-theme="dark"] .hbc-abc{--hbd-0:#1f2020;--hbd-1:#222;--hbd-2:#f0f0f0}' in out.css
    # Attributes that differ move into the stylesheet; the same ones stay.
    assert 'fill="white"' not in out.svg and 'stroke="#000"' in out.svg
    assert "Doel #ABC" in out.svg and "<style" not in out.svg and ' style="' not in out.svg


def test_drawings_that_differ_in_more_than_colour_are_refused():
    from handbook.diagrams.render import ThemesDiffer, merge_themes

    with pytest.raises(ThemesDiffer):
        merge_themes(LIGHT, DARK.replace("<text", '<text x="3"'), "abc")


def test_labels_that_read_as_a_list_are_protected():
    from handbook.diagrams.render import protect_list_labels

    code = 'O{"1. Doel"} -->|"2) ja"| A["x<br/>3. stap"]\n    B[Stap 1. niet]'
    assert protect_list_labels(code) == (
        'O{"1.\u2060 Doel"} -->|"2)\u2060 ja"| A["x<br/>3.\u2060 stap"]\n    B[Stap 1. niet]')
