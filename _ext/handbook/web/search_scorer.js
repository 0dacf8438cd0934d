/* Ranking for the handbook's search: Sphinx's html_search_scorer
   (_ext/handbook/web/search.py sets it). Sphinx puts this file in
   _static/language_data.js; searchtools.js then calls Scorer.score for each
   result, [docname, title, anchor, descr, score, filename, kind].

   Sphinx scores a word in any heading the same as the page's own title, so
   the overviews and the glossary, which list every theme and term in their
   headings, came before the play or session that is about the word. Here:

   - plays and sessions weigh more than lists (overviews, glossary, index
     pages); sessions a little more than plays, so a case comes before the
     play that cites it when nothing else tells them apart;
   - a page whose own title holds what the reader typed is about it: the
     shorter that title, the more (as Sphinx does for headings);
   - a glossary entry (an index entry, 100 points in Sphinx) counts as one
     heading on a list page.

   The default numbers below are Sphinx's own. */
var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {0: 15, 1: 5, 2: -5},
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  PLAY: 25,
  SESSION: 27,
  ABOUT: 20,  // the page's title holds the word, plus up to ABOUT more
  LIST_ENTRY: 15,

  _words: null,
  queryWords() {
    if (this._words === null) {
      const query = new URLSearchParams(window.location.search).get("q") || "";
      const stemmer = typeof Stemmer === "undefined" ? null : new Stemmer();
      const words = new Set();
      for (const word of query.toLowerCase().split(/[^\p{Letter}\p{Number}_]+/u)) {
        if (word.length < 3) continue;
        words.add(word);
        if (stemmer) words.add(stemmer.stemWord(word));
      }
      this._words = [...words];
    }
    return this._words;
  },

  score(result) {
    const [docname, title, anchor, , sphinxScore, , kind] = result;
    let score = sphinxScore;
    if (kind === "index") score = Math.min(score, this.LIST_ENTRY);
    const name = docname.split("/").pop();
    if (name !== "index") {
      if (docname.startsWith("sessions/")) score += this.SESSION;
      else if (docname.startsWith("playbook/")) score += this.PLAY;
    }
    if (!anchor) {
      const own = title.split(" > ")[0].toLowerCase();
      const found = this.queryWords().filter((w) => own.includes(w));
      if (found.length) {
        const longest = Math.max(...found.map((w) => w.length));
        score += this.ABOUT + Math.round((this.ABOUT * longest) / own.length);
      }
    }
    return score;
  },
};
