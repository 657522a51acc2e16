"""Estimated zones of control: distance-limited Voronoi cells around the mapped places.

Each place gets the part of Iraq that is nearer to it than to any other mapped place and
within ``km`` of it.  The cells are computed once (they do not depend on the date); the page
colours each cell with the party holding its place on the chosen date, so adjacent cells of
one party read as one zone, as on a control-of-terrain map, and a place with no report on
that date leaves its cell blank rather than guessing.  The file therefore grows with the
number of places, not with places x days.
"""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPoint

__all__ = ["zone_cells", "ZONE_KM", "METRIC_CRS"]

#: Default reach of a place's zone: about a district's radius in the Euphrates and Tigris valleys.
ZONE_KM = 30.0
#: UTM 38N covers Iraq well enough for distances of tens of kilometres.
METRIC_CRS = "EPSG:32638"
SIMPLIFY_M = 300.0  # below what a zone estimate means, and it keeps the file small
BUFFER_SEGMENTS = 4  # quarter-circle segments of the distance limit (16-gon)


def zone_cells(points, clip=None, km: float = ZONE_KM, precision: int = 3) -> list:
    """One estimated zone per point.

    Parameters
    ----------
    points : sequence of (lat, lon)
        The mapped places.
    clip : shapely geometry, optional
        Area the zones must stay in (Iraq), in EPSG:4326.
    km : float
        Largest distance from its place a zone reaches.
    precision : int
        Decimal places of the output coordinates (3 is about 100 m).

    Returns
    -------
    list
        A shapely Polygon/MultiPolygon (EPSG:4326) per point, or None where the zone is empty
        (a point outside ``clip``, or a duplicate of an earlier point).
    """
    if len(points) == 0:
        return []
    fwd = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
    back = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)
    lats = np.array([p[0] for p in points], dtype=float)
    lons = np.array([p[1] for p in points], dtype=float)
    xs, ys = fwd.transform(lons, lats)
    coords = np.column_stack([xs, ys])
    # Places at the same spot share one cell: the first one keeps it.
    _, first = np.unique(np.round(coords, 0), axis=0, return_index=True)
    keep = np.zeros(len(coords), dtype=bool)
    keep[first] = True
    cells = np.full(len(coords), None, dtype=object)
    unique_pts = shapely.points(coords[keep])
    reach = shapely.buffer(unique_pts, km * 1000.0, quad_segs=BUFFER_SEGMENTS)
    if keep.sum() >= 2:
        (x0, y0), (x1, y1) = coords[keep].min(axis=0), coords[keep].max(axis=0)
        margin = km * 2000.0
        extent = shapely.box(x0 - margin, y0 - margin, x1 + margin, y1 + margin)
        voronoi = shapely.voronoi_polygons(MultiPoint(coords[keep]), extend_to=extent, ordered=True)
        cells_kept = shapely.intersection(np.asarray(voronoi.geoms, dtype=object), reach)
    else:
        cells_kept = reach
    if clip is not None:
        clip_m = shapely.transform(clip, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
        shapely.prepare(clip_m)
        cells_kept = shapely.intersection(cells_kept, clip_m)
    cells_kept = shapely.simplify(cells_kept, SIMPLIFY_M)
    cells[keep] = cells_kept
    out = []
    for cell in cells:
        if cell is None or cell.is_empty or cell.area == 0:
            out.append(None)
            continue
        geo = shapely.transform(cell, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))
        out.append(shapely.set_precision(geo, 10 ** -precision))
    return out
