"""A study file's `report:` mapping is the study's ReportStyle: loaded with the study, reset by
a replace without one, exported when it differs from the defaults, refused when bad."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from planning.limits import CAPTION_MAX, DOCUMENT_NUMBER_MAX, HEADING_MAX, NOTE_MAX
from studyfile.export import dump_study_file, export_study
from studyfile.load import load_study
from studyfile.schema import parse_study_file
from swot.models import Factor, ReportStyle, Study

pytestmark = pytest.mark.django_db

SMALL = {
    "study": {"slug": "small", "title": "Small study", "city": "Tus", "language": "en"},
    "report": {
        "typeface": "naskh",
        "citation_order": "external",
        "document_number": "TUS-7",
        "table3_caption": "Strategies  for Tus",
        "threats_heading": "Threats (T)",
        "table3_footnote": "Some actions serve several strategies.",
    },
    "factors": {"S1": "Shrine", "O1": "Corridor"},
    "actions": {"A1": "Hold a summit"},
    "strategies": {"SO1": {"text": "Grow", "cites": "S1 O1", "actions": ["A1"]}},
}


def with_report(report) -> dict:
    data = json.loads(json.dumps(SMALL))
    if report is None:
        del data["report"]
    else:
        data["report"] = report
    return data


def load(tmp_path: Path, data: dict, *args: str) -> str:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("load_study", str(path), *args, stdout=out)
    return out.getvalue()


def style_values(style: ReportStyle) -> dict[str, str]:
    names = ("typeface", "citation_order", "document_number", *ReportStyle.WORDING_FIELDS)
    return {name: getattr(style, name) for name in names}


def test_the_report_mapping_loads_as_the_studys_report_style(tmp_path):
    load(tmp_path, SMALL)
    style = Study.objects.get(slug="small").report_style
    values = style_values(style)
    assert values["typeface"] == "naskh"
    assert values["citation_order"] == "external"
    assert values["document_number"] == "TUS-7"
    assert values["table3_caption"] == "Strategies for Tus"  # normalised
    assert values["threats_heading"] == "Threats (T)"
    assert values["table3_footnote"] == "Some actions serve several strategies."
    assert values["table1_caption"] == values["program_heading"] == ""  # left out: the default


def test_keys_left_out_take_the_defaults(tmp_path):
    load(tmp_path, with_report({"table1_caption": "Strengths and opportunities"}))
    style = Study.objects.get(slug="small").report_style
    assert (style.typeface, style.citation_order) == ("vazirmatn", "internal")
    assert style.table1_caption == "Strengths and opportunities"


def test_a_file_without_a_report_mapping_gives_the_study_no_report_style(tmp_path):
    load(tmp_path, with_report(None))
    assert not ReportStyle.objects.exists()


def test_a_replace_updates_the_report_style_in_place(tmp_path):
    load(tmp_path, SMALL)
    before = ReportStyle.objects.get()
    load(tmp_path, with_report({"typeface": "vazirmatn", "group_heading": "Group"}), "--replace")
    after = ReportStyle.objects.get()
    assert after.pk == before.pk
    assert (after.typeface, after.group_heading, after.document_number) == (
        "vazirmatn",
        "Group",
        "",
    )


def test_a_replace_without_a_report_mapping_returns_the_report_to_its_defaults(tmp_path):
    load(tmp_path, SMALL)
    load(tmp_path, with_report(None), "--replace")
    assert not ReportStyle.objects.exists()
    deleted = ReportStyle.history.model.objects.get(history_type="-")
    assert deleted.history_change_reason == "replaced"


def test_an_edit_of_the_report_style_since_the_load_is_not_dropped_by_a_replace(tmp_path):
    load(tmp_path, SMALL)
    style = ReportStyle.objects.get()
    style.table3_caption = "Edited after the load"
    style.save()
    with pytest.raises(CommandError, match="1 change was made to the study 'small'"):
        load(tmp_path, with_report(None), "--replace")
    assert ReportStyle.objects.get().table3_caption == "Edited after the load"


BAD_REPORTS = {
    "not a mapping": ("naskh", "report: expected a mapping like {typeface: naskh"),
    "unknown key": (
        {"table1_captoin": "x"},
        "report: unknown key 'table1_captoin' (did you mean 'table1_caption'?)",
    ),
    "unknown key, nothing like it": (
        {"colour": "red"},
        "report: unknown key 'colour' (expected typeface, citation_order, document_number, ",
    ),
    "unknown typeface": (
        {"typeface": "arial"},
        "report.typeface: 'arial' is not one of vazirmatn, naskh",
    ),
    "unknown citation order": (
        {"citation_order": "O first"},
        "report.citation_order: 'O first' is not one of internal, external",
    ),
    "empty typeface": ({"typeface": ""}, "report.typeface: text is empty"),
    "a caption of the wrong type": (
        {"table2_caption": ["a"]},
        "report.table2_caption: expected text, got list",
    ),
    "a heading yes/no": (
        {"group_heading": True},
        "report.group_heading: expected text, got yes/no",
    ),
    "a caption too long": (
        {"table1_caption": "c" * (CAPTION_MAX + 1)},
        f"report.table1_caption: {CAPTION_MAX + 1:,} characters; the most is {CAPTION_MAX:,}",
    ),
    "a heading too long": (
        {"weaknesses_heading": "h" * (HEADING_MAX + 1)},
        f"report.weaknesses_heading: {HEADING_MAX + 1:,} characters; the most is {HEADING_MAX:,}",
    ),
    "a document number too long": (
        {"document_number": "9" * (DOCUMENT_NUMBER_MAX + 1)},
        f"report.document_number: {DOCUMENT_NUMBER_MAX + 1:,} characters; the most is "
        f"{DOCUMENT_NUMBER_MAX:,}",
    ),
    "a footnote too long": (
        {"table3_footnote": "f" * (NOTE_MAX + 1)},
        f"report.table3_footnote: {NOTE_MAX + 1:,} characters; the most is {NOTE_MAX:,}",
    ),
}


@pytest.mark.parametrize(("report", "message"), BAD_REPORTS.values(), ids=BAD_REPORTS.keys())
def test_a_bad_report_mapping_loads_nothing_and_names_the_key(tmp_path, report, message):
    with pytest.raises(CommandError) as refused:
        load(tmp_path, with_report(report))
    assert str(refused.value).startswith("Nothing loaded.")
    assert message in str(refused.value)
    assert not Study.objects.exists()
    assert not Factor.objects.exists()
    assert not ReportStyle.objects.exists()


def test_a_bad_report_mapping_in_a_replacement_leaves_the_study_as_it_was(tmp_path):
    load(tmp_path, SMALL)
    bad = with_report({"typeface": "comic"})
    bad["factors"]["S1"] = "Holy shrine"
    with pytest.raises(CommandError, match="report.typeface"):
        load(tmp_path, bad, "--replace")
    assert ReportStyle.objects.get().document_number == "TUS-7"
    assert Factor.objects.get(kind="S").text == "Shrine"


def test_export_writes_only_what_differs_from_the_defaults(tmp_path):
    load(tmp_path, with_report({"typeface": "naskh", "citation_order": "internal"}))
    study = Study.objects.get(slug="small")
    assert export_study(study)["report"] == {"typeface": "naskh"}
    ReportStyle.objects.filter(study=study).update(typeface="vazirmatn")
    assert "report" not in export_study(study)  # a style of defaults only: nothing to say
    ReportStyle.objects.filter(study=study).delete()
    assert "report" not in export_study(study)


def test_the_report_style_comes_back_after_export_and_load(tmp_path):
    load(tmp_path, SMALL)
    study = Study.objects.get(slug="small")
    text = dump_study_file(export_study(study))
    assert "report:" in text
    data = parse_study_file(text.encode(), "copy.yaml")
    data["study"]["slug"] = "small-copy"
    copy = load_study(data).study
    assert style_values(copy.report_style) == style_values(study.report_style)


def test_the_mashhad_report_style_comes_back_after_export_and_load(mashhad):
    data = parse_study_file(dump_study_file(export_study(mashhad)).encode(), "copy.yaml")
    data["study"]["slug"] = "mashhad-copy"
    copy = load_study(data).study
    assert style_values(copy.report_style) == style_values(mashhad.report_style)
