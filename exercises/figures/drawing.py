"""Drawing a figure as inline SVG, with its words for a screen reader, cached per language."""

import json
import logging
from functools import lru_cache
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

from exercises.figures.poses import Pose, PoseError, parse_poses
from exercises.figures.skeleton import (
    HEAD_RADIUS,
    MAT_THICKNESS,
    WIDTHS,
    Point,
    placed_joints,
    reach,
    torso_and_head_reach,
    torso_curve,
)

logger = logging.getLogger(__name__)

# A still figure shows the last position: where the movement goes.
KEY_POSE = -1
SIZES = ("large", "small")
# Contrast on white: dark teal 8.4:1, the lighter far limbs 4.8:1, the floor 8.2:1 (WCAG AA).
NEAR_COLOUR = "#0b5563"
FAR_COLOUR = "#43707a"  # 4.6:1 on the mat, 5.5:1 on white
FLOOR_COLOUR = "#495057"
MAT_COLOUR = "#e3eef0"


def _fmt(value: float) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


class _Canvas:
    """Figure units (y up, floor at 0) to SVG user units (y down)."""

    def __init__(self, left: float, top: float):
        self.left, self.top = left, top

    def xy(self, point: Point) -> str:
        """The point's x and y in the SVG; z, depth, is not drawn."""
        return f"{_fmt(point[0] - self.left)} {_fmt(self.top - point[1])}"

    def line(self, a: Point, b: Point, width: float) -> str:
        return f'<path d="M{self.xy(a)}L{self.xy(b)}" stroke-width="{_fmt(width)}"/>'


def _limb_paths(
    canvas: _Canvas, joints: dict[str, Point], side: str, *, extra_width: float = 0
) -> list[str]:
    j = {name.removeprefix(f"{side}_"): point for name, point in joints.items()}
    return [
        canvas.line(j["hip"], j["knee"], WIDTHS["thigh"] + extra_width),
        canvas.line(j["knee"], j["ankle"], WIDTHS["shin"] + extra_width),
        canvas.line(j["heel"], j["toe"], WIDTHS["foot"] + extra_width),
        canvas.line(j["shoulder"], j["elbow"], WIDTHS["upper_arm"] + extra_width),
        canvas.line(j["elbow"], j["hand"], WIDTHS["forearm"] + extra_width),
    ]


def _body_svg(canvas: _Canvas, joints: dict[str, Point], *, strap: bool) -> str:
    start, control, end = torso_curve(joints)
    torso = (
        f'<path d="M{canvas.xy(start)}Q{canvas.xy(control)} {canvas.xy(end)}" '
        f'stroke-width="{_fmt(WIDTHS["torso"])}"/>'
    )
    head_x, head_y = canvas.xy(joints["head"]).split()
    eye_x, eye_y = canvas.xy(joints["eye"]).split()
    return "".join(
        [
            f'<g stroke="{FAR_COLOUR}">{"".join(_limb_paths(canvas, joints, "far"))}</g>',
            torso,
            canvas.line(joints["shoulder"], joints["head_base"], WIDTHS["neck"]),
            f'<circle cx="{head_x}" cy="{head_y}" r="{_fmt(HEAD_RADIUS)}" '
            f'fill="{NEAR_COLOUR}" stroke="none"/>',
            # An eye on the face side, so a standing figure's front is clear.
            f'<circle cx="{eye_x}" cy="{eye_y}" r="2" fill="#fff" stroke="none"/>',
            # A thin white edge keeps the near arm and leg readable where they cross the body:
            # the same limbs, a little wider, in white underneath.
            f'<g stroke="#fff">{"".join(_limb_paths(canvas, joints, "near", extra_width=3))}</g>',
            "".join(_limb_paths(canvas, joints, "near")),
            _strap(canvas, joints) if strap else "",
        ]
    )


def _strap(canvas: _Canvas, joints: dict[str, Point]) -> str:
    """A towel or strap from the near hand round the sole of the near foot."""
    toe, heel = joints["near_toe"], joints["near_heel"]
    sole = ((toe[0] + heel[0]) / 2, (toe[1] + heel[1]) / 2, 0.0)
    return (
        f'<path d="M{canvas.xy(joints["near_hand"])}L{canvas.xy(sole)}" '
        f'stroke="{FLOOR_COLOUR}" stroke-width="2.5"/>'
    )


def _bounds(placed: list[dict[str, Point]]) -> tuple[float, float, float]:
    """Left, right and top of the drawn bodies."""
    extents = [item for joints in placed for item in reach(joints)]
    return (
        min(point[0] - r for point, r in extents),
        max(point[0] + r for point, r in extents),
        max(point[1] + r for point, r in extents),
    )


