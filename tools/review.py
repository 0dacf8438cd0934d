"""make review: the pages whose review-by date has passed or comes soon.

Reads the governance: block of every Markdown page (the same schema and the
same "today" as the build: SOURCE_DATE_EPOCH when set), prints the list in
Dutch and exits 1 when a page is overdue, 0 otherwise. Needs no build.

    python tools/review.py [SOURCE_DIR]
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from handbook.model import frontmatter, governance  # noqa: E402
from handbook.model.schema import problems  # noqa: E402

SKIP = {"_build", "node_modules", "tests", "_templates", "tools", ".venv", ".venv-compat"}


def pages(srcdir: Path) -> list[Path]:
    found = []
    for path in sorted(srcdir.rglob("*.md")):
        parts = path.relative_to(srcdir).parts
        if SKIP & set(parts) or any(p.startswith(".") for p in parts):
            continue
        if len(parts) == 1 and path.name in {"README.md", "MAINTAINERS.md"}:
            continue
        found.append(path)
    return found


def title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def collect(srcdir: Path) -> list[tuple[str, str, str, str, str]]:
    conf = runpy.run_path(str(srcdir / "conf.py")) if (srcdir / "conf.py").exists() else {}
    default_owner = (conf.get("handbook_owner") or conf.get("handbook_publisher")
                     or conf.get("author") or "")
    rows = []
    for path in pages(srcdir):
        text = path.read_text(encoding="utf-8")
        block = frontmatter._block(text)
        try:
            data = yaml.safe_load(block) if block else None
        except yaml.YAMLError:
            continue
        if not isinstance(data, dict) or "governance" not in data:
            continue
        record, _found = problems(governance.Governance, data["governance"])
        if record is None:
            continue  # the build reports it with file and line
        state = governance.status(record.review_by.isoformat())
        if state != governance.CURRENT:
            rows.append((record.review_by.isoformat(), state, path.relative_to(srcdir).as_posix(),
                         title(text, path.stem), record.owner or default_owner))
    return sorted(rows)


def main(argv: list[str]) -> int:
    srcdir = Path(argv[0]) if argv else ROOT
    rows = collect(srcdir)
    day = governance.today().isoformat()
    if not rows:
        print(f"Te herzien: geen pagina's (vandaag: {day}).")
        return 0
    overdue = sum(1 for row in rows if row[1] == governance.OVERDUE)
    print(f"Te herzien (vandaag: {day}): {overdue} over de datum, "
          f"{len(rows) - overdue} binnen {governance.SOON_DAYS} dagen.")
    for review_by, state, path, name, owner in rows:
        mark = "TE LAAT  " if state == governance.OVERDUE else "binnenkort"
        print(f"  {mark} {review_by}  {path}  {name}  (eigenaar: {owner})")
    return 1 if overdue else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
