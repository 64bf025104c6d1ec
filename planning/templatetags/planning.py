"""Template helpers in the planner's language: Persian digits."""

from django import template

from planning.digits import digits as localized

register = template.Library()


@register.filter
def digits(value) -> str:
    """Numbers and codes in the reader's digits: S12 → S۱۲ in the Persian UI."""
    return localized(value)
