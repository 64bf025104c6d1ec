"""A study's History page: every change listed (who, when, what, before → after), and deleted
factors, strategies and actions restored with their citations and action links."""

import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, ActionLink
from editor.matrix import load_strategy
from strategies.models import Citation, Strategy
from swot.models import Factor, Study

from .factories import (
    ActionFactory,
    ActionLinkFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def analyst_user(**names):
    user = UserFactory(**names)
    user.user_permissions.add(Permission.objects.get(codename="change_factor"))
    return user


@pytest.fixture
def analyst(client):
    """An analyst reading the app in English."""
    client.force_login(analyst_user(first_name="Maryam", last_name="Karimi"))
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def reader(client):
    client.force_login(UserFactory(username="councillor"))
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def study():
    """S1–S5, O1–O2, W1, T1; SO1 cites S4, S5, O1 and ST1 cites S4, T1; SO1 has two actions.

    An English study: its History page reads in English."""
    study = StudyFactory(slug="small", language=Study.Language.ENGLISH)
    for kind, count in [("S", 5), ("O", 2), ("W", 1), ("T", 1)]:
        for n in range(1, count + 1):
            FactorFactory(study=study, kind=kind, number=n, text=f"{kind}{n} text")
    so1 = StrategyFactory(study=study, quadrant="SO", number=1, text="Grow")
    StrategyFactory(study=study, quadrant="SO", number=2, text="Expand")
    st1 = StrategyFactory(study=study, quadrant="ST", number=1, text="Guard")
    for strategy, codes in [(so1, ["S4", "S5", "O1"]), (st1, ["S4", "T1"])]:
        for code in codes:
            Citation.objects.create(strategy=strategy, factor=factor(study, code))
    summit = ActionFactory(study=study, text="Hold a summit")
    office = ActionFactory(study=study, text="Open an office")
    ActionLinkFactory(strategy=so1, action=summit, position=1)
    ActionLinkFactory(strategy=so1, action=office, position=2)
    return study


def factor(study, code) -> Factor:
    return study.factors.get(kind=code[0], number=int(code[1:]))


def strategy(study, code) -> Strategy:
    return study.strategies.get(quadrant=code[:2], number=int(code[2:]))


def codes(study, kind) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in study.factors.filter(kind=kind).order_by("number")]


def cited(study, code) -> str:
    return load_strategy(strategy(study, code).pk).compact


def program(study, code) -> list[str]:
    return [link.action.text for link in load_strategy(strategy(study, code).pk).links]


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def entries(response) -> list[dict]:
    """The History page's rows, newest first: when, who, what, changes, restore button."""
    assert response.status_code == 200, response.status_code
    rows = re.findall(
        r'<tr id="change-(\w+)-(\d+)"[^>]*>\s*<td>(.*?)</td>\s*<td class="who">(.*?)</td>'
        r'\s*<td class="what">(.*?)</td>\s*<td class="changes">(.*?)</td>',
        response.content.decode(),
        flags=re.S,
    )
    return [
        {
            "model": model,
            "history_id": int(history_id),
            "when": text_of(when),
            "who": text_of(who),
            "what": text_of(re.split(r"<span class=\"note\">|<form", what)[0]),
            "note": text_of("".join(re.findall(r'<span class="note">(.*?)</span>', what))),
            "changes": text_of(changes),
            "restore": 'name="history_id"' in what,
        }
        for model, history_id, when, who, what, changes in rows
    ]


def history(client, study, **params) -> list[dict]:
    return entries(client.get(reverse("study-history", args=[study.slug]), params))


def deletion(client, study, what: str) -> dict:
    """The row of a deletion, which must be offered for restoring."""
    (row,) = [e for e in history(client, study) if e["what"] == what]
    assert row["restore"]
    return row


def restore(client, study, row):
    url = reverse("study-history-restore", args=[study.slug])
    return client.post(url, {"model": row["model"], "history_id": row["history_id"]})


def flash(response) -> list[str]:
    return [
        text_of(m)
        for m in re.findall(r'<p class="flash" role="status">(.*?)</p>', response.content.decode())
    ]


# What the page lists -----------------------------------------------------------------------


