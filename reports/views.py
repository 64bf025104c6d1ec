"""Downloads and print previews of a study's report: Tables 1–3, alone or combined."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from reports.data import build_report
from reports.render import render_report_html, render_report_pdf, report_filename
from swot.access import get_study


@require_safe
@login_required
def report_pdf(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    """The PDF of `part` (combined, table1, table2, table3), as a download."""
    study = get_study(request, slug)
    rendered = render_report_pdf(study, part)
    response = HttpResponse(rendered.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(study, part)}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
@login_required
def report_preview(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    """The same report as an HTML page to read or print, with its download links."""
    study = get_study(request, slug)
    html = render_report_html(build_report(study), part, preview=True, request=request)
    return HttpResponse(html)
