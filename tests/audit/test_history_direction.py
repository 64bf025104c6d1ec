"""The History page's user texts read in their own direction whatever the page's: a Persian
text right to left in an English study's history, an English one left to right in a Persian
one (dir="auto" on the element holding only the text, `<bdi>` inside a sentence)."""

import pytest
from django.urls import reverse

from actions.models import Action, ActionLink
from swot.models import Study
from tests.audit.reading import deletion, entries, flash, history, restore
from tests.direction import Page
from tests.helpers import analyst_user, factor, small_matrix_study

pytestmark = pytest.mark.django_db

PILGRIMS = "گردشگری زیارتی"
PILGRIMS_AND_HEALTH = "گردشگری زیارتی و سلامت"


def history_page(client, study) -> Page:
    response = client.get(reverse("study-history", args=[study.slug]))
    assert response.status_code == 200
    return Page(response.content.decode())


def page_direction(page: Page) -> str:
    (container,) = [e for e in page.elements if "history" in e.attrs.get("class", "").split()]
    return container.attrs["dir"]


@pytest.mark.parametrize(
    ("language", "direction", "first", "second"),
    [
        (Study.Language.ENGLISH, "ltr", PILGRIMS, PILGRIMS_AND_HEALTH),
        (Study.Language.PERSIAN, "rtl", "Pilgrimage tourism", "Pilgrimage and health tourism"),
    ],
    ids=["persian-text-in-an-english-study", "english-text-in-a-persian-study"],
)
def test_an_edited_factor_text_reads_its_own_way_before_and_after(
    analyst, language, direction, first, second
):
    study = small_matrix_study(language)
    s4 = factor(study, "S4")
    for text in (first, second):
        edited = analyst.post(reverse("factor-edit", args=[s4.pk]), {"text": text})
        assert edited.status_code == 302

    response = analyst.get(reverse("study-history", args=[study.slug]))
    page = Page(response.content.decode())

    assert 'lang="en"' in response.content.decode()[:80]  # the English interface
    assert page_direction(page) == direction
    changed = entries(response)[0]["changes"]
    assert changed.endswith(f"{first} {'←' if direction == 'rtl' else '→'} {second}")
    # `first` twice: the new wording of the first edit, the old one of the second.
    assert [(e.tag, e.reads_its_own_way()) for e in page.holders(first)] == [
        ("del", True),
        ("ins", True),
    ]
    assert [(e.tag, e.reads_its_own_way()) for e in page.holders(second)] == [("ins", True)]


def test_a_persian_action_text_is_isolated_in_the_english_sentence(analyst, study):
    office = ActionLink.objects.get(action__text="Open an office")
    office.action.text = "گشایش دفتر نمایندگی"
    office.action.save()
    assert analyst.post(reverse("link-detach", args=[office.pk])).status_code == 302

    page = history_page(analyst, study)

    assert history(analyst, study)[0]["what"] == "Action “گشایش دفتر نمایندگی” detached from SO1"
    held = page.holders("گشایش دفتر نمایندگی")
    assert held and all(e.reads_its_own_way() for e in held)
    # In the sentence: the text in <bdi>, the code too; the sentence is the cell's own.
    assert ("bdi", "what") in [(e.tag, e.parent.attrs.get("class")) for e in held]
    assert {e.tag for e in page.holders("SO1")} == {"bdi"}
    assert [e.tag for e in page.holders("” detached from")] == ["td"]


def test_the_author_and_the_study_title_read_their_own_way(client, study):
    Study.objects.filter(pk=study.pk).update(title="دیپلماسی شهری")
    client.force_login(analyst_user(first_name="مریم", last_name="کریمی"))
    client.cookies["django_language"] = "en"
    assert client.post(reverse("factor-delete", args=[factor(study, "S2").pk])).status_code == 302

    page = history_page(client, study)

    assert {e.tag for e in page.holders("مریم کریمی")} == {"bdi"}
    (title,) = page.holders("دیپلماسی شهری")
    assert (title.tag, title.attrs.get("dir")) == ("a", "auto")


def test_a_restored_persian_action_is_isolated_in_the_message(analyst, study):
    summit = Action.objects.get(text="Hold a summit")
    summit.text = "برگزاری اجلاس"
    summit.save()
    summit.delete()  # e.g. in the admin: its links go with it

    restored = restore(analyst, study, deletion(analyst, study, "Action “برگزاری اجلاس” deleted"))
    shown = analyst.get(restored.url)

    assert flash(shown)[0].startswith("Action “برگزاری اجلاس” restored.")
    held = Page(shown.content.decode()).holders("برگزاری اجلاس")
    assert held and all(e.reads_its_own_way() for e in held)
    assert ("bdi", "flash") in [(e.tag, e.parent.attrs.get("class")) for e in held]
