"""An analyst deletes a study from its details page: a confirmation, then the study moves to the
bin (a 404 for everyone, kept whole); an admin brings it back with its History."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from swot.models import Factor, Study
from tests.factories import UserFactory
from tests.helpers import HX, factor

pytestmark = pytest.mark.django_db


def pages(slug: str) -> list[str]:
    return [
        reverse("study", args=[slug]),
        reverse("study-details", args=[slug]),
        reverse("study-history", args=[slug]),
        reverse("report-preview", args=[slug, "combined"]),
    ]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_the_confirmation_says_what_deleting_does_and_changes_nothing(analyst, study):
    analyst.cookies["django_language"] = "en"
    response = analyst.get(reverse("study-delete", args=["small"]))
    assert response.status_code == 200
    assert f"Delete the study “<bdi>{study.title}</bdi>”?" in response.text
    assert "an administrator can bring it back from the bin as it was" in response.text
    study.refresh_from_db()
    assert not study.in_bin


def test_deleting_moves_the_study_to_the_bin_gone_for_everyone(analyst, study):
    analyst.cookies["django_language"] = "en"
    response = analyst.post(reverse("study-delete", args=["small"]), follow=True)
    assert response.redirect_chain == [(reverse("study-list"), 302)]
    assert f"The study “{study.title}” was moved to the bin." in response.text
    assert reverse("study", args=["small"]) not in response.text
    study.refresh_from_db()
    assert study.in_bin
    assert Factor.objects.filter(study=study).count() == 9  # kept whole
    admin = logged_in(UserFactory(is_staff=True, is_superuser=True))
    for client in (analyst, logged_in(UserFactory()), admin):
        for page in pages("small"):
            assert client.get(page).status_code == 404, page


def test_an_admin_brings_it_back_with_its_history(analyst, study):
    analyst.cookies["django_language"] = "en"
    Study.objects.filter(pk=study.pk).update(language="en")  # the History in English
    s1 = factor(study, "S1")
    analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "Shrine, edited"}, headers=HX)
    analyst.post(reverse("study-delete", args=["small"]))

    admin_user = UserFactory(is_staff=True)
    admin_user.groups.add(Group.objects.get(name="admin"))
    admin = logged_in(admin_user)
    data = {"action": "bring_back", ACTION_CHECKBOX_NAME: [study.pk]}
    done = admin.post(reverse("admin:swot_study_changelist"), data, follow=True)
    assert "1 study brought back from the bin, with its History." in done.text

    assert analyst.get(reverse("study", args=["small"])).status_code == 200
    history = analyst.get(reverse("study-history", args=["small"])).text
    assert "Shrine, edited" in history
    assert "Study moved to the bin" in history and "Study brought back from the bin" in history


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_council_member_cannot_delete_a_study(reader, study, method):
    response = getattr(reader, method)(reverse("study-delete", args=["small"]))
    assert response.status_code == 403
    study.refresh_from_db()
    assert not study.in_bin


def test_a_study_already_in_the_bin_is_not_found(analyst, study):
    Study.objects.filter(pk=study.pk).update(deleted_at="2026-01-01T00:00Z")
    assert analyst.post(reverse("study-delete", args=["small"])).status_code == 404
