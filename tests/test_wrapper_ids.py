"""Furo copies a table's id onto its wrapper div; handbook.web.wrapper_ids undoes that."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

PAGE = """\
Titel
=====

Zie :numref:`kerncijfers` en :eq:`formule`.

.. list-table:: Kerncijfers
   :name: kerncijfers

   * - bereik
     - 379.614

.. math::
   :label: formule

   a^2 + b^2
"""


def build(make_app, tmp_path, extensions):
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        f"extensions = {extensions!r}\nhtml_theme = 'furo'\nnumfig = True\n")
    (tmp_path / "index.rst").write_text(PAGE)
    app = make_app("html", srcdir=tmp_path)
    app.build()
    return (app.outdir / "index.html").read_text(encoding="utf-8")


def ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


@pytest.mark.parametrize("target", ["kerncijfers", "equation-formule"])
def test_titled_table_and_equation_ids_are_unique(make_app, tmp_path, target):
    html = build(make_app, tmp_path, ["handbook.web.wrapper_ids"])
    assert ids(html).count(target) == 1
    assert f'href="#{target}"' in html


def test_without_the_fix_furo_duplicates_the_ids(make_app, tmp_path):
    """Shows the defect is real; when Furo fixes it, this fails: drop the module."""
    html = build(make_app, tmp_path, [])
    assert ids(html).count("kerncijfers") == 2
    assert ids(html).count("equation-formule") == 2
