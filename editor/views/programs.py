"""Action programs: new actions, attaching shared ones, order, detaching, editing text.

A change to a program answers with what it changed (the new action's item, the program's
list) and, out of band, what depends on it: the program's count in its summary, and the ×N
and text of the same action in the other programs that share it. The rest of the card (its
citations panel, the text typed in its forms) stays as it is.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.access import get_action, get_link
from actions.changes import (
    add_actions,
    attach_action,
    delete_unattached_action,
    detach_link,
    move_link,
    save_action_at_place,
    search_actions,
)
from actions.forms import ActionForm, PlaceForm, place_stamp
from actions.models import Action, ActionLink
from editor.bulk import check_preview_room, read_paste
from editor.matrix import load_gaps, load_links, load_strategy
from editor.pages import (
    STUDY_CHANGED,
    UNATTACHED_CHANGED,
    Updates,
    add_or_refuse,
    back_to_study,
    form_errors,
    fragment,
    show_new_items,
    study_page,
)
from planning.concurrency import conflict_form, save_unless_stale
from planning.digits import digits
from planning.limits import ACTIONS_PER_PROGRAM_MAX
from planning.numbering import next_number
from planning.params import record_id
from strategies.access import get_strategy
from swot.models import Study

# What a search box sends while typing: a few words of an action.
SEARCH_QUERY_LENGTH = 200


def unattached(request: HttpRequest, study: Study, *, events=(), **extra) -> HttpResponse:
    """The gaps panel's list of actions no strategy uses, with their tools."""
    context = {"gaps": load_gaps(study, codes=False), **extra}
    return fragment(request, "unattached", study, context, events=events)


def shared_places(action_ids, but=()) -> list:
    """Every place of these actions in the study's programs (but those of `but`), for their
    new text or ×N."""
    return load_links(ActionLink.objects.filter(action_id__in=action_ids).exclude(pk__in=but))


def link_item(
    request: HttpRequest, study: Study, link_pk: int, *, events=(), updates=None, **extra
):
    """One place of an action in a program of `study` (the caller has the study at hand)."""
    (link,) = load_links(ActionLink.objects.filter(pk=link_pk))
    context = {"link": link, **extra}
    return fragment(request, "link-item", study, context, events=events, updates=updates)


def program_links(request: HttpRequest, strategy_pk: int, *, events=(), updates=None):
    """The program's list renumbered (after a move or a detach), with its tools."""
    strategy = load_strategy(strategy_pk)
    updates = updates or Updates()
    updates.summaries = [strategy]
    context = {"strategy": strategy}
    return fragment(
        request, "program-links", strategy.study, context, events=events, updates=updates
    )


def added(
    request: HttpRequest, links: list[ActionLink], updates: Updates, focus: str = ""
) -> HttpResponse:
    """New places in a program: their items (added at the program's end), the count, the new
    ×N of an action elsewhere; the page highlights them and brings them into view (`focus`:
    the id of what gets the focus instead of the first of them)."""
    strategy = load_strategy(links[0].strategy_id)
    updates.summaries = [strategy]
    pks = [link.pk for link in links]
    updates.links = shared_places([link.action_id for link in links], but=pks)
    events = (STUDY_CHANGED, UNATTACHED_CHANGED)
    context = {"new_links": load_links(ActionLink.objects.filter(pk__in=pks).order_by("position"))}
    response = fragment(
        request, "new-links", strategy.study, context, events=events, updates=updates
    )
    return show_new_items(response, [f"link-{pk}" for pk in pks], focus=focus)


@login_required
@require_POST
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    """New actions at the end of the program: one per line of the text (editor/bulk.py), more
    than one shown first to confirm. The form comes back empty and open for the next."""
    strategy = get_strategy(request, pk, write=True)

    def new_form(data) -> ActionForm:
        return ActionForm(data, instance=Action(study=strategy.study))

    paste = read_paste(request.POST, new_form)
    form = paste.form
    start = renumbered = None
    if paste.ready or paste.preview:
        start = next_number(strategy.action_links.values_list("position", flat=True))
        renumbered = paste.renumbered(start)
    links = None
    if paste.single and form.is_valid():
        links = add_or_refuse(form, add_actions, strategy, [form])
    elif paste.ready:
        links = add_or_refuse(form, add_actions, strategy, paste.forms)
    if links is not None:
        if not request.htmx:
            return back_to_study(strategy.study, f"link-{links[-1].pk}", new_action=pk)
        return added(request, links, Updates(new_action=strategy), f"new-action-{pk}-text")
    preview = []
    if paste.preview:
        what = gettext("actions in a program")
        check_preview_room(paste, start, ACTIONS_PER_PROGRAM_MAX, what)
        texts = [item.cleaned_data["text"] for item in paste.preview]
        preview = [(digits(n), text) for n, text in enumerate(texts, start)]
    extra = {
        "active": "new-action",
        "active_pk": pk,
        "form": form,
        "preview": preview,
        "start": start,
        "renumbered": renumbered,
    }
    if not request.htmx:
        return study_page(request, strategy.study, **extra)
    response = fragment(request, "new-action", strategy.study, {"strategy": strategy, **extra})
    return form_errors(response, f"new-action-{pk}")


