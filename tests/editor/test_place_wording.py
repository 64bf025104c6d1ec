"""A shared action worded differently in one program: its place's wording and footnote, edited
beside the action's text, shown under it at that place only, refused when stale or too long."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from accounts.roles import COUNCIL_MEMBER, give_role
from actions.models import Action, ActionLink
from tests.browser import axe_violations, open_panel
from tests.direction import Page
from tests.factories import UserFactory
from tests.helpers import HX, analyst_user, strategy, swaps

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(study):
    """The action "Hold a summit" at SO1 (here) and, shared, at ST1 (there)."""
    summit = Action.objects.get(text="Hold a summit")
    there = ActionLink.objects.create(strategy=strategy(study, "ST1"), action=summit, position=1)
    here = summit.links.get(strategy=strategy(study, "SO1"))
    return summit, here, there


def edit_url(link: ActionLink) -> str:
    return reverse("action-edit", args=[link.action_id]) + f"?link={link.pk}"


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def opened(client: Client, link: ActionLink) -> dict[str, str]:
    """The edit form at `link` as the browser opens it: the hidden values it carries."""
    form = Page(client.get(edit_url(link), headers=HX).text)
    return {name: form.field(name).attrs["value"] for name in ("version", "stamp")}


def test_an_analyst_words_a_shared_action_differently_in_one_program(analyst, places):
    summit, here, there = places
    carried = opened(analyst, here)
    response = analyst.post(
        edit_url(here),
        {"text": "Hold a summit", "wording": "Hold the summit in Mashhad",
         "footnote": "As the source words it.", **carried},
        headers=HX,
    )  # fmt: skip

    assert response.status_code == 200
    for row in (here, there, summit):
        row.refresh_from_db()
    assert here.wording == "Hold the summit in Mashhad"
    assert here.footnote == "As the source words it."
    assert (there.wording, there.footnote) == ("", "")
    assert (summit.text, summit.version) == ("Hold a summit", 1)  # the action is not written
    # Only this place is swapped: the text the other places show has not changed.
    assert swaps(response.text) == ([f"link-{here.pk}"], [])
    assert "در این برنامه چنین چاپ می‌شود: «<bdi>Hold the summit in Mashhad</bdi>»" in response.text
    assert "پانویس: <bdi>As the source words it.</bdi>" in response.text


def test_an_analyst_clears_a_wording_and_the_place_shows_the_actions_text_alone(analyst, places):
    summit, here, __ = places
    ActionLink.objects.filter(pk=here.pk).update(wording="Hold the summit", footnote="A note.")
    carried = opened(analyst, here)
    response = analyst.post(
        edit_url(here), {"text": summit.text, "wording": "", "footnote": "", **carried}, headers=HX
    )

    here.refresh_from_db()
    assert (here.wording, here.footnote) == ("", "")
    assert swaps(response.text) == ([f"link-{here.pk}"], [])
    assert 'class="note printed"' not in response.text
    assert 'class="note footnote"' not in response.text
    assert '<span class="action-text" dir="auto">Hold a summit</span>' in response.text


def test_a_new_text_with_a_wording_shows_at_the_other_places_of_the_action(analyst, places):
    summit, here, there = places
    carried = opened(analyst, here)
    response = analyst.post(
        edit_url(here),
        {"text": "Hold a yearly summit", "wording": "Hold it here", "footnote": "", **carried},
        headers=HX,
    )

    assert swaps(response.text) == ([f"link-{here.pk}"], [f"link-{there.pk}-action"])
    assert response.text.count("Hold a yearly summit") == 2
    here.refresh_from_db()
    there.refresh_from_db()
    assert (here.wording, there.wording) == ("Hold it here", "")
    assert Action.objects.get(pk=summit.pk).text == "Hold a yearly summit"


def test_the_edit_form_at_a_place_has_labelled_wording_and_footnote_fields(analyst, places):
    __, here, __ = places
    ActionLink.objects.filter(pk=here.pk).update(wording="Its wording", footnote="Its footnote")
    form = Page(english(analyst).get(edit_url(here), headers=HX).text)

    for name, label, hint in [
        ("wording", "Wording in this program", "Blank: the action's own text. At most 2000"),
        ("footnote", "Footnote", "Printed at the foot of the page. At most 1000"),
    ]:
        field = form.field(name)
        assert field.attrs["dir"] == "auto"
        (shown_label,) = form.holders(label)
        assert (shown_label.tag, shown_label.attrs["for"]) == ("label", field.attrs["id"])
        (shown_hint,) = form.holders(f"{hint} characters.")
        assert shown_hint.attrs["id"] == field.attrs["aria-describedby"]
    (wording,) = form.holders("Its wording")
    assert wording.tag == "textarea"
    assert form.field("footnote").attrs["value"] == "Its footnote"


def test_the_wording_fields_are_only_at_a_place_not_in_the_unattached_actions(analyst, study):
    lonely = Action.objects.create(study=study, text="Lonely")
    response = analyst.get(reverse("action-edit", args=[lonely.pk]), headers=HX)
    assert 'name="text"' in response.text and 'name="wording"' not in response.text


@pytest.mark.parametrize(
    ("field", "label", "most"),
    [("wording", "Wording in this program", 2000), ("footnote", "Footnote", 1000)],
)
def test_a_wording_or_footnote_over_its_limit_is_refused_naming_it(
    analyst, places, field, label, most
):
    summit, here, there = places
    carried = opened(english(analyst), here)
    data = {"text": "A new text", "wording": "", "footnote": "", **carried}
    data[field] = "x" * (most + 1)
    response = analyst.post(edit_url(here), data, headers=HX)

    assert response.status_code == 200
    assert f"{label} can be at most {most} characters; this one has {most + 1}." in response.text
    assert Page(response.text).field(field).attrs["aria-invalid"] == "true"
    # Nothing is written: neither the place nor the action's new text.
    here.refresh_from_db()
    assert (here.wording, here.footnote) == ("", "")
    assert Action.objects.get(pk=summit.pk).text == "Hold a summit"


def test_a_council_member_may_not_word_a_place(client, places):
    summit, here, __ = places
    council = UserFactory()
    give_role(council, COUNCIL_MEMBER)
    client.force_login(council)
    data = {"text": summit.text, "wording": "Mine", "footnote": "Mine too"}

    assert client.get(edit_url(here), headers=HX).status_code == 403
    assert client.post(edit_url(here), data, headers=HX).status_code == 403
    here.refresh_from_db()
    assert (here.wording, here.footnote) == ("", "")


def analyst_client() -> Client:
    client = Client()
    client.force_login(analyst_user())
    return english(client)


def test_a_wording_saved_by_someone_else_meanwhile_is_not_overwritten(places):
    summit, here, __ = places
    first, second = analyst_client(), analyst_client()
    first_form, second_form = opened(first, here), opened(second, here)
    first.post(
        edit_url(here),
        {"text": summit.text, "wording": "First's wording", "footnote": "", **first_form},
        headers=HX,
    )
    stale = second.post(
        edit_url(here),
        {"text": "Second's text", "wording": "Second's wording", "footnote": "", **second_form},
        headers=HX,
    )

    here.refresh_from_db()
    assert here.wording == "First's wording"
    assert Action.objects.get(pk=summit.pk).text == "Hold a summit"  # all or nothing
    assert "Someone else changed how this program words the action" in stale.text
    assert "<bdi>First&#x27;s wording</bdi></blockquote>" in stale.text
    form = Page(stale.text)
    assert form.holders("Second's wording")[0].tag == "textarea"  # the analyst's typing stays
    assert form.field("stamp").attrs["value"] != second_form["stamp"]

    # Saving the shown form now replaces theirs, knowingly.
    resaved = {"text": "Second's text", "wording": "Second's wording", "footnote": ""}
    resaved |= {name: form.field(name).attrs["value"] for name in ("version", "stamp")}
    chosen = second.post(edit_url(here), resaved, headers=HX)
    assert "Someone else" not in chosen.text
    here.refresh_from_db()
    assert here.wording == "Second's wording"
    assert Action.objects.get(pk=summit.pk).text == "Second's text"


def test_a_wording_left_as_opened_keeps_what_someone_else_saved_meanwhile(places):
    summit, here, __ = places
    first, second = analyst_client(), analyst_client()
    second_form = opened(second, here)
    first.post(
        edit_url(here),
        {"text": summit.text, "wording": "", "footnote": "First's footnote", **opened(first, here)},
        headers=HX,
    )
    # The second analyst only changes the text: the footnote they did not touch stays.
    saved = second.post(
        edit_url(here),
        {"text": "Second's text", "wording": "", "footnote": "", **second_form},
        headers=HX,
    )

    assert "Someone else" not in saved.text
    here.refresh_from_db()
    assert here.footnote == "First's footnote"
    assert Action.objects.get(pk=summit.pk).text == "Second's text"


def test_a_reader_sees_the_wording_and_footnote_under_the_actions_text(client, places):
    __, here, there = places
    ActionLink.objects.filter(pk=here.pk).update(
        wording="<b>Hold</b> the summit here", footnote="Worded as in the source"
    )
    client.force_login(UserFactory())
    page = english(client).get(reverse("study", args=["small"])).text

    shown = Page(page)
    (wording,) = shown.holders("<b>Hold</b> the summit here")
    assert (wording.tag, wording.parent.tag, wording.parent.attrs["class"]) == (
        "bdi", "small", "note printed",
    )  # fmt: skip
    assert "printed here as «<bdi>&lt;b&gt;Hold&lt;/b&gt; the summit here</bdi>»" in page
    assert "footnote: <bdi>Worded as in the source</bdi>" in page
    # Under the action's text at this place, inside what its other places' edits swap.
    item = page.split(f'id="link-{here.pk}-action"')[1].split("</li>")[0]
    assert item.index("Hold a summit") < item.index("printed here as")
    other = page.split(f'id="link-{there.pk}-action"')[1].split("</li>")[0]
    assert "printed here" not in other and "footnote" not in other


def test_without_javascript_the_form_opens_at_that_place_only_and_saves(analyst, places):
    summit, here, there = places
    page = Page(analyst.get(edit_url(here)).text)
    (wording,) = [e for e in page.elements if e.attrs.get("name") == "wording"]
    assert wording.attrs["id"] == f"place-{here.pk}-wording"

    carried = {name: page.field(name).attrs["value"] for name in ("version", "stamp")}
    response = analyst.post(
        edit_url(here), {"text": summit.text, "wording": "Here", "footnote": "", **carried}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#link-{here.pk}")
    here.refresh_from_db()
    assert here.wording == "Here"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_edit_form_at_a_place_and_its_errors_pass_axe(axe_page, mashhad_study, language):
    """WCAG 2.2 AA (axe-core), as for the other opened panels (tests/test_accessibility.py):
    the form with its two new fields, then refused with an error on one of them."""
    analyst_user(username="analyst", password="analyst-pw")
    so1 = strategy(mashhad_study, "SO1")
    first, second = so1.action_links.order_by("position")[:2]
    ActionLink.objects.filter(pk=second.pk).update(wording="به گونه‌ای دیگر", footnote="Source")
    page = axe_page(f"/studies/{mashhad_study.slug}/", "analyst", language)
    card = f"#strategy-{so1.pk}"
    open_panel(page, page.locator(card), "برنامهٔ اقدام" if language == "fa" else "Action program")
    item = page.locator(f"#link-{first.pk}")
    item.locator(".tools a").first.click()  # Edit
    expect(item.locator("textarea[name=wording]")).to_be_visible()
    settled = "() => !document.querySelector('.htmx-request, .htmx-settling')"
    page.wait_for_function(settled)
    violations = axe_violations(page, card)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)

    item.locator("textarea[name=wording]").fill("x" * 2001)
    item.locator("button.primary").click()
    expect(item.locator("textarea[name=wording][aria-invalid=true]")).to_have_count(1)
    page.wait_for_function(settled)
    violations = axe_violations(page, card)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
