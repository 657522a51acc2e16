"""The timeline as (Geo)DataFrames, for notebooks: intervals, control on a date, places held per day."""

from __future__ import annotations

import datetime as dt

__all__ = ["intervals_frame", "control_at", "held_per_day"]


def intervals_frame(intervals):
    """Every interval as a row of a GeoDataFrame of points (EPSG:4326).

    Columns are the ``control.geojson`` properties plus ``claims`` (the number of supporting
    claims); ``valid_from``/``valid_to`` are dates (``valid_to`` is None while current).
    """
    import geopandas as gpd

    rows = []
    for iv in intervals:
        if iv.lat is None or iv.lon is None:
            continue
        row = iv.to_properties()
        row.update(valid_from=iv.valid_from, valid_to=iv.valid_to, first_reported=iv.first_reported,
                   claims=iv.claim_count, lat=iv.lat, lon=iv.lon)
        rows.append(row)
    columns = ["place", "place_id", "kind", "party", "valid_from", "valid_to", "confidence", "first_reported",
               "sources", "conflicting_sources", "extent", "claims", "lat", "lon"]
    frame = gpd.GeoDataFrame(rows, columns=columns,
                             geometry=gpd.points_from_xy([r["lon"] for r in rows], [r["lat"] for r in rows]),
                             crs="EPSG:4326")
    return frame.sort_values(["place", "valid_from"]).reset_index(drop=True)


def control_at(intervals, date: dt.date | str):
    """Who held each place on ``date``: the intervals current that day, one row per place.

    When two intervals of a place overlap that day, the one that started last wins (as on
    the map).
    """
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    frame = intervals_frame(intervals)
    if frame.empty:
        return frame
    current = frame[(frame["valid_from"] <= date) & frame["valid_to"].apply(lambda v: v is None or v >= date)]
    return current.sort_values("valid_from").groupby("place_id").tail(1).sort_values("place").reset_index(drop=True)


def held_per_day(intervals, start: dt.date | None = None, end: dt.date | None = None):
    """Places held per party on each day (a DataFrame indexed by date, one column per party).

    The same figures as the chart beside the map.
    """
    import pandas as pd

    mapped = [iv for iv in intervals if iv.lat is not None]
    if not mapped:
        return pd.DataFrame()
    start = start or min(iv.valid_from for iv in mapped)
    last = max([iv.valid_from for iv in mapped] + [iv.valid_to for iv in mapped if iv.valid_to])
    end = end or last
    days = pd.date_range(start, end, freq="D")
    by_place: dict[str, list] = {}
    for iv in mapped:
        by_place.setdefault(iv.place_id, []).append(iv)
    counts = {}
    for day in days:
        d = day.date()
        held: dict[str, int] = {}
        for ivs in by_place.values():
            now = [iv for iv in ivs if iv.valid_from <= d and (iv.valid_to is None or d <= iv.valid_to)]
            if now:
                party = max(now, key=lambda iv: iv.valid_from).party
                held[party] = held.get(party, 0) + 1
        counts[day] = held
    return pd.DataFrame.from_dict(counts, orient="index").fillna(0).astype(int).rename_axis("date")
