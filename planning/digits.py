"""Numbers in the reader's digits: S12 reads S۱۲ in Persian, S12 otherwise."""

from __future__ import annotations

from django.utils.translation import get_language

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def localize_digits(value: object, language: str) -> str:
    """`value` as text, with Persian digits if `language` is Persian."""
    text = str(value)
    return text.translate(PERSIAN_DIGITS) if (language or "").startswith("fa") else text


def digits(value: object) -> str:
    """`value` in the digits of the active language (the UI's, or a study's under override)."""
    return localize_digits(value, get_language() or "")
