"""The TOWS matrix of a study, read in a fixed number of queries whatever its size.

Views and reports call `load_matrix`; templates only walk what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from actions.models import Action, ActionLink
from planning.notation import format_compact
from planning.vocabulary import DISPLAY_ORDER, QUADRANT_ORDER, Kind, citable_kinds
from strategies.models import Citation, Strategy
from swot.models import Factor, Study


@dataclass
class CitedGroup:
    """One kind's part of a compact citation: S with factors S1, S3, S6."""

    kind: str
    factors: list[Factor]


@dataclass
class Matrix:
    study: Study
    factors: dict[str, list[Factor]] = field(default_factory=dict)
    strategies: dict[str, list[Strategy]] = field(default_factory=dict)
    unattached_actions: list[Action] = field(default_factory=list)

    @property
    def uncited_factors(self) -> list[Factor]:
        return [f for kind in DISPLAY_ORDER for f in self.factors[kind] if not f.cited_by]

    @property
    def strategies_without_actions(self) -> list[Strategy]:
        return [s for q in QUADRANT_ORDER for s in self.strategies[q] if not s.links]

    @property
    def citable(self) -> dict[str, list[Factor]]:
        """Per quadrant, the factors its strategies may cite (for the citation chips)."""
        return {
            q: [f for kind in citable_kinds(q) for f in self.factors[kind]] for q in QUADRANT_ORDER
        }


def strategy_queryset():
    """Strategies with their citations and action program prefetched (2 extra queries)."""
    return Strategy.objects.prefetch_related(
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("factor").order_by(
                "factor__kind", "factor__number"
            ),
        ),
        Prefetch(
            "action_links",
            queryset=ActionLink.objects.select_related("action")
            .annotate(served=Count("action__links"))
            .order_by("position"),
        ),
    )


def decorate_strategy(strategy: Strategy) -> Strategy:
    """Attach what templates show: cited groups, compact form, ordered links."""
    cited = [c.factor for c in strategy.citations.all()]
    internal, external = strategy.citable_kinds
    strategy.cited_groups = [
        CitedGroup(kind, [f for f in cited if f.kind == kind]) for kind in (internal, external)
    ]
    strategy.cited_groups = [g for g in strategy.cited_groups if g.factors]
    strategy.cited_ids = {f.pk for f in cited}
    strategy.compact = format_compact((f.kind, f.number) for f in cited)
    strategy.links = list(strategy.action_links.all())
    return strategy


def load_strategy(strategy_pk: int) -> Strategy:
    return decorate_strategy(strategy_queryset().select_related("study").get(pk=strategy_pk))


def load_matrix(study: Study) -> Matrix:
    """Factors, strategies (with citations and actions) and unattached actions: 5 queries."""
    matrix = Matrix(study=study)
    factors = list(
        Factor.objects.filter(study=study)
        .annotate(cited_by=Count("citations"))
        .order_by("kind", "number")
    )
    matrix.factors = {kind: [f for f in factors if f.kind == kind] for kind in Kind.values}
    strategies = [
        decorate_strategy(s)
        for s in strategy_queryset().filter(study=study).order_by("quadrant", "number")
    ]
    matrix.strategies = {q: [s for s in strategies if s.quadrant == q] for q in QUADRANT_ORDER}
    matrix.unattached_actions = list(
        Action.objects.filter(study=study, links__isnull=True).order_by("pk")
    )
    return matrix


def load_factors(study: Study, kinds: tuple[str, ...]) -> list[Factor]:
    """One query: the study's factors of the given kinds, with how often each is cited."""
    return list(
        Factor.objects.filter(study=study, kind__in=kinds)
        .annotate(cited_by=Count("citations"))
        .order_by("kind", "number")
    )


def load_quadrant(study: Study, quadrant: str) -> dict:
    """One quadrant cell: its strategies (3 queries) and the factors they may cite (1)."""
    strategies = [
        decorate_strategy(s)
        for s in strategy_queryset().filter(study=study, quadrant=quadrant).order_by("number")
    ]
    return {
        "quadrant": quadrant,
        "strategies": strategies,
        "citable": load_factors(study, citable_kinds(quadrant)),
    }
