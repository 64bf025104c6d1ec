"""Editing strategies in the quadrant cells: add, edit, delete, move."""

import json

import pytest
from django.urls import reverse

from actions.models import Action, ActionLink
from tests.helpers import HX, strategy, swaps

pytestmark = pytest.mark.django_db


def test_analyst_adds_a_strategy_to_a_quadrant(analyst, study):
    url = reverse("strategy-add", args=["small", "WT"])
    response = analyst.post(url, {"text": "Defend", "note": ""}, headers=HX)
    assert response.status_code == 200
    wt1 = strategy(study, "WT1")
    assert wt1.text == "Defend"
    # Its card, added at the quadrant's end, and the form back empty; the other cards (and
    # their open panels) stay as they are.
    assert swaps(response.text) == ([f"strategy-{wt1.pk}"], ["add-WT"])
    assert 'hx-target="#cards-WT" hx-swap="beforeend"' in response.text
    assert json.loads(response["HX-Trigger-After-Settle"]) == {
        "item-added": {"id": f"strategy-{wt1.pk}"}
    }


def test_strategy_without_text_is_refused_with_the_error_next_to_the_field(analyst, study):
    url = reverse("strategy-add", args=["small", "WO"])
    response = analyst.post(url, {"text": "", "note": "keep me"}, headers=HX)
    assert 'aria-invalid="true"' in response.text and 'value="keep me"' in response.text
    assert not study.strategies.filter(quadrant="WO").exists()
    assert response["HX-Retarget"] == "#add-WO" and swaps(response.text) == (["add-WO"], [])


def test_analyst_edits_a_strategy(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(
        reverse("strategy-edit", args=[so1.pk]), {"text": "Grow faster", "note": "n"}, headers=HX
    )
    # The card's body only: its citations and program panels stay open, as typed in.
    assert swaps(response.text) == ([f"strategy-{so1.pk}-body"], [])
    assert "Grow faster" in response.text


def test_opening_a_strategys_edit_form_replaces_its_body_not_its_card(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.get(reverse("strategy-edit", args=[so1.pk]), headers=HX)
    assert swaps(response.text) == ([f"strategy-{so1.pk}-body"], [])
    assert "Grow</textarea>" in response.text and "<details" not in response.text


def test_deleting_a_strategy_renumbers_its_quadrant_and_keeps_its_actions(analyst, study):
    so1 = strategy(study, "SO1")
    so2 = strategy(study, "SO2")
    # SO1's first action is shared with ST1: its ×2 there becomes nothing.
    summit = so1.action_links.get(position=1).action
    st1_place = ActionLink.objects.create(
        strategy=strategy(study, "ST1"), action=summit, position=1
    )
    response = analyst.post(reverse("strategy-delete", args=[so1.pk]), headers=HX)
    assert response.status_code == 200
    assert strategy(study, "SO1").text == "Expand"
    assert Action.objects.filter(study=study).count() == 2
    # Nothing for the card's place (it goes); out of band, SO2's body renumbered SO1, and
    # the shared action under ST1 without its ×2.
    main, oob = swaps(response.text)
    assert main == [] and set(oob) == {f"strategy-{so2.pk}-body", f"link-{st1_place.pk}-action"}
    assert ">SO1.</span>" in response.text and "×" not in response.text
    assert {"study-changed", "unattached-changed"} <= set(json.loads(response["HX-Trigger"]))
    url = reverse("study-gaps", args=["small"])
    gaps = analyst.get(url, {"part": "actions"}, headers=HX).text
    assert "Open an office" in gaps and "Hold a summit" not in gaps


def test_moving_a_strategy_swaps_codes(analyst, study):
    so1, so2 = strategy(study, "SO1"), strategy(study, "SO2")
    response = analyst.post(
        reverse("strategy-move", args=[so2.pk]), {"direction": "up"}, headers=HX
    )
    assert strategy(study, "SO1").text == "Expand"
    assert strategy(study, "SO2").text == "Grow"
    # Both bodies with their new codes, out of band; the page is told to move the card (its
    # open panels move with it).
    main, oob = swaps(response.text)
    assert main == [] and set(oob) == {f"strategy-{so1.pk}-body", f"strategy-{so2.pk}-body"}
    assert json.loads(response["HX-Trigger-After-Swap"]) == {
        "item-moved": {"id": f"strategy-{so2.pk}", "past": f"strategy-{so1.pk}", "direction": "up"}
    }


def test_moving_the_first_strategy_up_changes_nothing(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(
        reverse("strategy-move", args=[so1.pk]), {"direction": "up"}, headers=HX
    )
    assert response.status_code == 204
    assert strategy(study, "SO1") == so1