def test_edits_through_the_editor_are_listed_newest_first_with_author_and_before_after(
    analyst, study
):
    s4, o2 = factor(study, "S4"), factor(study, "O2")
    so2 = strategy(study, "SO2")
    office = ActionLink.objects.get(action__text="Open an office")
    edited = analyst.post(reverse("factor-edit", args=[s4.pk]), {"text": "Shrine tourism"})
    cited_o2 = analyst.post(reverse("strategy-cite", args=[so2.pk]), {"factor": o2.pk})
    detached = analyst.post(reverse("link-detach", args=[office.pk]))
    assert [r.status_code for r in (edited, cited_o2, detached)] == [302, 302, 302]

    listed = history(analyst, study)

    assert [e["what"] for e in listed[:3]] == [
        "Action “Open an office” detached from SO1",
        "SO2 now cites O2",
        "Factor S4 changed",
    ]
    assert {e["who"] for e in listed[:3]} == {"Maryam Karimi"}
    assert listed[2]["changes"] == "Text : S4 text → Shrine tourism"
    # The fixture's rows were written outside a request: no author.
    assert listed[-1]["what"] == "Study created"
    assert listed[-1]["who"] == "—"


def test_moving_a_factor_records_the_new_code_of_both_factors_it_swaps(analyst, study):
    s5 = factor(study, "S5")
    moved = analyst.post(reverse("factor-move", args=[s5.pk]), {"direction": "up"})
    assert moved.status_code == 302

    listed = history(analyst, study)[:2]

    assert sorted((e["what"], e["changes"]) for e in listed) == [
        ("Factor S4 changed", "Number : 5 → 4"),
        ("Factor S5 changed", "Number : 4 → 5"),
    ]
    assert {e["who"] for e in listed} == {"Maryam Karimi"}


def test_deleting_a_factor_records_the_codes_of_those_after_it(analyst, study):
    s2 = factor(study, "S2")
    assert analyst.post(reverse("factor-delete", args=[s2.pk])).status_code == 302

    listed = history(analyst, study)[:4]

    assert sorted((e["what"], e["changes"]) for e in listed) == [
        ("Factor S2 changed", "Number : 3 → 2"),
        ("Factor S2 deleted", "Text : S2 text → —"),
        ("Factor S3 changed", "Number : 4 → 3"),
        ("Factor S4 changed", "Number : 5 → 4"),
    ]


def test_moving_an_action_in_a_program_records_both_positions(analyst, study):
    summit = ActionLink.objects.get(action__text="Hold a summit")
    moved = analyst.post(reverse("link-move", args=[summit.pk]), {"direction": "down"})
    assert moved.status_code == 302

    listed = history(analyst, study)[:2]

    assert sorted((e["what"], e["changes"]) for e in listed) == [
        ("Action “Hold a summit” moved in SO1", "Position : 1 → 2"),
        ("Action “Open an office” moved in SO1", "Position : 2 → 1"),
    ]


def test_the_history_page_is_linked_from_the_study_page(analyst, study):
    page = analyst.get(reverse("study", args=[study.slug])).content.decode()
    assert f'href="{reverse("study-history", args=[study.slug])}"' in page


def test_a_save_without_a_version_records_the_version_the_database_stored(analyst, study):
    """save_unless_stale saves `version = F("version") + 1` when the form has no version."""
    s1 = factor(study, "S1")
    analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "New"})
    assert analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "Newer"}).status_code == 302
    assert [r.version for r in s1.history.order_by("history_id")] == [1, 2, 3]


def test_a_deleted_strategys_citations_and_action_links_stay_listed(analyst, study):
    analyst.post(reverse("strategy-delete", args=[strategy(study, "SO1").pk]))

    listed = [e["what"] for e in history(analyst, study)]

    assert listed[:2] == ["Strategy SO1 changed", "Strategy SO1 deleted"]  # SO2 became SO1
    assert set(listed[2:7]) == {
        "SO1 no longer cites S4",
        "SO1 no longer cites S5",
        "SO1 no longer cites O1",
        "Action “Hold a summit” detached from SO1",
        "Action “Open an office” detached from SO1",
    }
    # Their creation too, found through the deleted strategy's own history.
    assert {"SO1 now cites S4", "Action “Hold a summit” attached to SO1"} <= set(listed)


def test_a_row_names_items_by_the_codes_recorded_then_not_by_todays(analyst, study):
    """Deleting S4 renumbers S5 to S4: the row of its citation still says S5."""
    so2, s5 = strategy(study, "SO2"), factor(study, "S5")
    analyst.post(reverse("strategy-cite", args=[so2.pk]), {"factor": s5.pk})
    analyst.post(reverse("factor-delete", args=[factor(study, "S4").pk]))
    assert factor(study, "S4").pk == s5.pk

    listed = [e["what"] for e in history(analyst, study)]

    assert listed[:2] == ["Factor S4 changed", "Factor S4 deleted"]  # S5 became S4
    assert set(listed[2:4]) == {"SO1 no longer cites S4", "ST1 no longer cites S4"}
    assert listed[4] == "SO2 now cites S5"


