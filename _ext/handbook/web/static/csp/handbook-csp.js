/* Sphinx's doctools.js compiles the catalog's plural rule with `new Function`,
   which a Content-Security-Policy without 'unsafe-eval' refuses (and the page
   then throws). This replaces that one step, before translations.js runs.
   Dutch, like English, uses "(n != 1)"; any other rule keeps Sphinx's default
   (one form for 1, another for the rest). */
"use strict";
if (typeof Documentation !== "undefined") {
  Documentation.addTranslations = (catalog) => {
    Object.assign(Documentation.TRANSLATIONS, catalog.messages);
    const rule = String(catalog.plural_expr).replace(/[\s()]/g, "");
    if (rule === "n!=1") Documentation.PLURAL_EXPR = (n) => (n !== 1 ? 1 : 0);
    Documentation.LOCALE = catalog.locale;
  };
}
