"""Request and upload sizes: a study file over its limit gets a message on the admin's load
page, an upload over the request limit a 400 before it is read, never a 500."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config import uploads
from planning.limits import REQUEST_FORM_MAX_BYTES, STUDY_FILE_MAX_BYTES
from swot.models import Study
from tests.factories import UserFactory
from tests.helpers import HX, factor
from tests.studyfile.test_hostile_files import BILLION_LAUGHS

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    return client


def upload(client, content: bytes, name: str = "study.yaml"):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse("admin:swot_study_load"), {"file": file})


def test_the_settings_hold_the_limits():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == REQUEST_FORM_MAX_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == STUDY_FILE_MAX_BYTES
    assert settings.FILE_UPLOAD_HANDLERS[0] == "config.uploads.UploadSizeLimit"


def test_a_study_file_over_its_limit_is_refused_by_its_size(admin_client):
    response = upload(admin_client, b"#" * (STUDY_FILE_MAX_BYTES + 300_000))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is 2.3 MB; a study file can be at most 2 MB."
    ]
    assert not Study.objects.exists()


def test_the_size_is_said_in_persian(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = upload(client, b"#" * (STUDY_FILE_MAX_BYTES + 300_000))
    assert response.context["form"].errors["file"] == [
        "حجم پرونده ۲.۳ مگابایت است؛ پروندهٔ مطالعه حداکثر ۲ مگابایت می‌تواند باشد."
    ]


def test_an_upload_over_the_request_limit_is_refused_before_it_is_read(admin_client, monkeypatch):
    monkeypatch.setattr(uploads, "UPLOAD_REQUEST_MAX_BYTES", 100_000)
    response = upload(admin_client, b"#" * 150_000)
    assert response.status_code == 400
    assert not Study.objects.exists()


def test_a_billion_laughs_upload_gets_a_short_message_and_loads_nothing(admin_client):
    response = upload(admin_client, BILLION_LAUGHS, "bomb.yaml")
    assert response.status_code == 200
    [message] = response.context["form"].errors["file"]
    assert message == (
        "bomb.yaml: not valid YAML: anchors and aliases (&name, *name) are not allowed at "
        "line 1, column 51"
    )
    assert len(response.content) < 30_000
    assert not Study.objects.exists()


def test_a_form_over_the_request_limit_is_a_bad_request(analyst, study):
    s4 = factor(study, "S4")
    data = {"text": "x" * (REQUEST_FORM_MAX_BYTES + 1)}
    response = analyst.post(reverse("factor-edit", args=[s4.pk]), data, headers=HX)
    assert response.status_code == 400
    s4.refresh_from_db()
    assert s4.text == "S4 text"
