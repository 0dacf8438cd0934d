"""Where the pinned Mermaid package lives: one path for every use.

``npm ci`` installs it from package-lock.json into ``node_modules/mermaid``
next to conf.py. The build draws with its classic bundle, the reader's
browser falls back to its ES module, and the cache keys on its version.
"""

from __future__ import annotations

import json
from pathlib import Path

PACKAGE = Path("node_modules") / "mermaid"
BUNDLE = "mermaid.min.js"  # for drawing at build time (a classic script)
ENTRY = "mermaid.esm.min.mjs"  # for the in-browser fallback (conf.py: mermaid_use_local)
CHUNKS = Path("chunks") / "mermaid.esm.min"


def dist(confdir: str | Path) -> Path:
    return Path(confdir) / PACKAGE / "dist"


def version(confdir: str | Path) -> str:
    try:
        return json.loads((Path(confdir) / PACKAGE / "package.json").read_text(encoding="utf-8"))[
            "version"]
    except (OSError, ValueError, KeyError):
        return "unknown"
