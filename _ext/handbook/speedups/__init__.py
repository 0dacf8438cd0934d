"""Speed-ups: the same site, built faster. A separate extension.

conf.py lists ``handbook.speedups`` on its own line; remove that line and the
handbook builds the same bytes, only slower (``tests/test_speedups.py``
builds the site both ways and compares every file). Each speed-up is a
module of its own, loadable alone, and stays only while ``make bench`` shows
it earns its keep (its share is printed there).

- :mod:`.navigation`     Furo's sidebar tree once per folder, not per page
- :mod:`.small_builds`   a small rebuild without worker processes
- :mod:`.matrix`         the sessions x plays matrix written as HTML
- :mod:`.gc_freeze`      the loaded environment out of the collector's way

The one that needs the handbook's content model (matrix) is loaded only
when the ``handbook`` extension is, so the benchmark's plain corpus can use
the others. Removed after measuring (each saved nothing at 1,000 sessions):
a cache of validation results and a cache of compiled page templates.
Private upstream internals they lean on are registered in
``handbook.internals``.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx

# Module names, in the order they are set up.
GENERAL = ("navigation", "small_builds", "gc_freeze")
WITH_MODEL = ("matrix",)
# For measuring one speed-up's share (tools/bench.py): a comma-separated
# list of speed-ups to leave out, e.g. HANDBOOK_SPEEDUPS_OFF=matrix.
OFF = "HANDBOOK_SPEEDUPS_OFF"


def setup(app: Sphinx) -> dict[str, Any]:
    names = GENERAL + (WITH_MODEL if "handbook" in app.extensions else ())
    off = {name.strip() for name in os.environ.get(OFF, "").split(",")}
    for name in names:
        if name not in off:
            app.setup_extension(f"{__name__}.{name}")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
