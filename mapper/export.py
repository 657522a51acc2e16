"""Write the outputs of a run: ``control.geojson``, ``events.csv``, ``map.html`` (atomically)."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic", "control_geojson", "events_csv", "EVENT_FIELDS"]

EVENT_FIELDS = ["article", "place", "place_id", "party", "actor", "action", "date", "date_precision", "quote",
                "confidence", "lat", "lon", "hedge", "date_phrase", "date_start"]


def write_atomic(path: str | Path, data: str) -> None:
    """Write text to ``path`` through a temporary file and a rename (never a half-written file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def control_geojson(intervals) -> str:
    """RFC 7946 FeatureCollection: one Point per (place, interval of unchanged control)."""
    features = []
    for iv in intervals:
        if iv.lat is None or iv.lon is None:
            continue
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [round(iv.lon, 6), round(iv.lat, 6)]},
                         "properties": iv.to_properties()})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)


def events_csv(rows) -> str:
    """CSV (UTF-8 with BOM so spreadsheets detect the encoding) of events plus their article id."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=EVENT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in EVENT_FIELDS})
    return buf.getvalue()
