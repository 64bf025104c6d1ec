"""Analysts changing one study at the same moment: every write lands, codes stay 1..n.

Each race sends 2 or 8 requests through the views at once, from as many threads, each with
its own database connection and its own logged-in analyst, released together by a barrier.
Without the study's lock (swot/locks.py) they collide on the unique numbers and links (a 500
and a lost text) or deadlock while renumbering. The races run on PostgreSQL only: SQLite
runs one writer at a time whatever we do, so there is nothing there to race. What an analyst
sees if an add collides all the same runs on both.
"""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection
from django.test import Client
from django.urls import reverse

from actions.models import Action, ActionLink
from strategies.models import Citation, Strategy
from swot.models import Factor, Study
from tests.factories import ActionFactory, ActionLinkFactory, FactorFactory, StrategyFactory
from tests.helpers import HX, analyst_user, factor, small_matrix_study, strategy


def race(test):
    """A race between 2 and between 8 analysts, on PostgreSQL."""
    test = pytest.mark.parametrize("analysts", [2, 8])(test)
    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need concurrent writers: PostgreSQL only (SQLite has one writer at a time)",
    )(test)


@pytest.fixture
def study(transactional_db, settings) -> Study:
    """The small study (tests/helpers.py), committed, for the racing threads to see."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # 8 users
    return small_matrix_study(Study.Language.ENGLISH)


def clients(n: int) -> list[Client]:
    """`n` analysts, each logged in on a client of their own."""
    logged_in = []
    for _ in range(n):
        client = Client()
        client.force_login(analyst_user())
        logged_in.append(client)
    return logged_in


def at_once(requests) -> list:
    """Run each `request()` in a thread of its own, all released together; each result is
    the response, or the exception the request raised."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = requests[i]()
        except Exception as exc:  # noqa: BLE001 -- reported by the test, not lost in a thread
            results[i] = exc
        finally:
            connection.close()  # the thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def post(client: Client, url: str, data: dict | None = None):
    return lambda: client.post(url, data or {}, headers=HX)


def statuses(results) -> list:
    return [getattr(r, "status_code", repr(r)) for r in results]


def numbers(rows, field: str = "number") -> list[int]:
    return sorted(rows.values_list(field, flat=True))


@race
def test_analysts_adding_factors_at_once_each_get_theirs_numbered_in_turn(study, analysts):
    url = reverse("factor-add", args=[study.slug, "S"])
    texts = [f"Strength from analyst {i}" for i in range(analysts)]
    results = at_once(
        [post(c, url, {"text": t}) for c, t in zip(clients(analysts), texts, strict=True)]
    )

    assert statuses(results) == [200] * analysts
    strengths = Factor.objects.filter(study=study, kind="S")
    assert set(texts) <= set(strengths.values_list("text", flat=True))
    assert numbers(strengths) == list(range(1, 5 + analysts + 1))


@race
def test_analysts_adding_strategies_at_once_each_get_theirs_numbered_in_turn(study, analysts):
    url = reverse("strategy-add", args=[study.slug, "SO"])
    texts = [f"Strategy from analyst {i}" for i in range(analysts)]
    results = at_once(
        [post(c, url, {"text": t}) for c, t in zip(clients(analysts), texts, strict=True)]
    )

    assert statuses(results) == [200] * analysts
    so = Strategy.objects.filter(study=study, quadrant="SO")
    assert set(texts) <= set(so.values_list("text", flat=True))
    assert numbers(so) == list(range(1, 2 + analysts + 1))


@race
def test_analysts_adding_new_actions_to_one_program_at_once_each_get_a_place(study, analysts):
    so1 = strategy(study, "SO1")
    url = reverse("action-new", args=[so1.pk])
    texts = [f"Action from analyst {i}" for i in range(analysts)]
    results = at_once(
        [post(c, url, {"text": t}) for c, t in zip(clients(analysts), texts, strict=True)]
    )

    assert statuses(results) == [200] * analysts
    program = ActionLink.objects.filter(strategy=so1)
    assert set(texts) <= set(program.values_list("action__text", flat=True))
    assert numbers(program, "position") == list(range(1, 2 + analysts + 1))


