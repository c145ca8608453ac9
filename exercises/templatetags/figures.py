from django import template

from exercises import figures

register = template.Library()


@register.simple_tag
def exercise_figure(exercise, size="large"):
    """The exercise's picture: ``size="large"`` animated with a pause button, ``"small"`` still.

    Pages that use it link static/css/figures.css, and static/js/figures.js for the button.
    """
    if size not in figures.SIZES:
        raise template.TemplateSyntaxError(
            f"exercise_figure size must be one of {list(figures.SIZES)}, not {size!r}"
        )
    return figures.figure_html(exercise.name, exercise.shown_poses, size=size)
