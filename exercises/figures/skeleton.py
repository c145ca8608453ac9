"""The figure's skeleton: fixed segment lengths, and forward kinematics from a pose's angles to
joint positions, so a limb never stretches between positions."""

import math

from exercises.figures.poses import ANCHORS, Pose

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

# x to the right, y up, z towards the viewer (only rolled legs leave the drawing's plane).
Point = tuple[float, float, float]


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


def torso_curve(joints: dict[str, Point]) -> tuple[Point, Point, Point]:
    """Hip, control point and shoulder of a curve through the waist, so the back bends."""
    (hx, hy, _), (wx, wy, _), (sx, sy, _) = joints["hip"], joints["waist"], joints["shoulder"]
    return (hx, hy, 0.0), (2 * wx - (hx + sx) / 2, 2 * wy - (hy + sy) / 2, 0.0), (sx, sy, 0.0)


def torso_and_head_reach(joints: dict[str, Point]) -> list[tuple[Point, float]]:
    """Points along the torso curve and the head, each with how far the drawing reaches."""
    start, control, end = torso_curve(joints)
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


def reach(joints: dict[str, Point]) -> list[tuple[Point, float]]:
    """Points of the whole drawn body, each with how far the drawing reaches around it."""
    extents = torso_and_head_reach(joints)
    for side in ("near", "far"):
        extents += [
            (joints[f"{side}_elbow"], WIDTHS["upper_arm"] / 2),
            (joints[f"{side}_hand"], WIDTHS["forearm"] / 2),
            (joints[f"{side}_knee"], WIDTHS["thigh"] / 2),
            (joints[f"{side}_ankle"], WIDTHS["shin"] / 2),
            (joints[f"{side}_toe"], WIDTHS["foot"] / 2),
            (joints[f"{side}_heel"], WIDTHS["foot"] / 2),
        ]
    return extents


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
        lowest = min(point[1] - radius for point, radius in reach(joints))
        dy = surface_height(pose) - lowest
        anchor = ANCHORS[pose.anchor]
        dx = placed[0][anchor][0] - joints[anchor][0] if placed else 0.0
        placed.append({name: (x + dx, y + dy, z) for name, (x, y, z) in joints.items()})
    return placed
