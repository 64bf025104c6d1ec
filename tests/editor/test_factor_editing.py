"""Editing factors in the matrix: add, edit, delete, move, with and without HTMX."""

import json

import pytest
from django.urls import reverse

from editor.matrix import load_strategy
from swot.models import Factor
from tests.helpers import HX, factor, strategy, swaps

pytestmark = pytest.mark.django_db


def compact(study, code) -> str:
    return load_strategy(strategy(study, code).pk).compact


def codes_in_order(study, kind) -> list[str]:
    return [f"{f.code}:{f.text}" for f in study.factors.filter(kind=kind)]


def test_analyst_adds_a_factor_at_the_end_of_its_list(analyst, study):
    url = reverse("factor-add", args=["small", "O"])
    response = analyst.post(url, {"text": "New corridor", "note": ""}, headers=HX)
    assert response.status_code == 200 and "<html" not in response.text
    o3 = factor(study, "O3")
    assert o3.text == "New corridor"
    # Its item (the form sends it to the end of the list) and the form back empty: the other
    # factors, being edited or not, stay as they are.
    assert swaps(response.text) == ([f"factor-{o3.pk}"], ["add-O"])
    assert 'hx-target="#factor-list-O" hx-swap="beforeend"' in response.text
    assert "New corridor</textarea>" not in response.text
    # No citation changed: the quadrants are not told anything; the gaps (it is not cited)
    # and the chip panels already opened (they offer it) refresh themselves.
    assert set(json.loads(response["HX-Trigger"])) == {"factors-changed", "study-changed"}
    # The new item is highlighted and the focus goes back to the form's text, for the next.
    assert json.loads(response["HX-Trigger-After-Settle"]) == {
        "item-added": {"id": f"factor-{o3.pk}", "ids": [f"factor-{o3.pk}"], "focus": "add-O-text"}
    }


def test_adding_a_factor_without_htmx_redirects_to_the_page(analyst, study):
    response = analyst.post(reverse("factor-add", args=["small", "T"]), {"text": "Sanctions"})
    created = factor(study, "T2")
    assert response.status_code == 302
    # The page comes back with "Add a factor" of the threats open and empty, for the next.
    assert response["Location"] == f"/studies/small/?adding=T#factor-{created.pk}"
    page = analyst.get(response["Location"])
    assert '<details class="add" open>' in page.text
    assert 'id="add-T-text" name="text"' in page.text and "Sanctions</textarea>" not in page.text


def test_empty_factor_text_shows_the_error_in_the_fragment_and_keeps_the_note(analyst, study):
    url = reverse("factor-add", args=["small", "S"])
    response = analyst.post(url, {"text": "  ", "note": "typed note"}, headers=HX)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert 'value="typed note"' in response.text
    assert study.factors.filter(kind="S").count() == 5
    # The form replaces itself with its errors (a valid one would have added an item).
    assert response["HX-Retarget"] == "#add-S" and response["HX-Reswap"] == "outerHTML"
    assert swaps(response.text) == (["add-S"], [])


def test_empty_factor_text_without_htmx_rerenders_the_whole_page_with_the_error(analyst, study):
    response = analyst.post(reverse("factor-add", args=["small", "S"]), {"text": ""})
    assert response.status_code == 200
    assert "<html" in response.text and 'aria-invalid="true"' in response.text


def test_unknown_kind_is_not_found(analyst, study):
    response = analyst.post(reverse("factor-add", args=["small", "X"]), {"text": "x"})
    assert response.status_code == 404


def test_analyst_edits_a_factor_and_the_citations_showing_it_follow(analyst, study):
    s4 = factor(study, "S4")
    response = analyst.get(reverse("factor-edit", args=[s4.pk]), headers=HX)
    assert "<textarea" in response.text and "S4 text</textarea>" in response.text
    response = analyst.post(reverse("factor-edit", args=[s4.pk]), {"text": "Shrine"}, headers=HX)
    assert response.status_code == 200
    # The factor, and out of band the citations of SO1 and ST1 (which show its text on
    # hover): never their quadrants, whose open panels and typing stay.
    so1, st1 = strategy(study, "SO1"), strategy(study, "ST1")
    main, oob = swaps(response.text)
    assert main == [f"factor-{s4.pk}"]
    assert sorted(oob) == sorted([f"strategy-{so1.pk}-cites", f"strategy-{st1.pk}-cites"])
    assert response.text.count('data-tip="Shrine"') == 2
    assert set(json.loads(response["HX-Trigger"])) == {"factors-changed", "study-changed"}
    s4.refresh_from_db()
    assert s4.text == "Shrine"


