"""What every HTML page says about itself: one viewport, who publishes it,
and where a printed copy comes from.

- One viewport meta tag. Furo's ``base.html`` writes one; docutils' HTML5
  writer adds a second to the page's meta tags, and Sphinx passes those on
  (an upstream bug, registered in ``handbook.internals``). We drop the
  docutils copy from ``metatags``.
- Publisher and contact (``handbook_publisher``, its logos, ``handbook_contact``
  and ``handbook_accessibility_statement`` in conf.py) for the footer
  (``_templates/page.html``) and the sidebar's brand
  (``_templates/sidebar/brand.html``): a reader sees who stands behind the
  handbook, not only which tools made it. No default organisation: empty, the
  pages name none and the build says so (issue 23).
- The print source line (same template): title, page address and date on
  paper. ``handbook-print.js`` puts the real address (``location.href``,
  a file:// path on a shared drive) and the day of printing in it; without
  script the line names the page and its last-updated date.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# The tag docutils' html5_polyglot writer appends in HTMLTranslator.__init__.
_DOCUTILS_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')
_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$")
PRINT_JS = "handbook-print.js"


def drop_second_viewport(metatags: str) -> str:
    return _DOCUTILS_VIEWPORT.sub("", metatags)


def contact_html(contact: str) -> Markup:
    """An address as a link: mail address, web address, or plain text."""
    contact = contact.strip()
    if _EMAIL.match(contact):
        return Markup('<a href="mailto:{0}">{0}</a>').format(contact)
    if contact.startswith(("https://", "http://")):
        return Markup('<a href="{0}">{0}</a>').format(contact)
    return escape(contact)


def site_uri(app: Sphinx, pagename: str, docname: str) -> str:
    """The link from ``pagename`` to ``docname``. The 404 page is served at
    any depth, so its links start at the site's prefix (sphinx-notfound-page),
    as its other links do."""
    prefix = getattr(app.config, "notfound_urls_prefix", None)
    if prefix is not None and pagename == getattr(app.config, "notfound_pagename", ""):
        return f"{prefix}{docname}{getattr(app.builder, 'out_suffix', '.html')}"
    return app.builder.get_relative_uri(pagename, docname)


def statement_uri(app: Sphinx, pagename: str, target: str) -> str:
    """The accessibility statement: a web address, or a page of the handbook
    (its name, e.g. "toegankelijkheid"), linked only once that page exists."""
    target = target.strip()
    if target.startswith(("https://", "http://")):
        return target
    if target and target in app.env.all_docs:
        return site_uri(app, pagename, target)
    return ""


def announce_publisher(app: Sphinx) -> None:
    """One line in the build output while conf.py names no publisher: the
    pages then name none, rather than an organisation we made up."""
    if app.builder.format == "html" and not app.config.handbook_publisher.strip():
        logger.info("Uitgever: nog niet ingevuld (handbook_publisher in conf.py); de pagina's "
                    "noemen daarom geen uitgever. Vul de naam van uw organisatie in voordat u "
                    "publiceert.")


def page_context(app: Sphinx, pagename: str, templatename: str,
                 context: dict[str, Any], doctree: Any) -> None:
    if "metatags" in context:
        context["metatags"] = drop_second_viewport(context["metatags"])
    config = app.config
    context["handbook_publisher"] = config.handbook_publisher.strip()
    logos = (config.handbook_publisher_logo_light, config.handbook_publisher_logo_dark)
    context["handbook_publisher_logos"] = logos if context["handbook_publisher"] and all(logos) else ()
    context["handbook_contact"] = contact_html(config.handbook_contact)
    context["handbook_accessibility_uri"] = statement_uri(
        app, pagename, config.handbook_accessibility_statement)
    base = (config.html_baseurl or "").rstrip("/")
    page = pagename + app.builder.out_suffix if hasattr(app.builder, "out_suffix") else pagename
    context["handbook_page_address"] = f"{base}/{page}" if base else page


def setup(app: Sphinx) -> None:
    # Who publishes the handbook (sidebar and footer); empty: no publisher shown.
    app.add_config_value("handbook_publisher", "", "html", types=[str])
    # Its logo, a light and a dark variant, files in html_static_path ("" for none).
    app.add_config_value("handbook_publisher_logo_light", "", "html", types=[str])
    app.add_config_value("handbook_publisher_logo_dark", "", "html", types=[str])
    # The accessibility statement: a page name or a web address (footer).
    app.add_config_value("handbook_accessibility_statement", "", "html", types=[str])
    # How readers reach the publisher: a mail address, a web address or a
    # line of text. Empty: the footer names no contact.
    app.add_config_value("handbook_contact", "", "html", types=[str])
    app.add_js_file(PRINT_JS, loading_method="defer")
