"""make linkcheck: Sphinx's link check, with one Dutch line instead of a list
of "broken" links when this machine reaches none of the external addresses.

    python tools/linkcheck.py OUTPUT_JSON LOGFILE -- sphinx-build -M linkcheck ...

Without internet every external link fails to connect, and Sphinx would call
each one broken (issue 21). When not a single external link answered and
every failure is a connection failure (no HTTP status at all), the links
could not be checked: we say so and exit with 3. Otherwise the run is shown
as ``make html`` shows a build (tools/quiet_build.py) with its own exit code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from quiet_build import run  # tools/, next to this script

NOT_CHECKED = 3
ANSWERED = {"working", "redirected"}


def external_results(output: Path) -> list[dict]:
    if not output.is_file():
        return []
    results = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    return [r for r in results if r["uri"].startswith(("http://", "https://"))]


def unreachable(results: list[dict]) -> bool:
    """True when no external address answered at all: no link worked and no
    broken link got an HTTP status (code 0 means the connection failed)."""
    checked = [r for r in results if r["status"] in ANSWERED | {"broken", "timeout"}]
    return bool(checked) and all(r["status"] in ("broken", "timeout") and not r["code"]
                                 for r in checked)


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    output, log, command = Path(argv[0]), Path(argv[1]), argv[3:]
    output.unlink(missing_ok=True)
    # Held back until we know: when offline, a list of "broken" links is
    # exactly what the reader should not see.
    shown: list[str] = []
    code = run(log, command, shown.append)
    if not output.is_file():  # the run stopped before checking anything
        print("\n".join(shown))
        return code or 1
    results = external_results(output)
    if unreachable(results):
        hosts = {r["uri"].split("/")[2] for r in results}
        print(f"Externe links niet gecontroleerd: deze computer bereikt geen van de "
              f"{len(hosts)} externe adressen (geen internetverbinding?). Probeer het opnieuw "
              f"met internet; de links zelf zijn niet afgekeurd. Volledige uitvoer: {log}")
        return NOT_CHECKED
    # Sphinx reports a broken link as a line of its own output, not as a
    # warning: list them here, in Dutch, by file and line.
    broken = [r for r in results if r["status"] in ("broken", "timeout")]
    for r in broken:
        print(f"{r['filename']}:{r['lineno']}: kapotte link: {r['uri']} ({r['info'][:200]})")
    print(f"{len(results)} externe links gecontroleerd, {len(broken)} kapot. "
          f"Volledige uitvoer: {log}")
    return 1 if broken else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
