"""The matrix page of a study and its gaps panel."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from editor.matrix import load_gaps
from editor.pages import fragment, study_page
from swot.access import get_study


@login_required
@require_GET
def study(request: HttpRequest, slug: str) -> HttpResponse:
    return study_page(request, get_study(request, slug))


@login_required
@require_GET
def gaps(request: HttpRequest, slug: str) -> HttpResponse:
    study = get_study(request, slug)
    return fragment(request, "gaps", study, {"gaps": load_gaps(study)})
