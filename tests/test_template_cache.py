"""handbook.speedups.template_cache: page templates are compiled once, then loaded.

Asserts behaviour, not time: how often Jinja compiles a template from source.
"""

from __future__ import annotations

import os
import time

import jinja2

from conftest import ROOT


def project(root, footer):
    (root / "_templates").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        "extensions = ['handbook.speedups.template_cache']\ntemplates_path = ['_templates']\n")
    (root / "_templates" / "layout.html").write_text(
        '{% extends "!layout.html" %}{% block footer %}' + footer + '{% endblock %}\n')
    (root / "index.rst").write_text("Start\n=====\n\nTekst.\n")


def touch(path):
    future = time.time() + 5
    os.utime(path, (future, future))


def build(make_app, root, monkeypatch, fresh=False):
    """Build in a new application (so a new Jinja environment); count compiles."""
    compiled = []
    original = jinja2.Environment.compile

    def spy(self, source, name=None, filename=None, *args, **kwargs):
        if name is not None:  # strings Sphinx renders (config values) have none
            compiled.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    app = make_app("html", srcdir=root, freshenv=fresh)
    app.build()
    warnings = app.warning.getvalue()
    app.cleanup()
    assert not warnings, warnings
    return compiled, (root / "_build" / "html" / "index.html").read_text()


def test_second_build_loads_compiled_templates(make_app, tmp_path, monkeypatch):
    project(tmp_path, "Voet A")
    compiled, page = build(make_app, tmp_path, monkeypatch, fresh=True)
    assert "layout.html" in compiled and "Voet A" in page
    touch(tmp_path / "index.rst")
    compiled, page = build(make_app, tmp_path, monkeypatch)
    assert compiled == [], compiled
    assert "Voet A" in page


def test_an_edited_template_is_compiled_again(make_app, tmp_path, monkeypatch):
    project(tmp_path, "Voet A")
    build(make_app, tmp_path, monkeypatch, fresh=True)
    project(tmp_path, "Voet B")
    touch(tmp_path / "index.rst")
    compiled, page = build(make_app, tmp_path, monkeypatch)
    assert compiled == ["layout.html"], compiled
    assert "Voet B" in page and "Voet A" not in page
