"""The evaluation page in a real browser (Debian's chromium under Playwright): a weight edited
inline from the keyboard, the totals and the position following without a reload; and the
page, its open edit row and its council member's view passing axe-core's WCAG 2.2 AA rules."""

import json
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from evaluation.models import Assessment
from tests.browser import axe_violations, still_same_page
from tests.factories import UserFactory
from tests.helpers import analyst_user, factor

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "mashhad-city-diplomacy"


def assess_two(study) -> None:
    """S1 0.30 × 4 = 1.20 and W1 0.20 × 1 = 0.20: IFE 1.40 (weights 0.50); EFE unweighed,
    0.00: defensive (WT)."""
    Assessment.objects.create(factor=factor(study, "S1"), weight=Decimal("0.30"), rating=4)
    Assessment.objects.create(factor=factor(study, "W1"), weight=Decimal("0.20"), rating=1)


def settled(page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
    )


def test_analyst_edits_a_weight_from_the_keyboard_and_the_totals_follow(page, mashhad_study):
    """S1's weight 0.30 → 0.80: IFE 0.80 × 4 + 0.20 × 1 = 3.40, weights 1.00; EFE 0.00:
    competitive (ST)."""
    assess_two(mashhad_study)
    page.get_by_role("link", name="ارزیابی (IFE، EFE، SPACE، QSPM)").click()
    expect(page.locator("h1")).to_contain_text("ارزیابی")
    page.evaluate("window.noReload = true")
    s1 = factor(mashhad_study, "S1")
    row = page.locator(f"#assessment-{s1.pk}")
    totals = page.locator("#ife-totals")
    expect(totals).to_contain_text("۱٫۴۰")
    expect(page.locator("#summary")).to_contain_text("جایگاه: تدافعی (WT)")

    # From the keyboard: the row's Edit link, Enter; the weight field has the focus.
    row.locator(".tools a").focus()
    page.keyboard.press("Enter")
    weight = row.locator("input[name=weight]")
    expect(weight).to_be_focused()
    settled(page)
    # An invalid weight: the live check names the factor; nothing is saved.
    weight.fill("1.5")
    expect(row.locator(".errors")).to_contain_text("S1")
    expect(weight).to_be_focused()
    assert Assessment.objects.get(factor=s1).weight == Decimal("0.300")
    # Escape cancels: the row as it was, focus kept on it.
    page.keyboard.press("Escape")
    expect(row.locator("input[name=weight]")).to_have_count(0)
    expect(row).to_contain_text("۰٫۳۰")

    row.locator(".tools a").focus()
    page.keyboard.press("Enter")
    expect(weight).to_be_focused()
    settled(page)
    page.keyboard.press("Control+A")
    page.keyboard.type("۰٫۸")
    page.keyboard.press("Control+Enter")
    expect(row.locator("input[name=weight]")).to_have_count(0)
    expect(row).to_contain_text("۰٫۸۰")
    # Out of band, without a reload: the IFE total, the weights' sum, the position.
    expect(totals).to_contain_text("۳٫۴۰")
    expect(totals).to_contain_text("جمع وزن‌ها ۱٫۰۰ است.")
    expect(page.locator("#summary")).to_contain_text("جایگاه: رقابتی (ST)")
    assert Assessment.objects.get(factor=s1).weight == Decimal("0.800")
    still_same_page(page)


def shown(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.fixture
def users(mashhad_study):
    analyst_user(username="analyst", password="analyst-pw")
    UserFactory(username="council", password="council-pw")  # reads, changes nothing
    assess_two(mashhad_study)


@pytest.mark.parametrize(
    ("user", "language"),
    [("analyst", "fa"), ("council", "fa"), ("analyst", "en")],
    ids=["analyst", "council", "analyst-en"],
)
def test_the_evaluation_page_passes(axe_page, users, user, language):
    page = axe_page(f"/studies/{SLUG}/evaluation/", user, language)
    expect(page.locator("#ife")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], shown(violations)


def test_an_open_edit_row_and_its_error_pass(axe_page, users, mashhad_study):
    page = axe_page(f"/studies/{SLUG}/evaluation/", "analyst")
    row = page.locator(f"#assessment-{factor(mashhad_study, 'S1').pk}")
    row.locator(".tools a").click()
    row.locator("input[name=weight]").fill("1.5")
    expect(row.locator(".errors")).to_contain_text("S1")
    settled(page)
    violations = axe_violations(page, "#ife")
    assert violations == [], shown(violations)
