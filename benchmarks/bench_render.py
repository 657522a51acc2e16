#!/usr/bin/env python3
"""Print the build time and size of map.html for 1,000 places x 365 days of history.

Each synthetic place (a random point in Iraq) changes hands a few times over the year, each
period of control backed by one to three claims with quotes of reporting length.  The map is
built with ``--offline`` (Leaflet inlined), the largest variant.  For comparison the script
also measures folium's own time mechanisms on the same data: ``TimestampedGeoJson`` with one
feature per place per day (measured on 100 places, scaled to 1,000) and ``Timeline`` with one
feature per period of control.  ``--browser`` also opens the page in headless Chromium and
times the page's start-up and a sweep of the slider across every day.

``--extract FILE`` instead times ``mapper run``'s steps after extraction on the output of
``mapper extract --json`` (in this process, the articles read from the file as they are needed):
reading into ``events.csv`` and the spill, merging the timeline place by place, and the map
(``control.geojson``, the payload and the page), with the CPU seconds of each and the process's
peak memory.

Usage: python benchmarks/bench_render.py [--places 1000] [--days 365] [--runs 5] [--browser]
       python benchmarks/bench_render.py --extract extract.jsonl [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from gazetteer import load
from mapper.claims import Claim
from mapper.render import ArticleInfo, control_map
from mapper.render.basemap import Basemap
from mapper.timeline import ClaimRecord, Interval

START = dt.date(2014, 6, 1)
PARTIES = ["isis", "government", "kurdish", "contested"]
PHRASES = ["Militants seized {p} on {d}, residents and security officials said, as government troops pulled back "
           "towards the provincial capital.",
           "Iraqi forces said they had retaken {p} on {d} after two days of heavy fighting, though the claim could "
           "not be independently verified.",
           "Peshmerga fighters moved into {p} on {d} after the army withdrew, a Kurdish official said by telephone.",
           "Fighting for control of {p} continued on {d}, with both sides claiming to hold the town centre."]


def synthetic_intervals(n_places: int, n_days: int, seed: int = 1):
    """Intervals for ``n_places`` random places in Iraq, each with 2-5 changes over ``n_days``."""
    rng = random.Random(seed)
    iraq = Basemap.from_gazetteer(load(include_user_dir=False)).iraq
    w, s, e, n = iraq.bounds
    from shapely.geometry import Point

    points = []
    while len(points) < n_places:
        lon, lat = rng.uniform(w, e), rng.uniform(s, n)
        if iraq.contains(Point(lon, lat)):
            points.append((round(lat, 4), round(lon, 4)))
    articles = {f"art{i:05d}": ArticleInfo(f"https://example.org/news/{i}", f"Dispatch number {i}",
                                           START + dt.timedelta(days=rng.randrange(n_days)))
                for i in range(max(50, n_places * 2))}
    ids = list(articles)
    intervals = []
    for k, (lat, lon) in enumerate(points):
        name, pid = f"Place {k}", f"bench:{k}"
        kind = rng.choice(["town", "town", "village", "city"])
        cuts = sorted(rng.sample(range(1, n_days), rng.randint(2, 5)))
        starts = [0, *cuts]
        party = rng.choice(PARTIES[:3])
        for j, s_day in enumerate(starts):
            frm = START + dt.timedelta(days=s_day)
            to = START + dt.timedelta(days=starts[j + 1] - 1) if j + 1 < len(starts) else None
            iv = Interval(name, pid, kind, lat, lon, party, frm)
            iv.valid_to = to
            for _ in range(rng.randint(1, 3)):
                quote = rng.choice(PHRASES).format(p=name, d=f"{frm:%B} {frm.day}")
                claim = Claim(name, pid, party, party, "captured" if j else "held", frm, "day", quote,
                              round(rng.uniform(0.4, 0.95), 2), lat, lon)
                art = rng.choice(ids)
                iv.support(ClaimRecord(claim, art, frm + dt.timedelta(days=rng.randint(0, 3)), kind))
            intervals.append(iv)
            party = rng.choice([p for p in PARTIES if p != party])
    return intervals, articles


def extracted_items(path: Path):
    """The articles of a ``mapper extract --json`` file as ``Extracted`` items, one line at a time."""
    from types import SimpleNamespace

    from mapper.pipeline import Extracted

    def day(value):
        return dt.date.fromisoformat(value) if value else None

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            article = SimpleNamespace(id=rec["id"], source=rec["source"], title=rec["title"])
            events = tuple(Claim(**{**e, "date": day(e["date"]), "date_start": day(e["date_start"])})
                           for e in rec["events"])
            yield Extracted(article, day(rec["published"]), rec.get("published_from", ""), (), events)


def run_steps(extract: Path, out: Path) -> dict:
    """CPU seconds of ``mapper run``'s steps after extraction, and the peak memory (MB)."""
    import resource

    from mapper.export import AtomicFile, write_atomic
    from mapper.render.collect import collect_streamed

    gaz = load(include_user_dir=False)
    out.mkdir(parents=True, exist_ok=True)
    figures, start = {}, time.process_time()

    def lap(step: str) -> None:
        nonlocal start
        figures[step] = round(time.process_time() - start, 2)
        start = time.process_time()

    with AtomicFile(out / "events.csv", root=out) as csv_file, \
            collect_streamed([], csv_file, gaz, items=extracted_items(extract), spill_dir=out) as got:
        lap("read (events.csv, spill)")
        merged = sum(len(intervals) for intervals in got.places())  # the merge alone; draw merges again
        lap("timeline (merge place by place)")
        with AtomicFile(out / "control.geojson", root=out) as geojson_file:
            page = got.draw(geojson_file, gaz)
        lap("draw (merge again, control.geojson, payload)")
    write_atomic(out / "map.html", page.html_chunks(), root=out)
    lap("map.html")
    figures["map (draw - timeline + map.html)"] = round(
        figures["draw (merge again, control.geojson, payload)"] - figures["timeline (merge place by place)"]
        + figures["map.html"], 2)
    figures.update(claims=got.events, intervals=merged, map_mb=round((out / "map.html").stat().st_size / 1e6, 1),
                   peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    return figures


def _median_build(intervals, gaz, articles, runs: int, **options) -> tuple[float, str]:
    times, page = [], ""
    for _ in range(runs):
        t = time.perf_counter()
        page = control_map(intervals, gaz, articles=articles, **options).to_html()
        times.append(time.perf_counter() - t)
    return statistics.median(times), page


def timestamped_geojson_size(intervals, n_days: int, places: int) -> int:
    """Bytes of a folium TimestampedGeoJson page with one Point per place per day."""
    import folium
    from folium.plugins import TimestampedGeoJson

    by_place: dict[str, list] = {}
    for iv in intervals:
        by_place.setdefault(iv.place_id, []).append(iv)
    features = []
    for pid in list(by_place)[:places]:
        for d in range(n_days):
            day = START + dt.timedelta(days=d)
            iv = next((i for i in by_place[pid] if i.valid_from <= day and (i.valid_to is None or day <= i.valid_to)),
                      None)
            if iv is None:
                continue
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [iv.lon, iv.lat]},
                             "properties": {"time": day.isoformat(), "popup": html.escape(iv.place),
                                            "icon": "circle", "iconstyle": {"color": "#222", "radius": 5}}})
    fmap = folium.Map(location=[33, 43], zoom_start=6)
    TimestampedGeoJson({"type": "FeatureCollection", "features": features}, period="P1D").add_to(fmap)
    return len(fmap.get_root().render().encode())


