"""A study's History page, and restoring from it a deleted factor, strategy or action, or an
earlier wording of one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from audit import restore as restoring
from audit.timeline import load_page
from planning.language import in_study_language
from planning.params import record_id
from swot.access import can_edit, get_study, require_edit
from swot.models import Study


def history_page(request: HttpRequest, study: Study, *, status: int = 200, refused: str = ""):
    # The list is a record of the study, like its reports: in the study's language, whatever
    # the language of the menus around it.
    with in_study_language(study.language):
        page = load_page(study, request.GET.get("page") or 1)
    context = {
        "study": study,
        "history": page,
        "can_edit": can_edit(request.user),
        "refused": refused,
    }
    return render(request, "audit/history.html", context, status=status)


@login_required
@require_GET
def study_history(request: HttpRequest, slug: str) -> HttpResponse:
    return history_page(request, get_study(request, slug))


@login_required
@require_POST
def restore(request: HttpRequest, slug: str) -> HttpResponse:
    """Undo the deletion that the form names (`model`, `history_id`), or write back the earlier
    wording it names (`model`, `wording`: its row, `latest`: the item's newest row as shown)."""
    study = get_study(request, slug)
    require_edit(request)
    model = request.POST.get("model", "")
    wording = "wording" in request.POST
    history_id = record_id(request.POST.get("wording" if wording else "history_id"))
    if history_id is None:
        raise Http404("No such change.")
    try:
        with in_study_language(study.language):
            if wording:
                latest = record_id(request.POST.get("latest"))
                message = restoring.restore_wording(study, model, history_id, latest, request.user)
            else:
                message = restoring.restore(study, model, history_id, request.user)
    except restoring.RestoreRefused as refused:
        return history_page(request, study, status=409, refused=refused.message)
    messages.success(request, message)
    return redirect("study-history", study.slug)
