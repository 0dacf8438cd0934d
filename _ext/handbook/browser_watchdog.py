"""One place that starts the headless browser, and a watchdog for it.

Drawing diagrams (``diagrams/render``) and printing the PDF (``pdf/printing``)
both start Chromium through :func:`session`. Playwright's sync calls that do
the work (``page.evaluate``, ``page.pdf``, ``add_script_tag``, ``close``) have
no timeout of their own: a browser that freezes after it started (a stuck
renderer, a laptop waking up badly) would hang the build for ever. So every
call on the browser, its contexts and pages runs under a :class:`Watchdog`:
when one call takes longer than the configured timeout, the watchdog kills
the browser's process tree. The waiting call then fails at once, and is
reported as a timeout, so the build says in one Dutch line what happened
(``browser.failure_hint``).

Only our own browser is killed: the processes below the Playwright driver
that this session started (a child of this Python process running
``run-driver``), never another build's or test's Chromium. Finding the driver
by its command line leans on how Playwright starts it (registered in
``handbook.internals`` as ``playwright-driver``).
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .browser import LAUNCH_ARGS

# Playwright's own timeouts (launch, goto, wait_for_function) use the same
# setting and give a more precise error; the watchdog comes a little later,
# only for the calls that have none.
GRACE = 3.0  # seconds
# The argument Playwright starts its driver with (playwright/_impl/transport.py).
DRIVER_ARG = "run-driver"
# A tree that keeps forking while we look is frozen first; this bounds the look.
MAX_SCANS = 20


# -- processes ------------------------------------------------------------------

def process_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line), for every process we can see."""
    table: dict[int, tuple[int, str]] = {}
    proc = Path("/proc")
    if proc.is_dir():
        for entry in proc.iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text(encoding="utf-8", errors="replace")
                args = (entry / "cmdline").read_bytes()
            except OSError:
                continue  # gone while we looked
            # The name in parentheses may hold spaces and ')'; the fields after
            # the last ')' are state, then parent pid.
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            table[int(entry.name)] = (ppid, args.replace(b"\0", b" ").decode(errors="replace"))
        return table
    # No /proc (macOS): ps has the same three columns. Neither (Windows): the
    # watchdog finds nothing to kill, and the build waits as it did before.
    try:
        out = subprocess.run(["ps", "-A", "-o", "pid=", "-o", "ppid=", "-o", "args="],
                             capture_output=True, text=True, check=False).stdout
    except OSError:
        return table
    for line in out.splitlines():
        parts = line.split(None, 2)
        if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
            table[int(parts[0])] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return table


def drivers() -> set[int]:
    """The Playwright drivers this process started."""
    me = os.getpid()
    return {pid for pid, (ppid, args) in process_table().items()
            if ppid == me and DRIVER_ARG in args.split()}


def descendants(roots: Iterable[int], table: dict[int, tuple[int, str]] | None = None) -> set[int]:
    table = process_table() if table is None else table
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found: set[int] = set()
    todo = list(roots)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def kill_tree(roots: Iterable[int]) -> set[int]:
    """Kill every process below ``roots`` (not the roots themselves).

    The tree is frozen (SIGSTOP) before it is killed: a stopped process
    cannot fork, so no child escapes to init between looking and killing.
    """
    roots = set(roots)
    stop = getattr(signal, "SIGSTOP", None)
    frozen: set[int] = set()
    for _ in range(MAX_SCANS):
        new = descendants(roots) - frozen
        if not new:
            break
        if stop is not None:
            for pid in new:
                with suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, stop)
        frozen |= new
    for pid in frozen:
        with suppress(ProcessLookupError, PermissionError):
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
    return frozen


# -- the watchdog ---------------------------------------------------------------

class Watchdog:
    """Kills the processes below ``roots`` when one watched call runs longer
    than ``timeout`` (plus :data:`GRACE`). One thread per watchdog, started
    and stopped with ``with``; calls are watched with :meth:`watch`."""

    def __init__(self, timeout: float, roots: Callable[[], Iterable[int]],
                 grace: float = GRACE):
        self.timeout = timeout
        self.limit = timeout + grace
        self.roots = roots
        self.fired = False
        self.killed: set[int] = set()
        self._deadline: float | None = None
        self._stopping = False
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Watchdog:
        self._thread = threading.Thread(target=self._run, name="handbook-browser-watchdog",
                                        daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        with self._lock:
            while not self._stopping:
                if self._deadline is None:
                    self._lock.wait()
                    continue
                left = self._deadline - time.monotonic()
                if left > 0:
                    self._lock.wait(left)
                    continue
                self._deadline = None
                self.fired = True
                self.killed |= kill_tree(self.roots())

    def _timeout_error(self) -> Exception:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        # failure_hint turns a Playwright timeout into "reageerde niet binnen".
        return PlaywrightTimeout(f"watchdog: no answer within {self.timeout:g} s; "
                                 "the browser was stopped")

    @contextmanager
    def watch(self) -> Iterator[None]:
        """Run the body under the deadline; raise a timeout if it passed."""
        from playwright.sync_api import Error as PlaywrightError

        if self.fired:
            raise self._timeout_error()
        with self._lock:
            self._deadline = time.monotonic() + self.limit
            self._lock.notify()
        try:
            yield
        except PlaywrightError:
            if self.fired:
                raise self._timeout_error() from None
            raise
        finally:
            with self._lock:
                self._deadline = None
        if self.fired:
            raise self._timeout_error()

    def guard(self, target: Any) -> Any:
        """``target`` with every method call watched; pages and contexts it
        returns are guarded too."""
        return _Guarded(target, self)


class _Guarded:
    """A Playwright object whose method calls run under a watchdog."""

    def __init__(self, target: Any, dog: Watchdog):
        self._target = target
        self._dog = dog

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def call(*args: Any, **kwargs: Any) -> Any:
            with self._dog.watch():
                result = value(*args, **kwargs)
            return _maybe_guard(result, self._dog)

        return call


def _maybe_guard(result: Any, dog: Watchdog) -> Any:
    from playwright.sync_api import Browser, BrowserContext, Page

    return dog.guard(result) if isinstance(result, (Browser, BrowserContext, Page)) else result


# -- the one place a browser is started -----------------------------------------

@contextmanager
def session(executable: Path, timeout: float) -> Iterator[Any]:
    """A guarded Chromium browser: started, watched, closed, and its driver
    stopped. Raises Playwright's errors (a hang as its TimeoutError)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    before = drivers()
    pw = sync_playwright().start()
    try:
        ours = drivers() - before
        with Watchdog(timeout, lambda: ours) as dog:
            browser = dog.guard(pw.chromium).launch(
                executable_path=str(executable), args=LAUNCH_ARGS, timeout=timeout * 1000)
            try:
                yield browser
            except BaseException:
                with suppress(PlaywrightError):
                    browser.close()  # it crashed or was killed: the error in flight says so
                raise
            browser.close()
    finally:
        pw.stop()
