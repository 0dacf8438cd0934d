"""Run sphinx-build quietly: the full output goes to a log file, the screen
shows only the problems (as they come) and a short Dutch summary.

    python tools/quiet_build.py LOGFILE -- sphinx-build -M html . _build ...

Sphinx prints about forty lines of English per build, among them MyST's
configuration dump; the line an author needs drowns in it (issue 21). The
exit code is sphinx-build's own. ``make html V=1`` skips this runner.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# "path/to/file.md:12: WARNING: text" (the location may lack a line or be
# absent); Sphinx's -W --keep-going prints ERROR and CRITICAL the same way.
# A warning can follow a progress line that has no line break yet
# ("checking consistency... ").
PROBLEM = re.compile(r"^(?P<status>[a-z][^:]*?\.\.\. )?"
                     r"(?:(?P<loc>\S.*?):(?P<line>\d*):? )?(?:WARNING|ERROR|CRITICAL): ")
# The handbook extension's own count (_ext/handbook/summary.py): Sphinx's
# progress lines name ranges of pages when it writes in parallel.
WRITTEN = re.compile(r"^Pagina's geschreven: (?P<count>\d+)\.")
DIAGRAMS = re.compile(r"^Diagrammen: .*")
# The review notice (_ext/handbook/directives/governance.py): a notice, not a
# problem, shown as it comes.
REVIEW = re.compile(r"^Te herzien: ")
# The extension's own notices (a damaged cache thrown away, an interrupted
# build, another build running): shown, but not problems. Like a problem,
# one can follow a progress line that has no line break yet.
NOTICE = re.compile(r"(?:Let op: |Er loopt al een bouw ).*")
SHOWN_ON_CRASH = 25


def shorter(location: str) -> str:
    """A path under the current folder, relative to it."""
    here = str(Path.cwd()) + "/"
    return location[len(here):] if location.startswith(here) else location


def by_file_line(where: str) -> tuple[str, int]:
    file, _, line = where.rpartition(":")
    return (file, int(line)) if line.isdigit() else (where, 0)


@dataclass
class Summary:
    pages: int | None = None
    diagrams: str = ""
    problems: list[str] = field(default_factory=list)
    in_problem: bool = False

    def feed(self, line: str) -> str | None:
        """Note one output line; return what the reader should see of it now."""
        if (m := PROBLEM.match(line)) is not None:
            where = shorter(m["loc"]) if m["loc"] else "(geen bestand)"
            self.problems.append(f"{where}:{m['line']}" if m["line"] else where)
            self.in_problem = True
            return shorter(line[m.end("status"):] if m["status"] else line)
        # A message may go on over indented lines (a parser's own text).
        if self.in_problem and line[:1] in (" ", "\t") and line.strip():
            return line
        self.in_problem = False
        if REVIEW.match(line):
            return line
        if (m := NOTICE.search(line)) is not None:
            return m[0]
        if (m := WRITTEN.match(line)) is not None:
            self.pages = int(m["count"])
        elif (m := DIAGRAMS.match(line)) is not None:
            self.diagrams = m[0]
        return None

    def text(self, returncode: int, log: Path) -> str:
        count = self.pages
        pages = {None: "", 0: "Geen pagina's opnieuw geschreven.", 1: "1 pagina geschreven."}.get(
            count, f"{count} pagina's geschreven.")
        lines = [f"{pages} {self.diagrams}".strip()] if pages or self.diagrams else []
        if self.problems:
            n = len(self.problems)
            lines.append(f"Mislukt: {n} {'probleem' if n == 1 else 'problemen'} "
                         "(de meldingen staan hierboven):")
            lines += [f"  {where}" for where in sorted(self.problems, key=by_file_line)]
        elif returncode != 0:
            lines.append(f"Mislukt: de bouw stopte (code {returncode}); "
                         "het einde van de uitvoer staat hierboven.")
        else:
            lines.append("Klaar, zonder problemen.")
        lines.append(f"Volledige uitvoer: {log}")
        return "\n".join(lines)


def run(log: Path, command: list[str], echo: Callable[[str], None] = print) -> int:
    log.parent.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    tail: list[str] = []
    with log.open("w", encoding="utf-8") as out, subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        encoding="utf-8", errors="replace", bufsize=1,
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            out.write(line)
            if (shown := summary.feed(line.rstrip("\n"))) is not None:
                echo(shown)
            tail = [*tail[-(SHOWN_ON_CRASH - 1):], line]
    if proc.returncode != 0 and not summary.problems:
        echo("".join(tail).rstrip("\n"))
    echo(summary.text(proc.returncode, log))
    return proc.returncode


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    return run(Path(argv[0]), argv[2:], functools.partial(print, flush=True))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
