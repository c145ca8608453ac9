"""Exercise figures: a side-view stick figure, posed by joint angles and drawn as inline SVG.

The skeleton has fixed segment lengths; a pose gives only angles, and forward kinematics turns
them into joint positions, so a limb never stretches between positions. Angles are in degrees:

- ``body.trunk``: which way the lower back points from the hips, anticlockwise from "along the
  floor to the right": 90 standing, 180 lying on your back (head to the left), 0 lying face
  down or on all fours (head to the right).
- ``body.lower_back``: positive rounds the back forward (cat), negative arches it (cow).
- ``body.neck``: positive tucks the chin towards the chest.
- ``hip``: 0 thigh in line with the trunk, positive forward (knee towards the chest).
- ``knee``, ``elbow``: 0 straight, positive bent.
- ``ankle``: 0 foot at a right angle to the shin, positive toes pulled up, negative pointed.
- ``shoulder``: 0 arm along the side, 90 straight out in front, 180 overhead.

"Near" limbs face the viewer and are drawn dark; "far" limbs are behind the body, drawn lighter.
A pose also says what the body rests on (``surface``: mat or floor) and, optionally, which point
stays put between positions (``anchor``), a ``wall`` behind the back, a towel ``strap`` from the
near hand to the near foot, and ``legs_roll``: bent knees rolled towards the viewer.
"""

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

logger = logging.getLogger(__name__)

MIN_POSES, MAX_POSES = 2, 4
# A still figure shows the last position: where the movement goes.
KEY_POSE = -1
SIZES = ("large", "small")
MAX_DESCRIPTION_LENGTH = 200
SURFACES = ("mat", "floor")
# The point that stays where it was in the first position, e.g. the knees on all fours.
ANCHORS = {"hip": "hip", "knee": "near_knee", "foot": "near_ankle", "hand": "near_hand"}
ANCHORS |= {"far_foot": "far_ankle"}

SEGMENT_LENGTHS = {
    "lower_spine": 24.0,
    "upper_spine": 28.0,
    "neck": 8.0,
    "upper_arm": 27.0,
    "forearm": 27.0,
    "thigh": 44.0,
    "shin": 42.0,
    "foot": 14.0,
}
HEAD_RADIUS = 9.5
HEEL = 3.0
MAT_THICKNESS = 4.0
# Stroke widths in figure units; half of each is how far the body reaches past a joint.
WIDTHS = {"torso": 18.0, "neck": 8.0, "upper_arm": 8.0, "forearm": 7.0, "thigh": 11.0}
WIDTHS |= {"shin": 8.5, "foot": 6.0}

# (first joint, second joint, segment): a limb's joint positions keep these lengths exactly.
SEGMENTS = [
    ("hip", "waist", "lower_spine"),
    ("waist", "shoulder", "upper_spine"),
    ("shoulder", "head_base", "neck"),
    *(
        segment
        for side in ("near", "far")
        for segment in (
            ("shoulder", f"{side}_elbow", "upper_arm"),
            (f"{side}_elbow", f"{side}_hand", "forearm"),
            ("hip", f"{side}_knee", "thigh"),
            (f"{side}_knee", f"{side}_ankle", "shin"),
            (f"{side}_ankle", f"{side}_toe", "foot"),
        )
    ),
]

# Allowed range of each angle, wide enough for any exercise, narrow enough to catch typos.
BODY_RANGES = {"trunk": (-180, 360), "lower_back": (-60, 60), "neck": (-60, 60)}
ARM_RANGES = {"shoulder": (-90, 200), "elbow": (0, 165)}
LEG_RANGES = {"hip": (-45, 165), "knee": (0, 165), "ankle": (-90, 45)}
LIMB_RANGES = {"near_arm": ARM_RANGES, "far_arm": ARM_RANGES}
LIMB_RANGES |= {"near_leg": LEG_RANGES, "far_leg": LEG_RANGES}
REQUIRED_POSE_KEYS = {"description", "surface", "body", *LIMB_RANGES}
OPTIONAL_POSE_KEYS = {"anchor", "wall", "strap", "legs_roll"}

# Contrast on white: dark teal 8.4:1, the lighter far limbs 4.8:1, the floor 8.2:1 (WCAG AA).
NEAR_COLOUR = "#0b5563"
FAR_COLOUR = "#43707a"  # 4.6:1 on the mat, 5.5:1 on white
FLOOR_COLOUR = "#495057"
MAT_COLOUR = "#e3eef0"

# x to the right, y up, z towards the viewer (only rolled legs leave the drawing's plane).
Point = tuple[float, float, float]


class PoseError(ValueError):
    """A pose is malformed; the message says which one and what is wrong."""


@dataclass(frozen=True)
class Pose:
    description: str
    surface: str
    anchor: str
    wall: bool
    strap: bool
    legs_roll: float
    body: dict[str, float]
    limbs: dict[str, dict[str, float]]


