from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Roles and logins")

    def ready(self) -> None:
        # django-axes names its admin section "Axes", untranslated: the admin shows its
        # failed-login records under a name that says what they are, in the reader's language.
        apps.get_app_config("axes").verbose_name = _("Failed logins")
