"""Rendering the study page, whole or as one of its fragments.

One template (`editor/study.html`) serves both: a normal request gets the page, an HTMX request
gets the partial it asked for. The page shows at most one thing "active" (an edit form, a
delete confirmation, an action search), named by `active` and `active_pk`, so that without
JavaScript the same links and forms work as full-page round trips.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import trigger_client_event

from editor.matrix import load_matrix
from planning.vocabulary import Kind
from swot.access import can_edit
from swot.models import Study

PAGE = "editor/study.html"

# HX-Trigger events: which other parts of the page refresh after a change.
STUDY_CHANGED = "study-changed"  # the gaps panel (uncited factors, strategies without actions)
FACTORS_CHANGED = "factors-changed"  # codes or texts of factors: every quadrant's chips
ACTIONS_CHANGED = "actions-changed"  # an action's text: every program that lists it


def base_context(request: HttpRequest, study: Study, **extra: Any) -> dict[str, Any]:
    return {
        "study": study,
        "can_edit": can_edit(request.user),
        "kind_labels": dict(Kind.choices),
        "active": "",
        "active_pk": None,
        "form": None,
        **extra,
    }


def study_page(request: HttpRequest, study: Study, status: int = 200, **extra: Any):
    """The whole page, with whatever is active (for requests without HTMX)."""
    context = base_context(request, study, matrix=load_matrix(study), **extra)
    return render(request, PAGE, context, status=status)


def fragment(
    request: HttpRequest,
    partial: str,
    study: Study,
    context: dict[str, Any],
    *,
    events: tuple[str, ...] = (),
) -> HttpResponse:
    response = render(request, f"{PAGE}#{partial}", base_context(request, study, **context))
    for event in events:
        trigger_client_event(response, event)
    return response


def back_to_study(study: Study, anchor: str = "") -> HttpResponse:
    """POST/redirect/GET for requests without HTMX."""
    url = reverse("study", args=[study.slug])
    return redirect(f"{url}#{anchor}" if anchor else url)
