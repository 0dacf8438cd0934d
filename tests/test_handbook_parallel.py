"""Parallel reading and writing (-j 2) give the same pages as a serial build."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.model.domain import HandbookDomain
from handbook_helpers import Built, copy_root


def pages(outdir: Path) -> dict[str, str]:
    return {str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
            for p in sorted(outdir.rglob("*.html"))}


@pytest.mark.slow
def test_parallel_output_equals_serial(tmp_path, monkeypatch):
    src = copy_root("handbook", tmp_path / "src")
    serial = Built(src, builddir=tmp_path / "serial")

    merged = []
    original = HandbookDomain.merge_domaindata

    def counting(self, docnames, otherdata):
        merged.append(sorted(docnames))
        return original(self, docnames, otherdata)

    monkeypatch.setattr(HandbookDomain, "merge_domaindata", counting)
    parallel = Built(src, parallel=2, builddir=tmp_path / "parallel")

    assert serial.warnings == parallel.warnings == ""
    # The parallel build really read in worker processes and merged their records.
    assert merged, "no parallel read happened"
    a, b = pages(Path(serial.app.outdir)), pages(Path(parallel.app.outdir))
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    # Sanity: the compared pages carry the generated content.
    assert "handbook-evidence" in a["playbook/ambassadeurs.html"]
