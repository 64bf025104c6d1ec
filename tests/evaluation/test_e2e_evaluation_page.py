"""The evaluation page in a real browser (Debian's chromium under Playwright): a weight edited
inline from the keyboard, the totals and the position following without a reload; and the
page, its open edit row and its council member's view passing axe-core's WCAG 2.2 AA rules."""

import json
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from evaluation.models import Assessment, QspmScore, SpaceVariable
from tests.browser import axe_violations, still_same_page
from tests.evaluation.studies import add_qspm
from tests.factories import UserFactory
from tests.helpers import analyst_user, factor, strategy

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
    competitive (ST). QSPM set SO scores S1 [4, 2]: SO1 0.30 × 4 = 1.20 → 0.80 × 4 = 3.20."""
    assess_two(mashhad_study)
    add_qspm(mashhad_study, "SO", 1, ["SO1", "SO2"], {"S1": [4, 2]})
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
    # The QSPM grid weighs its rows: it refreshes itself after the save.
    expect(page.locator("#qspm-sets tfoot")).to_contain_text("۳٫۲۰")
    assert Assessment.objects.get(factor=s1).weight == Decimal("0.800")
    still_same_page(page)


def test_analyst_adds_a_space_variable_and_scores_a_qspm_row(page, mashhad_study):
    """SP "Sanctions" −5: SP −5.00, y = 0 + (−5) = −5.00. QSPM set SO (SO1, SO2): W1 given
    only SO1's score is refused naming W1; then 3 and 1; then not relevant clears it."""
    assess_two(mashhad_study)
    qspm_set = add_qspm(mashhad_study, "SO", 1, ["SO1", "SO2"], {"S1": [4, 2]})
    page.goto(f"{page.url}evaluation/")
    page.evaluate("window.noReload = true")

    sp = page.locator("#space-SP")
    sp.locator("summary").click()
    sp.locator("input[name=name]").fill("تحریم‌ها")
    sp.locator("input[name=score]").fill("۵")  # a positive SP score: refused, naming it
    sp.locator("button", has_text="افزودن").click()
    expect(page.locator("#space-SP .errors")).to_contain_text("SP «تحریم‌ها»")
    page.locator("#space-SP input[name=score]").fill("-5")
    page.locator("#space-SP button", has_text="افزودن").click()
    expect(page.locator("#space-SP .space-variables")).to_contain_text("تحریم‌ها")
    # The add form stays open with the focus in its name, for the next variable.
    expect(page.locator("#add-SP-name")).to_be_focused()
    expect(page.locator(".space-figures")).to_contain_text("−۵٫۰۰")
    assert SpaceVariable.objects.get(name="تحریم‌ها").score == -5

    w1 = factor(mashhad_study, "W1")
    row = page.locator(f"#qspm-{qspm_set.pk}-{w1.pk}")
    row.locator(".tools a").click()
    first = row.locator("select").nth(0)
    expect(first).to_be_focused()
    first.select_option("3")
    row.locator("button", has_text="ذخیره").click()
    expect(page.locator("#qspm-sets .errors")).to_contain_text("W1")
    assert not QspmScore.objects.filter(factor=w1).exists()
    row.locator("select").nth(1).select_option("1")
    row.locator("button", has_text="ذخیره").click()
    expect(page.locator("#qspm-sets .errors")).to_have_count(0)
    scores = QspmScore.objects.filter(factor=w1).order_by("strategy__number")
    assert [(s.strategy, s.score) for s in scores] == [
        (strategy(mashhad_study, "SO1"), 3),
        (strategy(mashhad_study, "SO2"), 1),
    ]
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
    weight = row.locator("input[name=weight]")
    # Typed only once htmx has taken the swapped-in field up (its live check listens then).
    weight.wait_for()
    page.wait_for_function(
        "el => el['htmx-internal-data'] !== undefined", arg=weight.element_handle()
    )
    weight.fill("1.5")
    expect(row.locator(".errors")).to_contain_text("S1")
    settled(page)
    violations = axe_violations(page, "#ife")
    assert violations == [], shown(violations)


def test_an_open_space_form_with_its_error_and_an_open_qspm_row_pass(
    axe_page, users, mashhad_study
):
    qspm_set = add_qspm(mashhad_study, "SO", 1, ["SO1", "SO2"], {"S1": [4, 2]})
    page = axe_page(f"/studies/{SLUG}/evaluation/", "analyst")
    fp = page.locator("#space-FP")
    fp.locator("summary").click()
    fp.locator("input[name=name]").fill("بودجه")
    fp.locator("input[name=score]").fill("9")
    fp.locator("button", has_text="افزودن").click()
    expect(page.locator("#space-FP .errors")).to_contain_text("FP «بودجه»")
    settled(page)
    violations = axe_violations(page, "#space")
    assert violations == [], shown(violations)

    row = page.locator(f"#qspm-{qspm_set.pk}-{factor(mashhad_study, 'S1').pk}")
    row.locator(".tools a").click()
    expect(row.locator("select")).to_have_count(2)
    settled(page)
    violations = axe_violations(page, "#qspm")
    assert violations == [], shown(violations)
