"""A build killed at any moment is harmless (issue 25).

`make html` (and `make pdf`) runs in its own process group and gets SIGKILL
for the whole group at moments spread over a build: fractions of a measured
clean build, and while the browser draws a diagram or prints. Cold builds
(an empty _build) and incremental ones (an edit that adds a diagram and
changes text), a recovery build killed again, and the PDF export. After
each kill the next build must succeed and write exactly the files a clean
build of the same source writes, byte for byte (fault_helpers.EXCLUDED
names the one file that may differ, and why). A killed PDF export never
leaves half a PDF at the final path.

The sample is tests/roots/test-pdf with the speed-ups on: small, yet it has
diagrams, the navigation cache, the CSP scan and the PDF export.
`make` runs with its install steps marked done (-o): the shared .venv and
node_modules are never touched.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from fault_helpers import FIGURES, ROOT, differences, sample, tree

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FRACTIONS = (0.05, 0.2, 0.35, 0.5, 0.65, 0.8)
PDF_FRACTIONS = (0.1, 0.3, 0.5, 0.7)
NEW_DIAGRAM = """

```mermaid
flowchart LR
    accTitle: Nieuw diagram na een onderbroken bouw
    accDescr: Een vak Begin met een pijl naar een vak Klaar.
    a["Begin"] --> b["Klaar"]
```
"""


class Run:
    """One `make` in its own session, killable as a whole group."""

    def __init__(self, target: str, src: Path, builddir: Path) -> None:
        self.tag = uuid.uuid4().hex
        env = {**os.environ, "HB_FAULT_RUN": self.tag}
        env.pop("MAKEFLAGS", None)
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            ["make", "--no-print-directory", "-C", str(ROOT),
             "-o", ".venv/.requirements.stamp", "-o", "node_modules/.package-lock.stamp",
             target, f"SOURCEDIR={src}", f"BUILDDIR={builddir}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
            start_new_session=True)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def finish(self, timeout: float = 300) -> tuple[int, str]:
        out, _ = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out

    def kill_when(self, ready: Callable[[], bool], limit: float = 120) -> bool:
        """SIGKILL the whole group once ready() holds; False if the build
        ended first (then nothing was interrupted)."""
        while self.proc.poll() is None and self.elapsed() < limit:
            if ready():
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.communicate()
                self._reap_strays()
                return True
            time.sleep(0.01)
        self.proc.communicate()
        return False

    def browser_running(self) -> bool:
        return any("chrom" in name for _, name in self._ours())

    def _ours(self) -> list[tuple[int, str]]:
        """Processes this run started (they carry its tag), with their name."""
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                environ = Path(f"/proc/{pid}/environ").read_bytes()
                if f"HB_FAULT_RUN={self.tag}".encode() in environ:
                    found.append((int(pid), Path(f"/proc/{pid}/comm").read_text().strip()))
            except OSError:
                continue
        return found

    def _reap_strays(self) -> None:
        """The browser runs in a session of its own (Playwright detaches it),
        so the group kill misses it; it exits once its pipe closes. Wait for
        that, and end any straggler of this run by its id."""
        deadline = time.monotonic() + 10
        while (strays := self._ours()) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid, _ in strays:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def reset(work: Path, src: Path, built: Path | None) -> tuple[Path, Path]:
    """work/src from ``src`` (times kept), work/_build from ``built`` or empty."""
    for name in ("src", "_build"):
        shutil.rmtree(work / name, ignore_errors=True)
    shutil.copytree(src, work / "src", symlinks=True)
    if built is not None:
        shutil.copytree(built, work / "_build", symlinks=True)
    return work / "src", work / "_build"


def edit(src: Path) -> None:
    """An author's edit: a new diagram on a play, other text on a session."""
    play = src / "playbook" / "ambassadeurs.md"
    play.write_text(play.read_text(encoding="utf-8") + NEW_DIAGRAM, encoding="utf-8")
    session = src / "sessions" / "tunnel.md"
    session.write_text(session.read_text(encoding="utf-8") + "\nNog een zin.\n",
                       encoding="utf-8")


def complete(target: str, src: Path, builddir: Path) -> float:
    run = Run(target, src, builddir)
    code, out = run.finish()
    assert code == 0, out
    return run.elapsed()


def pdf_whole(builddir: Path) -> None:
    """A PDF at the final path, if any, is a whole one."""
    for pdf in (builddir / "pdf").rglob("*.pdf"):
        with pikepdf.open(pdf) as doc:
            assert len(doc.pages) > 0, pdf


