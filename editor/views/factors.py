"""The strengths, weaknesses, opportunities and threats boxes: listing and editing factors."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from editor.matrix import load_citations, load_factors
from editor.pages import (
    FACTORS_CHANGED,
    STUDY_CHANGED,
    Updates,
    add_or_refuse,
    back_to_study,
    form_errors,
    fragment,
    show_new_item,
    study_page,
)
from planning.concurrency import conflict_form, save_unless_stale
from planning.vocabulary import Kind
from strategies.models import Citation
from swot.access import get_factor, get_study
from swot.changes import add_factor, delete_factor, move_factor
from swot.forms import FactorForm
from swot.models import Factor, Study


def kind_list(request: HttpRequest, study: Study, kind: str, *, events=(), **extra) -> HttpResponse:
    factors = load_factors(study, (kind,))
    context = {"kind": kind, "factors": factors, **extra}
    return fragment(request, "kind-list", study, context, events=events)


def factor_list_items(
    request: HttpRequest, study: Study, kind: str, citing: set[int], events=()
) -> HttpResponse:
    """The list of a kind renumbered (after a move or a delete), and the citations of the
    strategies that cited its renumbered factors."""
    context = {"kind": kind, "factors": load_factors(study, (kind,))}
    updates = Updates(cites=load_citations(citing))
    return fragment(request, "factor-list", study, context, events=events, updates=updates)


def citing_strategies(factors) -> set[int]:
    """The strategies citing any of `factors` (a queryset of factors)."""
    return set(Citation.objects.filter(factor__in=factors).values_list("strategy_id", flat=True))


def check_kind(kind: str) -> str:
    if kind not in Kind.values:
        raise Http404("No such kind of factor.")
    return kind


@login_required
@require_GET
def factor_list(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    return kind_list(request, get_study(request, slug), check_kind(kind))


@login_required
@require_POST
def factor_add(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """A new factor at the end of its kind: the response is its item, added to the list, and
    the add form back empty; the other factors and the quadrants stay as they are."""
    study = get_study(request, slug, write=True)
    kind = check_kind(kind)
    form = FactorForm(request.POST, instance=Factor(study=study, kind=kind))
    if form.is_valid() and (factor := add_or_refuse(form, add_factor, form)) is not None:
        if not request.htmx:
            return back_to_study(study, f"factor-{factor.pk}")
        factor.cited_by = 0
        response = fragment(
            request,
            "factor-item",
            study,
            {"factor": factor},
            events=(FACTORS_CHANGED, STUDY_CHANGED),
            updates=Updates(add_factor=kind),
        )
        return show_new_item(response, f"factor-{factor.pk}")
    if not request.htmx:
        return study_page(request, study, active=f"add-{kind}", form=form)
    context = {"kind": kind, "active": f"add-{kind}", "form": form}
    return form_errors(fragment(request, "add-factor", study, context), f"add-{kind}")


def factor_item(
    request: HttpRequest, factor: Factor, *, events=(), updates=None, **extra
) -> HttpResponse:
    factor.cited_by = factor.citations.count()
    context = {"factor": factor, **extra}
    return fragment(request, "factor-item", factor.study, context, events=events, updates=updates)


@login_required
@require_GET
def factor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    factor = get_factor(request, pk)
    if not request.htmx:
        return back_to_study(factor.study, f"factor-{factor.pk}")
    return factor_item(request, factor)


@login_required
@require_http_methods(["GET", "POST"])
def factor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Saving a factor's text swaps the factor and, out of band, the citations showing it."""
    factor = get_factor(request, pk, write=True)
    form = FactorForm(request.POST or None, instance=factor)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = save_unless_stale(form)
        if conflict is None:
            if not request.htmx:
                return back_to_study(factor.study, f"factor-{factor.pk}")
            citing = citing_strategies(Factor.objects.filter(pk=pk))
            updates = Updates(cites=load_citations(citing))
            return factor_item(
                request, factor, events=(FACTORS_CHANGED, STUDY_CHANGED), updates=updates
            )
        form = conflict_form(form, conflict)
    extra = {"active": "edit-factor", "active_pk": pk, "form": form, "conflict": conflict}
    if not request.htmx:
        return study_page(request, factor.study, **extra)
    return factor_item(request, conflict or factor, **extra)


@login_required
@require_http_methods(["GET", "POST"])
def factor_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm (naming the strategies that cite it); POST deletes and renumbers."""
    factor = get_factor(request, pk, write=True)
    study, kind = factor.study, factor.kind
    if request.method == "GET":
        citing = [
            c.strategy.code
            for c in factor.citations.select_related("strategy").order_by(
                "strategy__quadrant", "strategy__number"
            )
        ]
        extra = {"active": "delete-factor", "active_pk": pk, "citing": citing}
        if not request.htmx:
            return study_page(request, study, **extra)
        return factor_item(request, factor, **extra)
    # The strategies citing it or a factor after it: their citations change.
    renumbered = Factor.objects.filter(study=study, kind=kind, number__gte=factor.number)
    citing = citing_strategies(renumbered)
    delete_factor(factor)
    if not request.htmx:
        return back_to_study(study, f"factors-{kind}")
    return factor_list_items(request, study, kind, citing, (FACTORS_CHANGED, STUDY_CHANGED))


@login_required
@require_POST
def factor_move(request: HttpRequest, pk: int) -> HttpResponse:
    factor = get_factor(request, pk, write=True)
    before = factor.number
    move_factor(factor, request.POST.get("direction", ""))
    if not request.htmx:
        return back_to_study(factor.study, f"factor-{factor.pk}")
    factor.refresh_from_db(fields=["number"])
    # The two factors that swapped numbers: the strategies citing them show new codes.
    swapped = Factor.objects.filter(
        study=factor.study, kind=factor.kind, number__in={before, factor.number}
    )
    citing = citing_strategies(swapped)
    return factor_list_items(
        request, factor.study, factor.kind, citing, (FACTORS_CHANGED, STUDY_CHANGED)
    )
