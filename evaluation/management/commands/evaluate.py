"""`manage.py evaluate SLUG [--json]`: a study's figures by David's tools, for people or for
scripts. The figures are evaluate_study()'s, shown as everywhere else (planning.evaluation)."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from evaluation.figures import StudyEvaluation, evaluate_study
from planning.evaluation import MatrixFigures, shown, shown_weight
from swot.models import Study


def matrix_json(figures: MatrixFigures) -> dict:
    return {
        "total": str(shown(figures.total)),
        "weight_sum": str(shown_weight(figures.weight_sum)),
        "valid": figures.valid,
    }


def evaluation_json(evaluation: StudyEvaluation) -> dict:
    """Exactly the issue's keys; numbers as decimal strings, totals to two decimals."""
    return {
        "ife": matrix_json(evaluation.ife),
        "efe": matrix_json(evaluation.efe),
        "position": evaluation.position,
        "ie": {"cell": evaluation.ie_cell, "prescription": evaluation.prescription},
        "space": {
            "x": str(shown(evaluation.space.x)),
            "y": str(shown(evaluation.space.y)),
            "quadrant": evaluation.space.quadrant,
        },
        "qspm": [
            {
                "name": each.qspm_set.name,
                "ranking": [
                    {"strategy": ranked.strategy, "total": str(shown(ranked.total))}
                    for ranked in each.figures.ranking
                ],
            }
            for each in evaluation.qspm
        ],
    }


def matrix_line(name: str, figures: MatrixFigures) -> str:
    weights = shown_weight(figures.weight_sum)
    if figures.valid:
        state = "valid"
    else:
        reasons = []
        if not figures.rows:
            reasons.append("no factors")
        elif not figures.complete:
            reasons.append("a factor lacks its weight or rating")
        if figures.rows and figures.off_by:
            reasons.append(f"weights off by {shown_weight(figures.off_by):+}")
        state = "provisional (" + "; ".join(reasons) + ")"
    return f"{name}  {shown(figures.total):>5}  {weights:>7}  {state}"


def evaluation_text(evaluation: StudyEvaluation) -> str:
    study, space = evaluation.study, evaluation.space
    provisional = " (provisional)" if evaluation.provisional else ""
    lines = [
        f"{study.title} ({study.slug})",
        "",
        "Matrix  Total  Weights  State",
        matrix_line("IFE   ", evaluation.ife),
        matrix_line("EFE   ", evaluation.efe),
        "",
        f"Strategic position  {evaluation.position}, "
        f"{evaluation.recommended_quadrant} strategies{provisional}",
        f"IE matrix           cell {evaluation.ie_cell}: {evaluation.prescription}{provisional}",
        f"SPACE (±{evaluation.space_scale})          x {shown(space.x)}, y {shown(space.y)}: "
        f"{space.quadrant}" + ("" if space.complete else " (a dimension has no variables)"),
    ]
    for each in evaluation.qspm:
        lines += [
            "",
            f"QSPM {each.qspm_set.name}"
            + (
                ""
                if each.figures.complete
                else " (incomplete: a row partly scored or its factor unweighed)"
            ),
        ]
        lines += [
            f"  {n}. {ranked.strategy:<6} {shown(ranked.total):>5}"
            for n, ranked in enumerate(each.figures.ranking, 1)
        ]
        if not each.figures.ranking:
            lines.append("  (no strategies)")
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Print a study's figures by Fred R. David's tools: the IFE and EFE totals (weights "
        "summing to 1.00, ratings 1–4, total = sum of weight × rating), the strategic position "
        "(split at 2.5), the IE matrix's cell and prescription, the SPACE vector (x = CP + IP, "
        "y = FP + SP) and its quadrant, and each QSPM set's ranking. With --json, as JSON with "
        'the keys "ife", "efe", "position", "ie", "space" and "qspm", numbers as decimal strings.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the study's slug, e.g. mashhad-city-diplomacy")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print JSON, for scripts"
        )

    def handle(self, *args, slug: str, as_json: bool, **options) -> None:
        study = Study.objects.filter(slug=slug).first()
        if study is None:
            raise CommandError(f"No study '{slug}'.")
        if study.in_bin:
            raise CommandError(f"The study '{slug}' is in the bin: bring it back first.")
        evaluation = evaluate_study(study)
        if as_json:
            self.stdout.write(json.dumps(evaluation_json(evaluation), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(evaluation_text(evaluation))
