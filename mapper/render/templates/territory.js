/* territory-mapper: the time control, party layers, crossings, advances, estimated zones,
 * chart, legend and popups of a map page.  No dependency but Leaflet 1.9.
 *
 * Data (see mapper/render/payload.py): days are numbers from data.t0; every string in the
 * data is already HTML-escaped, so it may be put into markup as is.  Nothing from the data
 * is ever evaluated as code.
 */
(function () {
  "use strict";

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var DAY_MS = 864e5;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var PANEL_TICK_MS = 140;
  var STALE_OPACITY = 0.2;  // a control not reported for data.staleDays
  var NARROW_PX = 700;  // a map narrower than this (a phone) folds its layer list
  var AREA_OPACITY = 0.22;  // a governorate's area: the places inside it must show through
  function icon(d) { return '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="' + d + '"/></svg>'; }
  var ICONS = {
    first: icon("M3 3h2v10H3zM13 3v10L6 8z"), last: icon("M3 3v10l7-5zM11 3h2v10h-2z"),
    back: icon("M10.5 2.5L5 8l5.5 5.5-1.4 1.4L2.2 8l6.9-6.9z"), fwd: icon("M5.5 2.5L11 8l-5.5 5.5 1.4 1.4L13.8 8 6.9 1.1z"),
    play: icon("M4 2.5l10 5.5-10 5.5z"), pause: icon("M4 3h3v10H4zM9 3h3v10H9z")
  };

  // ---- small helpers -------------------------------------------------------------------
  function dateOf(t0, d) { return new Date(t0 + d * DAY_MS); }
  function fmt(t0, d) {
    if (d === null || d === undefined) { return ""; }
    var x = dateOf(t0, d);
    return x.getUTCDate() + " " + MONTHS[x.getUTCMonth()] + " " + x.getUTCFullYear();
  }
  function iso(t0, d) { return dateOf(t0, d).toISOString().slice(0, 10); }
  function parseIso(t0, s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "");
    if (!m) { return null; }
    return Math.round((Date.UTC(+m[1], +m[2] - 1, +m[3]) - t0) / DAY_MS);
  }
  function el(tag, cls, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function svgEl(tag, attrs, parent) {
    var e = document.createElementNS(SVG_NS, tag);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
  function swatch(color, cls) {
    return '<span class="tm-sw' + (cls ? " " + cls : "") + '" style="background:' + color + '"></span>';
  }

  // ---- control segments: per place, non-overlapping [start, end, interval] ---------------
  // "as of" uses the date control changed; "as reported" the date the first supporting
  // article was published (what a reader could have known on that day).
  function buildSegments(data, reported) {
    var last = data.days - 1;
    var byPlace = data.places.map(function () { return []; });
    data.iv.forEach(function (iv, k) {
      var start = iv[2];
      if (reported && iv[5] !== null && iv[5] > start) { start = iv[5]; }
      byPlace[iv[0]].push({s: start, to: iv[3], k: k});
    });
    return byPlace.map(function (list) {
      list.sort(function (a, b) { return a.s - b.s || a.k - b.k; });
      var out = [];
      for (var i = 0; i < list.length; i++) {
        // A period ends the day before the next starts, or on its own end date if that is
        // earlier -- except "as reported", where it lasts until the change was reported.
        var next = list[i + 1], own = list[i].to === null ? last : Math.max(list[i].to, list[i].s);
        var end = next ? (reported ? next.s - 1 : Math.min(own, next.s - 1)) : own;
        if (end >= list[i].s) { out.push([list[i].s, end, list[i].k]); }
      }
      return out;
    });
  }

  function activeAt(segs, d) {
    for (var i = segs.length - 1; i >= 0; i--) {
      if (segs[i][0] <= d) { return segs[i][1] >= d ? segs[i][2] : -1; }
    }
    return -1;
  }

  // ---- freshness: when a control was last reported, and whether that is too long ago ----------
  // data.rep[k]: the days interval k was reported on (sorted); the start of a period counts as one.
  function lastReport(data, seg, d) {
    var reps = (data.rep && data.rep[seg[2]]) || [], lo = 0, hi = reps.length - 1, best = seg[0];
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (reps[mid] <= d) { best = Math.max(best, reps[mid]); lo = mid + 1; } else { hi = mid - 1; }
    }
    return best;
  }

  // The parts of a period within data.staleDays of a report: [[from, to], ...].
  function freshPieces(data, seg) {
    var stale = data.staleDays || 0;
    if (stale <= 0) { return [[seg[0], seg[1]]]; }
    var out = [], a = seg[0], b = Math.min(seg[1], lastReport(data, seg, seg[0]) + stale);
    ((data.rep && data.rep[seg[2]]) || []).forEach(function (r) {
      if (r <= seg[0] || r > seg[1]) { return; }
      if (r > b + 1) { out.push([a, b]); a = r; }
      b = Math.max(b, Math.min(seg[1], r + stale));
    });
    out.push([a, b]);
    return out;
  }

  // Places held per party per day (difference arrays over the segments): fresh reports only.
  function buildCounts(data, segments) {
    var nP = data.parties.length, n = data.days;
    var counts = [];
    for (var p = 0; p < nP; p++) { counts.push(new Int32Array(n + 1)); }
    segments.forEach(function (segs) {
      segs.forEach(function (s) {
        var party = data.iv[s[2]][1];
        freshPieces(data, s).forEach(function (piece) {
          counts[party][clamp(piece[0], 0, n)] += 1;
          counts[party][clamp(piece[1] + 1, 0, n)] -= 1;
        });
      });
    });
    counts.forEach(function (c) { for (var d = 1; d <= n; d++) { c[d] += c[d - 1]; } });
    return counts;
  }

  // ---- the controller --------------------------------------------------------------------
  function TerritoryMap(map, layers, data, opts) {
    this.map = map;
    this.layers = layers;
    this.data = data;
    this.opts = opts || {};
    this.t0 = Date.parse(data.t0 + "T00:00:00Z");
    this.day = data.days - 1;
    this.reported = false;
    this.advWindow = 30;
    this.crossingSet = {};
    var self = this;
    data.crossings.forEach(function (c) { self.crossingSet[c[0]] = c[1]; });
    this.changeDays = this._changeDays();
    // Fit Iraq without animation: a page (or a test) acting at once must see the final view.
    if (data.bounds) { map.fitBounds(data.bounds, {animate: false}); }
    this._panes();
    this._segments();
    this._markers();
    this._zones();
    this._advances();
    this._labels();
    this._panel();
    var start = this._dayFromHash();
    this.setDate(start === null ? data.days - 1 : start);
    this._fitNarrowScreen();
  }

  // On a phone the layer list would cover half the map: it starts folded (its button opens it, a tap on the
  // map folds it again).
  TerritoryMap.prototype._fitNarrowScreen = function () {
    var control = this.opts.control, map = this.map;
    if (!control || !control.collapse || map.getContainer().clientWidth >= NARROW_PX) { return; }
    control.collapse();
    map.on("click", function () { control.collapse(); });
  };

  TerritoryMap.prototype._changeDays = function () {
    var seen = {}, out = [];
    this.data.iv.forEach(function (iv) {
      [iv[2], iv[3] === null ? null : iv[3] + 1, iv[5]].forEach(function (d) {
        if (d !== null && !seen[d]) { seen[d] = true; out.push(d); }
      });
    });
    var n = this.data.days;
    return out.filter(function (d) { return d >= 0 && d < n; }).sort(function (a, b) { return a - b; });
  };

  TerritoryMap.prototype._panes = function () {
    var map = this.map;
    function pane(name, z, events) {
      var p = map.getPane(name) || map.createPane(name);
      p.style.zIndex = z;
      if (!events) { p.style.pointerEvents = "none"; }
      return p;
    }
    pane("tm-areas", 360, true);
    pane("tm-zones", 380, true);
    pane("tm-advances", 420, true);
    pane("tm-labels", 450, false);
    this.advRenderer = L.svg({pane: "tm-advances"});
  };

  TerritoryMap.prototype._segments = function () {
    this.segs = buildSegments(this.data, this.reported);
    this.counts = buildCounts(this.data, this.segs);
  };

  // The active period of place i on day d, as [from, to, interval] (null when none).
  TerritoryMap.prototype.segmentAt = function (i, d) {
    var segs = this.segs[i];
    for (var j = segs.length - 1; j >= 0; j--) {
      if (segs[j][0] <= d) { return segs[j][1] >= d ? segs[j] : null; }
    }
    return null;
  };
  TerritoryMap.prototype.lastReported = function (i, d) {
    var seg = this.segmentAt(i, d);
    return seg ? lastReport(this.data, seg, d) : null;
  };
  TerritoryMap.prototype.isStale = function (i, d) {
    var last = this.lastReported(i, d), stale = this.data.staleDays || 0;
    return stale > 0 && last !== null && d - last > stale;
  };

  TerritoryMap.prototype.partyColor = function (p) { return p >= 0 ? this.data.parties[p][2] : "#8c8c8c"; };
  TerritoryMap.prototype.isState = function (p) { return p >= 0 && this.data.parties[p][3] === 1; };

  // One marker per place, restyled and moved between party layers as the date changes.
  TerritoryMap.prototype._markers = function () {
    var self = this, data = this.data;
    this.markers = [];
    this.current = data.places.map(function () { return -2; });
    this.stale = data.places.map(function () { return false; });
    // A governorate a claim is about is drawn as its area (under the places), never as a dot at its middle.
    var areas = {};
    (data.areas || []).forEach(function (a) { areas[a[0]] = a[1]; });
    this.areaRenderer = L.svg({pane: "tm-areas"});
    data.places.forEach(function (pl, i) {
      var m;
      if (Object.prototype.hasOwnProperty.call(areas, i)) {
        m = L.polygon(areas[i].map(function (poly) {
          return poly.map(function (ring) {
            var pts = [];
            for (var k = 0; k < ring.length; k += 2) { pts.push([ring[k], ring[k + 1]]); }
            return pts;
          });
        }), {renderer: self.areaRenderer, weight: 1.5, color: "#ffffff", fillOpacity: AREA_OPACITY,
             className: "tm-area"});
        m.isArea = true;
      } else if (Object.prototype.hasOwnProperty.call(self.crossingSet, i)) {
        m = L.marker([pl[2], pl[3]], {icon: self._crossingIcon(-1), keyboard: false, riseOnHover: true});
        m.addTo(self.layers.crossings);
      } else {
        var r = pl[1] === "city" ? 7 : (pl[1] === "village" ? 4.5 : 5.5);
        m = L.circleMarker([pl[2], pl[3]], {radius: r, weight: 1.5, color: "#ffffff", fillOpacity: 0.9,
                                            className: "tm-place"});
      }
      m.bindTooltip(function () { return self.tooltipHtml(i); }, {direction: "top", offset: [0, -6]});
      m.bindPopup(function () { return self.popupHtml(i); }, {maxWidth: 440, minWidth: 280, className: "tm-popup"});
      m.on("popupopen", function (e) { self.openPopup = e.popup; self._wirePopup(e.popup); });
      m.on("popupclose", function (e) { if (self.openPopup === e.popup) { self.openPopup = null; } });
      self.markers.push(m);
    });
  };

  TerritoryMap.prototype._crossingIcon = function (party) {
    var fill = party >= 0 ? this.partyColor(party) : "#ffffff";
    var bar = party >= 0 ? "#ffffff" : "#555555";
    var html = '<svg viewBox="-10 -10 20 20" width="20" height="20" aria-hidden="true">' +
      '<rect x="-7" y="-7" width="14" height="14" transform="rotate(45)" fill="' + fill +
      '" stroke="#333" stroke-width="1.5"/><path d="M-5 0H5M-2.5-3.5V3.5M2.5-3.5V3.5" stroke="' + bar +
      '" stroke-width="1.6"/></svg>';
    return L.divIcon({html: html, className: "tm-crossing" + (party >= 0 && this.isState(party) ? " tm-contested" : ""),
                      iconSize: [20, 20], iconAnchor: [10, 10]});
  };

  TerritoryMap.prototype._zones = function () {
    var self = this;
    this.zonePolys = {};
    this.zoneRenderer = L.svg({pane: "tm-zones"});
    this.data.zones.forEach(function (z) {
      var latlngs = z[1].map(function (poly) {
        return poly.map(function (ring) {
          var pts = [];
          for (var i = 0; i < ring.length; i += 2) { pts.push([ring[i], ring[i + 1]]); }
          return pts;
        });
      });
      // No outline: cells of one party then read as one zone, as on a control-of-terrain map.
      var pg = L.polygon(latlngs, {renderer: self.zoneRenderer, stroke: false, fillOpacity: 0.3,
                                   className: "tm-zone", interactive: true});
      pg.bindTooltip(function () { return self.zoneTooltip(z[0]); }, {sticky: true});
      self.zonePolys[z[0]] = pg;
    });
  };

  // Advance arrows: a gentle curve (computed in zoom-independent pixel space) ending in an
  // SVG arrowhead, so its size in pixels does not change with zoom.
  TerritoryMap.prototype._advances = function () {
    var self = this, data = this.data, crs = this.map.options.crs;
    this.arrows = data.adv.map(function (a, n) {
      var to = data.places[a[1]];
      var p0 = crs.latLngToPoint(L.latLng(a[4], a[5]), 0), p1 = crs.latLngToPoint(L.latLng(to[2], to[3]), 0);
      var dx = p1.x - p0.x, dy = p1.y - p0.y;
      var c = L.point((p0.x + p1.x) / 2 - dy * 0.18, (p0.y + p1.y) / 2 + dx * 0.18);
      var pts = [];
      for (var i = 0; i <= 16; i++) {
        var t = i / 16, u = 1 - t;
        pts.push(crs.pointToLatLng(L.point(u * u * p0.x + 2 * u * t * c.x + t * t * p1.x,
                                           u * u * p0.y + 2 * u * t * c.y + t * t * p1.y), 0));
      }
      var color = self.partyColor(a[0]);
      var line = L.polyline(pts, {renderer: self.advRenderer, color: color, weight: 3.2, opacity: 0.95,
                                  lineCap: "round", className: "tm-advance", interactive: true});
      line.on("add", function () { self._arrowHead(line, a[0]); });
      line.bindTooltip(function () { return self.advanceHtml(n); }, {sticky: true});
      var mid = pts[8];
      var label = L.marker(mid, {interactive: false, keyboard: false, pane: "tm-labels",
                                 icon: L.divIcon({className: "tm-adv-date", html: fmt(self.t0, a[2]).replace(/ \d{4}$/, ""),
                                                  iconSize: null})});
      return {line: line, label: label, day: a[2], shown: false, opacity: 0.95};
    });
  };

  TerritoryMap.prototype._arrowHead = function (line, party) {
    var path = line.getElement();
    if (!path || !path.ownerSVGElement) { return; }
    var svg = path.ownerSVGElement, id = "tm-arrow-" + this.opts.name + "-" + party;
    if (!svg.querySelector("#" + id)) {
      var defs = svg.querySelector("defs") || svgEl("defs", {}, null);
      if (!defs.parentNode) { svg.insertBefore(defs, svg.firstChild); }
      var mk = svgEl("marker", {id: id, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "4.2",
                                markerHeight: "4.2", orient: "auto", markerUnits: "strokeWidth"}, defs);
      svgEl("path", {d: "M0,0 L10,5 L0,10 L2.5,5 Z", fill: this.partyColor(party)}, mk);
    }
    path.setAttribute("marker-end", "url(#" + id + ")");
  };

  TerritoryMap.prototype._labels = function () {
    var self = this;
    this.labelGroups = {};
    this.labelOrder = [];  // [zoom it appears at, order added, marker]: the first placed wins a collision
    function add(name, lat, lon, zoom, cls) {
      var g = self.labelGroups[zoom] || (self.labelGroups[zoom] = L.layerGroup());
      var m = L.marker([lat, lon], {interactive: false, keyboard: false, pane: "tm-labels",
                                    icon: L.divIcon({className: "tm-label tm-label-" + cls, html: name, iconSize: null})});
      m.addTo(g);
      self.labelOrder.push([zoom, self.labelOrder.length, m]);
    }
    this.data.labels.forEach(function (lb) { add(lb[0], lb[1], lb[2], lb[3], lb[4]); });
    this.data.places.forEach(function (pl, i) {
      add(pl[0], pl[2], pl[3], Object.prototype.hasOwnProperty.call(self.crossingSet, i) ? 8 : pl[5],
          Object.prototype.hasOwnProperty.call(self.crossingSet, i) ? "crossing" : "place");
    });
    var onZoom = function () {
      var z = self.map.getZoom();
      Object.keys(self.labelGroups).forEach(function (k) {
        var g = self.labelGroups[k];
        if (z >= +k) { self.layers.labels.addLayer(g); } else { self.layers.labels.removeLayer(g); }
      });
      var c = self.map.getContainer();
      c.classList.toggle("tm-zoomed", z >= 8);
      self._declutter();
    };
    this.labelOrder.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    this.map.on("zoomend", onZoom);
    this.map.on("moveend", function () { self._declutter(); });
    onZoom();
  };

  // Labels never overlap: in order of importance (the zoom they appear at, then countries, governorates and
  // cities before reported places), each is shown only where it overlaps none shown before it.
  TerritoryMap.prototype._declutter = function () {
    var grid = {}, CELL = 64, shown = 0;
    function cells(r) {
      var out = [];
      for (var x = Math.floor(r.left / CELL); x <= Math.floor(r.right / CELL); x++) {
        for (var y = Math.floor(r.top / CELL); y <= Math.floor(r.bottom / CELL); y++) { out.push(x + ":" + y); }
      }
      return out;
    }
    function hits(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
    this.labelOrder.forEach(function (entry) {
      var el = entry[2].getElement();
      if (!el) { return; }  // its zoom is not reached: not on the map
      el.style.visibility = "";
      var r = el.getBoundingClientRect();
      if (!r.width) { return; }
      var keys = cells(r), clash = keys.some(function (k) {
        return (grid[k] || []).some(function (o) { return hits(r, o); });
      });
      if (clash) { el.style.visibility = "hidden"; return; }
      keys.forEach(function (k) { (grid[k] = grid[k] || []).push(r); });
      shown += 1;
    });
    this.labelsShown = shown;
  };

  // ---- the date ----------------------------------------------------------------------------
  TerritoryMap.prototype.setDate = function (d) {
    if (typeof d === "string") { d = parseIso(this.t0, d); }
    if (d === null || isNaN(d)) { return; }
    d = clamp(Math.round(d), 0, this.data.days - 1);
    this.day = d;
    var self = this, data = this.data;
    for (var i = 0; i < data.places.length; i++) {
      var k = activeAt(this.segs[i], d), stale = k >= 0 && this.isStale(i, d);
      if (k === this.current[i] && stale === this.stale[i]) { continue; }
      this.current[i] = k;
      this.stale[i] = stale;
      this._restyle(i, k, stale);
    }
    this.arrows.forEach(function (a) {
      var age = d - a.day;
      var show = age >= 0 && (self.advWindow <= 0 || age < self.advWindow);
      if (show) {
        // Older advances fade; restyle only when the step is visible (a redraw per arrow is costly).
        var op = self.advWindow > 0 ? Math.round(20 * (1 - 0.65 * age / self.advWindow)) / 20 : 0.9;
        if (op !== a.opacity) { a.line.setStyle({opacity: op}); a.opacity = op; }
        if (!a.shown) { self.layers.advances.addLayer(a.line); self.layers.advances.addLayer(a.label); }
      } else if (a.shown) {
        self.layers.advances.removeLayer(a.line);
        self.layers.advances.removeLayer(a.label);
      }
      a.shown = show;
    });
    this._updatePanel();
    if (this.openPopup && this.openPopup.isOpen()) { this.openPopup.update(); }
    this.map.getContainer().setAttribute("data-tm-date", iso(this.t0, d));
    // The URL keeps the date (a link opens the same view); browsers throttle frequent
    // history updates, so it is written once the date stops changing.
    clearTimeout(this.hashTimer);
    this.hashTimer = setTimeout(function () { self._writeHash(); }, 400);
  };

  TerritoryMap.prototype._writeHash = function () {
    try {
      if (window.history && window.history.replaceState && /^(file|https?):$/.test(window.location.protocol)) {
        window.history.replaceState(null, "", "#date=" + iso(this.t0, this.day));
      }
    } catch (e) { /* sandboxed frames (Jupyter) may refuse: the hash is a convenience */ }
  };

  TerritoryMap.prototype._restyle = function (i, k, stale) {
    var m = this.markers[i], party = k >= 0 ? this.data.iv[k][1] : -1;
    var isCrossing = Object.prototype.hasOwnProperty.call(this.crossingSet, i);
    if (isCrossing) {
      m.setIcon(this._crossingIcon(party));
      m.setOpacity(stale ? STALE_OPACITY : 1);
    } else {
      var groups = this.layers.parties;
      groups.forEach(function (g) { if (g.hasLayer(m)) { g.removeLayer(m); } });
      if (party >= 0) {
        var conf = this.data.iv[k][4], part = this.data.iv[k][8] & 2;
        // Part of the place only ("parts of Ramadi"): a ring in the party's colour around a pale centre.
        // Not reported for too long: faded, with a dotted grey outline.
        var full = m.isArea ? AREA_OPACITY : 0.9;
        m.setStyle({fillColor: part ? "#ffffff" : this.partyColor(party),
                    fillOpacity: stale ? Math.min(STALE_OPACITY, full / 2) : conf < 0.5 ? full / 2 : full,
                    opacity: stale ? 0.6 : 1, dashArray: stale ? "1 3" : this.isState(party) ? "3 2" : null,
                    weight: part ? 3 : m.isArea ? 2 : 1.5,
                    color: stale ? "#8c8c8c" : part || m.isArea ? this.partyColor(party)
                      : this.isState(party) ? "#4b2a63" : "#ffffff"});
        groups[party].addLayer(m);
      }
    }
    var z = this.zonePolys[i];
    if (z) {
      if (party >= 0) {
        z.setStyle({fillColor: this.partyColor(party), fillOpacity: this.isState(party) ? 0.22 : 0.3});
        this.layers.zones.addLayer(z);
      } else {
        this.layers.zones.removeLayer(z);
      }
    }
  };

  TerritoryMap.prototype.setReported = function (on) {
    this.reported = !!on;
    this._segments();
    this.current = this.data.places.map(function () { return -2; });
    this.stale = this.data.places.map(function () { return false; });
    this._drawChart();
    this.setDate(this.day);
  };

  TerritoryMap.prototype.step = function (n) { this.setDate(this.day + n); };
  TerritoryMap.prototype.jump = function (dir) {
    var d = this.day, list = this.changeDays, i;
    if (dir > 0) { for (i = 0; i < list.length; i++) { if (list[i] > d) { return this.setDate(list[i]); } } return this.setDate(this.data.days - 1); }
    for (i = list.length - 1; i >= 0; i--) { if (list[i] < d) { return this.setDate(list[i]); } }
    return this.setDate(0);
  };
  TerritoryMap.prototype.play = function (on) {
    var self = this;
    if (on === undefined) { on = !this.timer; }
    if (this.timer) { clearInterval(this.timer); this.timer = null; }
    if (on) {
      if (this.day >= this.data.days - 1) { this.setDate(0); }
      this.timer = setInterval(function () {
        if (self.day >= self.data.days - 1) { self.play(false); return; }
        self.step(1);
      }, PANEL_TICK_MS);
    }
    if (this.ui) {
      this.ui.play.innerHTML = this.timer ? ICONS.pause : ICONS.play;
      this.ui.play.title = this.timer ? "Pause" : "Play";
      this.ui.play.setAttribute("aria-label", this.ui.play.title);
    }
  };

  TerritoryMap.prototype._dayFromHash = function () {
    var m = /date=(\d{4}-\d{2}-\d{2})/.exec(window.location.hash || "");
    return m ? parseIso(this.t0, m[1]) : null;
  };

  // ---- text for tooltips and popups (all strings from the data are pre-escaped) -----------
  TerritoryMap.prototype.tooltipHtml = function (i) {
    var pl = this.data.places[i], k = this.current[i], t = "<b>" + pl[0] + "</b>";
    if (Object.prototype.hasOwnProperty.call(this.crossingSet, i)) {
      t += " <i>(Iraq \u2013 " + (this.crossingSet[i] || "neighbour") + " border)</i>";
    }
    if (k < 0) { return t + "<br>no report as of " + fmt(this.t0, this.day); }
    var iv = this.data.iv[k], party = this.data.parties[iv[1]];
    return t + "<br>" + swatch(party[2]) + party[1] + " since " + fmt(this.t0, iv[2]) + this.freshnessHtml(i);
  };

  // "last reported 3 Aug 2014", or, past data.staleDays, a warning that the report is old.
  TerritoryMap.prototype.freshnessHtml = function (i) {
    var last = this.lastReported(i, this.day);
    if (last === null) { return ""; }
    if (this.isStale(i, this.day)) {
      return '<br><span class="tm-stale">not reported since ' + fmt(this.t0, last) + " (" + (this.day - last) +
        " days)</span>";
    }
    return '<br><span class="tm-fresh">last reported ' + fmt(this.t0, last) + "</span>";
  };

  TerritoryMap.prototype.zoneTooltip = function (i) {
    var pl = this.data.places[i], k = this.current[i];
    var who = k >= 0 ? this.data.parties[this.data.iv[k][1]][1] : "no report";
    return "<b>Estimated zone</b>: " + who + "<br>the area nearer " + pl[0] + " than any other mapped place, " +
      "within " + this.data.zoneKm + " km. An estimate, not a report.";
  };

  TerritoryMap.prototype.advanceHtml = function (n) {
    var a = this.data.adv[n], party = this.data.parties[a[0]], to = this.data.places[a[1]][0];
    var from = a[3] >= 0 ? this.data.places[a[3]][0] : (a[7] ? "across the border from " + a[7] : "?");
    // What the arrow rests on: an earlier capture of the same side nearby, or a border crossing taken.
    var basis = a[8] >= 0 ? "after taking " + from + " on " + fmt(this.t0, a[8]) + " (" + (a[2] - a[8]) +
      " day" + (a[2] - a[8] === 1 ? "" : "s") + " earlier, " + Math.round(a[6]) + " km)"
      : "a border crossing taken: from across the border (" + Math.round(a[6]) + " km shown)";
    return "<b>" + party[1] + " advance</b><br>" + from + " \u2192 " + to + "<br>" + fmt(this.t0, a[2]) +
      '<br><span class="tm-basis">Rests on: ' + basis + "</span>";
  };

  TerritoryMap.prototype.historyStrip = function (i) {
    var segs = this.segs[i], n = this.data.days, self = this;
    var out = '<div class="tm-strip" title="Control over time">';
    segs.forEach(function (s) {
      // (a period that began before the map's first day is drawn from it)
      var party = self.data.iv[s[2]][1], a = Math.max(0, s[0]), b = Math.min(n - 1, s[1]);
      if (b < a) { return; }
      out += '<span data-day="' + a + '" style="left:' + (100 * a / n).toFixed(2) + "%;width:" +
        (100 * (b - a + 1) / n).toFixed(2) + "%;background:" + self.partyColor(party) + '"></span>';
    });
    return out + '<i style="left:' + (100 * (this.day + 0.5) / n).toFixed(2) + '%"></i></div>';
  };

  TerritoryMap.prototype.claimHtml = function (ci) {
    var c = this.data.claims[ci], src = this.data.sources[c[1]], t0 = this.t0;
    var name = src[2] ? '<a href="' + src[2] + '" target="_blank" rel="noopener noreferrer">' + src[0] + "</a>" : src[0];
    var bits = [c[2] + (c[3] !== null ? " " + fmt(t0, c[3]) : "") + (c[6] && c[6] !== "day" ? " (" + c[6] + ")" : "")];
    if (c[5]) { bits.push("hedged: \u201c" + c[5] + "\u201d"); }
    bits.push("confidence " + c[4].toFixed(2));
    return '<li><q>' + this.data.quotes[c[0]] + '</q><div class="tm-src">\u2014 ' + name +
      (src[1] ? ', <i>' + src[1] + "</i>" : "") + (src[3] !== null ? ", published " + fmt(t0, src[3]) : "") +
      "<br>" + bits.join(" \u00b7 ") + "</div></li>";
  };

  TerritoryMap.prototype.popupHtml = function (i) {
    var data = this.data, t0 = this.t0, self = this;
    var pl = data.places[i], k = this.current[i];
    var out = '<div class="tm-pop"><h3>' + pl[0] + " <small>" + pl[1] + (pl[4] ? " \u00b7 " + pl[4] : "") +
      "</small></h3>";
    if (Object.prototype.hasOwnProperty.call(this.crossingSet, i)) {
      out += '<p class="tm-cross">Border crossing, Iraq \u2013 ' + (this.crossingSet[i] || "neighbour") +
        ". Status of the Iraqi side below; the other side is in " + (this.crossingSet[i] || "the neighbouring country") + ".</p>";
    }
    out += this.historyStrip(i);
    if (k < 0) {
      out += '<p class="tm-status">No report of control as of ' + fmt(t0, this.day) + ".</p>";
    } else {
      var iv = data.iv[k], party = data.parties[iv[1]];
      out += '<p class="tm-status">' + swatch(party[2]) + "<b>" + party[1] + "</b>" +
        (iv[8] & 2 ? " (part of the place)" : "") + " since " + fmt(t0, iv[2]) +
        (iv[3] !== null ? " until " + fmt(t0, iv[3]) : "") + "<br>confidence " + iv[4].toFixed(2) + " from " +
        this._sourceCount(iv) + (iv[5] !== null ? "; first reported " + fmt(t0, iv[5]) : "") +
        this.freshnessHtml(i) +
        (iv[7].length ? '<br><span class="tm-warn">disputed by ' + iv[7].length + " source(s): " +
         iv[7].map(function (s) { return data.sources[s][0]; }).join(", ") + "</span>" : "") + "</p>";
      if (iv[6].length) {
        out += "<h4>Supporting claims</h4><ol class=\"tm-claims\">" +
          iv[6].map(function (c) { return self.claimHtml(c); }).join("") + "</ol>";
      }
      if (iv.length > 9 && iv[9] > 0) {  // the evidence cap: the rest is in events.csv
        out += '<p class="tm-more">and ' + iv[9] + " more in events.csv</p>";
      }
    }
    var rows = this.segs[i].slice().reverse().map(function (s) {
      var iv2 = data.iv[s[2]], party2 = data.parties[iv2[1]];
      return '<tr data-day="' + s[0] + '"' + (s[2] === k ? ' class="tm-now"' : "") + "><td>" + swatch(party2[2]) +
        party2[1] + "</td><td>" + fmt(t0, iv2[2]) + " \u2013 " + (iv2[3] !== null ? fmt(t0, iv2[3]) : "") +
        "</td><td>" + iv2[4].toFixed(2) + "</td></tr>";
    });
    if (rows.length) {
      out += '<h4>History</h4><table class="tm-history"><tr><th>held by</th><th>dates</th><th>conf.</th></tr>' +
        rows.join("") + "</table>";
    }
    return out + "</div>";
  };

  TerritoryMap.prototype._sourceCount = function (iv) {
    var seen = {}, data = this.data;
    iv[6].forEach(function (c) { seen[data.claims[c][1]] = true; });
    // A capped list names only some sources: the row then carries how many there are.
    var n = iv.length > 10 ? iv[10] : Object.keys(seen).length;
    return n + " source" + (n === 1 ? "" : "s");
  };

  // History rows and the strip carry data-day: clicking one moves the whole map to that day.
  TerritoryMap.prototype._wirePopup = function (popup) {
    var self = this, node = popup.getElement();
    if (!node || node.getAttribute("data-tm-wired")) { return; }
    node.setAttribute("data-tm-wired", "1");
    node.addEventListener("click", function (e) {
      var t = e.target;
      while (t && t !== node && !(t.getAttribute && t.getAttribute("data-day"))) { t = t.parentNode; }
      if (t && t !== node) { self.setDate(+t.getAttribute("data-day")); }
    });
  };

  // ---- the panel: controls, chart, slider, legend -----------------------------------------
  TerritoryMap.prototype._panel = function () {
    var self = this, data = this.data, t0 = this.t0;
    var root = document.getElementById(this.opts.panel);
    if (!root) { return; }
    var ui = this.ui = {root: root};
    var left = el("div", "tm-controls", root);
    var buttons = el("div", "tm-buttons", left);
    function button(icon, title, fn) {
      var b = el("button", "tm-btn", buttons);
      b.type = "button"; b.innerHTML = icon; b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", fn);
      return b;
    }
    button(ICONS.first, "Previous change of control", function () { self.jump(-1); });
    button(ICONS.back, "One day back", function () { self.step(-1); });
    ui.play = button(ICONS.play, "Play", function () { self.play(); });
    button(ICONS.fwd, "One day forward", function () { self.step(1); });
    button(ICONS.last, "Next change of control", function () { self.jump(1); });
    var when = el("div", "tm-when", left);
    ui.date = el("input", "tm-date", when);
    ui.date.type = "date"; ui.date.min = iso(t0, 0); ui.date.max = iso(t0, data.days - 1);
    ui.date.setAttribute("aria-label", "Show control as of this date");
    ui.date.addEventListener("change", function () { self.setDate(ui.date.value); });
    ui.dateText = el("span", "tm-date-text", when);
    var opts = el("div", "tm-opts", left);
    var lab = el("label", "", opts);
    ui.reported = el("input", "", lab);
    ui.reported.type = "checkbox";
    ui.reported.addEventListener("change", function () { self.setReported(ui.reported.checked); });
    lab.appendChild(document.createTextNode(" only what was reported by then"));
    lab.title = "Start each change of control on the day the first article reporting it was published";
    var advLab = el("label", "", opts);
    advLab.appendChild(document.createTextNode("advances: "));
    ui.advWindow = el("select", "", advLab);
    [[7, "last 7 days"], [30, "last 30 days"], [0, "all so far"]].forEach(function (o) {
      var op = el("option", "", ui.advWindow); op.value = o[0]; op.textContent = o[1];
      if (o[0] === self.advWindow) { op.selected = true; }
    });
    ui.advWindow.addEventListener("change", function () { self.advWindow = +ui.advWindow.value; self.setDate(self.day); });

    var mid = el("div", "tm-timeline", root);
    var head = el("div", "tm-head", mid);
    el("span", "tm-title", head).innerHTML = data.title;
    el("span", "tm-range", head).textContent = "data " + fmt(t0, 0) + " \u2013 " + fmt(t0, data.days - 1) +
      " \u00b7 " + data.places.length + " places \u00b7 " + data.iv.length + " periods of control";
    ui.chart = svgEl("svg", {"class": "tm-chart", role: "img", "aria-label": "Places held per party over time"}, mid);
    ui.slider = el("input", "tm-slider", mid);
    ui.slider.type = "range"; ui.slider.min = 0; ui.slider.max = data.days - 1; ui.slider.step = 1;
    ui.slider.setAttribute("aria-label", "Date");
    ui.slider.addEventListener("input", function () { self.setDate(+ui.slider.value); });
    ui.axis = el("div", "tm-axis", mid);
    ui.chart.addEventListener("click", function (e) {
      var r = ui.chart.getBoundingClientRect();
      self.setDate(Math.floor((e.clientX - r.left) / r.width * data.days));
    });

    var legend = el("div", "tm-legend", root);
    ui.counts = [];
    var table = el("table", "", legend);
    data.parties.forEach(function (p, i) {
      var tr = el("tr", "", table);
      el("td", "", tr).innerHTML = swatch(p[2], p[3] ? "tm-sw-state" : "");
      el("td", "", tr).innerHTML = p[1];
      ui.counts.push(el("td", "tm-count", tr));
      tr.title = "Places held on the chosen date, reported within " + (data.staleDays || "any number of") + " days";
      tr.setAttribute("data-party", i);
    });
    el("div", "tm-symbols", legend).innerHTML =
      '<span><i class="tm-sym-dot"></i>place</span><span><i class="tm-sym-cross"></i>border crossing</span>' +
      '<span><i class="tm-sym-adv"></i>advance</span><span><i class="tm-sym-zone"></i>estimated zone (estimate)</span>' +
      '<span><i class="tm-sym-faint"></i>low confidence</span><span><i class="tm-sym-part"></i>part of a place</span>' +
      ((data.areas || []).length ? '<span><i class="tm-sym-area"></i>governorate</span>' : "") +
      (data.staleDays ? '<span><i class="tm-sym-stale"></i>not reported for ' + data.staleDays + " days (not counted)</span>"
       : "");
    this._undatedPanel(legend);
    this._drawChart();
    var resize = function () { self._drawChart(); };
    window.addEventListener("resize", resize);
  };

  // Claims no date could be found for: no period of control, so listed apart, never dropped from view.
  TerritoryMap.prototype._undatedPanel = function (parent) {
    var data = this.data, self = this, n = data.undatedCount || 0;
    if (!n) { return; }
    var box = el("details", "tm-undated", parent);
    el("summary", "", box).textContent = n + " report" + (n === 1 ? "" : "s") + " not placed in time (undated)";
    var list = el("ol", "", box);
    (data.undated || []).forEach(function (u) {
      var party = u[1] >= 0 ? data.parties[u[1]] : null, src = data.sources[u[4]];
      el("li", "", list).innerHTML = (party ? swatch(party[2]) + party[1] : "") + " \u00b7 " + u[2] + " \u00b7 <b>" +
        u[0] + "</b>: \u201c" + data.quotes[u[3]] + "\u201d \u2014 " +
        (src[2] ? '<a href="' + src[2] + '" target="_blank" rel="noopener noreferrer">' + (src[1] || src[0]) + "</a>"
         : (src[1] || src[0]));
    });
    if (n > (data.undated || []).length) {
      el("li", "tm-more", list).textContent = "and " + (n - data.undated.length) + " more in events.csv";
    }
  };

  TerritoryMap.prototype._drawChart = function () {
    var ui = this.ui, data = this.data, self = this;
    if (!ui) { return; }
    var svg = ui.chart, w = svg.clientWidth || 600, h = svg.clientHeight || 70, n = data.days;
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    var max = 1;
    this.counts.forEach(function (c) { for (var d = 0; d < n; d++) { if (c[d] > max) { max = c[d]; } } });
    var x = function (d) { return d / n * w; }, y = function (v) { return h - 2 - v / max * (h - 6); };
    this.counts.forEach(function (c, p) {
      var dpath = "M" + x(0) + "," + y(c[0]);
      for (var d = 1; d < n; d++) { if (c[d] !== c[d - 1]) { dpath += "H" + x(d).toFixed(1) + "V" + y(c[d]).toFixed(1); } }
      dpath += "H" + w;
      svgEl("path", {d: dpath, fill: "none", stroke: self.partyColor(p), "stroke-width": self.isState(p) ? 1.5 : 2,
                     "stroke-dasharray": self.isState(p) ? "4 2" : "none", "class": "tm-series"}, svg);
    });
    svgEl("text", {x: 4, y: 11, "class": "tm-chart-note"}, svg).textContent = "places held per party (max " + max + ")";
    this.cursor = svgEl("line", {x1: 0, x2: 0, y1: 0, y2: h, "class": "tm-cursor"}, svg);
    // Month ticks under the slider.
    ui.axis.innerHTML = "";
    var first = dateOf(this.t0, 0);
    var m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    var every = n > 400 ? 3 : 1;
    for (var guard = 0; guard < 240; guard++) {
      var d = Math.round((m - this.t0) / DAY_MS);
      if (d >= n) { break; }
      if (m.getUTCMonth() % every === 0) {
        var tick = el("span", "", ui.axis);
        tick.style.left = (100 * d / n).toFixed(2) + "%";
        tick.textContent = MONTHS[m.getUTCMonth()] + (m.getUTCMonth() === 0 ? " " + m.getUTCFullYear() : "");
      }
      m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
    }
    this._updatePanel();
  };

  TerritoryMap.prototype._updatePanel = function () {
    var ui = this.ui, d = this.day;
    if (!ui) { return; }
    ui.slider.value = d;
    ui.date.value = iso(this.t0, d);
    ui.dateText.textContent = "as of " + fmt(this.t0, d);
    var self = this;
    ui.counts.forEach(function (td, p) { td.textContent = self.counts[p][d]; });
    if (this.cursor) {
      var w = ui.chart.clientWidth || 600, x = (d + 0.5) / this.data.days * w;
      this.cursor.setAttribute("x1", x); this.cursor.setAttribute("x2", x);
    }
  };

  // How many pairs of visible labels overlap (0 once decluttered): for the page's tests.
  TerritoryMap.prototype.labelOverlaps = function () {
    var rects = Array.prototype.filter.call(document.querySelectorAll(".tm-label"), function (el) {
      return el.style.visibility !== "hidden";
    }).map(function (el) { return el.getBoundingClientRect(); }).filter(function (r) { return r.width > 0; });
    var n = 0;
    for (var i = 0; i < rects.length; i++) {
      for (var j = i + 1; j < rects.length; j++) {
        var a = rects[i], b = rects[j];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) { n += 1; }
      }
    }
    return n;
  };

  // A summary the page's tests (and curious readers in the console) can query.
  TerritoryMap.prototype.state = function () {
    var self = this, held = {};
    this.data.parties.forEach(function (p, i) { held[p[0]] = self.counts[i][self.day]; });
    return {date: iso(this.t0, this.day), days: this.data.days, places: this.data.places.length,
            held: held, stale: this.stale.filter(function (x) { return x; }).length,
            labelsShown: this.labelsShown || 0, labelOverlaps: this.labelOverlaps(),
            areas: (this.data.areas || []).length, areasShown: document.querySelectorAll("path.tm-area").length,
            undated: this.data.undatedCount || 0, undatedListed: document.querySelectorAll(".tm-undated li").length,
            advancesShown: this.arrows.filter(function (a) { return a.shown; }).length,
            crossings: this.data.crossings.length, zones: this.data.zones.length};
  };

  window.TerritoryMap = {
    maps: {},
    init: function (map, layers, data, opts) {
      var tm = new TerritoryMap(map, layers, data, opts);
      window.TerritoryMap.maps[opts.name] = tm;
      return tm;
    },
    readData: function (id) {
      var node = document.getElementById(id);
      return JSON.parse(node.textContent);
    }
  };
}());
