"""A small study weighed, rated and scored by hand, for the evaluation's tests (its figures
are worked out in evaluated_study's docstring)."""

from decimal import Decimal

from evaluation.models import (
    Assessment,
    QspmChoice,
    QspmScore,
    QspmSet,
    SpaceMatrix,
    SpaceVariable,
)
from swot.models import Study
from tests.factories import FactorFactory, StrategyFactory, StudyFactory


def assess(study: Study, weights: dict[str, tuple[str, int]]) -> None:
    """Factors by code, each with its weight and rating."""
    for code, (weight, rating) in weights.items():
        factor = FactorFactory(study=study, kind=code[0], number=int(code[1:]))
        Assessment.objects.create(factor=factor, weight=Decimal(weight), rating=rating)


def add_qspm(
    study: Study,
    name: str,
    position: int,
    strategies: list[str],
    scores: dict[str, list[int] | None],
) -> QspmSet:
    """A QSPM set of the study's strategies (codes, in column order) with each factor's row
    by code (None: not relevant, no scores)."""
    chosen = [study.strategies.get(quadrant=c[:2], number=int(c[2:])) for c in strategies]
    qspm_set = QspmSet.objects.create(study=study, name=name, position=position)
    for n, strategy in enumerate(chosen, 1):
        QspmChoice.objects.create(qspm_set=qspm_set, strategy=strategy, position=n)
    for code, row in scores.items():
        factor = study.factors.get(kind=code[0], number=int(code[1:]))
        for strategy, score in zip(chosen, row or [], strict=False):
            QspmScore.objects.create(
                qspm_set=qspm_set, factor=factor, strategy=strategy, score=score
            )
    return qspm_set


def evaluated_study(slug: str = "evaluated") -> Study:
    """IFE: S1 0.30 × 4 = 1.20, S2 0.20 × 3 = 0.60, W1 0.50 × 2 = 1.00; total 2.80, weights 1.00.
    EFE: O1 0.40 × 2 = 0.80, O2 0.35 × 3 = 1.05, T1 0.25 × 1 = 0.25; total 2.10, weights 1.00.
    Position: IFE 2.80 ≥ 2.5 (strong), EFE 2.10 < 2.5 (low): competitive (ST).
    IE: IFE 2.80 in 2.0–2.99 (average column), EFE 2.10 in 2.0–2.99 (medium row): cell V,
    hold and maintain.
    SPACE ±7: FP (5 + 4) / 2 = 4.5, SP −3, CP (−4 − 5 − 5) / 3 = −14/3, IP 6;
    x = −14/3 + 6 = 4/3 → 1.33, y = 4.5 − 3 = 1.5 → 1.50: aggressive.
    QSPM "SO" (SO1, SO2): S1 [4, 2], S2 not relevant, W1 [1, 2], O1 [3, 4], O2 and T1 unscored
    SO1 = 0.30 × 4 + 0.50 × 1 + 0.40 × 3 = 1.20 + 0.50 + 1.20 = 2.90;
    SO2 = 0.30 × 2 + 0.50 × 2 + 0.40 × 4 = 0.60 + 1.00 + 1.60 = 3.20: SO2, then SO1.
    QSPM "ST" (ST1): S1 [2] → 0.60, T1 [3] → 0.75; ST1 = 1.35."""
    study = StudyFactory(slug=slug, title="Evaluated")
    assess(study, {"S1": ("0.30", 4), "S2": ("0.20", 3), "W1": ("0.50", 2)})
    assess(study, {"O1": ("0.40", 2), "O2": ("0.35", 3), "T1": ("0.25", 1)})
    for quadrant, number in [("SO", 1), ("SO", 2), ("ST", 1)]:
        StrategyFactory(study=study, quadrant=quadrant, number=number)
    SpaceMatrix.objects.create(study=study, scale=7)
    for n, (dimension, name, score) in enumerate(
        [
            ("FP", "Budget surplus", 5),
            ("FP", "Access to funds", 4),
            ("SP", "Political stability", -3),
            ("CP", "Brand", -4),
            ("CP", "Airline links", -5),
            ("CP", "Hotels", -5),
            ("IP", "Tourism growth", 6),
        ],
        1,
    ):
        SpaceVariable.objects.create(
            study=study, dimension=dimension, name=name, score=score, position=n
        )
    add_qspm(study, "SO", 1, ["SO1", "SO2"], {"S1": [4, 2], "S2": None, "W1": [1, 2], "O1": [3, 4]})
    add_qspm(study, "ST", 2, ["ST1"], {"S1": [2], "T1": [3]})
    return study
