"""Deleting a study in the admin moves it to the bin: gone from every page, kept whole; an admin
brings it back (History intact) or deletes it permanently, and only from the bin."""

import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from strategies.models import Strategy
from studyfile.export import dump_study_file, export_study
from swot.models import Factor, Study
from tests.factories import StudyFactory, UserFactory
from tests.helpers import HX, factor, strategy

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:swot_study_changelist"


def admin_client(role: str = "admin") -> Client:
    client = Client()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def act(client: Client, action: str, *studies: Study, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [s.pk for s in studies], **extra}
    return client.post(reverse(CHANGELIST), data, follow=True)


def pages(slug: str) -> list[str]:
    return [
        reverse("study", args=[slug]),
        reverse("study-history", args=[slug]),
        reverse("report-preview", args=[slug, "combined"]),
    ]


def test_deleting_a_study_in_the_admin_moves_it_to_the_bin(study, analyst):
    study_url = reverse("study", args=["small"])
    assert study_url in analyst.get(reverse("study-list")).text
    admin = admin_client()
    url = reverse("admin:swot_study_delete", args=[study.pk])
    confirmation = admin.get(url)
    assert "to the bin?" in confirmation.text
    assert "S4 text" not in confirmation.text  # no cascade listed: nothing is deleted

    response = admin.post(url, {"post": "yes"}, follow=True)
    assert f"The study “<bdi>{study.title}</bdi>” was moved to the bin." in response.text
    study.refresh_from_db()
    assert study.in_bin
    assert Factor.objects.filter(study=study).count() == 9  # kept whole
    for page in pages("small"):
        assert analyst.get(page).status_code == 404, page
    assert study_url not in analyst.get(reverse("study-list")).text

    in_bin = admin.get(reverse(CHANGELIST), {"bin": "in"})
    assert f'value="{study.pk}"' in in_bin.text
    assert f'value="{study.pk}"' not in admin.get(reverse(CHANGELIST), {"bin": "out"}).text


def test_the_items_of_a_study_in_the_bin_are_not_found(study, analyst):
    s1, so1 = factor(study, "S1"), strategy(study, "SO1")
    Study.objects.filter(pk=study.pk).update(deleted_at="2026-01-01T00:00Z")
    assert analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "x"}).status_code == 404
    assert analyst.get(reverse("strategy-detail", args=[so1.pk]), headers=HX).status_code == 404
    assert factor(study, "S1").text == "S1 text"


def test_delete_selected_asks_then_moves_the_studies_to_the_bin(study):
    other = StudyFactory()
    admin = admin_client()
    asked = act(admin, "delete_selected", study, other)
    assert "Move these studies to the bin?" in asked.text
    assert not Study.objects.in_bin().exists()

    done = act(admin, "delete_selected", study, other, post="yes")
    assert "2 studies moved to the bin." in done.text
    assert set(Study.objects.in_bin()) == {study, other}


def test_bring_back_restores_the_study_with_its_history(study, analyst):
    analyst.cookies["django_language"] = "en"
    study.language = Study.Language.ENGLISH
    study.save()
    s1 = factor(study, "S1")
    analyst.post(reverse("factor-edit", args=[s1.pk]), {"text": "Shrine, edited"}, headers=HX)
    admin = admin_client()
    act(admin, "delete_selected", study, post="yes")
    assert analyst.get(reverse("study-history", args=["small"])).status_code == 404

    done = act(admin, "bring_back", study)
    assert "1 study brought back from the bin, with its History." in done.text
    assert analyst.get(reverse("study", args=["small"])).status_code == 200
    history = analyst.get(reverse("study-history", args=["small"])).text
    assert "Shrine, edited" in history
    assert "Study moved to the bin" in history and "Study brought back from the bin" in history


def test_delete_permanently_deletes_only_studies_in_the_bin(study):
    kept = StudyFactory()
    admin = admin_client()
    act(admin, "delete_selected", study, post="yes")
    done = act(admin, "delete_permanently", study, kept)
    assert "1 study in the bin deleted permanently." in done.text
    assert "1 study not in the bin was left as it is" in done.text
    assert list(Study.objects.all()) == [kept]
    assert not Strategy.objects.exists() and not Factor.objects.exists()


def test_an_analyst_cannot_move_a_study_to_the_bin(study):
    analyst_admin = admin_client("analyst")
    response = analyst_admin.post(
        reverse("admin:swot_study_delete", args=[study.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    study.refresh_from_db()
    assert not study.in_bin


def test_loading_a_file_whose_slug_is_in_the_bin_is_refused(study, tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(dump_study_file(export_study(study)), encoding="utf-8")
    Study.objects.filter(pk=study.pk).update(deleted_at="2026-01-01T00:00Z")
    before = export_study(study)
    for args in [(), ("--replace",), ("--replace", "--force")]:
        with pytest.raises(CommandError, match="'small' is in the bin; nothing was changed"):
            call_command("load_study", str(path), *args, stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_study", str(path), "--if-missing", stdout=out)
    assert "Study 'small' is in the bin; left as it is." in out.getvalue()
    assert export_study(study) == before


def test_the_bin_speaks_persian_in_the_persian_admin(study):
    admin = admin_client()
    admin.cookies["django_language"] = "fa"
    confirmation = admin.get(reverse("admin:swot_study_delete", args=[study.pk]))
    assert f"مطالعهٔ «<bdi>{study.title}</bdi>» به سطل بازیافت برود؟" in confirmation.text
    done = act(admin, "delete_selected", study, post="yes")
    assert "۱ مطالعه به سطل بازیافت رفت." in done.text