def test_editing_a_factor_with_empty_text_keeps_the_old_text(analyst, study):
    s4 = factor(study, "S4")
    response = analyst.post(reverse("factor-edit", args=[s4.pk]), {"text": ""}, headers=HX)
    assert 'aria-invalid="true"' in response.text
    s4.refresh_from_db()
    assert s4.text == "S4 text"


def test_deleting_a_cited_factor_first_names_the_strategies_citing_it(analyst, study):
    analyst.cookies["django_language"] = "en"
    s4 = factor(study, "S4")
    response = analyst.get(reverse("factor-delete", args=[s4.pk]), headers=HX)
    assert "S4 is cited by SO1, ST1." in response.text
    assert factor(study, "S4") == s4  # asking deletes nothing


def test_deleting_a_factor_renumbers_the_rest_everywhere_it_is_cited(analyst, study):
    s4 = factor(study, "S4")
    response = analyst.post(reverse("factor-delete", args=[s4.pk]), headers=HX)
    assert response.status_code == 200
    so1, st1 = strategy(study, "SO1"), strategy(study, "ST1")
    main, oob = swaps(response.text)
    assert main == ["factor-list-S"]
    assert sorted(oob) == sorted([f"strategy-{so1.pk}-cites", f"strategy-{st1.pk}-cites"])
    assert codes_in_order(study, "S") == [
        "S1:S1 text", "S2:S2 text", "S3:S3 text", "S4:S5 text",
    ]  # fmt: skip
    # SO1 cited S4 and S5: S4's citation went with it, S5 is now S4.
    assert compact(study, "SO1") == "S4 O1"
    assert compact(study, "ST1") == "T1"
    assert set(json.loads(response["HX-Trigger"])) == {"factors-changed", "study-changed"}


@pytest.mark.parametrize(
    ("code", "direction", "order"),
    [
        ("S2", "up", ["S2", "S1", "S3", "S4", "S5"]),
        ("S2", "down", ["S1", "S3", "S2", "S4", "S5"]),
        ("S1", "up", ["S1", "S2", "S3", "S4", "S5"]),
        ("S5", "down", ["S1", "S2", "S3", "S4", "S5"]),
    ],
)
def test_moving_a_factor_renumbers_codes(analyst, study, code, direction, order):
    moved = factor(study, code)
    response = analyst.post(
        reverse("factor-move", args=[moved.pk]), {"direction": direction}, headers=HX
    )
    assert response.status_code == 200
    assert [t.split(":")[1].split()[0] for t in codes_in_order(study, "S")] == order


def test_citations_follow_a_moved_factor(analyst, study):
    url = reverse("factor-move", args=[factor(study, "S5").pk])
    response = analyst.post(url, {"direction": "up"}, headers=HX)
    # S5 (cited by SO1) became S4 and S4 (cited by SO1 and ST1) became S5.
    assert compact(study, "SO1") == "S4,5 O1"
    assert compact(study, "ST1") == "S5 T1"
    so1, st1 = strategy(study, "SO1"), strategy(study, "ST1")
    main, oob = swaps(response.text)
    assert main == ["factor-list-S"]
    assert sorted(oob) == sorted([f"strategy-{so1.pk}-cites", f"strategy-{st1.pk}-cites"])


def test_moving_a_factor_no_strategy_cites_updates_no_citation(analyst, study):
    response = analyst.post(
        reverse("factor-move", args=[factor(study, "S2").pk]), {"direction": "up"}, headers=HX
    )
    assert swaps(response.text) == (["factor-list-S"], [])


def test_editing_a_deleted_factor_is_not_found_and_writes_nothing(analyst, study):
    s1 = factor(study, "S1")
    url = reverse("factor-edit", args=[s1.pk])
    s1.delete()
    response = analyst.post(url, {"text": "x"}, headers=HX)
    assert response.status_code == 404
    assert not Factor.objects.filter(text="x").exists()
