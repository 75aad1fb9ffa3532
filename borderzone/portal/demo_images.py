"""Illustrative pictures of the demo news, drawn here with Pillow (nothing is fetched from outside): a
border gate in the karst hills of Cao Bằng, in three colour schemes, and a sketch map of the zone's gates
placed by their recorded coordinates. They carry no words, so that one picture serves the Vietnamese,
English and Chinese pages; their alternative texts say in each language what they show and that they
are drawings, not photographs."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 675


@dataclass(frozen=True)
class GateScheme:
    sky_top: tuple[int, int, int]
    sky_bottom: tuple[int, int, int]
    roof: tuple[int, int, int]
    wall: tuple[int, int, int]
    hills: tuple[int, int, int]
    lanes: int  # lanes under the canopy: more for an international gate


SCHEMES = {
    "morning": GateScheme((120, 170, 215), (236, 226, 200), (170, 40, 35), (242, 236, 222), (58, 110, 80), 4),
    "noon": GateScheme((70, 140, 210), (205, 228, 240), (30, 90, 150), (236, 240, 242), (46, 100, 70), 3),
    "evening": GateScheme((60, 70, 130), (240, 170, 120), (120, 50, 40), (230, 220, 205), (40, 70, 60), 4),
}


def _gradient(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), top)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    return image


def _shade(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    red, green, blue = (max(0, min(255, round(c * factor))) for c in colour)
    return red, green, blue


def _karst(
    draw: ImageDraw.ImageDraw, base_y: int, colour: tuple[int, int, int], peaks: Sequence[tuple[int, int]]
) -> None:
    """A row of the steep round-topped limestone hills of the border: one rounded cone per (x, height)."""
    for x, h in peaks:
        w = h * 0.55
        draw.ellipse([x - w / 2, base_y - h, x + w / 2, base_y - h + w], fill=colour)
        draw.polygon(
            [(x - w / 2, base_y - h + w / 2), (x + w / 2, base_y - h + w / 2), (x + w, base_y), (x - w, base_y)],
            fill=colour,
        )


def gate_picture(scheme_name: str = "morning") -> bytes:
    """A border gate drawn as a photograph would show it: hills, the road, the canopy over the lanes and
    the gate house with its roof. PNG bytes."""
    s = SCHEMES[scheme_name]
    image = _gradient(s.sky_top, s.sky_bottom)
    draw = ImageDraw.Draw(image)
    horizon = 430
    _karst(
        draw, horizon, _shade(s.hills, 1.35), [(90, 230), (260, 300), (450, 210), (700, 280), (930, 250), (1120, 310)]
    )
    _karst(draw, horizon + 20, s.hills, [(0, 170), (180, 200), (380, 150), (820, 190), (1010, 160), (1200, 200)])
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=_shade(s.hills, 0.8))
    # The road, narrowing towards the gate.
    draw.polygon([(380, HEIGHT), (820, HEIGHT), (660, horizon + 10), (540, horizon + 10)], fill=(92, 96, 100))
    for i in range(6):
        y0 = HEIGHT - i * 45
        y1 = y0 - 22
        draw.polygon([(598, y0), (602, y0), (601, y1), (599, y1)], fill=(235, 235, 220))
    # The canopy over the lanes, on pillars.
    left, right, top = 300, 900, 300
    draw.rectangle([left, top, right, top + 26], fill=s.roof)
    draw.rectangle([left, top + 26, right, top + 34], fill=_shade(s.roof, 0.7))
    for i in range(s.lanes + 1):
        x = left + 10 + i * (right - left - 20) / s.lanes
        draw.rectangle([x - 7, top + 34, x + 7, horizon + 14], fill=s.wall)
    # The gate house behind, with its tiered roof.
    draw.rectangle([470, 200, 730, 300], fill=s.wall)
    tiers = [(300, 200), (240, 160), (170, 125)]
    for i, (w, y) in enumerate(tiers):
        if i + 1 < len(tiers):
            draw.rectangle([600 - w / 2 + 30, tiers[i + 1][1], 600 + w / 2 - 30, y - 32], fill=s.wall)
    for i, (w, y) in enumerate(tiers):
        roof = [(600 - w / 2 - 20, y), (600 + w / 2 + 20, y), (600 + w / 2 - 10, y - 32), (600 - w / 2 + 10, y - 32)]
        draw.polygon(roof, fill=_shade(s.roof, 1 - 0.08 * i))
    for i in range(5):
        x = 490 + i * 50
        draw.rectangle([x, 225, x + 28, 262], fill=(120, 150, 170))
    # Flagpoles on both sides.
    for x in (250, 950):
        draw.rectangle([x - 3, 190, x + 3, horizon + 10], fill=(200, 200, 200))
        draw.rectangle([x + 3, 192, x + 63, 232], fill=(200, 40, 40))
    return _png(image)


def zone_map(points: Sequence[tuple[Decimal, Decimal, bool]]) -> bytes:
    """A sketch of where the gates of a zone are: each (latitude, longitude, international) placed by its
    recorded coordinates on a plain ground with decorative contour rings (no borders or roads are drawn:
    the sketch shows only what the register holds), international gates larger. PNG bytes."""
    image = _gradient((214, 232, 206), (188, 214, 180))
    draw = ImageDraw.Draw(image)
    # Contour-like bands for relief.
    for cx, cy, r in [(300, 250, 220), (780, 380, 260), (1000, 150, 180), (520, 560, 160)]:
        for k in range(5):
            rr = r - k * 38
            draw.ellipse([cx - rr, cy - rr * 0.7, cx + rr, cy + rr * 0.7], outline=(150, 180, 140), width=2)
    located = [(float(lat), float(lon), intl) for lat, lon, intl in points]
    if not located:
        return _png(image)
    lats = [p[0] for p in located]
    lons = [p[1] for p in located]
    pad = 0.08
    lat0, lat1 = min(lats) - pad, max(lats) + pad
    lon0, lon1 = min(lons) - pad, max(lons) + pad

    def place(lat: float, lon: float) -> tuple[float, float]:
        x = 80 + (lon - lon0) / max(lon1 - lon0, 1e-6) * (WIDTH - 160)
        y = 80 + (lat1 - lat) / max(lat1 - lat0, 1e-6) * (HEIGHT - 160)
        return x, y

    for lat, lon, intl in located:
        x, y = place(lat, lon)
        r = 18 if intl else 11
        draw.ellipse([x - r - 4, y - r - 4, x + r + 4, y + r + 4], fill=(255, 255, 255))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(11, 93, 59) if intl else (30, 110, 160))
    return _png(image)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
