from django.core.management.base import BaseCommand, CommandError

from routines.services import CONTENT_PATH, RoutineContentError, curated_routines_load


class Command(BaseCommand):
    help = "Load the curated routines from their content file. Safe to run any number of times."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=CONTENT_PATH, help="Content file (YAML).")

    def handle(self, *args, path, **options):
        try:
            report = curated_routines_load(path=path)
        except RoutineContentError as error:
            raise CommandError(f"Routines not loaded: {error}") from error
        self.stdout.write(
            f"Routines: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged."
        )
