"""Action programs: new and shared actions, order, detaching, editing once for every strategy."""

import pytest
from django.urls import reverse

from actions.models import Action, ActionLink
from tests.factories import (
    ActionFactory,
)
from tests.helpers import HX, strategy

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


def test_new_action_without_text_is_refused(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(reverse("action-new", args=[so1.pk]), {"text": ""}, headers=HX)
    assert 'aria-invalid="true"' in response.text
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


def test_attaching_an_action_of_another_study_is_not_found(analyst, study):
    st1 = strategy(study, "ST1")
    foreign = ActionFactory()
    response = analyst.post(reverse("action-attach", args=[st1.pk]), {"action": foreign.pk})
    assert response.status_code == 404
    assert not st1.action_links.exists()


def test_reordering_an_action_program(analyst, study):
    so1 = strategy(study, "SO1")
    second = so1.action_links.get(position=2)
    analyst.post(reverse("link-move", args=[second.pk]), {"direction": "up"}, headers=HX)
    assert [link.action.text for link in so1.action_links.all()] == [
        "Open an office", "Hold a summit",
    ]  # fmt: skip


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
    gaps = analyst.get(reverse("study-gaps", args=["small"]), headers=HX).text
    assert f'id="action-{summit.pk}"' in gaps


def test_editing_a_shared_actions_text_once_changes_it_under_every_strategy(analyst, study):
    so1, st1 = strategy(study, "SO1"), strategy(study, "ST1")
    summit = Action.objects.get(text="Hold a summit")
    ActionLink.objects.create(strategy=st1, action=summit, position=1)
    url = reverse("action-edit", args=[summit.pk]) + f"?strategy={so1.pk}"
    response = analyst.post(url, {"text": "Hold a yearly summit"}, headers=HX)
    assert response.status_code == 200 and "Hold a yearly summit" in response.text
    assert "actions-changed" in response["HX-Trigger"]
    st1_card = analyst.get(reverse("strategy-detail", args=[st1.pk]), headers=HX).text
    assert "Hold a yearly summit" in st1_card


def test_an_unattached_action_can_be_deleted_but_an_attached_one_cannot(analyst, study):
    lonely = ActionFactory(study=study, text="Lonely")
    summit = Action.objects.get(text="Hold a summit")
    assert analyst.post(reverse("action-delete", args=[lonely.pk]), headers=HX).status_code == 200
    assert analyst.post(reverse("action-delete", args=[summit.pk]), headers=HX).status_code == 409
    assert list(Action.objects.values_list("text", flat=True).order_by("text")) == [
        "Hold a summit", "Open an office",
    ]  # fmt: skip
