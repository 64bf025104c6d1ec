"""One lock per study: every structural write of a study takes it first, so writes queue.

A structural write is one that numbers, links or unlinks: adding, deleting and moving a
factor, a strategy or an action's place in a program, attaching and detaching, citing,
a new action, deleting an unattached action, a restore, the admin's saves and deletes, and
loading or replacing a study file (studyfile/load.py). Each runs in a transaction whose first
statement is `lock_study`, and only then reads the rows it numbers, so two of them on one
study run one after the other instead of both taking the same next number (a duplicate
key) or locking each other's rows in opposite orders (a deadlock). Writes to different
studies do not wait for each other. Text-only edits need no lock:
`planning.concurrency.save_unless_stale` settles two saves of one text with its version.

Locking the rows being numbered is not enough: no row lock stops two transactions from
each inserting a new row with the same next number.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

from django.db import connection, transaction
from django.db.models import F
from django.http import Http404

from planning.params import record_id
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


class AdminWritesLockTheStudy:
    """A ModelAdmin mixin: the admin's saves and deletes take their study's lock first, before
    the form is checked, so a number or link typed there is checked against the study as it
    is once the editor's writes in progress have landed. `study_field` names the study's id
    on the model (`pk` for studies); a form moving an item to another study (`study` posted)
    locks both studies, in order."""

    study_field = "study_id"

    def studies_of(self, request, object_id) -> set[int]:
        studies = set()
        if object_id is not None and (pk := record_id(str(object_id))):
            row = self.model.objects.filter(pk=pk)
            studies.update(row.values_list(self.study_field, flat=True))
        if posted := record_id(request.POST.get("study")):
            studies.add(posted)
        return studies

    def lock_studies(self, study_ids: Iterable[int]) -> None:
        for study_id in sorted(set(study_ids)):
            with suppress(Http404):  # no such study: the form or the admin says what is wrong
                lock_study(study_id)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic():
            self.lock_studies(self.studies_of(request, object_id))
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method != "POST":
            return super().delete_view(request, object_id, extra_context)
        with transaction.atomic():
            self.lock_studies(self.studies_of(request, object_id))
            return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            self.lock_studies(queryset.values_list(self.study_field, flat=True))
            super().delete_queryset(request, queryset)
