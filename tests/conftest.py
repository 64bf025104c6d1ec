"""Fixtures shared by every test file: the Mashhad study, the small study, users by role."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from swot.models import Study
from tests.browser import axe_page, browser, mashhad_study, page  # noqa: F401 -- shared fixtures
from tests.factories import UserFactory
from tests.helpers import MASHHAD_FIXTURE, analyst_user, small_matrix_study


@pytest.fixture
def mashhad(db):
    """The Mashhad study, loaded by the same command an admin uses."""
    call_command("load_study", str(MASHHAD_FIXTURE), stdout=io.StringIO())
    return Study.objects.get(slug="mashhad-city-diplomacy")


@pytest.fixture
def study(db):
    """The small Persian study of tests/helpers.py (small_matrix_study)."""
    return small_matrix_study(Study.Language.PERSIAN)


@pytest.fixture
def analyst(client):
    """A client logged in as an analyst (the interface in the default language, Persian)."""
    client.force_login(analyst_user(first_name="Maryam", last_name="Karimi"))
    return client


@pytest.fixture
def reader(client):
    """A client logged in as a reader who may not edit (as a council member)."""
    client.force_login(UserFactory(username="councillor"))
    return client


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Model and command messages in English in tests; requests pick their own language."""
    with translation.override("en"):
        yield
