"""The TOWS matrix of a study, read in a fixed number of queries whatever its size.

Views call `load_matrix` (the page), `load_quadrant`, `load_strategy`, `load_factors` and
`load_gaps` (the fragments); templates only walk what they return. Citations and action
links are read as plain rows and joined here to the factors and actions already in memory:
a study fifty times the Mashhad size has thousands of them, and a model instance for each
would cost more than the page's whole template.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, QuerySet

from actions.models import Action, ActionLink
from evaluation.figures import Position, position_of
from planning.notation import format_compact
from planning.vocabulary import DISPLAY_ORDER, QUADRANT_ORDER, Kind, citable_kinds
from strategies.models import Citation, Strategy
from swot.models import Factor, Study


@dataclass
class CitedFactor:
    """A factor as a strategy's citation shows it (its code, its text on hover or focus)."""

    pk: int
    kind: str
    number: int
    text: str

    @property
    def code(self) -> str:
        return f"{self.kind}{self.number}"


@dataclass
class CitedGroup:
    """One kind's part of a compact citation: S with factors S1, S3, S6."""

    kind: str
    factors: list


@dataclass
class ProgramAction:
    pk: int
    text: str
    served: int  # how many strategies use it


@dataclass
class Link:
    """An action at its place in one strategy's program."""

    pk: int
    action: ProgramAction
    position: int
    strategy_id: int
    # How this program prints the action, when not in its own text, and its footnote.
    wording: str = ""
    footnote: str = ""

    @property
    def action_id(self) -> int:
        return self.action.pk

    @property
    def served(self) -> int:
        return self.action.served


@dataclass
class Gaps:
    """What the gaps panel lists."""

    uncited_factors: list[Factor]
    strategies_without_actions: list[Strategy]
    unattached_actions: list[Action]


@dataclass
class Matrix:
    study: Study
    factors: dict[str, list[Factor]] = field(default_factory=dict)
    strategies: dict[str, list[Strategy]] = field(default_factory=dict)
    unattached_actions: list = field(default_factory=list)
    position: Position | None = None  # David's strategic position, once factors are rated

    @property
    def uncited_factors(self) -> list[Factor]:
        return [f for kind in DISPLAY_ORDER for f in self.factors[kind] if not f.cited_by]

    @property
    def strategies_without_actions(self) -> list[Strategy]:
        return [s for q in QUADRANT_ORDER for s in self.strategies[q] if not s.links]

    @property
    def gaps(self) -> Gaps:
        return Gaps(self.uncited_factors, self.strategies_without_actions, self.unattached_actions)

    @cached_property
    def citable(self) -> dict[str, list[Factor]]:
        """Per quadrant, the factors its strategies may cite (for the citation chips)."""
        return {
            q: [f for kind in citable_kinds(q) for f in self.factors[kind]] for q in QUADRANT_ORDER
        }


def _programs(links: QuerySet) -> dict[int, list[Link]]:
    """strategy id → its program, from one query (an action shared by several strategies is
    one ProgramAction, with how many strategies it serves)."""
    rows = (
        links.annotate(served=Count("action__links"))
        .order_by("strategy_id", "position")
        .values_list(
            "pk",
            "strategy_id",
            "action_id",
            "position",
            "wording",
            "footnote",
            "action__text",
            "served",
        )  # fmt: skip
    )
    actions: dict[int, ProgramAction] = {}
    programs: dict[int, list[Link]] = {}
    for pk, strategy_id, action_id, position, wording, footnote, text, served in rows:
        action = actions.get(action_id) or actions.setdefault(
            action_id, ProgramAction(action_id, text, served)
        )
        link = Link(pk, action, position, strategy_id, wording, footnote)
        programs.setdefault(strategy_id, []).append(link)
    return programs


def load_links(links: QuerySet) -> list[Link]:
    """The places of `links` (ActionLink rows), each with its action's text and how many
    strategies it serves: one query."""
    return [link for program in _programs(links).values() for link in program]


def _cited(citations: QuerySet, factors: dict[int, Factor] | None = None) -> dict[int, list]:
    """strategy id → the factors it cites, in code order, from one query. With `factors`
    (already loaded, by id) only the ids are read; else each factor's code and text."""
    cited: dict[int, list] = {}
    if factors is not None:
        for strategy_id, factor_id in citations.values_list("strategy_id", "factor_id"):
            cited.setdefault(strategy_id, []).append(factors[factor_id])
    else:
        rows = citations.values_list(
            "strategy_id", "factor_id", "factor__kind", "factor__number", "factor__text"
        )
        for strategy_id, *factor in rows:
            cited.setdefault(strategy_id, []).append(CitedFactor(*factor))
    for group in cited.values():
        group.sort(key=lambda f: (f.kind, f.number))
    return cited


