"""Writes to a study's strategies and citations: each one transaction, one function."""

from __future__ import annotations

from django.db import transaction

from planning.numbering import close_gap, move_one, number_at_end
from planning.rules import check_citation
from strategies.forms import StrategyForm
from strategies.models import Citation, Strategy
from swot.models import Factor


def add_strategy(form: StrategyForm) -> Strategy:
    """Save a valid form for a new strategy (study and quadrant set) at its quadrant's end."""
    strategy = form.instance
    with transaction.atomic():
        quadrant = Strategy.objects.filter(study_id=strategy.study_id, quadrant=strategy.quadrant)
        strategy.number = number_at_end(quadrant)
        return form.save()


def delete_strategy(strategy: Strategy) -> None:
    """Delete a strategy with its citations and links; its actions stay in the study."""
    with transaction.atomic():
        strategy.delete()
        close_gap(Strategy.objects.filter(study_id=strategy.study_id, quadrant=strategy.quadrant))


def move_strategy(strategy: Strategy, direction: str) -> None:
    """Swap a strategy with the one above (`up`) or below it in its quadrant."""
    quadrant = Strategy.objects.filter(study_id=strategy.study_id, quadrant=strategy.quadrant)
    move_one(quadrant, strategy, direction)


def toggle_citation(strategy: Strategy, factor: Factor) -> None:
    """Cite the factor if the strategy does not, else stop citing it.

    Raises ValidationError (the citation rule's message) for a factor it may not cite.
    """
    with transaction.atomic():
        deleted, __ = Citation.objects.filter(strategy=strategy, factor=factor).delete()
        if not deleted:
            check_citation(strategy, factor)
            Citation.objects.create(strategy=strategy, factor=factor)
