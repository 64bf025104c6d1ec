"""The deployment's own views."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer or monitor: the app answers (no database, no login). The editor's
    benchmark also uses it as its floor: a trivial view through the whole middleware stack."""
    response = HttpResponse("ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response
