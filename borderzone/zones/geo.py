"""Where a point lies against the province outline: inside, or how far outside (in km).

Written here rather than taken from a GIS package: the check needs only point-in-polygon (ray casting)
and the distance to the outline's edges, on a local equirectangular projection, which is accurate to
well under 1 % at the scale of a province.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

EARTH_RADIUS_KM = 6371.0088
# Gates sit on the border line, and the outline is generalized: allow this much outside it.
MAX_OUTSIDE_KM = 2.0

Ring = list[tuple[float, float]]  # (lon, lat)
Polygon = list[Ring]  # outer ring, then holes

PROVINCE_FILES = {"04": "cao_bang_province_2025.geojson"}


def _polygons(geometry: dict[str, Any]) -> Iterator[Polygon]:
    if geometry["type"] == "Polygon":
        yield [[(float(x), float(y)) for x, y, *_ in ring] for ring in geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        for poly in geometry["coordinates"]:
            yield [[(float(x), float(y)) for x, y, *_ in ring] for ring in poly]


@cache
def province_polygons(province_code: str) -> tuple[Polygon, ...]:
    """The outline of a province as polygons, from the GeoJSON shipped in zones/data (empty when none ships)."""
    name = PROVINCE_FILES.get(province_code)
    if name is None:
        return ()
    data = json.loads(Path(DATA_DIR / name).read_text(encoding="utf-8"))
    features = data["features"] if data.get("type") == "FeatureCollection" else [data]
    return tuple(poly for feature in features for poly in _polygons(feature["geometry"]))


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_polygons(lon: float, lat: float, polygons: tuple[Polygon, ...]) -> bool:
    for outer, *holes in polygons:
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, hole) for hole in holes):
            return True
    return False


def _segment_distance_km(lon: float, lat: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    # Project around the point: x east, y north, in km.
    kx = math.radians(1) * EARTH_RADIUS_KM * math.cos(math.radians(lat))
    ky = math.radians(1) * EARTH_RADIUS_KM
    ax, ay = (a[0] - lon) * kx, (a[1] - lat) * ky
    bx, by = (b[0] - lon) * kx, (b[1] - lat) * ky
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy)


def distance_to_outline_km(lon: float, lat: float, polygons: tuple[Polygon, ...]) -> float:
    """Shortest distance from the point to any edge of the polygons."""
    best = math.inf
    for poly in polygons:
        for ring in poly:
            for i in range(len(ring) - 1):
                best = min(best, _segment_distance_km(lon, lat, ring[i], ring[i + 1]))
    return best


def km_outside(province_code: str, lat: float, lon: float) -> float | None:
    """0 when the point lies inside the province, its distance to the outline when outside, None without an outline."""
    polygons = province_polygons(province_code)
    if not polygons:
        return None
    if point_in_polygons(lon, lat, polygons):
        return 0.0
    return distance_to_outline_km(lon, lat, polygons)
