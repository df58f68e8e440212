/* blocs explorer and report: the network drawing, the time-series chart, the events table
   and the document highlights. Plain JS, no library, nothing fetched but the explorer's own
   /api. Every text from the data goes into the page through textContent or setAttribute,
   never as HTML, so an article containing <script> stays text. */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var STATUSES = ["asserted", "negated", "hypothetical", "future", "alleged"];

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAll(node, attrs, Array.prototype.slice.call(arguments, 2));
    return node;
  }
  function sv(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    setAll(node, attrs, Array.prototype.slice.call(arguments, 2));
    return node;
  }
  function setAll(node, attrs, kids) {
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    });
    kids.forEach(function (kid) {
      if (kid === null || kid === undefined || kid === false) return;
      node.appendChild(typeof kid === "object" ? kid : document.createTextNode(String(kid)));
    });
  }
  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function enc(v) { return encodeURIComponent(String(v)); }
  function signed(v, digits) {
    if (v === null || v === undefined) return "";
    return (v > 0 ? "+" : "") + Number(v).toFixed(digits === undefined ? 1 : digits);
  }
  function nodeKey(p, level) {
    if (level === "sector" && p.country) return p.country + (p.sector || "");
    if (level === "id") return p.id || p.country;
    return p.country || p.id;
  }

  /* ---- network ---------------------------------------------------------------------- */
  function drawNetwork(svg, net, opts) {
    clear(svg);
    svg.setAttribute("viewBox", "0 0 " + net.width + " " + net.height);
    // small drawings grow to the box (up to 1.6×); large ones keep their size and scroll
    var room = svg.parentNode ? svg.parentNode.clientWidth - 2 : net.width;
    var zoom = Math.max(1, Math.min(1.6, room / net.width));
    svg.setAttribute("width", Math.round(net.width * zoom));
    svg.setAttribute("height", Math.round(net.height * zoom));
    var pos = {};
    net.nodes.forEach(function (n) { pos[n.id] = n; });
    var maxNet = Math.max.apply(null, [1e-9].concat(net.edges.map(function (e) { return Math.abs(e.net); })));
    var maxVol = Math.max.apply(null, [1e-9].concat(net.nodes.map(function (n) { return n.cooperation + n.conflict; })));
    var edges = sv("g", { "class": "edges" });
    var lines = [];
    net.edges.forEach(function (e) {
      var a = pos[e.a], b = pos[e.b];
      if (!a || !b) return;
      var kind = e.net >= 0 ? "coop" : "conflict";
      var line = sv("line", { "class": "edge " + kind, x1: a.x, y1: a.y, x2: b.x, y2: b.y,
        "stroke-width": (1 + 6 * Math.sqrt(Math.abs(e.net) / maxNet)).toFixed(2),
        "data-a": e.a, "data-b": e.b },
        sv("title", {}, e.a + " – " + e.b + ": cooperation " + e.cooperation + ", conflict " +
           e.conflict + ", net " + signed(e.net) + " (" + e.dyads + " dyads)"));
      lines.push(line);
      edges.appendChild(line);
    });
    svg.appendChild(edges);
    var nodes = sv("g", { "class": "nodes" });
    net.nodes.forEach(function (n) {
      var r = 7 + 15 * Math.sqrt((n.cooperation + n.conflict) / maxVol);
      var colour = n.colour >= 0 ? "c" + (n.colour % 10) : "cx";
      var link = sv("a", { "class": "node", href: opts.href(n.id), "data-id": n.id,
        "aria-label": n.name + " (" + n.id + ")" },
        sv("title", {}, n.name + " (" + n.id + ") — " + (n.bloc ? "bloc " + n.bloc : "unaligned") +
           "; cooperation " + n.cooperation + ", conflict " + n.conflict + ", " + n.dyads + " dyads"),
        sv("circle", { "class": colour, cx: n.x, cy: n.y, r: r.toFixed(1) }),
        sv("text", { x: n.x, y: (n.y + r + 13).toFixed(1) }, n.id));
      link.addEventListener("mouseenter", function () { focusEdges(lines, n.id); });
      link.addEventListener("mouseleave", function () { focusEdges(lines, null); });
      if (opts.onActor) link.addEventListener("click", function (ev) { opts.onActor(n.id, ev); });
      nodes.appendChild(link);
    });
    svg.appendChild(nodes);
  }
  function focusEdges(lines, id) {
    lines.forEach(function (line) {
      var on = id !== null && (line.getAttribute("data-a") === id || line.getAttribute("data-b") === id);
      line.classList.toggle("hot", on);
      line.classList.toggle("dim", id !== null && !on);
    });
  }

  /* ---- cooperation / conflict series -------------------------------------------------- */
  function drawSeries(svg, rows) {
    clear(svg);
    var W = Math.max(640, 70 + rows.length * 30), H = 260, left = 50, top = 16, bottom = 40;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", W);
    svg.setAttribute("height", H);
    if (!rows.length) {
      svg.appendChild(sv("text", { x: 20, y: 40 }, "No dated cooperation or conflict."));
      return;
    }
    var up = Math.max(1e-9, Math.max.apply(null, rows.map(function (r) { return r.cooperation; })));
    var down = Math.max.apply(null, rows.map(function (r) { return r.conflict; }));
    var plot = H - top - bottom, scale = plot / (up + down), zero = top + up * scale;
    var step = (W - left - 10) / rows.length, bar = Math.max(2, Math.min(22, step * 0.7));
    svg.appendChild(sv("line", { "class": "axis", x1: left, x2: W - 5, y1: zero, y2: zero }));
    svg.appendChild(sv("text", { x: 4, y: top + 10 }, "+" + up.toFixed(1)));
    if (down > 0) svg.appendChild(sv("text", { x: 4, y: H - bottom }, "−" + down.toFixed(1)));
    var every = Math.max(1, Math.ceil(rows.length / Math.floor((W - left) / 64)));
    var points = [];
    rows.forEach(function (r, i) {
      var x = left + i * step + (step - bar) / 2;
      var tip = r.window + ": cooperation " + r.cooperation + ", conflict " + r.conflict +
        ", net " + signed(r.net) + (r.alignment !== undefined ? ", alignment " + signed(r.alignment, 2) : "");
      var g = sv("g", { "class": "col", "data-window": r.window }, sv("title", {}, tip));
      if (r.cooperation > 0) g.appendChild(sv("rect", { "class": "bar coop", x: x, width: bar,
        y: zero - r.cooperation * scale, height: r.cooperation * scale }));
      if (r.conflict > 0) g.appendChild(sv("rect", { "class": "bar conflict", x: x, width: bar,
        y: zero, height: r.conflict * scale }));
      g.appendChild(sv("rect", { x: left + i * step, y: top, width: step, height: plot, fill: "transparent" }));
      svg.appendChild(g);
      var cx = x + bar / 2, cy = zero - r.net * scale;
      if (r.dyads > 0) points.push(cx.toFixed(1) + "," + cy.toFixed(1));
      if (i % every === 0) svg.appendChild(sv("text", { x: x, y: H - bottom + 16 }, r.window));
    });
    if (points.length > 1) svg.appendChild(sv("polyline", { "class": "net", points: points.join(" ") }));
    points.forEach(function (p) {
      var xy = p.split(",");
      svg.appendChild(sv("circle", { "class": "dot", cx: xy[0], cy: xy[1], r: 2.5 }));
    });
    svg.appendChild(sv("text", { x: left, y: H - 6 }, "bars: cooperation (up), conflict (down) · line: net"));
  }

  /* ---- events table ----------------------------------------------------------------- */
  var COLUMNS = [["date", "Date"], ["event", "Type"], ["status", "Status"], [null, "Parties"],
                 [null, "Event"], ["plover_score", "Score"], ["doc_id", "Document"]];

  function remoteSource(api) {
    var seq = 0;
    return function (state) {
      var params = new URLSearchParams();
      state.party.forEach(function (p) { params.append("party", p); });
      ["type", "status", "since", "until", "q", "doc_id", "sort", "order", "page", "per_page"].forEach(function (k) {
        if (state[k]) params.set(k, state[k]);
      });
      var mine = ++seq;
      return fetch(api + "?" + params.toString(), { headers: { Accept: "application/json" } })
        .then(function (res) {
          return res.json().then(function (body) {
            if (!res.ok) throw new Error(describe(body.detail));
            if (mine !== seq) return null;  // a newer request is on its way
            return body;
          });
        });
    };
  }
  function describe(detail) {
    if (Array.isArray(detail)) return detail.map(function (d) { return (d.loc || []).slice(1).join(".") + ": " + d.msg; }).join("; ");
    return String(detail);
  }

  function matches(ev, state) {
    var parties = (ev.actor || []).concat(ev.recipient || []);
    for (var i = 0; i < state.party.length; i++) {
      var want = state.party[i].toUpperCase();
      var hit = parties.some(function (p) {
        return [p.country, p.id, p.country ? p.country + (p.sector || "") : null].some(function (x) {
          return x && x.toUpperCase() === want;
        });
      });
      if (!hit) return false;
    }
    if (state.type && (ev.event || "").toUpperCase() !== state.type.toUpperCase()) return false;
    if (state.status && (ev.status || "").toLowerCase() !== state.status) return false;
    if (state.since && !(ev.date && ev.date >= state.since)) return false;
    if (state.until && !(ev.date && ev.date <= state.until)) return false;
    if (state.q && (ev.text || "").toLowerCase().indexOf(state.q.toLowerCase()) < 0) return false;
    if (state.doc_id && ev.doc_id !== state.doc_id) return false;
    return true;
  }
  function localSource(rows) {
    return function (state) {
      var hits = rows.filter(function (ev) { return matches(ev, state); });
      var key = state.sort, sign = state.order === "desc" ? -1 : 1;
      hits.sort(function (a, b) {
        var x = a[key], y = b[key];
        if (x !== y) {
          if (x === null || x === undefined) return 1;   // nulls last, either way
          if (y === null || y === undefined) return -1;
          return (x < y ? -1 : 1) * sign;
        }
        var ta = a.trigger ? a.trigger.start : 0, tb = b.trigger ? b.trigger.start : 0;
        return a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : ta - tb || (a.id < b.id ? -1 : 1);
      });
      var per = state.per_page, pages = Math.max(1, Math.ceil(hits.length / per));
      var start = (state.page - 1) * per;
      return Promise.resolve({ total: hits.length, page: state.page, per_page: per, pages: pages,
                               rows: hits.slice(start, start + per) });
    };
  }

  function sentence(ev) {
    var text = ev.text || "", t = ev.trigger, info = ev.text_info;
    var cell = el("td", { "class": "sentence" });
    if (t && info && typeof t.start === "number") {
      var rel = t.start - info.start;
      if (rel >= 0 && text.slice(rel, rel + t.text.length) === t.text) {
        cell.appendChild(document.createTextNode(text.slice(0, rel)));
        cell.appendChild(el("mark", {}, t.text));
        cell.appendChild(document.createTextNode(text.slice(rel + t.text.length)));
        return cell;
      }
    }
    cell.appendChild(document.createTextNode(text));
    if (t) cell.appendChild(el("mark", {}, " [" + t.text + "]"));
    return cell;
  }

  function EventsTable(root, cfg, source, links) {
    var fixed = (cfg.fixed && cfg.fixed.party) || [];
    var state = { party: [], type: "", status: "", since: "", until: "", q: "", doc_id: "",
                  sort: cfg.sort || "date", order: cfg.order || "asc", page: 1, per_page: cfg.per_page || 50 };
    if (cfg.url_state) {
      var qs = new URLSearchParams(window.location.search);
      state.party = qs.getAll("party").filter(Boolean);
      ["type", "status", "since", "until", "q", "doc_id", "sort", "order"].forEach(function (k) {
        if (qs.get(k)) state[k] = qs.get(k);
      });
      state.page = Math.max(1, parseInt(qs.get("page"), 10) || 1);
      state.per_page = Math.max(1, Math.min(500, parseInt(qs.get("per_page"), 10) || 50));
    }
    var inputs = {
      party: el("input", { type: "search", name: "party", placeholder: "RUS, NATO…", size: 10, value: state.party.join(" ") }),
      type: el("select", { name: "type" }, el("option", { value: "" }, "any")),
      status: el("select", { name: "status" }, el("option", { value: "" }, "any")),
      since: el("input", { type: "date", name: "since", value: state.since }),
      until: el("input", { type: "date", name: "until", value: state.until }),
      q: el("input", { type: "search", name: "q", placeholder: "words in the sentence", value: state.q }),
      doc_id: el("input", { type: "search", name: "doc_id", placeholder: "document id", size: 12, value: state.doc_id })
    };
    (cfg.types || []).forEach(function (t) { inputs.type.appendChild(el("option", { value: t }, t)); });
    STATUSES.forEach(function (s) { inputs.status.appendChild(el("option", { value: s }, s)); });
    inputs.type.value = state.type;
    inputs.status.value = state.status;
    var labels = { party: fixed.length ? "Also with actor" : "Actor", type: "Type", status: "Status",
                   since: "Since", until: "Until", q: "Text", doc_id: "Document" };
    var form = el("form", { "class": "controls", role: "search" });
    Object.keys(inputs).forEach(function (k) { form.appendChild(el("label", {}, labels[k], inputs[k])); });
    form.appendChild(el("button", { type: "submit" }, "Filter"));
    form.appendChild(el("button", { type: "button", onclick: function () {
      Object.keys(inputs).forEach(function (k) { inputs[k].value = ""; });
      read(); state.page = 1; load();
    } }, "Clear"));
    form.addEventListener("submit", function (e) { e.preventDefault(); read(); state.page = 1; load(); });
    var info = el("span", { "class": "count" });
    var prev = el("button", { type: "button", "class": "prev", onclick: function () { state.page -= 1; load(); } }, "← previous");
    var next = el("button", { type: "button", "class": "next", onclick: function () { state.page += 1; load(); } }, "next →");
    var per = el("select", { "aria-label": "events per page", onchange: function () { state.per_page = +per.value; state.page = 1; load(); } });
    [25, 50, 100, 200].concat([25, 50, 100, 200].indexOf(state.per_page) < 0 ? [state.per_page] : [])
      .sort(function (a, b) { return a - b; })
      .forEach(function (n) { per.appendChild(el("option", { value: n }, n + " per page")); });
    per.value = String(state.per_page);
    var error = el("div", { "class": "error", hidden: true });
    var head = el("tr");
    var body = el("tbody");
    COLUMNS.forEach(function (c) {
      if (!c[0]) { head.appendChild(el("th", {}, c[1])); return; }
      head.appendChild(el("th", {}, el("button", { type: "button", "class": "sort", "data-sort": c[0], onclick: function () {
        if (state.sort === c[0]) state.order = state.order === "asc" ? "desc" : "asc";
        else { state.sort = c[0]; state.order = c[0] === "date" ? "asc" : "desc"; }
        state.page = 1; load();
      } }, c[1])));
    });
    clear(root);
    root.appendChild(form);
    root.appendChild(el("div", { "class": "pager" }, info, prev, next, per));
    root.appendChild(error);
    root.appendChild(el("div", { "class": "tablebox" }, el("table", { "class": "events" }, el("thead", {}, head), body)));

    function read() {
      state.party = inputs.party.value.split(/[\s,]+/).filter(Boolean);
      ["type", "status", "since", "until", "q", "doc_id"].forEach(function (k) { state[k] = inputs[k].value.trim(); });
    }
    function load() {
      var ask = Object.assign({}, state, { party: fixed.concat(state.party) });
      root.setAttribute("aria-busy", "true");
      return source(ask).then(function (page) {
        if (!page) return;
        error.hidden = true;
        render(page);
        if (cfg.url_state) {
          var qs = new URLSearchParams();
          state.party.forEach(function (p) { qs.append("party", p); });
          ["type", "status", "since", "until", "q", "doc_id"].forEach(function (k) { if (state[k]) qs.set(k, state[k]); });
          if (state.sort !== "date" || state.order !== "asc") { qs.set("sort", state.sort); qs.set("order", state.order); }
          if (state.page > 1) qs.set("page", state.page);
          if (state.per_page !== 50) qs.set("per_page", state.per_page);
          var q = qs.toString();
          window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : ""));
        }
      }).catch(function (err) {
        error.hidden = false;
        error.textContent = "Error: " + err.message;
      }).then(function () { root.setAttribute("aria-busy", "false"); });
    }
    function partyCell(ev) {
      var cell = el("td", { "class": "parties" });
      var add = function (list) {
        var seen = {};
        list.forEach(function (p) {
          var key = nodeKey(p, cfg.level || "country");
          var label = p.country ? p.country + (p.sector ? " " + p.sector : "") : (p.id || p.sector || "?");
          if (seen[label]) return;
          seen[label] = true;
          if (cell.lastChild && cell.lastChild.nodeType === 1) cell.appendChild(document.createTextNode(", "));
          var href = key ? links.actor(key) : null;
          cell.appendChild(href ? el("a", { href: href, title: p.name || "", "data-actor": key,
            onclick: links.onActor ? function (e) { links.onActor(key, e); } : null }, label) : el("span", {}, label));
        });
      };
      add(ev.actor || []);
      if ((ev.recipient || []).length) { cell.appendChild(document.createTextNode(" → ")); add(ev.recipient); }
      return cell;
    }
    function render(page) {
      state.page = page.page;
      info.textContent = page.total + " event" + (page.total === 1 ? "" : "s") + " · page " + page.page + " of " + page.pages;
      prev.disabled = page.page <= 1;
      next.disabled = page.page >= page.pages;
      head.querySelectorAll("button.sort").forEach(function (b) {
        var on = b.getAttribute("data-sort") === state.sort;
        b.classList.toggle("on", on);
        b.setAttribute("aria-sort", on ? (state.order === "asc" ? "ascending" : "descending") : "none");
        b.setAttribute("title", on ? "sorted " + (state.order === "asc" ? "ascending" : "descending") : "sort");
      });
      clear(body);
      if (!page.rows.length) body.appendChild(el("tr", {}, el("td", { colspan: COLUMNS.length, "class": "muted" }, "No event matches.")));
      page.rows.forEach(function (ev) {
        var docHref = links.doc(ev);
        var score = ev.plover_score;
        body.appendChild(el("tr", { "data-id": ev.id, "data-doc": ev.doc_id },
          el("td", { "class": "date" }, ev.date || "—"),
          el("td", { "class": "type" }, el("span", { "class": "badge" }, ev.event || ""), ev.mode ? el("div", { "class": "small muted" }, ev.mode) : null),
          el("td", { "class": "status" }, el("span", { "class": "badge " + (ev.status || "") }, ev.status || "")),
          partyCell(ev),
          sentence(ev),
          el("td", { "class": "num " + (score > 0 ? "pos" : score < 0 ? "neg" : "") }, signed(score)),
          el("td", { "class": "doc small" }, docHref ? el("a", { href: docHref }, ev.doc_id) : ev.doc_id)));
      });
    }
    this.setParty = function (list) {
      inputs.party.value = list.join(" ");
      read(); state.page = 1; return load();
    };
    this.load = load;
    load();
  }

  /* ---- annotated documents ------------------------------------------------------------ */
  function initDocument(view) {
    var segs = Array.prototype.slice.call(view.querySelectorAll(".seg[data-h]"));
    var items = Array.prototype.slice.call(view.querySelectorAll("li[data-ev]"));
    var byMark = {};
    segs.forEach(function (s) {
      s.getAttribute("data-h").split(" ").forEach(function (id) { (byMark[id] = byMark[id] || []).push(s); });
    });
    function marksOf(li) { return (li.getAttribute("data-h") || "").split(" ").filter(Boolean); }
    function reset() { view.querySelectorAll(".on").forEach(function (n) { n.classList.remove("on"); }); }
    function showEvent(li, scroll) {
      reset();
      li.classList.add("on");
      var first = null;
      marksOf(li).forEach(function (id) {
        (byMark[id] || []).forEach(function (s) { s.classList.add("on"); first = first || s; });
      });
      if (scroll && first) first.scrollIntoView({ block: "center" });
    }
    items.forEach(function (li) {
      li.addEventListener("mouseenter", function () { showEvent(li, false); });
      li.addEventListener("focus", function () { showEvent(li, false); });
      li.addEventListener("click", function () { showEvent(li, true); });
    });
    segs.forEach(function (s) {
      s.addEventListener("click", function () {
        var ids = s.getAttribute("data-h").split(" ");
        reset();
        var first = null;
        items.forEach(function (li) {
          if (marksOf(li).some(function (id) { return ids.indexOf(id) >= 0; })) { li.classList.add("on"); first = first || li; }
        });
        ids.forEach(function (id) { (byMark[id] || []).forEach(function (x) { x.classList.add("on"); }); });
        if (first) first.scrollIntoView({ block: "nearest" });
      });
    });
    function fromHash() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      if (id.slice(0, 3) !== "ev-") return;
      var li = document.getElementById(id);
      if (li && view.contains(li)) showEvent(li, true);
    }
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  /* ---- pages ------------------------------------------------------------------------ */
  function boot() {
    var report = readJSON("report-data");
    var svg = document.getElementById("network");
    var net = report ? report.network : readJSON("network-data");
    var table = null;
    if (svg && net) {
      var base = svg.getAttribute("data-actor-base"), query = svg.getAttribute("data-actor-query");
      drawNetwork(svg, net, report ? {
        href: function () { return "#events"; },
        onActor: function (id, e) { e.preventDefault(); showActor(id); }
      } : { href: function (id) { return base + enc(id) + (query ? "?" + query : ""); } });
    }
    var select = document.getElementById("window-select");
    if (select && select.form) {
      select.addEventListener("change", function () {
        if (!select.value) return;
        var parts = select.value.split("|");
        select.form.elements.since.value = parts[0];
        select.form.elements.until.value = parts[1];
        select.form.submit();
      });
    }
    var series = document.getElementById("series");
    if (series) drawSeries(series, readJSON("series-data") || []);
    var root = document.getElementById("events");
    if (root && report) {
      var included = {};
      (report.documents || []).forEach(function (d) { included[d] = true; });
      table = new EventsTable(root, { types: report.types, sort: "date", order: "desc", level: report.level },
        localSource(report.events), {
          doc: function (ev) { return included[ev.doc_id] ? "#ev-" + enc(ev.id) : null; },
          actor: function () { return "#events"; },
          onActor: function (id, e) { e.preventDefault(); showActor(id); }
        });
      document.querySelectorAll("[data-actor]").forEach(function (a) {
        a.addEventListener("click", function (e) { e.preventDefault(); showActor(a.getAttribute("data-actor")); });
      });
    } else if (root) {
      var cfg = readJSON("events-config") || {};
      var level = cfg.level || "country";
      new EventsTable(root, cfg, remoteSource(cfg.api || "/api/events"), {
        doc: function (ev) { return "/documents/" + enc(ev.doc_id) + "#ev-" + enc(ev.id); },
        actor: function (id) { return "/actors/" + enc(id) + "?level=" + enc(level); }
      });
    }
    document.querySelectorAll(".doc-view").forEach(initDocument);

    function showActor(id) {
      if (!table) return;
      table.setParty([id]);
      document.getElementById("events").scrollIntoView({ block: "start" });
    }
  }

  window.blocs = { drawNetwork: drawNetwork, drawSeries: drawSeries, EventsTable: EventsTable,
                   localSource: localSource, remoteSource: remoteSource, initDocument: initDocument };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
