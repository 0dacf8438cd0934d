/* Keyboard use of Furo's drawers (WCAG 2.1.1, 2.4.3, 2.4.7).

   Furo opens its menu and its "Op deze pagina" panel with a <label> for a
   hidden checkbox. A label takes no focus, so on a narrow window (or at
   200 % zoom) the keyboard cannot open either; and the closed drawers stay in
   the tab order while they sit off screen, so Tab lands on links nobody can
   see. This script, served from the build (no inline code, so the CSP stays
   strict):

   - turns each visible toggle label into a button for the keyboard
     (role, tabindex, name, aria-expanded; Enter and Space toggle it);
   - makes a drawer that is off screen and closed `inert`, so its links leave
     the tab order, and gives it back when it opens;
   - on open moves focus into the drawer; Escape, or Tab out of the drawer,
     closes it (Escape returns focus to the button).

   A drawer counts as off screen exactly when Furo shows one of its toggle
   labels: Furo's own stylesheet decides, so its breakpoints are not copied
   here. Without JavaScript nothing changes. The markup this relies on is in
   the register of internals ("furo-drawers", _ext/handbook/internals.py). */
"use strict";
(() => {
  const DRAWERS = [
    {box: "__navigation", drawer: ".sidebar-drawer", toggles: ".nav-overlay-icon",
     name: "Menu"},
    {box: "__toc", drawer: ".toc-drawer", toggles: ".toc-overlay-icon",
     name: "Op deze pagina"},
  ];
  const FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";

  const shown = (el) => el.getClientRects().length > 0;

  const setUp = () => {
    const parts = [];
    for (const spec of DRAWERS) {
      const box = document.getElementById(spec.box);
      const drawer = document.querySelector(spec.drawer);
      const toggles = [...document.querySelectorAll(spec.toggles)]
        .filter((t) => t.getAttribute("for") === spec.box);
      if (!box || !drawer || !toggles.length) continue;
      if (!drawer.id) drawer.id = `hb-drawer-${spec.box.replace(/_/g, "")}`;
      for (const toggle of toggles) {
        toggle.setAttribute("role", "button");
        toggle.setAttribute("tabindex", "0");
        toggle.setAttribute("aria-controls", drawer.id);
        toggle.setAttribute("aria-label", spec.name);
        toggle.addEventListener("keydown", (event) => {
          if (event.key !== "Enter" && event.key !== " ") return;
          event.preventDefault();
          box.click();  // as a click on the label: Furo's CSS follows the box
        });
      }
      parts.push({spec, box, drawer, toggles, lastToggle: null});
    }
    if (!parts.length) return;

    const offCanvas = (part) => part.toggles.some(shown);

    const update = () => {
      for (const part of parts) {
        const open = part.box.checked;
        part.drawer.inert = offCanvas(part) && !open;
        for (const toggle of part.toggles) toggle.setAttribute("aria-expanded", String(open));
      }
    };

    const close = (part, refocus) => {
      if (!part.box.checked) return;
      part.box.checked = false;
      update();
      if (refocus) {
        const back = [part.lastToggle, ...part.toggles].find((t) => t && shown(t));
        if (back) back.focus();
      }
    };

    for (const part of parts) {
      for (const toggle of part.toggles) {
        toggle.addEventListener("click", () => { part.lastToggle = toggle; });
        toggle.addEventListener("keydown", () => { part.lastToggle = toggle; }, true);
      }
      part.box.addEventListener("change", () => {
        update();
        if (part.box.checked && offCanvas(part)) {
          // Opened: the keyboard goes where the eyes go.
          const first = [...part.drawer.querySelectorAll(FOCUSABLE)]
            .find((el) => el.tabIndex >= 0 && shown(el));
          if (first) first.focus({preventScroll: true});
        }
      });
      part.drawer.addEventListener("focusout", (event) => {
        const to = event.relatedTarget;
        // Focus moved on to the page behind: the drawer has done its job.
        if (to && !part.drawer.contains(to) && offCanvas(part)) close(part, false);
      });
      // A click on a link in the drawer that stays on this page (a heading
      // in "Op deze pagina"): close it, as Furo does for a tap.
      part.drawer.addEventListener("click", (event) => {
        if (event.target.closest("a[href^='#']") && offCanvas(part)) close(part, false);
      });
    }

    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      for (const part of parts) {
        if (part.box.checked && offCanvas(part)) close(part, true);
      }
    });
    // The overlay behind an open drawer closes it with a click (Furo's label).
    document.addEventListener("change", update);
    window.addEventListener("resize", update);
    update();
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
