"""make livehtml shows the build's problems in the browser (issue 21).

sphinx-autobuild reloads the page after every build, also a failed one, so
an author who broke something saw the old page and no sign of trouble. In
preview mode (``HANDBOOK_PREVIEW=1``, set by ``make livehtml``, which builds
into its own folder) every page loads ``handbook-preview.js``; the build
rewrites that script at its end with the problems of this run (file:line and
message, in Dutch where the handbook wrote them), and it shows them in a
banner at the top of the page. A clean build leaves an empty list: no banner.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.logging import (
    SafeEncodingWriter,
    WarningStreamHandler,
    get_node_location,
    is_suppressed_warning,
)

SWITCH = "HANDBOOK_PREVIEW"
SCRIPT = "handbook-preview.js"
STYLE = "handbook-preview.css"

_collectors: dict[int, _Collector] = {}


def enabled() -> bool:
    return os.environ.get(SWITCH, "") not in ("", "0")


class _Collector(WarningStreamHandler):
    """Every warning of this build, once (not the suppressed ones).

    A WarningStreamHandler, so Sphinx treats it as it treats its own: while
    it holds warnings back (reading in parallel, say) it takes this handler
    off too and hands it each warning once, afterwards."""

    def __init__(self, app: Sphinx) -> None:
        # Never written to: emit() keeps the records.
        super().__init__(SafeEncodingWriter(io.StringIO()))
        self.setLevel(logging.WARNING)
        self.app = app
        self.problems: list[dict[str, str]] = []

    def where(self, location: object) -> str:
        env = self.app.env
        if isinstance(location, tuple):
            docname, line = location
            where = f"{env.doc2path(docname)}:{line}" if line else str(env.doc2path(docname))
        elif isinstance(location, nodes.Node):
            where = get_node_location(location) or ""
        elif isinstance(location, str):
            where = location if ":" in location else str(env.doc2path(location))
        else:
            where = ""
        return where.removeprefix(f"{self.app.srcdir}{os.sep}")

    def emit(self, record: logging.LogRecord) -> None:
        kind, sub = getattr(record, "type", "") or "", getattr(record, "subtype", "") or ""
        if is_suppressed_warning(kind, sub, self.app.config.suppress_warnings):
            return
        # The plain message: Sphinx's record class puts "path:line: WARNING: "
        # before it, and may have added the " [type.subtype]" suffix.
        message = re.sub(r" \[[\w.-]+\]$", "", logging.LogRecord.getMessage(record))
        problem = {"where": self.where(getattr(record, "location", None)), "message": message}
        if problem not in self.problems:
            self.problems.append(problem)


def start(app: Sphinx) -> None:
    if not enabled() or app.builder.format != "html":
        return
    collector = _Collector(app)
    _collectors[id(app)] = collector
    logging.getLogger("sphinx").addHandler(collector)
    app.add_css_file(STYLE)
    app.add_js_file(SCRIPT)


def finish(app: Sphinx, exception: Exception | None) -> None:
    collector = _collectors.pop(id(app), None)
    if collector is None:
        return
    logging.getLogger("sphinx").removeHandler(collector)
    stopped = f"{type(exception).__name__}: {exception}" if exception is not None else ""
    data = json.dumps({"problems": collector.problems, "stopped": stopped}, ensure_ascii=False)
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / SCRIPT).write_text(SCRIPT_TEXT.replace("__DATA__", data), encoding="utf-8")


SCRIPT_TEXT = """// make livehtml: the problems of the last build (written by the build).
(() => {
  const { problems, stopped } = __DATA__;
  if (!problems.length && !stopped) return;
  const show = () => {
    const banner = document.createElement("section");
    banner.className = "handbook-preview-problems";
    banner.setAttribute("role", "alert");
    // It scrolls when the list is long: reachable with the keyboard too.
    banner.tabIndex = 0;
    const head = document.createElement("p");
    const count = problems.length === 1 ? "1 probleem" : problems.length + " problemen";
    head.textContent = stopped
      ? "De bouw is gestopt: " + stopped + ". Deze pagina is misschien oud."
      : "De bouw heeft " + count + ". Los ze op; tot dan is de bouw niet goed.";
    banner.append(head);
    const list = document.createElement("ul");
    for (const { where, message } of problems) {
      const item = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = where || "(geen bestand)";
      item.append(code, " " + message);
      list.append(item);
    }
    if (problems.length) banner.append(list);
    document.body.prepend(banner);
  };
  if (document.body) show(); else addEventListener("DOMContentLoaded", show);
})();
"""
