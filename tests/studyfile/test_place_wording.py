"""An action's place in a program may carry its own words: `{action: A1, wording: …, footnote: …}`
in `strategies.<code>.actions`; loaded onto the ActionLink, exported back, refused when bad."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, ActionLink
from planning.limits import ITEM_TEXT_MAX, NOTE_MAX
from studyfile.export import dump_study_file, export_study
from studyfile.generate import scaled_study
from studyfile.load import load_study
from studyfile.schema import parse_study_file, read_study_file
from swot.models import Factor, Study
from tests.helpers import MASHHAD_FIXTURE, strategy

pytestmark = pytest.mark.django_db

SMALL = {
    "study": {"slug": "small", "title": "Small study", "city": "Tus", "language": "en"},
    "factors": {"S1": "Shrine", "O1": "Corridor", "W1": "Silos", "T1": "War"},
    "actions": {"A1": "Hold a summit", "A2": "Open an office"},
    "strategies": {
        "SO1": {"text": "Grow", "cites": "S1 O1", "actions": ["A1", "A2"]},
        "WT1": {
            "text": "Guard",
            "cites": "W1 T1",
            "actions": [
                "A2",
                {"action": "A1", "wording": "Hold a yearly summit", "footnote": "Since 2017"},
            ],
        },
    },
}


def with_places(*places) -> dict:
    """SMALL with WT1's program as given."""
    data = json.loads(json.dumps(SMALL))
    data["strategies"]["WT1"]["actions"] = list(places)
    return data


def load(tmp_path: Path, data: dict, *args: str) -> str:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("load_study", str(path), *args, stdout=out)
    return out.getvalue()


def places(study: Study, code: str) -> list[tuple[str, str, str]]:
    links = strategy(study, code).action_links.select_related("action").order_by("position")
    return [(link.action.text, link.wording, link.footnote) for link in links]


def test_a_place_loads_with_its_own_wording_and_footnote_and_the_others_without(tmp_path):
    load(tmp_path, SMALL)
    study = Study.objects.get(slug="small")
    assert places(study, "WT1") == [
        ("Open an office", "", ""),
        ("Hold a summit", "Hold a yearly summit", "Since 2017"),
    ]
    assert places(study, "SO1") == [("Hold a summit", "", ""), ("Open an office", "", "")]
    # One action, two places: the wording is the place's, not the action's.
    assert Action.objects.filter(study=study).count() == 2
    link = strategy(study, "WT1").action_links.get(position=2)
    assert link.printed_text == "Hold a yearly summit"


def test_a_wording_is_normalised_like_every_other_text(tmp_path):
    load(
        tmp_path,
        with_places({"action": "A1", "wording": "  كشورهاي\u202e   دیگر ", "footnote": ""}),
    )
    study = Study.objects.get(slug="small")
    assert places(study, "WT1") == [("Hold a summit", "کشورهای دیگر", "")]


def test_a_wording_that_is_the_actions_own_text_is_stored_blank(tmp_path):
    load(tmp_path, with_places({"action": "A1", "wording": " Hold   a summit\t"}, "A2"))
    study = Study.objects.get(slug="small")
    assert places(study, "WT1") == [("Hold a summit", "", ""), ("Open an office", "", "")]


def test_a_mapping_with_only_the_action_is_the_plain_place(tmp_path):
    load(tmp_path, with_places({"action": "A2"}))
    assert places(Study.objects.get(slug="small"), "WT1") == [("Open an office", "", "")]


BAD_PLACES = {
    "unknown key": (
        [{"action": "A1", "wordng": "x"}],
        "strategies.WT1.actions.1: unknown key 'wordng' (did you mean 'wording'?)",
    ),
    "no action": (
        ["A2", {"wording": "x"}],
        "strategies.WT1.actions.2: no action",
    ),
    "undefined action": (
        ["A2", {"action": "A9", "wording": "x"}],
        "strategies.WT1.actions.2.action: 'A9' is not defined under actions",
    ),
    "wording of the wrong type": (
        [{"action": "A1", "wording": ["a", "b"]}],
        "strategies.WT1.actions.1.wording: expected text, got list",
    ),
    "footnote yes/no": (
        [{"action": "A1", "footnote": True}],
        "strategies.WT1.actions.1.footnote: expected text, got yes/no",
    ),
    "wording too long": (
        [{"action": "A1", "wording": "w" * (ITEM_TEXT_MAX + 1)}],
        f"strategies.WT1.actions.1.wording: {ITEM_TEXT_MAX + 1:,} characters; the most is "
        f"{ITEM_TEXT_MAX:,}",
    ),
    "footnote too long": (
        [{"action": "A1", "footnote": "f" * (NOTE_MAX + 1)}],
        f"strategies.WT1.actions.1.footnote: {NOTE_MAX + 1:,} characters; the most is {NOTE_MAX:,}",
    ),
    "an action twice, once as a mapping": (
        ["A1", {"action": "A1", "wording": "again"}],
        "strategies.WT1.actions: an action is listed twice",
    ),
}


