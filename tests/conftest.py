"""Shared fixtures: one real build of the handbook per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Tests read Sphinx's output; Sphinx colours it when CI=true, so turn colour
# off for every build the tests start (in-process and subprocess).
os.environ["NO_COLOR"] = "1"
# "Today" for the review dates (issue 19, model/governance.py): a fixed day,
# 2026-12-03 12:00 UTC, so no test fails because a review-by date passed.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1796299200")

# The extension package, importable by tests as `handbook`.
sys.path.insert(0, str(ROOT / "_ext"))
from handbook import loopback  # noqa: E402

SPHINX_OPTS = ["-W", "--keep-going", "-n", "-j", "auto"]

pytest_plugins = ["sphinx.testing.fixtures", "fault_figures"]


# --- Sphinx's own test fixtures: @pytest.mark.sphinx("html", testroot=...) ---

@pytest.fixture(scope="session")
def rootdir() -> Path:
    """tests/roots/test-<name>, as in Sphinx's own tests."""
    return ROOT / "tests" / "roots"


@pytest.fixture
def client_side_diagrams_env(monkeypatch):
    """Diagram source stays in the HTML (``<pre class="mermaid">``): for tests
    of the source the extension generates; tests/test_diagrams.py covers SVG.
    Use it as ``pytest.mark.usefixtures``, so it is set before Sphinx's
    ``app`` fixture starts the build."""
    monkeypatch.setenv("HANDBOOK_DIAGRAMS", "client")


@pytest.fixture
def app_params(app_params):
    """Sphinx's app_params, plus the repo's node_modules in each copied root:
    the extension copies Mermaid from there into every HTML build. Tests pass
    ``copy_test_root=True`` (or a ``srcdir``) so no build writes into tests/."""
    _args, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    if srcdir.is_relative_to(ROOT / "tests"):
        pytest.fail("@pytest.mark.sphinx needs copy_test_root=True or a srcdir")
    if (ROOT / "node_modules").exists() and not (srcdir / "node_modules").exists():
        (srcdir / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return app_params


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
def site(request) -> Build:
    """The whole handbook, built once into a temporary directory."""
    build = real_site(request.config)
    assert build.returncode == 0, build.output
    return build


# --- Link check (issue 5) ---------------------------------------------------
# The link items are collected from the built site (tests/sitelinks.py), so the
# handbook is built at collection time when tests/test_site_links.py is
# selected; the `site` fixture then reuses that same build: one build per run.
pytest_plugins += ["sitelinks", "pytester"]  # pytester: the gate runs the check on a broken site

_REAL_SITE = pytest.StashKey[Build]()


def real_site(config: pytest.Config) -> Build:
    """Build the handbook on first use in this run; later calls get that build."""
    if _REAL_SITE not in config.stash:
        # What the tmp_path_factory fixture returns, usable before fixtures exist.
        factory = config._tmp_path_factory
        outdir = factory.mktemp("site") / "html"
        config.stash[_REAL_SITE] = sphinx_build(
            ROOT, outdir, "html", "-d", str(outdir.parent / "doctrees"))
    return config.stash[_REAL_SITE]


def pytest_handbook_site_root(config: pytest.Config) -> Path:
    build = real_site(config)
    if build.returncode != 0:
        raise RuntimeError(build.output)
    return build.outdir
# --- end link check ---------------------------------------------------------

# The PDF builds (handbook and sample), shared by test_pdf.py and test_pdf_ua.py.
pytest_plugins += ["pdfbooks"]


def _browser_or_skip():
    """The browser for tests: skip outside CI with the reason, fail in CI."""
    from handbook.browser import BrowserNotFound, find_browser

    try:
        return find_browser()
    except BrowserNotFound as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and no browser: {exc}")
        pytest.skip(f"no browser on this machine: {exc}")


@pytest.fixture(scope="session")
def browser_path() -> Path:
    return _browser_or_skip()


@pytest.fixture(scope="session")
def served_site(site):
    """The built site on a loopback HTTP server; yields its base URL."""
    with loopback.serve(site.outdir) as base:
        yield base


QuietHandler = loopback.QuietHandler


@pytest.fixture(scope="module")
def browser(browser_path):
    """One Chromium per test module (test_browser_gate.py has its own, offline)."""
    from playwright.sync_api import sync_playwright

    from handbook.browser import LAUNCH_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def context(browser):
    """A desktop-sized context (1,280 x 800) in that browser."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()
