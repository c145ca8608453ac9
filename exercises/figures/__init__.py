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

from exercises.figures.drawing import SIZES, figure_html, figure_label, render_svg
from exercises.figures.poses import Pose, PoseError, parse_pose, parse_poses

__all__ = [
    "SIZES",
    "Pose",
    "PoseError",
    "figure_html",
    "figure_label",
    "parse_pose",
    "parse_poses",
    "render_svg",
]
