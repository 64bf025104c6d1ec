"""A study's evaluation page: the IFE and EFE matrices, the strategic position and the IE
cell, the SPACE matrix and the QSPM sets, edited in the matrix page's way.

One template (`evaluation/evaluation.html`): a page, or for an HTMX request the fragment that
changed, with what depends on it swapped out of band by id (a weight's save: its row, its
matrix's totals, the position and IE cell, the charts) and a `weights-changed` event for the
QSPM grids, whose totals weigh each row. Without JavaScript every form posts and comes back to
the page (POST/redirect/GET), an invalid one with the page showing it and its error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from evaluation.access import get_qspm_set, get_space_variable
from evaluation.changes import (
    add_qspm_set,
    add_space_variable,
    current_space_scale,
    delete_qspm_set,
    delete_space_variable,
    set_assessment,
    set_qspm_row,
    set_space_scale,
    set_space_variable,
)
from evaluation.figures import evaluate_study
from evaluation.forms import (
    ATTRACTIVENESS,
    AssessmentForm,
    QspmRowForm,
    QspmSetForm,
    SpaceScaleForm,
    SpaceVariableForm,
    rating_meanings,
    score_range,
    variable_form,
)
from evaluation.models import QspmSet, SpaceVariable
from planning.evaluation import (
    DIMENSION_LABELS,
    DIMENSIONS,
    POSITION_LABELS,
    PRESCRIPTION_LABELS,
    Assessed,
    MatrixFigures,
    QspmFigures,
    QspmRow,
)
from planning.vocabulary import INTERNAL_KINDS, QUADRANT_ORDER
from strategies.models import Strategy
from swot.access import can_edit, get_factor, get_study
from swot.models import Factor, Study

PAGE = "evaluation/evaluation.html"
WEIGHTS_CHANGED = "weights-changed"  # the QSPM grids refresh: their totals weigh each row
COLLISIONS = (IntegrityError, OperationalError)  # see editor/pages.py: a write that collided


@dataclass
class FactorRow:
    """A factor's row of the IFE or EFE table."""

    factor: Factor
    row: Assessed

    @property
    def meaning(self) -> str:
        return str(rating_meanings(self.factor.kind).get(self.row.rating, ""))


@dataclass
class MatrixTable:
    name: str  # "ife" or "efe"
    figures: MatrixFigures
    rows: list[FactorRow]

    @property
    def shortfall(self) -> Decimal:
        return abs(self.figures.off_by)

    @property
    def unfinished(self) -> int:
        return sum(1 for r in self.rows if r.row.weight is None or r.row.rating is None)


@dataclass
class QspmGridRow:
    factor: Factor
    row: QspmRow


@dataclass
class QspmGrid:
    qspm_set: QspmSet
    figures: QspmFigures
    strategies: list[Strategy]
    rows: list[QspmGridRow]

    @property
    def totals(self) -> list[tuple[Strategy, Decimal]]:
        return list(zip(self.strategies, self.figures.totals, strict=True))


@dataclass
class SpaceDimension:
    code: str
    label: str
    mean: Any
    low: int
    high: int
    variables: list[SpaceVariable] = field(default_factory=list)


def read_evaluation(study: Study) -> dict[str, Any]:
    """Everything the page shows, in a fixed number of queries (evaluate_study's six, the
    factors' texts and the set's strategies' texts)."""
    evaluation = evaluate_study(study)
    texts = Factor.objects.filter(study=study).only("kind", "number", "text")
    factors = {f.code: f for f in texts}

    def table(name: str, figures: MatrixFigures) -> MatrixTable:
        return MatrixTable(name, figures, [FactorRow(factors[r.code], r) for r in figures.rows])

    ife, efe = table("ife", evaluation.ife), table("efe", evaluation.efe)
    scale = evaluation.space_scale
    dimensions = []
    for code in DIMENSIONS:
        low, high = score_range(code, scale)
        variables = [v for v in evaluation.space_variables if v.dimension == code]
        mean = evaluation.space.means[code]
        label = str(DIMENSION_LABELS[code])
        dimensions.append(SpaceDimension(code, label, mean, low, high, variables))
    grids = [
        QspmGrid(
            each.qspm_set,
            each.figures,
            [choice.strategy for choice in each.qspm_set.choices.all()],
            [QspmGridRow(factors[row.code], row) for row in each.figures.rows],
        )
        for each in evaluation.qspm
    ]
    return {
        "evaluation": evaluation,
        "ife": ife,
        "efe": efe,
        "space_dimensions": dimensions,
        "grids": grids,
        "position_label": POSITION_LABELS[evaluation.position],
        "prescription_label": PRESCRIPTION_LABELS[evaluation.prescription],
    }


