"""The admin shows a study's texts in their own direction whatever its language: in the
English admin a Persian text reads right to left (change lists in `<bdi>`, text inputs and
textareas with dir="auto"), and sorting and searching by them still work."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action
from swot.models import Factor, Study
from tests.direction import Page
from tests.factories import UserFactory
from tests.helpers import MASHHAD_FIXTURE

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    return client


def page(client, url: str) -> Page:
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.content.decode()[:60]  # the English admin
    return Page(response.content.decode())


def read_their_own_way(page: Page, text: str) -> list[str]:
    """The tags holding `text`, each of which must let it take its own direction."""
    held = page.holders(text)
    assert held, f"{text!r} is not on the page"
    assert all(e.reads_its_own_way() for e in held), held
    return [e.tag for e in held]


@pytest.mark.parametrize(
    ("model", "item"),
    [
        ("swot_factor", lambda study: study.factors.get(kind="S", number=1)),
        ("strategies_strategy", lambda study: study.strategies.get(quadrant="WO", number=2)),
        ("actions_action", lambda study: study.actions.order_by("pk").first()),
    ],
    ids=["factors", "strategies", "actions"],
)
def test_a_change_list_shows_persian_texts_and_the_study_in_bdi(admin_client, mashhad, model, item):
    listed = page(admin_client, reverse(f"admin:{model}_changelist"))

    assert read_their_own_way(listed, item(mashhad).text) == ["bdi"]
    # The study's title: its column on every row, and its choice in the list filter.
    assert set(read_their_own_way(listed, mashhad.title)) == {"bdi"}


def test_the_study_list_shows_titles_and_cities_in_bdi(admin_client, mashhad):
    listed = page(admin_client, reverse("admin:swot_study_changelist"))

    assert read_their_own_way(listed, mashhad.title) == ["bdi"]
    assert read_their_own_way(listed, mashhad.city) == ["bdi", "bdi"]  # its cell, its filter


def test_the_factor_list_still_sorts_and_searches_by_text(admin_client, mashhad):
    by_text = admin_client.get(reverse("admin:swot_factor_changelist") + "?o=2")
    found = admin_client.get(reverse("admin:swot_factor_changelist"), {"q": "مشهد"})

    assert [f.text for f in by_text.context["cl"].result_list] == list(
        Factor.objects.order_by("text").values_list("text", flat=True)
    )
    assert 'class="sortable column-item_text' in by_text.content.decode()
    assert found.context["cl"].result_count == Factor.objects.filter(text__contains="مشهد").count()
    assert found.context["cl"].result_count > 0


def test_a_factor_form_gives_its_text_and_note_their_own_direction(admin_client, mashhad):
    s1 = mashhad.factors.get(kind="S", number=1)
    form = page(admin_client, reverse("admin:swot_factor_change", args=[s1.pk]))

    for name in ("text", "note"):
        assert form.field(name).attrs.get("dir") == "auto", name
    assert read_their_own_way(form, s1.text) == ["textarea"]
    assert all(o.attrs.get("dir") == "auto" for o in form.options("study"))


def test_a_study_form_and_its_factors_inline_give_texts_their_own_direction(admin_client, mashhad):
    form = page(admin_client, reverse("admin:swot_study_change", args=[mashhad.pk]))

    for name in ("title", "city", "subject", "source", "factors-0-text", "factors-0-note"):
        assert form.field(name).attrs.get("dir") == "auto", name
    assert form.field("title").attrs["value"] == mashhad.title


def test_a_strategy_form_and_its_inlines_give_texts_their_own_direction(admin_client, mashhad):
    wo2 = mashhad.strategies.get(quadrant="WO", number=2)
    form = page(admin_client, reverse("admin:strategies_strategy_change", args=[wo2.pk]))

    for name in ("text", "note"):
        assert form.field(name).attrs.get("dir") == "auto", name
    # The citations' factors and the action program's actions, named by their texts.
    for select in ("citations-0-factor", "action_links-0-action"):
        options = form.options(select)
        assert options and all(o.attrs.get("dir") == "auto" for o in options), select


def test_an_action_form_gives_its_text_its_own_direction(admin_client, mashhad):
    action = Action.objects.filter(study=mashhad).order_by("pk").first()
    form = page(admin_client, reverse("admin:actions_action_change", args=[action.pk]))

    assert form.field("text").attrs.get("dir") == "auto"
    assert read_their_own_way(form, action.text) == ["textarea"]


def test_loading_a_study_file_names_its_title_in_bdi(admin_client):
    upload = SimpleUploadedFile(MASHHAD_FIXTURE.name, MASHHAD_FIXTURE.read_bytes())
    loaded = admin_client.post(reverse("admin:swot_study_load"), {"file": upload}, follow=True)

    title = Study.objects.get(slug="mashhad-city-diplomacy").title
    # The breadcrumbs are Django's own, as they are (their markup differs between Django 5.2
    # and 6): the title in them is not counted here.
    held = [e for e in Page(loaded.content.decode()).holders(title) if not in_breadcrumbs(e)]
    # In the message (an English sentence), and as the heading of the study's page.
    assert [(e.tag, e.attrs, e.parent.tag) for e in held] == [
        ("bdi", {}, "li"),
        ("h2", {"dir": "auto"}, "div"),
    ]


def test_a_bad_study_file_problem_reads_its_own_way(admin_client):
    bad = "study: {slug: x, title: X, city: Y, language: فارسی}\n".encode()
    upload = SimpleUploadedFile("bad.yaml", bad)
    response = admin_client.post(reverse("admin:swot_study_load"), {"file": upload})

    assert response.status_code == 200
    problem = "study.language: 'فارسی' is not one of fa, en"
    assert read_their_own_way(Page(response.content.decode()), problem) == ["li"]
    assert not Study.objects.exists()


def in_breadcrumbs(element) -> bool:
    while element is not None:
        if (
            "breadcrumbs" in (element.attrs.get("class") or "")
            or element.attrs.get("aria-current") == "page"
        ):
            return True
        element = element.parent
    return False
