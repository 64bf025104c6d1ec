from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from studyfile.generate import MAX_SCALE, generate_study
from studyfile.schema import StudyFileError


def scale_value(text: str) -> int:
    try:
        scale = int(text)
    except ValueError:
        raise CommandError(f"--scale: '{text}' is not a whole number") from None
    if not 1 <= scale <= MAX_SCALE:
        raise CommandError(f"--scale: {scale} is not between 1 and {MAX_SCALE}")
    return scale


class Command(BaseCommand):
    help = (
        "Generate a synthetic study N times the size of the Mashhad study (its Persian texts, "
        "citations and shared actions copied N times and renumbered), to measure the editor "
        "at a metropolis plan's size. --scale 1 is the Mashhad size. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", required=True, help=f"how many copies of the Mashhad study (1–{MAX_SCALE})"
        )
        parser.add_argument("--slug", help="the new study's slug (default: mashhad-x<N>)")
        parser.add_argument(
            "--replace", action="store_true", help="replace a study already loaded with that slug"
        )

    def handle(self, *args, scale: str, slug: str | None, replace: bool, **options) -> None:
        scale_n = scale_value(scale)
        with translation.override("en"):  # the loader's messages are English
            try:
                result = generate_study(scale_n, slug or f"mashhad-x{scale_n}", replace=replace)
            except StudyFileError as exc:
                raise CommandError(f"Nothing generated. {exc}") from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
