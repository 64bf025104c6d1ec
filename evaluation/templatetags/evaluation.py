"""Figures as the evaluation page shows them: two decimals (halves up, planning.evaluation.shown),
weights as stored (0.20, 0.125), SPACE scores with their sign, in the reader's digits (and the
Persian decimal separator ٫ in Persian)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils.translation import get_language

from planning.digits import digits
from planning.evaluation import shown, shown_weight

register = template.Library()

DASH = "—"


def localized(text: str) -> str:
    if (get_language() or "").startswith("fa"):
        text = text.replace(".", "٫")
    return digits(text)


@register.filter
def figure(value: Decimal | Fraction | None) -> str:
    """A total, a mean, a weighted score: 2.345 → 2.35 (۲٫۳۵ in Persian)."""
    if value is None or value == "":
        return DASH
    return localized(str(shown(value)))


@register.filter
def signed(value: Decimal | Fraction | int | None) -> str:
    """A SPACE score or figure with its sign: +5, −3, +1.50, 0.00."""
    if value is None:
        return DASH
    if isinstance(value, int):
        text = f"{value:+d}"
    else:
        number = shown(value)
        text = f"{number:+}" if number else str(number)
    return localized(text.replace("-", "−"))


@register.filter
def weight(value: Decimal | None) -> str:
    """A weight or a weights' sum to two decimals, or three where it has them: 0.20, 0.125,
    0.999."""
    if value is None:
        return DASH
    return localized(str(shown_weight(value)))


@register.filter
def times(value: Decimal | None, score: int | None) -> Decimal | None:
    """weight × score (a QSPM cell's total attractiveness), None if either is missing."""
    if value is None or score is None:
        return None
    return value * score


@register.filter
def plain(value: Decimal | int | None) -> str:
    """A number as a form shows it to edit: 0.2, -3 (Latin digits, as typed back)."""
    return "" if value is None else str(value)
