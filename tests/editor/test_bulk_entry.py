"""Bulk entry: several lines pasted into "Add a factor" or a program's new action, one item
per line, numbering taken off, shown first, then added together or not at all."""

import html
import json
import re

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import actions.changes
from actions.models import Action, ActionLink
from planning.limits import ITEM_TEXT_MAX, PASTE_LINES_MAX
from planning.paste import pasted_lines
from swot.forms import FactorForm
from swot.models import Factor
from tests.helpers import HX, factor, strategy, swaps

pytestmark = pytest.mark.django_db


def add_url(kind: str = "S") -> str:
    return reverse("factor-add", args=["small", kind])


def previewed(response) -> list[str]:
    """The items a preview shows and sends back, in order."""
    return [html.unescape(v) for v in re.findall(r'name="item" value="([^"]*)"', response.text)]


def shown_codes(response) -> list[str]:
    return re.findall(r'<li><span class="code">([^<]+)</span>', response.text)


def texts(study, kind: str) -> list[str]:
    return [f"{f.code}:{f.text}" for f in study.factors.filter(kind=kind)]


@pytest.fixture
def english(analyst):
    analyst.cookies["django_language"] = "en"
    return analyst


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("۱- گردشگری مذهبی", "گردشگری مذهبی"),
        ("۱۲. گردشگری مذهبی", "گردشگری مذهبی"),
        ("٣) گردشگری مذهبی", "گردشگری مذهبی"),  # Arabic-Indic digits
        ("1) Religious tourism", "Religious tourism"),
        ("4: Religious tourism", "Religious tourism"),
        ("S3 Religious tourism", "Religious tourism"),
        ("S3. Religious tourism", "Religious tourism"),
        ("s12- Religious tourism", "Religious tourism"),
        ("- Religious tourism", "Religious tourism"),
        ("• Religious tourism", "Religious tourism"),
        ("Religious tourism", "Religious tourism"),
        # What is not numbering stays: another kind's code, a number that runs on, a year.
        ("O3 Religious tourism", "O3 Religious tourism"),
        ("1.5 million pilgrims", "1.5 million pilgrims"),
        ("2030 vision", "2030 vision"),
        ("-5% growth", "-5% growth"),
        # A line that is only a number is kept as typed, for the analyst to see.
        ("12", "12"),
        ("۱۲.", "۱۲."),
    ],
)
def test_numbering_is_taken_off_each_pasted_line(analyst, study, line, kept):
    response = analyst.post(add_url("S"), {"text": f"{line}\n2. Second line"}, headers=HX)
    assert previewed(response) == [kept, "Second line"]
    assert study.factors.filter(kind="S").count() == 5  # a preview adds nothing


def test_blank_lines_are_skipped_and_each_line_keeps_its_number_for_messages():
    lines = pasted_lines("\n۱- اول\r\n\n  \n2) second\u2028S3 third", "S")
    assert [(line.number, line.text) for line in lines] == [
        (2, "اول"), (5, "second"), (6, "third"),
    ]  # fmt: skip


def test_several_lines_are_shown_first_numbered_as_they_will_be(english, study):
    paste = "1. Pilgrims\n2. Universities\n\n3. Airport"
    response = english.post(add_url("S"), {"text": paste, "note": ""}, headers=HX)
    assert response.status_code == 200
    assert "These 3 factors will be added:" in response.text
    assert shown_codes(response) == ["S6", "S7", "S8"]
    assert previewed(response) == ["Pilgrims", "Universities", "Airport"]
    assert 'name="confirm"' in response.text and 'name="edit"' in response.text
    # The preview takes the form's place; nothing is added to the list yet.
    assert response["HX-Retarget"] == "#add-S" and response["HX-Reswap"] == "outerHTML"
    assert swaps(response.text) == (["add-S"], [])
    assert study.factors.filter(kind="S").count() == 5


