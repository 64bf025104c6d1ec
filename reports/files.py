"""Finding, queueing and making a report's PDF: a request never typesets one.

- `current_revision(study, part)`: the report's HTML as it is now and its digest, and the kept
  file of that digest if there is one. Queries and templates only (milliseconds).
- `request_file(study, part)`: the same, and when there is no file of that digest yet, one row
  (queued) and one task for it, however many readers ask at once (the unique constraint).
- The task that makes the PDF, in the worker, is reports/tasks.py's.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from reports import render
from reports.data import build_report
from reports.models import ReportFile
from reports.tasks import fail, make_report_pdf
from swot.models import Study

logger = logging.getLogger(__name__)

# The columns a status check reads: never the PDF or the HTML.
STATUS_FIELDS = (
    "id",
    "study_id",
    "part",
    "digest",
    "day",
    "status",
    "size",
    "pages",
    "error",
    "created",
    "started",
    "finished",
)


@dataclass
class Revision:
    html: str
    digest: str
    day: object  # datetime.date
    file: ReportFile | None  # the kept file of this digest (without its PDF), if any


def revision_digest(html: str) -> str:
    """SHA-256 of everything the PDF is made from: the HTML and the report stylesheet."""
    digest = hashlib.sha256(html.encode())
    digest.update(b"\0")
    digest.update(render.stylesheet_path().read_bytes())
    return digest.hexdigest()


def current_revision(study: Study, part: str) -> Revision:
    """The report as it would be typeset now, and its kept file if it has one."""
    day = timezone.localdate()
    html = render.render_report_html(build_report(study, today=day), part)
    digest = revision_digest(html)
    file = (
        ReportFile.objects.filter(study=study, part=part, digest=digest)
        .only(*STATUS_FIELDS)
        .first()
    )
    return Revision(html, digest, day, file)


def status_of(study: Study, part: str, file_id: int) -> ReportFile | None:
    """One file's state, for the progress page's polling: one query, no PDF, no HTML."""
    return (
        ReportFile.objects.filter(study=study, part=part, pk=file_id).only(*STATUS_FIELDS).first()
    )


def read_pdf(file: ReportFile) -> bytes:
    return bytes(ReportFile.objects.values_list("pdf", flat=True).get(pk=file.pk))


def request_file(study: Study, part: str, *, retry: bool = False) -> ReportFile:
    """The file of the report's current revision, queued for the worker if it is not made yet.

    Twenty readers asking at once make one row and one task: the row is created under the
    constraint (study, part, digest), and only the request that created it queues the task. A
    failed file (or one whose worker died) is queued again only when `retry` is asked for.
    """
    revision = current_revision(study, part)
    file = revision.file
    queue = False
    if file is None:
        try:
            with transaction.atomic():
                file = ReportFile.objects.create(
                    study=study,
                    part=part,
                    digest=revision.digest,
                    day=revision.day,
                    html=revision.html,
                )
            queue = True
        except IntegrityError:  # another request created it a moment ago
            file = ReportFile.objects.only(*STATUS_FIELDS).get(
                study=study, part=part, digest=revision.digest
            )
    elif retry and file.has_failed:
        # Only the request that moves it back to "queued" queues the task.
        queue = bool(
            ReportFile.objects.filter(pk=file.pk, status=file.status).update(
                status=ReportFile.Status.QUEUED,
                html=revision.html,
                error="",
                created=timezone.now(),
                started=None,
                finished=None,
            )
        )
    if queue:
        enqueue(file)
        file = status_of(study, part, file.pk) or file
    return file


def enqueue(file: ReportFile) -> None:
    """Hand the file to the task queue; a queue that cannot be reached fails the file."""
    try:
        make_report_pdf.enqueue(file.pk)
    except Exception as exc:
        logger.exception("Could not queue the report file %s", file.pk)
        fail(file.pk, f"could not be queued: {exc}")
