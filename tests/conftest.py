"""Shared fixtures: one real build of the handbook per test session."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPHINX_OPTS = ["-W", "--keep-going", "-n", "-j", "auto"]

pytest_plugins = ["sphinx.testing.fixtures"]


@dataclass
class Build:
    outdir: Path
    returncode: int
    output: str


def sphinx_build(srcdir: Path, outdir: Path, builder: str = "html", *extra: str) -> Build:
    """Run sphinx-build as a user would, with the real options."""
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, *SPHINX_OPTS, *extra,
           str(srcdir), str(outdir)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return Build(outdir, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The whole handbook, built once into a temporary directory."""
    outdir = tmp_path_factory.mktemp("site") / "html"
    build = sphinx_build(ROOT, outdir, "html", "-d", str(outdir.parent / "doctrees"))
    assert build.returncode == 0, build.output
    return build
