"""Writes to a study's strategies and citations: each one transaction, one function, taking
the study's lock first (swot/locks.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from planning.limits import STRATEGIES_PER_QUADRANT_MAX
from planning.numbering import close_gap, move_one, number_at_end
from planning.rules import check_citation, check_room
from strategies.forms import StrategyForm
from strategies.models import Citation, Strategy
from swot.locks import lock_study
from swot.models import Factor


def add_strategy(form: StrategyForm) -> Strategy:
    """Save a valid form for a new strategy (study and quadrant set) at its quadrant's end."""
    strategy = form.instance
    with transaction.atomic():
        lock_study(strategy.study_id)
        quadrant = Strategy.objects.filter(study_id=strategy.study_id, quadrant=strategy.quadrant)
        strategy.number = number_at_end(quadrant)
        check_room(strategy.number, STRATEGIES_PER_QUADRANT_MAX, _("strategies in a quadrant"))
        return form.save()


def delete_strategy(strategy: Strategy) -> None:
    """Delete a strategy with its citations and links; its actions stay in the study.

    One deleted meanwhile (by another analyst, while this one waited its turn) stays deleted.
    """
    with transaction.atomic():
        lock_study(strategy.study_id)
        if not Strategy.objects.filter(pk=strategy.pk).exists():
            return
        strategy.delete()
        close_gap(Strategy.objects.filter(study_id=strategy.study_id, quadrant=strategy.quadrant))


def move_strategy(strategy: Strategy, direction: str) -> None:
    """Swap a strategy with the one above (`up`) or below it in its quadrant."""
    with transaction.atomic():
        lock_study(strategy.study_id)
        quadrant = Strategy.objects.filter(study_id=strategy.study_id, quadrant=strategy.quadrant)
        move_one(quadrant, strategy, direction)


def toggle_citation(strategy: Strategy, factor: Factor) -> None:
    """Cite the factor if the strategy does not, else stop citing it.

    Raises ValidationError (the citation rule's message, or that the factor is gone) for a
    factor it may not cite, Http404 for a strategy deleted meanwhile.
    """
    with transaction.atomic():
        lock_study(strategy.study_id)
        deleted, __ = Citation.objects.filter(strategy=strategy, factor=factor).delete()
        if deleted:
            return
        if not Strategy.objects.filter(pk=strategy.pk).exists():
            raise Http404("This strategy has been deleted.")
        if not Factor.objects.filter(pk=factor.pk).exists():
            raise ValidationError(_("That factor no longer exists; the list has been refreshed."))
        check_citation(strategy, factor)
        Citation.objects.create(strategy=strategy, factor=factor)
