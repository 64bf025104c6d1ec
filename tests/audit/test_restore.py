"""Restoring deleted factors, strategies and actions from the History page, with their
citations and action links."""

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action, ActionLink
from editor.matrix import load_strategy
from strategies.models import Citation
from swot.models import Factor
from tests.audit.reading import deletion, entries, flash, history, restore, text_of
from tests.factories import (
    ActionFactory,
    ActionLinkFactory,
    StudyFactory,
)
from tests.helpers import analyst_user, factor, strategy

pytestmark = pytest.mark.django_db


def codes(study, kind) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in study.factors.filter(kind=kind).order_by("number")]


def cited(study, code) -> str:
    return load_strategy(strategy(study, code).pk).compact


def program(study, code) -> list[str]:
    return [link.action.text for link in load_strategy(strategy(study, code).pk).links]


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
    assert "Factor S4 exists again: it has already been restored." in text_of(
        again.content.decode()
    )
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

    restore(analyst, mashhad, deletion(analyst, mashhad, "عامل S3 حذف شد"))

    assert sorted(s.code for s in factor(mashhad, "S3").strategies.all()) == citing
    assert factor(mashhad, "S3").text == s3.text
