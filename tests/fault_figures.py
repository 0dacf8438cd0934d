"""The figures of issue 25 in the test summary: kills survived, inputs
tried, damaged caches recovered. The fault tests count them in
fault_helpers.FIGURES; this plugin prints them after the run and keeps them
in _build/fault-figures.json (tools/bench.py prints that file too)."""

from __future__ import annotations

from fault_helpers import FIGURES, save_figures

ORDER = ("kills survived", "inputs tried", "damaged caches recovered")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not FIGURES:
        return
    terminalreporter.section("bestand tegen fouten (issue 25)")
    for name in [*ORDER, *sorted(FIGURES.keys() - set(ORDER))]:
        if name in FIGURES:
            terminalreporter.write_line(f"{name}: {FIGURES[name]}")
    save_figures()
