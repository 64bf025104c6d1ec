"""Writes to a study's factors that change several rows: each one transaction, one function.

Codes follow the order (planning/numbering.py): adding takes the next number of the kind,
deleting and moving renumber the kind.
"""

from __future__ import annotations

from django.db import transaction

from planning.numbering import close_gap, move_one, number_at_end
from swot.forms import FactorForm
from swot.models import Factor


def add_factor(form: FactorForm) -> Factor:
    """Save a valid form for a new factor (its study and kind set) at the end of its kind."""
    factor = form.instance
    with transaction.atomic():
        kind = Factor.objects.filter(study_id=factor.study_id, kind=factor.kind)
        factor.number = number_at_end(kind)
        return form.save()


def delete_factor(factor: Factor) -> None:
    """Delete a factor (and its citations); the factors after it move up a number."""
    with transaction.atomic():
        factor.delete()
        close_gap(Factor.objects.filter(study_id=factor.study_id, kind=factor.kind))


def move_factor(factor: Factor, direction: str) -> None:
    """Swap a factor with the one above (`up`) or below it; codes follow."""
    move_one(Factor.objects.filter(study_id=factor.study_id, kind=factor.kind), factor, direction)
