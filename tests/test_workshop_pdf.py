"""The workshop PDFs (issue 17), read back: per play a facilitator's script
(A4) and a canvas (A3 landscape), per workshop page a bundle whose handouts
each start on a right-hand (odd) page. Built once from
tests/roots/test-workshops."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import ROOT, sphinx_build

pytestmark = pytest.mark.browser

SAMPLE = ROOT / "tests" / "roots" / "test-workshops"
A4 = (595.28, 841.89)
A3_LANDSCAPE = (1190.55, 841.89)


@pytest.fixture(scope="module")
def built(browser_path, tmp_path_factory):
    base = tmp_path_factory.mktemp("workshop-pdf")
    src = base / "src"
    shutil.copytree(SAMPLE, src)
    for name in ("_ext", "node_modules", "_static"):
        (src / name).symlink_to(ROOT / name, target_is_directory=True)
    out = base / "pdf"
    build = sphinx_build(src, out, "pdf", "-d", str(base / "doctrees"))
    assert build.returncode == 0, build.output
    return out, build.output


def pages_text(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(path).pages]


def test_summary_lists_the_bundle(built):
    _, output = built
    assert re.search(r"2 draaiboeken, 2 canvassen; workshops: pdf/workshops/middag\.pdf", output), \
        output


@pytest.mark.parametrize("name", ["ambassadeurs-draaiboek", "ambassadeurs-canvas",
                                  "video-van-de-werkvloer-draaiboek",
                                  "video-van-de-werkvloer-canvas"])
def test_tagged_dutch_titled_outlined(built, name):
    out, _ = built
    path = out / "werkbladen" / f"{name}.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "nl"
        assert "/StructTreeRoot" in pdf.Root
        kind = "Draaiboek" if name.endswith("draaiboek") else "Canvas"
        assert str(pdf.docinfo.Title).startswith(f"{kind}: ")
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_outline() as outline:
            assert outline.root, name
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1", name


def test_script_is_a4_with_the_steps(built):
    out, _ = built
    path = out / "werkbladen" / "ambassadeurs-draaiboek.pdf"
    assert all(size == pytest.approx(A4, abs=1) for size in sizes(path))
    text = " ".join(pages_text(path))
    for expected in ("Draaiboek: Ambassadeurs", "30 minuten, en 20 minuten voorbereiding",
                     "10 min Wie vertelt al?", "Vraag de groep wie het verhaal al vertelt.",
                     "Resultaat: Drie namen op het canvas.", "20 min Kiezen en begeleiden",
                     "Nabespreken"):
        assert expected in text, expected


def test_canvas_is_a3_landscape_with_a_box_per_question(built):
    out, _ = built
    path = out / "werkbladen" / "video-van-de-werkvloer-canvas.pdf"
    assert sizes(path) == [pytest.approx(A3_LANDSCAPE, abs=1)]
    text = pages_text(path)[0]
    # The worksheet table's questions; without a table, the key questions.
    assert "Welk werk ziet niemand?" in text and "Wie filmt?" in text
    assert "Wie vertelt al?" in pages_text(out / "werkbladen" / "ambassadeurs-canvas.pdf")[0]


def test_bundle_agenda_scripts_then_handouts_on_odd_pages(built):
    out, _ = built
    path = out / "workshops" / "middag.pdf"
    assert all(size == pytest.approx(A4, abs=1) for size in sizes(path))
    texts = pages_text(path)
    whole = " ".join(texts)
    assert "Een middag met twee plays" in texts[0]
    for row in ("13:30–14:15", "14:15–14:35 Koffie", "14:35–15:05"):
        assert row in whole, row
    assert "Kiezen en begeleiden" in whole and "Welk werk ziet niemand?" in whole
    starts = [number for number, text in enumerate(texts, start=1)
              if re.search(r"WERKBLAD · TESTHANDBOEK", text, re.I)]
    assert len(starts) == 2, texts
    assert all(n % 2 == 1 for n in starts), starts
    scripts = [n for n, text in enumerate(texts, start=1) if "Draaiboek: Ambassadeurs" in text]
    assert scripts and max(scripts) < min(starts)
    # The duplex blank page is there because one handout needed it.
    assert any("Deze pagina is bewust leeg." in text for text in texts)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "nl" and "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Title) == "Workshop: Een middag met twee plays"
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles, titles
