"""The PDF builds the tests read, as session fixtures (a pytest plugin, see
conftest.py): the real handbook and the sample project (tests/roots/test-pdf),
each built once per run for every test file that asks for them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, sphinx_build

SAMPLE = ROOT / "tests" / "roots" / "test-pdf"
PDF_NAME = "handboek.pdf"
SKIP_DIRS = {"_build", ".venv", "node_modules", "tests", "_templates", ".git", ".ci", "tools", "_ext", "_static"}


@dataclass
class Book:
    name: str
    srcdir: Path
    outdir: Path
    output: str

    @property
    def pdf(self) -> Path:
        return self.outdir / PDF_NAME

    def sources(self) -> list[Path]:
        return sorted(
            p for p in self.srcdir.rglob("*.md")
            if p.relative_to(self.srcdir).parts[0] not in SKIP_DIRS and p.name not in {"README.md", "MAINTAINERS.md"}
        )

    def plays(self) -> list[Path]:
        return [p for p in (self.srcdir / "playbook").glob("*.md") if p.name != "index.md"]


def sample_copy(dest: Path) -> Path:
    """The sample project, next to links to the real extension, Mermaid and CSS."""
    shutil.copytree(SAMPLE, dest)
    for name in ("_ext", "node_modules", "_static"):
        (dest / name).symlink_to(ROOT / name, target_is_directory=True)
    return dest


def build_pdf(srcdir: Path, outdir: Path, *extra: str):
    return sphinx_build(srcdir, outdir, "pdf", "-d", str(outdir.parent / "doctrees"), *extra)


@pytest.fixture(scope="session")
def handbook_book(browser_path, tmp_path_factory) -> Book:
    out = tmp_path_factory.mktemp("pdf-handbook") / "pdf"
    build = build_pdf(ROOT, out)
    assert build.returncode == 0, build.output
    return Book("handbook", ROOT, out, build.output)


@pytest.fixture(scope="session")
def sample_book(browser_path, tmp_path_factory) -> Book:
    base = tmp_path_factory.mktemp("pdf-sample")
    src = sample_copy(base / "src")
    build = build_pdf(src, base / "pdf")
    assert build.returncode == 0, build.output
    return Book("sample", src, base / "pdf", build.output)