def test_confirming_adds_them_in_order_and_brings_the_form_back_empty(analyst, study):
    created_before = Factor.history.filter(history_type="+").count()
    items = ["Pilgrims", "Universities", "Airport"]
    response = analyst.post(add_url("S"), {"item": items, "confirm": "1"}, headers=HX)
    assert response.status_code == 200
    assert texts(study, "S")[5:] == ["S6:Pilgrims", "S7:Universities", "S8:Airport"]
    new = [factor(study, code).pk for code in ["S6", "S7", "S8"]]
    # Their items go to the end of the list; the form comes back empty, out of band.
    assert swaps(response.text) == ([f"factor-{pk}" for pk in new], ["add-S"])
    assert "Pilgrims</textarea>" not in response.text and 'name="item"' not in response.text
    assert set(json.loads(response["HX-Trigger"])) == {"factors-changed", "study-changed"}
    ids = [f"factor-{pk}" for pk in new]
    assert json.loads(response["HX-Trigger-After-Settle"]) == {
        "item-added": {"id": ids[0], "ids": ids, "focus": "add-S-text"}
    }
    # Each is in the history as its own add.
    assert Factor.history.filter(history_type="+").count() == created_before + 3


def test_a_failure_at_line_three_adds_nothing_and_keeps_the_lines(english, study, monkeypatch):
    save = FactorForm.save
    saved = []

    def fails_third(form, *args, **kwargs):
        saved.append(form.cleaned_data["text"])
        if len(saved) == 3:
            raise IntegrityError("duplicate key value violates unique constraint")
        return save(form, *args, **kwargs)

    monkeypatch.setattr(FactorForm, "save", fails_third)
    items = ["Pilgrims", "Universities", "Airport", "Rail"]
    response = english.post(add_url("S"), {"item": items, "confirm": "1"}, headers=HX)
    assert saved == ["Pilgrims", "Universities", "Airport"]  # two were saved, then undone
    assert study.factors.filter(kind="S").count() == 5
    assert "save it again" in response.text
    assert "Pilgrims\nUniversities\nAirport\nRail</textarea>" in response.text
    assert response["HX-Retarget"] == "#add-S"


def test_two_analysts_adding_at_once_collide_without_losing_the_lines(english, study, monkeypatch):
    # Another analyst's factor took the number meanwhile (as tests/test_concurrency.py does).
    monkeypatch.setattr("swot.changes.number_at_end", lambda rows: 1)
    response = english.post(add_url("S"), {"item": ["A", "B"], "confirm": "1"}, headers=HX)
    assert "Someone else changed the study at the same moment" in response.text
    assert "A\nB</textarea>" in response.text
    assert study.factors.filter(kind="S").count() == 5


def test_a_line_too_long_is_named_by_its_line_and_nothing_is_added(english, study):
    paste = f"First\n\nSecond\n{'x' * (ITEM_TEXT_MAX + 1)}"
    response = english.post(add_url("S"), {"text": paste}, headers=HX)
    limit, length = ITEM_TEXT_MAX, ITEM_TEXT_MAX + 1
    assert f"line 4: Text can be at most {limit} characters; this one has {length}." in (
        response.text
    )
    assert 'aria-invalid="true"' in response.text and 'name="confirm"' not in response.text
    assert study.factors.filter(kind="S").count() == 5
    # The paste comes back as typed, to be corrected.
    assert f"First\n\nSecond\n{'x' * 10}" in response.text


def test_more_lines_than_a_paste_may_hold_are_refused(english, study):
    paste = "\n".join(f"Line {n}" for n in range(PASTE_LINES_MAX + 1))
    response = english.post(add_url("S"), {"text": paste}, headers=HX)
    assert (
        f"At most {PASTE_LINES_MAX} lines can be added at once; this has {PASTE_LINES_MAX + 1}."
        in response.text
    )
    # Nor can a confirm carry more than a paste.
    items = [f"Line {n}" for n in range(PASTE_LINES_MAX + 1)]
    english.post(add_url("S"), {"item": items, "confirm": "1"}, headers=HX)
    assert study.factors.filter(kind="S").count() == 5


def test_a_list_past_its_limit_is_refused_at_the_preview_and_at_the_confirm(
    english, study, monkeypatch
):
    monkeypatch.setattr("editor.views.factors.FACTORS_PER_KIND_MAX", 6)
    monkeypatch.setattr("swot.changes.FACTORS_PER_KIND_MAX", 6)
    response = english.post(add_url("S"), {"text": "One\nTwo"}, headers=HX)
    assert "a study holds at most 6 factors of a kind" in response.text
    assert 'name="confirm"' not in response.text
    response = english.post(add_url("S"), {"item": ["One", "Two"], "confirm": "1"}, headers=HX)
    assert "a study holds at most 6 factors of a kind" in response.text
    assert study.factors.filter(kind="S").count() == 5
    # One fits.
    english.post(add_url("S"), {"text": "One"}, headers=HX)
    assert texts(study, "S")[5:] == ["S6:One"]


