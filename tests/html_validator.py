"""The Nu HTML Checker (vnu.jar from node_modules/vnu-jar, pinned in
package-lock.json) on built pages: one Java process for all of them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def java_or_skip() -> str:
    """Java and the checker for tests: skip outside CI with the reason, fail in CI
    (make test runs tools/ensure-java and npm ci first)."""
    problem = None
    java = os.environ.get("HANDBOOK_JAVA") or "java"
    found = shutil.which(java)
    if found is None:
        problem = f"no Java runtime ({java}); run tools/ensure-java"
    elif not VNU_JAR.is_file():
        problem = f"{VNU_JAR.relative_to(ROOT)} is missing; run npm ci"
    if problem is None:
        assert found is not None
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {problem}")
    pytest.skip(problem)


def vnu_errors(java: str, pages: list[Path], root: Path) -> dict[str, list[str]]:
    """Errors per page (path relative to root): 'line:column: message'."""
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always",
         *map(str, pages)],
        capture_output=True, text=True, check=True)
    report = json.loads(proc.stderr)
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        url = message.get("url", "")
        page = Path(url.removeprefix("file:")).resolve().relative_to(root.resolve()).as_posix()
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        errors.setdefault(page, []).append(f"{where}: {message['message']}")
    return errors
