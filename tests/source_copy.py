"""Copies of the handbook's sources for tests that change them or their git state."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

IGNORE = shutil.ignore_patterns(
    ".git", "_build", ".venv", ".venv-compat", ".mypy_cache", ".ruff_cache", "node_modules",
    "__pycache__", ".pytest_cache", "*.mo")


def copy_source(dest: Path) -> Path:
    """The working tree without .git, build output or installed packages.

    node_modules is linked, not copied: the build only reads Mermaid from it.
    """
    shutil.copytree(ROOT, dest, ignore=IGNORE, symlinks=True)
    link_node_modules(dest)
    return dest


def link_node_modules(dest: Path) -> None:
    if (ROOT / "node_modules").exists() and not (dest / "node_modules").exists():
        os.symlink(ROOT / "node_modules", dest / "node_modules")


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    """Run git with a fixed identity and no user configuration."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    proc = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return proc.stdout