def _angles(data: object, ranges: dict[str, tuple[int, int]], where: str) -> dict[str, float]:
    if not isinstance(data, dict) or data.keys() != ranges.keys():
        raise PoseError(f"{where} must have exactly {sorted(ranges)}")
    for name, (low, high) in ranges.items():
        value = data[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PoseError(f"{where}.{name} must be a number of degrees, not {value!r}")
        if not low <= value <= high:
            raise PoseError(f"{where}.{name} is {value}, outside {low} to {high} degrees")
    return {name: float(data[name]) for name in ranges}


def parse_pose(data: object, where: str = "pose") -> Pose:
    """Validate one pose as written in the content file (a dict) and return it."""
    if not isinstance(data, dict):
        raise PoseError(f"{where} must be a mapping of names to angles")
    missing = REQUIRED_POSE_KEYS - data.keys()
    unknown = data.keys() - REQUIRED_POSE_KEYS - OPTIONAL_POSE_KEYS
    if missing or unknown:
        raise PoseError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    description = data["description"]
    if not isinstance(description, str) or not description.strip():
        raise PoseError(f"{where}.description must say in words what the position is")
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise PoseError(f"{where}.description is longer than {MAX_DESCRIPTION_LENGTH} characters")
    if data["surface"] not in SURFACES:
        raise PoseError(f"{where}.surface must be one of {list(SURFACES)}")
    anchor = data.get("anchor", "hip")
    if anchor not in ANCHORS:
        raise PoseError(f"{where}.anchor must be one of {list(ANCHORS)}")
    for flag in ("wall", "strap"):
        if not isinstance(data.get(flag, False), bool):
            raise PoseError(f"{where}.{flag} must be true or false")
    legs_roll = data.get("legs_roll", 0)
    if isinstance(legs_roll, bool) or not isinstance(legs_roll, int | float):
        raise PoseError(f"{where}.legs_roll must be a number of degrees, not {legs_roll!r}")
    if not 0 <= legs_roll <= 90:
        raise PoseError(f"{where}.legs_roll is {legs_roll}, outside 0 to 90 degrees")
    return Pose(
        description=description.strip(),
        surface=data["surface"],
        anchor=anchor,
        wall=data.get("wall", False),
        strap=data.get("strap", False),
        legs_roll=float(legs_roll),
        body=_angles(data["body"], BODY_RANGES, f"{where}.body"),
        limbs={
            limb: _angles(data[limb], ranges, f"{where}.{limb}")
            for limb, ranges in LIMB_RANGES.items()
        },
    )


def parse_poses(data: object) -> list[Pose]:
    """Validate an exercise's list of poses (start, maybe a middle one, end)."""
    if not isinstance(data, list) or not MIN_POSES <= len(data) <= MAX_POSES:
        raise PoseError(f"poses must be a list of {MIN_POSES} to {MAX_POSES} positions")
    poses = [parse_pose(item, f"poses[{index}]") for index, item in enumerate(data)]
    if len({(pose.surface, pose.wall) for pose in poses}) > 1:
        raise PoseError("every pose of an exercise must rest on the same surface and wall")
    return poses


def _step(start: Point, degrees: float, length: float) -> Point:
    radians = math.radians(degrees)
    return start[0] + length * math.cos(radians), start[1] + length * math.sin(radians), 0.0


def _roll(point: Point, axis_degrees: float, roll_degrees: float) -> Point:
    """Turn a point about the line through the hips along ``axis_degrees`` (the long axis)."""
    ux, uy = math.cos(math.radians(axis_degrees)), math.sin(math.radians(axis_degrees))
    along = point[0] * ux + point[1] * uy
    across = -point[0] * uy + point[1] * ux
    turn = math.radians(roll_degrees)
    return (
        along * ux - across * math.cos(turn) * uy,
        along * uy + across * math.cos(turn) * ux,
        across * math.sin(turn),
    )


def joint_positions(pose: Pose) -> dict[str, Point]:
    """Forward kinematics: every joint's position (and the eye's), hips at the origin, y up.

    Each segment's direction is its parent's plus the joint angle, so the lengths in
    SEGMENT_LENGTHS hold in every pose. ``legs_roll`` turns both legs about the body's long
    axis (knees rolling to one side); the drawing then shows them foreshortened.
    """
    lengths = SEGMENT_LENGTHS
    trunk = pose.body["trunk"]
    upper_spine = trunk - pose.body["lower_back"]
    neck = upper_spine - pose.body["neck"]
    joints: dict[str, Point] = {"hip": (0.0, 0.0, 0.0)}
    joints["waist"] = _step(joints["hip"], trunk, lengths["lower_spine"])
    joints["shoulder"] = _step(joints["waist"], upper_spine, lengths["upper_spine"])
    joints["head_base"] = _step(joints["shoulder"], neck, lengths["neck"])
    joints["head"] = _step(joints["head_base"], neck, HEAD_RADIUS * 0.8)
    joints["eye"] = _step(joints["head"], neck - 65, HEAD_RADIUS * 0.5)
    for side in ("near", "far"):
        arm, leg = pose.limbs[f"{side}_arm"], pose.limbs[f"{side}_leg"]
        upper_arm = upper_spine + 180 + arm["shoulder"]
        joints[f"{side}_elbow"] = _step(joints["shoulder"], upper_arm, lengths["upper_arm"])
        joints[f"{side}_hand"] = _step(
            joints[f"{side}_elbow"], upper_arm + arm["elbow"], lengths["forearm"]
        )
        thigh = trunk + 180 + leg["hip"]
        shin = thigh - leg["knee"]
        foot = shin + 90 + leg["ankle"]
        knee = _step(joints["hip"], thigh, lengths["thigh"])
        ankle = _step(knee, shin, lengths["shin"])
        leg_joints = {
            "knee": knee,
            "ankle": ankle,
            "toe": _step(ankle, foot, lengths["foot"]),
            "heel": _step(ankle, foot + 180, HEEL),
        }
        for name, point in leg_joints.items():
            joints[f"{side}_{name}"] = _roll(point, trunk, pose.legs_roll)
    return joints


def _torso_curve(joints: dict[str, Point]) -> tuple[Point, Point, Point]:
    """Hip, control point and shoulder of a curve through the waist, so the back bends."""
    (hx, hy, _), (wx, wy, _), (sx, sy, _) = joints["hip"], joints["waist"], joints["shoulder"]
    return (hx, hy, 0.0), (2 * wx - (hx + sx) / 2, 2 * wy - (hy + sy) / 2, 0.0), (sx, sy, 0.0)


def _torso_and_head_reach(joints: dict[str, Point]) -> list[tuple[Point, float]]:
    """Points along the torso curve and the head, each with how far the drawing reaches."""
    start, control, end = _torso_curve(joints)
    curve = [
        (
            (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0],
            (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1],
            0.0,
        )
        for t in (0, 0.25, 0.5, 0.75, 1)
    ]
    return [(point, WIDTHS["torso"] / 2) for point in curve] + [
        (joints["head_base"], WIDTHS["neck"] / 2),
        (joints["head"], HEAD_RADIUS),
    ]


def _reach(joints: dict[str, Point]) -> list[tuple[Point, float]]:
    """Points of the whole drawn body, each with how far the drawing reaches around it."""
    reach = _torso_and_head_reach(joints)
    for side in ("near", "far"):
        reach += [
            (joints[f"{side}_elbow"], WIDTHS["upper_arm"] / 2),
            (joints[f"{side}_hand"], WIDTHS["forearm"] / 2),
            (joints[f"{side}_knee"], WIDTHS["thigh"] / 2),
            (joints[f"{side}_ankle"], WIDTHS["shin"] / 2),
            (joints[f"{side}_toe"], WIDTHS["foot"] / 2),
            (joints[f"{side}_heel"], WIDTHS["foot"] / 2),
        ]
    return reach


def surface_height(pose: Pose) -> float:
    """Where the body rests: the top of the mat, or the floor line at 0."""
    return MAT_THICKNESS if pose.surface == "mat" else 0.0


def placed_joints(poses: list[Pose]) -> list[dict[str, Point]]:
    """Every pose's joints, lowered onto its surface and lined up on its anchor.

    The lowest point of the drawn body (not just of the joints) rests exactly on the surface,
    so nothing goes through the floor. Horizontally, each pose keeps its anchor (hips by
    default) where that point was in the first pose.
    """
    placed: list[dict[str, Point]] = []
    for pose in poses:
        joints = joint_positions(pose)
        lowest = min(point[1] - radius for point, radius in _reach(joints))
        dy = surface_height(pose) - lowest
        anchor = ANCHORS[pose.anchor]
        dx = placed[0][anchor][0] - joints[anchor][0] if placed else 0.0
        placed.append({name: (x + dx, y + dy, z) for name, (x, y, z) in joints.items()})
    return placed


# ---------------------------------------------------------------------------- drawing


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
    start, control, end = _torso_curve(joints)
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
    reach = [item for joints in placed for item in _reach(joints)]
    return (
        min(point[0] - r for point, r in reach),
        max(point[0] + r for point, r in reach),
        max(point[1] + r for point, r in reach),
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
            for point, radius in _torso_and_head_reach(joints)
        )
        left = min(left, wall_x - padding)
    bottom = -padding
    canvas = _Canvas(left, top)
    width, height = right - left, top - bottom

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        f'class="figure-svg figure-svg--poses-{len(shown)}" role="img" '
        f'aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
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
