"""The admin's action links (an action's strategies, a strategy's program) show and save how
each program words the action and its footnote, in their own direction, within their limits."""

import pytest
from django.urls import reverse

from actions.models import Action, ActionLink
from tests.direction import Page
from tests.factories import UserFactory
from tests.helpers import strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def summit(study):
    """ "Hold a summit", at SO1 with a wording of its own there."""
    action = Action.objects.get(text="Hold a summit")
    action.links.update(wording="Hold the summit here", footnote="As the source words it.")
    return action


@pytest.mark.parametrize(
    ("url", "prefix"),
    [
        (lambda s: reverse("admin:actions_action_change", args=[s.pk]), "links-0-"),
        (
            lambda s: reverse("admin:strategies_strategy_change", args=[s.links.get().strategy_id]),
            "action_links-0-",
        ),
    ],
    ids=["action", "strategy"],
)
def test_an_action_link_inline_shows_the_wording_and_footnote_either_way(
    admin_client, summit, url, prefix
):
    page = Page(admin_client.get(url(summit)).content.decode())

    for name, text in [
        ("wording", "Hold the summit here"),
        ("footnote", "As the source words it."),
    ]:
        field = page.field(prefix + name)
        assert (field.tag, field.attrs.get("dir")) == ("textarea", "auto"), name
        (holder,) = page.holders(text)
        assert holder is field
    # A tabular inline gives a column's help in its heading (an icon with the text as title).
    helps = [e.attrs.get("title") for e in page.elements if e.tag == "img"]
    assert "Blank: the program prints the action's own text." in helps


def action_form(action: Action, **link) -> dict:
    (place,) = action.links.all()
    data = {
        "study": action.study_id,
        "text": action.text,
        "links-TOTAL_FORMS": 1,
        "links-INITIAL_FORMS": 1,
        "links-0-id": place.pk,
        "links-0-action": action.pk,
        "links-0-strategy": place.strategy_id,
        "links-0-position": place.position,
        "links-0-wording": place.wording,
        "links-0-footnote": place.footnote,
    }
    return data | {f"links-0-{name}": value for name, value in link.items()}


def test_an_admin_rewords_an_action_at_one_place_and_clears_it(admin_client, summit):
    url = reverse("admin:actions_action_change", args=[summit.pk])
    saved = admin_client.post(url, action_form(summit, wording="Hold it  in Mashhad"))

    assert saved.status_code == 302
    place = summit.links.get()
    assert place.wording == "Hold it in Mashhad"  # normalised as every text is

    admin_client.post(url, action_form(summit, wording="", footnote=""))
    place.refresh_from_db()
    assert (place.wording, place.footnote) == ("", "")


@pytest.mark.parametrize(
    ("name", "label", "most"), [("wording", "Wording here", 2000), ("footnote", "Footnote", 1000)]
)
def test_a_wording_or_footnote_over_its_limit_is_refused_naming_it(
    admin_client, summit, name, label, most
):
    url = reverse("admin:actions_action_change", args=[summit.pk])
    response = admin_client.post(url, action_form(summit, **{name: "x" * (most + 1)}))

    assert response.status_code == 200
    (formset,) = response.context["inline_admin_formsets"]
    assert formset.formset.forms[0].errors[name] == [
        f"{label} can be at most {most} characters; this one has {most + 1}."
    ]
    assert ActionLink.objects.get(action=summit).wording == "Hold the summit here"


def test_a_strategys_program_inline_offers_its_wording_beside_the_action(admin_client, study):
    so1 = strategy(study, "SO1")
    url = reverse("admin:strategies_strategy_change", args=[so1.pk])
    formset = next(
        f.formset
        for f in admin_client.get(url).context["inline_admin_formsets"]
        if f.formset.prefix == "action_links"
    )
    assert list(formset.forms[0].fields)[:4] == ["position", "action", "wording", "footnote"]