def _decorate(strategies: Iterable[Strategy], cited: dict, programs: dict) -> list[Strategy]:
    """Attach what templates show: cited groups, compact form, ordered links."""
    decorated = []
    for strategy in strategies:
        factors = cited.get(strategy.pk, [])
        groups = (
            CitedGroup(kind, [f for f in factors if f.kind == kind])
            for kind in citable_kinds(strategy.quadrant)
        )
        strategy.cited_groups = [g for g in groups if g.factors]
        strategy.cited_ids = {f.pk for f in factors}
        strategy.compact = format_compact((f.kind, f.number) for f in factors)
        strategy.links = programs.get(strategy.pk, [])
        decorated.append(strategy)
    return decorated


def load_strategies(strategies: QuerySet, factors: dict[int, Factor] | None = None) -> list:
    """The strategies of `strategies` with their citations and programs: 3 queries."""
    strategies = list(strategies.order_by("quadrant", "number"))
    ids = [s.pk for s in strategies]
    cited = _cited(Citation.objects.filter(strategy_id__in=ids), factors)
    programs = _programs(ActionLink.objects.filter(strategy_id__in=ids))
    return _decorate(strategies, cited, programs)


def load_citations(strategy_ids: Iterable[int]) -> list[Strategy]:
    """The strategies with what their citation shows, and nothing else: 2 queries."""
    strategies = Strategy.objects.filter(pk__in=list(strategy_ids)).only("pk", "quadrant")
    cited = _cited(Citation.objects.filter(strategy__in=strategies))
    return _decorate(strategies, cited, {})


def load_strategy(strategy_pk: int) -> Strategy:
    (strategy,) = load_strategies(Strategy.objects.select_related("study").filter(pk=strategy_pk))
    return strategy


def load_matrix(study: Study) -> Matrix:
    """Factors, strategies, their citations, the study's actions and their links: 5 queries,
    each a plain read (how often a factor is cited and how many strategies an action serves
    are counted here from the rows already read)."""
    matrix = Matrix(study=study)
    factors = list(
        Factor.objects.filter(study=study).select_related("assessment").order_by("kind", "number")
    )
    # The strategic position of the IFE/EFE totals, its quadrant marked on the page.
    matrix.position = position_of(factors)
    by_id = {f.pk: f for f in factors}
    cited = _cited(Citation.objects.filter(strategy__study=study), by_id)
    uses = Counter(f.pk for group in cited.values() for f in group)
    for factor in factors:
        factor.cited_by = uses[factor.pk]
    matrix.factors = {kind: [f for f in factors if f.kind == kind] for kind in Kind.values}

    actions = {
        pk: ProgramAction(pk, text, 0)
        for pk, text in Action.objects.filter(study=study).order_by("pk").values_list("pk", "text")
    }
    programs: dict[int, list[Link]] = {}
    rows = (
        ActionLink.objects.filter(strategy__study=study)
        .order_by("strategy_id", "position")
        .values_list("pk", "strategy_id", "action_id", "position", "wording", "footnote")
    )
    for pk, strategy_id, action_id, position, wording, footnote in rows:
        action = actions[action_id]
        action.served += 1
        link = Link(pk, action, position, strategy_id, wording, footnote)
        programs.setdefault(strategy_id, []).append(link)
    matrix.unattached_actions = [a for a in actions.values() if not a.served]

    strategies = Strategy.objects.filter(study=study).order_by("quadrant", "number")
    decorated = _decorate(strategies, cited, programs)
    matrix.strategies = {q: [s for s in decorated if s.quadrant == q] for q in QUADRANT_ORDER}
    return matrix


def load_factors(study: Study, kinds: tuple[str, ...]) -> list[Factor]:
    """One query: the study's factors of the given kinds, in the order the kinds are given
    (a quadrant's chips: internal kind first, as on the page), with how often each is cited."""
    factors = Factor.objects.filter(study=study, kind__in=kinds).annotate(
        cited_by=Count("citations")
    )
    return sorted(factors, key=lambda f: (kinds.index(f.kind), f.number))


def load_quadrant(study: Study, quadrant: str) -> dict:
    """One quadrant cell: its strategies with their citations and programs (3 queries)."""
    return {
        "quadrant": quadrant,
        "strategies": load_strategies(Strategy.objects.filter(study=study, quadrant=quadrant)),
    }


def load_gaps(study: Study, *, codes: bool = True, actions: bool = True) -> Gaps:
    """The gaps panel alone, or one of its parts: a query for each list, reading only what
    it lists (the uncited factors and the strategies without actions are the `codes`)."""
    uncited, without_actions, unattached = [], [], []
    if codes:
        order = {kind: n for n, kind in enumerate(DISPLAY_ORDER)}
        uncited = sorted(
            Factor.objects.filter(study=study, citations__isnull=True),
            key=lambda f: (order[f.kind], f.number),
        )
        without_actions = sorted(
            Strategy.objects.filter(study=study, action_links__isnull=True),
            key=lambda s: (QUADRANT_ORDER.index(s.quadrant), s.number),
        )
    if actions:
        unattached = list(Action.objects.filter(study=study, links__isnull=True).order_by("pk"))
    return Gaps(uncited, without_actions, unattached)
