"""Static files in production: collectstatic's hashed, compressed copies served by WhiteNoise,
while the PDF report still reads its stylesheet and fonts from static/ on disk."""

import io
import posixpath
import re
import subprocess

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from reports.render import render_report_pdf
from tests.factories import UserFactory

PRODUCTION_STATIC = {
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    },
    "WHITENOISE_AUTOREFRESH": False,
    "DEBUG": False,
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic as the README has it run on a server, into a STATIC_ROOT of its own."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, **PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
    return root


@pytest.fixture
def production_static(collected):
    with override_settings(STATIC_ROOT=collected, **PRODUCTION_STATIC):
        yield collected


def test_collectstatic_writes_hashed_and_compressed_copies(collected):
    css = [p.name for p in (collected / "reports").iterdir()]
    assert any(re.fullmatch(r"report\.[0-9a-f]{12}\.css", name) for name in css)
    assert any(re.fullmatch(r"report\.[0-9a-f]{12}\.css\.gz", name) for name in css)
    assert (collected / "staticfiles.json").exists()


@pytest.mark.django_db
def test_pages_link_hashed_files_that_whitenoise_serves_compressed_and_cached_for_good(
    production_static, study
):
    client = Client()  # made after the settings change: WhiteNoise reads STATIC_ROOT at start
    client.force_login(UserFactory())
    preview = client.get(reverse("report-preview", args=[study.slug, "combined"]))
    href = re.search(r'href="(/static/reports/report\.[0-9a-f]{12}\.css)"', preview.text)[1]
    css = client.get(href, headers={"Accept-Encoding": "gzip"})
    assert css.status_code == 200
    assert css["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in css["Cache-Control"]
    # The stylesheet names its fonts by their hashed names too, and those are served.
    collected_css = (production_static / href.removeprefix("/static/")).read_text()
    font = re.search(r'url\("?([^")]*Vazirmatn-Regular\.[0-9a-f]{12}\.ttf)', collected_css)[1]
    font_url = posixpath.normpath(posixpath.join(posixpath.dirname(href), font))
    assert Client().get(font_url).status_code == 200


@pytest.mark.django_db
def test_the_pdf_report_still_reads_its_stylesheet_and_fonts_from_disk(
    production_static, study, tmp_path
):
    path = tmp_path / "report.pdf"
    rendered = render_report_pdf(study, "combined")
    path.write_bytes(rendered.pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in fonts.stdout.splitlines()[2:]]
    assert names and all("Vazirmatn" in name for name in names)
