"""`load_study --replace` keeps the study (its id and History), refuses to drop analysts' edits
unless --force, and --force first writes an export of what it replaces."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command, load_command_class
from django.test import Client
from django.urls import reverse

from studyfile.export import export_study
from studyfile.schema import read_study_file
from swot.models import Factor, Study
from tests.factories import UserFactory
from tests.helpers import HX, factor

pytestmark = pytest.mark.django_db

SMALL = {
    "study": {"slug": "small", "title": "Small study", "city": "Tus", "language": "en"},
    "factors": {"S1": "Shrine", "S2": "Airport", "W1": "Silos", "O1": "Corridor", "T1": "War"},
    "actions": {"A1": "Hold a summit", "A2": "Open an office"},
    "strategies": {
        "SO1": {"text": "Grow", "cites": "S1,2 O1", "actions": ["A1", "A2"]},
        "WT1": {"text": "Guard", "cites": ["W1", "T1"], "actions": ["A1"]},
    },
}


def write(tmp_path: Path, data: dict, name: str) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def load(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("load_study", str(path), *args, stdout=out)
    return out.getvalue()


def revised(title: str = "Small study, revised") -> dict:
    data = json.loads(json.dumps(SMALL))
    data["study"]["title"] = title
    data["factors"]["S1"] = "Holy shrine"
    data["factors"]["S3"] = "University"
    del data["strategies"]["WT1"]
    return data


@pytest.fixture
def small(tmp_path) -> Study:
    load(write(tmp_path, SMALL, "small.json"))
    return Study.objects.get(slug="small")


def edit_factor(analyst, study: Study, code: str, text: str) -> None:
    url = reverse("factor-edit", args=[factor(study, code).pk])
    assert analyst.post(url, {"text": text}, headers=HX).status_code == 200


def snapshot(study: Study) -> dict:
    study.refresh_from_db()
    return export_study(study)


def test_a_study_nobody_edited_is_replaced_in_place_keeping_its_id(small, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    output = load(write(tmp_path, revised(), "new.json"), "--replace")
    assert output.startswith("Replaced study 'small'")
    study = Study.objects.get()
    assert study.pk == small.pk
    assert study.title == "Small study, revised"
    assert [f.code for f in study.factors.order_by("kind", "number")] == [
        "O1", "S1", "S2", "S3", "T1", "W1",
    ]  # fmt: skip
    assert factor(study, "S1").text == "Holy shrine"
    assert list(study.strategies.values_list("quadrant", flat=True)) == ["SO"]
    assert not list(tmp_path.glob("*before-replace*"))  # no --force: no export written


def test_replace_is_refused_after_an_analysts_edit_and_changes_nothing(small, analyst, tmp_path):
    edit_factor(analyst, small, "S2", "Airport, enlarged")
    before = snapshot(small)
    with pytest.raises(CommandError) as refused:
        load(write(tmp_path, revised(), "new.json"), "--replace")
    message = str(refused.value)
    assert "1 change was made to the study 'small' since it was loaded" in message
    assert "--replace --force" in message
    assert snapshot(small) == before
    assert factor(small, "S2").text == "Airport, enlarged"
    assert Study.objects.get().pk == small.pk


def test_the_refusal_counts_every_change_and_names_the_last(small, analyst, tmp_path):
    edit_factor(analyst, small, "S1", "First")
    edit_factor(analyst, small, "W1", "Second")
    last = Factor.history.filter(text="Second").get().history_date
    with pytest.raises(CommandError) as refused:
        load(write(tmp_path, revised(), "new.json"), "--replace")
    assert "2 changes were made" in str(refused.value)
    assert f"the last on {last:%Y-%m-%d %H:%M} UTC" in str(refused.value)


def test_force_writes_an_export_of_the_edited_study_then_replaces_it(small, analyst, tmp_path):
    edit_factor(analyst, small, "S2", "Airport, enlarged")
    before = snapshot(small)
    backups = tmp_path / "backups"
    backups.mkdir()
    new = write(tmp_path, revised(), "new.json")
    output = load(new, "--replace", "--force", "--backup-dir", str(backups))

    [export] = backups.glob("small-before-replace-*.yaml")
    assert f"to {export}" in output
    assert "Dropped 1 change(s)" in output
    study = Study.objects.get(slug="small")
    assert study.pk == small.pk and factor(study, "S1").text == "Holy shrine"

    # The export is the study as it was, analyst's edit included: loaded under another slug,
    # it is the same study.
    data = read_study_file(export)
    data["study"]["slug"] = "small-before"
    load(write(tmp_path, data, "before.json"))
    copy = export_study(Study.objects.get(slug="small-before"))
    copy["study"]["slug"] = "small"
    assert copy == before


def test_a_replaced_study_counts_edits_from_its_new_load(small, analyst, tmp_path):
    edit_factor(analyst, small, "S2", "Airport, enlarged")
    new = write(tmp_path, revised(), "new.json")
    load(new, "--replace", "--force", "--backup-dir", str(tmp_path))
    load(new, "--replace")  # nobody edited it since: no --force needed
    edit_factor(analyst, small, "S3", "University, renamed")
    with pytest.raises(CommandError, match="1 change was made"):
        load(new, "--replace")


def test_force_goes_only_with_replace(small, tmp_path):
    with pytest.raises(CommandError, match="--force goes with --replace"):
        load(write(tmp_path, SMALL, "again.json"), "--force")


def test_a_study_loaded_before_loaded_at_counts_changes_made_by_someone(small, analyst, tmp_path):
    Study.objects.update(loaded_at=None)  # as a study loaded before the field existed
    new = write(tmp_path, revised(), "new.json")
    load(new, "--replace")  # the loader's own rows (no user) are no edits
    Study.objects.update(loaded_at=None)
    edit_factor(analyst, small, "S1", "Edited")
    with pytest.raises(CommandError, match="1 change was made"):
        load(new, "--replace")


def test_the_history_page_keeps_the_edits_made_before_a_replace(small, analyst, tmp_path):
    analyst.cookies["django_language"] = "en"
    edit_factor(analyst, small, "S2", "Airport, enlarged")
    load(
        write(tmp_path, revised(), "new.json"),
        "--replace",
        "--force",
        "--backup-dir",
        str(tmp_path),
    )

    response = analyst.get(reverse("study-history", args=["small"]))
    assert response.status_code == 200
    page = response.text
    assert "Airport, enlarged" in page  # the analyst's edit, before the replace
    assert "Study replaced from a study file" in page
    # The items the replace deleted are listed, but not offered for a restore one by one.
    assert "Deleted when the study was replaced from a study file" in page
    assert 'name="history_id"' not in page


def test_a_restore_of_an_item_the_replace_deleted_is_refused(small, analyst, tmp_path):
    analyst.cookies["django_language"] = "en"
    s2 = factor(small, "S2")
    load(write(tmp_path, revised(), "new.json"), "--replace")
    deleted = Factor.history.filter(id=s2.pk, history_type="-").get()
    url = reverse("study-history-restore", args=["small"])
    response = analyst.post(url, {"model": "factor", "history_id": deleted.history_id})
    assert response.status_code == 409
    assert "it is not restored on its own" in response.text
    assert Factor.objects.filter(study=small).count() == 6


def admin_client() -> Client:
    client = Client()
    user = UserFactory(is_staff=True)
    user.groups.add(user.groups.model.objects.get(name="admin"))
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_the_admins_replace_keeps_the_study(small, tmp_path):
    new = write(tmp_path, revised(), "new.json")
    response = admin_client().post(
        reverse("admin:swot_study_load"), {"file": upload(new), "replace": "on"}
    )
    assert response.status_code == 302
    assert Study.objects.get().pk == small.pk
    assert factor(small, "S1").text == "Holy shrine"


def test_the_admins_replace_is_refused_after_an_edit_and_never_forced(small, analyst, tmp_path):
    edit_factor(analyst, small, "S2", "Airport, enlarged")
    before = snapshot(small)
    new = write(tmp_path, revised(), "new.json")
    response = admin_client().post(
        reverse("admin:swot_study_load"), {"file": upload(new), "replace": "on"}
    )
    assert response.status_code == 200
    assert "was changed 1 time since it was loaded" in response.text
    assert "load_study --replace --force" in response.text
    assert snapshot(small) == before


def test_load_study_explains_force_and_the_backup_dir():
    command = load_command_class("studyfile", "load_study")
    text = " ".join(command.create_parser("manage.py", "load_study").format_help().split())
    assert "keeping the study (its id and History)" in text
    assert "--force" in text and "after writing an export of it" in text
    assert "--backup-dir" in text and "default: the current directory" in text
