from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """The planner's vocabulary and rules. No models; installed for its template tags."""

    name = "planning"
    verbose_name = "Planning vocabulary"
