"""The layered map: payload, escaping, advances, zones, basemap, assets, the folium map and ``mapper run``."""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.claims import Claim, Party, default_parties
from mapper.cli.main import cli
from mapper.render import ArticleInfo, OfflineAssetError, TerritoryMap, build_payload, control_map
from mapper.render.advances import find_advances
from mapper.render.assets import leaflet_assets, script_json, script_text
from mapper.render.basemap import Basemap
from mapper.render.collect import collect
from mapper.render.frames import control_at, held_per_day, intervals_frame
from mapper.render.payload import EVIDENCE_LIMIT, pick_evidence, safe_color, safe_url, trim_evidence
from mapper.render.zones import zone_cells
from mapper.timeline import ClaimRecord, Interval

SAMPLES = Path(__file__).resolve().parents[1] / "mapper" / "samples"
D = dt.date(2014, 6, 10)


def make_iv(place, party, start, end=None, *, lat=34.0, lon=43.0, kind="town", action="captured", quote=None,
            article="art1", conf=0.8, pid=None, hedge=None):
    """An Interval with one supporting claim."""
    pid = pid or f"test:{place}"
    iv = Interval(place, pid, kind, lat, lon, party, start, end)
    claim = Claim(place, pid, party, party, action, start, "day", quote or f"Militants seized {place}.", conf,
                  lat, lon, hedge)
    iv.support(ClaimRecord(claim, article, start, kind))
    return iv


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


@pytest.fixture(scope="module")
def basemap(gaz):
    return Basemap.from_gazetteer(gaz)


@pytest.fixture(scope="module")
def samples(gaz):
    return collect([str(SAMPLES)], gaz)


def data_range(intervals) -> tuple[dt.date, dt.date]:
    """The first and last day of the samples' data, from the intervals themselves."""
    days = [iv.valid_from for iv in intervals] + [iv.valid_to for iv in intervals if iv.valid_to]
    days += [iv.first_reported for iv in intervals if iv.first_reported]
    return min(days), max(days)


def map_range(intervals) -> tuple[dt.date, dt.date]:
    """The map's time range: the reports' span, from 30 days before the first report ("since January" in a June
    story does not stretch it), to the last day of the data."""
    first, last = data_range(intervals)
    first_report = min(iv.first_reported for iv in intervals if iv.first_reported)
    return max(first, first_report - dt.timedelta(days=30)), last


def strings(value):
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings(v)


# -- gazetteer boundaries --------------------------------------------------------------------------
def test_gazetteer_boundaries(gaz):
    fc = gaz.boundaries()
    assert fc["type"] == "FeatureCollection"
    kinds = {f["properties"]["kind"] for f in fc["features"]}
    assert kinds == {"country", "province"}
    assert len([f for f in fc["features"] if f["properties"]["kind"] == "province"]) == 18
    countries = gaz.boundaries(kinds=["country"])
    assert {f["properties"]["country"] for f in countries["features"]} == {"IQ", "SY", "JO", "SA", "KW", "IR", "TR"}
    for f in fc["features"]:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert set(f["properties"]) == {"id", "name", "kind", "country", "lat", "lon"}
    assert gaz.boundaries(kinds=[])["features"] == []


# -- escaping and assets ------------------------------------------------------------------------
def test_script_json_cannot_close_its_script():
    value = {"q": "</script><script>alert(1)</script> <!-- & \u2028 \u2029 `${x}` \\ '\""}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_script_text_escapes_closing_tags():
    assert "</script" not in script_text("var s = '</script>'; // <!-- x").lower()
    assert "<!--" not in script_text("a <!-- b")


def test_leaflet_assets_are_inlined_from_xstatic():
    js, css, icon_js = leaflet_assets()
    assert "L.version" in js or 'version="1.9' in js
    assert "sourceMappingURL" not in js and "</script" not in js.lower()
    assert "url(images/" not in css and "data:image/png;base64," in css
    assert "L.Icon.Default.mergeOptions" in icon_js and "data:image/png;base64," in icon_js


@pytest.mark.parametrize("value,ok", [("#222222", True), ("#abc", True), ("red", True), ("#d7301f80", True),
                                       ("red;}body{display:none", False), ("url(x)", False), ("", False),
                                       (None, False), ('#fff" onload="x', False)])
def test_safe_color(value, ok):
    assert (safe_color(value) == value) is ok


