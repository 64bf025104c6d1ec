"""Template helpers in the planner's language: Persian digits, labels with a code."""

from django import template

from planning.digits import digits as localized

register = template.Library()


@register.filter
def digits(value) -> str:
    """Numbers and codes in the reader's digits: S12 → S۱۲ in the Persian UI."""
    return localized(value)


@register.filter
def fill(label: str, value) -> str:
    """A translated label with its code or number: `{{ labels.edit|fill:factor.code }}` is
    "Edit S3". The same text a `{% blocktranslate %}` would give, at a fraction of its cost
    where a page repeats it for every item."""
    return label % {"code": value, "n": value}
