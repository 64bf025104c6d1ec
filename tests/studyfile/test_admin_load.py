"""Loading a study file in the admin: admins only, all or nothing, the problem named."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from swot.models import Study
from tests.factories import UserFactory
from tests.helpers import MASHHAD_FIXTURE

pytestmark = pytest.mark.django_db


def admin_user_client(client, role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_admin_loads_a_study_file_through_the_admin(client):
    client = admin_user_client(client, "admin")
    upload = SimpleUploadedFile(MASHHAD_FIXTURE.name, MASHHAD_FIXTURE.read_bytes())
    response = client.post(reverse("admin:swot_study_load"), {"file": upload})
    assert response.status_code == 302
    study = Study.objects.get(slug="mashhad-city-diplomacy")
    assert study.factors.count() == 39 and study.strategies.count() == 12


def test_a_bad_file_loaded_through_the_admin_names_the_problem_and_loads_nothing(client):
    client = admin_user_client(client, "admin")
    bad = b"study: {slug: x, title: X, city: Y}\nfactors: {X1: nope}\n"
    upload = SimpleUploadedFile("bad.yaml", bad)
    response = client.post(reverse("admin:swot_study_load"), {"file": upload})
    assert response.status_code == 200
    assert "factors.X1: unknown kind &#x27;X&#x27;" in response.text
    assert not Study.objects.exists()


def test_an_analyst_may_not_load_study_files(client):
    client = admin_user_client(client, "analyst")
    assert client.get(reverse("admin:swot_study_load")).status_code == 403
