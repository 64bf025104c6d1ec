"""A study's evaluation read in a fixed number of queries: its IFE and EFE matrices, strategic
position, IE cell, SPACE figures and QSPM rankings (planning/evaluation.py's arithmetic on the
study's own rows). The editor's page, the report and `manage.py evaluate` all read it here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from evaluation.models import QspmChoice, QspmScore, QspmSet, SpaceMatrix, SpaceVariable
from planning.evaluation import (
    DIMENSIONS,
    POSITION_LABELS,
    PRESCRIPTIONS,
    SPACE_DEFAULT_SCALE,
    Assessed,
    MatrixFigures,
    QspmFigures,
    QspmRow,
    SpaceFigures,
    ie_cell,
    matrix_figures,
    qspm_figures,
    space_figures,
    strategic_position,
)
from planning.vocabulary import DISPLAY_ORDER, INTERNAL_KINDS
from swot.models import Factor, Study


@dataclass(frozen=True)
class QspmSetFigures:
    qspm_set: QspmSet
    figures: QspmFigures


@dataclass(frozen=True)
class StudyEvaluation:
    study: Study
    ife: MatrixFigures  # the S and W factors, S first, each in number order
    efe: MatrixFigures  # O then T
    space_scale: int
    space_variables: tuple[SpaceVariable, ...]
    space: SpaceFigures
    qspm: tuple[QspmSetFigures, ...]

    @property
    def position(self) -> str:
        """aggressive, conservative, competitive or defensive (the IFE and EFE totals)."""
        return strategic_position(self.ife.total, self.efe.total)[0]

    @property
    def recommended_quadrant(self) -> str:
        """The TOWS quadrant the position recommends: SO, WO, ST or WT."""
        return strategic_position(self.ife.total, self.efe.total)[1]

    @property
    def ie_cell(self) -> str:
        return ie_cell(self.ife.total, self.efe.total)[0]

    @property
    def prescription(self) -> str:
        return PRESCRIPTIONS[self.ie_cell]

    @property
    def provisional(self) -> bool:
        """The position and the IE cell stand on a provisional total."""
        return self.ife.provisional or self.efe.provisional


def assessed(factor: Factor) -> Assessed:
    """A factor's row of its IFE or EFE matrix, read with `select_related("assessment")`."""
    assessment = getattr(factor, "assessment", None)
    return Assessed(
        factor.code,
        factor.kind,
        assessment.weight if assessment else None,
        assessment.rating if assessment else None,
    )


def ife_and_efe(rows: list[Assessed]) -> tuple[MatrixFigures, MatrixFigures]:
    """The IFE matrix of the internal factors' rows and the EFE matrix of the external ones."""
    return (
        matrix_figures(row for row in rows if row.kind in INTERNAL_KINDS),
        matrix_figures(row for row in rows if row.kind not in INTERNAL_KINDS),
    )


@dataclass(frozen=True)
class QspmGrid:
    """A QSPM set as stored: its strategies in their columns and, per factor scored, one score
    per column (None where a cell has none)."""

    qspm_set: QspmSet
    choices: list[QspmChoice]
    cells: dict[int, list[int | None]]  # factor pk → scores


def qspm_grids(study: Study) -> list[QspmGrid]:
    """The study's QSPM sets in their order, in three queries."""
    sets = QspmSet.objects.filter(study=study).prefetch_related(
        Prefetch("choices", queryset=QspmChoice.objects.select_related("strategy")),
        Prefetch(
            "scores",
            queryset=QspmScore.objects.only("qspm_set_id", "factor_id", "strategy_id", "score"),
        ),
    )
    grids = []
    for qspm_set in sets:
        choices = list(qspm_set.choices.all())
        column = {choice.strategy_id: n for n, choice in enumerate(choices)}
        cells: dict[int, list[int | None]] = {}
        for score in qspm_set.scores.all():
            if score.strategy_id in column:
                row = cells.setdefault(score.factor_id, [None] * len(choices))
                row[column[score.strategy_id]] = score.score
        grids.append(QspmGrid(qspm_set, choices, cells))
    return grids


def evaluate_study(study: Study) -> StudyEvaluation:
    """Everything David's tools say of a study, in six queries whatever its size."""
    factors = list(
        Factor.objects.filter(study=study)
        .select_related("assessment")
        .only("kind", "number", "study_id", "assessment__weight", "assessment__rating")
    )
    factors.sort(key=lambda f: (DISPLAY_ORDER.index(f.kind), f.number))
    rows = [assessed(f) for f in factors]
    ife, efe = ife_and_efe(rows)

    matrix = SpaceMatrix.objects.filter(study=study).first()
    scale = matrix.scale if matrix else SPACE_DEFAULT_SCALE
    variables = tuple(SpaceVariable.objects.filter(study=study))
    space = space_figures({d: [v.score for v in variables if v.dimension == d] for d in DIMENSIONS})

    qspm = []
    for grid in qspm_grids(study):
        dashes = [None] * len(grid.choices)
        qspm_rows = [
            QspmRow(row.code, row.weight, tuple(grid.cells.get(f.pk, dashes)))
            for f, row in zip(factors, rows, strict=True)
        ]
        figures = qspm_figures([c.strategy.code for c in grid.choices], qspm_rows)
        qspm.append(QspmSetFigures(grid.qspm_set, figures))

    return StudyEvaluation(
        study=study,
        ife=ife,
        efe=efe,
        space_scale=scale,
        space_variables=variables,
        space=space,
        qspm=tuple(qspm),
    )


@dataclass(frozen=True)
class Position:
    """The strategic position a study's IFE and EFE totals give, for pages that show only it."""

    name: str  # aggressive, conservative, competitive, defensive
    quadrant: str  # the TOWS quadrant it recommends: SO, WO, ST, WT
    provisional: bool

    @property
    def label(self) -> str:
        return str(POSITION_LABELS[self.name])


def position_of(factors: list[Factor]) -> Position | None:
    """The position of factors read with their assessment (`select_related("assessment")`),
    or None when no factor is weighed or rated yet: no query of its own."""
    rows = [assessed(f) for f in factors]
    if all(row.weight is None and row.rating is None for row in rows):
        return None
    ife, efe = ife_and_efe(rows)
    name, quadrant = strategic_position(ife.total, efe.total)
    return Position(name, quadrant, ife.provisional or efe.provisional)
