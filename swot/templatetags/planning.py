"""Template helpers in the planner's language: Persian digits, compact citations."""

from django import template
from django.utils.translation import get_language

register = template.Library()

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@register.filter
def digits(value) -> str:
    """Numbers and codes in the reader's digits: S12 → S۱۲ in the Persian UI."""
    text = str(value)
    if (get_language() or "").startswith("fa"):
        return text.translate(PERSIAN_DIGITS)
    return text