@pytest.mark.parametrize("url,ok", [("https://example.org/a?b=1&c=2", True), ("http://x.org", True),
                                     ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
                                     ("data:text/html,<script>", False), ("mapper/samples/a.txt", False),
                                     ("//evil.org/x", False), ("", False), (None, False)])
def test_safe_url(url, ok):
    assert bool(safe_url(url)) is ok
    if ok:
        assert safe_url(url) == html.escape(url, quote=True)


# -- payload -------------------------------------------------------------------------------------
HOSTILE = "<script>alert('x')</script><img src=x onerror=\"alert(1)\"> `${a}` \\ & \u2028"


def hostile_intervals():
    ivs = [make_iv(HOSTILE, "isis", day(0), day(4), quote=HOSTILE, hedge=HOSTILE, kind="<b>town</b>",
                   article=HOSTILE),
           make_iv(HOSTILE, "government", day(5), quote=HOSTILE, article="art2")]
    ivs[0].conflicting[HOSTILE + "2"] = 0.5
    return ivs


def test_every_payload_string_is_escaped(gaz, basemap):
    parties = dict(default_parties().parties)
    parties["evil"] = Party("evil", HOSTILE, "red;}body{x", state=False)
    ivs = hostile_intervals() + [make_iv("Elsewhere", "evil", day(1), lat=33.0, lon=44.0),
                                 make_iv("Nowhere", "<i>unknown</i>", day(2), lat=32.0, lon=45.0)]
    articles = {HOSTILE: ArticleInfo("javascript:alert(1)", HOSTILE, day(1)),
                "art2": ArticleInfo("https://example.org/<x>?a=1&b=\"2\"", HOSTILE, None)}
    payload = build_payload(ivs, parties=parties, basemap=basemap, gazetteer=gaz, articles=articles,
                            title=HOSTILE)
    for s in strings(payload):
        assert not set(s) & set("<>\"'"), s
    assert html.unescape(payload["quotes"][0]) == HOSTILE
    assert all(p[2] in ("#8c8c8c",) or re.fullmatch(r"#[0-9a-f]{6}", p[2]) for p in payload["parties"])
    urls = [s[2] for s in payload["sources"] if s[2]]
    assert urls == ["https://example.org/&lt;x&gt;?a=1&amp;b=&quot;2&quot;"]


def test_payload_is_compact_and_indexed(samples, gaz, basemap):
    payload = build_payload(samples.intervals, parties=default_parties().parties, basemap=basemap, gazetteer=gaz,
                            articles=samples.articles)
    first, last = map_range(samples.intervals)
    assert payload["t0"] == first.isoformat() and payload["days"] == (last - first).days + 1
    assert first > data_range(samples.intervals)[0]  # a sample's "since January" starts before the map's first day
    assert [p[0] for p in payload["parties"]] == ["isis", "government", "kurdish", "contested"]
    assert len(payload["iv"]) == len(samples.intervals)
    for iv in payload["iv"]:
        place, party, start, end, conf, reported, claims, conflicting, capture, *capped = iv
        assert capped == [] or (len(claims) == EVIDENCE_LIMIT and capped[0] > 0)
        assert 0 <= place < len(payload["places"]) and 0 <= party < len(payload["parties"])
        assert start < payload["days"] and (end is None or start <= end < payload["days"])
        assert 0 < conf <= 1 and claims and all(0 <= c < len(payload["claims"]) for c in claims)
    # Every supporting claim is listed or counted; quotes are stored once even when a sentence supports several
    # places.
    left_out = sum(iv[9] for iv in payload["iv"] if len(iv) > 9)
    assert len(payload["claims"]) + left_out == sum(len(iv.claims) for iv in samples.intervals)
    assert len(payload["quotes"]) < len(payload["claims"])
    # Sources carry the file name and title, not just the hash.
    assert any(s[0] == "01_mosul-falls.txt" for s in payload["sources"])
    assert any(s[2].startswith("https://example.org/") for s in payload["sources"])
    # Every Iraqi crossing of the gazetteer is on the map, facing the right neighbour.
    names = {html.unescape(payload["places"][c[0]][0]): c[1] for c in payload["crossings"]}
    assert names["Al-Qaim border crossing"] == "Syria"
    assert names["Turaibil border crossing"] == "Jordan"
    assert names["Ibrahim Khalil border crossing"] == "Turkey"
    assert names["Safwan border crossing"] == "Kuwait"
    assert names["Arar border crossing"] == "Saudi Arabia"
    assert any(lb[4] == "country" and lb[0] == "Syria" for lb in payload["labels"])
    assert any(lb[4] == "province" and lb[0] == "Anbar" for lb in payload["labels"])


