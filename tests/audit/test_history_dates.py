"""The History page dates each change in the calendar of the study's language: Solar Hijri
with Persian digits in a Persian study, Gregorian in an English one; the time where the site
is (TIME_ZONE, Tehran), whatever the clock of the database."""

import datetime as dt

import pytest
from django.urls import reverse

from swot.models import Factor, Study
from tests.audit.reading import history
from tests.helpers import analyst_user, factor, small_matrix_study

pytestmark = pytest.mark.django_db

# 2026-11-24 11:00 UTC is 14:30 in Tehran (UTC+3:30), on 3 Azar 1405.
NOON_IN_TEHRAN = dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC)
# Still the 23rd in UTC, already past midnight, the 24th, in Tehran.
PAST_MIDNIGHT_IN_TEHRAN = dt.datetime(2026, 11, 23, 21, 0, tzinfo=dt.UTC)


@pytest.fixture
def persian(db):
    return small_matrix_study(Study.Language.PERSIAN)


def edited_at(client, study, when: dt.datetime) -> dict:
    """The History's line for an edit of S4 recorded at `when`."""
    s4 = factor(study, "S4")
    assert client.post(reverse("factor-edit", args=[s4.pk]), {"text": "Edited"}).status_code == 302
    Factor.history.filter(id=s4.pk, history_type="~").update(history_date=when)
    (line,) = [
        e for e in history(client, study) if e["model"] == "factor" and "Edited" in e["changes"]
    ]
    return line


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        (NOON_IN_TEHRAN, "۳ آذر ۱۴۰۵، ۱۴:۳۰"),
        (PAST_MIDNIGHT_IN_TEHRAN, "۳ آذر ۱۴۰۵، ۰۰:۳۰"),
        (dt.datetime(2027, 3, 20, 21, 0, tzinfo=dt.UTC), "۱ فروردین ۱۴۰۶، ۰۰:۳۰"),  # Nowruz
    ],
    ids=["afternoon", "past-midnight", "new-year"],
)
def test_a_persian_studys_history_dates_changes_in_the_solar_hijri_calendar(
    analyst, persian, when, shown
):
    assert edited_at(analyst, persian, when)["when"] == shown


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        (NOON_IN_TEHRAN, "24 November 2026, 14:30"),
        (PAST_MIDNIGHT_IN_TEHRAN, "24 November 2026, 00:30"),
    ],
    ids=["afternoon", "past-midnight"],
)
def test_an_english_studys_history_dates_changes_in_the_gregorian_calendar(client, when, shown):
    client.force_login(analyst_user())  # Persian menus: the dates follow the study
    study = small_matrix_study(Study.Language.ENGLISH)
    assert edited_at(client, study, when)["when"] == shown


def test_the_time_is_the_sites_time_zone(analyst, persian, settings):
    settings.TIME_ZONE = "UTC"
    assert edited_at(analyst, persian, NOON_IN_TEHRAN)["when"] == "۳ آذر ۱۴۰۵، ۱۱:۰۰"


def test_the_machine_readable_moment_stays_iso_8601(analyst, persian):
    edited_at(analyst, persian, NOON_IN_TEHRAN)
    page = analyst.get(reverse("study-history", args=[persian.slug])).content.decode()
    assert '<time datetime="2026-11-24T14:30:00+03:30">۳ آذر ۱۴۰۵، ۱۴:۳۰</time>' in page
