"""The matrix page and each fragment read a study in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, ActionLink
from strategies.models import Citation, Strategy
from swot.models import Factor, Study
from tests.factories import UserFactory
from tests.helpers import HX

pytestmark = pytest.mark.django_db


def generated_study(slug: str, scale: int) -> Study:
    """`scale` factors of each kind, strategies per quadrant citing 3+3 factors, shared actions."""
    study = Study.objects.create(slug=slug, title=slug, city="Tus")
    factors = Factor.objects.bulk_create(
        Factor(study=study, kind=kind, number=n, text=f"{kind}{n}")
        for kind in "SWOT"
        for n in range(1, scale + 1)
    )
    by_kind = {k: [f for f in factors if f.kind == k] for k in "SWOT"}
    strategies = Strategy.objects.bulk_create(
        Strategy(study=study, quadrant=q, number=n, text=f"{q}{n}")
        for q in Strategy.Quadrant.values
        for n in range(1, scale + 1)
    )
    actions = Action.objects.bulk_create(
        Action(study=study, text=f"action {n}") for n in range(2 * scale)
    )
    citations, links = [], []
    for i, strategy in enumerate(strategies):
        for kind in strategy.citable_kinds:
            citations += [Citation(strategy=strategy, factor=f) for f in by_kind[kind][:3]]
        links += [
            ActionLink(strategy=strategy, action=actions[(i + j) % len(actions)], position=j + 1)
            for j in range(3)
        ]
    Citation.objects.bulk_create(citations)
    ActionLink.objects.bulk_create(links)
    return study


def urls(study: Study) -> dict[str, tuple[str, dict]]:
    strategy = study.strategies.order_by("quadrant", "number").first()
    factor = study.factors.order_by("kind", "number").first()
    link = ActionLink.objects.filter(strategy=strategy).first()
    return {
        "page": (reverse("study", args=[study.slug]), {}),
        "gap codes": (reverse("study-gaps", args=[study.slug]) + "?part=codes", HX),
        "unattached actions": (reverse("study-gaps", args=[study.slug]) + "?part=actions", HX),
        "factor list": (reverse("factor-list", args=[study.slug, "S"]), HX),
        "factor item": (reverse("factor-detail", args=[factor.pk]), HX),
        "factor edit form": (reverse("factor-edit", args=[factor.pk]), HX),
        "factor delete confirmation": (reverse("factor-delete", args=[factor.pk]), HX),
        "quadrant": (reverse("quadrant", args=[study.slug, "SO"]), HX),
        "strategy card": (reverse("strategy-detail", args=[strategy.pk]), HX),
        "strategy edit form": (reverse("strategy-edit", args=[strategy.pk]), HX),
        "action search": (reverse("action-search", args=[strategy.pk]) + "?q=action", HX),
        "citations panel": (reverse("strategy-citations", args=[strategy.pk]), HX),
        "program panel": (reverse("strategy-program", args=[strategy.pk]), HX),
        "action at its place": (reverse("link-detail", args=[link.pk]), HX),
    }


def count_queries(client, url: str, headers: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def client_and_studies(client):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    return client, generated_study("small", 3), generated_study("large", 30)


@pytest.mark.parametrize(
    "name",
    [
        "page",
        "gap codes",
        "unattached actions",
        "factor list",
        "factor item",
        "factor edit form",
        "factor delete confirmation",
        "quadrant",
        "strategy card",
        "strategy edit form",
        "action search",
        "citations panel",
        "program panel",
        "action at its place",
    ],
)
def test_queries_do_not_grow_with_the_study(client_and_studies, name, django_assert_num_queries):
    client, small, large = client_and_studies
    url, headers = urls(small)[name]
    client.get(url, headers=headers)  # warm the session and permission caches
    expected = count_queries(client, url, headers)
    large_url, headers = urls(large)[name]
    client.get(large_url, headers=headers)
    with django_assert_num_queries(expected):
        client.get(large_url, headers=headers)
    assert large.strategies.count() == 10 * small.strategies.count()


def test_the_page_reads_the_matrix_in_a_handful_of_queries(client_and_studies):
    client, small, _ = client_and_studies
    url, headers = urls(small)["page"]
    client.get(url)
    # session, user, study, factors, strategies, citations, action links, unattached actions
    assert count_queries(client, url, headers) <= 9


def edits(study: Study) -> dict[str, tuple[str, dict]]:
    """Writes whose answers carry out-of-band updates (citations, ×N, bodies): each reads
    what it changed, never the quadrants around it."""
    first = study.strategies.order_by("quadrant", "number").first()
    cited = study.factors.get(kind="S", number=1)  # cited by every S strategy
    link = ActionLink.objects.filter(strategy=first).first()
    return {
        "factor edit": (reverse("factor-edit", args=[cited.pk]), {"text": "Changed"}),
        "factor move": (reverse("factor-move", args=[cited.pk]), {"direction": "down"}),
        "citation toggle": (reverse("strategy-cite", args=[first.pk]), {"factor": cited.pk}),
        "strategy move": (reverse("strategy-move", args=[first.pk]), {"direction": "down"}),
        "action edit": (
            reverse("action-edit", args=[link.action_id]) + f"?link={link.pk}",
            {"text": "Changed"},
        ),
        "detach": (reverse("link-detach", args=[link.pk]), {}),
        "strategy delete": (reverse("strategy-delete", args=[first.pk]), {}),
    }


@pytest.mark.parametrize(
    "name",
    [
        "factor edit",
        "factor move",
        "citation toggle",
        "strategy move",
        "action edit",
        "detach",
        "strategy delete",
    ],
)
def test_edits_answer_in_queries_that_do_not_grow_with_the_study(client_and_studies, name):
    client, small, large = client_and_studies
    counts = []
    for study in (small, large):
        url, data = edits(study)[name]
        client.get(reverse("study", args=[study.slug]))  # warm the session and permissions
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data, headers=HX)
        assert response.status_code == 200, response.content[:300]
        counts.append(len(queries))
    assert counts[0] == counts[1]
