"""Every text of a study has a maximum length (planning/limits.py), refused on every path with a
message naming the field and the limit: the editor's forms, the admin, the study-file loader;
and held by the database itself (restore and the shell save through it)."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from actions.models import Action
from planning.limits import ITEM_TEXT_MAX, NOTE_MAX, STUDY_SOURCE_MAX
from strategies.models import Strategy
from swot.models import Factor, Study
from tests.factories import ActionFactory, FactorFactory, UserFactory
from tests.helpers import HX, factor, strategy

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (ITEM_TEXT_MAX + 1)


@pytest.fixture
def english(analyst):
    analyst.cookies["django_language"] = "en"
    return analyst


def test_a_factor_too_long_is_refused_by_the_add_form_and_nothing_is_written(english, study):
    response = english.post(
        reverse("factor-add", args=[study.slug, "O"]), {"text": TOO_LONG}, headers=HX
    )
    assert response.status_code == 200
    assert "Text can be at most 2000 characters; this one has 2001." in response.text
    assert study.factors.filter(kind="O").count() == 2


@pytest.mark.parametrize(
    "url_name, item, data, message",
    [
        ("factor-edit", lambda s: factor(s, "S4"), {"text": TOO_LONG}, "Text can be at most 2000"),
        (
            "factor-edit",
            lambda s: factor(s, "S4"),
            {"text": "Shrine", "note": "n" * (NOTE_MAX + 1)},
            "Note can be at most 1000 characters; this one has 1001.",
        ),
        ("strategy-edit", lambda s: strategy(s, "SO1"), {"text": TOO_LONG}, "at most 2000"),
        ("action-edit", lambda s: s.actions.first(), {"text": TOO_LONG}, "at most 2000"),
        ("action-edit", lambda s: unattached_action(s), {"text": TOO_LONG}, "at most 2000"),
    ],
)
def test_an_edit_too_long_is_refused_next_to_its_field_and_changes_nothing(
    english, study, url_name, item, data, message
):
    target = item(study)
    before = (target.text, getattr(target, "note", None))
    url = reverse(url_name, args=[target.pk])
    if url_name == "action-edit" and target.links.exists():  # edited from its place in SO1
        url += f"?link={target.links.get().pk}"
    response = english.post(url, data, headers=HX)
    assert response.status_code == 200
    assert message in response.text and 'aria-invalid="true"' in response.text
    # The message stands under the field it is about.
    field = "note" if "note" in data else "text"
    errors = re.search(rf'id="[\w-]+-{field}-errors" role="alert">([^<]*)<', response.text)
    assert errors and message in errors.group(1)
    target.refresh_from_db()
    assert (target.text, getattr(target, "note", None)) == before


def unattached_action(study):
    return ActionFactory(study=study, text="Unattached")


def test_the_limit_is_said_in_persian_with_persian_digits(analyst, study):
    s4 = factor(study, "S4")
    response = analyst.post(reverse("factor-edit", args=[s4.pk]), {"text": TOO_LONG}, headers=HX)
    assert "متن حداکثر ۲۰۰۰ نویسه می‌تواند باشد؛ این یکی ۲۰۰۱ نویسه دارد." in response.text


def test_a_text_exactly_at_the_limit_is_saved(english, study):
    s4 = factor(study, "S4")
    english.post(reverse("factor-edit", args=[s4.pk]), {"text": "y" * ITEM_TEXT_MAX}, headers=HX)
    s4.refresh_from_db()
    assert len(s4.text) == ITEM_TEXT_MAX


def test_the_admin_change_form_refuses_a_factor_too_long(client, study):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    s4 = factor(study, "S4")
    data = {"study": study.pk, "kind": "S", "number": 4, "text": TOO_LONG, "note": ""}
    response = client.post(reverse("admin:swot_factor_change", args=[s4.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text"] == [
        "Text can be at most 2000 characters; this one has 2001."
    ]
    s4.refresh_from_db()
    assert s4.text == "S4 text"


def test_the_admin_refuses_a_study_source_too_long(client, study):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    data = {
        "slug": "tus", "title": "Tus", "city": "Tus", "language": "en",
        "source": "s" * (STUDY_SOURCE_MAX + 1),
        "factors-TOTAL_FORMS": 0, "factors-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client.post(reverse("admin:swot_study_add"), data)
    assert response.status_code == 200
    assert "Source citation can be at most 2000 characters; this one has 2001." in response.text
    assert not Study.objects.filter(slug="tus").exists()


def test_the_loader_refuses_a_factor_too_long_naming_it(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text(
        "study: {slug: tus, title: Tus, city: Tus, language: en}\n"
        f"factors: {{S1: a, S2: b, S3: {TOO_LONG}}}\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("load_study", str(path), stdout=io.StringIO())
    assert str(refused.value).startswith(
        "Nothing loaded. factors.S3: 2,001 characters; the most is 2,000 ('xxxxxxxx"
    )
    assert len(str(refused.value)) < 200
    assert not Study.objects.exists()


@pytest.mark.parametrize(
    "model, field, limit",
    [
        (Factor, "text", ITEM_TEXT_MAX),
        (Factor, "note", NOTE_MAX),
        (Strategy, "text", ITEM_TEXT_MAX),
        (Strategy, "note", NOTE_MAX),
        (Action, "text", ITEM_TEXT_MAX),
        (Study, "source", STUDY_SOURCE_MAX),
    ],
)
def test_the_database_refuses_a_text_over_its_limit_on_any_path(study, model, field, limit):
    # What restore, the shell or a bulk write do: a plain save or update, no form.
    row = model.objects.first() if model is not Study else study
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: "z" * (limit + 1)})
    setattr(row, field, "z" * (limit + 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_full_clean_names_the_text_and_its_limit(study):
    item = FactorFactory.build(study=study, kind="O", number=3, text=TOO_LONG)
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "A factor's text can be at most 2000 characters." in refused.value.messages
