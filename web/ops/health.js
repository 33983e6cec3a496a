/* health.js: the closed-loop dashboard. Public figures from GET /api/loop/figures drawn as
 * SVG charts and a daily table; health officers' lists and lookups with a health token
 * (each read is audited by the server). Plain JS, no external resources. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function short(day) { return day.slice(5); }

  /* A bar (stacked) or line chart of series [{values, color}] over days. */
  function chart(container, days, series, kind) {
    var width = 1000, height = 220, left = 64, bottom = 22, top = 8;
    var n = days.length, max = 1;
    for (var i = 0; i < n; i++) {
      var sum = 0;
      series.forEach(function (s) {
        sum = kind === "bar" ? sum + s.values[i] : Math.max(sum, s.values[i]);
      });
      max = Math.max(max, sum);
    }
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
                             preserveAspectRatio: "none" });
    var plotW = width - left - 8, plotH = height - top - bottom, step = plotW / Math.max(n, 1);
    var y = function (v) { return top + plotH - (v / max) * plotH; };
    [0, 0.5, 1].forEach(function (f) {
      var v = Math.round(max * f);
      svg.appendChild(svgEl("line", { x1: left, x2: width - 8, y1: y(v), y2: y(v),
                                      stroke: "#e3e6ec" }));
      var t = svgEl("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" });
      t.textContent = fmt(v);
      svg.appendChild(t);
    });
    for (i = 0; i < n; i += Math.max(1, Math.ceil(n / 12))) {
      var label = svgEl("text", { x: left + step * (i + 0.5), y: height - 6,
                                  "text-anchor": "middle" });
      label.textContent = short(days[i]);
      svg.appendChild(label);
    }
    if (kind === "bar") {
      for (i = 0; i < n; i++) {
        var base = 0;
        series.forEach(function (s) {
          var v = s.values[i];
          if (!v) return;
          var rect = svgEl("rect", { x: left + step * i + step * 0.15, width: step * 0.7,
                                     y: y(base + v), height: y(base) - y(base + v),
                                     fill: s.color });
          var tip = svgEl("title", {});
          tip.textContent = days[i] + ": " + v + " " + s.name;
          rect.appendChild(tip);
          svg.appendChild(rect);
          base += v;
        });
      }
    } else {
      series.forEach(function (s) {
        var points = s.values.map(function (v, k) {
          return (left + step * (k + 0.5)).toFixed(1) + "," + y(v).toFixed(1);
        }).join(" ");
        svg.appendChild(svgEl("polyline", { points: points, fill: "none", stroke: s.color,
                                            "stroke-width": 2.5 }));
      });
    }
    var desc = svgEl("title", {});
    desc.textContent = series.map(function (s) { return s.name; }).join(", ") + " by day";
    svg.insertBefore(desc, svg.firstChild);
    container.replaceChildren(svg);
  }

  function tiles(doc) {
    var last = doc.days[doc.days.length - 1] || {};
    var items = [
      [doc.totals.tests, "PCR tests"],
      [doc.totals.positives, "cases"],
      [doc.totals.positives_airport, "cases at the airport"],
      [doc.totals.positives_loop, "cases in the loop"],
      [last.isolated || 0, "in isolation"],
      [last.close_contacts || 0, "close contacts"],
      [last.in_loop || 0, "in the loop"],
      [doc.totals.tests ? (100 * doc.totals.positives / doc.totals.tests).toFixed(4) + " %" : "-",
       "positivity"]
    ];
    var box = $("tiles");
    box.replaceChildren();
    items.forEach(function (it) {
      var tile = el("div", { class: "tile" });
      tile.appendChild(el("b", {}, typeof it[0] === "number" ? fmt(it[0]) : it[0]));
      tile.appendChild(el("span", {}, it[1]));
      box.appendChild(tile);
    });
  }

  function table(doc) {
    var body = $("daily").tBodies[0];
    body.replaceChildren();
    doc.days.slice().reverse().forEach(function (d) {
      var tr = el("tr");
      [d.day, d.arrivals.athletes + d.arrivals.others, d.tests_airport,
       d.positives_airport.athletes + d.positives_airport.others, d.tests_loop,
       d.positives_loop.athletes + d.positives_loop.others, d.grey_zone, d.isolations,
       d.releases, d.isolated, d.close_contacts, d.cumulative.positives
      ].forEach(function (v, k) { tr.appendChild(el("td", {}, k ? fmt(v) : v)); });
      body.appendChild(tr);
    });
  }

  function drawFigures(doc) {
    var days = doc.days.map(function (d) { return d.day; });
    var pick = function (f) { return doc.days.map(f); };
    $("range").textContent = doc.from + " to " + doc.to;
    tiles(doc);
    chart($("cases-chart"), days, [
      { name: "cases at the airport", color: "var(--airport)",
        values: pick(function (d) { return d.positives_airport.athletes + d.positives_airport.others; }) },
      { name: "cases in the loop", color: "var(--loop)",
        values: pick(function (d) { return d.positives_loop.athletes + d.positives_loop.others; }) }
    ], "bar");
    chart($("tests-chart"), days, [
      { name: "PCR tests", color: "var(--tests)",
        values: pick(function (d) { return d.tests_airport + d.tests_loop; }) }
    ], "bar");
    chart($("state-chart"), days, [
      { name: "isolated", color: "var(--isolated)", values: pick(function (d) { return d.isolated; }) },
      { name: "close contacts", color: "var(--contacts)",
        values: pick(function (d) { return d.close_contacts; }) }
    ], "line");
    table(doc);
  }

  function loadFigures() {
    var query = location.search.indexOf("from=") >= 0 ? location.search : "?from=2022-01-23";
    fetch("/api/loop/figures" + query).then(function (r) { return r.json(); })
      .then(drawFigures)
      .catch(function () { $("range").textContent = "(figures unavailable)"; });
  }

  /* --- health officers --------------------------------------------------------------- */

  function officer(path) {
    var token = $("token").value.trim();
    var status = $("officer-status");
    if (!token) { status.textContent = "A health token is needed."; return Promise.reject(); }
    status.textContent = "Loading (this read is recorded)...";
    return fetch(path, { headers: { Authorization: "Bearer " + token } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.message || ("HTTP " + r.status));
        status.textContent = "Recorded as audit entry " + body.seq + ".";
        return body;
      });
    }).catch(function (e) { status.textContent = e && e.message ? e.message : "failed"; throw e; });
  }

  function query() {
    var parts = [], day = $("day").value, venue = $("venue").value.trim();
    if (day) parts.push("day=" + encodeURIComponent(day));
    if (venue) parts.push("venue=" + encodeURIComponent(venue));
    return parts.length ? "?" + parts.join("&") : "";
  }

  function rowsTable(headers, rows) {
    var t = el("table"), head = el("tr");
    headers.forEach(function (h) { head.appendChild(el("th", {}, h)); });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    rows.forEach(function (r) {
      var tr = el("tr");
      r.forEach(function (v, k) {
        var td = el("td", {}, v === null || v === undefined ? "" : String(v));
        if (headers[k] === "Status") td.className = "status-" + v;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    return t;
  }

  function show(title, node) {
    var out = $("officer-out");
    out.replaceChildren(el("h3", {}, title), node);
  }

  $("officer-form").addEventListener("submit", function (e) {
    e.preventDefault();
    officer("/api/loop/tests" + query()).then(function (doc) {
      var wrap = el("div");
      doc.venues.forEach(function (v) {
        wrap.appendChild(el("h4", {}, v.venue + ": " + v.count));
        wrap.appendChild(rowsTable(["Participant", "Status", "Tests required", "Taken"],
          v.persons.map(function (p) {
            return [p.person, p.status, p.tests_required, p.tests_taken];
          })));
      });
      show("To be tested on " + doc.day + " (" + doc.count + ")", wrap);
    }, function () {});
  });
  document.querySelector("[data-action=isolations]").addEventListener("click", function () {
    officer("/api/loop/isolations" + query()).then(function (doc) {
      show("Isolations on " + doc.day, rowsTable(["Participant", "Status", "Isolated", "Released"],
        doc.isolations.map(function (r) { return [r.person, r.status, r.isolated, r.released]; })));
    }, function () {});
  });
  $("person-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var day = $("day").value ? "?day=" + encodeURIComponent($("day").value) : "";
    officer("/api/loop/persons/" + encodeURIComponent($("person").value.trim()) + day)
      .then(function (doc) {
        show(doc.person + " on " + doc.day + ": " + doc.standing.status + " (" +
             doc.standing.reason + ")",
          rowsTable(["Day", "Status", "May enter", "Reason", "Rule", "Rule set"],
            doc.history.slice().reverse().map(function (h) {
              return [h.day, h.status, h.may_enter ? "yes" : "no", h.reason, h.rule, h.rule_set];
            })));
      }, function () {});
  });

  loadFigures();
  setInterval(loadFigures, 30000);
})();
