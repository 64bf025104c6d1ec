"""Writes to a study's factors that change several rows: each one transaction, one function.

Codes follow the order (planning/numbering.py): adding takes the next number of the kind,
deleting and moving renumber the kind. Each takes the study's lock first (swot/locks.py), so
two analysts' writes to one study queue instead of colliding.
"""

from __future__ import annotations

from django.db import transaction

from planning.numbering import close_gap, move_one, number_at_end
from swot.forms import FactorForm
from swot.locks import lock_study
from swot.models import Factor


def add_factor(form: FactorForm) -> Factor:
    """Save a valid form for a new factor (its study and kind set) at the end of its kind."""
    factor = form.instance
    with transaction.atomic():
        lock_study(factor.study_id)
        kind = Factor.objects.filter(study_id=factor.study_id, kind=factor.kind)
        factor.number = number_at_end(kind)
        return form.save()


def delete_factor(factor: Factor) -> None:
    """Delete a factor (and its citations); the factors after it move up a number.

    One deleted meanwhile (by another analyst, while this one waited its turn) stays deleted.
    """
    with transaction.atomic():
        lock_study(factor.study_id)
        if not Factor.objects.filter(pk=factor.pk).exists():
            return
        factor.delete()
        close_gap(Factor.objects.filter(study_id=factor.study_id, kind=factor.kind))


def move_factor(factor: Factor, direction: str) -> None:
    """Swap a factor with the one above (`up`) or below it; codes follow."""
    with transaction.atomic():
        lock_study(factor.study_id)
        kind = Factor.objects.filter(study_id=factor.study_id, kind=factor.kind)
        move_one(kind, factor, direction)
