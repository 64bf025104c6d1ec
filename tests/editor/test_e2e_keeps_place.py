"""The editor keeps the analyst's place: a save elsewhere on the page never closes a panel or
loses what is typed, and what depends on a change (badges, ×N, counts) follows it at once."""

import re

import pytest
from playwright.sync_api import Page, expect

from actions.models import ActionLink
from tests.browser import open_panel, still_same_page, strategy_card

pytestmark = pytest.mark.django_db(transaction=True)

TYPED = "متن نیمه‌نوشتهٔ اقدامی تازه"


def settled(page: Page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
    )


def save_with_ctrl_enter(page: Page, field) -> None:
    field.press("Control+Enter")
    settled(page)


def test_typing_in_one_strategy_survives_saving_everything_else(page, mashhad_study):
    wt1, wt1_row = strategy_card(page, mashhad_study, "WT1")
    open_panel(page, wt1, "برنامهٔ اقدام")
    typing = wt1.locator("form.add-action textarea[name=text]")
    typing.fill(TYPED)
    program = wt1.locator("details.program")

    def still_typed(after: str) -> None:
        expect(program, after).to_have_attribute("open", "")
        expect(typing, after).to_have_value(TYPED)
        still_same_page(page)

    # Edit T1 and save: once every quadrant reloaded, closing WT1's program.
    t1 = mashhad_study.factors.get(kind="T", number=1)
    item = page.locator(f"#factor-{t1.pk}")
    item.locator(".tools a").first.click()
    save_with_ctrl_enter(page, item.locator("textarea[name=text]"))
    expect(item.locator("textarea")).to_have_count(0)
    still_typed("after saving T1")

    # Cite a factor from WT2 (same quadrant), and edit WT2's text.
    wt2, __ = strategy_card(page, mashhad_study, "WT2")
    open_panel(page, wt2, "عوامل ارجاع‌شده")
    wt2.locator("button.chip[aria-pressed=false]").first.click()
    settled(page)
    still_typed("after a citation in WT2")
    wt2.locator(".strategy-tools a").first.click()
    save_with_ctrl_enter(page, wt2.locator("textarea[name=text]"))
    still_typed("after saving WT2")

    # Move WT2 above WT1: the card moves with its panel open and the text typed in it.
    wt2.locator(".strategy-tools button[value=up]").click()
    settled(page)
    expect(page.locator("#cards-WT article.strategy").first).to_have_id(f"strategy-{__.pk}")
    expect(wt1.locator(".code").first).to_have_text("WT2.")
    still_typed("after moving WT2 up")

    # Edit an action of WT1's own program, and add a strategy to the quadrant.
    wt1.locator("ol.actions > li").first.locator(".tools a").first.click()
    save_with_ctrl_enter(page, wt1.locator("ol.actions textarea[name=text]"))
    expect(wt1.locator("ol.actions textarea")).to_have_count(0)
    still_typed("after editing one of its actions")
    adding = page.locator("#quadrant-WT details.add")
    adding.locator("summary").click()
    adding.locator("textarea[name=text]").fill("راهبردی تازه")
    save_with_ctrl_enter(page, adding.locator("textarea[name=text]"))
    expect(page.locator("#cards-WT article.strategy")).to_have_count(3)
    still_typed("after adding WT3")

    # At last the typed action is added where it was typed.
    wt1.locator("form.add-action button").click()
    settled(page)
    expect(wt1.locator("ol.actions > li").last).to_contain_text(TYPED)
    assert wt1_row.action_links.last().action.text == TYPED


def badge(item) -> str:
    return item.locator(".uses").inner_text().strip()


def shared_count(card, text: str) -> str:
    place = card.locator("ol.actions > li", has_text=text).first
    return place.locator(".badge.shared").inner_text()


