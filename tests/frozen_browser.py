"""A real Chromium that freezes in the middle of its work (issue 25).

Used as HANDBOOK_BROWSER by tests/test_fault_watchdog.py. Playwright talks to
Chromium over two pipes (file descriptors 3 and 4, ``--remote-debugging-pipe``,
messages ending in a NUL byte). This program starts the real browser with
those pipes running through itself, and passes every message on. When
Playwright sends a message that contains one of $FREEZE_ON's parts
(separated by "||": the drawing script of the diagrams, the command that
prints a PDF), it stops the browser and every process below it with SIGSTOP
before the message reaches the browser: the browser is alive, but never
answers again. (Stopping it a moment after the message came too late: a
recent Chromium draws three diagrams in under 0.3 s.) With
FREEZE_SIGNAL=SIGKILL it kills them instead: a browser killed in the middle
of its work. Each process is written to $FREEZE_LOG as "pid start-time", so
a test can check that none of them is left behind.

Run as a script: ``frozen_browser.py <chromium arguments>``; the real
browser is $REAL_BROWSER.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path


def start_time(pid: int) -> str | None:
    """Field 22 of /proc/<pid>/stat: tells a process from a later one with its pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def state(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [root], [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.append(child)
            todo.append(child)
    return found


def freeze(root: int, log: Path, signum: int = signal.SIGSTOP) -> None:
    stopped: set[int] = set()
    # Again until nothing new: a process may fork while we look.
    while new := [pid for pid in tree(root) if pid not in stopped]:
        for pid in new:
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                continue
            stopped.add(pid)
            with log.open("a", encoding="utf-8") as out:
                out.write(f"{pid} {start_time(pid)}\n")


def relay(source: int, target: int, triggers: list[bytes], on_trigger=None) -> None:
    pending = b""
    while True:
        try:
            data = os.read(source, 65536)
        except OSError:
            data = b""
        if not data:
            os.close(target)  # the other side learns the pipe is closed
            return
        if triggers and on_trigger is not None:
            # Whole messages only: a trigger may span two reads.
            pending += data
            *messages, pending = pending.split(b"\0")
            if any(t in message for message in messages for t in triggers):
                on_trigger()  # before the browser can answer it
                triggers = []
        os.write(target, data)


def main() -> None:
    triggers = [part.encode() for part in os.environ["FREEZE_ON"].split("||")]
    signum = signal.Signals[os.environ.get("FREEZE_SIGNAL", "SIGSTOP")]
    log = Path(os.environ["FREEZE_LOG"])
    # Playwright's pipes: we read its commands from 3 and answer on 4.
    from_playwright, to_playwright = os.dup(3), os.dup(4)
    to_browser_r, to_browser_w = os.pipe()
    from_browser_r, from_browser_w = os.pipe()
    os.dup2(to_browser_r, 3, inheritable=True)
    os.dup2(from_browser_w, 4, inheritable=True)
    browser = subprocess.Popen([os.environ["REAL_BROWSER"], *sys.argv[1:]], pass_fds=(3, 4))
    for fd in (3, 4, to_browser_r, from_browser_w):
        os.close(fd)

    def on_trigger() -> None:
        freeze(browser.pid, log, signum)

    threading.Thread(target=relay, args=(from_browser_r, to_playwright, []),
                     daemon=True).start()
    threading.Thread(target=relay, args=(from_playwright, to_browser_w, triggers, on_trigger),
                     daemon=True).start()
    sys.exit(browser.wait())


if __name__ == "__main__":
    main()
