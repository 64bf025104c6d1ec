"""`manage.py evaluate SLUG [--json]`: the hand-computed figures of tests/evaluation/studies.py
as a table for people and as JSON with exactly the issue's keys."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from evaluation.models import Assessment
from swot.changes import move_studies_to_bin
from tests.evaluation.studies import assess, evaluated_study
from tests.factories import StudyFactory

pytestmark = pytest.mark.django_db


def evaluate(*args: str) -> str:
    out = io.StringIO()
    call_command("evaluate", *args, stdout=out)
    return out.getvalue()


def test_json_has_exactly_the_issues_keys_and_the_hand_computed_figures():
    evaluated_study()

    figures = json.loads(evaluate("evaluated", "--json"))

    assert figures == {
        "ife": {"total": "2.80", "weight_sum": "1.00", "valid": True},
        "efe": {"total": "2.10", "weight_sum": "1.00", "valid": True},
        "position": "competitive",
        "ie": {"cell": "V", "prescription": "hold and maintain"},
        "space": {"x": "1.33", "y": "1.50", "quadrant": "aggressive"},
        "qspm": [
            {
                "name": "SO",
                "ranking": [
                    {"strategy": "SO2", "total": "3.20"},
                    {"strategy": "SO1", "total": "2.90"},
                ],
            },
            {"name": "ST", "ranking": [{"strategy": "ST1", "total": "1.35"}]},
        ],
    }


def test_json_of_weights_summing_to_0_999_shows_the_sum_and_is_not_valid():
    """IFE: S1 0.500 × 3 = 1.500, W1 0.499 × 2 = 0.998; total 2.498, shown 2.50; weights
    0.999. EFE: O1 1.000 × 2 = 2.00. Placed as shown: IFE 2.50 (strong), EFE 2.00 < 2.5 (low):
    competitive; IE: IFE 2.50 and EFE 2.00 both average: V."""
    study = StudyFactory(slug="off")
    assess(study, {"S1": ("0.500", 3), "W1": ("0.499", 2), "O1": ("1", 2)})

    figures = json.loads(evaluate("off", "--json"))

    assert figures["ife"] == {"total": "2.50", "weight_sum": "0.999", "valid": False}
    assert figures["efe"] == {"total": "2.00", "weight_sum": "1.00", "valid": True}
    assert figures["position"] == "competitive"
    assert figures["ie"] == {"cell": "V", "prescription": "hold and maintain"}
    assert figures["qspm"] == []


def test_the_table_shows_the_figures_for_people():
    evaluated_study()

    text = evaluate("evaluated")

    assert "IFE      2.80     1.00  valid" in text
    assert "EFE      2.10     1.00  valid" in text
    assert "Strategic position  competitive, ST strategies\n" in text
    assert "IE matrix           cell V: hold and maintain\n" in text
    assert "SPACE (±7)          x 1.33, y 1.50: aggressive\n" in text
    assert "QSPM SO\n  1. SO2     3.20\n  2. SO1     2.90\n\nQSPM ST\n  1. ST1     1.35" in text


def test_the_table_says_why_a_matrix_is_provisional():
    """S1 0.6 × 4 = 2.40 and W1 0.3 unrated: IFE 2.40, weights 0.90, off by −0.10."""
    study = StudyFactory(slug="partial")
    assess(study, {"S1": ("0.6", 4), "W1": ("0.3", 1)})
    Assessment.objects.filter(factor__study=study, factor__kind="W").update(rating=None)

    text = evaluate("partial")

    assert (
        "IFE      2.40     0.90  provisional (a factor lacks its weight or rating; "
        "weights off by -0.10)" in text
    )
    assert "EFE      0.00     0.00  provisional (no factors)" in text
    assert "(provisional)" in text.split("Strategic position")[1].splitlines()[0]


def test_an_unknown_study_is_named_in_the_error():
    with pytest.raises(CommandError, match="No study 'nowhere'."):
        evaluate("nowhere", "--json")


def test_a_study_in_the_bin_is_named_in_the_error():
    study = StudyFactory(slug="binned")
    move_studies_to_bin([study.pk])

    with pytest.raises(CommandError, match="The study 'binned' is in the bin"):
        evaluate("binned")
