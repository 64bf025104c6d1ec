"""The project's one calendar: dates in Solar Hijri (Jalali) and Gregorian, spelled out.

The Solar Hijri arithmetic and its month names come from jdatetime, the maintained library,
rather than a conversion of our own; only the Gregorian months in Persian are ours (jdatetime
has none). `language` is a study's language, 'fa' or 'en'.
"""

from __future__ import annotations

import datetime as dt

import jdatetime
from django.utils import timezone

from planning.digits import localize_digits

GREGORIAN_MONTHS_FA = (
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)  # fmt: skip
GREGORIAN_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _persian(language: str) -> bool:
    # The same test as planning.digits.localize_digits, so names and digits never disagree.
    return (language or "").startswith("fa")


def _day(value: dt.date) -> dt.date:
    """The calendar day of a date, or of a datetime where the reader is (aware ones in the
    current time zone, so 23:00 UTC is already tomorrow in Tehran)."""
    if isinstance(value, dt.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


def solar_hijri(day: dt.date) -> tuple[int, int, int]:
    """(year, month, day) in the Solar Hijri calendar: 2017-03-21 → (1396, 1, 1)."""
    jalali = jdatetime.date.fromgregorian(date=_day(day))
    return jalali.year, jalali.month, jalali.day


def format_date(value: dt.date, language: str) -> str:
    """One Solar Hijri date spelled out: '۳ آذر ۱۴۰۵' in Persian, '3 Azar 1405 SH' in English.

    A datetime counts as its day in the current time zone (a History entry's timestamp).
    """
    year, month, day = solar_hijri(value)
    if _persian(language):
        return localize_digits(f"{day} {jdatetime.date.j_months_fa[month - 1]} {year}", language)
    return f"{day} {jdatetime.date.j_months_en[month - 1]} {year} SH"


def format_datetime(value: dt.datetime, language: str) -> str:
    """A moment in the reader's calendar, at its time in the site's time zone (TIME_ZONE):
    '۳ آذر ۱۴۰۵، ۱۴:۳۰' (Solar Hijri) in Persian, '24 November 2026, 14:30' (Gregorian) in
    English. A naive datetime is taken as already local."""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    clock = f"{moment:%H:%M}"
    if _persian(language):
        return f"{format_date(moment, language)}، {localize_digits(clock, language)}"
    return f"{moment.day} {GREGORIAN_MONTHS_EN[moment.month - 1]} {moment.year}, {clock}"


def format_dates(day: dt.date, language: str) -> tuple[str, str]:
    """(Solar Hijri, Gregorian) spelled out for a title page: ('۳ آذر ۱۴۰۵', '۲۴ نوامبر ۲۰۲۶')."""
    day = _day(day)
    months = GREGORIAN_MONTHS_FA if _persian(language) else GREGORIAN_MONTHS_EN
    gregorian = localize_digits(f"{day.day} {months[day.month - 1]} {day.year}", language)
    return format_date(day, language), gregorian
