from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from studyfile.load import load_study_file
from studyfile.schema import StudyFileError, read_study_file
from swot.models import Study


class Command(BaseCommand):
    help = (
        "Load a study (factors, strategies, citations, action programs) from a YAML or JSON "
        "file keyed by factor and strategy codes. All or nothing: a bad record loads nothing. "
        "A study whose slug is already loaded is refused unless --replace or --if-missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="e.g. fixtures/mashhad-city-diplomacy.yaml")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--replace",
            action="store_true",
            help="Delete the loaded study with the same slug and load the file in its place.",
        )
        mode.add_argument(
            "--if-missing",
            action="store_true",
            help="Leave an already loaded study as it is (and its edits); load only if absent.",
        )

    def handle(self, *args, path: str, replace: bool, if_missing: bool, **options) -> None:
        # The loader's own messages are English; the model rules' must match them.
        with translation.override("en"):
            self.load(path, replace=replace, if_missing=if_missing)

    def load(self, path: str, *, replace: bool, if_missing: bool) -> None:
        try:
            if if_missing:
                study = read_study_file(path).get("study")
                slug = study.get("slug") if isinstance(study, dict) else None
                if slug and Study.objects.filter(slug=slug).exists():
                    self.stdout.write(f"Study '{slug}' is already loaded; left as it is.")
                    return
            result = load_study_file(path, replace=replace)
        except StudyFileError as exc:
            raise CommandError(f"Nothing loaded. {exc}") from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
