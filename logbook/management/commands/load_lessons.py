from django.core.management.base import BaseCommand, CommandError

from exercises.contentfile import ContentError
from logbook.services.content import LESSONS_PATH, lessons_load


class Command(BaseCommand):
    help = "Load the lessons from their content file. Safe to run any number of times."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=LESSONS_PATH, help="Content file (YAML).")

    def handle(self, *args, path, **options):
        try:
            report = lessons_load(path=path)
        except ContentError as error:
            raise CommandError(f"Lessons not loaded: {error}") from error
        self.stdout.write(report.summary("Lessons"))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
