"""evaluate_study(): a study's own rows through David's arithmetic, in a fixed number of
queries (the figures worked out by hand in tests/evaluation/studies.py)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from evaluation.figures import evaluate_study
from evaluation.models import Assessment, QspmChoice
from tests.evaluation.studies import add_qspm, assess, evaluated_study
from tests.factories import FactorFactory, StrategyFactory, StudyFactory

pytestmark = pytest.mark.django_db

D = Decimal


def test_a_study_evaluates_to_its_hand_computed_figures():
    evaluation = evaluate_study(evaluated_study())

    assert [(r.code, r.score) for r in evaluation.ife.rows] == [
        ("S1", D("1.20")),
        ("S2", D("0.60")),
        ("W1", D("1.00")),
    ]
    assert [r.code for r in evaluation.efe.rows] == ["O1", "O2", "T1"]
    assert (evaluation.ife.total, evaluation.ife.weight_sum) == (D("2.80"), 1)
    assert (evaluation.efe.total, evaluation.efe.weight_sum) == (D("2.10"), 1)
    assert not evaluation.provisional
    assert (evaluation.position, evaluation.recommended_quadrant) == ("competitive", "ST")
    assert (evaluation.ie_cell, evaluation.prescription) == ("V", "hold and maintain")
    assert evaluation.space_scale == 7
    assert (evaluation.space.x, evaluation.space.y) == (Fraction(4, 3), Fraction(3, 2))
    assert evaluation.space.quadrant == "aggressive"
    so, st = evaluation.qspm
    assert so.qspm_set.name == "SO"
    assert [(r.strategy, r.total) for r in so.figures.ranking] == [
        ("SO2", D("3.20")),
        ("SO1", D("2.90")),
    ]
    assert [row.code for row in so.figures.rows if not row.relevant] == ["S2", "O2", "T1"]
    assert [(r.strategy, r.total) for r in st.figures.ranking] == [("ST1", D("1.35"))]


def test_a_factor_without_an_assessment_leaves_its_matrix_provisional():
    """S1 0.60 × 3 = 1.80 and S2 never assessed: IFE 1.80, incomplete; no EFE factors."""
    study = StudyFactory()
    assess(study, {"S1": ("0.60", 3)})
    FactorFactory(study=study, kind="S", number=2)

    evaluation = evaluate_study(study)

    assert [(r.code, r.weight, r.rating) for r in evaluation.ife.rows] == [
        ("S1", D("0.600"), 3),
        ("S2", None, None),
    ]
    assert (evaluation.ife.total, evaluation.ife.complete) == (D("1.80"), False)
    assert evaluation.provisional


def test_a_strategy_added_to_a_scored_set_leaves_the_set_incomplete_not_broken():
    """SO1 scored S1 4 (0.5 × 4 = 2.00); SO2 joins the set afterwards: S1's row is partly
    scored and counts for neither."""
    study = StudyFactory()
    assess(study, {"S1": ("0.5", 4), "W1": ("0.5", 1)})
    StrategyFactory(study=study, quadrant="SO", number=1)
    so2 = StrategyFactory(study=study, quadrant="SO", number=2)
    qspm_set = add_qspm(study, "SO", 1, ["SO1"], {"S1": [4]})
    assert evaluate_study(study).qspm[0].figures.totals == (D("2.00"),)

    QspmChoice.objects.create(qspm_set=qspm_set, strategy=so2, position=2)
    figures = evaluate_study(study).qspm[0].figures

    assert figures.totals == (0, 0)
    assert not figures.complete


def grown(study, factors: int, sets: int) -> None:
    """More factors of every kind (assessed), strategies, SPACE variables and QSPM sets."""
    for kind in "SWOT":
        start = study.factors.filter(kind=kind).count() + 1
        for number in range(start, start + factors):
            factor = FactorFactory(study=study, kind=kind, number=number)
            Assessment.objects.create(factor=factor, weight=D("0.01"), rating=2)
    start = study.strategies.filter(quadrant="WT").count() + 1
    codes = []
    for number in range(start, start + 4):
        StrategyFactory(study=study, quadrant="WT", number=number)
        codes.append(f"WT{number}")
    for n in range(sets):
        add_qspm(study, f"more {n}", 10 + n, codes, {"W1": [1, 2, 3, 4], "T1": None})


@pytest.mark.parametrize(("factors", "sets"), [(0, 0), (20, 6)], ids=["small", "large"])
def test_evaluating_a_study_takes_six_queries_whatever_its_size(
    django_assert_num_queries, factors, sets
):
    """Factors and assessments; the SPACE scale; its variables; the QSPM sets, their choices
    with strategies, their scores."""
    study = evaluated_study()
    grown(study, factors, sets)

    with django_assert_num_queries(6):
        evaluation = evaluate_study(study)
        assert len(evaluation.qspm) == 2 + sets
