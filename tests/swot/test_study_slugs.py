"""A study's slug: made from its title in the title's own letters (Persian too), unique, typed
by hand if wanted; every address of a study and its report's file name take it."""

from urllib.parse import quote, unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from swot.forms import slug_from_title
from swot.models import Study
from tests.factories import StudyFactory
from tests.reports.conftest import IMMEDIATE_BACKEND

pytestmark = pytest.mark.django_db

TEHRAN = "تدوین راهبردهای تهران"


def create(client, **values):
    data = {"title": TEHRAN, "city": "تهران", "language": "fa", "slug": "", **values}
    return client.post(reverse("study-list"), data)


def test_a_persian_title_makes_a_readable_persian_slug(analyst):
    response = create(analyst)
    study = Study.objects.get(title=TEHRAN)
    assert study.slug == "تدوین-راهبردهای-تهران"
    assert unquote(response["Location"]) == "/studies/تدوین-راهبردهای-تهران/"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Tus plan (copy)", "tus-plan-copy"),
        # Arabic yeh becomes Persian yeh; the ZWNJ and punctuation go, Persian digits stay.
        ("برنامهٔ بین‌المللي ۱۴۰۳!", "برنامه-بینالمللی-۱۴۰۳"),
        ("!!!", ""),
    ],
)
def test_slug_from_title_keeps_letters_and_digits_of_any_script(title, slug):
    assert slug_from_title(title) == slug


def test_a_long_title_is_cut_at_a_hyphen_within_the_slugs_limit():
    slug = slug_from_title("واژه " * 100)
    assert len(slug) <= 80 and slug.endswith("واژه") and not slug.endswith("-")


def test_a_second_study_of_the_same_title_gets_the_next_free_slug(analyst):
    create(analyst)
    create(analyst, city="کرج")
    assert list(Study.objects.order_by("pk").values_list("slug", flat=True)) == [
        "تدوین-راهبردهای-تهران",
        "تدوین-راهبردهای-تهران-2",
    ]


def test_a_title_with_no_letters_gets_a_plain_slug(analyst):
    create(analyst, title="!!!")
    assert Study.objects.get().slug == "study"


def test_a_typed_slug_taken_by_another_study_is_refused_naming_the_slug_and_the_study(analyst):
    analyst.cookies["django_language"] = "en"
    StudyFactory(slug="tehran", title="Tehran 2024")
    response = create(analyst, slug="tehran")
    assert response.status_code == 200
    assert "The slug “tehran” is already used by the study “Tehran 2024”: choose" in response.text
    assert Study.objects.count() == 1


def test_a_typed_slug_of_a_study_in_the_bin_is_refused_saying_so(analyst):
    analyst.cookies["django_language"] = "en"
    StudyFactory(slug="tehran", title="Tehran 2024", deleted_at=timezone.now())
    response = create(analyst, slug="tehran")
    assert "used by the study “Tehran 2024”, which is in the bin" in response.text
    assert Study.objects.count() == 1


def test_a_typed_slug_that_is_not_a_slug_is_refused_on_the_slug_field(analyst):
    analyst.cookies["django_language"] = "en"
    response = create(analyst, slug="tehran plan!")
    assert "Enter a valid “slug” consisting of Unicode letters" in response.text
    assert not Study.objects.exists()


@pytest.mark.parametrize(
    "name", ["study", "study-gaps", "study-history", "study-details", "study-delete"]
)
def test_every_page_of_a_study_answers_at_its_persian_address(analyst, name):
    study = StudyFactory(slug="تدوین-راهبردهای-تهران", title=TEHRAN)
    url = reverse(name, args=[study.slug])
    assert url.startswith("/studies/" + quote("تدوین-راهبردهای-تهران") + "/")
    query = {"part": "codes"} if name == "study-gaps" else {}
    assert analyst.get(url, query).status_code == 200


def test_the_report_of_a_persian_slug_is_a_download_with_an_rfc_5987_file_name(
    settings, reader, study
):
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_BACKEND}}
    Study.objects.filter(pk=study.pk).update(slug="تدوین-راهبردهای-تهران")
    response = reader.get(reverse("report-pdf", args=["تدوین-راهبردهای-تهران", "table1"]))
    assert response.status_code == 200
    day = timezone.localdate().isoformat()
    name = f"تدوین-راهبردهای-تهران-table1-{day}.pdf"
    disposition = response["Content-Disposition"]
    assert disposition == f"attachment; filename*=utf-8''{quote(name)}"
    disposition.encode("ascii")  # a header a browser reads as it was meant
