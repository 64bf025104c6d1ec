"""Downloads and print previews: their URLs, names, who may read them."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from reports.render import (
    PARTS,
)
from swot.models import Study
from tests.factories import (
    ActionFactory,
    ActionLinkFactory,
    StrategyFactory,
    StudyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client):
    client.force_login(UserFactory())
    return client


def test_report_pdf_is_a_download_named_after_the_study_part_and_date(
    mashhad, reader_client, immediate_tasks
):
    response = reader_client.get(reverse("report-pdf", args=[mashhad.slug, "table2"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="mashhad-city-diplomacy-table2-{day}.pdf"'
    )


def test_report_urls_follow_the_agreed_paths():
    assert reverse("report-pdf", args=["tus", "combined"]) == "/studies/tus/report/combined.pdf"
    assert reverse("report-preview", args=["tus", "table3"]) == "/studies/tus/report/table3/"
    with pytest.raises(NoReverseMatch):
        reverse("report-pdf", args=["tus", "summary"])


@pytest.mark.parametrize(
    "url",
    [
        "/studies/mashhad-city-diplomacy/report/table4.pdf",
        "/studies/mashhad-city-diplomacy/report/summary/",
        "/studies/no-such-study/report/combined.pdf",
        "/studies/no-such-study/report/table1/",
    ],
)
def test_unknown_parts_and_studies_are_not_found(mashhad, reader_client, url):
    assert reader_client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["report-pdf", "report-preview"])
def test_reports_need_a_login(mashhad, client, name):
    response = client.get(reverse(name, args=[mashhad.slug, "table1"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_print_preview_is_the_report_as_html_with_its_download_links(mashhad, reader_client):
    response = reader_client.get(reverse("report-preview", args=[mashhad.slug, "table3"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert 'href="/static/reports/report.css"' in html
    for part in PARTS:
        assert f'href="{reverse("report-preview", args=[mashhad.slug, part])}"' in html
    # No `download` attribute: while the PDF is being made the link shows its progress page.
    assert f'href="{reverse("report-pdf", args=[mashhad.slug, "table3"])}">' in html
    assert f'href="{reverse("report-pdf", args=[mashhad.slug, "combined"])}">' in html
    assert f'href="{mashhad.get_absolute_url()}"' in html
    assert "WT2" in html and '<h2 class="table-title">جدول ۳-' in html
    assert "جدول ۱-" not in html  # table 3 alone


def test_print_preview_escapes_text_from_the_database(reader_client):
    study = StudyFactory(language=Study.Language.ENGLISH)
    strategy = StrategyFactory(study=study, quadrant="SO", number=1, text="a <i>b</i> & c")
    ActionLinkFactory(strategy=strategy, action=ActionFactory(study=study, text="<script>x()"))
    html = reader_client.get(reverse("report-preview", args=[study.slug, "table3"])).content
    assert b"a &lt;i&gt;b&lt;/i&gt; &amp; c" in html and b"&lt;script&gt;x()" in html
    assert b"<script>" not in html and b"<i>b</i>" not in html


def test_reports_are_read_only(mashhad, reader_client):
    url = reverse("report-pdf", args=[mashhad.slug, "table1"])
    assert reader_client.post(url).status_code == 405
