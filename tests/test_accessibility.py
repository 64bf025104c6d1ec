"""Every page and every opened panel passes axe-core's WCAG 2.2 AA rules (the team standard),
in Persian and in the English interface, for an analyst and for a council member."""

import json

import pytest
from playwright.sync_api import expect

from swot.changes import delete_factor
from tests.browser import axe_violations, open_panel
from tests.factories import UserFactory
from tests.helpers import analyst_user, factor, strategy

pytestmark = pytest.mark.django_db(transaction=True)


def shown(violations: list[dict]) -> str:
    """The violations, one rule after another with the elements it found, for the message."""
    return json.dumps(violations, ensure_ascii=False, indent=1)


SLUG = "mashhad-city-diplomacy"


@pytest.fixture
def users(mashhad_study):
    analyst_user(username="analyst", password="analyst-pw")
    # A council member reads and may change nothing: a user without the analyst's rights.
    UserFactory(username="council", password="council-pw")


@pytest.mark.parametrize(
    ("path", "user", "language"),
    [
        pytest.param("/accounts/login/", None, "fa", id="login"),
        pytest.param("/accounts/login/", None, "en", id="login-en"),
        pytest.param("/", "analyst", "fa", id="study-list"),
        pytest.param("/", "council", "en", id="study-list-en"),
        pytest.param(f"/studies/{SLUG}/", "analyst", "fa", id="study-analyst"),
        pytest.param(f"/studies/{SLUG}/", "council", "fa", id="study-council"),
        pytest.param(f"/studies/{SLUG}/", "analyst", "en", id="study-analyst-en"),
        pytest.param(f"/studies/{SLUG}/", "council", "en", id="study-council-en"),
        pytest.param(f"/studies/{SLUG}/history/", "analyst", "fa", id="history"),
        pytest.param(f"/studies/{SLUG}/history/", "analyst", "en", id="history-en"),
        pytest.param(f"/studies/{SLUG}/report/combined/", "council", "fa", id="print-preview"),
        pytest.param(f"/studies/{SLUG}/report/table3/", "council", "en", id="print-preview-en"),
    ],
)
def test_every_page_passes(axe_page, users, mashhad_study, path, user, language):
    # Something for the History page to list: an edit and a deletion the analyst may restore.
    s1 = factor(mashhad_study, "S1")
    s1.text += " (ویرایش‌شده)"
    s1.save()
    delete_factor(factor(mashhad_study, "T7"))
    page = axe_page(path, user, language)
    violations = axe_violations(page)
    assert violations == [], shown(violations)


@pytest.fixture
def study_page(axe_page, users):
    page = axe_page(f"/studies/{SLUG}/", "analyst")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("summary", ["عوامل ارجاع‌شده", "برنامهٔ اقدام"], ids=["chips", "program"])
def test_a_strategys_opened_panel_passes(study_page, mashhad_study, summary):
    card = f"#strategy-{strategy(mashhad_study, 'SO1').pk}"
    open_panel(study_page, study_page.locator(card), summary)
    violations = axe_violations(study_page, card)
    assert violations == [], shown(violations)


@pytest.mark.parametrize("tool", ["ویرایش", "حذف"], ids=["edit-form", "delete-confirmation"])
def test_a_factors_edit_form_and_delete_confirmation_pass(study_page, mashhad_study, tool):
    item = study_page.locator(f"#factor-{factor(mashhad_study, 'S2').pk}")
    item.locator(".tools a", has_text=tool).click()
    expect(item.locator("form.edit, .confirm")).to_have_count(1)
    study_page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")
    violations = axe_violations(study_page, "#factors-S")
    assert violations == [], shown(violations)


def test_the_add_a_factor_panel_passes(study_page):
    opportunities = study_page.locator("#factors-O")
    opportunities.locator("summary", has_text="افزودن عامل").click()
    expect(opportunities.locator("textarea[name=text]")).to_be_visible()
    violations = axe_violations(study_page, "#factors-O")
    assert violations == [], shown(violations)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_study_page_on_a_phone_passes(axe_page, users, language):
    """At 390 px the jump menu sticks to the top and scrolls sideways: a scrolling region,
    which must be reachable from the keyboard like the rest."""
    page = axe_page(f"/studies/{SLUG}/", "analyst", language)
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("nav.jump")).to_have_css("position", "sticky")
    violations = axe_violations(page)
    assert violations == [], shown(violations)
