"""Rendering the study page, whole or as one of its fragments.

One template (`editor/study.html`) serves both: a normal request gets the page, an HTMX request
gets the partial it asked for. The page shows at most one thing "active" (an edit form, a
delete confirmation, an action search), named by `active` and `active_pk`, so that without
JavaScript the same links and forms work as full-page round trips.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext
from django_htmx.http import reswap, retarget, trigger_client_event

from editor.matrix import load_matrix
from planning.vocabulary import QUADRANT_ORDER, Kind
from swot.access import can_edit
from swot.models import Study

PAGE = "editor/study.html"

logger = logging.getLogger(__name__)

# A write that met another analyst's at the same moment. Writes to a study queue on its lock
# (swot/locks.py), so on PostgreSQL none should; on SQLite a writer can still give up after
# waiting past its timeout ("database is locked"). The write is undone and the analyst told.
COLLISIONS = (IntegrityError, OperationalError)


def add_or_refuse(form: Form, add: Callable[..., Any], *args: Any) -> Any:
    """`add(*args)`, the write of a valid add form (a new factor, strategy or action), or None
    with the reason on the form: no room left in the study (planning.rules.check_room), or a
    collision with another analyst's write."""
    try:
        return add(*args)
    except COLLISIONS:
        collided(form)
    except ValidationError as full:
        form.add_error("text", full)
    return None


def collided(form: Form) -> None:
    """An add that did not go through: its form comes back with the analyst's text and why."""
    logger.warning("A write to a study collided with another", exc_info=True)
    form.add_error(
        "text",
        gettext(
            "Someone else changed the study at the same moment, so this was not saved. "
            "Your text is still here: save it again."
        ),
    )


# HX-Trigger-After-Settle: a new item, for the page to bring into view and focus.
ITEM_ADDED = "item-added"
# HX-Trigger-After-Swap: a strategy moved past its neighbour; the page moves its card (the
# cards' bodies, renumbered, come out of band), so the panels open in it stay open.
ITEM_MOVED = "item-moved"

# HX-Trigger events: which other parts of the page refresh after a change. Each refreshes a
# part without anything to type in: the gaps' codes, the chips of an opened citations panel,
# the unattached actions. What else a change shows is swapped out of band (Updates).
STUDY_CHANGED = "study-changed"  # the gaps: uncited factors, strategies without actions
FACTORS_CHANGED = "factors-changed"  # factors' codes or texts: the opened chip panels
UNATTACHED_CHANGED = "unattached-changed"  # an action may have lost or found its last strategy


# Where an item's own URLs start: `{{ urls.strategy }}{{ pk }}/citations/` costs a string
# join where a `{% url %}` per item would resolve a pattern each time.
# tests/editor/test_study_page.py checks every such URL against its named pattern.
URL_PREFIXES = {
    "factor": ("factor-detail", 0),
    "strategy": ("strategy-detail", 0),
    "link": ("link-move", 0),
    "action": ("action-edit", 0),
}


def url_prefixes() -> dict[str, str]:
    return _url_prefixes(get_script_prefix())


@functools.cache
def _url_prefixes(script_prefix: str) -> dict[str, str]:
    """Reversed once per script prefix, not on every page and fragment."""
    prefixes = {}
    for name, (url_name, pk) in URL_PREFIXES.items():
        url = reverse(url_name, args=[pk])
        prefixes[name] = url[: url.rindex(f"/{pk}/") + 1]
    return prefixes


def item_labels() -> dict[str, str]:
    """The labels the page repeats for every item, translated once (filled with `fill`)."""
    return {
        "edit": gettext("Edit %(code)s"),
        "up": gettext("Move %(code)s up"),
        "down": gettext("Move %(code)s down"),
        "delete": gettext("Delete %(code)s"),
        "serves": gettext("Serves %(n)s strategies"),
        "action_up": gettext("Move action %(n)s up"),
        "action_down": gettext("Move action %(n)s down"),
        "edit_word": gettext("Edit"),
        "delete_word": gettext("Delete"),
        "not_cited": gettext("not cited"),
        "not_cited_title": gettext("No strategy cites this factor."),
        "cited_factors": gettext("Cited factors"),
        "choose_cited": gettext("Choose the factors it cites"),
        "edit_program": gettext("Edit the action program"),
        # A place's own wording and footnote (editor.link_action fills in each in <bdi>).
        "printed_here": gettext("printed here as «%(wording)s»"),
        "footnote": gettext("footnote: %(footnote)s"),
    }