def test_items_loaded_from_a_study_file_have_no_creation_row_and_still_list(analyst, mashhad):
    s1 = factor(mashhad, "S1")
    assert not s1.history.exists()
    analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "Edited"})

    listed = history(analyst, mashhad)

    # Mashhad is a Persian study: its history reads in Persian, right to left.
    assert listed[0]["what"] == "عامل S۱ تغییر کرد"
    # No row before it: the values as saved, and a note saying so.
    assert listed[0]["changes"] == "متن : — ← Edited"
    assert listed[0]["note"] == "نسخهٔ پیشینی ثبت نشده است: مقدارها همان‌گونه که ذخیره شدند."


def test_a_persian_studys_history_is_persian_and_right_to_left_in_english_menus(analyst, study):
    study.language = Study.Language.PERSIAN
    study.save()
    analyst.post(reverse("factor-edit", args=[factor(study, "S4").pk]), {"text": "زیارت"})

    response = analyst.get(reverse("study-history", args=[study.slug]))
    page = response.content.decode()

    assert '<html lang="en" dir="ltr">' in page  # the menus: the analyst's choice
    assert '<div class="study history" lang="fa" dir="rtl">' in page
    first = entries(response)[0]
    assert first["what"] == "عامل S۴ تغییر کرد"
    assert re.fullmatch(r"[۰-۹]{4}-[۰-۹]{2}-[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}", first["when"])
    assert first["changes"] == "متن : S4 text ← زیارت"  # texts as typed, codes in Persian digits
    assert "تاریخچهٔ تغییرات" in page


def test_an_english_studys_history_is_english_and_left_to_right_in_persian_menus(client, study):
    client.force_login(analyst_user())  # no language cookie: Persian menus
    client.post(reverse("factor-edit", args=[factor(study, "S4").pk]), {"text": "Shrine"})

    response = client.get(reverse("study-history", args=[study.slug]))
    page = response.content.decode()

    assert '<html lang="fa" dir="rtl">' in page
    assert '<div class="study history" lang="en" dir="ltr">' in page
    assert "Change history" in page
    first = entries(response)[0]
    assert first["what"] == "Factor S4 changed"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", first["when"])


