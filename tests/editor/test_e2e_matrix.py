"""The matrix editor in a real browser: Debian's chromium driven by Playwright, headless."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import Action, ActionLink
from editor.matrix import load_strategy
from swot.models import Factor
from tests.browser import ARTIFACTS, open_panel, still_same_page, strategy_card

pytestmark = pytest.mark.django_db(transaction=True)


def shown_citations(card) -> str:
    text = card.locator(".cites").first.inner_text()
    return re.sub(r"\s+", " ", text).strip("() ")


def test_analyst_adds_a_factor_and_cites_it_from_a_strategy(page, mashhad_study):
    opportunities = page.locator("#factors-O")
    opportunities.locator("summary", has_text="افزودن عامل").click()
    opportunities.locator("input[name=note]").fill("یادداشت تایپ‌شده")
    opportunities.locator("button", has_text="افزودن").click()
    # Empty text: the error shows next to the field and the note typed is kept.
    expect(opportunities.locator(".errors")).to_have_text("متن را بنویسید.")
    expect(opportunities.locator("input[name=note]")).to_have_value("یادداشت تایپ‌شده")
    opportunities.locator("textarea[name=text]").fill("همکاری با شهرهای خواهرخوانده")
    opportunities.locator("button", has_text="افزودن").click()
    new_item = opportunities.locator("li.factor", has_text="همکاری با شهرهای خواهرخوانده")
    expect(new_item.locator(".code")).to_have_text("O11")

    card, so2 = strategy_card(page, mashhad_study, "SO2")
    chip = card.locator("button.chip[data-code=O11]")
    expect(card.locator("button.chip")).to_have_count(0)  # the chips load when opened
    open_panel(page, card, "عوامل ارجاع‌شده")
    expect(chip).to_have_count(1)  # and they offer the new O11
    expect(chip).to_have_attribute("aria-pressed", "false")
    chip.click()
    expect(card.locator("button.chip[data-code=O11]")).to_have_attribute("aria-pressed", "true")
    expect(card.locator(".cites")).to_contain_text("11")
    assert shown_citations(card) == load_strategy(so2.pk).compact
    assert "O1,3,5,6,7,8,11" in load_strategy(so2.pk).compact
    # Only SO's kinds are offered as chips.
    codes = card.locator("button.chip").evaluate_all("els => els.map(e => e.dataset.code)")
    assert {c[0] for c in codes} == {"S", "O"}
    # O11 is now cited, so the gaps panel no longer lists it.
    expect(page.locator("#gaps")).not_to_contain_text("O11")
    still_same_page(page)


def test_analyst_attaches_an_existing_action_to_a_second_strategy(page, mashhad_study):
    card, wo2 = strategy_card(page, mashhad_study, "WO2")
    actions_before = Action.objects.count()
    open_panel(page, card, "برنامهٔ اقدام")
    card.locator("input[type=search]").fill("آیسسکو")
    result = card.locator(".results button.attach-result").first
    expect(result).to_contain_text("آیسسکو")
    chosen = result.inner_text()
    result.click()
    expect(card.locator("ol.actions > li")).to_have_count(3)
    expect(card.locator("ol.actions > li").nth(2)).to_contain_text(chosen)
    assert Action.objects.count() == actions_before  # shared, not copied
    action = Action.objects.get(text=chosen)
    assert wo2 in action.strategies.all() and action.strategies.count() > 1
    still_same_page(page)


def test_analyst_reorders_an_action_program_with_the_keyboard(page, mashhad_study):
    card, so1 = strategy_card(page, mashhad_study, "SO1")
    open_panel(page, card, "برنامهٔ اقدام")
    items = card.locator("ol.actions > li .action-text")
    first, second = items.nth(0).inner_text(), items.nth(1).inner_text()
    move_down = card.locator("ol.actions > li").first.locator("button[value=down]")
    move_down.focus()
    page.keyboard.press("Enter")
    expect(card.locator("ol.actions > li .action-text").nth(0)).to_have_text(second)
    expect(card.locator("ol.actions > li .action-text").nth(1)).to_have_text(first)
    links = ActionLink.objects.filter(strategy=so1).select_related("action")
    assert [link.action.text for link in links][:2] == [second, first]
    still_same_page(page)


def test_analyst_deletes_a_cited_factor_after_confirming(page, mashhad_study):
    s4 = mashhad_study.factors.get(kind="S", number=4)
    s5 = mashhad_study.factors.get(kind="S", number=5)
    citing_s5 = sorted(s.code for s in s5.strategies.all())
    strengths = page.locator("#factors-S")
    strengths.locator(f"#factor-{s4.pk} a.danger").click()
    confirm = strengths.locator(".confirm")
    expect(confirm).to_be_visible()
    citing_s4 = sorted(s.code for s in s4.strategies.all())
    for code in citing_s4:
        expect(confirm).to_contain_text(code)
    confirm.locator("button.danger").click()
    expect(strengths.locator("li.factor")).to_have_count(12)
    expect(page.locator(f"#factor-{s5.pk} .code")).to_have_text("S4")
    # Every quadrant refreshed: strategies that cited S5 now show S4.
    for code in citing_s5:
        card, strategy = strategy_card(page, mashhad_study, code)
        renumbered = load_strategy(strategy.pk).compact
        assert strategy.factors.filter(pk=s5.pk, number=4).exists()
        expect(card.locator(".cites")).to_have_text(f"({renumbered})")
    still_same_page(page)


def test_matrix_screenshot_is_saved_as_an_artifact(page):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "mashhad-matrix.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 50_000
    # The README's picture: what an analyst sees on opening the study.
    page.screenshot(path=str(ARTIFACTS / "mashhad-matrix-top.png"))
    # Keyboard focus is visible: the focused chip gets an outline.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_history_and_print_preview_open_under_the_policy_with_nothing_refused(
    page, live_server, mashhad_study
):
    page.goto(f"{live_server.url}/studies/{mashhad_study.slug}/report/table3/")
    expect(page.locator("table.strategies tbody tr")).to_have_count(12)
    # The stylesheet applied (a blocked one would leave the header row unstyled).
    header = page.locator("table.strategies thead th").first
    assert header.evaluate("th => getComputedStyle(th).fontWeight") == "700"
    page.goto(f"{live_server.url}/studies/{mashhad_study.slug}/history/")
    expect(page.locator("h1")).to_have_text("تاریخچهٔ تغییرات")
    page.wait_for_timeout(200)
    assert page.refused == []


def test_analyst_opens_a_strategys_panels_which_load_then_edits_in_them(page, mashhad_study):
    card, wt1 = strategy_card(page, mashhad_study, "WT1")
    # The chips and the program's tools are not on the page until their panel opens.
    expect(card.locator("button.chip")).to_have_count(0)
    expect(card.locator("ol.actions button[value=up]")).to_have_count(0)

    open_panel(page, card, "عوامل ارجاع‌شده")
    chip = card.locator("button.chip[data-code=W5]")
    expect(chip).to_have_attribute("aria-pressed", "false")  # WT1 cites W1–4 and T3, 5, 7
    chip.click()
    expect(card.locator("button.chip[data-code=W5]")).to_have_attribute("aria-pressed", "true")
    expect(card.locator(".cites")).to_contain_text("W1,2,3,4,5")
    assert load_strategy(wt1.pk).compact == "W1,2,3,4,5 T3,5,7"

    open_panel(page, card, "برنامهٔ اقدام")
    expect(card.locator("ol.actions button[value=up]")).to_have_count(2)
    card.locator("ol.actions > li").first.locator("a", has_text="ویرایش").click()
    card.locator("ol.actions textarea[name=text]").fill("متن تازهٔ اقدام")
    card.locator("ol.actions button.primary").click()
    expect(card.locator("ol.actions > li .action-text").first).to_have_text("متن تازهٔ اقدام")
    assert load_strategy(wt1.pk).links[0].action.text == "متن تازهٔ اقدام"
    still_same_page(page)


def test_persian_texts_read_right_to_left_in_the_english_interface(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    def direction(selector: str) -> str:
        return page.locator(selector).first.evaluate("e => getComputedStyle(e).direction")

    for selector in ["h1", "#factors-S .text", ".strategy-text span[dir=auto]", ".action-text"]:
        assert direction(selector) == "rtl", selector
    assert direction("#factors-S h2") == "ltr"  # the interface's own words stay left to right


def test_keyboard_only_add_then_edit_escape_edit_and_save(page, mashhad_study):
    threats = page.locator("#factors-T")
    threats.locator("details.add summary").focus()
    page.keyboard.press("Enter")  # opens "Add a factor"
    page.keyboard.press("Tab")  # to its text
    page.keyboard.type("تحریم‌های تازه")
    page.keyboard.press("Control+Enter")  # saves
    expect(threats.locator("li.factor", has_text="تحریم‌های تازه")).to_have_count(1)

    t8 = Factor.objects.get(study=mashhad_study, kind="T", number=8)
    item = page.locator(f"#factor-{t8.pk}")
    # The new factor on screen and highlighted; the focus back in the form's emptied text,
    # for the next factor.
    expect(item).to_be_in_viewport()
    expect(item).to_have_class(re.compile(r"\bjust-added\b"))
    adding = threats.locator("textarea[name=text]")
    expect(adding).to_be_focused()
    expect(adding).to_have_value("")

    # Escape closes the form; the new factor's tools are just before it.
    page.keyboard.press("Escape")
    expect(threats.locator("details.add summary")).to_be_focused()
    edit = item.locator(".tools a").first
    for __ in range(4):  # Delete, ▼, ▲, Edit
        page.keyboard.press("Shift+Tab")
    expect(edit).to_be_focused()
    page.keyboard.press("Enter")
    text = item.locator("textarea[name=text]")
    expect(text).to_be_focused()
    page.keyboard.press("Escape")  # cancels: back to the factor, on its Edit link
    expect(item.locator("textarea")).to_have_count(0)
    expect(edit).to_be_focused()

    page.keyboard.press("Enter")
    expect(text).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("تحریم‌های بین‌المللی تازه")
    page.keyboard.press("Control+Enter")
    expect(item.locator(".text")).to_have_text("تحریم‌های بین‌المللی تازه")
    expect(edit).to_be_focused()
    t8.refresh_from_db()
    assert t8.text == "تحریم‌های بین‌المللی تازه"
    still_same_page(page)


def test_the_jump_menu_reaches_every_part_of_the_matrix(page):
    links = page.locator("nav.jump a")
    expect(links).to_have_count(9)
    for target in links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert page.locator(target).count() == 1, target


def test_escape_cancels_a_delete_confirmation_and_deletes_nothing(page, mashhad_study):
    s4 = mashhad_study.factors.get(kind="S", number=4)
    item = page.locator(f"#factor-{s4.pk}")
    item.locator("a.danger").focus()
    page.keyboard.press("Enter")
    expect(item.locator(".confirm button.danger")).to_be_focused()
    page.keyboard.press("Escape")
    expect(item.locator(".confirm")).to_have_count(0)
    expect(item.locator(".tools a").first).to_be_focused()
    assert mashhad_study.factors.filter(pk=s4.pk).exists()
    still_same_page(page)


def test_tools_arrows_and_chips_are_at_least_24_pixels_square(page, mashhad_study):
    card, __ = strategy_card(page, mashhad_study, "SO1")
    open_panel(page, card, "عوامل ارجاع‌شده")
    open_panel(page, card, "برنامهٔ اقدام")
    targets = page.locator(".tools a, .tools button, button.icon, button.chip")
    sizes = targets.evaluate_all(
        "els => els.filter(e => e.getClientRects().length)"
        ".map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])"
    )
    assert len(sizes) > 100
    small = [size for size in sizes if min(size) < 24]
    assert small == []


def test_escape_closes_an_add_panel_and_returns_to_its_summary(page):
    adding = page.locator("#factors-W details.add")
    adding.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(adding).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    page.keyboard.type("نیمه‌نوشته")
    page.keyboard.press("Escape")
    expect(adding).not_to_have_attribute("open", "")
    expect(adding.locator("summary")).to_be_focused()
