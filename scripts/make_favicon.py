"""Draws static/img/favicon.ico: the logo's compass mark (static/img/favicon.svg) as a
bitmap, for browsers and tools that ask for /favicon.ico. Run it again after changing
the mark: `.venv/bin/python scripts/make_favicon.py`."""

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
SCALE = SIZE / 40  # the SVG's viewBox is 40 wide
ACCENT = "#0b5cab"
NORTH = "#c4320a"
INK = "#1d2330"
TARGET = Path(__file__).resolve().parents[1] / "static" / "img" / "favicon.ico"


def _rotated(points, degrees=45, centre=(20, 20)):
    angle = math.radians(degrees)
    cx, cy = centre
    result = []
    for x, y in points:
        dx, dy = x - cx, y - cy
        rx = cx + dx * math.cos(angle) - dy * math.sin(angle)
        ry = cy + dx * math.sin(angle) + dy * math.cos(angle)
        result.append((rx * SCALE, ry * SCALE))
    return result


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    ring = 17 * SCALE
    centre = 20 * SCALE
    box = [centre - ring, centre - ring, centre + ring, centre + ring]
    pen.ellipse(box, fill="#ffffff", outline=ACCENT, width=round(4 * SCALE))
    pen.polygon(_rotated([(20, 6.5), (25, 20), (15, 20)]), fill=NORTH)
    pen.polygon(_rotated([(20, 33.5), (25, 20), (15, 20)]), fill=INK)
    dot = 2.2 * SCALE
    pen.ellipse([centre - dot, centre - dot, centre + dot, centre + dot], fill="#ffffff")
    return image


if __name__ == "__main__":
    draw().save(TARGET, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"{TARGET} written")
