from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from config.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    # The language switch works on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("audit.urls")),
    path("", include("swot.urls")),
    path("", include("editor.urls")),
    path("", include("evaluation.urls")),
    path("", include("reports.urls")),
    path("", include("studyfile.urls")),
]
