/* The search page for every reader (_ext/handbook/web/search.py):

   - the result count goes into a live region (#hb-search-status), so a
     screen reader says how many pages were found once the search is done;
     Sphinx writes it into an element it creates only then, which screen
     readers do not announce;
   - the snippet under each result comes from the page's own text, not from
     the blocks the build generates (the session's metadata card, the lists
     of lessons and plays), which held the word first on most pages.

   Leans on Sphinx's searchtools.js (Search.htmlToText, p.search-summary):
   registered as "sphinx-search-page" in _ext/handbook/internals.py. */
"use strict";
(() => {
  // Generated blocks and page metadata (the print line, owner and review
  // dates, the workshop card): no snippet comes from them.
  const GENERATED = [".handbook-session-card", ".handbook-applied", ".handbook-evidence",
                     ".handbook-learning-plays", ".hb-print-source", ".hb-governance",
                     ".handbook-workshop-card", ".no-search"];

  if (typeof Search !== "undefined" && typeof Search.htmlToText === "function") {
    const sphinxHtmlToText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(GENERATED.join(", ")).forEach((el) => el.remove());
      return sphinxHtmlToText(doc.documentElement.outerHTML, anchor);
    };
  }

  const announce = () => {
    const status = document.getElementById("hb-search-status");
    const results = document.getElementById("search-results");
    if (!status || !results) return;
    let timer = null;
    const say = () => {
      const summary = results.querySelector("p.search-summary");
      const text = summary ? summary.textContent.trim() : "";
      if (text && status.textContent !== text) status.textContent = text;
    };
    // After a short pause: a live region announces a change, and a search
    // that finds nothing is done before the page has even loaded.
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(say, 300);
    };
    new MutationObserver(later).observe(results, {childList: true, subtree: true, characterData: true});
    later();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", announce);
  else announce();
})();
