"""Action programs: new and shared actions, order, detaching, editing once for every strategy."""

import pytest
from django.urls import reverse

from actions.models import Action, ActionLink
from tests.factories import (
    ActionFactory,
)
from tests.helpers import HX, strategy, swaps

pytestmark = pytest.mark.django_db


def test_analyst_adds_a_new_action_at_the_end_of_the_program(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(
        reverse("action-new", args=[so1.pk]), {"text": "Train staff"}, headers=HX
    )
    assert response.status_code == 200 and "Train staff" in response.text
    assert [link.action.text for link in so1.action_links.all()] == [
        "Hold a summit", "Open an office", "Train staff",
    ]  # fmt: skip
    # The new item goes to the program's end; its count and an empty form come out of band,
    # so what is typed elsewhere in the card stays.
    new = so1.action_links.get(position=3)
    assert swaps(response.text) == (
        [f"link-{new.pk}"],
        [f"program-summary-{so1.pk}", f"new-action-{so1.pk}"],
    )
    assert "(۳ اقدام)" in response.text


def test_new_action_without_text_is_refused(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(reverse("action-new", args=[so1.pk]), {"text": ""}, headers=HX)
    assert 'aria-invalid="true"' in response.text
    # The form comes back in place of itself, with its error (not added to the program).
    assert response["HX-Retarget"] == f"#new-action-{so1.pk}"
    assert response["HX-Reswap"] == "outerHTML"
    assert swaps(response.text) == ([f"new-action-{so1.pk}"], [])
    assert Action.objects.count() == 2


def test_search_as_you_type_finds_the_studys_other_actions(analyst, study):
    st1 = strategy(study, "ST1")
    other_study_action = ActionFactory(text="Hold a summit elsewhere")
    url = reverse("action-search", args=[st1.pk])
    response = analyst.get(url, {"q": "summit"}, headers=HX)
    assert response.status_code == 200 and "<html" not in response.text
    assert "Hold a summit" in response.text
    assert other_study_action.text not in response.text
    so1 = strategy(study, "SO1")
    # Actions the strategy already has are not offered again.
    response = analyst.get(reverse("action-search", args=[so1.pk]), {"q": "summit"}, headers=HX)
    assert "Hold a summit" not in response.text


def test_search_without_htmx_shows_results_in_the_full_page(analyst, study):
    st1 = strategy(study, "ST1")
    response = analyst.get(reverse("action-search", args=[st1.pk]), {"q": "office"})
    assert "<html" in response.text and "Open an office" in response.text


def test_attaching_an_existing_action_shares_it_instead_of_copying(analyst, study):
    st1 = strategy(study, "ST1")
    summit = Action.objects.get(text="Hold a summit")
    response = analyst.post(
        reverse("action-attach", args=[st1.pk]), {"action": summit.pk}, headers=HX
    )
    assert response.status_code == 200 and "Hold a summit" in response.text
    assert Action.objects.filter(text="Hold a summit").count() == 1
    assert sorted(s.code for s in summit.strategies.all()) == ["SO1", "ST1"]
    # Its place under SO1 shows ×2 now, out of band; the search results are cleared.
    so1_place = summit.links.get(strategy__number=1, strategy__quadrant="SO")
    new_place = summit.links.get(strategy=st1)
    main, oob = swaps(response.text)
    assert main == [f"link-{new_place.pk}"]
    assert set(oob) == {
        f"program-summary-{st1.pk}", f"link-{so1_place.pk}-action", f"action-results-{st1.pk}",
    }  # fmt: skip
    assert response.text.count("×۲") == 2


def test_attaching_an_action_the_program_has_changes_nothing(analyst, study):
    so1 = strategy(study, "SO1")
    summit = Action.objects.get(text="Hold a summit")
    response = analyst.post(
        reverse("action-attach", args=[so1.pk]), {"action": summit.pk}, headers=HX
    )
    assert response.status_code == 204
    assert so1.action_links.count() == 2


@pytest.mark.parametrize("given", ["abc", "²", "-1", "9" * 5000, ""])
def test_attaching_an_action_named_by_a_bad_number_is_not_found(analyst, study, given):
    st1 = strategy(study, "ST1")
    response = analyst.post(reverse("action-attach", args=[st1.pk]), {"action": given})
    assert response.status_code == 404


def test_attaching_an_action_of_another_study_is_not_found(analyst, study):
    st1 = strategy(study, "ST1")
    foreign = ActionFactory()
    response = analyst.post(reverse("action-attach", args=[st1.pk]), {"action": foreign.pk})
    assert response.status_code == 404
    assert not st1.action_links.exists()


def test_reordering_an_action_program(analyst, study):
    so1 = strategy(study, "SO1")
    second = so1.action_links.get(position=2)
    response = analyst.post(reverse("link-move", args=[second.pk]), {"direction": "up"}, headers=HX)
    assert [link.action.text for link in so1.action_links.all()] == [
        "Open an office", "Hold a summit",
    ]  # fmt: skip
    # The program's list, renumbered; its forms below (and what is typed there) stay.
    assert swaps(response.text) == ([f"program-{so1.pk}"], [f"program-summary-{so1.pk}"])


def test_detaching_the_last_link_keeps_the_action_as_unattached(analyst, study):
    so1 = strategy(study, "SO1")
    first = so1.action_links.get(position=1)
    response = analyst.post(reverse("link-detach", args=[first.pk]), headers=HX)
    assert response.status_code == 200
    assert "study-changed" in response["HX-Trigger"]
    assert [(link.position, link.action.text) for link in so1.action_links.all()] == [
        (1, "Open an office")
    ]
    summit = Action.objects.get(text="Hold a summit")
    assert not summit.links.exists()
    assert "unattached-changed" in response["HX-Trigger"]
    url = reverse("study-gaps", args=["small"])
    gaps = analyst.get(url, {"part": "actions"}, headers=HX).text
    assert f'id="action-{summit.pk}"' in gaps


def test_editing_a_shared_actions_text_once_changes_it_under_every_strategy(analyst, study):
    so1, st1 = strategy(study, "SO1"), strategy(study, "ST1")
    summit = Action.objects.get(text="Hold a summit")
    ActionLink.objects.create(strategy=st1, action=summit, position=1)
    here = so1.action_links.get(action=summit)
    there = st1.action_links.get(action=summit)
    url = reverse("action-edit", args=[summit.pk]) + f"?link={here.pk}"
    response = analyst.post(url, {"text": "Hold a yearly summit"}, headers=HX)
    assert response.status_code == 200
    # This place, and out of band the same action under ST1: nothing else of either card.
    assert swaps(response.text) == ([f"link-{here.pk}"], [f"link-{there.pk}-action"])
    assert response.text.count("Hold a yearly summit") == 2
    summit.refresh_from_db()
    assert summit.text == "Hold a yearly summit"


@pytest.mark.parametrize("given", ["abc", "²", "9" * 5000])
def test_editing_an_action_at_a_bad_place_is_not_found(analyst, study, given):
    summit = Action.objects.get(text="Hold a summit")
    url = reverse("action-edit", args=[summit.pk]) + f"?link={given}"
    response = analyst.post(url, {"text": "Changed"}, headers=HX)
    assert response.status_code == 404
    summit.refresh_from_db()
    assert summit.text == "Hold a summit"


def test_an_unattached_action_can_be_deleted_but_an_attached_one_cannot(analyst, study):
    lonely = ActionFactory(study=study, text="Lonely")
    summit = Action.objects.get(text="Hold a summit")
    assert analyst.post(reverse("action-delete", args=[lonely.pk]), headers=HX).status_code == 200
    assert analyst.post(reverse("action-delete", args=[summit.pk]), headers=HX).status_code == 409
    assert list(Action.objects.values_list("text", flat=True).order_by("text")) == [
        "Hold a summit", "Open an office",
    ]  # fmt: skip
