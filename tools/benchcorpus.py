"""Synthetic handbook corpora for the benchmark and the incremental-build test.

``write_corpus`` lays out a handbook with N sessions and P plays that uses the
real configuration and extension (``flavour="handbook"``) or the same text with
our directives replaced by plain admonitions and tables (``flavour="plain"``),
so the two builds differ only in what the extension does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a corpus needs from the real project: configuration, extension, assets.
PROJECT_FILES = ("conf.py", "_ext", "_static", "_templates", "locale", "node_modules")
SKIP_TOP = {"sessions", "playbook", "overzichten"}

LOREM = (
    "Het team maakt eerst een plan en test het daarna klein. "
    "Collega's op de werkvloer leveren de ideeen en de beelden. "
    "De resultaten gaan elke maand terug naar het hele team. "
)


def play_id(j: int) -> str:
    return f"play-{j:02d}"


def session_id(i: int) -> str:
    return f"sessie-{i:04d}"


def learning_plays(i: int, k: int, plays: int) -> str:
    return play_id((i * 3 + k) % plays)


def front_matter(i: int) -> str:
    return f"""---
session:
  date: 2018-11-14
  event: "Benchmarkcongres {i // 50}"
  venue: COMM, Den Haag
  speakers:
    - name: Spreker {i}
      organisation: Organisatie {i % 37}
  organisations: [Organisatie {i % 37}]
  channels: [Kanaal {i % 7}]
  themes: [Thema {i % 11}, Thema {(i + 5) % 11}]
  summary: Samenvatting van sessie {i}.
---
"""


def session_page(i: int, plays: int, flavour: str, prose: str = "") -> str:
    parts = [front_matter(i), f"# Sessie {i}\n\n{LOREM * 3}\n{prose}\n"]
    for k in range(3):
        lid = f"{session_id(i)}-les-{k}"
        title = f"Les {k} van sessie {i}"
        target = learning_plays(i, k, plays)
        if flavour == "handbook":
            parts.append(f":::{{learning}} {title}\n:id: {lid}\n:play: {target}\n{LOREM}\n:::\n")
        else:
            parts.append(f"({lid})=\n:::{{admonition}} {title}\n{LOREM}\n:::\n")
    before, after = 100 + i, 250 + 2 * i
    if flavour == "handbook":
        parts.append(
            ":::{keyfigures} Kerncijfers\n"
            f"- channel: Kanaal {i % 7}\n  measure: Volgers\n  before: {before}\n  after: {after}\n"
            f"- channel: Kanaal {i % 7}\n  measure: Bereik\n  value: {1000 * i + 17}\n  unit: mensen\n"
            ":::\n"
        )
    else:
        parts.append(
            "| Kanaal | Maat | Waarde |\n| --- | --- | --- |\n"
            f"| Kanaal {i % 7} | Volgers | {before} → {after} |\n"
            f"| Kanaal {i % 7} | Bereik | {1000 * i + 17} mensen |\n"
        )
    parts.append(
        "```mermaid\nflowchart LR\n  accTitle: Verloop\n  accDescr: Van plan naar meting.\n"
        f"  A[Plan {i % 5}] --> B[Uitvoering] --> C[Meting]\n```\n"
    )
    return "\n".join(parts)


def play_page(j: int, flavour: str) -> str:
    body = "```{evidence}\n```\n" if flavour == "handbook" else ""
    return f"# Aanpak {j}\n\nDeze aanpak helpt bij een campagne.\n\n## Onderbouwing\n\n{body}\n{LOREM}\n"


def index_page(title: str, entries: list[str]) -> str:
    toc = "\n".join(entries)
    return f"# {title}\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n"


def write_corpus(dest: Path, sessions: int, plays: int = 20, flavour: str = "handbook") -> Path:
    """Write a corpus into dest (replacing it) and return dest."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            # node_modules is large: link it instead of copying.
            if name == "node_modules":
                (dest / name).symlink_to(src)
            else:
                shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    if flavour == "plain":
        # Plain Sphinx: the same configuration without our extension.
        with open(dest / "conf.py", "a") as conf:
            conf.write('\nextensions = [e for e in extensions if e != "handbook"]\n')
    (dest / "sessions").mkdir()
    (dest / "playbook").mkdir()
    for i in range(sessions):
        (dest / "sessions" / f"{session_id(i)}.md").write_text(session_page(i, plays, flavour))
    for j in range(plays):
        (dest / "playbook" / f"{play_id(j)}.md").write_text(play_page(j, flavour))
    (dest / "sessions" / "index.md").write_text(
        index_page("Sessies", [session_id(i) for i in range(sessions)]))
    (dest / "playbook" / "index.md").write_text(
        index_page("Playbook", [play_id(j) for j in range(plays)]))
    root_entries = ["sessions/index", "playbook/index"]
    overviews = ROOT / "overzichten"
    if flavour == "handbook" and overviews.is_dir():
        shutil.copytree(overviews, dest / "overzichten")
        root_entries.append("overzichten/index")
    (dest / "index.md").write_text(index_page("Benchmarkhandboek", root_entries))
    return dest
