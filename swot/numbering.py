"""Codes follow the order: S1, S2, S3… are renumbered after every delete or move.

The numbers are unique per (study, kind) in the database, so a renumbering first parks the
rows out of the way and then writes their final numbers: two UPDATEs per row set, whatever
the database checks when.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models, transaction

# Above any real count and below PositiveSmallIntegerField's 32767.
PARKING_OFFSET = 20000


def renumber(
    rows: Sequence[models.Model], field: str = "number", *, unrecorded: Sequence = ()
) -> None:
    """Give `rows` the numbers 1..n in the order given, touching only those that change.

    A new number is a new code (S5 becomes S4), so each changed row gets a history row like
    any edit, all in one INSERT; `unrecorded` rows are left to the caller to record.
    """
    changed = [(row, n) for n, row in enumerate(rows, start=1) if getattr(row, field) != n]
    if not changed:
        return
    model = type(changed[0][0])
    with transaction.atomic():
        for row, n in changed:
            setattr(row, field, n + PARKING_OFFSET)
        model.objects.bulk_update([row for row, _ in changed], [field])
        for row, n in changed:
            setattr(row, field, n)
        model.objects.bulk_update([row for row, _ in changed], [field])
        recorded = [row for row, _ in changed if row not in unrecorded]
        if recorded and hasattr(model, "history"):
            model.history.bulk_history_create(recorded, update=True)


def moved(rows: list, index: int, direction: str) -> list:
    """The list with rows[index] moved one place up or down (unchanged at the ends)."""
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(rows):
        return rows
    rows = list(rows)
    rows[index], rows[target] = rows[target], rows[index]
    return rows
