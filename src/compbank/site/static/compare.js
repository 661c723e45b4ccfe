// Compare two classes in the browser, from compare-data.js: what moving from one class to
// the other asks, as Bank.compare answers it (added, dropped, raised, lowered, same,
// unknown), in the same order. Texts are put in the page as text, never as markup.
(function () {
  "use strict";
  var data = window.compbankCompare;
  var out = document.getElementById("comparison");
  if (!data) {
    out.textContent = "The class data (compare-data.js) could not be loaded, so the " +
      "comparison cannot run here.";
    return;
  }
  var competencies = new Map();
  data.competencies.forEach(function (c) { competencies.set(c[0], c); });
  var classes = new Map();
  data.classes.forEach(function (jc) { classes.set(jc[0], jc); });

  // The same rules as Bank.compare.
  function compare(a, b) {
    var aLevels = new Map(a[3].map(function (r) { return [r[0], r[1]]; }));
    var bLevels = new Map(b[3].map(function (r) { return [r[0], r[1]]; }));
    var result = { added: [], dropped: [], raised: [], lowered: [], same: [], unknown: [] };
    b[3].forEach(function (r) {
      var number = r[0];
      var to = r[1];
      if (!aLevels.has(number)) {
        result.added.push({ number: number, to: to });
        return;
      }
      var from = aLevels.get(number);
      var change = { number: number, from: from, to: to };
      if (from === null || to === null) result.unknown.push(change);
      else if (to > from) result.raised.push(change);
      else if (to < from) result.lowered.push(change);
      else result.same.push(change);
    });
    a[3].forEach(function (r) {
      if (!bLevels.has(r[0])) result.dropped.push({ number: r[0], from: r[1] });
    });
    return result;
  }

  function level(n) {
    return n === null ? "level not known from the source" : "level " + n;
  }

  var SECTIONS = [
    ["added", "Added", "competencies the second class requires and the first does not",
      function (e) { return level(e.to) + " required"; }],
    ["raised", "Raised", "required by both, at a higher level",
      function (e) { return "level " + e.from + " \u2192 level " + e.to; }],
    ["lowered", "Lowered", "required by both, at a lower level",
      function (e) { return "level " + e.from + " \u2192 level " + e.to; }],
    ["same", "Same level", "required by both at the same level",
      function (e) { return "level " + e.to; }],
    ["unknown", "Level not comparable", "required by both; a source does not mark the level",
      function (e) { return "from " + level(e.from) + " to " + level(e.to); }],
    ["dropped", "Dropped", "competencies the first class requires and the second does not",
      function (e) { return level(e.from) + " in the first class"; }]
  ];

  function classLink(jc) {
    var a = document.createElement("a");
    a.href = jc[2];
    a.textContent = jc[0] + " " + jc[1];
    return a;
  }

  function render(a, b) {
    var result = compare(a, b);
    out.textContent = "";
    var heading = document.createElement("h2");
    heading.id = "comparison-heading";
    heading.appendChild(document.createTextNode("From "));
    heading.appendChild(classLink(a));
    heading.appendChild(document.createTextNode(" to "));
    heading.appendChild(classLink(b));
    out.appendChild(heading);
    SECTIONS.forEach(function (section) {
      var key = section[0];
      var entries = result[key];
      var wrap = document.createElement("section");
      wrap.className = "change change-" + key;
      wrap.setAttribute("aria-labelledby", "heading-" + key);
      var h = document.createElement("h3");
      h.id = "heading-" + key;
      h.textContent = section[1] + " (" + entries.length + "): " + section[2];
      wrap.appendChild(h);
      var list = document.createElement("ul");
      list.id = key;
      entries.forEach(function (e) {
        var c = competencies.get(e.number);
        var li = document.createElement("li");
        li.dataset.number = String(e.number);
        li.dataset.from = e.from === undefined || e.from === null ? "" : String(e.from);
        li.dataset.to = e.to === undefined || e.to === null ? "" : String(e.to);
        var link = document.createElement("a");
        link.href = c[2];
        link.textContent = c[0] + ". " + c[1];
        li.appendChild(link);
        li.appendChild(document.createTextNode(": " + section[3](e)));
        list.appendChild(li);
      });
      if (entries.length === 0) {
        var none = document.createElement("li");
        none.textContent = "none";
        list.appendChild(none);
      }
      wrap.appendChild(list);
      out.appendChild(wrap);
    });
  }

  if (data.classes.length === 0) {
    out.textContent = "This data holds no class to compare.";
    return;
  }
  var from = document.getElementById("from");
  var to = document.getElementById("to");
  var params = new URLSearchParams(window.location.search);
  if (classes.has(params.get("from"))) from.value = params.get("from");
  if (classes.has(params.get("to"))) to.value = params.get("to");
  function update() { render(classes.get(from.value), classes.get(to.value)); }
  from.addEventListener("change", update);
  to.addEventListener("change", update);
  update();
})();
