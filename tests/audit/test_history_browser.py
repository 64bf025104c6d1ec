"""The History page in Chromium with its restore buttons: it passes axe-core in Persian (right
to left) and English, and "Restore the earlier wording" works from the keyboard."""

import json

import pytest
from playwright.sync_api import expect

from swot.changes import delete_factor
from tests.browser import axe_violations
from tests.helpers import analyst_user, factor

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "mashhad-city-diplomacy"
# The page reads in the study's language (Persian here), whatever the menus'.
RESTORE_WORDING = "بازگرداندن متن پیشین"


@pytest.fixture
def edited(mashhad_study):
    """S1 edited twice, T7 deleted: both restore buttons on the page."""
    analyst_user(username="analyst", password="analyst-pw")
    s1 = factor(mashhad_study, "S1")
    original = s1.text
    for text in (f"{original} (ویرایش‌شده)", "متن تازه"):
        s1.text = text
        s1.save()
    delete_factor(factor(mashhad_study, "T7"))
    return original


@pytest.mark.parametrize(("language", "direction"), [("fa", "rtl"), ("en", "ltr")])
def test_the_history_with_its_restore_buttons_passes_axe(axe_page, edited, language, direction):
    page = axe_page(f"/studies/{SLUG}/history/", "analyst", language)

    expect(page.locator(".history")).to_have_attribute("dir", "rtl")  # a Persian study
    expect(page.locator("html")).to_have_attribute("dir", direction)  # the menus
    expect(page.get_by_role("button", name=RESTORE_WORDING)).to_have_count(2)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_the_earlier_wording_is_restored_from_the_keyboard(axe_page, mashhad_study, edited):
    page = axe_page(f"/studies/{SLUG}/history/", "analyst", "fa")
    # The older edit's button: the wording from the study file.
    buttons = page.get_by_role("button", name=RESTORE_WORDING)
    buttons.last.focus()
    page.keyboard.press("Enter")

    expect(page.locator("p.flash")).to_contain_text("متن پیشین عامل S1 بازگردانده شد.")
    expect(page.locator(".history-table tbody tr").first).to_contain_text(
        "عامل S1: متن پیشین بازگردانده شد"
    )
    assert factor(mashhad_study, "S1").text == edited