def timeline_plugin(intervals) -> tuple[float, int]:
    """Seconds and bytes of a folium Timeline page with one feature per period of control."""
    import folium
    from folium.plugins import Timeline, TimelineSlider

    t = time.perf_counter()
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [iv.lon, iv.lat]},
                 "properties": {"start": iv.valid_from.isoformat(),
                                "end": (iv.valid_to or START + dt.timedelta(days=400)).isoformat(),
                                "party": iv.party, "popup": html.escape(" ".join(r.claim.quote for r in iv.claims))}}
                for iv in intervals]
    fmap = folium.Map(location=[33, 43], zoom_start=6)
    tl = Timeline({"type": "FeatureCollection", "features": features}).add_to(fmap)
    TimelineSlider(auto_play=False).add_timelines(tl).add_to(fmap)
    page = fmap.get_root().render()
    return time.perf_counter() - t, len(page.encode())


BROWSER_PROBE = """<script>
(function () {
  var tm = window.TerritoryMap.maps[Object.keys(window.TerritoryMap.maps)[0]];
  var r = {ready_ms: Math.round(performance.now())};
  var t = performance.now();
  for (var d = 0; d < tm.data.days; d++) { tm.setDate(d); }
  r.sweep_ms = Math.round(performance.now() - t);
  r.step_ms = +(r.sweep_ms / tm.data.days).toFixed(2);
  // With the estimated territory (zones) shown: every day in turn, and the longest jumps (first day to last
  // and back, what a reader's click on the slider's ends costs), each timed alone.
  tm.map.addLayer(tm.layers.zones);
  var steps = [];
  for (var z = 0; z < tm.data.days; z++) {
    var t1 = performance.now(); tm.setDate(z); steps.push(performance.now() - t1);
  }
  steps.sort(function (a, b) { return a - b; });
  r.zones_step_median_ms = +steps[Math.floor(steps.length / 2)].toFixed(2);
  r.zones_step_max_ms = +steps[steps.length - 1].toFixed(1);
  var jumps = [];
  for (var k = 0; k < 5; k++) {
    var t2 = performance.now(); tm.setDate(0); jumps.push(performance.now() - t2);
    var t3 = performance.now(); tm.setDate(tm.data.days - 1); jumps.push(performance.now() - t3);
  }
  jumps.sort(function (a, b) { return a - b; });
  r.zones_jump_median_ms = +jumps[Math.floor(jumps.length / 2)].toFixed(1);
  r.zones_jump_max_ms = +jumps[jumps.length - 1].toFixed(1);
  var pre = document.createElement("pre"); pre.id = "bench"; pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
}());
</script>"""


