"""The task that typesets a report's PDF, run by the task worker (`manage.py db_worker`).

Django 6 has the tasks framework built in (`django.tasks`); on Django 5.2 it is the
django-tasks backport, with the same `@task` and the same TASKS setting (config/settings.py).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from reports import render
from reports.models import ERROR_MAX_CHARS, KEEP_FILES, ReportFile

try:
    from django.tasks import task
except ImportError:  # Django 5.2
    from django_tasks import task


@task()
def make_report_pdf(file_id: int) -> str:
    """Typeset a queued report file (reports/files.py queues it)."""
    return make_pdf(file_id)


def fail(file_id: int, message: str) -> None:
    ReportFile.objects.filter(pk=file_id).update(
        status=ReportFile.Status.FAILED, error=message[:ERROR_MAX_CHARS], finished=timezone.now()
    )


def make_pdf(file_id: int) -> str:
    """Typeset a queued file's HTML into its PDF (in the task worker). Returns what it did.

    The worker claims the row (queued → running) before typesetting, so a task queued twice
    for one file typesets it once.
    """
    claimed = ReportFile.objects.filter(pk=file_id, status=ReportFile.Status.QUEUED).update(
        status=ReportFile.Status.RUNNING, started=timezone.now()
    )
    if not claimed:
        return "skipped: not queued"
    file = ReportFile.objects.only("id", "study_id", "part", "html").get(pk=file_id)
    try:
        # The same typesetting as render_report_pdf() and `manage.py render_report`.
        pdf, pages = render.html_to_pdf(file.html)
    except Exception as exc:
        fail(file_id, f"{type(exc).__name__}: {exc}")
        raise
    ReportFile.objects.filter(pk=file_id).update(
        status=ReportFile.Status.READY,
        pdf=pdf,
        size=len(pdf),
        pages=pages,
        html="",
        finished=timezone.now(),
    )
    prune(file.study_id, file.part)
    return f"{pages} pages, {len(pdf)} bytes"


def prune(study_id: int, part: str) -> int:
    """Delete the finished files of a study's part beyond the newest KEEP_FILES."""
    finished = ReportFile.objects.filter(
        Q(status=ReportFile.Status.READY) | Q(status=ReportFile.Status.FAILED),
        study_id=study_id,
        part=part,
    )
    keep = list(finished.order_by("-finished", "-pk").values_list("pk", flat=True)[:KEEP_FILES])
    deleted, _ = finished.exclude(pk__in=keep).delete()
    return deleted