def test_badges_and_shared_counts_follow_a_citation_and_an_attach(page, mashhad_study):
    # A new factor is not cited: it says so, and the gaps list it.
    threats = page.locator("#factors-T")
    threats.locator("details.add summary").click()
    threats.locator("textarea[name=text]").fill("رقابت شهرهای منطقه")
    save_with_ctrl_enter(page, threats.locator("textarea[name=text]"))
    t8 = mashhad_study.factors.get(kind="T", number=8)
    item = page.locator(f"#factor-{t8.pk}")
    expect(item.locator(".badge")).to_have_text("بی‌ارجاع")
    expect(page.locator("#gap-codes")).to_contain_text("T8")

    # Cite it from ST1: the badge goes, and the gaps forget it, without a reload.
    st1, __ = strategy_card(page, mashhad_study, "ST1")
    open_panel(page, st1, "عوامل ارجاع‌شده")
    st1.locator("button.chip[data-code=T8]").click()
    expect(item.locator(".badge")).to_have_count(0)
    expect(page.locator("#gap-codes")).not_to_contain_text("T8")
    expect(st1.locator(".cites")).to_contain_text("8")
    # And back: uncited again.
    st1.locator("button.chip[data-code=T8]").click()
    expect(item.locator(".badge")).to_have_text("بی‌ارجاع")
    expect(page.locator("#gap-codes")).to_contain_text("T8")

    # Attach SO1's first action (shared ×N) to WO2: both places show ×N+1.
    so1, so1_row = strategy_card(page, mashhad_study, "SO1")
    first = so1_row.action_links.select_related("action").first().action
    places = ActionLink.objects.filter(action=first).count()
    assert places > 1
    words = " ".join(first.text.split()[:4])
    open_panel(page, so1, "برنامهٔ اقدام")
    persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    expect(so1.locator("ol.actions > li").first.locator(".badge.shared")).to_have_text(
        f"×{places}".translate(persian)
    )
    wo2, __ = strategy_card(page, mashhad_study, "WO2")
    open_panel(page, wo2, "برنامهٔ اقدام")
    summary_before = wo2.locator("details.program summary").inner_text()
    wo2.locator("input[type=search]").fill(words)
    result = wo2.locator(".results button.attach-result", has_text=words).first
    result.click()
    settled(page)
    more = f"×{places + 1}".translate(persian)
    expect(so1.locator("ol.actions > li").first.locator(".badge.shared")).to_have_text(more)
    expect(wo2.locator("ol.actions > li").last.locator(".badge.shared")).to_have_text(more)
    expect(wo2.locator("details.program summary")).not_to_have_text(summary_before)
    expect(wo2.locator(".results li")).to_have_count(0)  # the results are cleared

    # Detach it again from WO2: back to ×N everywhere.
    wo2.locator("ol.actions > li").last.locator("button", has_text="جدا کردن").click()
    settled(page)
    expect(so1.locator("ol.actions > li").first.locator(".badge.shared")).to_have_text(
        f"×{places}".translate(persian)
    )
    expect(wo2.locator("details.program summary")).to_have_text(summary_before)
    still_same_page(page)


def test_a_new_strategy_is_added_on_screen_focused_and_the_form_emptied(page, mashhad_study):
    adding = page.locator("#quadrant-WO details.add")
    adding.locator("summary").click()
    adding.locator("textarea[name=text]").fill("راهبردی برای همکاری علمی")
    save_with_ctrl_enter(page, adding.locator("textarea[name=text]"))
    wo5 = mashhad_study.strategies.get(quadrant="WO", number=5)
    card = page.locator(f"#strategy-{wo5.pk}")
    expect(card).to_be_focused()
    expect(card).to_be_in_viewport()
    expect(card).to_have_class(re.compile(r"\bjust-added\b"))
    expect(card.locator(".code").first).to_have_text("WO5.")
    expect(adding.locator("textarea[name=text]")).to_have_value("")
    still_same_page(page)


def test_a_chip_shows_its_factors_text_when_focused(page, mashhad_study):
    so1, __ = strategy_card(page, mashhad_study, "SO1")
    open_panel(page, so1, "عوامل ارجاع‌شده")
    s2 = mashhad_study.factors.get(kind="S", number=2)
    so1.locator("button.chip[data-code=S2]").focus()
    expect(so1.locator(".chip-tip")).to_have_text(f"S2: {s2.text}")
