"""Synthetic handbook corpora for the benchmark and the incremental-build test.

``write_corpus`` lays out a handbook with N sessions and P plays that uses the
real configuration and extension (``flavour="handbook"``) or the same content
written by hand in plain MyST (``flavour="plain"``): admonitions, tables,
lists, links and Mermaid blocks in place of what our directives generate
(session card, learnings, key figures and charts, "Toegepast in", evidence
lists, overview pages). Both builds show the same content, so they differ
only in the work the extension does.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a corpus needs from the real project: configuration, extension, assets.
PROJECT_FILES = ("conf.py", "_ext", "_static", "_templates", "locale", "node_modules")
SKIP_TOP = {"sessions", "playbook", "overzichten"}
OVERVIEW = re.compile(r"```\{overview\} (\w+)\n```\n")

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


# Sessions per event: a congress day of 50 sessions, so the map and the
# session list are checked on a handbook with many events.
PER_EVENT = 50


def event_id(i: int) -> str:
    return f"bench-{i // PER_EVENT}"


def events_file(sessions: int) -> str:
    return "".join(f"- id: bench-{k}\n  name: Benchmarkcongres {k}\n  date: 2018-11-14\n"
                   f"  venue: COMM, Den Haag\n" for k in range(max(1, -(-sessions // PER_EVENT))))


def vocabularies_file() -> str:
    def block(name: str, values: list[str]) -> str:
        return f"{name}:\n" + "".join(f"  - {v}\n" for v in values)
    return (block("channels", [f"Kanaal {k}" for k in range(7)])
            + block("themes", [f"Thema {k}" for k in range(11)])
            + block("organisations", [f"Organisatie {k}" for k in range(37)]))


def front_matter(i: int) -> str:
    return f"""---
session:
  event: {event_id(i)}
  order: {i % PER_EVENT + 1}
  speakers:
    - name: Spreker {i}
      organisation: Organisatie {i % 37}
  organisations: [Organisatie {i % 37}]
  channels: [Kanaal {i % 7}]
  themes: [Thema {i % 11}, Thema {(i + 5) % 11}]
  summary: Samenvatting van sessie {i}.
---
"""


def _facts(i: int) -> dict:
    return {"organisation": f"Organisatie {i % 37}", "channel": f"Kanaal {i % 7}",
            "themes": [f"Thema {i % 11}", f"Thema {(i + 5) % 11}"]}


def _slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def _chart(channel: str, measure: str, before: int, after: int) -> str:
    """The before/after chart the keyfigures directive draws, written by hand."""
    growth = round((after - before) / before * 100)
    return (
        "```mermaid\n"
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#1f5f99"}}}}%%\n'
        "xychart-beta\n"
        f"    accTitle: {channel}: {measure} (voor en na)\n"
        f"    accDescr: Van {before} naar {after}, een verandering van +{growth}%.\n"
        f'    title "{channel}: {measure}"\n'
        '    x-axis ["Voor", "Na"]\n'
        f'    y-axis "{measure}" 0 --> {after + 10}\n'
        f"    bar [{before}, {after}]\n```\n")


def _figures(i: int) -> tuple[str, int, int, int]:
    return f"Kanaal {i % 7}", 100 + i, 250 + 2 * i, 1000 * i + 17


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def session_page(i: int, plays: int, flavour: str, prose: str = "") -> str:
    """A session page. The plain flavour writes by hand what the extension
    generates: the session card, learning boxes, key-figure table and chart,
    and the "Toegepast in" box, so both builds show the same content."""
    facts = _facts(i)
    parts = [front_matter(i), f"# Sessie {i}\n\n"]
    if flavour != "handbook":
        themes = ", ".join(f"[{t}](../overzichten/themas.md#{_slug(t)})" for t in facts["themes"])
        parts.append(
            f"Samenvatting van sessie {i}.\n\n| Gegeven | Waarde |\n| --- | --- |\n"
            "| Datum | 14 november 2018 |\n"
            f"| Evenement | Benchmarkcongres {i // 50} |\n| Locatie | COMM, Den Haag |\n"
            f"| Sprekers | Spreker {i}, {facts['organisation']} |\n"
            f"| Organisaties | [{facts['organisation']}](../overzichten/organisaties.md"
            f"#{_slug(facts['organisation'])}) |\n"
            f"| Kanalen | [{facts['channel']}](../overzichten/kanalen.md#{_slug(facts['channel'])}) |\n"
            f"| Thema's | {themes} |\n\n")
    parts.append(f"{LOREM * 3}\n{prose}\n")
    targets = []
    for k in range(3):
        lid = f"{session_id(i)}-les-{k}"
        title = f"Les {k} van sessie {i}"
        target = learning_plays(i, k, plays)
        targets.append(target)
        if flavour == "handbook":
            parts.append(f":::{{learning}} {title}\n:id: {lid}\n:play: {target}\n{LOREM}\n:::\n")
        else:
            parts.append(f"({lid})=\n:::{{admonition}} Les: {title}\n{LOREM}\n\n"
                         f"Onderbouwt: [Aanpak {int(target[-2:])}](../playbook/{target}.md)\n:::\n")
    channel, before, after, reach = _figures(i)
    if flavour == "handbook":
        parts.append(
            ":::{keyfigures} Kerncijfers\n"
            f"- channel: {channel}\n  measure: Volgers\n  before: {before}\n  after: {after}\n"
            f"- channel: {channel}\n  measure: Bereik\n  value: {reach}\n  unit: mensen\n"
            ":::\n"
        )
    else:
        growth = round((after - before) / before * 100)
        parts.append(
            ":::{table} Kerncijfers\n| Kanaal | Meting | Resultaat |\n| --- | --- | --- |\n"
            f"| {channel} | Volgers | van {before} naar {after} (+{growth}%) |\n"
            f"| {channel} | Bereik | {_thousands(reach)} mensen |\n:::\n\n"
            + _chart(channel, "Volgers", before, after))
    parts.append(
        "```mermaid\nflowchart LR\n  accTitle: Verloop\n  accDescr: Van plan naar meting.\n"
        f"  A[Plan {i % 5}] --> B[Uitvoering] --> C[Meting]\n```\n"
    )
    if flavour != "handbook":
        links = "\n".join(f"- [Aanpak {int(t[-2:])}](../playbook/{t}.md)" for t in targets)
        parts.append(":::{admonition} Toegepast in\nDe lessen op deze pagina onderbouwen "
                     f"deze plays:\n\n{links}\n:::\n")
    return "\n".join(parts)


GOVERNANCE = """---
governance:
  reviewed: 2026-12-03
  review_by: 2027-12-03
