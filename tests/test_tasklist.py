"""Task-list checkboxes carry their item's text as label (handbook.tasklist)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import ROOT, sphinx_build

CHECKLIST = """# Checklist

- [ ] Doel bepalen met het team
- [x] Doelgroep **kiezen**, zie [de start](#checklist)
- Een gewoon punt zonder vakje
"""


def test_every_checkbox_has_its_item_text_as_label(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text(CHECKLIST, encoding="utf-8")
    build = sphinx_build(src, tmp_path / "out", "html", "-c", str(ROOT))
    assert build.returncode == 0, build.output
    soup = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")
    boxes = soup.select("input.task-list-item-checkbox")
    assert len(boxes) == 2
    labels = [box.find_parent("label") for box in boxes]
    assert all(labels), [str(box.parent) for box in boxes]
    assert [label.get_text(" ", strip=True) for label in labels] == [
        "Doel bepalen met het team",
        "Doelgroep kiezen , zie de start",
    ]
    assert boxes[1].has_attr("checked")
