"""The strengths, weaknesses, opportunities and threats boxes: listing and editing factors."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from editor.bulk import check_preview_room, read_paste
from editor.matrix import load_citations, load_factors
from editor.pages import (
    FACTORS_CHANGED,
    STUDY_CHANGED,
    Updates,
    add_or_refuse,
    back_to_study,
    form_errors,
    fragment,
    show_new_items,
    study_page,
)
from planning.concurrency import conflict_form, save_unless_stale
from planning.limits import FACTORS_PER_KIND_MAX
from planning.numbering import next_number
from planning.vocabulary import Kind
from strategies.models import Citation
from swot.access import get_factor, get_study
from swot.changes import add_factors, delete_factor, move_factor
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
    """New factors at the end of their kind: one per line of the text (editor/bulk.py), more
    than one shown first to confirm. The response is their items, added to the list, and the
    add form back empty and open; the other factors and the quadrants stay as they are."""
    study = get_study(request, slug, write=True)
    kind = check_kind(kind)

    def new_form(data) -> FactorForm:
        return FactorForm(data, instance=Factor(study=study, kind=kind))

    paste = read_paste(request.POST, new_form, letter=kind)
    form = paste.form
    start = renumbered = None
    if paste.ready or paste.preview:
        start = next_number(study.factors.filter(kind=kind).values_list("number", flat=True))
        renumbered = paste.renumbered(start)
    added = None
    if paste.single and form.is_valid():
        added = add_or_refuse(form, add_factors, [form])
    elif paste.ready:
        added = add_or_refuse(form, add_factors, paste.forms)
    if added is not None:
        return factors_added(request, study, kind, added)
    preview = []
    if paste.preview:
        check_preview_room(paste, start, FACTORS_PER_KIND_MAX, gettext("factors of a kind"))
        preview = [
            (f"{kind}{n}", item.cleaned_data["text"]) for n, item in enumerate(paste.preview, start)
        ]
    context = {
        "kind": kind,
        "active": f"add-{kind}",
        "form": form,
        "preview": preview,
        "start": start,
        "renumbered": renumbered,
    }
    if not request.htmx:
        return study_page(request, study, **context)
    return form_errors(fragment(request, "add-factor", study, context), f"add-{kind}")


def factors_added(request: HttpRequest, study: Study, kind: str, factors: list[Factor]):
    """New factors: their items at the end of the list, the form back empty (it stays open,
    the focus back in its text, for the next one), the new items highlighted."""
    if not request.htmx:
        return back_to_study(study, f"factor-{factors[-1].pk}", adding=kind)
    for factor in factors:
        factor.cited_by = 0
    response = fragment(
        request,
        "new-factors",
        study,
        {"new_factors": factors},
        events=(FACTORS_CHANGED, STUDY_CHANGED),
        updates=Updates(add_factor=kind),
    )
    ids = [f"factor-{factor.pk}" for factor in factors]
    return show_new_items(response, ids, focus=f"add-{kind}-text")


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
