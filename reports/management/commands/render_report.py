from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.data import build_report
from reports.render import PARTS, render_report_html, render_report_pdf, report_filename
from swot.models import Study


class Command(BaseCommand):
    help = (
        "Render a study's report (Tables 1–3 with a title page, or one table alone) to a PDF "
        "file; with --html, to the HTML that WeasyPrint typesets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the study's slug, e.g. mashhad-city-diplomacy")
        parser.add_argument(
            "--part", choices=PARTS, default="combined", help="which report (default: combined)"
        )
        parser.add_argument(
            "-o",
            "--output",
            help="the file to write (default: <slug>-<part>-<YYYY-MM-DD>.pdf, or .html, "
            "in the current directory)",
        )
        parser.add_argument("--html", action="store_true", help="write the HTML, not a PDF")

    def handle(self, *args, slug: str, part: str, output: str | None, html: bool, **options):
        study = Study.objects.filter(slug=slug).first()
        if study is None:
            known = ", ".join(Study.objects.values_list("slug", flat=True)) or "none is loaded"
            raise CommandError(f"No study '{slug}' (studies: {known}).")
        path = Path(output or report_filename(study, part))
        if html:
            if not output:
                path = path.with_suffix(".html")
            data = render_report_html(build_report(study), part).encode()
            summary = "HTML"
        else:
            rendered = render_report_pdf(study, part)
            data = rendered.pdf
            summary = f"{rendered.pages} page{'' if rendered.pages == 1 else 's'}"
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}.") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({summary}, {len(data):,} bytes)."))
