from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from planning.converters import RecordIdConverter, StudySlugConverter


class PlanningConfig(AppConfig):
    """The planner's vocabulary and rules. No models; installed for its template tags."""

    name = "planning"
    verbose_name = _("Planning vocabulary")

    def ready(self) -> None:
        # Before any URLconf is read (they are read on the first request or reverse()).
        register_converter(RecordIdConverter, "id")
        register_converter(StudySlugConverter, "study")
