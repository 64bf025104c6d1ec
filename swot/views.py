"""Studies and their factors: the study list, the matrix page, factor editing."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strategies.matrix import load_factors, load_matrix
from swot.access import get_factor, get_study, require_edit
from swot.concurrency import conflict_form, save_unless_stale
from swot.forms import FactorForm, StudyForm
from swot.models import Factor, Study
from swot.numbering import moved, renumber
from swot.pages import (
    FACTORS_CHANGED,
    STUDY_CHANGED,
    back_to_study,
    fragment,
    study_page,
)


@login_required
@require_http_methods(["GET", "POST"])
def study_list(request: HttpRequest) -> HttpResponse:
    form = StudyForm()
    if request.method == "POST":
        require_edit(request)
        form = StudyForm(request.POST)
        if form.is_valid():
            study = form.save()
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = study.get_absolute_url()
                return response
            return redirect(study)
    studies = Study.objects.annotate(
        factor_count=Count("factors", distinct=True),
        strategy_count=Count("strategies", distinct=True),
    )
    template = "swot/study_list.html#study-form" if request.htmx else "swot/study_list.html"
    return render(request, template, {"studies": studies, "form": form})


@login_required
@require_GET
def study(request: HttpRequest, slug: str) -> HttpResponse:
    return study_page(request, get_study(request, slug))


@login_required
@require_GET
def gaps(request: HttpRequest, slug: str) -> HttpResponse:
    study = get_study(request, slug)
    return fragment(request, "gaps", study, {"matrix": load_matrix(study)})


def kind_list(request: HttpRequest, study: Study, kind: str, *, events=(), **extra) -> HttpResponse:
    factors = load_factors(study, kind)
    context = {"kind": kind, "factors": factors, **extra}
    return fragment(request, "kind-list", study, context, events=events)


def check_kind(kind: str) -> str:
    if kind not in Factor.Kind.values:
        raise Http404("No such kind of factor.")
    return kind


@login_required
@require_GET
def factor_list(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    return kind_list(request, get_study(request, slug), check_kind(kind))


@login_required
@require_POST
def factor_add(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    study = get_study(request, slug, write=True)
    kind = check_kind(kind)
    with transaction.atomic():
        count = Factor.objects.select_for_update().filter(study=study, kind=kind).count()
        form = FactorForm(request.POST, instance=Factor(study=study, kind=kind, number=count + 1))
        if form.is_valid():
            factor = form.save()
            if not request.htmx:
                return back_to_study(study, f"factor-{factor.pk}")
            # The new factor is offered as a chip in the quadrants of its kind.
            return kind_list(request, study, kind, events=(FACTORS_CHANGED, STUDY_CHANGED))
    if not request.htmx:
        return study_page(request, study, active=f"add-{kind}", form=form)
    return kind_list(request, study, kind, active=f"add-{kind}", form=form)


def factor_item(request: HttpRequest, factor: Factor, *, events=(), **extra) -> HttpResponse:
    factor.cited_by = factor.citations.count()
    context = {"factor": factor, **extra}
    return fragment(request, "factor-item", factor.study, context, events=events)


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
    factor = get_factor(request, pk, write=True)
    form = FactorForm(request.POST or None, instance=factor)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = save_unless_stale(form)
        if conflict is None:
            if not request.htmx:
                return back_to_study(factor.study, f"factor-{factor.pk}")
            return factor_item(request, factor, events=(FACTORS_CHANGED,))
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
    with transaction.atomic():
        factor.delete()
        rest = list(Factor.objects.select_for_update().filter(study=study, kind=kind))
        renumber(rest)
    if not request.htmx:
        return back_to_study(study, f"factors-{kind}")
    return kind_list(request, study, kind, events=(FACTORS_CHANGED, STUDY_CHANGED))


@login_required
@require_POST
def factor_move(request: HttpRequest, pk: int) -> HttpResponse:
    factor = get_factor(request, pk, write=True)
    study, kind = factor.study, factor.kind
    with transaction.atomic():
        rows = list(Factor.objects.select_for_update().filter(study=study, kind=kind))
        index = next(i for i, row in enumerate(rows) if row.pk == factor.pk)
        renumber(moved(rows, index, request.POST.get("direction", "")))
    if not request.htmx:
        return back_to_study(study, f"factor-{factor.pk}")
    return kind_list(request, study, kind, events=(FACTORS_CHANGED,))
