"""Shared by the fault tests (issue 25): a small handbook with diagrams, the
navigation cache and the PDF sample, built as `make html` builds, and a
byte-for-byte comparison of two output trees."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "roots" / "test-pdf"
SPHINX_OPTS = ["-W", "--keep-going", "-n", "-j", "auto"]
NOTICE = "Let op: "
# Files that legitimately differ from a clean build, with the reason:
EXCLUDED = {
    # Sphinx's backup of the previous build's info, made when a build starts
    # afresh (as it does after an interruption); a clean build has none.
    ".buildinfo.bak",
}
# Figures for the test summary (fault_figures.py): kills survived, inputs
# tried, damaged caches recovered.
FIGURES: Counter[str] = Counter()
FIGURES_FILE = ROOT / "_build" / "fault-figures.json"


def sample(dest: Path) -> Path:
    """The PDF sample (a session, two plays, diagrams, Furo) with the
    speed-ups on, so the navigation cache is written too."""
    shutil.copytree(SAMPLE, dest)
    for name in ("_ext", "node_modules", "_static"):
        (dest / name).symlink_to(ROOT / name, target_is_directory=True)
    conf = dest / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text.replace('"handbook"]', '"handbook", "handbook.speedups"]'),
                    encoding="utf-8")
    return dest


def command(src: Path, builddir: Path, builder: str = "html", *extra: str) -> list[str]:
    """What `make html` runs (tools/quiet_build.py around sphinx-build -M)."""
    return [sys.executable, str(ROOT / "tools" / "quiet_build.py"),
            str(builddir / "log" / f"{builder}.txt"), "--",
            sys.executable, "-m", "sphinx", "-M", builder, str(src), str(builddir),
            *SPHINX_OPTS, *extra]


def build(src: Path, builddir: Path, builder: str = "html", *extra: str,
          env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command(src, builddir, builder, *extra), capture_output=True,
                          text=True, env=env, timeout=timeout)


def export_after_a_good_one(tmp_path: Path, timeout: float, env: dict
                            ) -> tuple[subprocess.CompletedProcess, float, Path, Path]:
    """A good PDF export first (the diagrams in the cache, a PDF from before
    at the final path), then one with ``env`` (a stand-in browser): its
    result, how long it took, the build folder and the PDF's final path."""
    src = sample(tmp_path / "src")
    builddir = tmp_path / "_build"
    first = build(src, builddir, "pdf")
    assert first.returncode == 0, first.stdout
    pdf = builddir / "pdf" / "handboek.pdf"
    assert pdf.is_file()
    started = time.monotonic()
    result = build(src, builddir, "pdf", "-D", f"handbook_pdf_timeout={timeout}", env=env)
    return result, time.monotonic() - started, builddir, pdf


def drawing_with(tmp_path: Path, timeout: float, env: dict
                 ) -> tuple[subprocess.CompletedProcess, float, str]:
    """A fresh HTML build of the sample (in ``tmp_path/src``) that draws its
    diagrams with ``env`` (a stand-in browser): its result, how long it
    took, and the full log."""
    src = sample(tmp_path / "src")
    started = time.monotonic()
    result = build(src, tmp_path / "_build", "html", "-D", f"handbook_diagram_timeout={timeout}",
                   env=env)
    return result, time.monotonic() - started, full_log(tmp_path / "_build")


def full_log(builddir: Path, builder: str = "html") -> str:
    return (builddir / "log" / f"{builder}.txt").read_text(encoding="utf-8")


def tree(outdir: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under outdir, less EXCLUDED."""
    found = {}
    for path in sorted(outdir.rglob("*")):
        if path.is_file() and path.name not in EXCLUDED:
            found[path.relative_to(outdir).as_posix()] = hashlib.sha256(
                path.read_bytes()).hexdigest()
    return found


def differences(expected: dict[str, str], got: dict[str, str]) -> list[str]:
    return sorted(
        [f"missing: {p}" for p in expected.keys() - got.keys()]
        + [f"extra: {p}" for p in got.keys() - expected.keys()]
        + [f"differs: {p}" for p in expected.keys() & got.keys() if expected[p] != got[p]])


def touch(path: Path, seconds: float = 5) -> None:
    future = path.stat().st_mtime + seconds
    os.utime(path, (future, future))


def save_figures() -> None:
    """Add this run's figures to the file tools/bench and the summary read."""
    if not FIGURES:
        return
    try:
        old = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    old.update(FIGURES)
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    FIGURES_FILE.write_text(json.dumps(old, indent=1, sort_keys=True) + "\n", encoding="utf-8")
