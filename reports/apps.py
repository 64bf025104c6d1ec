from django.apps import AppConfig
from django.apps import apps as installed
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Print-quality reports")

    def ready(self) -> None:
        # The reports' queue (README "Reports"): django-tasks-db names its admin section
        # "Tasks Database Backend", untranslated; with Redis (django-tasks-rq) it has none.
        if installed.is_installed("django_tasks_db"):
            installed.get_app_config("django_tasks_database").verbose_name = _(
                "Report typesetting queue"
            )