@pytest.mark.parametrize(("program", "message"), BAD_PLACES.values(), ids=BAD_PLACES.keys())
def test_a_bad_place_loads_nothing_and_names_the_place(tmp_path, program, message):
    with pytest.raises(CommandError) as refused:
        load(tmp_path, with_places(*program))
    assert str(refused.value).startswith("Nothing loaded.")
    assert message in str(refused.value)
    assert not Study.objects.exists()
    assert not Factor.objects.exists()
    assert not Action.objects.exists()


def test_a_bad_place_in_a_replacement_leaves_the_loaded_wording(tmp_path):
    load(tmp_path, SMALL)
    with pytest.raises(CommandError, match=r"strategies\.WT1\.actions\.2\.wording"):
        load(tmp_path, with_places("A2", {"action": "A1", "wording": {"x": 1}}), "--replace")
    study = Study.objects.get(slug="small")
    assert places(study, "WT1")[1] == ("Hold a summit", "Hold a yearly summit", "Since 2017")


def test_export_writes_the_mapping_only_where_a_place_has_words_of_its_own(tmp_path):
    load(tmp_path, SMALL)
    exported = export_study(Study.objects.get(slug="small"))
    assert exported["strategies"]["SO1"]["actions"] == ["A1", "A2"]
    assert exported["strategies"]["WT1"]["actions"] == [
        "A2",
        {"action": "A1", "wording": "Hold a yearly summit", "footnote": "Since 2017"},
    ]
    only_a_footnote = with_places({"action": "A1", "footnote": "Note"})
    only_a_footnote["study"]["slug"] = "footnote-only"
    load(tmp_path, only_a_footnote)
    exported = export_study(Study.objects.get(slug="footnote-only"))
    assert exported["strategies"]["WT1"]["actions"] == [{"action": "A1", "footnote": "Note"}]


def round_trip(study: Study, slug: str) -> Study:
    """The study exported as YAML text, read back and loaded under another slug."""
    text = dump_study_file(export_study(study))
    data = parse_study_file(text.encode(), f"{slug}.yaml")
    data["study"]["slug"] = slug
    return load_study(data).study


def all_places(study: Study) -> list[tuple[str, int, str, str, str]]:
    links = ActionLink.objects.filter(strategy__study=study).select_related("strategy", "action")
    return sorted(
        (link.strategy.code, link.position, link.action.text, link.wording, link.footnote)
        for link in links
    )


def test_wording_and_footnotes_come_back_after_export_and_load(tmp_path):
    load(tmp_path, SMALL)
    small = Study.objects.get(slug="small")
    copy = round_trip(small, "small-copy")
    assert all_places(copy) == all_places(small)
    assert ("WT1", 2, "Hold a summit", "Hold a yearly summit", "Since 2017") in all_places(copy)


def test_the_mashhad_places_come_back_after_export_and_load(mashhad):
    copy = round_trip(mashhad, "mashhad-copy")
    assert all_places(copy) == all_places(mashhad)
    assert sum(1 for place in all_places(copy) if place[3]) == 9


def test_a_generated_copy_keeps_each_places_wording_marked_as_its_copy_and_no_report_style():
    data = scaled_study(read_study_file(MASHHAD_FIXTURE), 2, "two")
    first, second = (
        data["strategies"]["WT2"]["actions"][13],
        data["strategies"]["WT4"]["actions"][13],
    )
    assert first["action"] == "A20-1" and second["action"] == "A20-2"
    assert second["wording"] == first["wording"] + " (نسخهٔ ۲)"
    assert data["strategies"]["SO6"]["actions"][3]["footnote"] == (
        "city diplomacy campaign of Islamic cities"
    )
    assert "report" not in data  # printed with the report's defaults, not Mashhad's captions
