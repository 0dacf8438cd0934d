"""What a page shows of its governance, and the lists made from all pages.

- Under the title of a page with a ``governance:`` block: "Eigenaar · Beoordeeld
  op · Herzien vóór"; after the review-by date a notice that the page may be
  out of date (on screen and on paper); at the end "Wat is er veranderd".
- ``{review-list}``: the pages overdue or due within ``SOON_DAYS`` ("Te herzien").
- ``{change-list}``: every change note, newest first ("Wijzigingen").
- ``{build-date}``: the day of this build (the accessibility statement).
- ``{edition}``: the edition (``release``) and its date, for the landing page.
- The feedback line at the end of every page: a mailto link with the page
  title in the subject, to the page's contact or ``handbook_contact`` (not
  in the single-page PDF, which is one book).
- One notice line per build with the count of overdue pages (not a warning:
  ``-W`` builds stay green when a date passes).

Incremental: the page meta and the lists depend on the records, the owner
in conf.py and "today". After reading, :func:`get_updated` hashes what each
page and each list shows and returns only those whose hash changed, also
when no page was read again (a date passed, ``handbook_owner`` changed).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any
from urllib.parse import quote

from babel.dates import format_date
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..i18n.labels import label
from ..model import domain, governance
from ..model.governance import read as read_page
from ..web.page import _EMAIL, site_uri
from . import render

logger = logging.getLogger(__name__)

__all__ = ["read_page"]

LISTS_TABLE = "governance_lists"
DIGESTS = "governance-digests"
NOTICE_PREFIX = "Te herzien:"


class governance_list(nodes.General, nodes.Element):
    """Placeholder for the review or change list, filled at doctree-resolved."""


def _lang(app: Sphinx) -> str:
    return app.config.language or "en"


def day(app: Sphinx, iso: str) -> str:
    return format_date(datetime.date.fromisoformat(iso), format="long", locale=_lang(app))


class _ListDirective(SphinxDirective):
    kind = ""

    def run(self) -> list[nodes.Node]:
        kinds = domain.get(self.env).table(LISTS_TABLE).setdefault(self.env.docname, [])
        if self.kind not in kinds:
            kinds.append(self.kind)
        node = governance_list(kind=self.kind)
        self.set_source_info(node)
        return [node]


class ReviewListDirective(_ListDirective):
    kind = "review"


class ChangeListDirective(_ListDirective):
    kind = "changes"


class BuildDateDirective(_ListDirective):
    """The day of this build (for the accessibility statement)."""

    kind = "built"


class EditionDirective(SphinxDirective):
    """The edition and its date, one line (reads only conf.py)."""

    def run(self) -> list[nodes.Node]:
        config = self.config
        text = label("Edition {edition}, {date}", edition=config.release or config.version,
                     date=day(self.env.app, edition_date(config)))
        return [nodes.paragraph("", text, classes=["hb-edition"])]


def edition_date(config: Any) -> str:
    return config.handbook_release_date or governance.today().isoformat()


# -- what a page and a list show (plain data, hashed for rebuilds) -----------

def list_view(env: Any, kind: str) -> Any:
    if kind == "built":
        return governance.today().isoformat()
    return governance.review_list(env) if kind == "review" else governance.change_list(env)


def _digest(value: Any) -> str:
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def get_updated(app: Sphinx, env: Any) -> list[str]:
    """``env-get-updated``: pages whose governance meta or list changed."""
    dom = domain.get(env)
    old = dom.state().get(DIGESTS, {})
    new = {doc: _digest(governance.page_view(env, doc)) for doc in governance.records(env)
           if doc in env.all_docs}
    for doc, kinds in dom.data.get(LISTS_TABLE, {}).items():
        if doc in env.all_docs:
            new["list:" + doc] = _digest([list_view(env, kind) for kind in sorted(kinds)])
    dom.state()[DIGESTS] = new
    changed = {key.removeprefix("list:") for key, value in new.items() if old.get(key) != value}
    return sorted(changed)


# -- rendering ----------------------------------------------------------------

def _scopes(doctree: nodes.document, docname: str) -> list[tuple[str, nodes.Element]]:
    """(docname, node) per page in the tree: one for a page, one per chapter
    in the single-page PDF (each inlined page sits in a start_of_file)."""
    found: list[tuple[str, nodes.Element]] = [(docname, doctree)]
    found += [(node["docname"], node) for node in doctree.findall(addnodes.start_of_file)]
    return found


def _first_section(scope: nodes.Element) -> nodes.section | None:
    for node in scope.findall(nodes.section):
        return node
    return None


def meta_nodes(app: Sphinx, view: dict) -> list[nodes.Node]:
    # 'no-search': the same owner and dates are on every page; "december"
    # should find the pages that speak of it, not every reviewed page.
    line = nodes.paragraph(classes=["hb-governance", "no-search"])
    parts = [
        label("Owner: {owner}", owner=view["owner"]),
        label("Reviewed on {date}", date=day(app, view["reviewed"])),
        label("Review by {date}", date=day(app, view["review_by"])),
    ]
    for i, part in enumerate(parts):
        if i:
            line += nodes.Text(" · ")
        line += nodes.inline("", part)
    out: list[nodes.Node] = [line]
    if view["overdue"]:
        box = nodes.admonition(classes=["warning", "hb-review-overdue", "no-search"])
        box += nodes.title("", label("This page may be out of date"))
        box += nodes.paragraph("", " ".join((
            label("It should have been reviewed before {date}.", date=day(app, view["review_by"])),
            label("Check platforms, rules and figures before you rely on it."),
            label("Tell the owner what is no longer right."))))
        out.append(box)
    return out


def changes_section(app: Sphinx, docname: str, view: dict, prefix: str) -> nodes.section:
    sec = nodes.section(ids=[prefix + "wat-is-er-veranderd"], classes=["hb-changes"])
    sec += nodes.title("", label("What has changed"))
    sec += render.bullets([[nodes.strong("", day(app, date)), nodes.Text(": " + note)]
                           for date, note in view["changes"]])
    return sec


def render_list(app: Sphinx, docname: str, kind: str, view: Any) -> list[nodes.Node]:
    if kind == "built":
        return [nodes.paragraph("", day(app, view), classes=["hb-build-date"])]
    if kind == "review":
        if not view:
            return [nodes.paragraph("", label("No page needs a review now."),
                                    classes=["handbook-empty"])]
        rows = []
        for doc, title, owner, review_by, state in view:
            mark = label("overdue") if state == governance.OVERDUE else label("due soon")
            rows.append([render.link(app, docname, doc, title),
                         nodes.Text(" · " + label("Review by {date}", date=day(app, review_by))
                                    + f" ({mark}) · " + label("Owner: {owner}", owner=owner))])
        return [render.bullets(rows)]
    if not view:
        return [nodes.paragraph("", label("No changes yet."), classes=["handbook-empty"])]
    return [render.bullets([[nodes.strong("", day(app, date)), nodes.Text(": "),
                             render.link(app, docname, doc, title), nodes.Text(". " + note)]
                            for date, doc, title, note in view])]


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    for node in list(doctree.findall(governance_list)):
        kind = node["kind"]
        node.replace_self(render_list(app, docname, kind, list_view(env, kind)))
    single = len(_scopes(doctree, docname)) > 1
    for doc, scope in _scopes(doctree, docname):
        view = governance.page_view(env, doc)
        section = _first_section(scope)
        if view is None or section is None or not isinstance(section[0], nodes.title):
            continue
        # In the single-page PDF the root's first section holds every chapter.
        if single and scope is doctree and section.next_node(addnodes.start_of_file):
            continue
        section[1:1] = meta_nodes(app, view)
        if view["changes"]:
            prefix = nodes.make_id(doc) + "-" if single else ""
            section += changes_section(app, doc, view, prefix)
    # The feedback line ends every page; the single-page PDF is one book.
    node = None if single or app.builder.name in SINGLE_PAGE_BUILDERS else (
        feedback_node(app, docname))
    if node is not None:
        doctree += node


# -- the feedback line (HTML) ---------------------------------------------------

def feedback_href(contact: str, title: str) -> tuple[str, bool]:
    """(address of the feedback link, whether it names a recipient)."""
    subject = quote(label("Handbook: {title}", title=title), safe="")
    if _EMAIL.match(contact):
        return f"mailto:{contact}?subject={subject}", True
    if contact.startswith(("https://", "http://")):
        return contact, True
    # No mail address configured: the mail program opens without a
    # recipient; the line says so instead of pretending there is one.
    return f"mailto:?subject={subject}", False


SINGLE_PAGE_BUILDERS = ("pdf", "singlehtml")

# The statements every page links to in its footer, when the site has them.
STATEMENTS = ("toegankelijkheid", "privacy")


def page_context(app: Sphinx, pagename: str, templatename: str,
                 context: dict[str, Any], doctree: Any) -> None:
    env = app.env
    # The accessibility statement named in conf.py is linked by web/page.py.
    accessibility = app.config.handbook_accessibility_statement
    context["handbook_statements"] = [(site_uri(app, pagename, doc), env.titles[doc].astext())
                                      for doc in STATEMENTS
                                      if doc != accessibility
                                      and doc in env.all_docs and doc in env.titles]


def feedback_node(app: Sphinx, docname: str) -> nodes.container | None:
    env = app.env
    if docname not in env.titles:
        return None
    record = governance.records(env).get(docname, {})
    href, named = feedback_href(governance.contact_of(app.config, record),
                                env.titles[docname].astext())
    line = nodes.paragraph("", label("Is something wrong or missing?") + " ")
    line += nodes.reference("", label("Mail us your remark"), refuri=href)
    if not named:
        line += nodes.Text(" " + label("(No mail address is set yet: fill in your own.)"))
    # 'no-search' (a Sphinx class): the same line on every page is no search hit.
    return nodes.container("", line, classes=["hb-feedback", "no-search"])


# -- the build's notice ---------------------------------------------------------

def notice(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one line with the count, never a warning."""
    env = app.env
    if exception is not None or env is None:
        return
    rows = governance.review_list(env)
    overdue = sum(1 for row in rows if row[4] == governance.OVERDUE)
    if rows or governance.records(env):
        logger.info(f"{NOTICE_PREFIX} {overdue} over de herziendatum, "
                    f"{len(rows) - overdue} binnen {governance.SOON_DAYS} dagen "
                    "(make review toont de lijst).")


def setup(app: Sphinx) -> None:
    app.add_node(governance_list)
    app.add_directive("review-list", ReviewListDirective)
    app.add_directive("change-list", ChangeListDirective)
    app.add_directive("build-date", BuildDateDirective)
    app.add_directive("edition", EditionDirective)
