"""pytest plugin: every link and asset reference of the built site is a test item.

What it owns: turning a built HTML site into pytest items, one per distinct
link per page, so a failure names the page and the link, e.g.
``tests/test_site_links.py::sessions/index.html::<a href=../x.html#y>``.

- ``a href``, ``img src``, ``iframe src`` and ``#fragment`` anchors use
  pytest-check-links' ``LinkItem`` (a missing file fails; an anchor must match
  exactly one ``id``/``name`` on the target page).
- ``link href``, ``script src``, ``form action`` and the relative imports of
  inline ``<script type="module">`` (all skipped by pytest-check-links) are
  checked here: the file must exist inside the site.
- ``ids unique``: one item per page, no ``id`` may occur twice.
- External URLs get two items: ``form`` (https only, no tracking parameters;
  runs every time) and ``online`` (fetched with pytest-check-links). ``online``
  is skipped, with the reason, when the network reaches none of the site's
  external hosts; it never passes without having run. Set
  ``HANDBOOK_LINKS_ONLINE=1`` to make an unreachable network a failure.

The site comes from ``--site-links DIR`` when given, else from the
``pytest_handbook_site_root`` hook (tests/conftest.py builds the handbook once
per run there and the ``site`` fixture reuses that build). Items are attached
to the module named ``test_site_links.py``, so selecting or deselecting that
file selects the link check, and the site is built only when it is collected.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import html5lib
import pytest
import requests
from pytest_check_links.plugin import BrokenLinkError, CheckLinks, LinkItem

ANCHOR_MODULE = "test_site_links.py"
ONLINE_ENV = "HANDBOOK_LINKS_ONLINE"
# Seconds: an online check waits this long for a server, never forever.
ONLINE_TIMEOUT = 15
PROBE_HOSTS = 6

# Elements whose URL makes the browser navigate or fetch. pytest-check-links
# handles the first group; the second is what it leaves out.
PLUGIN_TAGS = {"a": "href", "img": "src", "iframe": "src"}
ASSET_TAGS = {"link": "href", "script": "src", "form": "action"}

# Query parameters that only exist to track readers across sites.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
    "twclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
}
TRACKING_PREFIXES = ("utm_",)


class SiteHooks:
    @pytest.hookspec(firstresult=True)
    def pytest_handbook_site_root(self, config: pytest.Config) -> Path | None:
        """Return the root folder of the built site whose links are checked.

        Raise an exception with the build output when the site did not build.
        """


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(SiteHooks)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("handbook").addoption(
        "--site-links", metavar="DIR", default=None,
        help="check the links of this already built HTML folder instead of building the handbook",
    )


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector):
    if module_path.name == ANCHOR_MODULE:
        return SiteLinksModule.from_parent(parent, path=module_path)
    return None


# --- URL form --------------------------------------------------------------

def is_external(url: str) -> bool:
    return url.startswith("//") or bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url))


def form_problems(url: str) -> list[str]:
    """What is wrong with the form of an external URL (empty when nothing)."""
    if url.startswith("//"):
        return ["protocol-relative URL: write it with https://"]
    parts = urlsplit(url)
    problems = []
    if parts.scheme.lower() == "http":
        problems.append("plain http: use https")
    if not parts.hostname:
        problems.append("no host name")
    if parts.username or parts.password:
        problems.append("user name or password in the URL")
    tracking = sorted(
        key for key, _ in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() in TRACKING_PARAMS or key.lower().startswith(TRACKING_PREFIXES)
    )
    if tracking:
        problems.append("tracking parameter(s): " + ", ".join(tracking))
    return problems


def checked_scheme(url: str) -> bool:
    """Links this check follows: relative ones and http(s); not mailto:, tel:, data:."""
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme in {"", "http", "https"}


# Static and dynamic imports in an inline <script type="module"> (how the
# Mermaid diagrams load). Bare names ("mermaid") need an import map: skipped.
MODULE_IMPORT = re.compile(
    r"""\bimport\s*(?:\(\s*|[\w\s{},*$]*?\bfrom\s*)?["']((?:\.{1,2}/|/|https?:)[^"']*)["']""")


def element_urls(element):
    tag = element.tag
    attr = PLUGIN_TAGS.get(tag) or ASSET_TAGS.get(tag)
    if attr and element.get(attr):
        yield attr, element.get(attr)
    elif tag == "script" and element.get("type") == "module" and element.text:
        for match in MODULE_IMPORT.finditer(element.text):
            yield "import", match.group(1)


def page_urls(parsed):
    """(tag, attribute, url) of every checked link of a parsed page, once each."""
    seen = set()
    for element in parsed.iter():
        for attr, url in element_urls(element):
            if checked_scheme(url) and (element.tag, attr, url) not in seen:
                seen.add((element.tag, attr, url))
                yield element.tag, attr, url


def parse_page(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def origin(url: str) -> str:
    """scheme://host[:port] of an external URL: what the network probe asks."""
    parts = urlsplit(url if not url.startswith("//") else "https:" + url)
    return f"{parts.scheme.lower()}://{parts.netloc.rpartition('@')[2]}"


def external_origins(root: Path) -> set[str]:
    return {
        origin(url)
        for page in root.rglob("*.html")
        for _, _, url in page_urls(parse_page(page))
        if is_external(url)
    }


# --- network ---------------------------------------------------------------

class TimeoutSession(requests.Session):
    """pytest-check-links calls ``session.get(url)`` without a timeout."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", ONLINE_TIMEOUT)
        return super().request(*args, **kwargs)


class Network:
    """Whether the network reaches the site's external hosts, asked once."""

    def __init__(self) -> None:
        self.origins: set[str] = set()
        self._offline: str | None = None
        self._probed = False

    def offline_reason(self, session: requests.Session) -> str | None:
        if not self._probed:
            self._probed = True
            self._offline = self._probe(session)
        return self._offline

    def _probe(self, session: requests.Session) -> str | None:
        errors = []
        # A few hosts tell whether the network is up; on a network where DNS
        # hangs, probing every host would cost minutes.
        for base in sorted(self.origins)[:PROBE_HOSTS]:
            try:
                # Any HTTP answer, whatever its status, means the host is reachable.
                session.head(base + "/", timeout=5, allow_redirects=False)
                return None
            except requests.RequestException as exc:
                errors.append(f"{urlsplit(base).netloc}: {type(exc).__name__}")
        if not errors:
            return None
        return ("the network reaches none of the site's external hosts ("
                + "; ".join(errors) + ")")


NETWORK_KEY = pytest.StashKey[Network]()
PARSED_KEY = pytest.StashKey[dict]()
IGNORE_KEY = pytest.StashKey[list]()


def linkcheck_ignore(config: pytest.Config) -> list[str]:
    """The project's ``linkcheck_ignore`` (conf.py): the online check honours it too."""
    if IGNORE_KEY not in config.stash:
        conf = config.rootpath / "conf.py"
        patterns = []
        if conf.is_file():
            import runpy
            patterns = list(runpy.run_path(str(conf)).get("linkcheck_ignore", []))
        config.stash[IGNORE_KEY] = patterns
    return config.stash[IGNORE_KEY]


def network(config: pytest.Config) -> Network:
    if NETWORK_KEY not in config.stash:
        config.stash[NETWORK_KEY] = Network()
    return config.stash[NETWORK_KEY]


def requests_session(config: pytest.Config) -> requests.Session:
    # pytest-check-links keeps its session on config.option and creates one
    # only when none is there: ours adds a timeout.
    if not hasattr(config.option, "check_links_requests_session"):
        session = TimeoutSession()
        session.headers["User-Agent"] = "handbook-linkcheck (pytest-check-links)"
        config.option.check_links_requests_session = session
    return config.option.check_links_requests_session


# --- collection ------------------------------------------------------------

class SiteLinksModule(pytest.Module):
    """The anchor module: its own tests, then one collector per built page."""

    def collect(self):
        yield from super().collect()
        option = self.config.getoption("site_links")
        try:
            if option:
                root = Path(option).resolve()
            else:
                root = self.config.hook.pytest_handbook_site_root(config=self.config)
        except Exception as exc:  # the build failed: one item says so
            yield SiteBuildFailed.from_parent(self, name="site build", message=str(exc))
            return
        if root is None:
            return
        pages = sorted(root.rglob("*.html"))
        if not pages:
            yield SiteBuildFailed.from_parent(self, name="site build",
                                              message=f"no HTML pages in {root}")
            return
        for page in pages:
            rel = page.relative_to(root).as_posix()
            yield SitePage.from_parent(
                self, path=page, name=rel, nodeid=f"{self.nodeid}::{rel}",
                requests_session=requests_session(self.config),
                check_anchors=True, ignore_links=[], site_root=root,
            )


class SiteBuildFailed(pytest.Item):
    def __init__(self, *, message: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise BrokenLinkError("site", self.message)

    def repr_failure(self, excinfo):
        return f"the site to check did not build:\n{self.message}"

    def reportinfo(self):
        return self.path, None, self.name


class SitePage(CheckLinks):
    """One built page; its items are its distinct links plus ``ids unique``."""

    def __init__(self, *, site_root: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.site_root = site_root

    def teardown(self) -> None:
        # The requests session is shared by all pages; keep it open.
        pass

    def collect(self):
        parsed = parse_page(self.path)
        yield IdsUnique.from_parent(self, name="ids unique", parsed=parsed)
        for tag, attr, url in page_urls(parsed):
            label = f"<{tag} {attr}={url}>"
            if is_external(url):
                network(self.config).origins.add(origin(url))
                yield FormItem.from_parent(self, name=f"{label} form", target=url)
                yield OnlineItem.from_parent(self, name=f"{label} online", target=url,
                                             parsed=parsed)
            elif tag in PLUGIN_TAGS:
                yield PageLinkItem.from_parent(self, name=label, target=url, parsed=parsed)
            else:
                yield AssetItem.from_parent(self, name=label, target=url)


class PageLinkItem(LinkItem):
    """pytest-check-links' local check, with each target page parsed once."""

    def reportinfo(self):
        return self.path, None, f"{self.parent.name}: {self.target}"

    def runtest(self) -> None:
        url = self.target or ""
        if url.startswith("/") and self.path.name == NOTFOUND_PAGE:
            # Root-absolute by design on the 404 page (see AssetItem); the page
            # sits at the site root, so the same path relative to it is exact.
            url = self.target = url.lstrip("/")
        path, _, anchor = url.partition("#")
        path = path.split("?")[0]
        if path and anchor and path.endswith(".html"):
            target = self.path.parent / unquote(path)
            if not target.is_file():
                raise BrokenLinkError(url, f"No such file: {target}")
            cache = self.config.stash.setdefault(PARSED_KEY, {})
            if target not in cache:
                cache[target] = parse_page(target)
            return self.handle_anchor(cache[target], unquote(anchor))
        return super().runtest()

    def handle_anchor(self, parsed, anchor: str) -> None:
        # The plugin's XPath ('*//*[@id=...]') misses ids on <body> and breaks
        # on quotes in the anchor; count over the whole tree instead.
        found = [el for el in parsed.iter()
                 if el.get("id") == anchor or (el.tag == "a" and el.get("name") == anchor)]
        if not found:
            raise BrokenLinkError(self.target, f"Missing anchor: {anchor}")
        if len(found) > 1:
            raise BrokenLinkError(self.target, f"Ambiguous anchor: {len(found)} (found {anchor})")


NOTFOUND_PAGE = "404.html"


class AssetItem(pytest.Item):
    """A stylesheet, script or form target: the file must exist in the site."""

    def __init__(self, *, target: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.target = target

    def runtest(self) -> None:
        path = unquote(self.target.split("#")[0].split("?")[0])
        root = self.parent.site_root
        base = self.path.parent.relative_to(root).as_posix()
        if path.startswith("/"):
            # The 404 page is served at any depth, so sphinx-notfound-page
            # writes root-absolute URLs on purpose (notfound_urls_prefix "/");
            # tests/test_notfound.py checks them from a deep path.
            if self.path.relative_to(root).as_posix() != NOTFOUND_PAGE:
                raise BrokenLinkError(self.target, "absolute path: breaks when the site is "
                                      "opened from disk or served from a sub-folder")
            path, base = path.lstrip("/"), ""
        joined = posixpath.normpath(posixpath.join(base, path or self.path.name))
        if joined.startswith("../"):
            raise BrokenLinkError(self.target, "points outside the site")
        if not (root / joined).is_file():
            raise BrokenLinkError(self.target, f"No such file: {root / joined}")

    def repr_failure(self, excinfo):
        exc = excinfo.value
        if isinstance(exc, BrokenLinkError):
            return f"{exc.url}: {exc.error}"
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"{self.parent.name}: {self.target}"


class FormItem(AssetItem):
    """An external URL's form: https, a host, no credentials, no tracking."""

    def runtest(self) -> None:
        problems = form_problems(self.target)
        if problems:
            raise BrokenLinkError(self.target, "; ".join(problems))


class OnlineItem(LinkItem):
    """An external URL fetched for real; skipped, with the reason, when offline."""

    reportinfo = PageLinkItem.reportinfo
    handle_anchor = PageLinkItem.handle_anchor

    def runtest(self) -> None:
        for pattern in linkcheck_ignore(self.config):
            if re.match(pattern, self.target):
                pytest.skip(f"in linkcheck_ignore (see conf.py for why): {pattern}")
        if os.environ.get(ONLINE_ENV) != "1":
            reason = network(self.config).offline_reason(self.parent.requests_session)
            if reason:
                pytest.skip(f"offline, not checked online: {reason}")
        if self.target.startswith("//"):
            self.target = "https:" + self.target
        super().runtest()


class IdsUnique(pytest.Item):
    """No id occurs twice on a page (an anchor to it would be ambiguous)."""

    def __init__(self, *, parsed, **kwargs) -> None:
        super().__init__(**kwargs)
        self.parsed = parsed

    def runtest(self) -> None:
        counts = Counter(el.get("id") for el in self.parsed.iter() if el.get("id"))
        dupes = {i: n for i, n in counts.items() if n > 1}
        if dupes:
            raise BrokenLinkError(self.parent.name, "duplicate id(s): " + ", ".join(
                f"{i!r} x{n}" for i, n in sorted(dupes.items())))

    repr_failure = AssetItem.repr_failure

    def reportinfo(self):
        return self.path, None, f"{self.parent.name}: ids unique"
