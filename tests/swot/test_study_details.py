"""An analyst edits a study's details (title, city, subject, year, source, language, slug) on
its details page; a save over someone else's change is refused and shows theirs; a council
member is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from swot.forms import details_stamp
from swot.models import Study
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def details(study: Study) -> dict:
    """The form's fields as the page shows them, the stamp included."""
    return {
        "title": study.title,
        "city": study.city,
        "subject": study.subject,
        "year": study.year or "",
        "source": study.source,
        "language": study.language,
        "slug": study.slug,
        "stamp": details_stamp(study),
    }


@pytest.fixture
def english(analyst):
    analyst.cookies["django_language"] = "en"
    return analyst


def test_the_study_page_links_to_its_details_for_an_analyst_only(analyst, study):
    link = f'href="{reverse("study-details", args=["small"])}"'
    assert link in analyst.get(reverse("study", args=["small"])).text
    council = Client()
    council.force_login(UserFactory())
    assert link not in council.get(reverse("study", args=["small"])).text


def test_an_analyst_edits_every_detail_and_the_study_moves_to_its_new_address(english, study):
    url = reverse("study-details", args=["small"])
    page = english.get(url)
    assert page.status_code == 200
    assert f'name="stamp" value="{details_stamp(study)}"' in page.text
    data = details(study) | {
        "title": "تدوین راهبردهای تهران ۱۴۰۴",
        "city": "تهران",
        "subject": "دیپلماسی شهری",
        "year": "1404",
        "source": "شهرداری تهران",
        "language": "fa",
        "slug": "tehran-1404",
    }
    response = english.post(url, data, follow=True)
    assert response.redirect_chain == [(reverse("study-details", args=["tehran-1404"]), 302)]
    assert "The study&#x27;s details were saved." in response.text
    study.refresh_from_db()
    assert (study.title, study.city, study.subject, study.year) == (
        "تدوین راهبردهای تهران ۱۴۰۴",
        "تهران",
        "دیپلماسی شهری",
        1404,
    )
    assert (study.source, study.language, study.slug) == ("شهرداری تهران", "fa", "tehran-1404")
    assert english.get(reverse("study", args=["small"])).status_code == 404
    assert english.get(reverse("study", args=["tehran-1404"])).status_code == 200


def test_an_empty_slug_is_made_again_from_the_new_title(english, study):
    url = reverse("study-details", args=["small"])
    english.post(url, details(study) | {"title": "تدوین راهبردهای تهران", "slug": ""})
    study.refresh_from_db()
    assert study.slug == "تدوین-راهبردهای-تهران"


def test_texts_are_kept_normalised_and_limits_name_the_field(english, study):
    url = reverse("study-details", args=["small"])
    english.post(url, details(study) | {"city": "  كرج\u202e  "})
    study.refresh_from_db()
    assert study.city == "کرج"
    response = english.post(url, details(study) | {"city": "x" * 121})
    assert response.status_code == 200
    assert "City can be at most 120 characters; this one has 121." in response.text
    study.refresh_from_db()
    assert study.city == "کرج"


def test_a_save_over_someone_elses_change_is_refused_and_shows_theirs(english, study):
    url = reverse("study-details", args=["small"])
    opened = details(study)
    Study.objects.filter(pk=study.pk).update(title="Their title", year=1403)

    response = english.post(url, opened | {"title": "My title"})
    assert response.status_code == 409
    assert "Someone else changed the study's details while you were editing." in response.text
    assert "<dt>Title</dt><dd><bdi>Their title</bdi></dd>" in response.text
    assert "<dt>Year</dt><dd><bdi>1403</bdi></dd>" in response.text
    assert 'value="My title"' in response.text  # the analyst's typing is kept
    study.refresh_from_db()
    assert study.title == "Their title"

    # Saving again from the form as shown (now stamped with theirs) replaces theirs.
    again = {**opened, "title": "My title", "stamp": details_stamp(study)}
    assert english.post(url, again).status_code == 302
    study.refresh_from_db()
    assert (study.title, study.year) == ("My title", None)


def test_a_save_changing_nothing_writes_no_history_row(english, study):
    rows = Study.history.filter(id=study.pk).count()
    response = english.post(reverse("study-details", args=["small"]), details(study))
    assert response.status_code == 302
    assert Study.history.filter(id=study.pk).count() == rows


def test_a_detail_change_is_a_line_of_the_studys_history(english, study):
    rows = Study.history.filter(id=study.pk).count()
    english.post(reverse("study-details", args=["small"]), details(study) | {"city": "Tus"})
    assert Study.history.filter(id=study.pk).count() == rows + 1
    assert Study.history.filter(id=study.pk).latest().city == "Tus"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_council_member_is_refused_the_details_page(reader, study, method):
    response = getattr(reader, method)(reverse("study-details", args=["small"]), details(study))
    assert response.status_code == 403
    study.refresh_from_db()
    assert study.title != "" and study.city == "Mashhad"


def test_the_details_of_a_study_in_the_bin_are_not_found(english, study):
    Study.objects.filter(pk=study.pk).update(deleted_at="2026-01-01T00:00Z")
    assert english.get(reverse("study-details", args=["small"])).status_code == 404