workshop:
  duration: 30
  participants: {min: 2, max: 8}
  roles: [begeleider]
  preparation: {minutes: 10, what: [Het werkblad printen]}
  materials: {paper: [Stiften]}
  debrief:
    - Wat neemt u mee?
---
"""
# Every play is also a workshop (directives/workshop.py): two steps that add
# up to the duration above; the plain corpus has the same words as prose.
STEPS = {
    "handbook": ("## Zo begeleidt u deze workshop\n\n"
                 ":::{stap} 10 min Kennismaken\n:resultaat: Een lijst\n" "Iedereen zegt wie hij is.\n:::\n\n"
                 ":::{stap} 20 min Aan de slag\n:resultaat: Een plan\n" "Werk de aanpak uit.\n:::\n"),
    "plain": ("## Zo begeleidt u deze workshop\n\n"
              "### 10 min Kennismaken\n\nIedereen zegt wie hij is.\n\nResultaat: Een lijst\n\n"
              "### 20 min Aan de slag\n\nWerk de aanpak uit.\n\nResultaat: Een plan\n"),
}
# The review and change lists are about the real pages (they link to the
# authors' guide): the corpus leaves them out.
GOVERNANCE_LISTS = ("te-herzien", "wijzigingen")


def play_page(j: int, flavour: str, sessions: int = 0, plays: int = 20) -> str:
    if flavour == "handbook":
        body = "```{evidence}\n```\n"
    else:  # the evidence list, by hand: each session with its learnings for this play
        lines = []
        for i in range(sessions):
            ks = [k for k in range(3) if learning_plays(i, k, plays) == play_id(j)]
            if ks:
                page = f"../sessions/{session_id(i)}.md"
                lines.append(f"- [Sessie {i}]({page})")
                lines += [f"  - [Les {k} van sessie {i}]({page}#{session_id(i)}-les-{k})" for k in ks]
        body = "\n".join(lines) + "\n"
    # Owner and review dates (model/governance.py); by hand, the line the
    # extension puts under the title.
    if flavour == "handbook":
        head = GOVERNANCE
    else:
        head = ""
        body = (f"{body}\nEigenaar: Team · Beoordeeld op 3 december 2026 · "
                "Herzien vóór 3 december 2027\n")
    steps = STEPS["handbook" if flavour == "handbook" else "plain"]
    return (f"{head}# Aanpak {j}\n\nDeze aanpak helpt bij een campagne.\n\n"
            f"## Onderbouwing\n\n{body}\n{LOREM}\n\n{steps}")


def plain_overview(kind: str, sessions: int, plays: int) -> str:
    """What ``{overview} kind`` generates, written as plain MyST."""
    page = "../sessions/{}.md".format
    if kind in ("themes", "channels", "organisations"):
        groups: dict[str, list[int]] = {}
        for i in range(sessions):
            facts = _facts(i)
            values = {"themes": facts["themes"], "channels": [facts["channel"]],
                      "organisations": [facts["organisation"]]}[kind]
            for value in values:
                groups.setdefault(value, []).append(i)
        return "\n".join(
            f"## {value}\n\n" + "\n".join(f"- [Sessie {i}]({page(session_id(i))})" for i in found)
            + "\n" for value, found in sorted(groups.items()))
    if kind == "matrix":
        head = "* - Sessie\n" + "".join(
            f"  - [Aanpak {j}](../playbook/{play_id(j)}.md)\n" for j in range(plays))
        rows = []
        for i in range(sessions):
            cells = {learning_plays(i, k, plays): k for k in (2, 1, 0)}
            rows.append(f"* - [Sessie {i}]({page(session_id(i))})\n" + "".join(
                f"  - [1 les]({page(session_id(i))}#{session_id(i)}-les-{cells[play_id(j)]})\n"
                if play_id(j) in cells else "  -\n" for j in range(plays)))
        return (":::{list-table} Sessies en de plays die ze onderbouwen\n:header-rows: 1\n"
                ":stub-columns: 1\n\n" + head + "".join(rows) + ":::\n")
    if kind == "diagram":
        lines = ["```mermaid", "flowchart LR", "    accTitle: Welke sessies welke plays onderbouwen",
                 "    accDescr: " + " ".join(
                     f"Sessie {i} onderbouwt " + ", ".join(
                         f"Aanpak {int(learning_plays(i, k, plays)[-2:])}" for k in range(3)) + "."
                     for i in range(sessions))]
        lines += [f'    s{i}["Sessie {i}"]' for i in range(sessions)]
        lines += [f'    p{j}["Aanpak {j}"]' for j in range(plays)]
        lines += [f"    s{i} --> p{int(learning_plays(i, k, plays)[-2:])}"
                  for i in range(sessions) for k in range(3)]
        return "\n".join(lines) + "\n```\n"
    out = []  # keyfigures
    for i in range(sessions):
        channel, before, after, reach = _figures(i)
        growth = round((after - before) / before * 100)
        out.append(
            f"## Sessie {i}\n\n[Sessie {i}]({page(session_id(i))})\n\n"
            ":::{table} Kerncijfers\n| Kanaal | Meting | Resultaat |\n| --- | --- | --- |\n"
            f"| {channel} | Volgers | van {before} naar {after} (+{growth}%) |\n"
            f"| {channel} | Bereik | {_thousands(reach)} mensen |\n:::\n\n"
            + _chart(channel, "Volgers", before, after))
    return "\n".join(out)


def plain_session_list(sessions: int) -> str:
    """What ``{session-list}`` generates, written as plain MyST."""
    out = []
    for k in range(-(-sessions // PER_EVENT)):
        out.append(f"## Benchmarkcongres {k}\n\nwoensdag 14 november 2018 in COMM, Den Haag\n")
        for i in range(k * PER_EVENT, min(sessions, (k + 1) * PER_EVENT)):
            out.append(f"- [Sessie {i}]({session_id(i)}.md)\n\n  Spreker: Spreker {i}\n\n"
                       f"  Organisatie: Organisatie {i % 37}\n\n  Samenvatting van sessie {i}.\n")
    return "\n" + "\n".join(out)


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
        (dest / "playbook" / f"{play_id(j)}.md").write_text(play_page(j, flavour, sessions, plays))
    if flavour == "handbook":
        (dest / "_data").mkdir()
        (dest / "_data" / "events.yaml").write_text(events_file(sessions))
        (dest / "_data" / "vocabularies.yaml").write_text(vocabularies_file())
        (dest / "sessions" / "index.md").write_text(
            "# Sessies\n\n```{session-list}\n```\n\n```{toctree-by-programme}\n"
            ":maxdepth: 1\n```\n")
    else:
        (dest / "sessions" / "index.md").write_text(
            index_page("Sessies", [session_id(i) for i in range(sessions)])
            + plain_session_list(sessions))
    (dest / "playbook" / "index.md").write_text(
        index_page("Playbook", [play_id(j) for j in range(plays)]))
    root_entries = ["sessions/index", "playbook/index"]
    overviews = ROOT / "overzichten"
    if overviews.is_dir():
        shutil.copytree(overviews, dest / "overzichten",
                        ignore=shutil.ignore_patterns(*(f"{n}.md" for n in GOVERNANCE_LISTS)))
        index = dest / "overzichten" / "index.md"
        index.write_text("".join(line for line in index.read_text().splitlines(keepends=True)
                                 if line.strip() not in GOVERNANCE_LISTS))
        root_entries.append("overzichten/index")
        if flavour != "handbook":
            for page in (dest / "overzichten").glob("*.md"):
                page.write_text(OVERVIEW.sub(
                    lambda m: plain_overview(m.group(1), sessions, plays), page.read_text()))
    (dest / "index.md").write_text(index_page("Benchmarkhandboek", root_entries))
    return dest
