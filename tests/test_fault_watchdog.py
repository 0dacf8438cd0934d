"""A browser that freezes after it started (issue 25): the watchdog.

Playwright's ``page.evaluate`` and ``page.pdf`` wait for ever on a browser
that stopped answering. ``handbook.browser_watchdog`` kills our own browser's
process tree when one call takes longer than the timeout, so the build stops
with one Dutch line. Here:

- the watchdog itself, on stand-in processes: a call that hangs is cut off
  (and, with the kill switched off, is not: the gate is real), a quick call
  leaves no thread and kills nothing;
- a real session next to a second, unrelated browser, which must survive;
- whole builds with a real Chromium that freezes (SIGSTOP) in the middle of
  drawing a diagram or printing the PDF (``tests/frozen_browser.py``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from fault_helpers import build, drawing_with, export_after_a_good_one, full_log
from frozen_browser import start_time, state
from handbook import browser_watchdog
from handbook.browser import failure_hint

TIMEOUT = 5  # seconds: handbook_diagram_timeout and handbook_pdf_timeout in the builds
# Python, Sphinx and Playwright start first; on a busy shared machine that
# takes a while. The point: nowhere near "forever".
SLACK = 60
FROZEN_BROWSER = Path(__file__).with_name("frozen_browser.py")
# What Playwright sends when the work starts: the diagram script
# (handbook.diagrams.render._RENDER_JS) and the command that prints.
DRAWING = "mermaid.initialize({startOnLoad: false"
PRINTING = "Page.printToPDF"


# -- the watchdog on stand-in processes ------------------------------------------

@pytest.fixture
def fake_driver():
    """A stand-in for Playwright's driver with two 'browser' processes below it."""
    # It outlives its children, as the real driver outlives a killed browser.
    driver = subprocess.Popen(["sh", "-c", "sleep 600 & sleep 600 & exec sleep 601"])
    deadline = time.monotonic() + 10
    while len(browser_watchdog.descendants([driver.pid])) < 2:
        assert time.monotonic() < deadline, "the stand-in did not start"
        time.sleep(0.05)
    yield driver
    for pid in browser_watchdog.descendants([driver.pid]):
        os.kill(pid, signal.SIGKILL)
    driver.kill()
    driver.wait()


def alive(pids) -> set[int]:
    return {pid for pid in pids if state(pid) not in (None, "Z", "X")}


def waiting_for(pids, bound: float = 20):
    """Like a Playwright call on a frozen browser: it only returns when the
    browser's processes are gone, and then fails as Playwright does. Bounded,
    so a broken watchdog fails the test instead of hanging it."""
    def call() -> str:
        deadline = time.monotonic() + bound
        while time.monotonic() < deadline:
            if not alive(pids):
                raise PlaywrightError("Target page, context or browser has been closed")
            time.sleep(0.05)
        return "still waiting"
    return call


def test_a_call_that_hangs_is_cut_off_with_a_timeout(fake_driver):
    browsers = browser_watchdog.descendants([fake_driver.pid])
    started = time.monotonic()
    with (browser_watchdog.Watchdog(1, lambda: {fake_driver.pid}, grace=0) as dog,
          pytest.raises(PlaywrightTimeout) as caught, dog.watch()):
        waiting_for(browsers)()
    took = time.monotonic() - started
    assert dog.fired and dog.killed == browsers
    assert not alive(browsers)
    assert fake_driver.poll() is None, "the driver itself is not ours to kill"
    assert took < 15, f"{took:.1f} s"
    line = failure_hint(caught.value, 1, "handbook_diagram_timeout")
    assert line.startswith("de browser reageerde niet binnen 1 seconden"), line


def test_without_the_kill_the_call_hangs(fake_driver, monkeypatch):
    """The gate is real: the same call, with the watchdog unable to kill, is
    not interrupted (it gives up only at its own bound)."""
    monkeypatch.setattr(browser_watchdog, "kill_tree", lambda roots: set())
    browsers = browser_watchdog.descendants([fake_driver.pid])
    outcome: list[str] = []
    with (browser_watchdog.Watchdog(0.5, lambda: {fake_driver.pid}, grace=0) as dog,
          pytest.raises(PlaywrightTimeout), dog.watch()):
        outcome.append(waiting_for(browsers, bound=3)())
    assert outcome == ["still waiting"]
    assert alive(browsers) == browsers


def test_a_quick_call_kills_nothing_and_leaves_no_thread(fake_driver):
    browsers = browser_watchdog.descendants([fake_driver.pid])
    with browser_watchdog.Watchdog(0.3, lambda: {fake_driver.pid}, grace=0) as dog:
        for _ in range(3):
            with dog.watch():
                pass
        time.sleep(1)  # well past the deadline of every call: none is armed
        # A Playwright error of its own passes through unchanged.
        with pytest.raises(PlaywrightError) as caught, dog.watch():
            raise PlaywrightError("net::ERR_CONNECTION_REFUSED")
    assert not isinstance(caught.value, PlaywrightTimeout)
    assert not dog.fired and not dog.killed
    assert alive(browsers) == browsers
    assert not [t for t in threading.enumerate() if t.name == "handbook-browser-watchdog"]


