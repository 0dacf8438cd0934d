"""Two builds at once in one checkout (issue 25): the second waits for the
first, says so in Dutch, and neither spoils the other. A build killed with
SIGKILL leaves no lock behind (the kernel drops a flock with its holder)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from fault_helpers import FIGURES, build, command, differences, sample, tree

pytestmark = pytest.mark.slow

WAITING = "Er loopt al een bouw in deze map"


def held(lock: Path) -> bool:
    """Whether some process holds the build lock now."""
    if not lock.is_file():
        return False
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def start(src: Path, builddir: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(command(src, builddir), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env,
                            start_new_session=True)


def wait_until(condition, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture
def lab(tmp_path):
    # The reader's browser draws the diagrams: no Chromium, a quicker build.
    env = {**os.environ, "HANDBOOK_DIAGRAMS": "client"}
    src = sample(tmp_path / "src")
    clean = build(src, tmp_path / "clean", env=env)
    assert clean.returncode == 0, clean.stdout
    return src, tmp_path / "_build", env, tree(tmp_path / "clean" / "html")


def test_second_build_waits_for_the_first(lab):
    src, builddir, env, expected = lab
    lock = builddir / "doctrees" / "handbook-build.lock"
    first = start(src, builddir, env)
    wait_until(lambda: held(lock) or first.poll() is not None)
    assert first.poll() is None, "the first build ended before the second started"
    second = start(src, builddir, env)
    out_first, _ = first.communicate(timeout=300)
    first_done = time.monotonic()
    out_second, _ = second.communicate(timeout=300)
    assert first.returncode == 0, out_first
    assert second.returncode == 0, out_second
    waited = [line for line in out_second.splitlines() if WAITING in line]
    assert len(waited) == 1, out_second
    assert WAITING not in out_first
    assert time.monotonic() >= first_done
    assert differences(expected, tree(builddir / "html")) == []
    assert not held(lock)


def test_a_killed_build_leaves_no_lock(lab):
    src, builddir, env, expected = lab
    lock = builddir / "doctrees" / "handbook-build.lock"
    first = start(src, builddir, env)
    wait_until(lambda: held(lock) or first.poll() is not None)
    assert first.poll() is None, "the build ended before it could be killed"
    os.killpg(first.pid, signal.SIGKILL)
    first.communicate()
    # The kernel drops the lock as the last process of the group goes.
    wait_until(lambda: not held(lock), limit=10)
    started = time.monotonic()
    again = build(src, builddir, env=env)
    assert again.returncode == 0, again.stdout
    assert WAITING not in again.stdout
    assert "de vorige bouw is afgebroken" in again.stdout
    assert time.monotonic() - started < 120
    assert differences(expected, tree(builddir / "html")) == []
    FIGURES["kills survived"] += 1