def test_a_note_cannot_go_with_several_lines(english, study):
    response = english.post(add_url("O"), {"text": "One\nTwo", "note": "From the survey"})
    assert "A note belongs to one item" in response.text
    assert 'value="From the survey"' in response.text
    assert study.factors.filter(kind="O").count() == 2


def test_one_line_is_added_at_once_with_its_numbering_taken_off(analyst, study):
    response = analyst.post(add_url("O"), {"text": "  ۳- Rail link\n\n", "note": "n"}, headers=HX)
    assert 'name="confirm"' not in response.text
    assert texts(study, "O") == ["O1:O1 text", "O2:O2 text", "O3:Rail link"]
    assert factor(study, "O3").note == "n"


def test_back_to_edit_puts_the_lines_in_the_form(analyst, study):
    items = ["Pilgrims", "Universities"]
    response = analyst.post(add_url("S"), {"item": items, "edit": "1"}, headers=HX)
    assert "Pilgrims\nUniversities</textarea>" in response.text
    assert response["HX-Retarget"] == "#add-S"
    assert study.factors.filter(kind="S").count() == 5


def test_without_javascript_the_preview_is_the_page_and_confirm_keeps_the_form_open(english, study):
    response = english.post(add_url("T"), {"text": "- Drought\n- Sanctions"})
    assert "<html" in response.text and "These 2 factors will be added:" in response.text
    response = english.post(add_url("T"), {"item": ["Drought", "Sanctions"], "confirm": "1"})
    last = factor(study, "T3")
    assert response["Location"] == f"/studies/small/?adding=T#factor-{last.pk}"
    assert texts(study, "T") == ["T1:T1 text", "T2:Drought", "T3:Sanctions"]


@pytest.mark.parametrize(
    "data",
    [{"text": "One\nTwo"}, {"item": ["One", "Two"], "confirm": "1"}],
    ids=["paste", "confirm"],
)
def test_a_council_member_cannot_add_several(reader, study, data):
    response = reader.post(add_url("S"), data, headers=HX)
    assert response.status_code == 403
    assert study.factors.filter(kind="S").count() == 5


def test_queries_grow_by_a_few_per_added_factor(analyst, study):
    def confirm(count: int, start: int):
        items = [f"Factor {n}" for n in range(start, start + count)]
        analyst.post(add_url("W"), {"item": items, "confirm": "1"}, headers=HX)

    confirm(1, 0)
    with CaptureQueriesContext(connection) as five:
        confirm(5, 10)
    with CaptureQueriesContext(connection) as twenty:
        confirm(20, 20)
    per_factor = (len(twenty) - len(five)) / 15
    # Its row and its history row, and the form's check of the text's and note's length
    # constraints (a SELECT in a savepoint each, as for a single add); reading the list,
    # rendering and the lock cost the same for 5 as for 20.
    assert per_factor == 8
    assert len(five) - 5 * per_factor <= 15
    assert study.factors.filter(kind="W").count() == 27


def test_several_new_actions_are_shown_then_appended_to_the_program_in_order(english, study):
    so1 = strategy(study, "SO1")
    url = reverse("action-new", args=[so1.pk])
    response = english.post(
        url, {"text": "1. Train guides\n2. Open a desk\n3. Print maps"}, headers=HX
    )
    assert "These 3 actions will be added to the program of SO1:" in response.text
    assert shown_codes(response) == ["3", "4", "5"]
    assert previewed(response) == ["Train guides", "Open a desk", "Print maps"]
    assert response["HX-Retarget"] == f"#new-action-{so1.pk}"
    assert ActionLink.objects.filter(strategy=so1).count() == 2

    created = Action.history.filter(history_type="+").count()
    items = previewed(response)
    response = english.post(url, {"item": items, "confirm": "1"}, headers=HX)
    assert [link.action.text for link in so1.action_links.all()] == [
        "Hold a summit", "Open an office", "Train guides", "Open a desk", "Print maps",
    ]  # fmt: skip
    new = list(so1.action_links.filter(position__gte=3).values_list("pk", flat=True))
    main, oob = swaps(response.text)
    assert main == [f"link-{pk}" for pk in new]
    assert oob == [f"program-summary-{so1.pk}", f"new-action-{so1.pk}"]
    settle = json.loads(response["HX-Trigger-After-Settle"])["item-added"]
    assert settle["ids"] == [f"link-{pk}" for pk in new]
    assert settle["focus"] == f"new-action-{so1.pk}-text"
    assert Action.history.filter(history_type="+").count() == created + 3


