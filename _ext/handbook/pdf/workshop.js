// Page-side half of the workshop PDFs (see workshops.py): per play a
// facilitator's script (A4) and a canvas (A3 landscape), per workshop page a
// bundle. Runs after page.js, in the same single-page build; copies from the
// book as page.js's handouts do. Styling lives in _static/print.css.
window.handbookWorkshop = (() => {
  const STEPS = "zo begeleidt u deze workshop";
  let root = null;

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  };
  const headingOf = (section) => section && section.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6");
  const headingText = (heading) => {
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
    return copy.textContent.trim();
  };
  const cssString = (text) => '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ") + '"';

  // Before page.js detaches the book: keep a handle to copy from.
  function keepBook() { root = document.querySelector(".page"); }

  const docSection = (docname) => {
    const span = (root || document).querySelector(`[id="${CSS.escape("document-" + docname)}"]`);
    return span && span.nextElementSibling && span.nextElementSibling.tagName === "SECTION"
      ? span.nextElementSibling : null;
  };
  const sectionNamed = (source, start) => [...source.querySelectorAll(":scope > section")]
    .find((s) => headingOf(s) && headingText(headingOf(s)).toLowerCase().startsWith(start));

  // A copy without ids, permalinks or links to elsewhere in the book; its
  // headings moved so the copy's top level becomes `top`.
  function copyOf(node, from, top) {
    const copy = node.cloneNode(true);
    copy.querySelectorAll("[id]:not(svg, svg *)").forEach((n) => n.removeAttribute("id"));
    if (copy.removeAttribute) copy.removeAttribute("id");
    copy.querySelectorAll(".headerlink, .mermaid-fullscreen-btn").forEach((n) => n.remove());
    const shift = top - from;
    const heads = copy.matches && copy.matches("h1, h2, h3, h4, h5, h6") ? [copy] : [];
    heads.push(...copy.querySelectorAll("h1, h2, h3, h4, h5, h6"));
    for (const h of heads) {
      const renamed = el("h" + Math.max(1, Math.min(6, Number(h.tagName[1]) + shift)), { class: h.className }, ...h.childNodes);
      if (h === copy) return renamed;
      h.replaceWith(renamed);
    }
    return copy;
  }

  function pageStyle(title, size) {
    const style = el("style", { id: "handbook-pdf-page" });
    style.textContent = `
      @page { size: ${size}; @top-right { content: ${cssString(title)}; }
              @bottom-right { content: ${cssString("Pagina ")} counter(page) ${cssString(" van ")} counter(pages); } }`;
    return style;
  }

  function show(node, title, size) {
    hide();
    node.id = "handbook-handout";
    document.body.append(node);
    document.documentElement.classList.add("handbook-handout-mode");
    document.getElementById("handbook-pdf-page").replaceWith(pageStyle(title, size));
  }

  function hide() {
    document.getElementById("handbook-handout")?.remove();
    document.documentElement.classList.remove("handbook-handout-mode");
  }

  // The facilitator's script of one play: its workshop card and the section
  // with the steps, under a heading at `top`.
  function script(docname, top, label) {
    const source = docSection(docname);
    if (!source) return null;
    const base = Number(headingOf(source).tagName[1]);
    const title = headingText(headingOf(source));
    const part = el("section", { class: "workshop-script" }, el("h" + top, {}, label + title));
    const card = source.querySelector(".handbook-workshop-card");
    if (card) part.append(copyOf(card, base, top));
    const steps = sectionNamed(source, STEPS);
    if (steps) part.append(copyOf(steps, base + 1, top + 1));
    return part;
  }

  function showScript({ docname, book }) {
    const part = script(docname, 1, "Draaiboek: ");
    if (!part) return false;
    const main = el("main", { class: "handbook-handout handbook-script", lang: "nl" },
      el("p", { class: "handout-kicker" }, "Draaiboek voor de begeleider \u00b7 " + book.title), ...part.childNodes);
    show(main, "Draaiboek: " + headingText(main.querySelector("h1")), "A4");
    return true;
  }

  // The worksheet's questions: the first cell of each row of the Werkblad
  // table; without one, the Kernvragen.
  function questions(source) {
    const sheet = sectionNamed(source, "werkblad");
    const cells = sheet ? [...sheet.querySelectorAll("tbody tr")].map((tr) => tr.cells[0]?.textContent.trim()).filter(Boolean) : [];
    if (cells.length) return cells;
    const key = sectionNamed(source, "kernvragen");
    return key ? [...key.querySelectorAll("li")].map((li) => li.textContent.trim()) : [];
  }

  function showCanvas({ docname, book }) {
    const source = docSection(docname);
    if (!source) return 0;
    const title = headingText(headingOf(source));
    const asked = questions(source);
    const grid = el("div", { class: "canvas-grid" });
    for (const question of asked) {
      grid.append(el("div", { class: "canvas-box" }, el("p", { class: "canvas-question" }, question)));
    }
    const main = el("main", { class: "handbook-handout handbook-canvas", lang: "nl" },
      el("p", { class: "handout-kicker" }, "Canvas \u00b7 " + book.title),
      el("h1", {}, "Canvas: " + title), grid);
    main.style.setProperty("--canvas-rows", String(Math.ceil(asked.length / 4) || 1));
    show(main, "Canvas: " + title, "A3 landscape");
    return asked.length;
  }

  // A workshop bundle: cover, contents, the workshop page (agenda,
  // preparation, materials), per play the script, then per play the handout.
  function showBundle({ docname, plays, info, book }) {
    hide();
    const source = docSection(docname);
    if (!source) return null;
    const base = Number(headingOf(source).tagName[1]);
    const title = headingText(headingOf(source));
    const main = el("main", { class: "handbook-handout handbook-bundle", lang: "nl" });
    main.append(el("div", { class: "handbook-cover bundle-cover" },
      el("p", { class: "handout-kicker" }, "Workshop \u00b7 " + book.title),
      el("h1", { class: "cover-title" }, title),
      el("p", { class: "cover-subtitle" }, info)));
    const contents = el("ol", {});
    main.append(el("nav", { class: "bundle-toc", "aria-labelledby": "bundle-toc-title" },
      el("h2", { id: "bundle-toc-title" }, "Inhoud"), contents));
    const entry = (id, text) => contents.append(el("li", {}, el("a", { href: "#" + id }, text)));
    const page = el("section", { class: "bundle-part", id: "bundle-programma" });
    for (const child of source.querySelectorAll(":scope > section")) page.append(copyOf(child, base + 1, 2));
    main.append(page);
    entry("bundle-programma", "Programma, voorbereiding en materiaal");
    plays.forEach((play, i) => {
      const part = script(play.docname, 2, "Draaiboek: ");
      if (!part) return;
      part.id = `bundle-script-${i}`;
      part.classList.add("bundle-part");
      main.append(part);
      entry(part.id, headingText(part.querySelector("h2")));
    });
    const handouts = [];
    plays.forEach((play, i) => {
      if (window.handbookPdf.showHandout({ docname: play.docname, summary: play.summary, book }) === null) return;
      const sheet = document.getElementById("handbook-handout");
      sheet.remove();
      document.documentElement.classList.remove("handbook-handout-mode");
      const part = el("section", { class: "bundle-part bundle-handout", id: `bundle-handout-${i}` });
      for (const child of [...sheet.childNodes]) part.append(child.nodeType === 1 ? copyOf(child, 1, 2) : child);
      const h = part.querySelector("h2");
      if (h) h.textContent = "Werkblad: " + h.textContent;
      main.append(part);
      entry(part.id, h ? h.textContent : play.docname);
      handouts.push(part.id);
    });
    show(main, "Workshop: " + title, "A4");
    return handouts;
  }

  // Duplex: a handout that would start on a left-hand (even) page gets a
  // blank page before it.
  function blankBefore(ids) {
    for (const id of ids) {
      const blank = el("div", { class: "bundle-blank" }, el("p", {}, "Deze pagina is bewust leeg."));
      const target = document.getElementById(id);
      target.before(blank);
    }
  }

  return { keepBook, showScript, showCanvas, showBundle, blankBefore, hide };
})();
