"""URLs of the reports; `part` is one of reports.render.PARTS, anything else is a 404."""

from django.urls import path, register_converter

from reports import views
from reports.render import PARTS


class ReportPartConverter:
    regex = "|".join(PARTS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReportPartConverter, "report_part")

urlpatterns = [
    path(
        "studies/<study:slug>/report/<report_part:part>.pdf",
        views.report_pdf,
        name="report-pdf",
    ),
    path(
        "studies/<study:slug>/report/<report_part:part>/files/<id:pk>/",
        views.report_status,
        name="report-status",
    ),
    path(
        "studies/<study:slug>/report/<report_part:part>/",
        views.report_preview,
        name="report-preview",
    ),
]