def render_svg(poses: list[Pose], *, label: str, animated: bool, key_pose: int = KEY_POSE) -> str:
    """The figure as an SVG element: every pose in its own group when animated, else one.

    Poses other than ``key_pose`` are hidden by an attribute, so without the stylesheet (or
    with the animation switched off) the figure shows the position that says most about the
    exercise; figures.css cross-fades the groups.
    """
    key_pose %= len(poses)
    placed = placed_joints(poses)
    shown = list(enumerate(placed)) if animated else [(key_pose, placed[key_pose])]
    padding = 8.0
    left, right, top = _bounds([joints for _, joints in shown])
    left, right, top = left - padding, right + padding, top + padding
    wall_x = None
    if poses[0].wall:
        # The wall touches the back: the rearmost point of the torso and head.
        wall_x = min(
            point[0] - radius
            for _, joints in shown
            for point, radius in torso_and_head_reach(joints)
        )
        left = min(left, wall_x - padding)
    bottom = -padding
    canvas = _Canvas(left, top)
    width, height = right - left, top - bottom

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        f'class="figure-svg figure-svg--poses-{len(shown)}" role="img" '
        f'aria-label="{escape(label)}">',
        # The large figure also shows its words on hover; a thumbnail is named by aria-label
        # alone (the list holds 22 of them: the same words twice would be 2 KB of the page).
        f"<title>{escape(label)}</title>" if animated else "",
        f'<path d="M0 {_fmt(top)}H{_fmt(width)}" stroke="{FLOOR_COLOUR}" stroke-width="1.5"/>',
    ]
    if poses[0].surface == "mat":
        mat_left = min(point[0] for _, joints in shown for point in joints.values()) - 12
        mat_right = max(point[0] for _, joints in shown for point in joints.values()) + 12
        parts.append(
            f'<rect x="{_fmt(mat_left - left)}" y="{_fmt(top - MAT_THICKNESS)}" '
            f'width="{_fmt(mat_right - mat_left)}" height="{_fmt(MAT_THICKNESS)}" rx="2" '
            f'fill="{MAT_COLOUR}" stroke="{FLOOR_COLOUR}" stroke-width="1"/>'
        )
    if wall_x is not None:
        parts.append(
            f'<path d="M{_fmt(wall_x - left)} 0V{_fmt(top)}" stroke="{FLOOR_COLOUR}" '
            f'stroke-width="3"/>'
        )
    for index, joints in shown:
        hidden = ' opacity="0"' if index != key_pose and animated else ""
        parts.append(
            f'<g class="figure-pose figure-pose--{index + 1}"{hidden} stroke="{NEAR_COLOUR}" '
            f'fill="none" stroke-linecap="round" stroke-linejoin="round">'
            f"{_body_svg(canvas, joints, strap=poses[index].strap)}</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def figure_label(name: str, poses: list[Pose], *, animated: bool, key_pose: int = KEY_POSE) -> str:
    """The text alternative: the positions in words, in the order the figure shows them."""
    if not animated:
        return f"{name}: {poses[key_pose].description}"
    return ngettext(
        "%(name)s, in %(count)d position: %(positions)s",
        "%(name)s, in %(count)d positions: %(positions)s",
        len(poses),
    ) % {
        "name": name,
        "count": len(poses),
        "positions": " ".join(
            f"{number}. {pose.description.rstrip('.')}." for number, pose in enumerate(poses, 1)
        ),
    }


@lru_cache(maxsize=512)
def _figure_html(name: str, poses_json: str, size: str, language: str | None) -> SafeString:
    poses = parse_poses(json.loads(poses_json))
    animated = size == "large"
    svg = render_svg(poses, label=figure_label(name, poses, animated=animated), animated=animated)
    return render_to_string(
        "exercises/includes/exercise_figure.html",
        # The SVG is built here from numbers; its only text, the label, is escaped.
        {"svg": mark_safe(svg), "size": size, "animated": animated},
    )


def figure_html(name: str, poses: list[dict[str, Any]], *, size: str = "large") -> SafeString:
    """An exercise's figure as HTML, cached per name, poses, size and language.

    ``large`` moves between the positions and has a pause/play button; ``small`` is a still
    thumbnail of the key position. No poses, or poses that do not validate, draw nothing.
    """
    if not poses:
        return mark_safe("")
    poses_json = json.dumps(poses, sort_keys=True, separators=(",", ":"))
    try:
        return _figure_html(name, poses_json, size, get_language())
    except PoseError as error:
        logger.warning("No figure for %s: %s", name, error)
        return mark_safe("")
