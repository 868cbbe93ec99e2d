// dabiao HTML report: sorting and filtering of the summary table, with the view
// kept in the URL fragment (#sort=score&dir=asc&grade=C&q=临汾&code=CMP-005&at=report-2)
// so that it can be linked. All data comes from data-* attributes.
(function () {
  "use strict";
  var table = document.getElementById("summary");
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.querySelectorAll("tr[data-index]"));
  var list = document.getElementById("report-list");
  var articles = {};
  Array.prototype.forEach.call(list.children, function (a) {
    articles[a.getAttribute("data-index")] = a;
  });
  var heads = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-key]"));
  var types = {};
  var defaultDir = {};
  heads.forEach(function (th) {
    var k = th.getAttribute("data-key");
    types[k] = th.getAttribute("data-type");
    defaultDir[k] = th.getAttribute("data-dir") || "asc";
  });
  var qInput = document.getElementById("filter-q");
  var gSelect = document.getElementById("filter-grade");
  var codeChip = document.getElementById("filter-code");
  var shown = document.getElementById("shown");
  var empty = document.getElementById("summary-empty");
  var collator = new Intl.Collator("zh-CN", { numeric: true, sensitivity: "base" });
  var KEYS = ["sort", "dir", "grade", "q", "code", "at"];

  function blank() {
    return { sort: "", dir: "", grade: "", q: "", code: "", at: "" };
  }
  var state = blank();

  function decode(x) {
    try {
      return decodeURIComponent(x.replace(/\+/g, " "));
    } catch (e) {
      return x;
    }
  }

  // A fragment with "=" is a view; anything else (#report-3) is a plain anchor.
  function parse(hash) {
    var h = (hash || "").replace(/^#/, "");
    if (h.indexOf("=") < 0) return null;
    var s = blank();
    h.split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i < 0) return;
      var k = decode(part.slice(0, i));
      if (KEYS.indexOf(k) >= 0) s[k] = decode(part.slice(i + 1));
    });
    return clean(s);
  }

  function clean(s) {
    if (!types[s.sort]) s.sort = "";
    if (s.dir !== "asc" && s.dir !== "desc") s.dir = s.sort ? defaultDir[s.sort] : "";
    if (!s.sort) s.dir = "";
    var gs = s.grade.toUpperCase().split(/[\s,]+/).filter(function (g) {
      return g === "A" || g === "B" || g === "C";
    });
    gs.sort();
    s.grade = gs.filter(function (g, i) { return gs.indexOf(g) === i; }).join(",");
    s.code = s.code.trim();
    if (s.at && !document.getElementById(s.at)) s.at = "";
    return s;
  }

  function serialize() {
    return KEYS.filter(function (k) { return state[k]; })
      .map(function (k) {
        return k + "=" + encodeURIComponent(state[k]).replace(/%2C/g, ",");
      })
      .join("&");
  }

  function attr(row, k) {
    return row.getAttribute("data-" + k) || "";
  }

  function index(row) {
    return Number(row.getAttribute("data-index"));
  }

  function compare(a, b) {
    var k = state.sort;
    var va = attr(a, k);
    var vb = attr(b, k);
    // Empty values last, whichever the direction.
    if (va === "" || vb === "") {
      if (va === vb) return index(a) - index(b);
      return va === "" ? 1 : -1;
    }
    var r = types[k] === "num" ? Number(va) - Number(vb) : collator.compare(va, vb);
    if (state.dir === "desc") r = -r;
    return r || index(a) - index(b);
  }

  function matches(row) {
    if (state.grade && state.grade.split(",").indexOf(attr(row, "grade")) < 0) return false;
    if (state.code && (" " + attr(row, "codes") + " ").indexOf(" " + state.code + " ") < 0) {
      return false;
    }
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length) {
      var hay = [attr(row, "file"), attr(row, "entity"), attr(row, "code")].join("\n").toLowerCase();
      for (var i = 0; i < terms.length; i++) {
        if (hay.indexOf(terms[i]) < 0) return false;
      }
    }
    return true;
  }

  function apply() {
    var sorted = rows.slice();
    sorted.sort(state.sort ? compare : function (a, b) { return index(a) - index(b); });
    var visible = 0;
    sorted.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      if (ok) visible++;
      tbody.appendChild(row);
      var art = articles[row.getAttribute("data-index")];
      if (art) {
        art.hidden = !ok;
        list.appendChild(art);
      }
    });
    heads.forEach(function (th) {
      var k = th.getAttribute("data-key");
      th.setAttribute(
        "aria-sort",
        k === state.sort ? (state.dir === "desc" ? "descending" : "ascending") : "none"
      );
    });
    if (document.activeElement !== qInput) qInput.value = state.q;
    if (!Array.prototype.some.call(gSelect.options, function (o) { return o.value === state.grade; })) {
      var o = document.createElement("option");
      o.value = o.textContent = state.grade;
      gSelect.appendChild(o);
    }
    gSelect.value = state.grade;
    codeChip.hidden = !state.code;
    codeChip.querySelector("code").textContent = state.code;
    shown.textContent = visible === rows.length
      ? "共 " + rows.length + " 份报告"
      : "显示 " + visible + " / " + rows.length + " 份报告";
    document.body.setAttribute("data-shown", String(visible));
    empty.hidden = visible > 0;
    Array.prototype.forEach.call(document.querySelectorAll(".report.focus"), function (a) {
      a.classList.remove("focus");
    });
    if (state.at) {
      var target = document.getElementById(state.at);
      if (target) target.classList.add("focus");
    }
  }

  var writing = false;
  function update() {
    apply();
    var h = serialize();
    var url = location.pathname + location.search + (h ? "#" + h : "");
    try {
      history.replaceState(null, "", url);
    } catch (e) {
      writing = true;
      location.hash = h;
    }
  }

  function reveal(id) {
    var el = document.getElementById(id);
    if (el) el.scrollIntoView({ block: "start" });
  }

  heads.forEach(function (th) {
    th.addEventListener("click", function () {
      var k = th.getAttribute("data-key");
      if (state.sort === k) {
        state.dir = state.dir === "desc" ? "asc" : "desc";
      } else {
        state.sort = k;
        state.dir = defaultDir[k];
      }
      update();
    });
  });
  qInput.addEventListener("input", function () {
    state.q = qInput.value;
    update();
  });
  gSelect.addEventListener("change", function () {
    state.grade = gSelect.value;
    update();
  });
  codeChip.querySelector("button").addEventListener("click", function () {
    state.code = "";
    update();
  });
  var toggle = document.getElementById("frequent-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var more = document.getElementById("frequent-more");
      more.hidden = !more.hidden;
      toggle.textContent = toggle.getAttribute(more.hidden ? "data-more" : "data-less");
    });
  }

  document.addEventListener("click", function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    var a = ev.target.closest ? ev.target.closest("a[data-set], a[data-jump], a[data-top]") : null;
    if (!a) return;
    ev.preventDefault();
    if (a.hasAttribute("data-set")) {
      // e.g. data-set="grade=C": merge into the view, then show the table.
      var s = parse("#" + a.getAttribute("data-set")) || blank();
      KEYS.forEach(function (k) {
        if (s[k]) state[k] = s[k];
      });
      state.at = "";
      state = clean(state);
      update();
      reveal("summary-section");
    } else if (a.hasAttribute("data-jump")) {
      state.at = a.getAttribute("data-jump");
      update();
      reveal(state.at);
    } else {
      state.at = "";
      update();
      reveal("summary-section");
    }
  });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (ev.key === "/" && !typing) {
      ev.preventDefault();
      qInput.focus();
      qInput.select();
    } else if (ev.key === "Escape" && t === qInput) {
      state.q = "";
      qInput.value = "";
      update();
    }
  });

  window.addEventListener("hashchange", function () {
    if (writing) {
      writing = false;
      return;
    }
    var s = parse(location.hash);
    if (!s) return;
    state = s;
    apply();
    if (state.at) reveal(state.at);
  });

  var initial = parse(location.hash);
  if (initial) state = initial;
  apply();
  document.body.setAttribute("data-ready", "1");
  if (state.at) reveal(state.at);
})();
