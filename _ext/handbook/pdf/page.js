// Page-side half of the PDF export (see printing.py). Runs in the
// single-page build after it has loaded; adds a cover, a table of contents
// and, per play, a handout. Styling lives in _static/print.css.
window.handbookPdf = (() => {
  const HANDOUT_SECTIONS = ["stappen", "checklist", "kernvragen", "werkblad"];
  const NOTE_LINES = 10;

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  };
  const headingOf = (section) => section.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6");
  // Heading text without Sphinx's "¶" permalink.
  const headingText = (heading) => {
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
    return copy.textContent.trim();
  };
  const docSpans = () => [...document.querySelectorAll("article span[id^='document-']")];
  // Once the book is printed it leaves the page (see detachBook); handouts
  // still copy from it.
  let bookRoot = null;
  const docSection = (docname) => {
    const span = (bookRoot || document).querySelector(`[id="${CSS.escape("document-" + docname)}"]`);
    return span && span.nextElementSibling && span.nextElementSibling.tagName === "SECTION"
      ? span.nextElementSibling : null;
  };
  const cssString = (text) => '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ") + '"';

  // One state per diagram, in page order: drawn during the build
  // (.hb-diagram, or .hb-diagram-error when Mermaid could not read it) or,
  // without a browser at build time, drawn here by Mermaid (.mermaid).
  function diagramStates() {
    return [...document.querySelectorAll(".hb-diagram, .hb-diagram-error, .mermaid")].map((node) => {
      if (node.classList.contains("hb-diagram-error")) return "error";
      if (node.classList.contains("hb-diagram")) return "ok";
      const svg = node.querySelector("svg");
      const failed = node.hasAttribute("data-mermaid-render-failed") ||
        (svg && (svg.getAttribute("aria-roledescription") === "error" || node.querySelector(".error-icon"))) ||
        /Syntax error in text/i.test(node.textContent) ||
        (node.getAttribute("data-processed") === "true" && !svg);
      if (failed) return "error";
      if (svg) return "ok";
      const hidden = node.offsetParent === null && node.getClientRects().length === 0;
      // A diagram in a closed tab is not printed; Mermaid defers it on purpose.
      return hidden && node.hasAttribute("data-mermaid-deferred") ? "hidden" : "pending";
    });
  }

  // Sphinx's single page repeats ids ("checklist" on every play); links and
  // bookmarks need them unique, so later copies get their document's prefix.
  function uniqueIds() {
    const seen = new Set();
    let doc = "";
    // Diagram-internal ids are Mermaid's own and already unique.
    for (const node of document.querySelectorAll("article [id]:not(svg *)")) {
      if (node.id.startsWith("document-")) { doc = node.id.slice(9).replace(/[^a-z0-9]+/gi, "-"); continue; }
      if (!seen.has(node.id)) { seen.add(node.id); continue; }
      const old = node.id;
      node.id = `${doc}--${old}`;
      seen.add(node.id);
      const scope = node.closest("section[data-handbook-doc]") || node.parentElement;
      scope.querySelectorAll(`a[href="#${CSS.escape(old)}"]`).forEach((a) => a.setAttribute("href", "#" + node.id));
    }
  }

  function pageStyle(book, first) {
    const style = el("style", { id: "handbook-pdf-page" });
    style.textContent = `
      @page { @top-right { content: ${cssString(book.title)}; }
              @bottom-right { content: ${cssString("Pagina ")} counter(page) ${cssString(" van ")} counter(pages); } }
      ${first ? "@page :first { @top-right { content: none; } }" : ""}`;
    return style;
  }

  function cover(book) {
    return el("div", { class: "handbook-cover", id: "handbook-cover" },
      el("p", { class: "cover-title" }, book.title),
      book.subtitle ? el("p", { class: "cover-subtitle" }, book.subtitle) : "",
      el("dl", { class: "cover-meta" },
        el("dt", {}, "Editie"), el("dd", {}, book.edition),
        el("dt", {}, "Gemaakt op"), el("dd", {}, book.date)));
  }

  function toc() {
    const list = el("ol", { class: "handbook-toc-list" });
    for (const span of docSpans()) {
      const section = span.nextElementSibling;
      const heading = section && headingOf(section);
      if (!heading) continue;
      // Nesting in the book: how many chapters this chapter sits inside.
      let depth = 0;
      for (let up = section.parentElement.closest("section[data-handbook-doc]"); up; up = up.parentElement.closest("section[data-handbook-doc]")) depth++;
      const link = el("a", { href: "#" + span.id, "data-target": span.id },
        el("span", { class: "handbook-toc-entry" }, headingText(heading)),
        // Placeholder of the same width as a real number: pass two must not
        // reflow the contents.
        el("span", { class: "handbook-toc-page", "aria-hidden": "true" }, "000"));
      list.append(el("li", { class: `toc-depth-${Math.min(depth, 3)}` }, link));
    }
    return el("nav", { class: "handbook-toc", id: "handbook-toc", "aria-labelledby": "handbook-toc-title" },
      el("h1", { id: "handbook-toc-title" }, "Inhoud"), list);
  }

  function prepareBook(book) {
    document.documentElement.classList.add("handbook-pdf");
    for (const span of docSpans()) {
      if (span.nextElementSibling) span.nextElementSibling.setAttribute("data-handbook-doc", span.id.slice(9));
    }
    uniqueIds();
    // Mermaid gives each diagram its natural width inline; the web styles
    // stretch it to the column. On paper a small diagram stays small.
    document.querySelectorAll(".mermaid svg").forEach((svg) => {
      if (svg.style.maxWidth) svg.style.setProperty("max-width", svg.style.maxWidth, "important");
    });
    document.head.append(pageStyle(book, true));
    const article = document.querySelector("article");
    article.prepend(cover(book), toc());
  }

  const tocTargets = () => [...document.querySelectorAll(".handbook-toc a[data-target]")].map((a) => a.dataset.target);
  const tocEntries = () => [...document.querySelectorAll(".handbook-toc a[data-target]")].map(
    (a) => ({ target: a.dataset.target, title: a.querySelector(".handbook-toc-entry").textContent }));

  // The headings that will print, in order: the true text for the bookmarks
  // (Chromium drops the space where a long heading wraps).
  const headings = () => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => h.getClientRects().length > 0).map(headingText);

  // What each link says, by its target ("#id" or the absolute URL): the
  // PDF's link annotations get it as their text (/Contents, PDF/UA).
  function linkLabels() {
    const labels = {};
    for (const a of document.querySelectorAll("a[href]")) {
      if (a.getClientRects().length === 0) continue;
      const href = a.getAttribute("href");
      const key = href.startsWith("#") ? href : a.href;
      const text = (a.getAttribute("aria-label") || a.textContent).replace(/\s+/g, " ").trim();
      if (text && !(key in labels)) labels[key] = text;
    }
    return labels;
  }

  // Headings that print with nothing under them: the next thing after the
  // heading (in document order, leaving its parents where it is their last
  // child) is a chapter, which starts a new page, or nothing at all.
  const following = (node) => {
    while (node && !node.nextElementSibling) {
      node = node.parentElement;
      if (!node || node.matches("article, main, body")) return null;
    }
    return node ? node.nextElementSibling : null;
  };
  const startsChapter = (node) => {
    for (let n = node; n; n = n.firstElementChild) if (n.matches("span[id^='document-']")) return true;
    return false;
  };
  // A chapter's own title is left out: a chapter made of chapters only
  // prints its title on a page of its own, as a part's title page.
  function emptyHeadings() {
    return [...document.querySelectorAll("article :is(h1, h2, h3, h4, h5, h6), main :is(h1, h2, h3, h4, h5, h6)")]
      .filter((h) => h.getClientRects().length > 0 && !h.parentElement.matches("section[data-handbook-doc]"))
      .filter((h) => {
        let next = following(h);
        while (next && next.getClientRects().length === 0 && !startsChapter(next)) next = following(next);
        return next === null || startsChapter(next);
      })
      .map(headingText);
  }

  function setTocPages(pages) {
    for (const a of document.querySelectorAll(".handbook-toc a[data-target]")) {
      const number = pages[a.dataset.target];
      const slot = a.querySelector(".handbook-toc-page");
      slot.textContent = number ? String(number) : "";
      slot.removeAttribute("aria-hidden");
      a.setAttribute("aria-label", `${a.querySelector(".handbook-toc-entry").textContent}, pagina ${number}`);
    }
  }

  // A diagram's copy needs ids of its own: its styles, arrowheads and
  // labels refer to them, and the originals sit in the hidden book.
  function renameSvgIds(svg) {
    const ids = [...svg.querySelectorAll("[id]"), svg].map((node) => node.id).filter(Boolean)
      .sort((a, b) => b.length - a.length);
    if (!ids.length) return;
    const escape = (id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(${ids.map(escape).join("|")})(?![\\w-])`, "g");
    svg.outerHTML = svg.outerHTML.replace(pattern, "$1-werkblad");
  }

  // A handout: the play in one sentence and its sections for the workshop.
  function showHandout({ docname, summary, book }) {
    const source = docSection(docname);
    if (!source) return null;  // not in the book: no toctree lists it
    const title = headingText(headingOf(source));
    const intro = summary || (source.querySelector(":scope > p") || {}).textContent || "";
    const parts = [];
    const found = new Set();
    for (const child of source.querySelectorAll(":scope > section, :scope .handout")) {
      const key = child.tagName === "SECTION" && headingOf(child)
        ? HANDOUT_SECTIONS.find((name) => headingText(headingOf(child)).toLowerCase().startsWith(name)) : null;
      if (key || child.classList.contains("handout")) {
        if (key) found.add(key);
        parts.push(child);
      }
    }
    const handout = el("main", { id: "handbook-handout", class: "handbook-handout", lang: "nl" },
      el("p", { class: "handout-kicker" }, "Werkblad \u00b7 " + book.title),
      el("h1", {}, title),
      el("p", { class: "handout-summary" }, intro.trim()));
    for (const part of parts) {
      const copy = part.cloneNode(true);
      copy.querySelectorAll("[id]:not(svg, svg *)").forEach((node) => node.removeAttribute("id"));
      copy.querySelectorAll("svg").forEach(renameSvgIds);
      copy.querySelectorAll(".headerlink, .mermaid-fullscreen-btn").forEach((node) => node.remove());
      // One heading level under the play's title, whatever it was in the book.
      copy.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach((h) => {
        const level = Math.min(6, Number(h.tagName[1]) - Number(headingOf(source).tagName[1]) + 1);
        const renamed = el("h" + level, {}, ...h.childNodes);
        h.replaceWith(renamed);
      });
      handout.append(copy);
    }
    const notes = el("section", { class: "handout-notes" }, el("h2", {}, "Aantekeningen"));
    for (let i = 0; i < NOTE_LINES; i++) notes.append(el("div", { class: "write-line", "aria-hidden": "true" }));
    handout.append(notes);
    document.body.append(handout);
    document.documentElement.classList.add("handbook-handout-mode");
    document.getElementById("handbook-pdf-page").replaceWith(pageStyle({ title: "Werkblad: " + title }, false));
    return HANDOUT_SECTIONS.filter((name) => !found.has(name));
  }

  // Handouts print faster without the whole book in the page, even hidden.
  function detachBook() {
    bookRoot = document.querySelector(".page");
    if (bookRoot) bookRoot.remove();
  }

  function hideHandout() {
    document.getElementById("handbook-handout")?.remove();
    document.documentElement.classList.remove("handbook-handout-mode");
  }

  return { diagramStates, prepareBook, linkLabels, emptyHeadings, tocTargets, tocEntries, headings, setTocPages, detachBook, showHandout, hideHandout };
})();
