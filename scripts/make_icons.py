"""Draw the installable app's PNG icons from static/img/favicon.svg's artwork, with Pillow.

    .venv/bin/python scripts/make_icons.py

Pillow cannot read SVG, so the favicon's three shapes are drawn again here from its numbers
(a 32-unit square): the rounded tile, the spine's curve (two cubic Béziers, stroke 3, round
ends) and the head. Change both files together. The output is the same on every run.
"""

from pathlib import Path

from PIL import Image, ImageDraw

TILE = "#0b5563"
INK = "#ffffff"
# M11 6 c4 5 4 9 1 13 s-2 7 3 7, in absolute points.
CURVES = [
    ((11, 6), (15, 11), (15, 15), (12, 19)),
    ((12, 19), (9, 23), (10, 26), (15, 26)),
]
HEAD = (21, 9, 3)
STROKE = 3
SUPERSAMPLE = 4
OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "icons"


def _bezier(p0, p1, p2, p3, steps=400):
    for i in range(steps + 1):
        t = i / steps
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
        yield (
            a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
            a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
        )


def icon(size: int, *, maskable: bool) -> Image.Image:
    """The icon at size x size. A maskable icon fills the square (the platform cuts its own
    shape) and keeps the drawing inside the middle 80 per cent, the safe zone."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big / 32
    if maskable:
        draw.rectangle((0, 0, big, big), fill=TILE)
        scale, offset = unit * 0.7, big * 0.15
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=6 * unit, fill=TILE)
        scale, offset = unit, 0.0

    def at(point):
        return (offset + point[0] * scale, offset + point[1] * scale)

    # The stroke as a row of overlapping disks: round ends and smooth edges, no line joints.
    radius = STROKE * scale / 2
    for curve in CURVES:
        for x, y in (at(point) for point in _bezier(*curve)):
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=INK)
    x, y = at(HEAD[:2])
    radius = HEAD[2] * scale
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=INK)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
        ("apple-touch-icon-180.png", 180, True),
    ]:
        icon(size, maskable=maskable).save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
