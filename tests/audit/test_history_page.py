"""A study's History page: every change listed (who, when, what, before → after), in the
study's language, in a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, ActionLink
from strategies.models import Citation, Strategy
from swot.models import Factor, Study
from tests.audit.reading import entries, history, text_of
from tests.factories import (
    ActionFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
)
from tests.helpers import analyst_user, factor, strategy

pytestmark = pytest.mark.django_db


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


def test_the_first_edit_of_a_loaded_factor_shows_its_wording_from_the_file(analyst, mashhad):
    s1 = factor(mashhad, "S1")
    assert s1.text.startswith("موقعیت مذهبی و جایگاه ویژه شهر مشهد")  # as in the study file
    assert history(analyst, mashhad)[0]["what"] == "مطالعه ساخته شد"  # the load: one line
    analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "Edited"})

    listed = history(analyst, mashhad)

    # Mashhad is a Persian study: its history reads in Persian, right to left.
    assert listed[0]["what"] == "عامل S1 تغییر کرد"
    assert listed[0]["changes"] == f"متن : {s1.text} ← Edited"
    assert listed[0]["note"] == ""
    # The load's own rows (its items' creation) are not listed, only the study's.
    assert [e["what"] for e in listed[1:]] == ["مطالعه ساخته شد"]


def test_items_loaded_before_their_creation_was_recorded_show_the_values_as_saved(analyst, mashhad):
    s1 = factor(mashhad, "S1")
    Factor.history.filter(id=s1.pk).delete()  # as a load before the loader recorded them
    analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "Edited"})

    listed = history(analyst, mashhad)

    assert listed[0]["what"] == "عامل S1 تغییر کرد"
    # No row before it: the values as saved, and a note saying so.
    assert listed[0]["changes"] == "متن : — ← Edited"
    assert listed[0]["note"] == "نسخهٔ پیشینی ثبت نشده است: مقدارها همان‌گونه که ذخیره شدند."
    assert not listed[0]["wording"]  # no earlier wording to restore


def test_a_persian_studys_history_is_persian_and_right_to_left_in_english_menus(analyst, study):
    study.language = Study.Language.PERSIAN
    study.save()
    analyst.post(reverse("factor-edit", args=[factor(study, "S4").pk]), {"text": "زیارت"})

    response = analyst.get(reverse("study-history", args=[study.slug]))
    page = response.content.decode()

    assert '<html lang="en" dir="ltr">' in page  # the menus: the analyst's choice
    assert '<div class="study history" lang="fa" dir="rtl">' in page
    first = entries(response)[0]
    assert first["what"] == "عامل S4 تغییر کرد"
    assert re.fullmatch(r"[۰-۹]{1,2} [آ-ی]+ [۰-۹]{4}، [۰-۹]{2}:[۰-۹]{2}", first["when"])
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
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", first["when"])


def test_the_page_needs_a_login_and_a_known_study(client, analyst, study):
    assert analyst.get(reverse("study-history", args=["no-such-study"])).status_code == 404
    client.logout()
    response = client.get(reverse("study-history", args=[study.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


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
