"""The list of studies and creating one."""

import pytest
from django.urls import reverse

from swot.models import Study
from tests.helpers import HX

pytestmark = pytest.mark.django_db


def test_study_list_shows_studies_and_opens_one(analyst, study):
    response = analyst.get(reverse("study-list"))
    assert response.status_code == 200
    assert reverse("study", args=["small"]) in response.text


def test_analyst_creates_a_study_with_htmx_and_is_sent_to_it(analyst):
    data = {"title": "Tus plan", "city": "Tus", "language": "en", "slug": ""}
    response = analyst.post(reverse("study-list"), data, headers=HX)
    assert response.status_code == 204
    study = Study.objects.get(title="Tus plan")
    assert study.slug == "tus-plan"
    assert response["HX-Redirect"] == reverse("study", args=["tus-plan"])


def test_study_without_title_shows_the_error_and_keeps_the_typing(analyst):
    data = {"title": "", "city": "Tus", "language": "en"}
    response = analyst.post(reverse("study-list"), data, headers=HX)
    assert response.status_code == 200
    assert 'id="study-form"' in response.text and "<html" not in response.text
    assert 'value="Tus"' in response.text
    assert not Study.objects.exists()