def labels() -> dict[str, Any]:
    return {
        "positions": {k: str(v) for k, v in POSITION_LABELS.items()},
        "prescriptions": {k: str(v) for k, v in PRESCRIPTION_LABELS.items()},
        "attractiveness": {k: str(v) for k, v in ATTRACTIVENESS.items()},
    }


def base_context(request: HttpRequest, study: Study, **extra: Any) -> dict[str, Any]:
    return {
        "study": study,
        "can_edit": can_edit(request.user),
        "quadrants": QUADRANT_ORDER,
        "labels": labels(),
        "active": "",
        "active_pk": None,
        "form": None,
        **extra,
    }


def page(request: HttpRequest, study: Study, **extra: Any) -> HttpResponse:
    context = base_context(request, study, **read_evaluation(study), **extra)
    if can_edit(request.user) and "qspm_form" not in extra:
        context["qspm_form"] = QspmSetForm(study=study)
    return render(request, PAGE, context)


def fragments(
    request: HttpRequest,
    study: Study,
    partials: list[str],
    *,
    events: tuple[str, ...] = (),
    **extra: Any,
) -> HttpResponse:
    """The partials named, in order: the first is the target's, those after it (marked
    `oob`, each in a <template>) swap themselves out of band by their ids."""
    context = base_context(request, study, **read_evaluation(study), **extra)
    if "matrix" in extra:  # the IFE or EFE table, and the row of the factor `row_pk`
        context["table"] = table = context[extra["matrix"]]
        context["r"] = next((r for r in table.rows if r.factor.pk == extra.get("row_pk")), None)
    if "set_pk" in extra:
        context["grid"] = next(
            (g for g in context["grids"] if g.qspm_set.pk == extra["set_pk"]), None
        )
    response = HttpResponse()
    for n, partial in enumerate(partials):
        context["oob"] = n > 0
        content = render(request, f"{PAGE}#{partial}", context).content
        # Each out-of-band piece in a <template>: after a table row, a <tfoot> or a <section>
        # standing on its own would be dropped or moved by the HTML parser (htmx 2 swaps
        # what a template holds).
        response.content += b"<template>" + content + b"</template>" if n else content
    for event in events:
        trigger_client_event(response, event)
    return response


def back(study: Study, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('evaluation', args=[study.slug])}#{anchor}")


def refuse(form, name: str, error: Exception) -> None:
    """A write that did not go through: the reason on its form."""
    if isinstance(error, ValidationError):
        form.add_error(name, error)
    else:
        form.add_error(
            name,
            gettext(
                "Someone else changed the study at the same moment, so this was not saved. "
                "Your entry is still here: save it again."
            ),
        )


# ---------------------------------------------------------------- the page


@login_required
@require_GET
def evaluation(request: HttpRequest, slug: str) -> HttpResponse:
    return page(request, get_study(request, slug))


# ---------------------------------------------------------------- IFE and EFE


def assessment_form(factor: Factor, data=None) -> AssessmentForm:
    assessment = getattr(factor, "assessment", None)
    initial = {}
    if assessment is not None:
        initial = {
            "weight": "" if assessment.weight is None else str(assessment.weight),
            "rating": "" if assessment.rating is None else str(assessment.rating),
        }
    return AssessmentForm(data, factor=factor, initial=initial)


def matrix_of(factor: Factor) -> str:
    return "ife" if factor.kind in INTERNAL_KINDS else "efe"


