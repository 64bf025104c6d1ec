"""Texts are kept one way whichever path they take: Persian ی and ک for Arabic ي and ك, no
bidi controls, whitespace trimmed and collapsed (planning/text.py)."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action
from planning.text import normalize_text
from strategies.models import Strategy
from swot.models import Factor, Study
from tests.factories import UserFactory
from tests.helpers import HX, factor, strategy

pytestmark = pytest.mark.django_db

# As typed with an Arabic keyboard layout or pasted from a PDF: Arabic yeh and kaf, a
# right-to-left override that would reverse the rest of the line, an isolate, doubled spaces.
TYPED = "  همكاري \u202eبا  كشورهاي\u2069 اسلامي\n "
KEPT = "همکاری با کشورهای اسلامی"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (TYPED, KEPT),
        ("می\u200cشود", "می\u200cشود"),  # the zero-width non-joiner stays
        ("\u2066S1\u2069 and \u202aO2\u202c", "S1 and O2"),
        ("a\t\tb\u00a0 c", "a b c"),
        ("\u202e\u2067 \u2069", ""),
        # Control characters go (NUL, which PostgreSQL refuses, BEL, ESC, DEL, C1) and lone
        # surrogates (from JSON "\\ud800"); those that are whitespace become one space.
        ("a\x00b\x07c\x1bd\x7fe\x9ff\ud800g", "abcdefg"),
        ("line\x0bbreak\x0cand\x85next", "line break and next"),
    ],
)
def test_texts_are_normalised(typed, kept):
    assert normalize_text(typed) == kept


def test_the_editor_keeps_a_typed_factor_strategy_and_action_normalised(analyst, study):
    s1, so1 = factor(study, "S1"), strategy(study, "SO1")
    analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": TYPED, "note": TYPED}, headers=HX)
    analyst.post(reverse("strategy-edit", args=[so1.pk]), {"text": TYPED}, headers=HX)
    analyst.post(reverse("action-new", args=[so1.pk]), {"text": TYPED}, headers=HX)
    s1.refresh_from_db()
    so1.refresh_from_db()
    assert (s1.text, s1.note, so1.text) == (KEPT, KEPT, KEPT)
    assert Action.objects.filter(study=study, text=KEPT).exists()


def test_a_save_on_any_path_leaves_no_control_character(study):
    s1 = factor(study, "S1")
    s1.text, s1.note = "Shr\x00ine\x07", "\x1b[31mred"
    s1.save()  # as restore and the shell do, no form
    s1.refresh_from_db()
    assert (s1.text, s1.note) == ("Shrine", "[31mred")


def test_an_editor_form_refuses_a_nul(analyst, study):
    s1 = factor(study, "S1")
    analyst.cookies["django_language"] = "en"
    response = analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "a\x00b"}, headers=HX)
    assert "Null characters are not allowed." in response.text
    s1.refresh_from_db()
    assert s1.text == "S1 text"


def test_a_text_of_nothing_but_controls_is_refused_as_empty(analyst, study):
    s1 = factor(study, "S1")
    response = analyst.post(
        reverse("factor-edit", args=[s1.pk]), {"text": "\u202e \u2069"}, headers=HX
    )
    assert 'aria-invalid="true"' in response.text
    s1.refresh_from_db()
    assert s1.text == "S1 text"


def test_a_study_file_is_loaded_normalised(tmp_path):
    data = {
        "study": {"slug": "typed", "title": TYPED, "city": "مشهد", "language": "fa"},
        "factors": {"S1": {"text": TYPED, "note": TYPED}, "O1": "فرصت"},
        "actions": {"A1": TYPED},
        "strategies": {"SO1": {"text": TYPED, "cites": "S1 O1", "actions": ["A1"]}},
    }
    path = tmp_path / "typed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("load_study", str(path), stdout=io.StringIO())
    study = Study.objects.get(slug="typed")
    s1 = Factor.objects.get(study=study, kind="S", number=1)
    assert (study.title, s1.text, s1.note) == (KEPT, KEPT, KEPT)
    assert Strategy.objects.get(study=study).text == KEPT
    assert Action.objects.get(study=study).text == KEPT


def test_the_admin_saves_a_factor_normalised(client, study):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    s1 = factor(study, "S1")
    data = {"study": study.pk, "kind": "S", "number": 1, "text": TYPED, "note": ""}
    # The factor's page also has its IFE/EFE assessment (evaluation/admin.py), left empty.
    data |= {"assessment-TOTAL_FORMS": 0, "assessment-INITIAL_FORMS": 0}
    response = client.post(reverse("admin:swot_factor_change", args=[s1.pk]), data)
    assert response.status_code == 302
    s1.refresh_from_db()
    assert s1.text == KEPT


def test_a_new_study_is_kept_normalised(analyst):
    data = {"title": TYPED, "city": " مشهد ", "language": "fa"}
    analyst.post(reverse("study-list"), data)
    assert Study.objects.filter(title=KEPT, city="مشهد").exists()
