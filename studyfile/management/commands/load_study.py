from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from studyfile.export import dump_study_file, export_study
from studyfile.load import EditedSinceLoad, load_study_file
from studyfile.schema import StudyFileError, read_study_file
from swot.models import Study


class Command(BaseCommand):
    help = (
        "Load a study (factors with their IFE/EFE weights and ratings, strategies, citations, "
        "action programs, SPACE matrix, QSPM sets) from a YAML or JSON "
        "file keyed by factor and strategy codes. All or nothing: a bad record loads nothing. "
        "A study whose slug is already loaded is refused unless --replace or --if-missing; "
        "one in the admin's bin is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="e.g. fixtures/mashhad-city-diplomacy.yaml")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Load the file in place of the loaded study with the same slug, keeping the "
                "study (its id and History): its details are updated, its factors, strategies "
                "and actions replaced. Refused if it was changed since it was loaded, unless "
                "--force."
            ),
        )
        mode.add_argument(
            "--if-missing",
            action="store_true",
            help="Leave an already loaded study as it is (and its edits); load only if absent.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "With --replace: replace the study even if it was changed since it was loaded, "
                "after writing an export of it as it is to "
                "<slug>-before-replace-<YYYYmmdd-HHMMSS>.yaml."
            ),
        )
        parser.add_argument(
            "--backup-dir",
            default=".",
            help="Where --force writes that export (default: the current directory).",
        )

    def handle(
        self,
        *args,
        path: str,
        replace: bool,
        if_missing: bool,
        force: bool,
        backup_dir: str,
        **options,
    ) -> None:
        if force and not replace:
            raise CommandError("--force goes with --replace.")
        # The loader's own messages are English; the model rules' must match them.
        with translation.override("en"):
            self.load(path, replace=replace, if_missing=if_missing, force=force, to=backup_dir)

    def load(self, path: str, *, replace: bool, if_missing: bool, force: bool, to: str) -> None:
        written: list[Path] = []

        def keep_copy(study: Study) -> None:
            written.append(write_export(study, Path(to)))

        try:
            if if_missing:
                study = read_study_file(path).get("study")
                slug = study.get("slug") if isinstance(study, dict) else None
                found = Study.objects.filter(slug=slug).first() if slug else None
                if found is not None and found.in_bin:
                    self.stdout.write(f"Study '{slug}' is in the bin; left as it is.")
                    return
                if found is not None:
                    self.stdout.write(f"Study '{slug}' is already loaded; left as it is.")
                    return
            result = load_study_file(path, replace=replace, force=force, keep_copy=keep_copy)
        except EditedSinceLoad as exc:
            raise CommandError(
                f"Nothing loaded. {exc}. Export it first (export_study {exc.slug}), or use "
                "--replace --force, which writes that export before replacing."
            ) from None
        except StudyFileError as exc:
            kept = f" (the export written before it is kept: {written[0]})" if written else ""
            raise CommandError(f"Nothing loaded{kept}. {exc}") from None
        except OSError as exc:  # the export before a forced replace could not be written
            raise CommandError(f"Nothing loaded: the export could not be written: {exc}") from None
        if written:
            self.stdout.write(f"Wrote the study as it was before the replace to {written[0]}")
        if result.changes_replaced:
            dropped = result.changes_replaced
            self.stdout.write(f"Dropped {dropped} change(s) made since it was loaded.")
        self.stdout.write(self.style.SUCCESS(result.summary()))


def write_export(study: Study, directory: Path) -> Path:
    """The study as a study file, `<slug>-before-replace-<YYYYmmdd-HHMMSS>.yaml` in `directory`;
    never over an existing file."""
    now = timezone.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    comment = (
        f"The study '{study.slug}' as it was before load_study --replace --force, "
        f"exported on {now.strftime('%Y-%m-%d %H:%M')} UTC."
    )
    text = dump_study_file(export_study(study), comment)
    path = directory / f"{study.slug}-before-replace-{stamp}.yaml"
    with path.open("x", encoding="utf-8") as out:  # "x": an earlier export is never overwritten
        out.write(text)
    return path