@login_required
@require_GET
def assessment_row(request: HttpRequest, pk: int) -> HttpResponse:
    """A factor's row as it is (an edit's Cancel)."""
    factor = get_factor(request, pk)
    if not request.htmx:
        return back(factor.study, f"assessment-{pk}")
    return fragments(request, factor.study, ["assessment-row"], row_pk=pk, matrix=matrix_of(factor))


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the row with its form. POST: save the weight and rating; `check=1` only checks
    them (the form's live validation: the error, or none, and nothing saved). A save brings
    the row, its matrix's totals, the position and IE cell and the charts."""
    factor = get_factor(request, pk, write=True)
    study = factor.study
    form = assessment_form(factor, request.POST or None)
    table = matrix_of(factor)
    extra = {"active": "edit-assessment", "active_pk": pk, "form": form}
    if request.method == "POST":
        valid = form.is_valid()
        if request.POST.get("check"):
            return render(request, f"{PAGE}#assessment-error", {**extra, "factor": factor})
        if valid:
            try:
                set_assessment(factor, form.cleaned_data["weight"], form.cleaned_data["rating"])
            except (ValidationError, *COLLISIONS) as error:
                refuse(form, "weight", error)
            else:
                if not request.htmx:
                    return back(study, f"assessment-{pk}")
                return fragments(
                    request,
                    study,
                    ["assessment-row", "totals", "summary", "charts-box"],
                    events=(WEIGHTS_CHANGED,),
                    row_pk=pk,
                    matrix=table,
                )
    if not request.htmx:
        return page(request, study, **extra)
    return fragments(request, study, ["assessment-row"], row_pk=pk, matrix=table, **extra)


# ---------------------------------------------------------------- SPACE


def space_response(request: HttpRequest, study: Study, anchor: str, **extra) -> HttpResponse:
    if not request.htmx:
        if extra.get("form") is not None and not extra.get("saved"):
            return page(request, study, **extra)
        return back(study, anchor)
    return fragments(request, study, ["space", "charts-box"], **extra)


@login_required
@require_GET
def space(request: HttpRequest, slug: str) -> HttpResponse:
    """The SPACE section as it is (an edit's Cancel)."""
    study = get_study(request, slug)
    if not request.htmx:
        return back(study, "space")
    return fragments(request, study, ["space"])


@login_required
@require_POST
def space_scale(request: HttpRequest, slug: str) -> HttpResponse:
    study = get_study(request, slug, write=True)
    form = SpaceScaleForm(request.POST)
    if form.is_valid():
        try:
            set_space_scale(study, form.cleaned_data["scale"])
        except (ValidationError, *COLLISIONS) as error:
            refuse(form, "scale", error)
        else:
            return space_response(request, study, "space")
    return space_response(request, study, "space", active="space-scale", scale_form=form, form=form)


@login_required
@require_POST
def space_add(request: HttpRequest, slug: str, dimension: str) -> HttpResponse:
    study = get_study(request, slug, write=True)
    if dimension not in DIMENSIONS:
        raise Http404("No such SPACE dimension.")
    scale = current_space_scale(study)
    form = SpaceVariableForm(request.POST, dimension=dimension, scale=scale)
    if form.is_valid():
        data = form.cleaned_data
        try:
            variable = add_space_variable(study, dimension, data["name"], data["score"])
        except (ValidationError, *COLLISIONS) as error:
            refuse(form, "name", error)
        else:
            anchor = f"space-variable-{variable.pk}"
            response = space_response(request, study, anchor, active=f"add-{dimension}")
            if request.htmx:  # static/js/app.js: the new variable shown, the form ready again
                detail = {"id": anchor, "focus": f"add-{dimension}-name"}
                trigger_client_event(response, "item-added", detail, after="settle")
            return response
    return space_response(
        request, study, f"space-{dimension}", active=f"add-{dimension}", form=form
    )


@login_required
@require_http_methods(["GET", "POST"])
def space_variable_edit(request: HttpRequest, pk: int) -> HttpResponse:
    variable = get_space_variable(request, pk, write=True)
    study = variable.study
    form = variable_form(variable, current_space_scale(study), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            set_space_variable(variable, form.cleaned_data["name"], form.cleaned_data["score"])
        except (ValidationError, *COLLISIONS) as error:
            refuse(form, "name", error)
        else:
            return space_response(request, study, f"space-variable-{pk}")
    extra = {"active": "edit-variable", "active_pk": pk, "form": form}
    if not request.htmx:
        return page(request, study, **extra)
    return fragments(request, study, ["space"], **extra)


@login_required
@require_POST
def space_variable_delete(request: HttpRequest, pk: int) -> HttpResponse:
    variable = get_space_variable(request, pk, write=True)
    study, dimension = variable.study, variable.dimension
    delete_space_variable(variable)
    return space_response(request, study, f"space-{dimension}")


# ---------------------------------------------------------------- QSPM


@login_required
@require_GET
def qspm_sets(request: HttpRequest, slug: str) -> HttpResponse:
    """The QSPM sets as they are (refreshed after a weight's save)."""
    study = get_study(request, slug)
    if not request.htmx:
        return back(study, "qspm")
    return fragments(request, study, ["qspm-sets"])


@login_required
@require_POST
def qspm_add(request: HttpRequest, slug: str) -> HttpResponse:
    study = get_study(request, slug, write=True)
    form = QspmSetForm(request.POST, study=study)
    if form.is_valid():
        try:
            qspm_set = add_qspm_set(
                study, form.cleaned_data["name"], form.cleaned_data["strategies"]
            )
        except (ValidationError, *COLLISIONS) as error:
            refuse(form, "name", error)
        else:
            if not request.htmx:
                return back(study, f"qspm-set-{qspm_set.pk}")
            return fragments(
                request, study, ["qspm-sets", "add-qspm"], qspm_form=QspmSetForm(study=study)
            )
    if not request.htmx:
        return page(request, study, active="add-qspm", qspm_form=form)
    response = fragments(request, study, ["add-qspm"], active="add-qspm", qspm_form=form)
    return reswap(retarget(response, "#add-qspm"), "outerHTML")


@login_required
@require_GET
def qspm_set(request: HttpRequest, pk: int) -> HttpResponse:
    """A set's grid as it is (a row edit's Cancel)."""
    chosen = get_qspm_set(request, pk)
    if not request.htmx:
        return back(chosen.study, f"qspm-set-{pk}")
    return fragments(request, chosen.study, ["qspm-set"], set_pk=pk)


@login_required
@require_POST
def qspm_delete(request: HttpRequest, pk: int) -> HttpResponse:
    chosen = get_qspm_set(request, pk, write=True)
    study = chosen.study
    delete_qspm_set(chosen)
    if not request.htmx:
        return back(study, "qspm")
    return fragments(request, study, ["qspm-sets"])


@login_required
@require_http_methods(["GET", "POST"])
def qspm_row(request: HttpRequest, pk: int, factor_pk: int) -> HttpResponse:
    """GET: a factor's row of the set with its form. POST: save its scores, or clear it (not
    relevant); a row partly scored is refused with the message naming it."""
    chosen = get_qspm_set(request, pk, write=True)
    study = chosen.study
    factor = get_object_or_404(Factor, pk=factor_pk, study=study)
    strategies = [c.strategy for c in chosen.choices.select_related("strategy")]
    if request.method == "POST":
        form = QspmRowForm(request.POST, label=factor.code, strategies=strategies)
        if form.is_valid():
            try:
                set_qspm_row(chosen, factor, form.cleaned_data["scores"])
            except (ValidationError, *COLLISIONS) as error:
                refuse(form, None, error)
            else:
                if not request.htmx:
                    return back(study, f"qspm-set-{pk}")
                return fragments(request, study, ["qspm-set"], set_pk=pk)
    else:
        scores = dict(chosen.scores.filter(factor=factor).values_list("strategy_id", "score"))
        initial = {f"s{s.pk}": str(scores[s.pk]) for s in strategies if s.pk in scores}
        form = QspmRowForm(label=factor.code, strategies=strategies, initial=initial)
    extra = {"active": "edit-qspm-row", "active_pk": factor_pk, "set_pk": pk, "form": form}
    if not request.htmx:
        return page(request, study, **extra)
    return fragments(request, study, ["qspm-set"], **extra)
