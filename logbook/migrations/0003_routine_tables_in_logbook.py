"""The routine tables take the logbook's names (issue #9: routines folded into the logbook).

A rename keeps every row and every foreign key pointing at it. The content types (which the
admin's history and permissions point to) move with the models instead of being made anew.
"""

from django.db import migrations

MODELS = ("routine", "routineitem")


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label="logbook", model=model).exists():
            content_type.objects.filter(app_label="routines", model=model).update(
                app_label="logbook"
            )


def restore_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label="routines", model=model).exists():
            content_type.objects.filter(app_label="logbook", model=model).update(
                app_label="routines"
            )


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("logbook", "0002_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="routine", table=None),
        migrations.AlterModelTable(name="routineitem", table=None),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
