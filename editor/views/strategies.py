"""The four quadrant cells: strategies, their order, and the factors they cite."""

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.models import ActionLink
from editor.matrix import (
    load_citations,
    load_factors,
    load_links,
    load_quadrant,
    load_strategies,
    load_strategy,
)
from editor.pages import (
    COLLISIONS,
    STUDY_CHANGED,
    UNATTACHED_CHANGED,
    Updates,
    add_or_refuse,
    back_to_study,
    form_errors,
    fragment,
    mark_open_programs,
    moved,
    show_new_item,
    study_page,
)
from planning.concurrency import conflict_form, save_unless_stale
from planning.params import record_id
from planning.vocabulary import Quadrant
from strategies.access import get_strategy
from strategies.changes import add_strategy, delete_strategy, move_strategy, toggle_citation
from strategies.forms import StrategyForm
from strategies.models import Strategy
from swot.access import get_study
from swot.models import Factor, Study

logger = logging.getLogger(__name__)


def check_quadrant(quadrant: str) -> str:
    if quadrant not in Quadrant.values:
        raise Http404("No such quadrant.")
    return quadrant


def quadrant_cell(
    request: HttpRequest, study: Study, quadrant: str, *, events=(), **extra
) -> HttpResponse:
    context = {**load_quadrant(study, quadrant), **extra}
    mark_open_programs(context["strategies"], extra.get("active", ""), extra.get("active_pk"))
    return fragment(request, "quadrant", study, context, events=events)


def strategy_body(request: HttpRequest, pk: int, **extra) -> HttpResponse:
    """What a strategy's edit and delete replace: its text, citation, note and tools (the
    card's panels stay as they are)."""
    strategy = load_strategy(pk)
    return fragment(request, "strategy-body", strategy.study, {"strategy": strategy, **extra})


@login_required
@require_GET
def quadrant(request: HttpRequest, slug: str, quadrant: str) -> HttpResponse:
    return quadrant_cell(request, get_study(request, slug), check_quadrant(quadrant))


@login_required
@require_POST
def strategy_add(request: HttpRequest, slug: str, quadrant: str) -> HttpResponse:
    """A new strategy at the end of its quadrant: its card is added there, the add form comes
    back empty, and the other cards (with their open panels) stay as they are."""
    study = get_study(request, slug, write=True)
    quadrant = check_quadrant(quadrant)
    form = StrategyForm(request.POST, instance=Strategy(study=study, quadrant=quadrant))
    if form.is_valid() and (strategy := add_or_refuse(form, add_strategy, form)) is not None:
        if not request.htmx:
            return back_to_study(study, f"strategy-{strategy.pk}")
        context = {"strategy": load_strategy(strategy.pk)}
        context["strategy"].program_open = False
        response = fragment(
            request,
            "strategy",
            study,
            context,
            events=(STUDY_CHANGED,),
            updates=Updates(add_strategy=quadrant),
        )
        return show_new_item(response, f"strategy-{strategy.pk}")
    if not request.htmx:
        return study_page(request, study, active=f"add-{quadrant}", form=form)
    context = {"quadrant": quadrant, "active": f"add-{quadrant}", "form": form}
    return form_errors(fragment(request, "add-strategy", study, context), f"add-{quadrant}")


@login_required
@require_GET
def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_strategy(request, pk)
    if not request.htmx:
        return back_to_study(strategy.study, f"strategy-{pk}")
    return strategy_body(request, pk)


@login_required
@require_http_methods(["GET", "POST"])
def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_strategy(request, pk, write=True)
    form = StrategyForm(request.POST or None, instance=strategy)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = save_unless_stale(form)
        if conflict is None:
            if not request.htmx:
                return back_to_study(strategy.study, f"strategy-{pk}")
            return strategy_body(request, pk)
        form = conflict_form(form, conflict)
    extra = {"active": "edit-strategy", "active_pk": pk, "form": form, "conflict": conflict}
    if not request.htmx:
        return study_page(request, strategy.study, **extra)
    return strategy_body(request, pk, **extra)