def test_new_actions_that_fail_at_one_line_add_none(english, study, monkeypatch):
    so1 = strategy(study, "SO1")
    url = reverse("action-new", args=[so1.pk])
    paste = f"Train guides\n{'x' * (ITEM_TEXT_MAX + 1)}"
    response = english.post(url, {"text": paste}, headers=HX)
    assert "line 2: Text can be at most" in response.text
    calls = []
    real = actions.changes.append

    def fails_second(strategy, action):
        calls.append(action)
        if len(calls) == 2:
            raise IntegrityError("collided")
        return real(strategy, action)

    monkeypatch.setattr("actions.changes.append", fails_second)
    response = english.post(url, {"item": ["One", "Two", "Three"], "confirm": "1"}, headers=HX)
    assert "save it again" in response.text
    assert Action.objects.filter(study=study).count() == 2
    assert so1.action_links.count() == 2


def test_without_javascript_new_actions_bring_back_the_open_form(english, study):
    so1 = strategy(study, "SO1")
    url = reverse("action-new", args=[so1.pk])
    response = english.post(url, {"item": ["One", "Two"], "confirm": "1"})
    last = so1.action_links.get(position=4)
    assert response["Location"] == f"/studies/small/?new_action={so1.pk}#link-{last.pk}"
    page = english.get(response["Location"])
    assert f'id="new-action-{so1.pk}-text"' in page.text
    assert '<details class="program" open>' in page.text


def test_the_preview_and_a_line_error_read_in_persian(analyst, study):
    response = analyst.post(add_url("S"), {"text": "۱- زائران\n۲- دانشگاه‌ها"}, headers=HX)
    assert "این ۲ عامل افزوده می‌شود:" in response.text
    assert "افزودن این ۲ عامل" in response.text
    response = analyst.post(add_url("S"), {"text": f"زائران\n{'x' * 2001}"}, headers=HX)
    assert "سطر ۲: " in response.text


def test_a_preview_outrun_by_another_analyst_is_shown_again_with_the_new_numbers(english, study):
    response = english.post(add_url("S"), {"text": "Pilgrims\nUniversities"}, headers=HX)
    assert shown_codes(response) == ["S6", "S7"]
    assert 'name="start" value="6"' in response.text
    # Meanwhile another analyst adds S6: the confirm shows the lines again as S7 and S8.
    english.post(add_url("S"), {"text": "Airport"}, headers=HX)
    confirm = {"item": previewed(response), "start": "6", "confirm": "1"}
    response = english.post(add_url("S"), confirm, headers=HX)
    assert "Someone else changed this list meanwhile" in response.text
    assert shown_codes(response) == ["S7", "S8"]
    assert texts(study, "S")[5:] == ["S6:Airport"]
    # Confirmed again, they are added as shown.
    confirm["start"] = "7"
    english.post(add_url("S"), confirm, headers=HX)
    assert texts(study, "S")[5:] == ["S6:Airport", "S7:Pilgrims", "S8:Universities"]


def test_new_actions_outrun_by_another_analyst_are_shown_again(english, study):
    so1 = strategy(study, "SO1")
    url = reverse("action-new", args=[so1.pk])
    english.post(url, {"text": "Print maps"}, headers=HX)  # after a preview numbered from 3
    confirm = {"item": ["Train guides", "Open a desk"], "start": "3", "confirm": "1"}
    response = english.post(url, confirm, headers=HX)
    assert "Someone else changed this list meanwhile" in response.text
    assert shown_codes(response) == ["4", "5"]
    assert so1.action_links.count() == 3
