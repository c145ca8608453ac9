"""The report's two charts as SVG coordinates: weekly pain before and after, and sessions per
week against the plan. Drawn on the server, so the charts are the same on screen, on paper and
in the PDF (logbook/report_pdf.py), and need no script. Both share the weeks' x positions."""

from logbook.pain import PAIN_MAX
from logbook.progress import Progress

WIDTH, LEFT, RIGHT = 640, 36, 12
PAIN = {"height": 200, "top": 12, "bottom": 26}
SESSIONS = {"height": 110, "top": 18, "bottom": 26}


def _x_positions(count: int) -> list[float]:
    if count == 1:
        return [round((LEFT + WIDTH - RIGHT) / 2, 1)]
    step = (WIDTH - LEFT - RIGHT) / max(1, count - 1)
    return [round(LEFT + index * step, 1) for index in range(count)]


def _labels(figures: Progress, xs: list[float]) -> list[dict]:
    every = max(1, len(xs) // 6)
    return [
        {"x": xs[index], "date": week.start}
        for index, week in enumerate(figures.periods)
        if index % every == 0
    ]


def pain_chart(figures: Progress) -> dict:
    height, top, bottom = PAIN["height"], PAIN["top"], PAIN["bottom"]
    xs = _x_positions(len(figures.periods))

    def y(value: float) -> float:
        return round(top + (height - top - bottom) * (1 - value / PAIN_MAX), 1)

    def line(attribute: str) -> list[dict]:
        return [
            {"x": xs[index], "y": y(getattr(week, attribute))}
            for index, week in enumerate(figures.periods)
            if getattr(week, attribute) is not None
        ]

    before, after = line("pain_before"), line("pain_after")
    return {
        "width": WIDTH,
        "height": height,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "grid": [{"value": value, "y": y(value)} for value in range(0, PAIN_MAX + 1, 2)],
        "before": before,
        "after": after,
        "before_points": " ".join(f"{p['x']},{p['y']}" for p in before),
        "after_points": " ".join(f"{p['x']},{p['y']}" for p in after),
        "meaningful": [
            {"x": xs[index], "y": y(week.pain_after)}
            for index, week in enumerate(figures.periods)
            if week.meaningful
        ],
        "labels": _labels(figures, xs),
        "baseline_y": height - bottom,
    }


def sessions_chart(figures: Progress, planned: int) -> dict:
    """A bar per week with its count written above it, and the planned number as a line."""
    height, top, bottom = SESSIONS["height"], SESSIONS["top"], SESSIONS["bottom"]
    xs = _x_positions(len(figures.periods))
    most = max([planned, *(week.sessions for week in figures.periods)])
    span = height - top - bottom
    bar = round(min(24.0, (WIDTH - LEFT - RIGHT) / max(1, len(xs)) * 0.6), 1)

    def y(value: int) -> float:
        return round(top + span * (1 - value / most), 1)

    return {
        "width": WIDTH,
        "height": height,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bars": [
            {
                "x": round(xs[index] - bar / 2, 1),
                "centre": xs[index],
                "y": y(week.sessions),
                "height": round(span * week.sessions / most, 1),
                "count": week.sessions,
                "kept": week.sessions >= planned,
            }
            for index, week in enumerate(figures.periods)
        ],
        "bar_width": bar,
        "planned": planned,
        "planned_y": y(planned),
        "labels": _labels(figures, xs),
        "baseline_y": height - bottom,
    }