@login_required
@require_GET
def action_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Search as you type; without HTMX the page shows the results inside the strategy."""
    strategy = get_strategy(request, pk)
    query = request.GET.get("q", "")[:SEARCH_QUERY_LENGTH].strip()
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
        Action, pk=record_id(request.POST.get("action")) or 0, study_id=strategy.study_id
    )
    link = attach_action(strategy, action)
    if not request.htmx:
        return back_to_study(strategy.study, f"strategy-{pk}")
    if link is None:  # the program has it already: nothing changes
        return HttpResponse(status=204)
    return added(request, [link], Updates(results=strategy))


@login_required
@require_GET
def link_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One action at its place in a program (an edit cancelled)."""
    link = get_link(request, pk)
    if not request.htmx:
        return back_to_study(link.strategy.study, f"link-{pk}")
    return link_item(request, link.strategy.study, pk)


@login_required
@require_POST
def link_move(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_link(request, pk, write=True)
    strategy = link.strategy
    move_link(link, request.POST.get("direction", ""))
    if not request.htmx:
        return back_to_study(strategy.study, f"strategy-{strategy.pk}")
    return program_links(request, strategy.pk)


@login_required
@require_POST
def link_detach(request: HttpRequest, pk: int) -> HttpResponse:
    """Detach an action from one strategy; an action left with none is kept, unattached."""
    link = get_link(request, pk, write=True)
    strategy = link.strategy
    detach_link(link)
    if not request.htmx:
        return back_to_study(strategy.study, f"strategy-{strategy.pk}")
    updates = Updates(links=shared_places([link.action_id]))
    events = (STUDY_CHANGED, UNATTACHED_CHANGED)
    return program_links(request, strategy.pk, events=events, updates=updates)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an action's text once; every strategy that lists it shows the new text.

    `link` (a query parameter) is the place in a program the edit was opened from: the form
    there also edits how this program words the action and its footnote, and the response
    is that place, with the action's other places out of band when its text changed. Without
    it, the action is an unattached one, edited in the gaps panel.
    """
    action = get_action(request, pk, write=True)
    if "link" in request.GET:
        return action_edit_at_place(request, action, record_id(request.GET["link"]) or 0)
    form = ActionForm(request.POST or None, instance=action)
    conflict = None
    if (
        request.method == "POST"
        and form.is_valid()
        and (conflict := save_unless_stale(form)) is None
    ):
        if not request.htmx:
            return back_to_study(action.study, "gaps")
        return unattached(request, action.study)
    if conflict is not None:
        form = conflict_form(form, conflict)
    extra = {"active": "edit-action", "active_pk": pk, "form": form, "conflict": conflict}
    if not request.htmx:
        return study_page(request, action.study, **extra)
    return unattached(request, action.study, **extra)


def action_edit_at_place(request: HttpRequest, action: Action, link_pk: int) -> HttpResponse:
    """The action's text and, at this place, its wording and footnote: saved together
    (actions.changes.save_action_at_place) or, stale, shown beside what is there now."""
    link = ActionLink.objects.filter(pk=link_pk, action=action).first()
    if link is None:
        raise Http404("This action is not at that place in a program.")
    link.action = action
    data = request.POST if request.method == "POST" else None
    form = ActionForm(data, instance=action)
    place_form = PlaceForm(data, instance=link)
    conflict = place_conflict = None
    if data is not None and all([form.is_valid(), place_form.is_valid()]):
        edit = save_action_at_place(form, place_form)
        if not edit.stale:
            if not request.htmx:
                return back_to_study(action.study, f"link-{link.pk}")
            # The text shows at every place of the action; a wording only at this one.
            updates = None
            if edit.text_changed:
                updates = Updates(links=shared_places([action.pk], but=[link.pk]))
            return link_item(request, action.study, link.pk, updates=updates)
        if (conflict := edit.their_action) is not None:
            form = conflict_form(form, conflict)
        if (place_conflict := edit.their_place) is not None:
            place_form = place_conflict_form(place_form, place_conflict)
    extra = {
        "active": "edit-action",
        "active_pk": action.pk,
        "active_link": link.pk,
        "form": form,
        "place_form": place_form,
        "conflict": conflict,
        "place_conflict": place_conflict,
    }
    if not request.htmx:
        return study_page(request, action.study, **extra)
    return link_item(request, action.study, link.pk, **extra)


def place_conflict_form(form: PlaceForm, theirs: ActionLink) -> PlaceForm:
    """The analyst's wording and footnote again, now based on what is there: saving them
    replaces theirs."""
    data = form.data.copy()
    data["stamp"] = place_stamp(theirs.wording, theirs.footnote)
    return PlaceForm(data, instance=theirs)


@login_required
@require_POST
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Only an unattached action can be deleted: detach it from its strategies first."""
    action = get_action(request, pk, write=True)
    study = action.study
    deleted = delete_unattached_action(action)
    if not request.htmx:
        return back_to_study(study, "gaps")
    response = unattached(request, study)
    response.status_code = 200 if deleted else 409
    return response
