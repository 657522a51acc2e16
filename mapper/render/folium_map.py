"""A folium map of the latest known control of each place, one layer per party.

Everything taken from an article (place names, quotes, sources) is HTML-escaped before it
reaches the page: article text is hostile input.
"""

from __future__ import annotations

import html

import folium

from ..claims import default_parties


def _popup(iv) -> str:
    rows = [f"<b>{html.escape(iv.place)}</b> ({html.escape(iv.kind or '')})",
            f"held by <b>{html.escape(iv.party)}</b> since {iv.valid_from.isoformat()}"
            + (f" until {iv.valid_to.isoformat()}" if iv.valid_to else ""),
            f"confidence {iv.confidence:.2f}, {len(iv.sources)} source(s)"]
    for rec in iv.claims[:8]:
        c = rec.claim
        rows.append(f"<i>&ldquo;{html.escape(c.quote[:300])}&rdquo;</i> &mdash; {html.escape(rec.article)}, "
                    f"{html.escape(c.action)} {c.date.isoformat() if c.date else ''}"
                    + (f" (hedged: {html.escape(c.hedge)})" if c.hedge else ""))
    return "<br>".join(rows)


def control_map(intervals, gazetteer=None) -> folium.Map:
    """A folium Map with the current interval of each place, one toggleable layer per party."""
    parties = default_parties().parties
    fmap = folium.Map(location=[33.2, 43.7], zoom_start=6, tiles=None, control_scale=True)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)").add_to(fmap)
    if gazetteer is not None and getattr(gazetteer, "_geometries", None):
        features = [{"type": "Feature", "geometry": geom, "properties": {"name": gazetteer.get(pid).name}}
                    for pid, geom in gazetteer._geometries.items()]
        folium.GeoJson({"type": "FeatureCollection", "features": features}, name="Boundaries",
                       style_function=lambda f: {"color": "#555", "weight": 1, "fillOpacity": 0.03}).add_to(fmap)
    layers = {}
    latest: dict[str, object] = {}
    for iv in intervals:
        if iv.valid_to is None and iv.lat is not None:
            latest[iv.place_id] = iv
    for iv in latest.values():
        party = parties.get(iv.party)
        colour = party.color if party else "#888888"
        layer = layers.get(iv.party)
        if layer is None:
            layer = layers[iv.party] = folium.FeatureGroup(name=html.escape(party.name if party else iv.party))
            layer.add_to(fmap)
        folium.CircleMarker([iv.lat, iv.lon], radius=7, color=colour, fill=True, fill_opacity=0.85,
                            tooltip=html.escape(f"{iv.place}: {iv.party}"),
                            popup=folium.Popup(_popup(iv), max_width=420)).add_to(layer)
    folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap
