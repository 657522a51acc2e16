"""The layered map of control over time, as a folium Map (displays inline in Jupyter).

folium builds the page, the basemap layers, the optional tile layers, the layer groups and
the layer control; the project's small script (``templates/territory.js``) fills the groups
from one compact JSON payload and drives them all with one date control.

Why not folium's ``TimestampedGeoJson`` or ``Timeline``: both need one GeoJSON feature (with
all its properties) per place and time step or per interval, plus a JavaScript library from a
CDN that no PyPI package carries, so a self-contained page could not include it.  Measured by
``benchmarks/bench_render.py`` at 1,000 places x 365 days: ``TimestampedGeoJson`` with a
minimal feature per place per day is about 75 MB; this page, with every quote, source, advance
and zone, is about 2.3 MB offline and builds in about a second.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from ..claims import default_parties
from .advances import MAX_ADVANCE_KM
from .assets import leaflet_assets, script_json, script_json_chunks, script_text, style_text, template_text
from .basemap import Basemap
from .payload import EVIDENCE_LIMIT, STALE_DAYS, build_payload, safe_color
from .zones import ZONE_KM

__all__ = ["TerritoryMap", "control_map", "payload_map", "OfflineAssetError"]

OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
_EXTERNAL_ASSET = re.compile(r"<script[^>]*\ssrc\s*=|<link[^>]*\shref\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)


class OfflineAssetError(RuntimeError):
    """An offline page would still load a script or style from the network."""


class _Raw(Element):
    """A piece of header markup that is already safe (inlined, escaped assets)."""

    def __init__(self, markup: str):
        super().__init__()
        self._markup = markup

    def render(self, **kwargs):
        return self._markup


class TimeControl(MacroElement):
    """The panel (controls, chart, legend), the payload and the script that ties the layers to a date."""

    _template = Template("""
{% macro header(this, kwargs) %}
<style>{{ this.css }}</style>
<style>#{{ this.map_name }} { height: calc(100% - var(--tm-panel-h)) !important; }
#{{ this.map_name }}.leaflet-container { background: #c9dde9;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }</style>
<script>{{ this.js }}</script>
{% endmacro %}
{% macro html(this, kwargs) %}
<div class="tm-panel" id="{{ this.panel_id }}" role="region" aria-label="Time controls"></div>
<script type="application/json" id="{{ this.data_id }}">{{ this.data_json }}</script>
{% endmacro %}
{% macro script(this, kwargs) %}
TerritoryMap.init({{ this.map_name }}, {
    parties: [{{ this.party_layers|join(", ") }}],
    crossings: {{ this.layers.crossings }}, advances: {{ this.layers.advances }},
    zones: {{ this.layers.zones }}, labels: {{ this.layers.labels }}
}, TerritoryMap.readData({{ this.data_id|tojson }}), {name: {{ this.get_name()|tojson }},
    panel: {{ this.panel_id|tojson }}, control: {{ this.layer_control }}});
{% endmacro %}
""")

    def __init__(self, payload: dict, map_name: str, party_layers: list[str], layers: dict[str, str],
                 layer_control: str | None = None):
        super().__init__()
        self.layer_control = layer_control or "null"  # the page collapses it on a narrow screen
        self.placeholder: str | None = None  # rendered instead of the data (see TerritoryMap.html_chunks)
        self._name = "TimeControl"
        self.payload = payload
        self.map_name = map_name
        self.party_layers = party_layers
        self.layers = layers
        self.panel_id = f"{self.get_name()}_panel"
        self.data_id = f"{self.get_name()}_data"
        self.css = style_text(template_text("territory.css"))
        self.js = script_text(template_text("territory.js"))

    @property
    def data_json(self) -> str:
        return self.placeholder if self.placeholder is not None else script_json(self.payload)


class TerritoryMap(folium.Map):
    """A folium Map of who controls which place, when, and on whose word.

    Build it with :func:`control_map`.  Displays inline in Jupyter; :meth:`to_html` gives the
    page (checked to be self-contained when ``offline``), :meth:`save` writes it.

    Attributes
    ----------
    payload : dict
        The data the page carries (see :mod:`mapper.render.payload`).
    offline : bool
        Leaflet is inlined from the installed XStatic-Leaflet (the default); False loads Leaflet,
        jQuery, Bootstrap and folium's other scripts and styles from their CDNs.
    """

    def __init__(self, *args, offline: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.offline = offline
        self.payload: dict = {}
        self.time_control: TimeControl | None = None
        if offline:
            # Instance attributes: folium's add_js_link would otherwise edit the class lists.
            self.default_js, self.default_css = [], []

    def render(self, **kwargs):
        if self.offline:
            js, css, icon_js = leaflet_assets()
            header = self.get_root().header
            header.add_child(_Raw(f"<style>{css}</style>"), name="leaflet_css")
            header.add_child(_Raw(f"<script>{js}</script><script>{icon_js}</script>"), name="leaflet")
        super().render(**kwargs)

    def to_html(self) -> str:
        """The whole page as a string.

        Raises
        ------
        OfflineAssetError
            When ``offline`` and something (e.g. a folium plugin added later) still links a
            script or stylesheet on the network.
        """
        page = self.get_root().render()
        if self.offline and _EXTERNAL_ASSET.search(page):
            found = _EXTERNAL_ASSET.search(page).group(0)
            raise OfflineAssetError(f"offline map still loads an external asset: {found[:120]}")
        return page

    def html_chunks(self) -> Iterator[str]:
        """:meth:`to_html` in pieces, for a big map: the page, its data a slice at a time.

        The page is rendered with a marker where the data goes, so the data is never one
        string in memory (for 100,000 articles it is tens of MB, held several times over while
        a page is rendered and encoded).  ``"".join`` of the pieces is :meth:`to_html`.
        """
        control = self.time_control
        if control is None:
            yield self.to_html()
            return
        control.placeholder = f"tm-data-{uuid.uuid4().hex}"
        try:
            before, after = self.to_html().split(control.placeholder)
        finally:
            control.placeholder = None
        yield before
        yield from script_json_chunks(self.payload)
        yield after


def _party_layer_name(party_row: list, taken: set) -> str:
    """Layer-control label: a colour swatch and the (escaped) party name, unique."""
    _, name, color, state = party_row
    label = name
    while label in taken:
        label += " "
    taken.add(label)
    return f'<span class="tm-sw" style="background:{safe_color(color)}"></span>{label}'


def _basemap_layers(fmap: folium.Map, basemap: Basemap, tiles: bool) -> None:
    """Offline vector basemap (a base layer), optional online tiles, and border lines on top."""
    folium.map.CustomPane("tm-base", z_index=250, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("tm-borders", z_index=390, pointer_events=False).add_to(fmap)
    iraq_fill = {"fillColor": "#fdfcf7", "fillOpacity": 1, "stroke": False}
    other_fill = {"fillColor": "#e6e3da", "fillOpacity": 1, "stroke": False}
    folium.GeoJson(basemap.countries, name="Offline basemap", overlay=False, pane="tm-base", interactive=False,
                   style_function=lambda f: iraq_fill if f["properties"]["country"] == "IQ" else other_fill,
                   ).add_to(fmap)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False, show=False,
                         attr=OSM_ATTRIBUTION).add_to(fmap)
    borders = folium.FeatureGroup(name="Borders and governorates", overlay=True)
    folium.GeoJson(basemap.provinces, pane="tm-borders", interactive=False,
                   style_function=lambda f: {"color": "#a49f92", "weight": 0.8, "dashArray": "3 3", "fill": False},
                   ).add_to(borders)
    folium.GeoJson(basemap.countries, pane="tm-borders", interactive=False,
                   style_function=lambda f: {"color": "#7d786c", "weight": 1.4, "fill": False}).add_to(borders)
    borders.add_to(fmap)


def control_map(intervals, gazetteer=None, *, articles: dict | None = None, offline: bool = True,
                tiles: bool = True, zone_km: float = ZONE_KM, advance_km: float = MAX_ADVANCE_KM,
                title: str | None = None, parties: dict | None = None,
                evidence_limit: int = EVIDENCE_LIMIT, stale_days: int = STALE_DAYS, undated=()) -> TerritoryMap:
    """The layered map of control over time.

    Parameters
    ----------
    intervals : list of Interval
        From :func:`mapper.timeline.build_timeline`.
    gazetteer : Gazetteer, optional
        Boundaries for the offline basemap, governorates, labels and every border crossing.
    articles : mapping, optional
        Article id -> :class:`mapper.render.payload.ArticleInfo` (source, title, date) for popups
        (anything with ``get``).
    offline : bool, default True
        Inline Leaflet (from XStatic-Leaflet) so the page needs no network at all and tells no
        server who opens it; False loads Leaflet and folium's scripts and styles from their CDNs.
    tiles : bool, default True
        Offer an OpenStreetMap tile layer (used only when the reader picks it).
    zone_km : float
        Reach of an estimated zone around a place; 0 leaves the zones layer empty.
    advance_km : float
        Farthest apart two captures of one side may be to be drawn as an advance (see
        :mod:`mapper.render.advances`).
    title : str, optional
        Shown above the time controls (escaped).
    parties : dict, optional
        Party id -> Party; the packaged party config by default.
    evidence_limit : int
        Supporting claims a popup lists per interval (see :data:`mapper.render.payload.EVIDENCE_LIMIT`).
    stale_days : int
        Days without a report after which a place is drawn faded, "not reported since ..." (0: never).
    undated : iterable of ClaimRecord
        Claims no date could be found for: listed in the panel as "not placed in time".

    Returns
    -------
    TerritoryMap
        A folium Map: display it in Jupyter, ``.save(path)`` it, or ``.to_html()``.

    Examples
    --------
    >>> from mapper.render import control_map
    >>> m = control_map([])          # an empty map still renders
    >>> "TerritoryMap.init" in m.to_html()
    True
    """
    parties = parties if parties is not None else default_parties().parties
    basemap = Basemap.from_gazetteer(gazetteer)
    payload = build_payload(intervals, parties=parties, basemap=basemap, gazetteer=gazetteer, articles=articles,
                            zone_km=zone_km, advance_km=advance_km, title=title, evidence_limit=evidence_limit,
                            stale_days=stale_days, undated=undated)
    return payload_map(payload, basemap, offline=offline, tiles=tiles)


def payload_map(payload: dict, basemap: Basemap, *, offline: bool = True, tiles: bool = True) -> TerritoryMap:
    """The map page around a payload already built (:func:`control_map` builds one from intervals).

    Parameters
    ----------
    payload : dict
        From :func:`mapper.render.payload.build_payload` or :class:`mapper.render.payload.PayloadBuilder`.
    basemap : Basemap
        The one the payload was built with.
    offline, tiles : bool
        As for :func:`control_map`.

    Returns
    -------
    TerritoryMap
    """
    (south, west), (north, east) = basemap.bounds
    fmap = TerritoryMap(location=[(south + north) / 2, (west + east) / 2], zoom_start=6, tiles=None,
                        control_scale=True, minZoom=4, maxZoom=13, zoom_snap=0.25, zoom_delta=0.5,
                        offline=offline)
    fmap.payload = payload
    fmap.get_root().title = payload["title"]  # already escaped
    _basemap_layers(fmap, basemap, tiles=tiles)

    taken: set[str] = set()
    party_groups = []
    for row in payload["parties"]:
        group = folium.FeatureGroup(name=_party_layer_name(row, taken), overlay=True)
        group.add_to(fmap)
        party_groups.append(group)
    layers = {
        "zones": folium.FeatureGroup(name="Estimated zones <i>(estimate)</i>", overlay=True, show=False),
        "advances": folium.FeatureGroup(name="Advances", overlay=True),
        "crossings": folium.FeatureGroup(name="Border crossings", overlay=True),
        "labels": folium.FeatureGroup(name="Place labels", overlay=True),
    }
    for group in layers.values():
        group.add_to(fmap)
    control = folium.LayerControl(collapsed=False, position="topright")
    control.add_to(fmap)
    fmap.time_control = TimeControl(payload, fmap.get_name(), [g.get_name() for g in party_groups],
                                    {k: g.get_name() for k, g in layers.items()}, control.get_name())
    fmap.time_control.add_to(fmap)
    return fmap

