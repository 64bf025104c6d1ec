"""The matrix page of a study and its gaps panel."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from editor.matrix import load_gaps
from editor.pages import fragment, study_page
from planning.params import record_id
from planning.vocabulary import Kind
from swot.access import get_study


@login_required
@require_GET
def study(request: HttpRequest, slug: str) -> HttpResponse:
    return study_page(request, get_study(request, slug), **add_form_open(request))


def add_form_open(request: HttpRequest) -> dict:
    """After an add without JavaScript the page comes back with that add form open and empty
    for the next entry: "Add a factor" of `?adding=<kind>`, or the "new action" form of the
    program of `?new_action=<strategy pk>`."""
    if request.GET.get("adding") in Kind.values:
        return {"active": f"add-{request.GET['adding']}"}
    if (pk := record_id(request.GET.get("new_action"))) is not None:
        return {"active": "new-action", "active_pk": pk}
    return {}


@login_required
@require_GET
def gaps(request: HttpRequest, slug: str) -> HttpResponse:
    """A part of the gaps panel: `?part=codes` (uncited factors, strategies without actions)
    or `?part=actions` (the unattached actions, with their tools)."""
    study = get_study(request, slug)
    part = request.GET.get("part", "")
    if part not in GAP_PARTS:
        raise Http404("No such part of the gaps panel.")
    gaps = load_gaps(study, codes=part == "codes", actions=part == "actions")
    return fragment(request, GAP_PARTS[part], study, {"gaps": gaps})


GAP_PARTS = {"codes": "gap-codes", "actions": "unattached"}