def browser_timing(page: str) -> dict | None:
    """Page start-up and slider sweep times in headless Chromium ({} without Chromium)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.html"
        end = page.rindex("</html>")
        path.write_text(page[:end] + BROWSER_PROBE + page[end:], encoding="utf-8")
        proc = subprocess.run([chromium, "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp}/p",
                               "--window-size=1280,900", "--virtual-time-budget=30000", "--dump-dom", path.as_uri()],
                              capture_output=True, text=True, timeout=300)
    m = re.search(r'<pre id="bench">(.*?)</pre>', proc.stdout, re.S)
    return json.loads(html.unescape(m.group(1))) if m else None  # None: the page did not finish


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    parser.add_argument("--no-compare", action="store_true", help="skip the folium plugin comparisons")
    parser.add_argument("--extract", type=Path, help="time mapper run's steps on this `mapper extract --json` output")
    parser.add_argument("--out", type=Path, help="with --extract: where the outputs go (default: a temporary folder)")
    args = parser.parse_args()
    if args.extract:
        with tempfile.TemporaryDirectory() as tmp:
            for step, value in run_steps(args.extract, args.out or Path(tmp)).items():
                print(f"{step}: {value}")
        return
    gaz = load(include_user_dir=False)
    intervals, articles = synthetic_intervals(args.places, args.days)
    claims = sum(len(iv.claims) for iv in intervals)
    print(f"data: {args.places} places x {args.days} days, {len(intervals)} periods of control, {claims} claims")
    control_map(intervals[:50], gaz)  # warm caches (gazetteer shapes, templates, Leaflet assets)
    pages = {}
    for label, options in (("offline", {"offline": True}), ("online", {"offline": False})):
        med, pages[label] = _median_build(intervals, gaz, articles, args.runs, **options)
        print(f"map.html {label:7s}: build {med:.2f} s (median of {args.runs}), "
              f"{len(pages[label].encode()) / 1e6:.2f} MB")
    med, page_nz = _median_build(intervals, gaz, articles, 1, offline=True, zone_km=0)
    print(f"map.html offline without zones: build {med:.2f} s, {len(page_nz.encode()) / 1e6:.2f} MB")
    if not args.no_compare:
        sample = min(100, args.places)
        tgj = timestamped_geojson_size(intervals, args.days, sample) * args.places / sample
        print(f"folium TimestampedGeoJson, a feature per place per day: {tgj / 1e6:.0f} MB "
              f"(measured on {sample} places, scaled)")
        secs, size = timeline_plugin(intervals)
        print(f"folium Timeline, a feature per period: build {secs:.2f} s, {size / 1e6:.2f} MB, "
              "plus leaflet.timeline from a CDN (no PyPI package: cannot be inlined offline)")
    if args.browser:
        timing = browser_timing(pages["offline"])
        if timing == {}:
            print("browser: headless Chromium not available")
        elif timing is None:
            print("browser: the page did not report (a JavaScript error?)")
        else:
            print(f"browser: page ready in {timing['ready_ms']} ms; slider sweep over {args.days} days "
                  f"{timing['sweep_ms']} ms ({timing['step_ms']} ms a step)")
            print(f"browser, estimated territory shown: a day's step median {timing['zones_step_median_ms']} ms, "
                  f"slowest {timing['zones_step_max_ms']} ms; first day to last and back median "
                  f"{timing['zones_jump_median_ms']} ms, slowest {timing['zones_jump_max_ms']} ms")


if __name__ == "__main__":
    main()
