"""Downloads and print previews of a study's report: the TOWS matrix, Tables 1–3 and the
evaluation (David's IFE, EFE, position, IE, SPACE and QSPM), alone or combined.

A download never typesets in the web request: the PDF of the report's current revision is
sent at once when it is kept (reports/models.py), else it is queued for the task worker and
the reader gets a page that follows its progress and offers the file when it is ready.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from reports import files
from reports.data import build_report
from reports.models import ReportFile
from reports.render import render_report_html, report_filename
from swot.access import get_study
from swot.models import Study

PART_NAMES = {
    "combined": _("The full report"),
    "matrix": _("The TOWS matrix"),
    "table1": _("Table 1"),
    "table2": _("Table 2"),
    "table3": _("Table 3"),
    "evaluation": _("The evaluation"),
}
POLL_SECONDS = 2


@require_safe
@login_required
def report_pdf(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    """The PDF of `part` (combined, matrix, table1, table2, table3, evaluation) as a download,
    when it is made.

    GET: the kept PDF of the report as it is now (200); otherwise the task is queued (once)
    and the answer is the progress page (202), or the failure page (200) with a retry link.
    HEAD: the same status and headers, and never typesets or queues anything.
    """
    study = get_study(request, slug)
    if request.method == "HEAD":
        file = files.current_revision(study, part).file
    else:
        file = files.request_file(study, part, retry="retry" in request.GET)
    if file is not None and file.is_ready:
        return pdf_response(request, study, part, file)
    return status_page(request, study, part, file)


@require_safe
@login_required
def report_status(request: HttpRequest, slug: str, part: str, pk: int) -> HttpResponse:
    """One file's progress: the fragment the progress page polls (htmx), or the whole page."""
    study = get_study(request, slug)
    file = files.status_of(study, part, pk)
    if file is None:
        raise Http404("No such report file.")
    return status_page(request, study, part, file)


def pdf_response(request: HttpRequest, study: Study, part: str, file: ReportFile) -> HttpResponse:
    body = b"" if request.method == "HEAD" else files.read_pdf(file)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Length"] = str(file.size)
    # A Persian slug makes a non-ASCII name: RFC 6266's filename*=utf-8''… (RFC 5987).
    name = report_filename(study, part, day=file.day)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-cache"
    return response


def status_page(
    request: HttpRequest, study: Study, part: str, file: ReportFile | None
) -> HttpResponse:
    """Queued or being typeset: 202, and the page polls; failed: 200, with a retry link."""
    pending = file is None or file.is_pending
    context = {
        "study": study,
        "part": part,
        "part_name": PART_NAMES[part],
        "file": file,
        "pending": pending,
        "poll_seconds": POLL_SECONDS,
        "pdf_url": reverse("report-pdf", args=[study.slug, part]),
        "status_url": file and reverse("report-status", args=[study.slug, part, file.pk]),
    }
    template = "reports/file_status.html"
    if request.htmx:
        template += "#file-status"
    response = render(request, template, context, status=202 if pending else 200)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@login_required
def report_preview(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    """The same report as an HTML page to read or print, with its download links."""
    study = get_study(request, slug)
    html = render_report_html(build_report(study), part, preview=True, request=request)
    return HttpResponse(html)
