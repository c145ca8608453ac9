from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from exercises.figures import PoseError, figure_label, parse_poses, render_svg
from exercises.models import Exercise, ExerciseStep


class ExerciseStepInline(admin.TabularInline):
    model = ExerciseStep
    fields = ["number", "text", "text_de"]
    extra = 1


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "category",
        "difficulty",
        "position",
        "easier_variation",
        "locally_edited",
    ]
    list_filter = ["category", "difficulty", "position", "locally_edited"]
    list_select_related = ["easier_variation"]
    search_fields = ["name", "summary", "target_areas", "name_de", "summary_de", "target_areas_de"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["easier_variation"]
    inlines = [ExerciseStepInline]
    readonly_fields = ["picture_preview"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "category", "difficulty", "position"]}),
        (
            _("Dosage"),
            {
                "fields": [
                    ("hold_seconds_min", "hold_seconds_max"),
                    ("repetitions_min", "repetitions_max"),
                    "per_side",
                    "sets",
                    "frequency",
                ]
            },
        ),
        (
            _("Details"),
            {
                "fields": [
                    "target_areas",
                    "equipment",
                    "benefits",
                    "caution",
                    "safety_notes",
                    "precautions",
                    "common_mistakes",
                    "easier_variation",
                    "sources",
                ]
            },
        ),
        (_("Picture"), {"fields": ["poses", "picture_preview"]}),
        # The text of exercises.de.yaml; an empty field shows the English.
        (
            _("German"),
            {
                "fields": [
                    "name_de",
                    "summary_de",
                    "target_areas_de",
                    "equipment_de",
                    "benefits_de",
                    "caution_de",
                    "safety_notes_de",
                    "common_mistakes_de",
                    "sources_de",
                    "pose_descriptions_de",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/figures.css"]}

    @admin.display(description=_("preview"))
    def picture_preview(self, obj):
        """Every position of the saved poses side by side, as the site draws them."""
        if not obj.poses:
            return _("No picture: add positions above.")
        try:
            poses = parse_poses(obj.poses)
        except PoseError as error:
            return error
        figures = (
            render_svg(
                poses,
                label=figure_label(obj.name, poses, animated=False, key_pose=index),
                animated=False,
                key_pose=index,
            )
            for index in range(len(poses))
        )
        return format_html_join(
            "", '<div class="figure-preview">{}</div>', ((mark_safe(svg),) for svg in figures)
        )

    def save_model(self, request, obj, form, change):
        # Marks the row so `load_exercises` keeps this edit instead of restoring the file's text.
        obj.locally_edited = True
        super().save_model(request, obj, form, change)
