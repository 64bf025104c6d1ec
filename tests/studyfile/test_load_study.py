"""`load_study`: a study file loads all or nothing, and a bad one is refused naming the record."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, load_command_class

from actions.models import Action, ActionLink
from planning.notation import format_compact
from strategies.models import Citation, Strategy
from swot.models import Factor, Study
from tests.helpers import MASHHAD_FIXTURE

pytestmark = pytest.mark.django_db


# Table 3 of the paper: actions per strategy, as printed.
PRINTED_ACTION_COUNTS = {
    "SO1": 6, "SO2": 5, "SO3": 10, "WO1": 5, "WO2": 2, "WO3": 3,
    "WO4": 2, "ST1": 8, "ST2": 4, "ST3": 5, "WT1": 2, "WT2": 14,
}  # fmt: skip


def load(path, *args) -> str:
    out = io.StringIO()
    call_command("load_study", str(path), *args, stdout=out)
    return out.getvalue()


def codes(strategy: Strategy) -> str:
    return format_compact((f.kind, f.number) for f in strategy.factors.all())


def test_command_prints_what_it_loaded():
    output = load(MASHHAD_FIXTURE)
    assert "factors: 39 (S 13, W 9, O 10, T 7)" in output
    assert "strategies: 12 (SO 3, WO 4, ST 3, WT 2)" in output
    assert f"action links: {sum(PRINTED_ACTION_COUNTS.values())}" in output
    assert f"actions: {Action.objects.count()}" in output
    assert f"citations: {Citation.objects.count()}" in output


def test_loading_the_same_study_twice_refuses_and_keeps_one_copy(mashhad):
    with pytest.raises(CommandError, match="already loaded; nothing was changed"):
        load(MASHHAD_FIXTURE)
    assert Study.objects.count() == 1
    assert Factor.objects.count() == 39


def test_replace_reloads_in_place_of_the_old_copy(mashhad):
    mashhad.factors.filter(kind="S", number=1).update(text="edited")
    output = load(MASHHAD_FIXTURE, "--replace")
    assert output.startswith("Replaced study 'mashhad-city-diplomacy'")
    assert Study.objects.count() == 1
    assert Factor.objects.count() == 39
    assert not Factor.objects.filter(text="edited").exists()


def test_if_missing_leaves_a_loaded_study_and_its_edits_alone(mashhad):
    mashhad.factors.filter(kind="S", number=1).update(text="edited")
    output = load(MASHHAD_FIXTURE, "--if-missing")
    assert "already loaded; left as it is" in output
    assert Factor.objects.filter(text="edited").count() == 1
    assert Study.objects.count() == 1


GOOD = {
    "study": {"slug": "small", "title": "Small study", "city": "Tus", "language": "en"},
    "factors": {
        "S1": "Shrine",
        "S2": "Airport",
        "W1": "Silos",
        "O1": "Corridor",
        "T1": "Sanctions",
    },
    "actions": {"A1": "Hold a summit", "A2": "Open an office"},
    "strategies": {
        "SO1": {"text": "Grow", "cites": "S1,2 O1", "actions": ["A1", "A2"]},
        "WT1": {"text": "Guard", "cites": ["W1", "T1"], "actions": ["A1"]},
    },
}


def write(tmp_path: Path, data, suffix=".json") -> Path:
    path = tmp_path / f"study{suffix}"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def with_change(change) -> dict:
    data = json.loads(json.dumps(GOOD))
    change(data)
    return data


def test_a_small_hand_written_json_study_loads(tmp_path):
    output = load(write(tmp_path, GOOD))
    study = Study.objects.get(slug="small")
    assert "factors: 5 (S 2, W 1, O 1, T 1)" in output
    so1 = study.strategies.get(quadrant="SO")
    assert codes(so1) == "S1,2 O1"
    assert [link.action.text for link in so1.action_links.all()] == [
        "Hold a summit",
        "Open an office",
    ]
    assert Action.objects.get(text="Hold a summit").strategies.count() == 2


BAD_FILES = {
    "malformed JSON": ('{"study": {"slug": "x",}', "study.json: not valid JSON: "),
    "malformed YAML": ("study: [unclosed\n", "study.yaml: not valid YAML"),
    "unknown kind": (
        with_change(lambda d: d["factors"].update({"X1": "?"})),
        "factors.X1: unknown kind 'X'",
    ),
    "reference to a missing factor": (
        with_change(lambda d: d["strategies"]["SO1"].update(cites="S1 O1,2")),
        "strategies.SO1.cites: O2 is not a factor of this study",
    ),
    "W factor cited by an SO strategy": (
        with_change(lambda d: d["strategies"]["SO1"].update(cites="S1 W1 O1")),
        "strategies.SO1.cites: SO1 cannot cite W1: SO strategies cite only S and O factors",
    ),
    "unknown action": (
        with_change(lambda d: d["strategies"]["WT1"].update(actions=["A1", "A9"])),
        "strategies.WT1.actions: 'A9' is not defined under actions",
    ),
    "empty factor text": (
        with_change(lambda d: d["factors"].update({"T1": "  "})),
        "factors.T1: text is empty",
    ),
    "gap in numbering": (
        with_change(lambda d: d["factors"].update({"O3": "skipped O2"})),
        "factors: O numbers must run 1..2 without gaps; O2 is missing",
    ),
    "unknown quadrant": (
        with_change(lambda d: d["strategies"].update({"OS1": {"text": "?"}})),
        "strategies.OS1: 'OS1' is not a strategy code",
    ),
    "unknown language": (
        with_change(lambda d: d["study"].update(language="de")),
        "study.language: 'de' is not one of fa, en",
    ),
}


@pytest.mark.parametrize(("data", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_loads_nothing_and_names_the_problem(tmp_path, data, message):
    suffix = ".yaml" if "study.yaml" in message else ".json"
    with pytest.raises(CommandError) as error:
        load(write(tmp_path, data, suffix))
    assert str(error.value).startswith("Nothing loaded.")
    assert message in str(error.value)
    assert not Study.objects.exists()
    assert not Factor.objects.exists()
    assert not Action.objects.exists()


def test_a_bad_replacement_leaves_the_loaded_study_as_it_was(tmp_path):
    load(write(tmp_path, GOOD))
    bad = with_change(lambda d: d["strategies"]["SO1"].update(cites="S1 W1"))
    with pytest.raises(CommandError, match="SO1 cannot cite W1"):
        load(write(tmp_path, bad), "--replace")
    study = Study.objects.get(slug="small")
    assert codes(study.strategies.get(quadrant="SO")) == "S1,2 O1"
    assert ActionLink.objects.count() == 3


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        load(tmp_path / "nope.yaml")


def test_load_study_has_help_naming_its_modes():
    command = load_command_class("studyfile", "load_study")
    text = command.create_parser("manage.py", "load_study").format_help()
    assert "All or nothing" in text
    assert "--replace" in text and "--if-missing" in text


def test_a_slug_that_is_not_one_is_named_and_nothing_loads(tmp_path):
    bad = with_change(lambda d: d["study"].update(slug="mashhad 2024"))
    with pytest.raises(CommandError, match=r"study\.slug: Enter a valid “slug”"):
        load(write(tmp_path, bad))
    assert not Study.objects.exists()
