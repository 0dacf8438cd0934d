"""One build at a time, and an interrupted build is harmless (issue 25).

**One at a time.** A second build in the same checkout (a second terminal,
an editor's build task, ``make pdf`` during ``make html``) shares the
doctrees, the environment pickle and the caches. It takes an exclusive
``flock`` on ``handbook-build.lock`` in the doctree folder (under
``_build``) before Sphinx loads anything, and waits with a Dutch message
while another build holds it. The kernel drops the lock when the holder
exits, also after SIGKILL, so a killed build never leaves a stale lock.

**Interrupted.** While a build runs, ``handbook-build.running`` stands next
to the lock; the last build-finished handler removes it. Sphinx writes its
environment pickle, the doctrees and the pages in place, so a build killed
half-way can leave any of them cut short, and an HTML page newer than its
source that Sphinx would never write again. Finding the marker, the next
build starts afresh: the environment pickle and ``.buildinfo`` go (Sphinx
then reads and writes every page), and so do the temporary files of the
atomic writes (:mod:`handbook.cachefile`). The content-keyed caches stay:
they are written atomically.

**Damaged without an interruption** (a disk that filled up, a file edited
by hand): an environment pickle or a doctree that is cut short or not a
pickle is thrown away with one Dutch notice, and the pages it held are read
again.
"""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import cachefile

logger = logging.getLogger(__name__)

LOCK = "handbook-build.lock"
RUNNING = "handbook-build.running"
ENV_PICKLE = "environment.pickle"  # sphinx.application.ENV_PICKLE_FILENAME
# The lock files this process holds, by path: a second app on the same
# folder in one process (the tests) must not wait for itself.
_held: dict[str, int] = {}


def _lock(folder: Path) -> None:
    path = folder / LOCK
    if str(path) in _held:
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
        logger.info(f"Er loopt al een bouw in deze map (proces {holder}). Deze bouw wacht tot "
                    "die klaar is. Niet wachten? Stop deze bouw met Ctrl-C.")
        # Seen now, not when the waiting is over (stdout to a pipe is buffered).
        sys.stdout.flush()
        fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    _held[str(path)] = fd


def _unlock(folder: Path) -> None:
    fd = _held.pop(str(folder / LOCK), None)
    if fd is not None:
        os.close(fd)  # closing the only descriptor releases the flock


def start(app: Sphinx, config: Config) -> None:
    """config-inited, first: lock, then clean up after an interrupted build."""
    doctrees, outdir = Path(app.doctreedir), Path(app.outdir)
    _lock(doctrees)
    marker = doctrees / RUNNING
    if marker.exists():
        logger.info("Let op: de vorige bouw is afgebroken. Deze bouw begint opnieuw "
                    "en schrijft alle pagina's.")
        cachefile.recovered.append(str(marker))
        (doctrees / ENV_PICKLE).unlink(missing_ok=True)
        for folder in {outdir, *_outdirs(marker)}:
            (folder / ".buildinfo").unlink(missing_ok=True)
            for leftover in cachefile.leftovers(folder):
                leftover.unlink(missing_ok=True)
        for leftover in cachefile.leftovers(doctrees):
            leftover.unlink(missing_ok=True)
    else:
        _check_pickle(doctrees / ENV_PICKLE, "de opgeslagen omgeving van Sphinx")
    # Which output folder this build writes, for the cleanup above.
    cachefile.write_atomic(marker, f"{outdir}\n")


def _outdirs(marker: Path) -> list[Path]:
    try:
        return [Path(line) for line in marker.read_text(encoding="utf-8").splitlines() if line]
    except (OSError, UnicodeDecodeError):
        return []


def finish(app: Sphinx, exception: Exception | None) -> None:
    """build-finished, last: the build ran to its end (an exception too, for
    which Sphinx itself drops the environment pickle)."""
    doctrees = Path(app.doctreedir)
    (doctrees / RUNNING).unlink(missing_ok=True)
    _unlock(doctrees)


def _intact_pickle(path: Path) -> bool:
    """Cheap: a pickle of protocol 2+ starts with PROTO and ends with STOP.
    A cut-short or overwritten file fails this; reading it whole would cost
    as much as the build saves."""
    try:
        with open(path, "rb") as f:
            head = f.read(2)
            f.seek(-1, os.SEEK_END)
            tail = f.read(1)
    except OSError:
        return False
    return head[:1] == b"\x80" and head[1:2] >= b"\x02" and tail == b"."


def _check_pickle(path: Path, what: str) -> bool:
    if path.exists() and not _intact_pickle(path):
        cachefile.discard(path, what)
        return False
    return True


def damaged_doctrees(app: Sphinx, env: BuildEnvironment, added: set[str],
                     changed: set[str], removed: set[str]) -> list[str]:
    """env-get-outdated: pages whose stored doctree is missing or damaged are
    read again (Sphinx would stop with a traceback when it loads them)."""
    doctrees = Path(app.doctreedir)
    again = []
    for docname in sorted(env.all_docs.keys() - added - changed - removed):
        path = doctrees / f"{docname}.doctree"
        if not path.exists() or not _check_pickle(path, f"de opgeslagen pagina {docname}"):
            again.append(docname)
    return again
