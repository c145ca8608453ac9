"""Conditions that call for a professional's word before exercising, and what each exercise page
says about them to a person who has told Backcare they apply.

Recent surgery or a fracture, and a diagnosed condition of the spine, concern every exercise.
Pregnancy and osteoporosis concern the exercises the content file tags with them: lying on the
front or flat on the back for long (pregnancy, after the first trimester: RCOG and ACOG advice on
exercise in pregnancy), and forward bending or twisting of the spine (osteoporosis: Royal
Osteoporosis Society, Strong, steady and straight, 2019).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Precaution(models.TextChoices):
    PREGNANCY = "pregnancy", _("I am pregnant")
    OSTEOPOROSIS = "osteoporosis", _("I have osteoporosis or have been told my bones are thin")
    RECENT_SURGERY = "recent_surgery", _("I have had surgery or a fracture in the last six months")
    DIAGNOSED_CONDITION = (
        "diagnosed_condition",
        _(
            "A doctor has diagnosed a condition of my spine (for example a slipped disc, "
            "spinal stenosis or spondylolisthesis)"
        ),
    )


# The ones a content entry may name; the others concern every exercise.
TAGGED = (Precaution.PREGNANCY, Precaution.OSTEOPOROSIS)
EVERY_EXERCISE = (Precaution.RECENT_SURGERY, Precaution.DIAGNOSED_CONDITION)

MESSAGES = {
    Precaution.PREGNANCY: _(
        "You told Backcare you are pregnant. After the first three months, lying on your front, "
        "or flat on your back for more than a few minutes, is not advised: ask your midwife or "
        "a physiotherapist for a version that suits you."
    ),
    Precaution.OSTEOPOROSIS: _(
        "You told Backcare you have osteoporosis. This exercise bends or twists the spine: ask a "
        "physiotherapist whether it suits you, and keep the movement slow, small and pain-free."
    ),
    Precaution.RECENT_SURGERY: _(
        "You told Backcare you have had surgery or a fracture recently. Check with your surgeon "
        "or physiotherapist that this exercise is right for you now."
    ),
    Precaution.DIAGNOSED_CONDITION: _(
        "You told Backcare a doctor has diagnosed a condition of your spine. Check with them or "
        "a physiotherapist that this exercise suits your condition."
    ),
}


def relevant_precautions(exercise_precautions, person_precautions) -> list[Precaution]:
    """The person's precautions that concern this exercise, most specific first."""
    person = set(person_precautions or ())
    relevant = [p for p in TAGGED if p in (exercise_precautions or ()) and p in person]
    return relevant + [p for p in EVERY_EXERCISE if p in person]


def precaution_messages(exercise_precautions, person_precautions) -> list[str]:
    """What an exercise's page, the routine page and the player say to a person with the given
    precautions, most specific first."""
    return [
        str(MESSAGES[p]) for p in relevant_precautions(exercise_precautions, person_precautions)
    ]
