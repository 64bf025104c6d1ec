"""The browser the end-to-end tests drive: Debian's chromium under Playwright, headless.

The fixtures are shared through tests/conftest.py: `browser` (one per module), `page` (an
analyst logged in, the Mashhad study open, in Persian at 1440 px), `open_panel` and
`still_same_page` for the steps.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect, sync_playwright

from swot.models import Study
from tests.helpers import MASHHAD_FIXTURE, ROOT, analyst_user

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (./dev test does).")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are ordinary synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def mashhad_study(transactional_db) -> Study:
    call_command("load_study", str(MASHHAD_FIXTURE), stdout=io.StringIO())
    return Study.objects.get(slug="mashhad-city-diplomacy")


@pytest.fixture
def page(browser, live_server, mashhad_study) -> Page:
    analyst_user(username="analyst", password="analyst-pw")
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="fa-IR")
    page = context.new_page()
    # What the Content-Security-Policy refused, and script errors: both must stay empty.
    page.refused = []
    page.on(
        "console",
        lambda message: (
            page.refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: page.refused.append(f"script error: {error}"))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "analyst-pw")
    page.click("button.primary")
    page.goto(f"{live_server.url}/studies/{mashhad_study.slug}/")
    # A marker that a full page load would wipe: every step below must keep it.
    page.evaluate("window.noReload = true")
    yield page
    # Let the refreshes a test's last step set off finish before the database is emptied for
    # the next test: a request still running then would meet a table being flushed.
    page.wait_for_load_state("networkidle")
    context.close()
    assert page.refused == []


def open_panel(page: Page, card, summary: str) -> None:
    """Open a strategy's panel and wait until what it loads is in place and wired up (htmx
    binds a loaded form's triggers as it settles: typing before that would go unheard)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    panel = card.locator("details", has=page.locator("summary", has_text=summary))
    panel.locator("summary").click()
    expect(panel.locator(".panel .load")).to_have_count(0)
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-added')"
    )


def still_same_page(page: Page) -> None:
    assert page.evaluate("window.noReload === true"), "the page was reloaded"
