from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SwotConfig(AppConfig):
    name = "swot"
    verbose_name = _("SWOT studies and factors")
