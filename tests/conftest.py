import io
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
MASHHAD_FIXTURE = ROOT / "fixtures" / "mashhad-city-diplomacy.yaml"


@pytest.fixture
def mashhad(db):
    """The Mashhad study, loaded by the same command an admin uses."""
    from swot.models import Study

    call_command("load_study", str(MASHHAD_FIXTURE), stdout=io.StringIO())
    return Study.objects.get(slug="mashhad-city-diplomacy")


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Model and command messages in English in tests; requests pick their own language."""
    from django.utils import translation

    with translation.override("en"):
        yield
