from django.contrib import admin

from exercises.models import Exercise, ExerciseStep


class ExerciseStepInline(admin.TabularInline):
    model = ExerciseStep
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
    search_fields = ["name", "summary", "target_areas"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["easier_variation"]
    inlines = [ExerciseStepInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "category", "difficulty", "position"]}),
        (
            "Dosage",
            {
                "fields": [
                    ("hold_seconds_min", "hold_seconds_max"),
                    ("repetitions_min", "repetitions_max"),
                    "per_side",
                    "sets",
                ]
            },
        ),
        (
            "Details",
            {
                "fields": [
                    "target_areas",
                    "equipment",
                    "benefits",
                    "safety_notes",
                    "common_mistakes",
                    "easier_variation",
                    "sources",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        # Marks the row so `load_exercises` keeps this edit instead of restoring the file's text.
        obj.locally_edited = True
        super().save_model(request, obj, form, change)
