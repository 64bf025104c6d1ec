"""The project's calendar: Solar Hijri dates, checked against dates known from outside the code."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from planning.calendar import format_date, format_dates, solar_hijri


@pytest.mark.parametrize(
    ("gregorian", "jalali"),
    [
        (dt.date(2017, 3, 21), (1396, 1, 1)),
        (dt.date(2026, 11, 24), (1405, 9, 3)),
        (dt.date(1979, 2, 11), (1357, 11, 22)),  # 22 Bahman, the revolution
        (dt.date(1979, 4, 1), (1358, 1, 12)),  # 12 Farvardin, the referendum
        (dt.date(2000, 1, 1), (1378, 10, 11)),
        (dt.date(2021, 3, 20), (1399, 12, 30)),  # 1399 is a leap year
        (dt.date(2024, 3, 19), (1402, 12, 29)),  # 1402 is not
        (dt.date(2025, 3, 20), (1403, 12, 30)),  # 1403 is
        (dt.date(2025, 9, 22), (1404, 6, 31)),  # the last day of the 31-day months
        (dt.date(2025, 9, 23), (1404, 7, 1)),  # 1 Mehr, the first school day
        (dt.date(2025, 12, 21), (1404, 9, 30)),  # Yalda night's day
    ],
)
def test_solar_hijri_date_of_known_gregorian_dates(gregorian, jalali):
    assert solar_hijri(gregorian) == jalali


@pytest.mark.parametrize(
    ("year", "nowruz"),
    [
        (1357, dt.date(1978, 3, 21)),
        (1358, dt.date(1979, 3, 21)),
        (1359, dt.date(1980, 3, 21)),
        (1396, dt.date(2017, 3, 21)),
        (1399, dt.date(2020, 3, 20)),
        (1400, dt.date(2021, 3, 21)),
        (1403, dt.date(2024, 3, 20)),
        (1404, dt.date(2025, 3, 21)),
        (1405, dt.date(2026, 3, 21)),
        (1407, dt.date(2028, 3, 20)),
        (1408, dt.date(2029, 3, 20)),
        (1409, dt.date(2030, 3, 21)),
    ],
)
def test_nowruz_is_the_first_of_farvardin_and_the_day_before_ends_esfand(year, nowruz):
    assert solar_hijri(nowruz) == (year, 1, 1)
    last_year, month, day = solar_hijri(nowruz - dt.timedelta(days=1))
    assert (last_year, month) == (year - 1, 12) and day in (29, 30)


def test_the_leap_years_from_1357_to_1409():
    # A leap year is one whose Esfand has a 30th day.
    leap_years = set()
    day = dt.date(1978, 3, 1)  # in Esfand 1356
    while day < dt.date(2031, 4, 1):  # in Farvardin 1410
        year, month, dom = solar_hijri(day)
        if (month, dom) == (12, 30):
            leap_years.add(year)
        day += dt.timedelta(days=1)
    assert sorted(leap_years & set(range(1357, 1410))) == [
        1358, 1362, 1366, 1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408,
    ]  # fmt: skip


def test_solar_hijri_dates_advance_one_day_at_a_time_over_decades():
    day, previous = dt.date(1990, 1, 1), solar_hijri(dt.date(1990, 1, 1))
    while day < dt.date(2040, 1, 1):
        day += dt.timedelta(days=1)
        current = solar_hijri(day)
        year, month, dom = previous
        if current == (year, month, dom + 1):
            assert dom + 1 <= (31 if month <= 6 else 30)
        elif current == (year, month + 1, 1):
            assert dom == (31 if month <= 6 else 30)
        else:
            assert current == (year + 1, 1, 1) and month == 12 and dom in (29, 30)
        previous = current


# The first day of each month of 1405, with its names in Persian and in Latin letters.
MONTHS_OF_1405 = [
    (dt.date(2026, 3, 21), "فروردین", "Farvardin"),
    (dt.date(2026, 4, 21), "اردیبهشت", "Ordibehesht"),
    (dt.date(2026, 5, 22), "خرداد", "Khordad"),
    (dt.date(2026, 6, 22), "تیر", "Tir"),
    (dt.date(2026, 7, 23), "مرداد", "Mordad"),
    (dt.date(2026, 8, 23), "شهریور", "Shahrivar"),
    (dt.date(2026, 9, 23), "مهر", "Mehr"),
    (dt.date(2026, 10, 23), "آبان", "Aban"),
    (dt.date(2026, 11, 22), "آذر", "Azar"),
    (dt.date(2026, 12, 22), "دی", "Dey"),
    (dt.date(2027, 1, 21), "بهمن", "Bahman"),
    (dt.date(2027, 2, 20), "اسفند", "Esfand"),
]


@pytest.mark.parametrize(("first_day", "persian", "latin"), MONTHS_OF_1405)
def test_a_solar_hijri_date_is_spelled_with_the_month_name_in_either_language(
    first_day, persian, latin
):
    assert format_date(first_day, "fa") == f"۱ {persian} ۱۴۰۵"
    assert format_date(first_day, "en") == f"1 {latin} 1405 SH"


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (dt.date(2026, 11, 24), "fa", ("۳ آذر ۱۴۰۵", "۲۴ نوامبر ۲۰۲۶")),
        (dt.date(2026, 11, 24), "en", ("3 Azar 1405 SH", "24 November 2026")),
        (dt.date(2027, 1, 21), "fa", ("۱ بهمن ۱۴۰۵", "۲۱ ژانویه ۲۰۲۷")),
        (dt.date(2027, 1, 21), "en", ("1 Bahman 1405 SH", "21 January 2027")),
        (dt.date(2025, 7, 6), "fa", ("۱۵ تیر ۱۴۰۴", "۶ ژوئیه ۲۰۲۵")),
        (dt.date(2024, 3, 20), "fa", ("۱ فروردین ۱۴۰۳", "۲۰ مارس ۲۰۲۴")),
        (dt.date(2024, 3, 20), "en", ("1 Farvardin 1403 SH", "20 March 2024")),
    ],
)
def test_a_title_page_date_in_both_calendars_and_the_studys_digits(day, language, expected):
    assert format_dates(day, language) == expected


def test_a_timestamp_counts_as_its_day_in_the_current_time_zone():
    # 21:00 UTC on 20 March 2026 is half past midnight of Nowruz 1405 in Tehran.
    moment = dt.datetime(2026, 3, 20, 21, 0, tzinfo=dt.UTC)
    with timezone.override(ZoneInfo("Asia/Tehran")):
        assert format_date(moment, "en") == "1 Farvardin 1405 SH"
    with timezone.override(ZoneInfo("UTC")):
        assert format_date(moment, "fa") == "۲۹ اسفند ۱۴۰۴"
