"""Codes follow the order: S1, S2, S3… run 1..n in each kind, quadrant or action program.

The one "next number", the one gap check and the one renumbering, for every path that
numbers: the editor's add, move and delete, the study loader, and restore.

Numbers are unique per (study, kind) in the database, so a renumbering first parks the rows
out of the way and then writes their final numbers: two UPDATEs per row set, whatever the
database checks when.

Two writers numbering one study at once are kept apart by the study's lock, which every
caller takes first (swot/locks.py, a floor above): locking the rows read here cannot stop
another transaction from inserting a row with the same next number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.db import models, transaction
from django.http import Http404

# Above any real count and below PositiveSmallIntegerField's 32767.
PARKING_OFFSET = 20000

Row = TypeVar("Row")


def next_number(taken: Iterable[int]) -> int:
    """The number an item added at the end gets: one past the highest taken (1 if none)."""
    return max(taken, default=0) + 1


def number_at_end(rows: models.QuerySet, field: str = "number") -> int:
    """`next_number` of the rows of one kind, quadrant or program, read under a row lock.

    The rows themselves are read (not an aggregate: a database drops FOR UPDATE from those).
    """
    return next_number(rows.select_for_update().order_by().values_list(field, flat=True))


def first_missing(numbers: Iterable[int]) -> int | None:
    """The first of 1..n (n = how many numbers) that is not among `numbers`, else None."""
    numbers = list(numbers)
    missing = set(range(1, len(numbers) + 1)) - set(numbers)
    return min(missing) if missing else None


def moved(rows: Sequence[Row], index: int, direction: str) -> list[Row]:
    """The list with rows[index] moved one place up or down (unchanged at the ends)."""
    target = index - 1 if direction == "up" else index + 1
    rows = list(rows)
    if not 0 <= target < len(rows):
        return rows
    rows[index], rows[target] = rows[target], rows[index]
    return rows


def placed(rows: Sequence[Row], item: Row, number: int) -> list[Row]:
    """The list with `item` at 1-based `number`, clamped to the ends (a restore's place)."""
    index = min(max(number, 1), len(rows) + 1) - 1
    return [*rows[:index], item, *rows[index:]]


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


def move_one(rows: models.QuerySet, item: models.Model, direction: str, field: str = "number"):
    """Swap `item` with its neighbour above (`up`) or below it among `rows` (a kind, a
    quadrant, a program), read under a row lock; the numbers follow the new order."""
    with transaction.atomic():
        locked = list(rows.select_for_update().order_by(field))
        index = next((i for i, row in enumerate(locked) if row.pk == item.pk), None)
        if index is None:  # deleted (or moved elsewhere) by someone else meanwhile
            raise Http404("This item is no longer here; reload the page.")
        renumber(moved(locked, index, direction), field)


def close_gap(rows: models.QuerySet, field: str = "number") -> None:
    """After a delete: `rows` (read under a row lock) numbered 1..n again, in their order."""
    renumber(list(rows.select_for_update().order_by(field)), field)
