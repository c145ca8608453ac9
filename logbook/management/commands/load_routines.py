from django.core.management.base import BaseCommand, CommandError

from exercises.contentfile import ContentError
from logbook.services import CONTENT_PATH, curated_routines_load


class Command(BaseCommand):
    help = "Load the curated routines from their content file. Safe to run any number of times."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=CONTENT_PATH, help="Content file (YAML).")

    def handle(self, *args, path, **options):
        try:
            report = curated_routines_load(path=path)
        except ContentError as error:
            raise CommandError(f"Routines not loaded: {error}") from error
        self.stdout.write(report.summary("Routines"))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
