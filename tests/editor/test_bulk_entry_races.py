"""Analysts confirming several pasted lines into one list at the same moment (PostgreSQL):
each paste lands whole, in its order, one after the other; codes stay 1..n."""

import pytest
from django.urls import reverse

from swot.models import Factor, Study
from tests.helpers import small_matrix_study, strategy
from tests.test_concurrency import at_once, clients, numbers, post, race, statuses


@pytest.fixture
def study(transactional_db, settings) -> Study:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return small_matrix_study(Study.Language.ENGLISH)


def pastes(analysts: int) -> list[list[str]]:
    return [[f"Analyst {i} line {n}" for n in range(1, 4)] for i in range(analysts)]


def runs(texts: list[str]) -> list[list[str]]:
    """`texts` in order cut into runs of one analyst's lines."""
    found = []
    for text in texts:
        who = text.split(" line ")[0]
        if found and found[-1][0].split(" line ")[0] == who:
            found[-1].append(text)
        else:
            found.append([text])
    return found


@race
def test_analysts_confirming_pastes_at_once_each_get_theirs_whole_and_in_order(study, analysts):
    url = reverse("factor-add", args=[study.slug, "S"])
    pasted = pastes(analysts)
    results = at_once(
        [
            post(client, url, {"item": items, "confirm": "1"})
            for client, items in zip(clients(analysts), pasted, strict=True)
        ]
    )

    assert statuses(results) == [200] * analysts
    strengths = Factor.objects.filter(study=study, kind="S")
    assert numbers(strengths) == list(range(1, 5 + 3 * analysts + 1))
    added = list(strengths.filter(number__gt=5).values_list("text", flat=True))
    # One paste's lines never interleave with another's: each transaction took the lock.
    assert sorted(runs(added)) == sorted(pasted)


@race
def test_analysts_confirming_new_actions_at_once_each_get_theirs_whole(study, analysts):
    so1 = strategy(study, "SO1")
    url = reverse("action-new", args=[so1.pk])
    pasted = pastes(analysts)
    results = at_once(
        [
            post(client, url, {"item": items, "confirm": "1"})
            for client, items in zip(clients(analysts), pasted, strict=True)
        ]
    )

    assert statuses(results) == [200] * analysts
    links = so1.action_links.select_related("action")
    assert numbers(links, "position") == list(range(1, 2 + 3 * analysts + 1))
    added = [link.action.text for link in links if link.position > 2]
    assert sorted(runs(added)) == sorted(pasted)