@race
def test_analysts_attaching_the_same_action_at_once_attach_it_once(study, analysts):
    so2 = strategy(study, "SO2")
    shared = ActionFactory(study=study, text="Twin the cities")
    url = reverse("action-attach", args=[so2.pk])
    results = at_once([post(c, url, {"action": shared.pk}) for c in clients(analysts)])

    # The first attaches it; the others find it there already and change nothing.
    assert sorted(statuses(results)) == [200] + [204] * (analysts - 1)
    assert list(ActionLink.objects.filter(strategy=so2).values_list("action", "position")) == [
        (shared.pk, 1)
    ]


@race
def test_analysts_toggling_the_same_citation_at_once_take_turns(study, analysts):
    so2, s1 = strategy(study, "SO2"), factor(study, "S1")
    url = reverse("strategy-cite", args=[so2.pk])
    results = at_once([post(c, url, {"factor": s1.pk}) for c in clients(analysts)])

    assert statuses(results) == [200] * analysts
    # Each click turns it over: an even number of clicks leaves it as it was, not cited.
    assert Citation.objects.filter(strategy=so2, factor=s1).count() == analysts % 2


@race
def test_analysts_deleting_factors_of_one_kind_at_once_leave_the_rest_numbered(study, analysts):
    for n in range(6, 6 + analysts):
        FactorFactory(study=study, kind="S", number=n, text=f"S{n} text")
    doomed = [factor(study, f"S{n}") for n in range(2, 2 + analysts)]
    kept = {f"S{n} text" for n in [1, *range(2 + analysts, 6 + analysts)]}
    results = at_once(
        [
            post(c, reverse("factor-delete", args=[f.pk]))
            for c, f in zip(clients(analysts), doomed, strict=True)
        ]
    )

    assert statuses(results) == [200] * analysts
    strengths = Factor.objects.filter(study=study, kind="S")
    assert set(strengths.values_list("text", flat=True)) == kept
    assert numbers(strengths) == list(range(1, len(kept) + 1))


@race
def test_analysts_deleting_strategies_of_one_quadrant_at_once_leave_the_rest_numbered(
    study, analysts
):
    for n in range(3, 3 + analysts):
        StrategyFactory(study=study, quadrant="SO", number=n, text=f"SO{n}")
    doomed = [strategy(study, f"SO{n}") for n in range(2, 2 + analysts)]
    results = at_once(
        [
            post(c, reverse("strategy-delete", args=[s.pk]))
            for c, s in zip(clients(analysts), doomed, strict=True)
        ]
    )

    assert statuses(results) == [200] * analysts
    so = Strategy.objects.filter(study=study, quadrant="SO")
    assert set(so.values_list("text", flat=True)) == {"Grow", f"SO{2 + analysts}"}
    assert numbers(so) == [1, 2]


