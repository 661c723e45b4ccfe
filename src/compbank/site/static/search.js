// Search over the site's own index (search-index.js, loaded before this script as a plain
// script so that it works opened from disk as well as from a server).
//
// A query's words are matched as the beginnings of words, case aside, as Bank.search
// matches them. A place (a name, a definition, a level, an indicator, ...) matches when it
// holds every word of the query; pages are ranked by their best place (a name counts most,
// then a definition, then other texts), then by how many places match, then in site order.
// Texts are put in the page as text, never as markup.
(function () {
  "use strict";
  var MAX_PAGES = 50;
  var MAX_PLACES = 5;
  var WORD = /[a-z0-9]+/g;

  function words(text) {
    return text.toLowerCase().match(WORD) || [];
  }

  function matches(placeWords, queryWords) {
    return queryWords.every(function (q) {
      return placeWords.some(function (w) { return w.lastIndexOf(q, 0) === 0; });
    });
  }

  // The text as nodes, with each word that a query word begins marked.
  function highlighted(text, queryWords) {
    var out = document.createDocumentFragment();
    var re = /[A-Za-z0-9]+/g;
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      var lower = m[0].toLowerCase();
      var hit = queryWords.some(function (q) { return lower.lastIndexOf(q, 0) === 0; });
      if (!hit) continue;
      out.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      out.appendChild(mark);
      last = m.index + m[0].length;
    }
    out.appendChild(document.createTextNode(text.slice(last)));
    return out;
  }

  function search(index, query) {
    var queryWords = words(query);
    if (queryWords.length === 0) return [];
    var byPage = new Map();
    index.places.forEach(function (place, order) {
      if (!place.words) place.words = words(place[3]);
      if (!matches(place.words, queryWords)) return;
      var hit = byPage.get(place[0]);
      if (!hit) {
        hit = { page: place[0], best: 0, places: [] };
        byPage.set(place[0], hit);
      }
      hit.best = Math.max(hit.best, place[4]);
      hit.places.push(place);
    });
    var hits = Array.from(byPage.values());
    hits.sort(function (a, b) {
      return (b.best - a.best) || (b.places.length - a.places.length) || (a.page - b.page);
    });
    return hits.map(function (hit) {
      return { page: index.pages[hit.page], places: hit.places, queryWords: queryWords };
    });
  }

  function show(index, query, status, list) {
    list.textContent = "";
    var hits = search(index, query);
    if (!query.trim()) {
      status.textContent = "Type words to find, then press Search.";
      return;
    }
    var pages = hits.length === 1 ? "1 page matches" : hits.length + " pages match";
    status.textContent = pages + " \u201c" + query + "\u201d" +
      (hits.length > MAX_PAGES ? "; the first " + MAX_PAGES + " are shown." : ".");
    hits.slice(0, MAX_PAGES).forEach(function (hit) {
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = hit.page[0];
      link.textContent = hit.page[1];
      heading.appendChild(link);
      item.appendChild(heading);
      var places = document.createElement("ul");
      hit.places.slice(0, MAX_PLACES).forEach(function (place) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = hit.page[0] + (place[1] ? "#" + place[1] : "");
        a.textContent = place[2];
        li.appendChild(a);
        li.appendChild(document.createTextNode(": "));
        li.appendChild(highlighted(place[3], hit.queryWords));
        places.appendChild(li);
      });
      if (hit.places.length > MAX_PLACES) {
        var more = document.createElement("li");
        more.textContent = "and " + (hit.places.length - MAX_PLACES) + " more places in this page";
        places.appendChild(more);
      }
      item.appendChild(places);
      list.appendChild(item);
    });
  }

  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var input = document.getElementById("q");
  var index = window.compbankSearch;
  if (!index) {
    status.textContent = "The search index (search-index.js) could not be loaded, so search " +
      "cannot run here. The competencies and classes are listed on their own pages.";
    return;
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  show(index, query, status, list);
})();
