"""Restoring an earlier wording of a factor, strategy or action from the History page: written
back as a new change, listed as a restore; refused if the item changed since the page was read;
offered to analysts only."""

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action
from swot.models import Factor
from tests.audit.reading import entries, flash, history, restore_wording, text_of
from tests.factories import StudyFactory
from tests.helpers import analyst_user, factor, strategy

pytestmark = pytest.mark.django_db


def edit(client, view: str, item, **fields) -> None:
    response = client.post(reverse(view, args=[item.pk]), {"text": item.text, **fields})
    assert response.status_code == 302


def line(client, study, changes: str) -> dict:
    """The History's line whose before → after reads `changes`."""
    listed = history(client, study)
    found = [e for e in listed if e["changes"] == changes]
    assert len(found) == 1, [e["changes"] for e in listed]
    return found[0]


def test_an_earlier_text_of_a_factor_comes_back_as_a_new_change(analyst, study):
    s4 = factor(study, "S4")
    edit(analyst, "factor-edit", s4, text="Shrine tourism")
    edit(analyst, "factor-edit", s4, text="Shrine and health tourism")
    first = line(analyst, study, "Text : S4 text → Shrine tourism")
    rows = s4.history.count()

    response = restore_wording(analyst, study, first)

    assert response.status_code == 302
    s4.refresh_from_db()
    assert s4.text == "S4 text"
    assert s4.history.count() == rows + 1
    page = analyst.get(response.url)
    assert flash(page) == ["Factor S4 reads as before again: its earlier wording is restored."]
    newest = entries(page)[0]
    assert newest["what"] == "Factor S4: an earlier wording restored"
    assert newest["changes"] == "Text : Shrine and health tourism → S4 text"
    assert newest["who"] == "Maryam Karimi"
    # Nothing of the history is undone: the two edits are still listed; the one whose earlier
    # wording is the text now offers no restore of it any more, the other still does.
    listed = {e["changes"]: e["wording"] for e in entries(page)[1:3]}
    assert listed == {
        "Text : Shrine tourism → Shrine and health tourism": {
            "wording": str(s4.history.get(text="Shrine tourism").history_id),
            "latest": str(s4.history.latest("history_id").history_id),
        },
        "Text : S4 text → Shrine tourism": {},
    }


def test_a_strategys_text_and_note_come_back_together(analyst, study):
    so1 = strategy(study, "SO1")
    assert (so1.text, so1.note) == ("Grow", "")
    edit(analyst, "strategy-edit", so1, text="Grow widely", note="See the annex")
    changed = line(analyst, study, "Note : — → See the annex Text : Grow → Grow widely")

    restore_wording(analyst, study, changed)

    so1.refresh_from_db()
    assert (so1.text, so1.note) == ("Grow", "")


def test_an_actions_earlier_text_comes_back_in_every_program(analyst, study):
    summit = Action.objects.get(study=study, text="Hold a summit")
    edit(analyst, "action-edit", summit, text="Hold a yearly summit")

    restore_wording(
        analyst, study, line(analyst, study, "Text : Hold a summit → Hold a yearly summit")
    )

    summit.refresh_from_db()
    assert summit.text == "Hold a summit"
    assert [link.action.text for link in summit.links.all()] == ["Hold a summit"]


def test_a_loaded_factors_wording_from_the_file_can_be_restored(analyst, mashhad):
    s1 = factor(mashhad, "S1")
    original = s1.text
    edit(analyst, "factor-edit", s1, text="Edited")

    restore_wording(analyst, mashhad, line(analyst, mashhad, f"متن : {original} ← Edited"))

    s1.refresh_from_db()
    assert s1.text == original
    assert history(analyst, mashhad)[0]["what"] == "عامل S1: متن پیشین بازگردانده شد"


def test_a_restore_over_a_change_made_since_the_page_was_read_is_refused(analyst, study):
    s4 = factor(study, "S4")
    edit(analyst, "factor-edit", s4, text="Shrine tourism")
    shown = line(analyst, study, "Text : S4 text → Shrine tourism")
    s4.refresh_from_db()
    edit(analyst, "factor-edit", s4, text="Someone else's wording")  # e.g. in another tab
    rows = s4.history.count()

    response = restore_wording(analyst, study, shown)

    assert response.status_code == 409
    assert "Factor S4 was changed after this page was shown: nothing was restored." in text_of(
        response.content.decode()
    )
    s4.refresh_from_db()
    assert s4.text == "Someone else's wording"
    assert s4.history.count() == rows
    # The page shown with the refusal lists the newer change, offering its own restore.
    assert entries(response, 409)[0]["changes"] == "Text : Shrine tourism → Someone else's wording"