@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser_path):
    """Sources A and B (A edited), a finished build of A, clean trees of A
    and B and the time each kind of build takes."""
    base = tmp_path_factory.mktemp("interrupt")
    work = base / "work"
    work.mkdir()
    src_a = sample(base / "src-a")
    src_b = base / "src-b"
    shutil.copytree(src_a, src_b, symlinks=True)
    edit(src_b)

    src, builddir = reset(work, src_b, None)
    complete("html", src, builddir)
    tree_b = tree(builddir / "html")

    src, builddir = reset(work, src_a, None)
    cold = complete("html", src, builddir)
    tree_a = tree(builddir / "html")
    built_a = base / "built-a"
    shutil.copytree(builddir, built_a, symlinks=True)
    edit(src)
    incremental = complete("html", src, builddir)
    assert differences(tree_b, tree(builddir / "html")) == [], "incremental != clean"

    src, builddir = reset(work, src_a, built_a)
    pdf = complete("pdf", src, builddir)
    return {"work": work, "a": src_a, "built_a": built_a, "tree_a": tree_a,
            "tree_b": tree_b, "cold": cold, "incremental": incremental, "pdf": pdf}


def recovered(lab, expected: dict[str, str]) -> None:
    src, builddir = lab["work"] / "src", lab["work"] / "_build"
    run = Run("html", src, builddir)
    code, out = run.finish()
    assert code == 0, out
    assert "Traceback" not in out
    assert differences(expected, tree(builddir / "html")) == []
    assert not list(builddir.rglob("*.hbtmp")), "a temporary file was left behind"


def after(run: Run, seconds: float) -> Callable[[], bool]:
    return lambda: run.elapsed() >= seconds


def kill_during(start: Callable[[], Run], moment: float | str, limit: float = 120) -> None:
    """Start a build and kill it at ``moment`` (seconds, or "browser": while
    the browser runs). A build that ends first (this machine was faster than
    when it was measured) is started again and killed earlier: every case
    kills, none is skipped, so the kill count in the summary is what ran."""
    for attempt in range(4):
        run = start()
        ready = (run.browser_running if moment == "browser"
                 else after(run, float(moment) / 2 ** attempt))
        if run.kill_when(ready, limit=limit):
            FIGURES["kills survived"] += 1
            return
    pytest.fail(f"the build ended before it could be killed ({moment}), four times")


@pytest.mark.parametrize("fraction", [*FRACTIONS, "drawing"])
def test_cold_build_killed(lab, fraction):
    def start() -> Run:
        src, builddir = reset(lab["work"], lab["a"], None)
        return Run("html", src, builddir)
    kill_during(start, "browser" if fraction == "drawing" else fraction * lab["cold"])
    recovered(lab, lab["tree_a"])


@pytest.mark.parametrize("fraction", [*FRACTIONS, "drawing"])
def test_incremental_build_killed(lab, fraction):
    def start() -> Run:
        src, builddir = reset(lab["work"], lab["a"], lab["built_a"])
        edit(src)
        return Run("html", src, builddir)
    kill_during(start, "browser" if fraction == "drawing" else fraction * lab["incremental"])
    recovered(lab, lab["tree_b"])


@pytest.mark.parametrize("fractions", [(0.3, 0.2), (0.6, 0.5)], ids=["early", "late"])
def test_recovery_build_killed_too(lab, fractions):
    """Killed, and the build after it (which starts afresh, like a cold
    one) killed as well."""
    src, builddir = reset(lab["work"], lab["a"], lab["built_a"])
    edit(src)
    kill_during(lambda: Run("html", src, builddir), fractions[0] * lab["incremental"])
    # The second build starts from what the first left; a retry of it starts
    # from what the killed second build left, which is the same kind of state.
    kill_during(lambda: Run("html", src, builddir), fractions[1] * lab["cold"])
    recovered(lab, lab["tree_b"])


@pytest.mark.parametrize("fraction", [*PDF_FRACTIONS, "printing"])
def test_pdf_build_killed(lab, fraction):
    src, builddir = reset(lab["work"], lab["a"], lab["built_a"])

    def start() -> Run:
        reset(lab["work"], lab["a"], lab["built_a"])
        return Run("pdf", src, builddir)
    kill_during(start, "browser" if fraction == "printing" else fraction * lab["pdf"], limit=300)
    pdf_whole(builddir)
    # The next export succeeds, and the site the two share doctrees with too.
    complete("pdf", src, builddir)
    pdf_whole(builddir)
    assert (builddir / "pdf" / "handboek.pdf").is_file()
    recovered(lab, lab["tree_a"])
