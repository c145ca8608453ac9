"""Poses of an exercise's figure: joint angles in degrees, checked against ranges that fit any
exercise and catch typos. The angles are explained in exercises/figures/__init__.py."""

from dataclasses import dataclass

MIN_POSES, MAX_POSES = 2, 4
MAX_DESCRIPTION_LENGTH = 200
SURFACES = ("mat", "floor")
# The point that stays where it was in the first position, e.g. the knees on all fours.
ANCHORS = {"hip": "hip", "knee": "near_knee", "foot": "near_ankle", "hand": "near_hand"}
ANCHORS |= {"far_foot": "far_ankle"}

# Allowed range of each angle, wide enough for any exercise, narrow enough to catch typos.
BODY_RANGES = {"trunk": (-180, 360), "lower_back": (-60, 60), "neck": (-60, 60)}
ARM_RANGES = {"shoulder": (-90, 200), "elbow": (0, 165)}
LEG_RANGES = {"hip": (-45, 165), "knee": (0, 165), "ankle": (-90, 45)}
LIMB_RANGES = {"near_arm": ARM_RANGES, "far_arm": ARM_RANGES}
LIMB_RANGES |= {"near_leg": LEG_RANGES, "far_leg": LEG_RANGES}
REQUIRED_POSE_KEYS = {"description", "surface", "body", *LIMB_RANGES}
OPTIONAL_POSE_KEYS = {"anchor", "wall", "strap", "legs_roll"}


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
