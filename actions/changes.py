"""Writes to action programs: each one transaction, one function.

An action serving several strategies is one row linked to each (ActionLink), at each
strategy's own position; positions follow the order like codes do (planning/numbering.py).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from actions.forms import ActionForm
from actions.models import Action, ActionLink
from planning.numbering import close_gap, move_one, number_at_end
from strategies.models import Strategy

SEARCH_LIMIT = 12  # results shown
SEARCH_WORDS = 8  # words of the query used (each is one more condition)


def append(strategy: Strategy, action: Action) -> ActionLink:
    """Link an action at the end of the strategy's program (inside the caller's transaction)."""
    position = number_at_end(ActionLink.objects.filter(strategy=strategy), "position")
    return ActionLink.objects.create(strategy=strategy, action=action, position=position)


def add_action(strategy: Strategy, form: ActionForm) -> ActionLink:
    """Save a valid form for a new action of the strategy's study, last in its program;
    returns its place in the program."""
    with transaction.atomic():
        return append(strategy, form.save())


def attach_action(strategy: Strategy, action: Action) -> ActionLink | None:
    """Add an existing action to the end of the strategy's program (once); returns its new
    place, or None if the program has it already."""
    with transaction.atomic():
        if ActionLink.objects.filter(strategy=strategy, action=action).exists():
            return None
        return append(strategy, action)


def move_link(link: ActionLink, direction: str) -> None:
    """Swap an action with the one above (`up`) or below it in this strategy's program."""
    move_one(ActionLink.objects.filter(strategy_id=link.strategy_id), link, direction, "position")


def detach_link(link: ActionLink) -> None:
    """Take an action out of one program; an action left with none stays, unattached."""
    with transaction.atomic():
        link.delete()
        close_gap(ActionLink.objects.filter(strategy_id=link.strategy_id), "position")


def delete_unattached_action(action: Action) -> bool:
    """Delete an action no strategy uses; False (nothing deleted) if one does."""
    with transaction.atomic():
        deleted, __ = Action.objects.filter(pk=action.pk, links__isnull=True).delete()
    return bool(deleted)


def search_actions(strategy: Strategy, query: str) -> list[Action]:
    """The study's actions matching the words typed, minus those the strategy already has."""
    actions = Action.objects.filter(study_id=strategy.study_id).exclude(links__strategy=strategy)
    for word in query.split()[:SEARCH_WORDS]:
        actions = actions.filter(text__icontains=word)
    return list(actions.annotate(served=Count("links")).order_by("pk")[:SEARCH_LIMIT])
