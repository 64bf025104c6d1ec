"""The study page on a laptop, a tablet and a phone, in Persian (right to left) and in the
English interface: the TOWS matrix keeps its 2×2 shape down to a tablet, the page never scrolls
sideways, and on a phone the jump menu stays at hand. Screenshots go to test-artifacts/."""

import pytest
from playwright.sync_api import Page

from tests.browser import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1440, "height": 1000}
TABLET = {"width": 820, "height": 1180}
PHONE = {"width": 390, "height": 844}
QUADRANTS = ["SO", "WO", "ST", "WT"]


def in_language(page: Page, language: str) -> None:
    """Persian is the `page` fixture's; English through the language cookie."""
    if language == "en":
        page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": page.url.split("/studies/")[0]}]
        )
        page.reload()
        assert page.locator("html").get_attribute("dir") == "ltr"
    else:
        assert page.locator("html").get_attribute("dir") == "rtl"


def box(page: Page, selector: str) -> dict:
    """Where an element is on the page (not in the viewport): x, y, width, height."""
    return page.evaluate(
        """selector => {
            const r = document.querySelector(selector).getBoundingClientRect();
            return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
        }""",
        selector,
    )


def no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[1], widths


def screenshots(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=ARTIFACTS / f"layout-{name}-top.png")
    page.screenshot(path=ARTIFACTS / f"layout-{name}-full.png", full_page=True)


@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize("viewport", [LAPTOP, TABLET], ids=["laptop", "tablet"])
def test_the_matrix_stays_two_by_two_on_a_laptop_and_a_tablet(page, viewport, language):
    page.set_viewport_size(viewport)
    in_language(page, language)
    screenshots(page, f"{viewport['width']}-{language}")
    no_sideways_scroll(page)
    so, wo, st, wt = (box(page, f"#quadrant-{q}") for q in QUADRANTS)
    # SO beside WO, ST beside WT below them, each in SO's and WO's columns.
    assert abs(so["y"] - wo["y"]) < 1 and abs(st["y"] - wt["y"]) < 1
    assert st["y"] >= max(so["y"] + so["height"], wo["y"] + wo["height"])
    assert abs(so["x"] - st["x"]) < 1 and abs(wo["x"] - wt["x"]) < 1
    # Strengths come first in reading order: SO on the right in Persian, on the left in English.
    if language == "fa":
        assert so["x"] > wo["x"] + wo["width"] - 1
    else:
        assert wo["x"] > so["x"] + so["width"] - 1
    # Strengths above SO and ST, weaknesses above WO and WT.
    s, w = box(page, "#factors-S"), box(page, "#factors-W")
    assert abs(s["x"] - so["x"]) < 1 and abs(w["x"] - wo["x"]) < 1
    assert max(s["y"] + s["height"], w["y"] + w["height"]) <= so["y"]
    # Opportunities beside SO and WO, threats beside ST and WT, on the outer side.
    o, t = box(page, "#factors-O"), box(page, "#factors-T")
    assert abs(o["y"] - so["y"]) < 1 and abs(t["y"] - st["y"]) < 1
    assert abs(o["x"] - t["x"]) < 1
    if language == "fa":
        assert o["x"] >= so["x"] + so["width"]
    else:
        assert o["x"] + o["width"] <= so["x"]


def in_view(page: Page, selector: str) -> dict:
    return page.evaluate(
        """selector => {
            const r = document.querySelector(selector).getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                    height: innerHeight, width: innerWidth};
        }""",
        selector,
    )


@pytest.mark.parametrize("language", ["fa", "en"])
def test_on_a_phone_the_jump_menu_stays_at_hand(page, language):
    page.set_viewport_size(PHONE)
    in_language(page, language)
    screenshots(page, f"390-{language}")
    no_sideways_scroll(page)
    jump = page.locator("nav.jump")
    for link in jump.locator("a").all():
        size = link.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, (link.inner_text(), size)

    # Half way down the page the menu is still at the top of the screen.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    menu = in_view(page, "nav.jump")
    assert menu["top"] >= 0 and menu["bottom"] <= menu["height"] and menu["top"] < 1, menu
    page.screenshot(path=ARTIFACTS / f"layout-390-{language}-scrolled.png")

    # Its WT link brings the WT quadrant into view, below the menu, not under it.
    page.evaluate("window.scrollTo(0, 0)")
    jump.locator("a[href='#quadrant-WT']").click()
    page.wait_for_function("() => location.hash === '#quadrant-WT'")
    menu, wt = in_view(page, "nav.jump"), in_view(page, "#quadrant-WT")
    assert menu["top"] >= 0 and menu["bottom"] <= menu["height"], menu
    assert menu["bottom"] - 1 <= wt["top"] < wt["height"] / 2, (menu, wt)
    page.screenshot(path=ARTIFACTS / f"layout-390-{language}-wt.png")
    no_sideways_scroll(page)
