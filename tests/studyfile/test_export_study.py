"""export_study writes a study file that load_study reads back to the same study."""

import io

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from actions.models import Action, ActionLink
from studyfile.export import dump_study_file, export_study
from studyfile.load import load_study
from studyfile.schema import parse_study_file
from swot.models import Study
from tests.factories import ActionFactory
from tests.helpers import strategy

pytestmark = pytest.mark.django_db


def snapshot(study: Study) -> dict:
    """Everything a study holds, by code, without its ids and slug."""
    return {
        "study": [getattr(study, f) for f in ("title", "city", "subject", "year", "source")],
        "language": study.language,
        "factors": [(f.code, f.text, f.note) for f in study.factors.order_by("kind", "number")],
        "strategies": [
            (
                s.code,
                s.text,
                s.note,
                sorted(c.factor.code for c in s.citations.select_related("factor")),
                [link.action.text for link in s.action_links.select_related("action")],
            )
            for s in study.strategies.order_by("quadrant", "number")
        ],
        "unattached": sorted(
            Action.objects.filter(study=study, links__isnull=True).values_list("text", flat=True)
        ),
        "shared": sorted(
            (a.text, a.links.count())
            for a in Action.objects.filter(study=study)
            if a.links.count() > 1
        ),
    }


def reloaded(study: Study, slug: str) -> Study:
    """The study exported to YAML text, read back as a file and loaded under another slug."""
    text = dump_study_file(export_study(study), "a comment")
    data = parse_study_file(text.encode(), f"{slug}.yaml")
    data["study"]["slug"] = slug
    return load_study(data).study


def test_the_mashhad_study_comes_back_the_same(mashhad):
    copy = reloaded(mashhad, "mashhad-copy")
    assert snapshot(copy) == snapshot(mashhad)
    assert copy.factors.count() == 39 and copy.strategies.count() == 12
    assert len(snapshot(copy)["shared"]) > 0  # shared actions stay one action each


def test_a_study_edited_in_the_app_comes_back_with_its_edits(study):
    s2 = study.factors.get(kind="S", number=2)
    s2.text, s2.note = "ظرفیت گردشگری «حلال» & سلامت", "یادداشت"
    s2.save()
    so1 = study.strategies.get(quadrant="SO", number=1)
    so1.note = "Note: kept"
    so1.save()
    # One action shared by two strategies, one left unattached, one never used.
    summit = so1.action_links.get(position=1).action
    ActionLink.objects.create(strategy=strategy(study, "ST1"), action=summit, position=1)
    so1.action_links.get(position=2).delete()
    ActionFactory(study=study, text="An idea for later")
    copy = reloaded(study, "small-copy")
    assert snapshot(copy) == snapshot(study)
    assert "An idea for later" in snapshot(copy)["unattached"]


def test_the_file_has_no_anchors_or_aliases_and_keeps_persian_as_it_is(mashhad):
    text = dump_study_file(export_study(mashhad))
    assert "موقعیت مذهبی" in text and "\\u" not in text
    assert not any(line.lstrip().startswith(("&", "*")) for line in text.splitlines())
    assert "SO2:" in text and "cites: S1,3,6,10,11,12 O1,3,5,6,7,8" in text


def test_export_study_command_writes_a_file_load_study_reads(mashhad, tmp_path):
    path = tmp_path / "mashhad.yaml"
    call_command("export_study", mashhad.slug, "-o", str(path), stderr=io.StringIO())
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Exported from the strategy-matrix workbench on ")
    path.write_text(text.replace(f"slug: {mashhad.slug}", "slug: from-the-command"), "utf-8")
    call_command("load_study", str(path), stdout=io.StringIO())
    assert snapshot(Study.objects.get(slug="from-the-command")) == snapshot(mashhad)


def test_export_study_command_to_standard_output_and_its_help(mashhad):
    out = io.StringIO()
    call_command("export_study", mashhad.slug, stdout=out)
    assert out.getvalue().splitlines()[1] == "study:"
    assert "load_study reads back" in load_command_class("studyfile", "export_study").help


def test_export_study_command_names_a_missing_study(db):
    with pytest.raises(CommandError, match="No study 'nope'"):
        call_command("export_study", "nope")
