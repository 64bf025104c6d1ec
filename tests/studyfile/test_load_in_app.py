"""An analyst loads a study file into a new study from the app (not only the admin), with the
loader's checks and messages: a bad file loads nothing and the message names the record; a
file never replaces a study there."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from studyfile.export import dump_study_file, export_study
from swot.models import Factor, Study
from tests.helpers import MASHHAD_FIXTURE

pytestmark = pytest.mark.django_db

LOAD = reverse("study-load")


def upload(client, name: str, content: bytes):
    return client.post(LOAD, {"file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.fixture
def english(analyst):
    analyst.cookies["django_language"] = "en"
    return analyst


def test_the_study_list_offers_loading_to_an_analyst(english):
    assert f'href="{LOAD}"' in english.get(reverse("study-list")).text


def test_an_analyst_loads_the_mashhad_file_as_a_new_study(english):
    response = upload(english, MASHHAD_FIXTURE.name, MASHHAD_FIXTURE.read_bytes())
    study = Study.objects.get(slug="mashhad-city-diplomacy")
    assert study.factors.count() == 39 and study.strategies.count() == 12
    assert response.redirect_chain == [(reverse("study-details", args=[study.slug]), 302)]
    # The loader's summary, as the admin shows it: the study and what was loaded.
    summary = response.text.split('<p class="flash" role="status">', 1)[1].split("</p>", 1)[0]
    assert study.title in summary and "39" in summary


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"study: {slug: x, title: X, city: Y}\nfactors: {X1: nope}\n", "factors.X1: unknown kind"),
        (
            b"study: {slug: x, title: X, city: Y}\nfactors: {W1: w}\n"
            b"strategies: {SO1: {text: t, cites: W1}}\n",
            "strategies.SO1.cites: SO1 cannot cite W1",
        ),
        (b"study: [unclosed\n", "YAML"),
    ],
    ids=["unknown-kind", "bad-citation", "malformed"],
)
def test_a_bad_file_gives_the_loaders_message_and_creates_nothing(english, content, message):
    response = upload(english, "bad.yaml", content)
    assert response.status_code == 400
    assert message in response.text
    assert 'role="alert"' in response.text
    assert not Study.objects.exists() and not Factor.objects.exists()


def test_a_file_over_the_size_limit_is_refused_by_its_size(english):
    response = upload(english, "big.yaml", b"#" * (2 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "a study file can be at most 2 MB" in response.text
    assert not Study.objects.exists()


def test_a_file_of_a_loaded_slug_replaces_nothing(english, study):
    study.refresh_from_db()
    text = dump_study_file(export_study(study)).replace("S1 text", "S1 from the file")
    before = export_study(study)
    response = upload(english, "small.yaml", text.encode())
    assert response.status_code == 400
    assert "study.slug: a study &#x27;small&#x27; is already loaded; nothing was changed" in (
        response.text
    )
    assert export_study(study) == before
    assert 'name="replace"' not in english.get(LOAD).text


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_council_member_cannot_load_a_study_file(reader, method):
    data = {"file": SimpleUploadedFile(MASHHAD_FIXTURE.name, MASHHAD_FIXTURE.read_bytes())}
    response = getattr(reader, method)(LOAD, data if method == "post" else None)
    assert response.status_code == 403
    assert not Study.objects.exists()
    assert f'href="{LOAD}"' not in reader.get(reverse("study-list")).text
