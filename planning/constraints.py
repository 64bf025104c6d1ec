"""A text's length limit held by the database (the numbers are planning/limits.py's)."""

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from planning.digits import digits

lazy_digits = lazy(digits, str)  # a number in the digits of the language active when shown


def length_at_most(field: str, what, limit: int, name: str) -> models.CheckConstraint:
    """A text field's max_length held by the database too: a TextField's max_length is only
    a form's check, so without this the loader, restore or the shell could store more."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=name,
        violation_error_message=format_lazy(
            _("{what} can be at most {limit} characters."), what=what, limit=lazy_digits(limit)
        ),
    )
