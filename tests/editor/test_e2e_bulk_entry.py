"""Bulk entry in a real browser: five lines pasted into "Add a factor", shown, confirmed."""

import json
import re

import pytest
from playwright.sync_api import expect

from swot.models import Factor
from tests.browser import ARTIFACTS, axe_violations, open_panel, still_same_page, strategy_card
from tests.helpers import analyst_user

pytestmark = pytest.mark.django_db(transaction=True)

# As a list copied from a Word file or a PDF: numbered in Persian digits, one blank line.
PASTED = (
    "۱- زائران خارجی\n۲. دانشگاه‌های بین‌المللی\n\nS3 فرودگاه بین‌المللی\n"
    "4) بازار صنایع دستی\n• نمایشگاه‌های تجاری"
)
ADDED = [
    "زائران خارجی",
    "دانشگاه‌های بین‌المللی",
    "فرودگاه بین‌المللی",
    "بازار صنایع دستی",
    "نمایشگاه‌های تجاری",
]


def paste(page, field, text: str) -> None:
    """Put `text` in the field as a paste does: one input event, line breaks and all."""
    field.focus()
    page.keyboard.insert_text(text)


def test_five_pasted_lines_become_five_factors_in_order(page, mashhad_study):
    strengths = page.locator("#factors-S")
    before = Factor.objects.filter(study=mashhad_study, kind="S").count()
    strengths.locator("summary", has_text="افزودن عامل").click()
    text = strengths.locator("textarea[name=text]")
    paste(page, text, PASTED)
    expect(text).to_have_value(PASTED)
    strengths.locator("button", has_text="افزودن").click()

    # The preview: the five factors numbered as they will be, nothing added yet.
    preview = strengths.locator("form.preview")
    expect(preview.locator("[role=status]")).to_have_text("این ۵ عامل افزوده می‌شود:")
    codes = [f"S{before + n}" for n in range(1, 6)]
    expect(preview.locator(".preview-list .code")).to_have_text(codes)
    expect(preview.locator(".preview-list [dir=auto]")).to_have_text(ADDED)
    confirm = preview.locator("button[name=confirm]")
    expect(confirm).to_be_focused()
    assert Factor.objects.filter(study=mashhad_study, kind="S").count() == before
    page.screenshot(path=ARTIFACTS / "bulk-entry-preview.png")

    # Back to edit, and the lines are in the form again; then confirm.
    preview.locator("button[name=edit]").click()
    expect(text).to_have_value("\n".join(ADDED))
    strengths.locator("button", has_text="افزودن").click()
    confirm.click()

    items = strengths.locator("li.factor")
    expect(items).to_have_count(before + 5)
    shown = [items.nth(before + n).locator(".code").inner_text() for n in range(5)]
    assert shown == codes
    for n, expected in enumerate(ADDED):
        expect(items.nth(before + n).locator(".text")).to_have_text(expected)
        expect(items.nth(before + n)).to_have_class(re.compile(r"\bjust-added\b"))
    saved = Factor.objects.filter(study=mashhad_study, kind="S", number__gt=before)
    assert [(f.code, f.text) for f in saved] == list(zip(codes, ADDED, strict=True))

    # The form stays open and empty, the focus in its text, for the next entry.
    expect(strengths.locator("details.add")).to_have_attribute("open", "")
    expect(text).to_have_value("")
    expect(text).to_be_focused()
    page.keyboard.type("گردشگری سلامت")
    page.keyboard.press("Control+Enter")
    expect(items).to_have_count(before + 6)
    expect(items.last.locator(".code")).to_have_text(f"S{before + 6}")
    expect(text).to_be_focused()
    still_same_page(page)


def test_lines_pasted_into_a_program_become_its_next_actions(page, mashhad_study):
    card, so1 = strategy_card(page, mashhad_study, "SO1")
    before = so1.action_links.count()
    open_panel(page, card, "برنامهٔ اقدام")
    text = card.locator("form.add-action textarea[name=text]")
    paste(page, text, "۱- برگزاری همایش\n۲- انتشار راهنما")
    card.locator("form.add-action button").click()
    expect(card.locator("form.preview [role=status]")).to_contain_text("این ۲ اقدام")
    card.locator("form.preview button[name=confirm]").click()
    actions = card.locator("ol.actions > li .action-text")
    expect(actions).to_have_count(before + 2)
    expect(actions.nth(before)).to_have_text("برگزاری همایش")
    expect(actions.nth(before + 1)).to_have_text("انتشار راهنما")
    expect(text).to_be_focused()
    still_same_page(page)


def test_the_preview_passes_axe(axe_page, mashhad_study):
    analyst_user(username="analyst", password="analyst-pw")
    page = axe_page(f"/studies/{mashhad_study.slug}/", "analyst", "fa")
    threats = page.locator("#factors-T")
    threats.locator("details.add summary").click()
    threats.locator("textarea[name=text]").fill("۱- خشکسالی\n۲- تحریم‌ها")
    threats.locator("button", has_text="افزودن").click()
    expect(threats.locator("form.preview")).to_be_visible()
    violations = axe_violations(page, "#factors-T")
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
