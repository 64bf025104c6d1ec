from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from studyfile.export import dump_study_file, export_study
from swot.models import Study


class Command(BaseCommand):
    help = (
        "Write a study (factors, strategies, citations, action programs with each place's own "
        "wording and footnote, unattached actions, report style, and David's tools: IFE/EFE "
        "weights and ratings, SPACE matrix, QSPM sets) as a YAML study file that "
        "load_study reads back to the same study: to standard output, or to the file given "
        "with -o."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the study's slug, e.g. mashhad-city-diplomacy")
        parser.add_argument("-o", "--output", help="the file to write (default: standard output)")

    def handle(self, *args, slug: str, output: str | None, **options) -> None:
        study = Study.objects.filter(slug=slug).first()
        if study is None:
            raise CommandError(f"No study '{slug}'.")
        when = timezone.now().strftime("%Y-%m-%d %H:%M")
        comment = f"Exported from the strategy-matrix workbench on {when} UTC."
        text = dump_study_file(export_study(study), comment)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