# -- a real browser, next to one that is not ours ---------------------------------

@pytest.mark.browser
def test_only_our_own_browser_is_stopped(browser_path):
    """Another Chromium driven from this process (a test's browser, in its own
    thread as Playwright's sync API wants) keeps working when ours is cut off."""
    from playwright.sync_api import sync_playwright

    from handbook.browser import LAUNCH_ARGS

    ready, done = threading.Event(), threading.Event()
    answers: list[object] = []

    def bystander() -> None:
        with sync_playwright() as pw:
            other = pw.chromium.launch(executable_path=str(browser_path), args=LAUNCH_ARGS)
            page = other.new_page()
            ready.set()
            done.wait(SLACK * 2)
            answers.append(page.evaluate("() => 6 * 7"))
            other.close()

    thread = threading.Thread(target=bystander)
    thread.start()
    try:
        assert ready.wait(SLACK), "the other browser did not start"
        started = time.monotonic()
        with (pytest.raises(PlaywrightTimeout),
              browser_watchdog.session(browser_path, 2) as browser):
            page = browser.new_page()
            assert page.evaluate("() => 1 + 1") == 2
            page.evaluate("() => new Promise(() => {})")  # never answers
        took = time.monotonic() - started
        assert took < 2 + browser_watchdog.GRACE + SLACK, f"{took:.0f} s"
    finally:
        done.set()
        thread.join(SLACK)
    assert answers == [42]
    assert not [t for t in threading.enumerate() if t.name == "handbook-browser-watchdog"]


# -- whole builds with a real browser that freezes --------------------------------

@pytest.fixture
def frozen(tmp_path, browser_path):
    """HANDBOOK_BROWSER for a real Chromium that freezes on ``trigger``."""
    def make(trigger: str) -> tuple[dict, Path]:
        script = tmp_path / "browser-that-freezes"
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FROZEN_BROWSER}" "$@"\n',
                          encoding="utf-8")
        script.chmod(0o755)
        log = tmp_path / "frozen.txt"
        env = {**os.environ, "HANDBOOK_BROWSER": str(script), "REAL_BROWSER": str(browser_path),
               "FREEZE_ON": trigger, "FREEZE_LOG": str(log)}
        return env, log
    return make


def one_line(output: str, prefix: str) -> str:
    lines = [line for line in output.splitlines() if prefix in line]
    assert len(lines) == 1, output
    return lines[0]


def check_message(line: str) -> None:
    assert f"reageerde niet binnen {TIMEOUT} seconden" in line, line
    assert "Probeer het opnieuw" in line and "HANDBOOK_BROWSER" in line, line


def stopped_left_behind(log: Path) -> list[str]:
    """The frozen processes that still exist (not even as a zombie may one be
    stopped); each is checked by its start time, not just its pid."""
    frozen = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert frozen, "the browser never froze: the build failed for another reason"
    deadline = time.monotonic() + 10
    while True:
        left = [f"{pid} ({state(int(pid))})" for pid, started in frozen
                if start_time(int(pid)) == started and state(int(pid)) not in ("Z", "X")]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.browser
def test_diagram_drawing_with_a_browser_that_freezes(frozen, tmp_path):
    env, log = frozen(DRAWING)
    result, took, build_log = drawing_with(tmp_path, TIMEOUT, env)
    assert result.returncode != 0, result.stdout
    check_message(one_line(result.stdout, "Diagrammen: de browser"))
    assert "Traceback" not in build_log
    assert took < TIMEOUT + SLACK, f"{took:.0f} s"
    assert stopped_left_behind(log) == []
    # With a working browser again, the next build draws them and succeeds.
    again = build(tmp_path / "src", tmp_path / "_build")
    assert again.returncode == 0, again.stdout


@pytest.mark.slow
@pytest.mark.browser
def test_pdf_printing_with_a_browser_that_freezes(frozen, tmp_path):
    env, log = frozen(PRINTING)
    result, took, builddir, pdf = export_after_a_good_one(tmp_path, TIMEOUT, env)
    assert result.returncode != 0, result.stdout
    check_message(one_line(result.stdout, "PDF-export: de browser"))
    assert "Traceback" not in full_log(builddir, "pdf")
    assert took < TIMEOUT + SLACK, f"{took:.0f} s"
    # Neither last time's PDF (it would pass for new) nor half of a new one.
    assert not pdf.exists()
    assert not list((builddir / "pdf").rglob("*.pdf")), "a PDF was left behind"
    assert not list(builddir.rglob("*.hbtmp"))
    assert stopped_left_behind(log) == []
