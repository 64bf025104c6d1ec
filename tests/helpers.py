"""Helpers shared by the test files: users by role, a small study, items by their codes."""

from html.parser import HTMLParser
from pathlib import Path

from django.contrib.auth.models import Permission

from strategies.models import Citation, Strategy
from swot.models import Factor, Study
from tests.factories import (
    ActionFactory,
    ActionLinkFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
    UserFactory,
)

ROOT = Path(__file__).resolve().parent.parent
MASHHAD_FIXTURE = ROOT / "fixtures" / "mashhad-city-diplomacy.yaml"
HX = {"HX-Request": "true"}


def analyst_user(**names):
    """A user who may edit studies (the permission the analyst role carries)."""
    user = UserFactory(**names)
    user.user_permissions.add(Permission.objects.get(codename="change_factor"))
    return user


def small_matrix_study(language: str) -> Study:
    """S1–S5, O1–O2, W1, T1; SO1 cites S4, S5, O1 and ST1 cites S4, T1; SO2 cites nothing;
    SO1 has two actions ("Hold a summit", "Open an office")."""
    study = StudyFactory(slug="small", language=language)
    for kind, count in [("S", 5), ("O", 2), ("W", 1), ("T", 1)]:
        for n in range(1, count + 1):
            FactorFactory(study=study, kind=kind, number=n, text=f"{kind}{n} text")
    so1 = StrategyFactory(study=study, quadrant="SO", number=1, text="Grow")
    StrategyFactory(study=study, quadrant="SO", number=2, text="Expand")
    st1 = StrategyFactory(study=study, quadrant="ST", number=1, text="Guard")
    for cited_by, codes in [(so1, ["S4", "S5", "O1"]), (st1, ["S4", "T1"])]:
        for code in codes:
            Citation.objects.create(strategy=cited_by, factor=factor(study, code))
    summit = ActionFactory(study=study, text="Hold a summit")
    office = ActionFactory(study=study, text="Open an office")
    ActionLinkFactory(strategy=so1, action=summit, position=1)
    ActionLinkFactory(strategy=so1, action=office, position=2)
    return study


def factor(study: Study, code: str) -> Factor:
    return study.factors.get(kind=code[0], number=int(code[1:]))


def strategy(study: Study, code: str) -> Strategy:
    return study.strategies.get(quadrant=code[:2], number=int(code[2:]))


class _Swaps(HTMLParser):
    """Reads a fragment's top-level elements: which carry hx-swap-oob, by id."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.main: list[str] = []
        self.oob: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth == 0:
            (self.oob if "hx-swap-oob" in attrs else self.main).append(attrs.get("id") or tag)
        if tag not in VOID_ELEMENTS:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS:
            self.depth -= 1


VOID_ELEMENTS = {"input", "br", "img", "meta", "link", "hr"}


def swaps(markup: str) -> tuple[list[str], list[str]]:
    """(the ids of a response's top-level elements swapped into its target, the ids of
    those swapped out of band)."""
    parser = _Swaps()
    parser.feed(markup)
    return parser.main, parser.oob