def test_an_edit_form_opened_before_the_restore_is_stale_after_it(analyst, study):
    s4 = factor(study, "S4")
    edit(analyst, "factor-edit", s4, text="Shrine tourism")
    s4.refresh_from_db()
    opened_on = s4.version
    restore_wording(analyst, study, line(analyst, study, "Text : S4 text → Shrine tourism"))

    late = analyst.post(
        reverse("factor-edit", args=[s4.pk]), {"text": "Typed meanwhile", "version": opened_on}
    )

    assert late.status_code == 200  # the form again, beside what is there now
    s4.refresh_from_db()
    assert s4.text == "S4 text"


def test_council_members_are_offered_no_restore_and_refused_one(reader, study):
    s4 = factor(study, "S4")
    analyst = Client()
    analyst.force_login(analyst_user())
    analyst.cookies["django_language"] = "en"
    edit(analyst, "factor-edit", s4, text="Shrine tourism")
    offered = line(analyst, study, "Text : S4 text → Shrine tourism")

    assert line(reader, study, "Text : S4 text → Shrine tourism")["wording"] == {}
    assert restore_wording(reader, study, offered).status_code == 403
    s4.refresh_from_db()
    assert s4.text == "Shrine tourism"


def test_no_restore_is_offered_for_a_move_a_deleted_item_or_the_wording_it_has_now(analyst, study):
    s4, s5 = factor(study, "S4"), factor(study, "S5")
    edit(analyst, "factor-edit", s4, text="Shrine tourism")
    s4.refresh_from_db()
    edit(analyst, "factor-edit", s4, text="S4 text")  # back by hand: it reads so now
    edit(analyst, "factor-edit", s5, text="Health tourism")
    analyst.post(reverse("factor-delete", args=[s5.pk]))
    analyst.post(reverse("factor-move", args=[factor(study, "S3").pk]), {"direction": "down"})

    offered = [(e["what"], e["changes"]) for e in history(analyst, study) if e["wording"]]

    assert offered == [("Factor S4 changed", "Text : Shrine tourism → S4 text")]


def test_a_wording_the_item_has_now_or_of_a_deleted_item_is_refused(analyst, study):
    s4, s5 = factor(study, "S4"), factor(study, "S5")
    edit(analyst, "factor-edit", s4, text="Shrine tourism")
    s4.refresh_from_db()
    edit(analyst, "factor-edit", s4, text="S4 text")
    edit(analyst, "factor-edit", s5, text="Health tourism")
    first_of_s4 = s4.history.get(history_type="+")
    first_of_s5 = s5.history.get(history_type="+")
    analyst.post(reverse("factor-delete", args=[s5.pk]))
    url = reverse("study-history-restore", args=[study.slug])

    def post(row, item_pk):
        latest = Factor.history.filter(id=item_pk).latest("history_id").history_id
        return analyst.post(url, {"model": "factor", "wording": row.history_id, "latest": latest})

    same = post(first_of_s4, s4.pk)
    gone = post(first_of_s5, s5.pk)

    assert same.status_code == gone.status_code == 409
    assert "Factor S4 already reads so: nothing was restored." in text_of(same.content.decode())
    assert "Factor S5 no longer exists: nothing was restored." in text_of(gone.content.decode())


def test_only_a_wording_of_this_studys_items_is_restored(analyst, study):
    other = StudyFactory(slug="other")
    s4 = factor(study, "S4")
    added = s4.history.get(history_type="+")
    latest = str(added.history_id)
    for where, post in [
        (other.slug, {"model": "factor", "wording": added.history_id, "latest": latest}),
        (study.slug, {"model": "citation", "wording": 1, "latest": latest}),
        (study.slug, {"model": "factor", "wording": "x", "latest": latest}),
    ]:
        url = reverse("study-history-restore", args=[where])
        assert analyst.post(url, post).status_code == 404, post
    assert factor(study, "S4").text == "S4 text"
