"""Which documents are session pages and which are play pages (by folder)."""

from __future__ import annotations

from typing import Any


def _folder(env: Any, name: str) -> str:
    return getattr(env.config, name).strip("/") + "/"


def is_session(env: Any, docname: str) -> bool:
    folder = _folder(env, "handbook_sessions_dir")
    return docname.startswith(folder) and docname != folder + "index"


def play_id(env: Any, docname: str) -> str | None:
    """The play id of a play page (its file stem), or None for other pages."""
    folder = _folder(env, "handbook_playbook_dir")
    if not docname.startswith(folder) or docname == folder + "index":
        return None
    return docname[len(folder):]


def play_doc(env: Any, play: str) -> str:
    return _folder(env, "handbook_playbook_dir") + play


def setup(app: Any) -> None:
    app.add_config_value("handbook_sessions_dir", "sessions", "env", str)
    app.add_config_value("handbook_playbook_dir", "playbook", "env", str)
