"""The letterhead's admin: the organisation's name and a logo, only a PNG or JPEG within its
limits, kept as bytes, previewed, removed; one letterhead, never a second."""

import base64
import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from planning.limits import LOGO_MAX_BYTES, LOGO_MAX_PIXELS
from reports.models import Letterhead
from tests.direction import Page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = "admin:reports_letterhead_add"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    return client


def image_bytes(kind: str, size=(40, 20), noise: bool = False) -> bytes:
    image = Image.new("RGB", size, (20, 90, 160))
    if noise:  # pixels that do not compress: a file as big as its pixels
        image = Image.frombytes("RGB", size, random.Random(1).randbytes(3 * size[0] * size[1]))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def with_logo() -> Letterhead:
    return Letterhead.objects.create(
        organisation="Mashhad", logo=image_bytes("PNG"), logo_type="image/png"
    )


def change_url() -> str:
    return reverse("admin:reports_letterhead_change", args=[1])


@pytest.mark.parametrize(("kind", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_an_admin_sets_the_organisation_and_a_logo(admin_client, kind, mime):
    logo = image_bytes(kind)
    response = admin_client.post(
        reverse(ADD), {"organisation": "شهرداری مشهد", "logo_file": upload("logo", logo)}
    )

    assert response.status_code == 302
    letterhead = Letterhead.objects.get()
    assert (letterhead.pk, letterhead.organisation) == (1, "شهرداری مشهد")
    assert (bytes(letterhead.logo), letterhead.logo_type) == (logo, mime)


def test_the_change_page_previews_the_logo_as_a_data_image(admin_client):
    logo = image_bytes("PNG", size=(300, 200))
    Letterhead.objects.create(organisation="Mashhad", logo=logo, logo_type="image/png")
    page = Page(admin_client.get(change_url()).content.decode())

    (img,) = [e for e in page.elements if e.tag == "img" and e.attrs["src"].startswith("data:")]
    assert img.attrs["src"] == "data:image/png;base64," + base64.b64encode(logo).decode()
    assert img.attrs["height"] == "96"  # shown at most 96 px high
    assert img.attrs["alt"] == "The logo of Mashhad"
    assert page.field("organisation").attrs["dir"] == "auto"


def test_the_content_security_policy_lets_the_preview_show(admin_client):
    # The policy of config/settings.py (Django 6's SECURE_CSP or config/middleware.py's).
    Letterhead.objects.create(
        organisation="Mashhad", logo=image_bytes("PNG"), logo_type="image/png"
    )
    policy = admin_client.get(change_url())["Content-Security-Policy"]
    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert "data:" in img_src.split()


def test_a_letterhead_without_a_logo_says_so(admin_client):
    Letterhead.objects.create(organisation="Mashhad")
    page = Page(admin_client.get(change_url()).content.decode())
    assert [e.tag for e in page.holders("No logo")] == ["div"]


def test_a_new_logo_replaces_the_old_and_none_keeps_it(admin_client):
    Letterhead.objects.create(
        organisation="Mashhad", logo=image_bytes("PNG"), logo_type="image/png"
    )
    jpeg = image_bytes("JPEG")
    admin_client.post(change_url(), {"organisation": "Mashhad", "logo_file": upload("l.jpg", jpeg)})
    assert (bytes(Letterhead.objects.get().logo), Letterhead.objects.get().logo_type) == (
        jpeg, "image/jpeg",
    )  # fmt: skip

    admin_client.post(change_url(), {"organisation": "Mashhad municipality"})
    letterhead = Letterhead.objects.get()
    assert letterhead.organisation == "Mashhad municipality"
    assert (bytes(letterhead.logo), letterhead.logo_type) == (jpeg, "image/jpeg")


def test_remove_logo_clears_it(admin_client):
    Letterhead.objects.create(
        organisation="Mashhad", logo=image_bytes("PNG"), logo_type="image/png"
    )
    response = admin_client.post(change_url(), {"organisation": "Mashhad", "remove_logo": "on"})

    assert response.status_code == 302
    letterhead = Letterhead.objects.get()
    assert (bytes(letterhead.logo), letterhead.logo_type) == (b"", "")


def refused(response, message: str) -> None:
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["adminform"].form.errors
    assert [message] in errors.values(), errors


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            image_bytes("GIF"),
            "Logo must be a PNG or JPEG image; this file is GIF.",
        ),
        (
            b"%PDF-1.7 not an image",
            "Logo: this file is not a PNG or JPEG image that can be read.",
        ),
        (
            image_bytes("PNG")[:60],  # cut short: its header reads, its pixels do not
            "Logo: this file is not a PNG or JPEG image that can be read.",
        ),
        (
            image_bytes("PNG", size=(LOGO_MAX_PIXELS + 1, 2)),
            f"Logo can be at most {LOGO_MAX_PIXELS} pixels on either side; this one is "
            f"{LOGO_MAX_PIXELS + 1} × 2.",
        ),
    ],
    ids=["gif", "not-an-image", "damaged", "too-wide"],
)
def test_a_logo_that_is_not_a_png_or_jpeg_within_its_limits_is_refused(admin_client, data, message):
    response = admin_client.post(
        reverse(ADD), {"organisation": "Mashhad", "logo_file": upload("logo.png", data)}
    )
    refused(response, message)
    assert not Letterhead.objects.exists()


def test_a_logo_over_its_size_is_refused_naming_the_field_and_the_limit(admin_client):
    big = image_bytes("PNG", size=(450, 450), noise=True)
    assert len(big) > LOGO_MAX_BYTES
    response = admin_client.post(
        reverse(ADD), {"organisation": "Mashhad", "logo_file": upload("big.png", big)}
    )
    kb = -(-len(big) // 1024)
    refused(response, f"Logo can be at most {LOGO_MAX_BYTES // 1024} KB; this file has {kb} KB.")
    assert not Letterhead.objects.exists()


def test_a_new_logo_and_remove_logo_together_are_refused(admin_client):
    Letterhead.objects.create(
        organisation="Mashhad", logo=image_bytes("PNG"), logo_type="image/png"
    )
    response = admin_client.post(
        change_url(),
        {
            "organisation": "M",
            "remove_logo": "on",
            "logo_file": upload("l.png", image_bytes("PNG")),
        },
    )
    refused(response, "Either upload a new logo or remove the logo, not both.")
    assert Letterhead.objects.get().organisation == "Mashhad"


def test_an_organisation_name_over_its_limit_is_refused_naming_it(admin_client):
    response = admin_client.post(reverse(ADD), {"organisation": "x" * 201})
    refused(response, "Organisation can be at most 200 characters; this one has 201.")
    assert not Letterhead.objects.exists()


def test_there_is_one_letterhead_no_add_once_it_exists(admin_client):
    assert admin_client.get(reverse(ADD)).status_code == 200
    Letterhead.objects.create(organisation="Mashhad")

    assert admin_client.get(reverse(ADD)).status_code == 403
    listed = admin_client.get(reverse("admin:reports_letterhead_changelist")).content.decode()
    assert reverse(ADD) not in listed
    assert "<bdi>Mashhad</bdi>" in listed


def test_the_persian_admin_names_the_field_in_persian(admin_client):
    admin_client.cookies["django_language"] = "fa"
    response = admin_client.post(
        reverse(ADD), {"organisation": "مشهد", "logo_file": upload("l.gif", image_bytes("GIF"))}
    )
    refused(response, "نشان باید تصویر PNG یا JPEG باشد؛ این پرونده GIF است.")
