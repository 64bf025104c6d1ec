"""Editing strategies in the quadrant cells: add, edit, delete, move."""

import pytest
from django.urls import reverse

from actions.models import Action
from tests.helpers import HX, strategy

pytestmark = pytest.mark.django_db


def test_analyst_adds_a_strategy_to_a_quadrant(analyst, study):
    url = reverse("strategy-add", args=["small", "WT"])
    response = analyst.post(url, {"text": "Defend", "note": ""}, headers=HX)
    assert response.status_code == 200 and 'id="quadrant-WT"' in response.text
    assert strategy(study, "WT1").text == "Defend"


def test_strategy_without_text_is_refused_with_the_error_next_to_the_field(analyst, study):
    url = reverse("strategy-add", args=["small", "WO"])
    response = analyst.post(url, {"text": "", "note": "keep me"}, headers=HX)
    assert 'aria-invalid="true"' in response.text and 'value="keep me"' in response.text
    assert not study.strategies.filter(quadrant="WO").exists()


def test_analyst_edits_a_strategy(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(
        reverse("strategy-edit", args=[so1.pk]), {"text": "Grow faster", "note": "n"}, headers=HX
    )
    assert f'id="strategy-{so1.pk}"' in response.text and "Grow faster" in response.text


def test_deleting_a_strategy_renumbers_its_quadrant_and_keeps_its_actions(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(reverse("strategy-delete", args=[so1.pk]), headers=HX)
    assert response.status_code == 200 and 'id="quadrant-SO"' in response.text
    assert strategy(study, "SO1").text == "Expand"
    assert Action.objects.filter(study=study).count() == 2
    gaps = analyst.get(reverse("study-gaps", args=["small"]), headers=HX).text
    assert "Hold a summit" in gaps and "Open an office" in gaps


def test_moving_a_strategy_swaps_codes(analyst, study):
    so2 = strategy(study, "SO2")
    analyst.post(reverse("strategy-move", args=[so2.pk]), {"direction": "up"}, headers=HX)
    assert strategy(study, "SO1").text == "Expand"
    assert strategy(study, "SO2").text == "Grow"