@login_required
@require_http_methods(["GET", "POST"])
def strategy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Deleting a strategy keeps its actions: one no other strategy uses becomes unattached.
    The card goes; the cards after it show their new codes, and the actions it shared their
    new ×N."""
    strategy = get_strategy(request, pk, write=True)
    study, quadrant = strategy.study, strategy.quadrant
    if request.method == "GET":
        extra = {"active": "delete-strategy", "active_pk": pk}
        if not request.htmx:
            return study_page(request, study, **extra)
        return strategy_body(request, pk, **extra)
    actions = list(strategy.action_links.values_list("action_id", flat=True))
    number = strategy.number
    delete_strategy(strategy)
    if not request.htmx:
        return back_to_study(study, f"quadrant-{quadrant}")
    after = Strategy.objects.filter(study=study, quadrant=quadrant, number__gte=number)
    updates = Updates(
        bodies=load_strategies(after),
        links=load_links(ActionLink.objects.filter(action_id__in=actions)),
    )
    # The card's place gets nothing: the card goes.
    events = (STUDY_CHANGED, UNATTACHED_CHANGED)
    return fragment(request, None, study, {}, events=events, updates=updates)


@login_required
@require_POST
def strategy_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Swap with the neighbour: both cards' bodies come out of band with their new codes and
    the page moves the card (the open panels go with it)."""
    strategy = get_strategy(request, pk, write=True)
    before = strategy.number
    move_strategy(strategy, request.POST.get("direction", ""))
    if not request.htmx:
        return back_to_study(strategy.study, f"strategy-{pk}")
    strategy.refresh_from_db(fields=["number"])
    if strategy.number == before:  # the first can't go up, nor the last down
        return HttpResponse(status=204)
    neighbour = Strategy.objects.get(
        study_id=strategy.study_id, quadrant=strategy.quadrant, number=before
    )
    pair = Strategy.objects.filter(pk__in=[strategy.pk, neighbour.pk])
    updates = Updates(bodies=load_strategies(pair))
    response = fragment(request, None, strategy.study, {}, events=(STUDY_CHANGED,), updates=updates)
    direction = "up" if strategy.number < before else "down"
    return moved(response, f"strategy-{pk}", f"strategy-{neighbour.pk}", direction)


@login_required
@require_GET
def strategy_citations(request: HttpRequest, pk: int) -> HttpResponse:
    """The chips of the factors the strategy may cite, when its panel opens (for editors)."""
    strategy = get_strategy(request, pk, write=True)
    if not request.htmx:
        return study_page(request, strategy.study, active="cite", active_pk=pk)
    # The chips need only which factors it cites, not its whole card (load_strategy).
    strategy.cited_ids = set(strategy.citations.values_list("factor_id", flat=True))
    context = {
        "strategy": strategy,
        "citable": load_factors(strategy.study, strategy.citable_kinds),
    }
    return fragment(request, "citations", strategy.study, context)


@login_required
@require_GET
def strategy_program(request: HttpRequest, pk: int) -> HttpResponse:
    """The strategy's action program with its tools, when its panel opens (for editors)."""
    strategy = get_strategy(request, pk, write=True)
    if not request.htmx:
        return study_page(request, strategy.study, active="program", active_pk=pk)
    return fragment(request, "program", strategy.study, {"strategy": load_strategy(pk)})


@login_required
@require_POST
def strategy_cite(request: HttpRequest, pk: int) -> HttpResponse:
    """Toggle one factor in or out of the strategy's citations (a chip click)."""
    strategy = get_strategy(request, pk, write=True)
    factor = Factor.objects.filter(pk=record_id(request.POST.get("factor")) or 0).first()
    error = ""
    if factor is None:
        error = _("That factor no longer exists; the list has been refreshed.")
    else:
        try:
            toggle_citation(strategy, factor)
        except ValidationError as exc:  # shown next to the chips
            error = " ".join(exc.messages)
        except COLLISIONS:  # the chips come back as the citations are now
            logger.warning("A citation collided with another", exc_info=True)
            error = _("Someone else changed these citations at the same moment; try again.")
    if not request.htmx:
        if error:
            return study_page(
                request, strategy.study, status=400, active="cite", active_pk=pk, cite_error=error
            )
        return back_to_study(strategy.study, f"strategy-{pk}")
    # The chips, and out of band the strategy's citation and the factor's "not cited" badge.
    (cited,) = load_citations([pk])
    strategy.cited_groups, strategy.cited_ids = cited.cited_groups, cited.cited_ids
    context = {
        "strategy": strategy,
        "citable": load_factors(strategy.study, strategy.citable_kinds),
        "active_pk": pk,
        "cite_error": error,
    }
    updates = Updates(cites=[strategy])
    if factor is not None:
        updates.uses = [f for f in context["citable"] if f.pk == factor.pk]
    events = () if error else (STUDY_CHANGED,)
    return fragment(request, "citations", strategy.study, context, events=events, updates=updates)
