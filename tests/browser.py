"""The browser the end-to-end tests drive: Debian's chromium under Playwright, headless.

The fixtures are shared through tests/conftest.py: `browser` (one per module), `page` (an
analyst logged in, the Mashhad study open, in Persian at 1440 px), `open_panel` and
`still_same_page` for the steps; `axe_page` and `axe_violations` for the accessibility checks
(axe-core from node_modules, installed by `./dev test` from package-lock.json).
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
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The team standard: WCAG 2.2 AA, which takes in the A and AA rules of 2.0 and 2.1.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


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


@pytest.fixture
def axe_page(browser, live_server):
    """`axe_page(path, user=None, language="fa")`: a page open at `path`, logged in as `user`
    (a username whose password is `<username>-pw`) or not logged in, in the interface language
    given (the django_language cookie), at 1440 × 1000.

    Its browser context bypasses the Content-Security-Policy. axe-core has to run inside the
    page, and Playwright's add_script_tag(path=…) writes the file as an inline <script>, which
    our policy (script-src 'self', no 'unsafe-inline') refuses, as it should: the `page`
    fixture asserts that nothing is refused. Serving axe from our static files would ship a
    test tool to production. So these pages skip the policy; the policy itself is tested by
    the `page` fixture and tests/test_security.py. Script errors are still recorded and must
    stay empty."""
    opened = []

    def open_page(path: str, user: str | None = None, language: str = "fa") -> Page:
        context = browser.new_context(
            viewport={"width": 1440, "height": 1000},
            locale="en-US" if language == "en" else "fa-IR",
            bypass_csp=True,
        )
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(f"script error: {error}"))
        opened.append(page)
        if user:
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("#id_username", user)
            page.fill("#id_password", f"{user}-pw")
            page.click("button.primary")
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        page.goto(f"{live_server.url}{path}")
        return page

    yield open_page
    for page in opened:
        page.wait_for_load_state("networkidle")
        page.context.close()
    assert [error for page in opened for error in page.errors] == []


def axe_violations(page: Page, context: str | None = None) -> list[dict]:
    """What axe-core finds against WCAG 2.2 AA in the page (or in the part the CSS selector
    `context` picks): each violation's rule, impact, help and the elements it found, so that a
    failing `assert axe_violations(page) == []` shows them. The page must bypass the CSP
    (`axe_page`)."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (./dev test does).")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=AXE_SCRIPT)
    return page.evaluate(
        """async ([context, tags]) => {
            const options = {runOnly: {type: 'tag', values: tags}};
            const results = await axe.run(context || document, options);
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        [context, WCAG_22_AA],
    )


def strategy_card(page: Page, study: Study, code: str):
    """The card of the strategy `code` (SO1) on the page, and the strategy."""
    strategy = study.strategies.get(quadrant=code[:2], number=int(code[2:]))
    return page.locator(f"#strategy-{strategy.pk}"), strategy
