"""The dates a report prints: Solar Hijri (Jalali) and Gregorian, spelled out."""

from __future__ import annotations

import datetime as dt

from planning.digits import localize_digits
from swot.models import Study

JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
JALALI_MONTHS_LATIN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip
GREGORIAN_MONTHS_FA = (
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)  # fmt: skip
GREGORIAN_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def gregorian_to_jalali(year: int, month: int, day: int) -> tuple[int, int, int]:
    """The Solar Hijri (Jalali) date of a Gregorian date: 2017-03-21 → (1396, 1, 1).

    The well-known arithmetic conversion by 33-year cycles (as in jdf.scr.ir), which agrees
    with the official calendar's leap years across the present era (tests check Nowruz and the
    30th of Esfand around the leap years from 1357 to 1409).
    """
    days_before_month = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    leap_year = year + 1 if month > 2 else year
    days = (
        355666
        + 365 * year
        + (leap_year + 3) // 4
        - (leap_year + 99) // 100
        + (leap_year + 399) // 400
        + day
        + days_before_month[month - 1]
    )
    jy = -1595 + 33 * (days // 12053)
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        return jy, 1 + days // 31, 1 + days % 31
    return jy, 7 + (days - 186) // 30, 1 + (days - 186) % 30


def format_dates(day: dt.date, language: str) -> tuple[str, str]:
    """(Solar Hijri, Gregorian) spelled out for the title page: ('۳ آذر ۱۴۰۵', '۲۴ نوامبر ۲۰۲۶')."""
    jy, jm, jd = gregorian_to_jalali(day.year, day.month, day.day)
    if language == Study.Language.PERSIAN:
        jalali = f"{jd} {JALALI_MONTHS[jm - 1]} {jy}"
        gregorian = f"{day.day} {GREGORIAN_MONTHS_FA[day.month - 1]} {day.year}"
        return localize_digits(jalali, language), localize_digits(gregorian, language)
    jalali = f"{jd} {JALALI_MONTHS_LATIN[jm - 1]} {jy} SH"
    gregorian = f"{day.day} {GREGORIAN_MONTHS_EN[day.month - 1]} {day.year}"
    return jalali, gregorian
