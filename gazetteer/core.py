"""The :class:`Gazetteer`: places, their names, ranked lookups, and reverse lookups."""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from .index import Hit, NameIndex, TextHit
from .model import Match, Place
from .names import MIN_SPELLING, fold, key, skeleton, spelling, strip_generic
from .sources import read_aliases_csv, read_boundaries, read_entries_csv, read_places_tsv, read_wikimap_csv

__all__ = ["Gazetteer", "load", "DATA_DIR", "user_dir", "cache_dir"]

DATA_DIR = Path(__file__).parent / "data"
log = logging.getLogger(__name__)

# Base score of each match level; within a level, prominence orders the candidates.
LEVEL_SCORES = {"exact": 1.0, "alternate": 0.95, "normalized": 0.9, "variant": 0.8, "fuzzy": 0.7}
LEVEL_RANK = {name: i for i, name in enumerate(LEVEL_SCORES)}
_VARIANT_RANK = LEVEL_RANK["variant"]
# A name matched by its spelling key (see gazetteer.names.spelling) is a normalised match, scored a
# little under one by key: the similarity it carries, and the factor it costs.
SPELLING_SIMILARITY = 0.9
SPELLING_FACTOR = 0.95

# Facilities often carry the bare name of the town they are named after ("Qaim" for the crossing):
# without a cue word ("crossing", "dam") the town is the likelier reading.
FACILITY_KINDS = {"crossing", "dam", "refinery", "oilfield", "airbase", "airport"}
# Areas named like their capital: at an equal score, "Dohuk" is the city (its province has a word of its own).
AREA_KINDS = {"province", "country", "region"}
# Loose matches (phonetic variants, fuzzy) are tried only for the mapped area and its neighbours:
# far-away cities are in the gazetteer to be recognised by name, not guessed at.
LOOSE_COUNTRIES = {"IQ", "SY", "JO", "SA", "KW", "IR", "TR"}

# Point kinds a dedupe may merge with a curated row of the same name nearby.
_SETTLEMENT_KINDS = {"city", "town", "village", "district"}
MERGE_KM = 8.0


def user_dir() -> Path:
    """Folder of the user's gazetteer additions (``$TERRITORY_MAPPER_HOME/gazetteer``).

    Defaults to ``~/.local/share/territory-mapper/gazetteer``.  Every ``*.csv`` (entries or
    aliases) and ``*.tsv`` (imported GeoNames dumps) in it is loaded with the gazetteer.
    """
    home = os.environ.get("TERRITORY_MAPPER_HOME")
    base = Path(home) if home else Path.home() / ".local" / "share" / "territory-mapper"
    return base / "gazetteer"


def cache_dir() -> Path:
    """Folder of the built gazetteer's cache (``$TERRITORY_MAPPER_HOME/cache``, else ``~/.cache/territory-mapper``).

    Building the name index takes a few tenths of a second at every start; a pickle of it, keyed on the
    data files, the user's files and this package's code, takes a tenth of that to read.  Set
    ``TERRITORY_MAPPER_NO_CACHE=1`` to build every time.
    """
    home = os.environ.get("TERRITORY_MAPPER_HOME")
    return Path(home) / "cache" if home else Path.home() / ".cache" / "territory-mapper"


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _stricter_than_variant(found: tuple | None) -> bool:
    """True for a match (level, name, similarity) at a stricter level than a phonetic variant."""
    return found is not None and LEVEL_RANK[found[0]] < _VARIANT_RANK


def _prominence(place: Place) -> float:
    """0..1: importance, with a small preference for the mapped area."""
    return min(1.0, place.importance + (0.05 if place.in_scope else 0.0))


def _best_first(match: Match) -> tuple:
    """Sort key of candidates: score, then match level, then a settlement before an area, then id."""
    return -match.score, LEVEL_RANK[match.level], match.place.kind in AREA_KINDS, match.place.id