@race
def test_analysts_moving_and_detaching_in_one_program_at_once_keep_it_numbered(study, analysts):
    so1 = strategy(study, "SO1")
    for position in range(3, 3 + 2 * analysts):
        ActionLinkFactory(
            strategy=so1, action=ActionFactory(study=study, text=f"A{position}"), position=position
        )
    links = list(ActionLink.objects.filter(strategy=so1).order_by("position"))
    # Half of them move an action (up or down), the other half detach another.
    moving, detached = links[: len(links) // 2], links[len(links) // 2 :][:analysts]
    requests = []
    for i, client in enumerate(clients(analysts)):
        if i % 2:
            requests.append(post(client, reverse("link-detach", args=[detached[i].pk])))
        else:
            direction = "up" if i % 4 else "down"
            url = reverse("link-move", args=[moving[i].pk])
            requests.append(post(client, url, {"direction": direction}))
    results = at_once(requests)

    assert statuses(results) == [200] * analysts
    program = ActionLink.objects.filter(strategy=so1)
    gone = {detached[i].pk for i in range(1, analysts, 2)}
    assert set(program.values_list("pk", flat=True)) == {link.pk for link in links} - gone
    assert numbers(program, "position") == list(range(1, len(links) - len(gone) + 1))
    assert Action.objects.filter(study=study).count() == len(links)  # detached, not deleted


@race
def test_analysts_restoring_deleted_factors_at_once_put_each_back_in_place(study, analysts):
    for n in range(6, 6 + analysts):
        FactorFactory(study=study, kind="S", number=n, text=f"S{n} text")
    one = clients(1)[0]
    doomed = [factor(study, f"S{n}") for n in range(2, 2 + analysts)]
    for f in doomed:
        assert one.post(reverse("factor-delete", args=[f.pk]), headers=HX).status_code == 200
    url = reverse("study-history-restore", args=[study.slug])
    deletions = [
        Factor.history.filter(id=f.pk, history_type="-").latest("history_id").history_id
        for f in doomed
    ]
    results = at_once(
        [
            post(c, url, {"model": "factor", "history_id": h})
            for c, h in zip(clients(analysts), deletions, strict=True)
        ]
    )

    assert statuses(results) == [302] * analysts
    # Each returns to its former number as it stands when its turn comes.
    strengths = Factor.objects.filter(study=study, kind="S")
    assert set(strengths.values_list("text", flat=True)) == {
        f"S{n} text" for n in range(1, 6 + analysts)
    }
    assert numbers(strengths) == list(range(1, 6 + analysts))


@race
def test_admins_adding_a_factor_with_the_same_number_at_once_save_it_once(study, analysts):
    url = reverse("admin:swot_factor_add")
    admins = []
    for _ in range(analysts):
        client = Client()
        client.force_login(analyst_user(is_staff=True, is_superuser=True))
        admins.append(client)
    data = {"study": study.pk, "kind": "S", "number": 6, "note": ""}
    # The factor's page also has its IFE/EFE assessment (evaluation/admin.py), left empty.
    data |= {"assessment-TOTAL_FORMS": 0, "assessment-INITIAL_FORMS": 0}
    results = at_once(
        [
            lambda c=c, i=i: c.post(url, {**data, "text": f"S6 by admin {i}"})
            for i, c in enumerate(admins)
        ]
    )

    # The first saves it; the others' forms come back saying the code is taken (not a 500).
    assert sorted(statuses(results)) == [200] * (analysts - 1) + [302]
    assert numbers(Factor.objects.filter(study=study, kind="S")) == [1, 2, 3, 4, 5, 6]


# What an analyst sees when an add collides all the same (on SQLite, a writer that waited past
# its timeout): the form again, with their text and why, and nothing half-written. The next
# number is made to be one already taken, so the database itself refuses the insert.


@pytest.fixture
def calm_study(db) -> Study:
    return small_matrix_study(Study.Language.ENGLISH)


def taken_number(rows, field="number") -> int:
    return 1


@pytest.mark.parametrize(
    ("changes", "url", "form_id", "written"),
    [
        (
            "swot.changes",
            lambda study: reverse("factor-add", args=[study.slug, "S"]),
            lambda study: "add-S",
            lambda study: Factor.objects.filter(study=study, kind="S").count() == 5,
        ),
        (
            "strategies.changes",
            lambda study: reverse("strategy-add", args=[study.slug, "SO"]),
            lambda study: "add-SO",
            lambda study: Strategy.objects.filter(study=study, quadrant="SO").count() == 2,
        ),
        (
            "actions.changes",
            lambda study: reverse("action-new", args=[strategy(study, "SO1").pk]),
            lambda study: f"new-action-{strategy(study, 'SO1').pk}",
            lambda study: Action.objects.filter(study=study).count() == 2,
        ),
    ],
    ids=["factor", "strategy", "action"],
)
def test_an_add_that_collides_comes_back_with_the_text_and_why(
    calm_study, analyst, monkeypatch, changes, url, form_id, written
):
    monkeypatch.setattr(f"{changes}.number_at_end", taken_number)
    text = "متن تحلیلگر that must not be lost"
    response = analyst.post(url(calm_study), {"text": text}, headers=HX)

    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#{form_id(calm_study)}"
    assert text in response.text and 'aria-invalid="true"' in response.text
    assert "دوباره ذخیره کنید" in response.text  # why, in the analyst's language
    assert written(calm_study)  # nothing of it was written, not even the new action alone


def test_a_citation_that_collides_shows_the_chips_as_they_are_and_why(
    calm_study, analyst, monkeypatch
):
    def collide(strategy, factor):
        raise IntegrityError('duplicate key value violates "citation_unique_per_strategy"')

    monkeypatch.setattr("editor.views.strategies.toggle_citation", collide)
    so2, s1 = strategy(calm_study, "SO2"), factor(calm_study, "S1")
    response = analyst.post(reverse("strategy-cite", args=[so2.pk]), {"factor": s1.pk}, headers=HX)

    assert response.status_code == 200
    assert "دوباره امتحان کنید" in response.text  # "try again", in the analyst's language
    assert not Citation.objects.filter(strategy=so2).exists()
