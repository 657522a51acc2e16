"""The map page in headless Chromium: it loads, runs without errors, and runs no injected code.

Each test copies the page, adds an error trap at the top of ``<head>`` and a probe script at
the end that exercises the page (every date change, popup, tooltip, layer) and writes a JSON
report into the DOM; ``chromium --headless --dump-dom`` prints the DOM.  Console errors that
Chromium logs on stderr are checked too.  Skipped when Chromium is not installed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "mapper" / "samples"
CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome",
                                                          "google-chrome-stable")) if p), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

TRAP = """<script>
window.__tmErrors = [];
window.addEventListener("error", function (e) {
  window.__tmErrors.push(String(e.message) + " @" + (e.filename || "") + ":" + (e.lineno || ""));
});
window.addEventListener("unhandledrejection", function (e) { window.__tmErrors.push("rejection: " + e.reason); });
(function () {
  var orig = console.error;
  console.error = function () {
    window.__tmErrors.push("console.error: " + Array.prototype.join.call(arguments, " "));
    return orig.apply(console, arguments);
  };
}());
</script>"""

# Exercises everything a reader can do, then reports what the page holds.
PROBE = """<script>
(function () {
  var r = {errors: window.__tmErrors, checks: {}};
  function done() {
    r.titleBefore = document.title;
    r.pwned = window.__pwned === undefined ? null : String(window.__pwned);
    var pre = document.createElement("pre");
    pre.id = "tm-test-result";
    pre.textContent = JSON.stringify(r);
    document.body.appendChild(pre);
  }
  try {
    var names = Object.keys(window.TerritoryMap.maps);
    r.maps = names.length;
    var tm = window.TerritoryMap.maps[names[0]], map = tm.map, data = tm.data;
    function texts(sel) {
      return Array.prototype.map.call(document.querySelectorAll(sel), function (l) { return l.textContent.trim(); });
    }
    r.overlays = texts(".leaflet-control-layers-overlays label");
    r.baseLayers = texts(".leaflet-control-layers-base label");
    var slider = document.querySelector(".tm-slider");
    r.slider = slider ? {min: +slider.min, max: +slider.max, value: +slider.value} : null;
    r.buttons = document.querySelectorAll(".tm-btn").length;
    r.chartSeries = document.querySelectorAll(".tm-chart path.tm-series").length;
    r.legendRows = document.querySelectorAll(".tm-legend tr").length;
    r.crossingIcons = document.querySelectorAll(".tm-crossing").length;
    r.stateEnd = tm.state();
    // Freshness on the last day: a control reported longer ago than data.staleDays is faded and says so.
    r.fresh = {stale: 0, faded: 0, said: 0, fresh: 0, freshSaid: 0, staleDays: data.staleDays};
    data.places.forEach(function (p, i) {
      if (tm.current[i] < 0) { return; }
      var m = tm.markers[i], tip = tm.tooltipHtml(i), pop = tm.popupHtml(i);
      if (tm.stale[i]) {
        r.fresh.stale += 1;
        var opacity = m.options.fillOpacity !== undefined ? m.options.fillOpacity : m.options.opacity;
        if (opacity <= 0.2) { r.fresh.faded += 1; }
        if (tip.indexOf("not reported since") >= 0 && pop.indexOf("not reported since") >= 0) { r.fresh.said += 1; }
      } else {
        r.fresh.fresh += 1;
        if (tip.indexOf("last reported") >= 0) { r.fresh.freshSaid += 1; }
      }
    });
    // Every period of control: move the date there, open the place's popup and tooltip.
    r.popups = 0;
    r.popupsWithClaims = 0;
    r.partial = {intervals: 0, popups: 0, rings: 0};  // held in part only ("parts of Ramadi")
    data.iv.forEach(function (iv) {
      tm.setDate(iv[2]);
      var m = tm.markers[iv[0]];
      m.openPopup();
      var node = document.querySelector(".tm-pop");
      if (node) { r.popups += 1; if (node.querySelector(".tm-claims li")) { r.popupsWithClaims += 1; } }
      if (iv[8] & 2) {
        // On the day the map shows it: once it happened and was reported.
        m.closePopup();
        tm.setDate(Math.max(iv[2], iv[5] === null ? iv[2] : iv[5]));
        m.openPopup();
        node = m.getPopup().getElement().querySelector(".tm-status");
        r.partial.intervals += 1;
        if (node && node.textContent.indexOf("(part of the place)") >= 0) { r.partial.popups += 1; }
        if (m.options && m.options.weight === 3 && m.options.fillColor === "#ffffff") { r.partial.rings += 1; }
      }
      m.closePopup();
      m.openTooltip(); m.closeTooltip();
    });
    // Every place's popup text, as markup, whatever the date.
    var box = document.createElement("div");
    document.body.appendChild(box);
    data.places.forEach(function (p, i) { box.innerHTML = tm.popupHtml(i) + tm.tooltipHtml(i); });
    // Advances: all of them at the last day.
    tm.advWindow = 0;
    tm.setDate(data.days - 1);
    r.advanceArrows = document.querySelectorAll("path.tm-advance").length;
    r.arrowHeads = document.querySelectorAll("path.tm-advance[marker-end]").length;
    tm.arrows.forEach(function (a) { if (a.shown) { a.line.openTooltip(); a.line.closeTooltip(); } });
    r.advanceRests = 0;  // each arrow's tooltip says what it rests on
    data.adv.forEach(function (a, n) {
      box.innerHTML = tm.advanceHtml(n);
      if (box.querySelector(".tm-basis") && /Rests on: (after taking .* on |a border crossing)/.test(box.textContent)) {
        r.advanceRests += 1;
      }
    });
    // Zones are off by default; turn them on.
    r.zonesBefore = document.querySelectorAll("path.tm-zone").length;
    map.addLayer(tm.layers.zones);
    r.zonesAfter = document.querySelectorAll("path.tm-zone").length;
    Object.keys(tm.zonePolys).forEach(function (k) { box.innerHTML = tm.zoneTooltip(+k); });
    // One slider drives every layer: change the slider, check the date and the markers follow.
    slider.value = 0;
    slider.dispatchEvent(new Event("input"));
    r.afterSlider = tm.state();
    r.markersDay0 = document.querySelectorAll("path.tm-place").length;
    document.querySelector('.tm-btn[title="Next change of control"]').click();
    r.afterNext = tm.state().date;
    tm.setReported(true);
    r.reported = tm.state();
    tm.setReported(false);
    // Zoom in so labels of every rank appear.
    map.setZoom(9, {animate: false});
    r.labels = document.querySelectorAll(".tm-label").length;
    tm.play(true);
    setTimeout(function () { tm.play(false); r.afterPlay = tm.state().date; done(); }, 700);
  } catch (e) {
    r.exception = String(e && e.stack || e);
    done();
  }
}());
</script>"""


# No host name resolves: a page that needs anything from the network fails here as it would offline.
NO_NETWORK = "--host-resolver-rules=MAP * ~NOTFOUND"


def _chromium(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                           "--disable-extensions", "--disable-background-networking", "--mute-audio",
                           NO_NETWORK, "--enable-logging=stderr", "--v=0", *args],
                          capture_output=True, text=True, timeout=timeout)


# What a reader sees first: label overlaps, the layer list folded or not, the places drawn.
FIRST_VIEW = """<script>
(function () {
  var tm = window.TerritoryMap.maps[Object.keys(window.TerritoryMap.maps)[0]];
  var r = {overlaps: tm.labelOverlaps(), labels: tm.labelsShown,
           layersOpen: !!document.querySelector(".leaflet-control-layers-expanded"),
           places: document.querySelectorAll("path.tm-place").length, errors: window.__tmErrors};
  var pre = document.createElement("pre");
  pre.id = "tm-test-result";
  pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
}());
</script>"""


def probe(page: Path, tmp_path: Path, script: str = PROBE, width: int = 1280, height: int = 900) -> tuple[dict, str]:
    """Run the probe on a copy of ``page``; return its report and Chromium's console lines."""
    text = page.read_text(encoding="utf-8")
    head = text.index("<head>") + len("<head>")
    end = text.rindex("</html>")
    probed = tmp_path / "probed.html"
    probed.write_text(text[:head] + TRAP + text[head:end] + script + text[end:], encoding="utf-8")
    proc = _chromium(f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},{height}",
                     "--virtual-time-budget=15000", "--dump-dom", probed.as_uri())
    match = re.search(r'<pre id="tm-test-result">(.*?)</pre>', proc.stdout, re.S)
    assert match, f"no probe report; stderr:\n{proc.stderr[-3000:]}"
    console = "\n".join(line for line in proc.stderr.splitlines() if "CONSOLE" in line)
    return json.loads(html.unescape(match.group(1))), console


