"""URLs of the reports; `part` is one of swot.reports.PARTS, anything else is a 404."""

from django.urls import path, register_converter

from swot import report_views
from swot.reports import PARTS


class ReportPartConverter:
    regex = "|".join(PARTS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReportPartConverter, "report_part")

urlpatterns = [
    path(
        "studies/<slug:slug>/report/<report_part:part>.pdf",
        report_views.report_pdf,
        name="report-pdf",
    ),
    path(
        "studies/<slug:slug>/report/<report_part:part>/",
        report_views.report_preview,
        name="report-preview",
    ),
]
