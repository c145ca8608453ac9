from django.core.management.base import BaseCommand, CommandError

from exercises.contentfile import ContentError
from exercises.services import CONTENT_PATH, exercise_library_load


class Command(BaseCommand):
    help = "Load the exercise library from its content file. Safe to run any number of times."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=CONTENT_PATH, help="Content file (YAML).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite exercises that were edited in the admin with the file's version.",
        )

    def handle(self, *args, path, force, **options):
        try:
            report = exercise_library_load(path=path, force=force)
        except ContentError as error:
            raise CommandError(f"Exercise content not loaded: {error}") from error
        self.stdout.write(report.summary("Exercises"))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
        if report.kept_local_edits:
            self.stdout.write(
                self.style.WARNING(
                    "Kept local admin edits (use --force to overwrite): "
                    + ", ".join(report.kept_local_edits)
                )
            )
