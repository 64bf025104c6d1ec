"""Writes to a study's factors, and a study's moves to and from the bin: each one transaction,
one function.

Codes follow the order (planning/numbering.py): adding takes the next number of the kind,
deleting and moving renumber the kind. Each takes the study's lock first (swot/locks.py), so
two analysts' writes to one study queue instead of colliding.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from planning.history import BINNED, BROUGHT_BACK
from planning.limits import FACTORS_PER_KIND_MAX
from planning.numbering import close_gap, move_one, number_at_end
from planning.rules import check_room
from swot.forms import FactorForm
from swot.locks import lock_study
from swot.models import Factor, Study


def add_factors(forms: list[FactorForm]) -> list[Factor]:
    """Save valid forms for new factors (their study and kind set, one study and kind), in
    order, at the end of their kind: all of them or, if one fails, none. Each is recorded in
    the history as its own add."""
    if not forms:
        return []
    first = forms[0].instance
    with transaction.atomic():
        lock_study(first.study_id)
        kind = Factor.objects.filter(study_id=first.study_id, kind=first.kind)
        start = number_at_end(kind)
        check_room(start + len(forms) - 1, FACTORS_PER_KIND_MAX, _("factors of a kind"))
        factors = []
        for number, form in enumerate(forms, start=start):
            form.instance.number = number
            factors.append(form.save())
        return factors


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


def _lock_all(study_ids: Iterable[int]) -> None:
    for study_id in sorted(set(study_ids)):  # in order: two such writes never deadlock
        with suppress(Http404):  # gone meanwhile: the queries below no longer find it
            lock_study(study_id)


def move_studies_to_bin(study_ids: Iterable[int]) -> int:
    """Move the studies to the bin: gone from every page, kept whole. Returns how many moved
    (one already in the bin stays as it is). Each move is a row of the study's history."""
    study_ids = list(study_ids)
    with transaction.atomic():
        _lock_all(study_ids)
        moved = 0
        for study in Study.objects.live().filter(pk__in=study_ids):
            study.deleted_at = timezone.now()
            study._change_reason = BINNED
            study.save(update_fields=["deleted_at"])
            moved += 1
    return moved


def bring_studies_back(study_ids: Iterable[int]) -> int:
    """Bring studies back from the bin, as they were, History included. Returns how many."""
    study_ids = list(study_ids)
    with transaction.atomic():
        _lock_all(study_ids)
        brought = 0
        for study in Study.objects.in_bin().filter(pk__in=study_ids):
            study.deleted_at = None
            study._change_reason = BROUGHT_BACK
            study.save(update_fields=["deleted_at"])
            brought += 1
    return brought


def delete_studies_in_bin(study_ids: Iterable[int]) -> int:
    """Delete for good those of the studies that are in the bin (their factors, strategies,
    actions with them); a study not in the bin is left alone. Returns how many were deleted."""
    study_ids = list(study_ids)
    with transaction.atomic():
        _lock_all(study_ids)
        deleted = 0
        for study in Study.objects.in_bin().filter(pk__in=study_ids):
            study.delete()
            deleted += 1
    return deleted
