"""A new play joins the playbook's list by itself, in title order
(toctree-by-title, issue 21): adding a page or changing a title reorders the
list on the next incremental build, and pages named one by one stay first."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from handbook_helpers import Built, client_side_diagrams, copy_root

pytestmark = pytest.mark.slow

INDEX = """# Playbook

```{toctree-by-title}
:maxdepth: 1

bottom-up-video
*
```
"""


def listed(built: Built) -> list[str]:
    html = built.html("playbook/index")
    wrapper = html[html.index("toctree-wrapper"):]
    return re.findall(r'toctree-l1"><a class="reference internal" href="([^"]+)\.html"', wrapper)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    future = time.time() + 5  # newer than the last build, whatever the clock's grain
    os.utime(path, (future, future))


def test_plays_follow_titles_and_new_ones_join(tmp_path):
    src = copy_root("handbook", tmp_path / "src")
    write(src / "playbook" / "index.md", INDEX)
    with client_side_diagrams():
        first = Built(src)
        assert first.warnings == "", first.warnings
        # Named first, then the rest by title.
        assert listed(first) == ["bottom-up-video", "ambassadeurs"]

        # A new play, no edit to the index: it joins by its title ("Aan de slag" < "Werken met ...").
        write(src / "playbook" / "zzz-nieuw.md", "# Aan de slag\n\nTekst.\n")
        second = Built(src)
        assert "playbook/index" in second.written
        assert listed(second) == ["bottom-up-video", "zzz-nieuw", "ambassadeurs"]

        # A new title moves it.
        write(src / "playbook" / "zzz-nieuw.md", "# Zo doet u het\n\nTekst.\n")
        third = Built(src)
        assert listed(third) == ["bottom-up-video", "ambassadeurs", "zzz-nieuw"]
