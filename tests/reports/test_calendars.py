"""The title page's dates: the Solar Hijri calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.calendars import gregorian_to_jalali


@pytest.mark.parametrize(
    ("gregorian", "jalali"),
    [
        (dt.date(2017, 3, 21), (1396, 1, 1)),
        (dt.date(2026, 11, 24), (1405, 9, 3)),
        (dt.date(1979, 2, 11), (1357, 11, 22)),
        (dt.date(2000, 1, 1), (1378, 10, 11)),
        (dt.date(2021, 3, 20), (1399, 12, 30)),  # 1399 is a leap year
        (dt.date(2021, 3, 21), (1400, 1, 1)),
        (dt.date(2024, 3, 19), (1402, 12, 29)),  # 1402 is not
        (dt.date(2024, 3, 20), (1403, 1, 1)),
        (dt.date(2025, 3, 20), (1403, 12, 30)),  # 1403 is
        (dt.date(2025, 3, 21), (1404, 1, 1)),
        (dt.date(2025, 9, 22), (1404, 6, 31)),  # the last day of the 31-day months
        (dt.date(2025, 9, 23), (1404, 7, 1)),
    ],
)
def test_solar_hijri_date_of_known_gregorian_dates(gregorian, jalali):
    assert gregorian_to_jalali(gregorian.year, gregorian.month, gregorian.day) == jalali


def test_solar_hijri_dates_advance_one_day_at_a_time_over_decades():
    day, previous = dt.date(1990, 1, 1), gregorian_to_jalali(1990, 1, 1)
    leap_years = set()
    while day < dt.date(2040, 1, 1):
        day += dt.timedelta(days=1)
        current = gregorian_to_jalali(day.year, day.month, day.day)
        year, month, dom = previous
        if current == (year, month, dom + 1):
            assert dom + 1 <= (31 if month <= 6 else 30)
        elif current == (year, month + 1, 1):
            assert dom == (31 if month <= 6 else 30)
        else:
            assert current == (year + 1, 1, 1) and month == 12 and dom in (29, 30)
            if dom == 30:
                leap_years.add(year)
        previous = current
    # Eight leap years in each 33-year cycle, four or five years apart.
    assert {1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408, 1412, 1416} <= leap_years
    assert len(leap_years & set(range(1369, 1402))) == 8
