"""One lock per study: every structural write of a study takes it first, so writes queue.

A structural write is one that numbers, links or unlinks: adding, deleting and moving a
factor, a strategy or an action's place in a program, attaching and detaching, citing,
a new action, deleting an unattached action, a restore, the admin's saves and deletes, and
loading or replacing a study file. Each runs in a transaction whose first statement is
`lock_study`, and only then reads the rows it numbers, so two of them on one study run one
after the other instead of both taking the same next number (a duplicate key) or locking
each other's rows in opposite orders (a deadlock). Writes to different studies do not wait
for each other. Text-only edits need no lock: `planning.concurrency.save_unless_stale`
settles two saves of one text with its version.

Locking the rows being numbered is not enough: no row lock stops two transactions from
each inserting a new row with the same next number.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F
from django.http import Http404

from swot.models import Study


def lock_study(study_id: int) -> None:
    """Take the study's write lock until the end of the current transaction.

    PostgreSQL: `SELECT … FOR UPDATE` of the study's row. SQLite has no row locks and one
    writer at a time: there the lock is an UPDATE that changes nothing, which takes SQLite's
    write lock at the start of the transaction (waiting its turn, up to the connection's
    timeout) instead of at the transaction's first INSERT, where a second writer that had
    already read would fail at once with "database is locked".

    Raises Http404 if the study is gone (deleted or replaced while this write waited).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_study() is called inside the write's transaction.atomic().")
    study = Study.objects.filter(pk=study_id).order_by()
    if connection.features.has_select_for_update:
        found = bool(study.select_for_update().values_list("pk", flat=True))
    else:
        found = bool(study.update(id=F("id")))
    if not found:
        raise Http404("This study no longer exists.")


def lock_studies(study_ids: Iterable[int]) -> None:
    """Several studies' locks (an admin's bulk delete), always in the same order."""
    for study_id in sorted(set(study_ids)):
        lock_study(study_id)