def _run_map(inputs: list[str], out: Path, *extra: str) -> Path:
    """``mapper run INPUT... -o OUT`` as the README gives it (the map is self-contained by default)."""
    result = CliRunner().invoke(cli, ["run", *inputs, "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out / "map.html"


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory) -> Path:
    return _run_map([str(SAMPLES)], tmp_path_factory.mktemp("samples-map"))


def test_offline_page_has_no_network_assets(sample_map):
    page = sample_map.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\ssrc=", page, re.I)
    assert not re.search(r"<link[^>]*\shref=", page, re.I)
    assert "cdn.jsdelivr" not in page and "code.jquery" not in page and "bootstrapcdn" not in page


@needs_chromium
def test_sample_map_runs_without_errors(sample_map, tmp_path):
    report, console = probe(sample_map, tmp_path)
    assert "exception" not in report, report["exception"]
    assert report["errors"] == []
    assert "Uncaught" not in console and "Error" not in console, console
    assert report["maps"] == 1
    # Layers: one per party plus contested, and the others.
    for name in ("Islamic State (ISIS)", "Iraqi government", "Kurdish Peshmerga", "Contested", "Advances",
                 "Border crossings", "Estimated zones (estimate)", "Borders and governorates", "Place labels"):
        assert name in report["overlays"], report["overlays"]
    assert "Offline basemap" in report["baseLayers"]
    # The slider spans the data's dates and starts at the last day.
    assert report["slider"]["min"] == 0 and report["slider"]["max"] == report["stateEnd"]["days"] - 1
    assert report["slider"]["value"] == report["slider"]["max"]
    assert report["buttons"] == 5 and report["chartSeries"] == 4 and report["legendRows"] == 4
    # Crossings: every Iraqi border crossing of the gazetteer has its icon.
    assert report["crossingIcons"] >= 10 and report["stateEnd"]["crossings"] == report["crossingIcons"]
    # Advances, with arrowheads.
    assert report["advanceArrows"] >= 5 and report["arrowHeads"] == report["advanceArrows"]
    assert report["advanceRests"] == report["advanceArrows"]
    # A governorate a claim is about (Saladin) is drawn as its area, not a dot.
    assert report["stateEnd"]["areas"] >= 1 and report["stateEnd"]["areasShown"] >= 1
    # Claims no date could be found for are listed, not dropped: the panel lists each (the samples have a few).
    assert report["stateEnd"]["undated"] >= 3 and report["stateEnd"]["undatedListed"] == report["stateEnd"]["undated"]
    # Every period of control opened its popup, with its supporting claims.
    assert report["popups"] == report["popupsWithClaims"] > 30
    # Places held in part only (a sample says "control several districts of Ramadi"): a ring, and said so.
    partial = report["partial"]
    assert partial["intervals"] >= 1 and partial["popups"] == partial["rings"] == partial["intervals"], partial
    # Zones: off by default, there when switched on.
    assert report["zonesBefore"] == 0 and report["zonesAfter"] > 10
    # The slider and the buttons drive the date; playing moves it on.
    # The slider's start is the reports' span: 30 days before the first report, or the earliest change if later.
    controls = json.loads((sample_map.parent / "control.geojson").read_text(encoding="utf-8"))["features"]
    first_report = min(dt.date.fromisoformat(f["properties"]["first_reported"]) for f in controls
                       if f["properties"]["first_reported"])
    first = max(min(f["properties"]["valid_from"] for f in controls),
                (first_report - dt.timedelta(days=30)).isoformat())
    assert report["afterSlider"]["date"] == first
    assert report["afterNext"] > first
    assert report["afterPlay"] > report["afterNext"]
    assert report["markersDay0"] >= 1
    assert sum(report["stateEnd"]["held"].values()) > sum(report["afterSlider"]["held"].values())
    assert report["labels"] > 40
    # Every control on the map says when it was last reported; none of the samples' is 90 days old by then
    # (their last day is 1 September 2014), and the legend counts them all.
    fresh = report["fresh"]
    assert fresh["staleDays"] == 90 and fresh["fresh"] == fresh["freshSaid"] > 30
    assert fresh["stale"] == fresh["faded"] == fresh["said"]
    assert sum(report["stateEnd"]["held"].values()) == fresh["fresh"] and report["stateEnd"]["stale"] == fresh["stale"]


@needs_chromium
@pytest.mark.parametrize("width, height, folded", [(1280, 900, False), (390, 844, True)])
def test_first_view_has_no_overlapping_labels_and_a_phone_folds_the_layer_list(sample_map, tmp_path, width, height,
                                                                                 folded):
    report, _ = probe(sample_map, tmp_path, FIRST_VIEW, width, height)
    assert report["errors"] == []
    assert report["overlaps"] == 0 and report["labels"] >= 10
    assert report["layersOpen"] is not folded and report["places"] > 20


@needs_chromium
def test_a_control_not_reported_for_the_configured_age_is_faded(tmp_path):
    page = _run_map([str(SAMPLES)], tmp_path / "stale", "--stale-days", "30")
    report, _ = probe(page, tmp_path)
    assert "exception" not in report, report["exception"]
    fresh = report["fresh"]
    # Places last reported in June are 30 days old by the samples' last day (1 September 2014).
    assert fresh["staleDays"] == 30 and fresh["stale"] >= 5 and fresh["fresh"] >= 5
    assert fresh["stale"] == fresh["faded"] == fresh["said"] and fresh["fresh"] == fresh["freshSaid"]
    # The legend's counts leave the stale ones out.
    assert sum(report["stateEnd"]["held"].values()) == fresh["fresh"]



@needs_chromium
def test_a_cdn_map_is_blank_with_the_network_blocked(tmp_path):
    # The network really is blocked in these tests: a page drawn with --cdn, whose Leaflet comes
    # from a CDN, cannot start (what a reader with no network saw before maps were self-contained).
    page = _run_map([str(SAMPLES)], tmp_path / "cdn", "--cdn")
    assert re.search(r"<script[^>]*\ssrc=[\"']https://", page.read_text(encoding="utf-8"))
    report, _ = probe(page, tmp_path)
    assert "exception" in report or report["errors"], report

def _png_pixels(path: Path):
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into rows of bytes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (size,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + size]
        pos += 12 + size
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6) and body[12] == 0
        elif kind == b"IDAT":
            idat += body
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(idat)
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif f == 4:
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


