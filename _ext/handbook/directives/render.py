"""Small node builders shared by the generated blocks (links, badges, lists)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..model.aggregate import refuri


def link(app: Sphinx, fromdoc: str, todoc: str, text: str, anchor: str = "") -> nodes.reference:
    return nodes.reference("", text, internal=True, refuri=refuri(app, fromdoc, todoc, anchor))


def badge(app: Sphinx, fromdoc: str, text: str, todoc: str | None, anchor: str) -> nodes.Node:
    classes = ["sd-sphinx-override", "sd-badge", "sd-bg-primary", "sd-bg-text-primary"]
    if todoc is None:
        return nodes.inline("", text, classes=classes)
    node = link(app, fromdoc, todoc, text, anchor)
    node["classes"] += classes
    return node


def joined(items: list[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def bullets(items: list[list[nodes.Node]]) -> nodes.bullet_list:
    lst = nodes.bullet_list()
    for children in items:
        lst += nodes.list_item("", nodes.paragraph("", "", *children))
    return lst


def slug(text: str) -> str:
    return nodes.make_id(text)
