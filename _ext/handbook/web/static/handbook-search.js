/* The search page for every reader (_ext/handbook/web/search.py):

   - the result count goes into a live region (#hb-search-status), so a
     screen reader says how many pages were found once the search is done;
     Sphinx writes it into an element it creates only then, which screen
     readers do not announce;
   - under each result, the page's description (window.HANDBOOK_PAGES, from
     handbook-search-pages.js, see web/search_pages.py), put in as Sphinx
     adds the result: in the same frame, so nothing shifts and no result
     page is fetched; the query's words in it marked.

   Leans on Sphinx's searchtools.js (ul.search li > a with the page's
   address, p.search-summary): registered as "sphinx-search-page" in
   _ext/handbook/internals.py. */
"use strict";
(() => {
  const root = document.documentElement.dataset.content_root || "";

  // "sessions/pro247.html#anchor" -> "sessions/pro247"
  const docname = (href) => {
    let path = href.split("#")[0].split("?")[0];
    if (path.startsWith(root)) path = path.slice(root.length);
    return path.replace(/\.html$/, "");
  };

  // The words of the query, marked in each description as Sphinx marks them
  // on the page itself (class "highlighted"); stop words are not searched.
  const stop = window.stopwords || new Set();
  const escape = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const words = (new URLSearchParams(window.location.search).get("q") || "")
    .toLowerCase().split(/\s+/).filter((w) => w.length > 1 && !w.startsWith("-") && !stop.has(w));
  const marked = words.length ? new RegExp(`(${words.map(escape).join("|")})`, "gi") : null;

  const fill = (summary, text) => {
    if (!marked) {
      summary.textContent = text;
      return;
    }
    // split() with a group keeps the matches at the odd places.
    text.split(marked).forEach((part, i) => {
      if (i % 2) {
        const span = summary.appendChild(document.createElement("span"));
        span.className = "highlighted";
        span.textContent = part;
      } else if (part) {
        summary.appendChild(document.createTextNode(part));
      }
    });
  };

  const describe = (item) => {
    const link = item.querySelector("a[href]");
    const pages = window.HANDBOOK_PAGES || {};
    if (!link || item.querySelector("p.context")) return;
    const text = pages[docname(link.getAttribute("href"))];
    if (!text) return;
    const summary = document.createElement("p");
    summary.className = "context";
    fill(summary, text);
    item.appendChild(summary);
  };

  const start = () => {
    const status = document.getElementById("hb-search-status");
    const results = document.getElementById("search-results");
    if (!results) return;
    let timer = null;
    const say = () => {
      const summary = results.querySelector("p.search-summary");
      const text = summary ? summary.textContent.trim() : "";
      if (status && text && status.textContent !== text) status.textContent = text;
    };
    // After a short pause: a live region announces a change, and a search
    // that finds nothing is done before the page has even loaded.
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(say, 300);
    };
    new MutationObserver((changes) => {
      changes.forEach((change) => change.addedNodes.forEach((node) => {
        if (node.nodeName === "LI") describe(node);
      }));
      later();
    }).observe(results, {childList: true, subtree: true, characterData: true});
    results.querySelectorAll("ul.search > li").forEach(describe);
    later();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
