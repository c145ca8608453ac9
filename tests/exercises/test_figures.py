"""The exercise figures: every shipped exercise has one, drawn soundly and described in words."""

import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from exercises import figures
from exercises.figures import drawing, skeleton
from exercises.models import Exercise
from exercises.services import CONTENT_PATH, parse_content
from tests.factories import ExerciseFactory

SVG = "{http://www.w3.org/2000/svg}"
ENTRIES = parse_content(CONTENT_PATH.read_text(encoding="utf-8"))
SEED_SLUGS = ["knee-to-chest", "pelvic-tilt", "cat-cow", "bird-dog", "superman", "bridge"]


def _pose(**overrides):
    pose = {
        "description": "Lying on your back, knees bent.",
        "surface": "mat",
        "body": {"trunk": 180, "lower_back": 0, "neck": 0},
        "near_arm": {"shoulder": -6, "elbow": 0},
        "far_arm": {"shoulder": -6, "elbow": 0},
        "near_leg": {"hip": 43, "knee": 98, "ankle": -35},
        "far_leg": {"hip": 43, "knee": 98, "ankle": -35},
    }
    return {**pose, **overrides}


def _svg(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.DOTALL).group())


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(colour: str, background: str = "#ffffff") -> float:
    lighter, darker = sorted([_luminance(colour), _luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_every_shipped_exercise_has_at_least_two_poses():
    assert set(SEED_SLUGS) <= {entry["slug"] for entry in ENTRIES}
    for entry in ENTRIES:
        assert len(figures.parse_poses(entry["poses"])) >= 2, entry["slug"]


@pytest.mark.parametrize("size", figures.SIZES)
def test_every_figure_is_well_formed_svg(size):
    for entry in ENTRIES:
        svg = _svg(figures.figure_html(entry["name"], entry["poses"], size=size))
        assert svg.tag == f"{SVG}svg", entry["slug"]
        poses_drawn = len(svg.findall(f"{SVG}g[@class]"))
        assert poses_drawn == (len(entry["poses"]) if size == "large" else 1), entry["slug"]


def test_no_joint_goes_below_the_floor_or_mat():
    for entry in ENTRIES:
        poses = figures.parse_poses(entry["poses"])
        for pose, joints in zip(poses, skeleton.placed_joints(poses), strict=True):
            surface = skeleton.surface_height(pose)
            for name, (_, y, _) in joints.items():
                assert y >= surface - 1e-6, (entry["slug"], name)


def test_the_body_rests_on_its_surface_in_every_pose():
    for entry in ENTRIES:
        poses = figures.parse_poses(entry["poses"])
        for pose, joints in zip(poses, skeleton.placed_joints(poses), strict=True):
            lowest = min(point[1] - reach for point, reach in skeleton.reach(joints))
            assert lowest == pytest.approx(skeleton.surface_height(pose)), entry["slug"]


def test_segment_lengths_are_the_same_in_every_pose_of_an_exercise():
    for entry in ENTRIES:
        placed = skeleton.placed_joints(figures.parse_poses(entry["poses"]))
        for first, second, segment in skeleton.SEGMENTS:
            lengths = {round(math.dist(joints[first], joints[second]), 6) for joints in placed}
            assert lengths == {skeleton.SEGMENT_LENGTHS[segment]}, (entry["slug"], segment)


def test_the_large_figure_describes_every_position_in_words():
    for entry in ENTRIES:
        svg = _svg(figures.figure_html(entry["name"], entry["poses"], size="large"))
        assert svg.get("role") == "img"
        label = svg.get("aria-label")
        assert label == svg.find(f"{SVG}title").text
        assert label.startswith(entry["name"])
        for pose in entry["poses"]:
            assert pose["description"].rstrip(".") in label, entry["slug"]


def test_the_small_figure_describes_the_position_it_shows():
    entry = next(entry for entry in ENTRIES if entry["slug"] == "knee-to-chest")
    svg = _svg(figures.figure_html(entry["name"], entry["poses"], size="small"))
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == (
        "Knee-to-chest stretch: Lying on your back, one knee drawn in towards your chest "
        "with both hands."
    )


def test_figures_use_no_inline_style_or_script_and_colours_with_enough_contrast():
    for entry in ENTRIES:
        html = figures.figure_html(entry["name"], entry["poses"], size="large")
        assert "style" not in html, entry["slug"]
        assert "<script" not in html, entry["slug"]
        # The thin white edge (#fff) only separates a near limb from the body behind it.
        # Every other colour stands out from both the page and the mat the body lies on.
        for colour in set(re.findall(r'(?:stroke|fill)="(#[0-9a-f]{6})"', html)):
            if colour != drawing.MAT_COLOUR:
                assert _contrast(colour) >= 4.5, colour
                assert _contrast(colour, drawing.MAT_COLOUR) >= 4.5, colour


@pytest.mark.parametrize(
    ("poses", "message"),
    [
        ([_pose()], "poses must be a list of 2 to 4 positions"),
        ([_pose(), _pose(near_leg={"hip": 10, "knee": 0})], "poses[1].near_leg must have exactly"),
        ([_pose(), _pose(elbow=3)], "poses[1]: missing keys [], unknown keys ['elbow']"),
        ([_pose(), _pose(surface="sofa")], "poses[1].surface must be one of ['mat', 'floor']"),
        ([_pose(body={"trunk": 180, "lower_back": 90, "neck": 0}), _pose()], "lower_back is 90"),
        ([_pose(), _pose(anchor="nose")], "poses[1].anchor must be one of"),
        ([_pose(), _pose(legs_roll=120)], "poses[1].legs_roll is 120, outside 0 to 90"),
        ([_pose(), "lying down"], "poses[1] must be a mapping"),
    ],
)
def test_a_malformed_pose_is_a_clear_error(poses, message):
    with pytest.raises(figures.PoseError) as error:
        figures.parse_poses(poses)
    assert message in str(error.value)


@pytest.mark.django_db
def test_the_model_refuses_malformed_poses_with_a_message_on_the_field():
    exercise = ExerciseFactory.build(poses=[_pose(), _pose(near_arm={"shoulder": 0})])
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "poses[1].near_arm must have exactly ['elbow', 'shoulder']" in str(
        error.value.message_dict["poses"]
    )


def test_no_poses_draw_no_figure():
    assert figures.figure_html("Clinic special", [], size="large") == ""


def test_broken_stored_poses_draw_no_figure_rather_than_break_the_page():
    assert figures.figure_html("Clinic special", [_pose(), {"surface": "mat"}]) == ""


def test_a_figure_is_drawn_once_and_then_served_from_the_cache():
    poses = [_pose(), _pose(description="Still lying on your back.")]
    first = figures.figure_html("Cache test", poses, size="large")
    assert figures.figure_html("Cache test", poses, size="large") is first


def test_template_tag_rejects_an_unknown_size():
    template = Template('{% load figures %}{% exercise_figure exercise size="huge" %}')
    with pytest.raises(TemplateSyntaxError, match="size must be one of"):
        template.render(Context({"exercise": Exercise(name="x", poses=[_pose(), _pose()])}))


def test_the_large_figure_has_a_pause_button_that_scripts_reveal():
    html = Template('{% load figures %}{% exercise_figure exercise size="large" %}').render(
        Context({"exercise": Exercise(name="Test", poses=[_pose(), _pose()])})
    )
    assert '<button type="button"' in html
    assert "hidden>Pause the animation</button>" in html


@pytest.mark.django_db
def test_list_and_detail_show_the_figures_without_extra_queries(
    client, library, django_assert_num_queries
):
    # 2 queries: the library's version, the exercises with their poses (exercises.library).
    with django_assert_num_queries(2):
        response = client.get(reverse("exercises:list"))
    assert response.content.decode().count('class="exercise-figure exercise-figure--small"') == (
        Exercise.objects.count()
    )
    exercise = Exercise.objects.get(slug="bird-dog")
    # 3 queries: the exercise with its easier variation, its steps, its harder variations.
    with django_assert_num_queries(3):
        response = client.get(exercise.get_absolute_url())
    content = response.content.decode()
    assert "exercise-figure--large" in content
    assert "css/figures.css" in content
    assert "js/figures.js" in content


def _vector(start, end):
    return end[0] - start[0], end[1] - start[1]


def test_childs_pose_shows_a_kneeling_fold_with_forehead_and_hands_on_the_mat():
    entry = next(entry for entry in ENTRIES if entry["slug"] == "childs-pose")
    poses = figures.parse_poses(entry["poses"])
    joints = skeleton.placed_joints(poses)[-1]  # the thumbnail's position
    mat = skeleton.surface_height(poses[-1])

    def above_mat(name: str, radius: float) -> float:
        return joints[name][1] - radius - mat

    # Knees, shins, forehead and hands all rest on the mat (within a unit of it).
    assert above_mat("near_knee", skeleton.WIDTHS["thigh"] / 2) < 1
    assert above_mat("near_ankle", skeleton.WIDTHS["shin"] / 2) < 2
    assert above_mat("head", skeleton.HEAD_RADIUS) < 1
    assert above_mat("near_hand", skeleton.WIDTHS["forearm"] / 2) < 1
    # Sitting back: the hips over the lower legs, behind the knees; head and hands in front.
    assert joints["near_ankle"][0] < joints["hip"][0] < joints["near_knee"][0]
    assert joints["near_knee"][0] < joints["head"][0] < joints["near_hand"][0]
    # The back arches clear of the thighs, so the body is not one lump: the thigh leaves the
    # hip at a steeper angle than the back, by more than their half widths need.
    thigh = math.atan2(*reversed(_vector(joints["hip"], joints["near_knee"])))
    back = math.atan2(*reversed(_vector(joints["hip"], joints["waist"])))
    assert math.degrees(back - thigh) > 35


def test_a_thumbnail_is_named_once_by_its_label():
    for entry in ENTRIES:
        svg = _svg(figures.figure_html(entry["name"], entry["poses"], size="small"))
        assert svg.get("role") == "img"
        assert svg.get("aria-label").startswith(entry["name"])
        assert svg.find(f"{SVG}title") is None
