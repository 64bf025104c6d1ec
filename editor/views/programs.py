"""Action programs: new actions, attaching shared ones, order, detaching, editing text."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.access import get_action, get_link
from actions.changes import (
    add_action,
    attach_action,
    delete_unattached_action,
    detach_link,
    move_link,
    search_actions,
)
from actions.forms import ActionForm
from actions.models import Action
from editor.matrix import load_gaps
from editor.pages import (
    ACTIONS_CHANGED,
    STUDY_CHANGED,
    back_to_study,
    fragment,
    show_new_item,
    study_page,
)
from editor.views.strategies import strategy_card
from planning.concurrency import conflict_form, save_unless_stale
from strategies.access import get_strategy
from strategies.models import Strategy
from swot.models import Study


def gaps_context(study: Study) -> dict:
    return {"gaps": load_gaps(study)}


@login_required
@require_POST
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_strategy(request, pk, write=True)
    form = ActionForm(request.POST, instance=Action(study=strategy.study))
    if form.is_valid():
        link = add_action(strategy, form)
        if not request.htmx:
            return back_to_study(strategy.study, f"strategy-{pk}")
        response = strategy_card(
            request, pk, active="program", active_pk=pk, events=(STUDY_CHANGED,)
        )
        return show_new_item(response, f"link-{link.pk}")
    extra = {"active": "new-action", "active_pk": pk, "form": form}
    if not request.htmx:
        return study_page(request, strategy.study, **extra)
    return strategy_card(request, pk, **extra)


@login_required
@require_GET
def action_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Search as you type; without HTMX the page shows the results inside the strategy."""
    strategy = get_strategy(request, pk)
    query = request.GET.get("q", "").strip()
    extra = {
        "active": "attach",
        "active_pk": pk,
        "q": query,
        "results": search_actions(strategy, query) if query else [],
    }
    if not request.htmx:
        return study_page(request, strategy.study, **extra)
    return fragment(request, "action-results", strategy.study, {"strategy": strategy, **extra})


@login_required
@require_POST
def action_attach(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_strategy(request, pk, write=True)
    action = get_object_or_404(
        Action, pk=request.POST.get("action") or 0, study_id=strategy.study_id
    )
    attach_action(strategy, action)
    if not request.htmx:
        return back_to_study(strategy.study, f"strategy-{pk}")
    return strategy_card(request, pk, active="program", active_pk=pk, events=(STUDY_CHANGED,))


@login_required
@require_POST
def link_move(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_link(request, pk, write=True)
    strategy = link.strategy
    move_link(link, request.POST.get("direction", ""))
    if not request.htmx:
        return back_to_study(strategy.study, f"strategy-{strategy.pk}")
    return strategy_card(request, strategy.pk, active="program", active_pk=strategy.pk)


@login_required
@require_POST
def link_detach(request: HttpRequest, pk: int) -> HttpResponse:
    """Detach an action from one strategy; an action left with none is kept, unattached."""
    link = get_link(request, pk, write=True)
    strategy = link.strategy
    detach_link(link)
    if not request.htmx:
        return back_to_study(strategy.study, f"strategy-{strategy.pk}")
    return strategy_card(
        request, strategy.pk, active="program", active_pk=strategy.pk, events=(STUDY_CHANGED,)
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an action's text once; every strategy that lists it shows the new text.

    `strategy` (a query parameter) says which program the edit was opened from, so that
    the response can re-render that program; the others refresh on ACTIONS_CHANGED.
    """
    action = get_action(request, pk, write=True)
    strategy = (
        Strategy.objects.filter(pk=request.GET.get("strategy") or 0, study_id=action.study_id)
        .only("pk")
        .first()
    )
    form = ActionForm(request.POST or None, instance=action)
    conflict = None
    if (
        request.method == "POST"
        and form.is_valid()
        and (conflict := save_unless_stale(form)) is None
    ):
        if not request.htmx:
            return back_to_study(action.study, f"strategy-{strategy.pk}" if strategy else "gaps")
        if strategy is None:
            return fragment(request, "gaps", action.study, gaps_context(action.study))
        return strategy_card(
            request, strategy.pk, active="program", active_pk=strategy.pk, events=(ACTIONS_CHANGED,)
        )
    if conflict is not None:
        form = conflict_form(form, conflict)
    extra = {"active": "edit-action", "active_pk": pk, "form": form, "conflict": conflict}
    if not request.htmx:
        return study_page(request, action.study, **extra)
    if strategy is None:
        return fragment(request, "gaps", action.study, {**gaps_context(action.study), **extra})
    return strategy_card(request, strategy.pk, **extra)


@login_required
@require_POST
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Only an unattached action can be deleted: detach it from its strategies first."""
    action = get_action(request, pk, write=True)
    study = action.study
    deleted = delete_unattached_action(action)
    if not request.htmx:
        return back_to_study(study, "gaps")
    status = 200 if deleted else 409
    response = fragment(request, "gaps", study, gaps_context(study), events=(STUDY_CHANGED,))
    response.status_code = status
    return response
