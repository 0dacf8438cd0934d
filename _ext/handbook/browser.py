"""Finding a Chromium-family browser on this machine (never downloading one).

Shared by everything that needs a real browser: the PDF builder, build-time
diagram rendering and the tests. Order: ``$HANDBOOK_BROWSER``, then Chromium,
Chrome or Edge on the PATH or in their usual install locations.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ENV_VAR = "HANDBOOK_BROWSER"
CANDIDATES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "microsoft-edge-stable",
)
KNOWN_PATHS = (
    "/usr/bin/chromium",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
    "/opt/microsoft/msedge/msedge",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "C:/Program Files/Google/Chrome/Application/chrome.exe",
    "C:/Program Files (x86)/Microsoft/Edge/Application/msedge.exe",
)
INSTALL_HINT = (
    "Geen Chromium, Chrome of Edge gevonden. Installeer er een "
    "(Debian/Ubuntu: 'sudo apt-get install chromium') of wijs er een aan met "
    f"{ENV_VAR}=/pad/naar/browser."
)

# Flags for a headless browser on a closed network: no background traffic to
# update, sync or safe-browsing services, which would fail (and leak) here.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class BrowserNotFound(RuntimeError):
    pass


def find_browser() -> Path:
    """Return the browser executable, or raise BrowserNotFound with a hint."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        found = shutil.which(configured)
        if found:
            return Path(found)
        raise BrowserNotFound(f"{ENV_VAR}={configured} is geen uitvoerbaar programma.")
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    for path in KNOWN_PATHS:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return Path(path)
    raise BrowserNotFound(INSTALL_HINT)


def failure_hint(exc: BaseException, timeout: float, setting: str) -> str:
    """One Dutch line for a browser that crashed, hung or was killed, with
    what to do. Playwright's own text (English, many lines) is left out: it
    names the browser's internals, not the reader's next step."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    what = (f"reageerde niet binnen {timeout:g} seconden ({setting} in conf.py)"
            if isinstance(exc, PlaywrightTimeout) else "stopte onverwacht")
    return (f"de browser {what}. Probeer het opnieuw; gaat het weer mis, sluit dan andere "
            f"programma's of kies een andere browser met {ENV_VAR}=/pad/naar/browser.")