@needs_chromium
def test_screenshot_is_not_blank(sample_map, tmp_path):
    import numpy as np

    shot = tmp_path / "map.png"
    _chromium(f"--user-data-dir={tmp_path / 'profile'}", "--window-size=900,640", "--virtual-time-budget=8000",
              f"--screenshot={shot}", sample_map.as_uri() + "#date=2014-06-22", timeout=120)
    assert shot.exists() and shot.stat().st_size > 5000
    width, height, bpp, rows = _png_pixels(shot)
    pixels = np.frombuffer(b"".join(bytes(r) for r in rows), dtype=np.uint8).reshape(height, width, bpp)[..., :3]
    assert pixels.std() > 20  # a blank or single-colour page is near 0
    # Several distinct colours: sea, land, party markers, panel.
    colours = {tuple(c) for c in pixels[::8, ::8].reshape(-1, 3)}
    assert len(colours) > 50
    # The map part (top) and the panel (bottom) both have content.
    assert pixels[: height * 2 // 3].std() > 10 and pixels[height * 5 // 6:].std() > 10


HOSTILE = [
    "<script>window.__pwned='script';document.title='PWNED'</script>",
    "<img src=x onerror=\"window.__pwned='img';document.title='PWNED'\">",
    "</script><script>window.__pwned='breakout'</script>",
    "<svg onload=window.__pwned='svg'>",
    "\"quotes\" 'single' `backtick ${window.__pwned='template'}` back\\slash \\u2028 \u2028 \u2029 end",
    "<!-- <script>window.__pwned='comment'</script> -->",
]


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-articles")
    (folder / "a.txt").write_text(
        f"BAGHDAD, June 22, 2014 (Wire) \u2014 Militants seized Rawa on Saturday {HOSTILE[0]} {HOSTILE[4]} "
        f"{HOSTILE[2]} officials said.\n\n"
        f"Insurgents captured Anah {HOSTILE[1]} on Saturday, residents said.\n\n"
        f"Gunmen overran Rutba on Sunday {HOSTILE[5]}, a police officer said.\n", encoding="utf-8")
    record = {"text": f"Militants overran Tal Afar on June 16, 2014 {HOSTILE[3]}, a police officer said.",
              "url": "javascript:window.__pwned='url'", "title": f"<b onmouseover=window.__pwned=1>{HOSTILE[0]}",
              "published": "2014-06-17"}
    (folder / "b.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return _run_map([str(folder)], tmp_path_factory.mktemp("hostile-map"))


def test_hostile_text_reaches_the_page_escaped(hostile_map):
    page = hostile_map.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, re.S).group(1)
    payload = json.loads(data)
    quotes = " ".join(payload["quotes"])
    # The payload carries the hostile text (so the browser test means something), escaped.
    assert "&lt;script&gt;window.__pwned=&#x27;script&#x27;" in quotes
    assert "&lt;img src=x onerror=" in quotes
    # A javascript: URL may be shown as text but never becomes a link.
    assert all(src[2] == "" or src[2].startswith(("http://", "https://")) for src in payload["sources"])
    assert any("javascript:" in src[0] and src[2] == "" for src in payload["sources"])
    assert "<script>window" not in page and "onerror=\"window" not in page


@needs_chromium
def test_hostile_text_runs_no_code(hostile_map, tmp_path):
    report, console = probe(hostile_map, tmp_path)
    assert "exception" not in report, report["exception"]
    assert report["pwned"] is None
    assert report["titleBefore"] != "PWNED"
    assert report["errors"] == []
    assert "Uncaught" not in console, console
    assert report["popups"] >= 3 and report["popupsWithClaims"] == report["popups"]
