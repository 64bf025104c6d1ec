from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyfileConfig(AppConfig):
    name = "studyfile"
    verbose_name = _("Study files")