def test_size_grows_with_changes_not_days(basemap):
    parties = default_parties().parties

    def size(span):
        ivs = []
        for k in range(20):
            ivs += [make_iv(f"P{k}", "isis", day(0), day(span // 2), lat=32 + k * 0.2, lon=42 + k * 0.1),
                    make_iv(f"P{k}", "government", day(span // 2 + 1), day(span), lat=32 + k * 0.2,
                            lon=42 + k * 0.1)]
        return len(script_json(build_payload(ivs, parties=parties, basemap=basemap, zone_km=0)))

    short, long = size(30), size(3000)
    assert long < short * 1.05


# -- the evidence cap ------------------------------------------------------------------------------
def busy_interval(n_claims: int, pin: bool = True) -> Interval:
    """An interval of Mosul opened by a capture, confirmed by ``n_claims - 1`` reports, and pinned on day 5."""
    iv = make_iv("Mosul", "isis", day(0), article="opener", conf=0.5)
    for k in range(1, n_claims):
        claim = Claim("Mosul", "test:Mosul", "isis", "isis", "held", day(k % 9), "day", f"Report {k} on Mosul.",
                      0.3 + (k % 7) / 10, 34.0, 43.0)
        iv.support(ClaimRecord(claim, f"art{k % 11}", day(k % 9), "town"))
    if pin:
        note = Claim("Mosul", "test:Mosul", "isis", None, "held", day(5), "day", "Analyst: held.", 1.0, 34.0, 43.0)
        iv.claims.insert(0, ClaimRecord(note, "analyst:1", day(5), "town"))  # as the timeline's rule 7 does
        iv.sources["analyst:1"] = 1.0
    return iv


def test_popup_lists_the_pin_first_then_the_best_evidence_and_counts_the_rest(basemap):
    iv = busy_interval(40)
    payload = build_payload([iv], parties=default_parties().parties, basemap=basemap, zone_km=0, evidence_limit=5)
    row = payload["iv"][0]
    shown = [payload["claims"][c] for c in row[6]]
    quotes = [html.unescape(payload["quotes"][c[0]]) for c in shown]
    # The pin, then the most confident reports (0.9), one per source, the most recent four, in date order.
    assert quotes == ["Analyst: held.", "Report 20 on Mosul.", "Report 13 on Mosul.", "Report 6 on Mosul.",
                      "Report 34 on Mosul."]
    assert len({c[1] for c in shown}) == 5
    assert row[9:] == [41 - 5, len(iv.sources)]  # 41 supporting claims, pin included; how many sources in all
    assert row[8] == 0  # led by a pinned "held": not drawn as a capture, as without the cap


def test_capped_popup_keeps_the_claim_that_opened_the_interval(basemap):
    iv = busy_interval(40, pin=False)
    payload = build_payload([iv], parties=default_parties().parties, basemap=basemap, zone_km=0, evidence_limit=3)
    row = payload["iv"][0]
    quotes = [html.unescape(payload["quotes"][payload["claims"][c][0]]) for c in row[6]]
    assert quotes[0] == "Militants seized Mosul." and len(quotes) == 3
    assert row[8] == 1 and row[9] == 40 - 3  # still a capture (advances read the opening claim)


def test_short_evidence_lists_are_unchanged(basemap):
    iv = busy_interval(EVIDENCE_LIMIT, pin=False)
    row = build_payload([iv], parties=default_parties().parties, basemap=basemap, zone_km=0)["iv"][0]
    assert len(row) == 9 and len(row[6]) == EVIDENCE_LIMIT


def test_trimmed_evidence_gives_the_same_popup(basemap):
    parties = default_parties().parties
    full = build_payload([busy_interval(40)], parties=parties, basemap=basemap, zone_km=0, evidence_limit=4)
    trimmed = busy_interval(40)
    trim_evidence(trimmed, 4)
    assert len(trimmed.claims) == 4 and trimmed.claim_count == 41 and trimmed.claims[0].pinned
    assert build_payload([trimmed], parties=parties, basemap=basemap, zone_km=0, evidence_limit=4) == full
    assert pick_evidence(trimmed.claims, 4) == trimmed.claims


def test_payload_built_place_by_place_is_the_payload_of_the_whole(basemap):
    from mapper.render.payload import PayloadBuilder

    parties = default_parties().parties
    places = [[make_iv(f"P{k}", "isis", day(k), day(k + 3), pid=f"test:{k}", lat=33 + k / 10),
               make_iv(f"P{k}", "kurdish", day(k + 4), pid=f"test:{k}", lat=33 + k / 10, article=f"a{k}")]
              for k in range(3)]
    builder = PayloadBuilder(parties=parties, basemap=basemap)
    for intervals in places:
        builder.add(intervals)
    whole = build_payload([iv for ivs in places for iv in ivs], parties=parties, basemap=basemap)
    assert script_json(builder.finish()) == script_json(whole)
    with pytest.raises(ValueError, match="increasing id order"):
        builder = PayloadBuilder(parties=parties, basemap=basemap)
        builder.add(places[1])
        builder.add(places[0])


def test_empty_timeline_still_renders(gaz):
    m = control_map([], gaz, offline=True)
    page = m.to_html()
    assert "TerritoryMap.init" in page
    assert m.payload["iv"] == [] and m.payload["days"] == 1


# -- advances ------------------------------------------------------------------------------------
def test_advance_origin_is_the_nearest_earlier_capture_of_the_same_side():
    ivs = [make_iv("Base", "isis", day(2), lat=34.0, lon=42.0),                   # taken 3 days before
           make_iv("Nearer", "isis", day(0), action="held", lat=34.15, lon=42.25),  # only held: no evidence
           make_iv("Old", "isis", day(-20), lat=34.2, lon=42.2),                   # taken too long before
           make_iv("Town", "government", day(0), day(4), action="held", lat=34.2, lon=42.3),
           make_iv("Town", "isis", day(5), lat=34.2, lon=42.3)]
    advs = {a.place_id: a for a in find_advances(ivs, default_parties().parties)}
    adv = advs["test:Town"]
    assert adv.origin_id == "test:Base" and adv.date == day(5) and adv.origin_date == day(2)
    assert adv.basis == "sequence" and 30 < adv.km < 40
    assert "test:Base" not in advs  # nothing the side took before it, nearby and recently


def test_no_arrow_between_same_day_captures_and_a_crossing_comes_from_across_the_border(basemap):
    # The Euphrates sweep reported for one day: which town fell first is not said, so no arrows between
    # them; the crossing came from Syria.  A day later Rawa's capture leads on to Anah.
    ivs = [make_iv("Crossing", "isis", day(3), lat=34.3975, lon=40.977, kind="crossing"),
           make_iv("Qaim", "isis", day(3), lat=34.37, lon=41.09),
           make_iv("Rawa", "isis", day(3), lat=34.47, lon=41.92),
           make_iv("Anah", "isis", day(4), lat=34.37, lon=41.99),
           make_iv("Fallujah", "isis", day(0), action="held", lat=33.35, lon=43.78)]
    advs = {a.place_id: a for a in find_advances(ivs, default_parties().parties,
                                                    border_origin=basemap.across_border)}
    assert advs["test:Crossing"].origin_id is None and advs["test:Crossing"].origin_country == "Syria"
    assert advs["test:Crossing"].basis == "border" and advs["test:Crossing"].origin_lon < 40.977  # in Syria
    assert "test:Qaim" not in advs and "test:Rawa" not in advs
    assert advs["test:Anah"].origin_id == "test:Rawa" and advs["test:Anah"].origin_date == day(3)


def test_no_arrow_without_an_earlier_capture_in_reach_nor_for_states_and_areas():
    ivs = [make_iv("Far", "isis", day(0), lat=30.5, lon=47.5),
           make_iv("Town", "isis", day(5), lat=36.0, lon=42.0),
           make_iv("Held", "government", day(2), action="held", lat=33.3, lon=44.4),
           make_iv("Fight", "contested", day(3), action="contested", lat=33.4, lon=44.3),
           make_iv("Fight2", "contested", day(4), action="contested", lat=33.41, lon=44.31),
           make_iv("Province", "isis", day(6), lat=36.01, lon=42.01, kind="province")]
    assert find_advances(ivs, default_parties().parties) == []


def test_sample_advances_rest_on_earlier_captures_or_a_crossing(samples, gaz, basemap):
    advs = find_advances(samples.intervals, default_parties().parties, border_origin=basemap.across_border)
    by_target = {gaz.get(a.place_id).name: a for a in advs if a.place_id in gaz}
    assert by_target["Al-Qaim border crossing"].origin_country == "Syria"
    assert gaz.get(by_target["Mosul Dam"].origin_id).name == "Zumar"  # taken four days before, 20 km off
    # Al-Qaim, Rawa and Anah are reported taken the same day; Rutba is 250 km from any of them.
    assert not {"Al-Qaim", "Rawa", "Anah", "Rutba", "Saladin"} & set(by_target)
    for a in advs:
        assert a.basis == "border" or (a.origin_date < a.date and a.km <= 80), a
    assert [a.date for a in advs] == sorted(a.date for a in advs)


def test_every_sample_claim_is_on_the_map_or_listed_undated(samples, gaz):
    from mapper.timeline import on_timeline, undated_claim

    payload = samples.map(gaz).payload
    places = {row[0] for row in payload["places"]}
    quotes = payload["quotes"]
    listed = {(u[0], quotes[u[3]]) for u in payload["undated"]}
    dated = undated = 0
    for rec in samples.records:
        c = rec.claim
        if on_timeline(c) and c.lat is not None:
            assert html.escape(c.place, quote=True) in places, c  # its place is drawn, with its periods
            dated += 1
        elif undated_claim(c):
            assert (html.escape(c.place, quote=True), html.escape(c.quote, quote=True)) in listed, c
            undated += 1
    assert dated > 50 and undated >= 3 and payload["undatedCount"] == undated


# -- zones ---------------------------------------------------------------------------------------
def test_zones_are_disjoint_distance_limited_and_inside_iraq(basemap):
    from pyproj import Geod
    from shapely.geometry import Point

    pts = [(33.3, 44.4), (33.35, 43.78), (34.2, 43.9), (36.34, 43.13), (34.37, 41.99), (33.3, 44.4), (25.0, 50.0)]
    cells = zone_cells(pts, clip=basemap.iraq, km=30)
    assert len(cells) == len(pts)
    assert cells[5] is None  # duplicate point: the first one keeps the cell
    assert cells[6] is None  # outside Iraq
    geod = Geod(ellps="WGS84")
    live = [c for c in cells if c is not None]
    for (lat, lon), cell in zip(pts, cells):
        if cell is None:
            continue
        assert cell.covers(Point(lon, lat))
        assert basemap.iraq.buffer(0.01).covers(cell)
        far = max(geod.inv(lon, lat, x, y)[2] for x, y in cell.exterior.coords) if cell.geom_type == "Polygon" \
            else max(geod.inv(lon, lat, x, y)[2] for g in cell.geoms for x, y in g.exterior.coords)
        assert far < 31_000
    for i, a in enumerate(live):
        for b in live[i + 1:]:
            assert a.intersection(b).area < 1e-5


def test_zone_km_zero_turns_zones_off(basemap):
    ivs = [make_iv("A", "isis", day(0))]
    assert build_payload(ivs, parties=default_parties().parties, basemap=basemap, zone_km=0)["zones"] == []
    assert len(build_payload(ivs, parties=default_parties().parties, basemap=basemap)["zones"]) == 1


# -- basemap -------------------------------------------------------------------------------------
@pytest.mark.parametrize("lat,lon,country", [(34.3975, 40.977, "Syria"), (32.743, 39.008, "Jordan"),
                                             (37.14472, 42.56556, "Turkey"), (30.09, 47.7, "Kuwait"),
                                             (34.364, 45.475, "Iran"), (31.35835, 41.44313, "Saudi Arabia")])
def test_across_border_points_into_the_neighbour(basemap, lat, lon, country):
    from shapely.geometry import Point

    olat, olon, name = basemap.across_border("x", lat, lon)
    assert name == country
    assert not basemap.iraq.contains(Point(olon, olat))
    assert 25 < math.dist((lat * 111, lon * 92), (olat * 111, olon * 92)) < 35


def test_basemap_without_boundaries():
    bm = Basemap.from_gazetteer(None)
    assert bm.iraq is None and bm.labels() == [] and bm.across_border("x", 34, 41) is None
    assert bm.bounds[0][0] < 30 < bm.bounds[1][0]


# -- the folium map ------------------------------------------------------------------------------
def test_control_map_is_a_folium_map_for_jupyter(samples, gaz):
    m = samples.map(gaz)
    assert isinstance(m, TerritoryMap)
    frame = m._repr_html_()  # what Jupyter displays: the page in an iframe
    assert "iframe" in frame and "TerritoryMap.init" in html.unescape(frame)
    # self-contained by default, in a notebook too: nothing is fetched from a CDN
    assert m.offline and not re.search(r"<script[^>]*\ssrc=", html.unescape(frame))


def test_offline_and_online_pages(samples, gaz):
    offline = samples.map(gaz, offline=True).to_html()
    online = samples.map(gaz, offline=False).to_html()
    assert not re.search(r"<script[^>]*\ssrc=", offline) and not re.search(r"<link[^>]*\shref=", offline)
    assert 'src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"' in online
    assert len(offline) > len(online) + 100_000  # Leaflet is inside
    for page in (offline, online):
        assert "Offline basemap" in page and "Border crossings" in page and "Estimated zones" in page
        assert "Islamic State (ISIS)" in page and "Kurdish Peshmerga" in page and "Contested" in page
        first, last = map_range(samples.intervals)
        span = f"{first.day} {first:%B %Y} \u2013 {last.day} {last:%B %Y}"
        assert f"<title>Territorial control in Iraq, {span}</title>" in page


def test_offline_map_refuses_a_plugin_from_a_cdn(gaz):
    from folium.plugins import Fullscreen

    m = control_map([make_iv("A", "isis", day(0))], gaz, offline=True)
    Fullscreen().add_to(m)
    with pytest.raises(OfflineAssetError):
        m.to_html()


def test_tiles_are_optional(gaz):
    ivs = [make_iv("A", "isis", day(0))]
    assert "tile.openstreetmap.org" in control_map(ivs, gaz).to_html()
    assert "tile.openstreetmap.org" not in control_map(ivs, gaz, tiles=False).to_html()


def test_layer_names_are_escaped(gaz):
    parties = {"x": Party("x", "<img src=y onerror=alert(1)>", "#123456")}
    page = control_map([make_iv("A", "x", day(0))], gaz, parties=parties).to_html()
    assert "<img src=y" not in page
    assert "&lt;img src=y onerror=alert(1)&gt;" in page or "\\u0026lt;img" in page


# -- frames for notebooks ------------------------------------------------------------------------
def test_frames(samples):
    frame = intervals_frame(samples.intervals)
    assert len(frame) == len(samples.intervals) and frame.crs.to_epsg() == 4326
    assert frame["claims"].sum() == sum(len(iv.claims) for iv in samples.intervals)
    now = control_at(samples.intervals, "2014-06-22")
    assert now["place_id"].is_unique
    assert now.set_index("place").loc["Rawa", "party"] == "isis"
    assert "Makhmur" not in set(control_at(samples.intervals, "2014-06-22")["place"])
    counts = held_per_day(samples.intervals)
    first, last = data_range(samples.intervals)
    assert counts.index[0].date() == first and len(counts) == (last - first).days + 1
    assert counts.loc["2014-06-22", "isis"] >= 10


# -- mapper run ----------------------------------------------------------------------------------
def test_mapper_run_writes_the_three_files(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(SAMPLES), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == {"map.html", "control.geojson", "events.csv"}
    assert "29 article(s)" in result.output
    # the summary counts the claims it could not place in time, as many as events.csv has with no date
    rows = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8-sig")))
    undated = sum(1 for r in rows if not r["date"] and r["party"] and r["action"] != "threatened")
    assert undated and f"{undated} claim(s) could not be placed in time" in result.output
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\ssrc=", page) and "L.Icon.Default" in page  # Leaflet inlined by default


def test_mapper_run_options(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(SAMPLES), "-o", str(tmp_path), "--offline", "--no-tiles",
                                      "--zone-km", "0", "--advance-km", "50", "--title", "<b>My</b> map"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in page and "tile.openstreetmap.org" not in page
    data = json.loads(re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, re.S).group(1))
    assert data["zones"] == [] and all(a[6] <= 50 or a[7] for a in data["adv"])
    assert data["title"] == "&lt;b&gt;My&lt;/b&gt; map"
    assert "<title>&lt;b&gt;My&lt;/b&gt; map</title>" in page


def test_mapper_run_reports_unreadable_inputs(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(bad), str(SAMPLES / "01_mosul-falls.txt"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert (tmp_path / "o" / "map.html").exists()


def test_page_written_in_pieces_is_the_page(samples, gaz):
    from mapper.render.assets import script_json_chunks

    def same_ids(page: str) -> str:  # folium names every element with a fresh random id
        return re.sub(r"[0-9a-f]{32}", "ID", page)

    m = samples.map(gaz, offline=True)
    pieces = "".join(m.html_chunks())
    assert same_ids(pieces) == same_ids(samples.map(gaz, offline=True).to_html())
    assert pieces.count(script_json(m.payload)) == 1
    assert "".join(script_json_chunks(m.payload, rows=7)) == script_json(m.payload)
