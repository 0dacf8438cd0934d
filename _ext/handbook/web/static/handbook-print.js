/* The print source line (web/page.py): on paper, the page's real address
   (a file:// path on a shared drive, or the intranet address) and the day
   it was printed. Without script the line keeps the page name and the date
   it was last updated. */
"use strict";
(() => {
  const line = document.querySelector(".hb-print-source");
  if (!line) return;
  const address = line.querySelector(".hb-print-address");
  if (address) address.textContent = location.href.split("#")[0];
  const date = line.querySelector(".hb-print-date");
  const stamp = () => {
    if (!date) return;
    const day = new Date().toLocaleDateString(document.documentElement.lang || "nl",
      {day: "numeric", month: "long", year: "numeric"});
    date.textContent = (date.dataset.printed || "").replace("{date}", day);
  };
  stamp();
  addEventListener("beforeprint", stamp);
})();
