"""Writes to action programs: each one transaction, one function.

An action serving several strategies is one row linked to each (ActionLink), at each
strategy's own position; positions follow the order like codes do (planning/numbering.py).
Each write takes the study's lock first (swot/locks.py), so two analysts' writes to one
study queue instead of colliding.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _

from actions.forms import ActionForm, PlaceForm, place_stamp
from actions.models import Action, ActionLink
from planning.concurrency import save_unless_stale
from planning.limits import ACTIONS_PER_PROGRAM_MAX
from planning.numbering import close_gap, move_one, number_at_end
from planning.rules import check_room
from strategies.models import Strategy
from swot.locks import lock_study

SEARCH_LIMIT = 12  # results shown
SEARCH_WORDS = 8  # words of the query used (each is one more condition)


def append(strategy: Strategy, action: Action) -> ActionLink:
    """Link an action at the end of the strategy's program (inside the caller's transaction,
    under the study's lock)."""
    if not Strategy.objects.filter(pk=strategy.pk).exists():
        raise Http404("This strategy has been deleted.")
    position = number_at_end(ActionLink.objects.filter(strategy=strategy), "position")
    check_room(position, ACTIONS_PER_PROGRAM_MAX, _("actions in a program"))
    return ActionLink.objects.create(strategy=strategy, action=action, position=position)


def add_actions(strategy: Strategy, forms: list[ActionForm]) -> list[ActionLink]:
    """Save valid forms for new actions of the strategy's study, appended to its program in
    order (their places returned): all of them or, if one fails, none. Each is recorded in the
    history as its own add."""
    with transaction.atomic():
        lock_study(strategy.study_id)
        return [append(strategy, form.save()) for form in forms]


def attach_action(strategy: Strategy, action: Action) -> ActionLink | None:
    """Add an existing action to the end of the strategy's program (once); returns its new
    place, or None if the program has it already."""
    with transaction.atomic():
        lock_study(strategy.study_id)
        if ActionLink.objects.filter(strategy=strategy, action=action).exists():
            return None
        if not Action.objects.filter(pk=action.pk).exists():
            raise Http404("This action has been deleted.")
        return append(strategy, action)


def move_link(link: ActionLink, direction: str) -> None:
    """Swap an action with the one above (`up`) or below it in this strategy's program."""
    with transaction.atomic():
        lock_study(link.strategy.study_id)
        program = ActionLink.objects.filter(strategy_id=link.strategy_id)
        move_one(program, link, direction, "position")


def detach_link(link: ActionLink) -> None:
    """Take an action out of one program; an action left with none stays, unattached.

    One detached meanwhile (by another analyst, while this one waited its turn) stays so.
    """
    with transaction.atomic():
        lock_study(link.strategy.study_id)
        if not ActionLink.objects.filter(pk=link.pk).exists():
            return
        link.delete()
        close_gap(ActionLink.objects.filter(strategy_id=link.strategy_id), "position")


def delete_unattached_action(action: Action) -> bool:
    """Delete an action no strategy uses; False (nothing deleted) if one does."""
    with transaction.atomic():
        lock_study(action.study_id)
        deleted, __ = Action.objects.filter(pk=action.pk, links__isnull=True).delete()
    return bool(deleted)


@dataclass
class PlaceEdit:
    """What became of an edit of an action at its place: saved (and whether the action's text
    changed, which its other places show), or refused as stale, with what is there now."""

    text_changed: bool = False
    their_action: Action | None = None  # the action as it is now: its text changed meanwhile
    their_place: ActionLink | None = None  # the place as it is now: its wording changed

    @property
    def stale(self) -> bool:
        return self.their_action is not None or self.their_place is not None


def save_action_at_place(text_form: ActionForm, place_form: PlaceForm) -> PlaceEdit:
    """Save two valid forms opened at one place of an action: the action's text (every
    program shows it) and this place's wording and footnote. All or nothing, under the
    study's lock.

    Stale like a text's save (planning/concurrency.py): if the text was saved by someone else
    since the form was opened (its version), or the place's wording or footnote (the form's
    stamp) while this analyst changed them too, nothing is saved and the edit says what is
    there now. A wording or footnote this analyst left as opened keeps what is there now.
    """
    action, link = text_form.instance, place_form.instance
    with transaction.atomic():
        lock_study(action.study_id)
        # Read under the lock: a move may have changed its position since the form was read.
        place = ActionLink.objects.filter(pk=link.pk, action_id=action.pk).first()
        now = Action.objects.filter(pk=action.pk).values_list("text", "version").first()
        if place is None or now is None:
            raise Http404("This action is no longer at that place in the program.")
        edit = PlaceEdit(text_changed=text_form.cleaned_data["text"] != now[0])
        expected = text_form.cleaned_data.get("version")
        if edit.text_changed and expected is not None and expected != now[1]:
            edit.their_action = Action.objects.get(pk=action.pk)

        mine = (place_form.cleaned_data["wording"], place_form.cleaned_data["footnote"])
        theirs = (place.wording, place.footnote)
        opened = place_form.cleaned_data.get("stamp")
        untouched = mine == theirs or (opened and place_stamp(*mine) == opened)
        if not untouched and opened and place_stamp(*theirs) != opened:
            edit.their_place = place
        if edit.stale:
            return edit

        if edit.text_changed and (their_action := save_unless_stale(text_form)) is not None:
            edit.their_action = their_action  # saved in between, by a write without the lock
            return edit
        if not untouched:
            place.wording, place.footnote = mine
            place.action = action
            place.save(update_fields=["wording", "footnote"])
    return edit


def search_actions(strategy: Strategy, query: str) -> list[Action]:
    """The study's actions matching the words typed, minus those the strategy already has."""
    actions = Action.objects.filter(study_id=strategy.study_id).exclude(links__strategy=strategy)
    for word in query.split()[:SEARCH_WORDS]:
        actions = actions.filter(text__icontains=word)
    return list(actions.annotate(served=Count("links")).order_by("pk")[:SEARCH_LIMIT])