class Gazetteer:
    """An in-memory gazetteer with ranked name lookups.

    Parameters
    ----------
    places : iterable of Place
        Entries; a later entry with an existing id replaces the earlier one.
    geometries : dict, optional
        GeoJSON geometries of area entries keyed by place id (governorates, countries),
        used by :meth:`admin1_at` and :meth:`country_at`.

    Examples
    --------
    >>> from gazetteer import load
    >>> gaz = load()
    >>> gaz.best("Telafer").place.name
    'Tal Afar'
    """

    def __init__(self, places: Iterable[Place], geometries: dict | None = None):
        by_id: dict[str, Place] = {}
        for place in places:
            by_id[place.id] = place
        self._places = by_id
        self._geometries = geometries or {}
        self._shapes = None
        self.index = NameIndex(by_id.values())
        self._coords = None
        self._add_caches()

    def _add_caches(self) -> None:
        # A news corpus names the same few hundred places over and over: rank each form once.
        self._rank_cached = lru_cache(maxsize=65536)(self._rank_uncached)
        # ... and find what level each of a form's places matches at once, for every kind it is ranked for.
        self._levels_cached = lru_cache(maxsize=65536)(self._levels_uncached)

    def __getstate__(self) -> dict:
        # (pickled for the on-disk cache, see cache_dir: the per-process lookup caches are not kept)
        state = dict(self.__dict__)
        del state["_rank_cached"], state["_levels_cached"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._add_caches()

    # -- access -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, place_id: str) -> bool:
        return place_id in self._places

    def __iter__(self):
        return iter(self._places.values())

    @property
    def places(self) -> list[Place]:
        """All entries."""
        return list(self._places.values())

    def get(self, place_id: str) -> Place:
        """The entry with this id (KeyError if none)."""
        return self._places[place_id]

    # -- lookups ------------------------------------------------------------------------
    def resolve(self, name: str, limit: int = 5, kind: str | None = None, fuzzy: bool = True) -> list[Match]:
        """Ranked candidates for a place name.

        Candidates are ranked by match level (exact name > alternate name > normalised key >
        phonetic variant > fuzzy) and, within a level, by prominence.  A generic word in
        the query ("Kirkuk province", "Rabia crossing") prefers places of that kind.

        Parameters
        ----------
        name : str
            The name as written.
        limit : int, default 5
            At most this many candidates.
        kind : str, optional
            Prefer places of this kind.
        fuzzy : bool, default True
            Fall back to fuzzy matching (rapidfuzz) when nothing matches better.

        Returns
        -------
        list of Match
            Best first; empty when nothing matches.
        """
        name = (name or "").strip()
        if not name:
            return []
        stripped, hinted = strip_generic(name)
        kind = kind or hinted
        found: dict[str, tuple[str, str, float]] = {}  # id -> (level, matched, similarity)
        self._collect(name, found)
        if stripped != name:
            self._collect(stripped, found)
        if fuzzy and not any(level in ("exact", "alternate", "normalized") for level, _, _ in found.values()):
            for k, similarity in self.index.fuzzy(key(stripped)):
                for pid in self.index.by_key[k]:
                    if self._places[pid].country not in LOOSE_COUNTRIES:
                        continue
                    self._offer(found, pid, "fuzzy", self.index.display.get(k, k), similarity / 100)
        matches = [self._score(pid, level, matched, sim, kind) for pid, (level, matched, sim) in found.items()]
        matches.sort(key=_best_first)
        return matches[:limit]

    def _collect(self, name: str, found: dict, among: tuple | None = None) -> None:
        """Offer ``found`` every place ``name`` matches, at the best level it matches.

        ``among``: only these places are wanted; the phonetic scores of the others, the costly
        part, are not worked out.
        """
        folded, k = fold(name), key(name)
        for pid in self.index.exact.get(folded, ()):
            self._offer(found, pid, "exact", name, 1.0)
        for pid in self.index.alternate.get(folded, ()):
            self._offer(found, pid, "alternate", name, 1.0)
        for pid in self.index.by_key.get(k, ()):
            self._offer(found, pid, "normalized", name, 1.0)
        if among is not None and all(_stricter_than_variant(found.get(pid)) for pid in among):
            return  # what a scan found, matched by name: no phonetic key to work out
        sp = spelling(name)
        if len(sp) >= MIN_SPELLING:
            for pid in self.index.by_spelling.get(sp, ()):
                if (among is not None and pid not in among) or _stricter_than_variant(found.get(pid)):
                    continue
                if self._places[pid].country in LOOSE_COUNTRIES:  # as for variants: the area's names only
                    self._offer(found, pid, "normalized", name, SPELLING_SIMILARITY)
        sk = skeleton(name)
        if len(sk) >= 2:
            for pid in self.index.by_skeleton.get(sk, ()):
                if among is not None and pid not in among:
                    continue
                if _stricter_than_variant(found.get(pid)):
                    continue  # a variant would not replace the match found already
                place = self._places[pid]
                if place.country not in LOOSE_COUNTRIES:
                    continue
                # The closest of its names; each key once (GeoNames lists many spellings per key).
                best = max(fuzz.ratio(k, name_key) for name_key in self.index.name_keys[pid])
                self._offer(found, pid, "variant", name, best / 100)

    @staticmethod
    def _offer(found: dict, pid: str, level: str, matched: str, similarity: float) -> None:
        old = found.get(pid)
        if old is None or (LEVEL_RANK[level], -similarity) < (LEVEL_RANK[old[0]], -old[2]):
            found[pid] = (level, matched, similarity)

    def _score(self, pid: str, level: str, matched: str, similarity: float, kind: str | None) -> Match:
        place = self._places[pid]
        score = LEVEL_SCORES[level] * (0.9 + 0.1 * _prominence(place))
        if level in ("variant", "fuzzy"):
            score *= 0.85 + 0.15 * similarity
        elif level == "normalized" and similarity < 1.0:  # by spelling rules, not by key
            score *= SPELLING_FACTOR
        if kind and place.kind != kind:
            score *= 0.85
        elif not kind and place.kind in FACILITY_KINDS:
            score *= 0.9
        return Match(place=place, score=min(1.0, score), level=level, matched=matched)

    def rank(self, surface: str, place_ids, kind: str | None = None) -> list[Match]:
        """Rank the given candidate places for a surface form, best first.

        Used after a text scan, where the automaton already knows which entries carry the
        form: each candidate is scored as :meth:`resolve` would score it.
        """
        return list(self._rank_cached(surface, tuple(place_ids), kind))

    def _rank_uncached(self, surface: str, place_ids: tuple, kind: str | None) -> tuple[Match, ...]:
        found = self._levels_cached(surface, place_ids)
        matches = []
        for pid in place_ids:
            level, matched, sim = found.get(pid, ("normalized", surface, 1.0))
            matches.append(self._score(pid, level, matched, sim, kind))
        matches.sort(key=_best_first)
        return tuple(matches)

    def _levels_uncached(self, surface: str, place_ids: tuple) -> dict[str, tuple[str, str, float]]:
        """How ``surface`` matches each of ``place_ids``: {id: (level, matched, similarity)} (read only)."""
        found: dict[str, tuple[str, str, float]] = {}
        self._collect(surface, found, among=place_ids)
        return found

    def best(self, name: str, kind: str | None = None) -> Match | None:
        """The best candidate for ``name``, or None."""
        matches = self.resolve(name, limit=1, kind=kind)
        return matches[0] if matches else None

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Readable names close to ``name`` (for "did you mean" messages)."""
        hits = self.index.fuzzy(key(strip_generic(name)[0]), limit=limit, cutoff=60.0)
        return [self.index.display.get(k, k) for k, _ in hits]

    def scan(self, text: str) -> list[TextHit]:
        """Every occurrence of a known name form in ``text`` (see :meth:`NameIndex.scan`)."""
        return self.index.scan(text)

    def occurrences(self, text: str, spans=None) -> list[Hit]:
        """Known name forms in ``text`` as ``(start, end, form, place_ids)`` tuples, optionally only in ``spans``.

        The lightweight form of :meth:`scan` (see :meth:`NameIndex.occurrences`).
        """
        return self.index.occurrences(text, spans)

    # -- space --------------------------------------------------------------------------
    def _coordinate_arrays(self):
        if self._coords is None:
            import numpy as np

            points = [p for p in self._places.values() if p.kind not in ("country", "province", "region", "river")]
            self._coords = (points, np.radians([[p.lat, p.lon] for p in points]))
        return self._coords

    def nearest(self, lat: float, lon: float, limit: int = 1) -> list[tuple[Place, float]]:
        """The point places nearest to (lat, lon), with distances in km."""
        import numpy as np

        points, radians = self._coordinate_arrays()
        if not points:
            return []
        la, lo = math.radians(lat), math.radians(lon)
        h = (np.sin((radians[:, 0] - la) / 2) ** 2
             + np.cos(la) * np.cos(radians[:, 0]) * np.sin((radians[:, 1] - lo) / 2) ** 2)
        dist = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
        order = np.argsort(dist)[:limit]
        return [(points[i], float(dist[i])) for i in order]

    def _shape_index(self):
        if self._shapes is None:
            from shapely.geometry import shape

            self._shapes = [(pid, shape(geom)) for pid, geom in self._geometries.items()]
        return self._shapes

    def areas_at(self, lat: float, lon: float) -> list[Place]:
        """The governorates and countries whose polygons contain (lat, lon)."""
        from shapely.geometry import Point

        pt = Point(lon, lat)
        return [self._places[pid] for pid, geom in self._shape_index() if geom.covers(pt)]

    def km_outside(self, lat: float, lon: float, area_id: str) -> float:
        """About how far (lat, lon) lies outside the polygon of area ``area_id``, in km (0 inside it).

        A planar distance in degrees scaled at about 100 km a degree: good to a tenth or so at
        Iraq's latitudes, enough to tell a border town from a place a thousand km away.
        """
        from shapely.geometry import Point

        geom = next((g for pid, g in self._shape_index() if pid == area_id), None)
        if geom is None:
            raise KeyError(area_id)
        return geom.distance(Point(lon, lat)) * 100.0

    def boundaries(self, kinds: Iterable[str] | None = None) -> dict:
        """The boundary polygons of area entries as a GeoJSON FeatureCollection.

        Parameters
        ----------
        kinds : iterable of str, optional
            Keep only these kinds (``"country"``, ``"province"``); all areas by default.

        Returns
        -------
        dict
            RFC 7946 FeatureCollection (EPSG:4326), one feature per area in load order, with
            properties ``id``, ``name``, ``kind``, ``country``, ``lat``, ``lon`` (label point).
            The geometries are shared with the gazetteer: copy them before changing them.

        Examples
        --------
        >>> from gazetteer import load
        >>> fc = load().boundaries(kinds=["country"])
        >>> sorted(f["properties"]["country"] for f in fc["features"])[:3]
        ['IQ', 'IR', 'JO']
        """
        wanted = set(kinds) if kinds is not None else None
        features = []
        for pid, geom in self._geometries.items():
            place = self._places.get(pid)
            if place is None or (wanted is not None and place.kind not in wanted):
                continue
            props = {"id": pid, "name": place.name, "kind": place.kind, "country": place.country,
                     "lat": place.lat, "lon": place.lon}
            features.append({"type": "Feature", "geometry": geom, "properties": props})
        return {"type": "FeatureCollection", "features": features}

    def admin1_at(self, lat: float, lon: float) -> str | None:
        """The Iraqi governorate containing (lat, lon), or None."""
        return next((p.name for p in self.areas_at(lat, lon) if p.kind == "province"), None)

    def to_geodataframe(self):
        """All entries as a GeoDataFrame of points (EPSG:4326)."""
        import geopandas as gpd

        rows = [{**p.to_dict(), "population": p.population, "importance": p.importance,
                 "names": "|".join(p.names), "source": p.source} for p in self._places.values()]
        return gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy([r["lon"] for r in rows],
                                                                  [r["lat"] for r in rows]), crs="EPSG:4326")


def _merge_curated(base: dict[str, Place], curated: list[Place]) -> None:
    """Add curated rows; a row naming a settlement already present nearby enriches it instead.

    The curated row's name, kind, admin1 and importance win (they were checked by hand);
    the names of both are kept.
    """
    by_key: dict[str, list[str]] = {}
    for pid, place in base.items():
        if place.kind in _SETTLEMENT_KINDS:
            for n in (place.name, *place.names):
                by_key.setdefault(key(n), []).append(pid)
    from dataclasses import replace

    for row in curated:
        twin = None
        if row.kind in _SETTLEMENT_KINDS:
            for n in (row.name, *row.names):
                for pid in by_key.get(key(n), ()):
                    other = base.get(pid)
                    if other and km_between(row.lat, row.lon, other.lat, other.lon) <= MERGE_KM:
                        twin = other
                        break
                if twin:
                    break
        if twin is None:
            pid = row.id
            while pid in base:
                pid = f"{pid}-{row.kind}"
            base[pid] = replace(row, id=pid)
            continue
        names = tuple(dict.fromkeys(n for n in (twin.name, *twin.names, *row.names) if n != row.name))
        base[twin.id] = replace(
            twin,
            name=row.name,
            kind=row.kind,
            lat=row.lat,
            lon=row.lon,
            admin1=row.admin1 or twin.admin1,
            importance=max(row.importance, twin.importance),
            names=names,
            source=f"{twin.source}+{row.source}",
        )


# The wiki-map places rank below every entry of the same name: at most this far under the lowest.
_WIKIMAP_MARGIN = 0.05
_POINT_KINDS = _SETTLEMENT_KINDS | FACILITY_KINDS


def _merge_wikimap(base: dict[str, Place], rows) -> None:
    """Add the places of ``wikimap_places.csv`` below the entries already there.

    A row naming an Iraqi place present within :data:`MERGE_KM` (the one ``duplicate_of`` names,
    or any of the same name) only gives it its spellings.  Another row is a new place; where an
    Iraqi place elsewhere has one of its names (Husaybah at al-Qaim, Husaybah near Ramadi), its
    importance is kept under that place's, so the existing entry still answers the bare name.
    """
    from dataclasses import replace

    by_key: dict[str, list[str]] = {}
    by_name: dict[str, str] = {}
    for pid, place in base.items():
        if place.country != "IQ" or place.kind in AREA_KINDS:
            continue
        by_name.setdefault(fold(place.name), pid)
        for n in (place.name, *place.names):
            by_key.setdefault(key(n), []).append(pid)
    for row, duplicate_of in rows:
        keys = {key(n) for n in (row.name, *row.names)}
        same_name = list(dict.fromkeys(pid for k in keys for pid in by_key.get(k, ())))
        twin_id = by_name.get(fold(duplicate_of)) if duplicate_of else None
        if twin_id is None or km_between(row.lat, row.lon, base[twin_id].lat, base[twin_id].lon) > MERGE_KM:
            twin_id = next((pid for pid in same_name if base[pid].kind in _POINT_KINDS
                            and km_between(row.lat, row.lon, base[pid].lat, base[pid].lon) <= MERGE_KM), None)
        if twin_id is not None:
            twin = base[twin_id]
            have = {key(n) for n in (twin.name, *twin.names)}
            extra = tuple(dict.fromkeys(n for n in (row.name, *row.names) if key(n) not in have))
            if extra:
                base[twin_id] = replace(twin, names=(*twin.names, *extra))
            continue
        importance = row.importance
        if same_name:
            floor = min(base[pid].importance for pid in same_name)
            importance = max(0.01, min(importance, floor - _WIKIMAP_MARGIN))
        pid = row.id
        while pid in base:
            pid = f"{pid}-{row.kind}"
        base[pid] = replace(row, id=pid, importance=importance)


def _apply_aliases(base: dict[str, Place], pairs, path) -> None:
    from dataclasses import replace

    from .sources import GazetteerFormatError

    by_name = {fold(p.name): p.id for p in base.values()}
    for alias, target in pairs:
        pid = target if target in base else by_name.get(fold(target))
        if pid is None:
            raise GazetteerFormatError(path, None, f"alias {alias!r} names an unknown place {target!r}")
        place = base[pid]
        base[pid] = replace(place, names=(*place.names, alias))


def build(data_dir: Path = DATA_DIR, user_files: Iterable[str | Path] = ()) -> Gazetteer:
    """Assemble a gazetteer from the bundled data and user files (uncached)."""
    places: dict[str, Place] = {}
    geometries: dict = {}
    boundaries = data_dir / "boundaries.geojson"
    if boundaries.exists():
        areas, geometries = read_boundaries(boundaries)
        places.update((p.id, p) for p in areas)
    for tsv in sorted(data_dir.glob("*.tsv")):
        places.update((p.id, p) for p in read_places_tsv(tsv))
    curated = []
    for csv_path in sorted(data_dir.glob("curated_*.csv")):
        curated += read_entries_csv(csv_path)
    _merge_curated(places, curated)
    wikimap = data_dir / "wikimap_places.csv"
    if wikimap.exists():
        _merge_wikimap(places, read_wikimap_csv(wikimap))
    for path in map(Path, user_files):
        if path.suffix == ".tsv":
            places.update((p.id, p) for p in read_places_tsv(path))
        elif _is_alias_file(path):
            _apply_aliases(places, read_aliases_csv(path), path)
        else:
            _merge_curated(places, read_entries_csv(path, prefix="user", source="user"))
    return Gazetteer(places.values(), geometries)


def _is_alias_file(path: Path) -> bool:
    with open(path, encoding="utf-8-sig") as fh:
        header = fh.readline().lower()
    return "alias" in header.split(",")[0] or header.startswith("alias")


def _user_files() -> list[Path]:
    folder = user_dir()
    if not folder.is_dir():
        return []
    # Imported dumps first, then entry files, then alias files (aliases may name any entry).
    files = sorted(folder.glob("*.tsv")) + sorted(folder.glob("*.csv"))
    return sorted(files, key=lambda p: (p.suffix != ".tsv", _is_alias_file(p) if p.suffix == ".csv" else False))


@lru_cache(maxsize=4)
def _load_cached(user_files: tuple[str, ...]) -> Gazetteer:
    if os.environ.get("TERRITORY_MAPPER_NO_CACHE"):
        return build(DATA_DIR, user_files)
    try:
        path = cache_dir() / f"gazetteer-{_cache_key(DATA_DIR, user_files)}.pickle"
    except OSError:  # a file vanished while it was read: no cache this time
        return build(DATA_DIR, user_files)
    cached = _read_cache(path)
    if cached is not None:
        return cached
    gaz = build(DATA_DIR, user_files)
    _write_cache(path, gaz)
    return gaz


def _cache_key(data_dir: Path, user_files: tuple[str, ...]) -> str:
    """A digest of what the built gazetteer depends on: the files read, this package's code, the interpreter."""
    digest = hashlib.sha256(f"{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    for path in [*sorted(data_dir.iterdir()), *map(Path, user_files)]:
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def _read_cache(path: Path) -> Gazetteer | None:
    return read_cache(path, Gazetteer)


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    write_cache(path, gaz, "gazetteer")


def read_cache(path: Path, kind: type):
    """The object of type ``kind`` pickled at ``path`` (a cache of :func:`cache_dir`), or None when there is
    none or it cannot be read (a damaged cache is rebuilt, never an error)."""
    try:
        with open(path, "rb") as fh:
            found = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001
        log.debug("cache %s unreadable (%s): rebuilding", path, exc)
        return None
    return found if isinstance(found, kind) else None


def write_cache(path: Path, value, stem: str) -> None:
    """Save ``value`` at ``path`` atomically (a reader never sees half a file), and drop the older caches
    ``<stem>-*.pickle`` beside it."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{stem}-", delete=False) as fh:
            temporary = Path(fh.name)
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for old in path.parent.glob(f"{stem}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception as exc:  # noqa: BLE001 - a read-only or full disk, a pickling error: the run goes on uncached
        log.debug("cache not written to %s (%s)", path, exc)
        if temporary is not None:
            temporary.unlink(missing_ok=True)  # no half-written file left behind


def load(user_files: Iterable[str | Path] = (), include_user_dir: bool = True) -> Gazetteer:
    """The bundled Iraq gazetteer, with the user's additions.

    Parameters
    ----------
    user_files : iterable of path, optional
        Extra entry CSVs, alias CSVs (columns ``alias,place``) or derived TSVs.
    include_user_dir : bool, default True
        Also load every file in :func:`user_dir` (where ``mapper gazetteer import`` writes).

    Returns
    -------
    Gazetteer
        Cached: the same arguments return the same object.
    """
    files = [*(_user_files() if include_user_dir else []), *map(Path, user_files)]
    return _load_cached(tuple(str(f) for f in files))