def base_context(request: HttpRequest, study: Study, **extra: Any) -> dict[str, Any]:
    return {
        "study": study,
        "can_edit": can_edit(request.user),
        "kind_labels": dict(Kind.choices),
        "quadrants": QUADRANT_ORDER,
        "urls": url_prefixes(),
        "labels": item_labels(),
        "active": "",
        "active_pk": None,
        "form": None,
        **extra,
    }


PROGRAM_TOOLS = {"program", "new-action", "attach"}


def mark_open_programs(strategies, active: str, active_pk: Any) -> None:
    """`strategy.program_open` for each: its program is shown open, with its tools, when the
    analyst works in it (or edits one of its actions); the others load theirs when opened."""
    for strategy in strategies:
        if active in PROGRAM_TOOLS:
            strategy.program_open = strategy.pk == active_pk
        elif active == "edit-action":
            strategy.program_open = any(link.action_id == active_pk for link in strategy.links)
        else:
            strategy.program_open = False


def study_page(request: HttpRequest, study: Study, status: int = 200, **extra: Any):
    """The whole page, with whatever is active (for requests without HTMX)."""
    matrix = load_matrix(study)
    every = [s for strategies in matrix.strategies.values() for s in strategies]
    mark_open_programs(every, extra.get("active", ""), extra.get("active_pk"))
    context = base_context(request, study, matrix=matrix, gaps=matrix.gaps, **extra)
    return render(request, PAGE, context, status=status)


@dataclass
class Updates:
    """What a change shows besides the fragment it answers with, each piece swapped out of
    band by its id (the `updates` partial): never a whole quadrant, so the panels opened
    and the text typed elsewhere on the page stay."""

    cites: list = field(default_factory=list)  # strategies whose citation changed
    uses: list = field(default_factory=list)  # factors whose "not cited" badge may change
    links: list = field(default_factory=list)  # places of an action whose text or ×N changed
    summaries: list = field(default_factory=list)  # strategies whose program count changed
    bodies: list = field(default_factory=list)  # strategy cards renumbered
    add_factor: str = ""  # the kind whose "Add a factor" form comes back empty
    add_strategy: str = ""  # the quadrant whose "Add a strategy" form comes back empty
    new_action: Any = None  # the strategy whose "new action" form comes back empty
    results: Any = None  # the strategy whose action search results are cleared


def fragment(
    request: HttpRequest,
    partial: str | None,
    study: Study,
    context: dict[str, Any],
    *,
    events: tuple[str, ...] = (),
    updates: Updates | None = None,
) -> HttpResponse:
    """A partial of the page (`None`: nothing, where the target goes away), with `updates`
    out of band and `events` for the parts that refresh themselves."""
    context = base_context(request, study, **context)
    response = render(request, f"{PAGE}#{partial}", context) if partial else HttpResponse()
    if updates is not None:
        context["updates"] = updates
        response.content += render(request, f"{PAGE}#updates", context).content
    for event in events:
        trigger_client_event(response, event)
    return response


def form_errors(response: HttpResponse, form_id: str) -> HttpResponse:
    """An add form sent back with its errors replaces itself (a valid one would have added
    an item at the end of its list)."""
    return reswap(retarget(response, f"#{form_id}"), "outerHTML")


def moved(response: HttpResponse, element_id: str, past: str, direction: str) -> HttpResponse:
    """Tell the page to move an element past its neighbour (static/js/app.js)."""
    detail = {"id": element_id, "past": past, "direction": direction}
    trigger_client_event(response, ITEM_MOVED, detail, after="swap")
    return response


def show_new_item(response: HttpResponse, element_id: str) -> HttpResponse:
    """Tell the page which element is new (static/js/app.js scrolls to it, focuses it and
    highlights it), once the response is in place."""
    trigger_client_event(response, ITEM_ADDED, {"id": element_id}, after="settle")
    return response


def show_new_items(response: HttpResponse, element_ids: list[str], focus: str = "") -> HttpResponse:
    """Tell the page which elements are new: it highlights them all and brings them into
    view; the focus goes to the element `focus` names (an add form's text, for the next
    entry), else to the first of them."""
    detail = {"id": element_ids[0], "ids": element_ids}
    if focus:
        detail["focus"] = focus
    trigger_client_event(response, ITEM_ADDED, detail, after="settle")
    return response


def back_to_study(study: Study, anchor: str = "", **opened: Any) -> HttpResponse:
    """POST/redirect/GET for requests without HTMX. `opened`: the add form the page shows
    open (`adding=<kind>` or `new_action=<strategy pk>`, read by editor.views.study)."""
    url = reverse("study", args=[study.slug])
    if opened:
        url += "?" + urlencode(opened)
    return redirect(f"{url}#{anchor}" if anchor else url)