def test_the_page_needs_a_login_and_a_known_study(client, analyst, study):
    assert analyst.get(reverse("study-history", args=["no-such-study"])).status_code == 404
    client.logout()
    response = client.get(reverse("study-history", args=[study.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Query count -------------------------------------------------------------------------------


def one_round_of_changes(study, n: int) -> None:
    """A change of every kind: study, factor, strategy, citation, action, action link."""
    study.subject = f"Subject {n}"
    study.save()
    s1, so2 = factor(study, "S1"), strategy(study, "SO2")
    s1.text = f"S1 text {n}"
    s1.save()
    so2.text = f"Expand {n}"
    so2.save()
    citation = Citation.objects.create(strategy=so2, factor=s1)
    action = ActionFactory(study=study, text=f"Action {n}")
    link = ActionLink.objects.create(strategy=so2, action=action, position=1)
    link.delete()
    citation.delete()
    action.text = f"Action {n}, revised"
    action.save()


def history_queries(client, study, page=1) -> int:
    url = reverse("study-history", args=[study.slug])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page": page})
    assert response.status_code == 200
    return len(queries)


def test_the_page_reads_a_large_history_in_as_many_queries_as_a_small_one(
    analyst, study, django_assert_num_queries
):
    small = small_study("small-two")
    one_round_of_changes(small, 0)
    for n in range(60):  # 9 rows a round: 12 pages
        one_round_of_changes(study, n)
    one_round_of_changes(study, 60)

    expected = history_queries(analyst, small)
    # Session, user, permissions (2), study, count, one page, one per kind of change.
    assert expected == 13
    with django_assert_num_queries(expected):
        large = analyst.get(reverse("study-history", args=[study.slug]))
    assert len(entries(large)) == 50
    assert "Page 1 of 12" in text_of(large.content.decode())
    assert history_queries(analyst, study, page=7) == expected


def small_study(slug: str) -> Study:
    """S1, O1, SO1, SO2: enough for one_round_of_changes."""
    study = StudyFactory(slug=slug)
    for kind in "SO":
        FactorFactory(study=study, kind=kind, number=1)
    StrategyFactory(study=study, quadrant="SO", number=1)
    StrategyFactory(study=study, quadrant="SO", number=2)
    return study


def test_the_pages_together_list_every_change_of_the_study_once_and_no_other(analyst, study):
    other = small_study("other")
    for n in range(10):  # 9 rows a round
        one_round_of_changes(study, n)
        one_round_of_changes(other, n)
    strategy_ids = list(Strategy.history.filter(study_id=study.pk).values_list("id", flat=True))
    ours = [
        Study.history.filter(id=study.pk),
        Factor.history.filter(study_id=study.pk),
        Strategy.history.filter(study_id=study.pk),
        Citation.history.filter(strategy_id__in=strategy_ids),
        Action.history.filter(study_id=study.pk),
        ActionLink.history.filter(strategy_id__in=strategy_ids),
    ]
    total = sum(rows.count() for rows in ours)
    assert 2 * 50 < total <= 3 * 50

    url = reverse("study-history", args=[study.slug])
    seen = []
    for page in (1, 2, 3):
        seen += [(e["model"], e["history_id"]) for e in entries(analyst.get(url, {"page": page}))]

    assert len(seen) == len(set(seen)) == total
    assert {(rows.model.__name__, r.history_id) for rows in ours for r in rows} == {
        (f"Historical{MODELS[model]}", history_id) for model, history_id in seen
    }


MODELS = {
    "study": "Study",
    "factor": "Factor",
    "strategy": "Strategy",
    "citation": "Citation",
    "action": "Action",
    "link": "ActionLink",
}


# Restoring ---------------------------------------------------------------------------------


def test_a_restored_factor_takes_back_its_number_and_the_citations_it_had_when_deleted(
    analyst, study
):
    st1, s4 = strategy(study, "ST1"), factor(study, "S4")
    analyst.post(reverse("strategy-cite", args=[st1.pk]), {"factor": s4.pk})  # removed by hand
    analyst.post(reverse("factor-delete", args=[s4.pk]))
    assert codes(study, "S")[3:] == [("S4", "S5 text")]
    assert cited(study, "SO1") == "S4 O1"

    row = deletion(analyst, study, "Factor S4 deleted")
    response = restore(analyst, study, row)

    assert response.status_code == 302
    assert codes(study, "S") == [(f"S{n}", f"S{n} text") for n in range(1, 6)]
    assert cited(study, "SO1") == "S4,5 O1"
    assert cited(study, "ST1") == "T1"  # removed before the deletion: stays removed
    page = analyst.get(response.url)
    assert flash(page) == ["Factor S4 restored. 1 citation is back."]
    listed = entries(page)
    assert [e["what"] for e in listed[:2]] == ["SO1 now cites S4", "Factor S4 restored"]
    assert {e["who"] for e in listed[:2]} == {"Maryam Karimi"}
    (deleted,) = [e for e in listed if e["what"] == "Factor S4 deleted"]
    assert not deleted["restore"]
    assert deleted["note"] == "Restored since."


def test_restored_factors_go_back_in_order_whatever_order_they_are_restored_in(analyst, study):
    analyst.post(reverse("factor-delete", args=[factor(study, "S5").pk]))
    analyst.post(reverse("factor-delete", args=[factor(study, "S4").pk]))
    assert len(codes(study, "S")) == 3

    restore(analyst, study, deletion(analyst, study, "Factor S5 deleted"))
    assert codes(study, "S")[3:] == [("S4", "S5 text")]  # its number is past the end: clamped
    restore(analyst, study, deletion(analyst, study, "Factor S4 deleted"))

    assert codes(study, "S") == [(f"S{n}", f"S{n} text") for n in range(1, 6)]
    assert cited(study, "SO1") == "S4,5 O1"
    assert cited(study, "ST1") == "S4 T1"


def test_a_restored_strategy_takes_back_its_number_citations_and_action_program(analyst, study):
    analyst.post(reverse("strategy-delete", args=[strategy(study, "SO1").pk]))
    assert strategy(study, "SO1").text == "Expand"
    analyst.post(reverse("factor-delete", args=[factor(study, "O1").pk]))  # one end gone

    response = restore(analyst, study, deletion(analyst, study, "Strategy SO1 deleted"))

    assert [s.text for s in study.strategies.filter(quadrant="SO").order_by("number")] == [
        "Grow",
        "Expand",
    ]
    assert cited(study, "SO1") == "S4,5"
    assert program(study, "SO1") == ["Hold a summit", "Open an office"]
    assert flash(analyst.get(response.url)) == [
        "Strategy SO1 restored. 2 citations are back. 2 action links are back. "
        "1 citation or link stays deleted: what it linked to no longer exists."
    ]


def test_a_restored_action_goes_back_to_its_place_in_every_program(analyst, study):
    so1, st1 = strategy(study, "SO1"), strategy(study, "ST1")
    summit = Action.objects.get(text="Hold a summit")
    train, sign = (
        ActionFactory(study=study, text="Train staff"),
        ActionFactory(study=study, text="Sign"),
    )
    for position, action in enumerate([train, summit, sign], start=1):
        ActionLinkFactory(strategy=st1, action=action, position=position)
    summit.delete()  # e.g. in the admin: its links go with it
    analyst.post(reverse("link-detach", args=[ActionLink.objects.get(action__text="Sign").pk]))

    restore(analyst, study, deletion(analyst, study, "Action “Hold a summit” deleted"))

    assert program(study, "SO1") == ["Hold a summit", "Open an office"]
    assert program(study, "ST1") == ["Train staff", "Hold a summit"]
    restored = Action.objects.get(text="Hold a summit")
    assert set(restored.strategies.all()) == {so1, st1}


def test_restoring_needs_the_edit_permission_and_restores_nothing_without_it(reader, study):
    s4 = factor(study, "S4")
    analyst = Client()
    analyst.force_login(analyst_user())
    analyst.cookies["django_language"] = "en"
    analyst.post(reverse("factor-delete", args=[s4.pk]))
    row = deletion(analyst, study, "Factor S4 deleted")

    (listed,) = [e for e in history(reader, study) if e["what"] == "Factor S4 deleted"]
    assert not listed["restore"]  # a reader is offered no button
    assert restore(reader, study, row).status_code == 403
    assert not Factor.objects.filter(pk=s4.pk).exists()
    assert len(codes(study, "S")) == 4


def test_restoring_twice_is_refused_and_changes_nothing(analyst, study):
    analyst.post(reverse("factor-delete", args=[factor(study, "S4").pk]))
    row = deletion(analyst, study, "Factor S4 deleted")
    assert restore(analyst, study, row).status_code == 302
    rows_before = Factor.history.count() + Citation.history.count()

    again = restore(analyst, study, row)

    assert again.status_code == 409
    assert "Factor S4 exists again: it has already been restored." in again.content.decode()
    assert codes(study, "S") == [(f"S{n}", f"S{n} text") for n in range(1, 6)]
    assert Factor.history.count() + Citation.history.count() == rows_before


def test_an_older_deletion_of_an_item_deleted_again_is_not_restored(analyst, study):
    analyst.post(reverse("factor-delete", args=[factor(study, "S4").pk]))
    first = deletion(analyst, study, "Factor S4 deleted")
    restore(analyst, study, first)
    analyst.post(reverse("factor-delete", args=[factor(study, "S4").pk]))

    response = restore(analyst, study, first)

    assert response.status_code == 409
    assert "restore it from its latest deletion" in response.content.decode()
    assert len(codes(study, "S")) == 4


def test_only_deletions_of_this_study_can_be_restored(analyst, study):
    added = factor(study, "S1").history.get(history_type="+")
    other = StudyFactory(slug="other")
    url = reverse("study-history-restore", args=[study.slug])
    assert analyst.post(url, {"model": "factor", "history_id": added.history_id}).status_code == 409
    elsewhere = reverse("study-history-restore", args=[other.slug])
    for where, post in [
        (elsewhere, {"model": "factor", "history_id": added.history_id}),  # not that study's
        (url, {"model": "citation", "history_id": 1}),  # restored only with their ends
        (url, {"model": "factor", "history_id": "x"}),
        (url, {}),
    ]:
        assert analyst.post(where, post).status_code == 404, post
    assert analyst.get(url).status_code == 405
    assert codes(study, "S")[0] == ("S1", "S1 text")


def test_a_loaded_factor_is_restored_with_its_loaded_citations(analyst, mashhad):
    s3 = factor(mashhad, "S3")
    citing = sorted(s.code for s in s3.strategies.all())
    assert citing
    analyst.post(reverse("factor-delete", args=[s3.pk]))

    restore(analyst, mashhad, deletion(analyst, mashhad, "عامل S۳ حذف شد"))

    assert sorted(s.code for s in factor(mashhad, "S3").strategies.all()) == citing
    assert factor(mashhad, "S3").text == s3.text
