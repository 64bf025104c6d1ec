"""Managing whole studies in a real browser (Debian's chromium under Playwright, in Persian):
duplicate the Mashhad study and edit the copy, the original untouched; delete a study and bring
it back as an admin in the admin; the new pages pass axe-core's WCAG 2.2 AA rules."""

import json
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from studyfile.export import export_study
from swot.models import Study
from tests.browser import ARTIFACTS, axe_violations
from tests.factories import UserFactory
from tests.helpers import analyst_user, factor

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "mashhad-city-diplomacy"


def test_analyst_duplicates_the_mashhad_study_and_edits_the_copy_not_the_original(
    page, live_server, mashhad_study
):
    original = export_study(mashhad_study)
    page.get_by_role("link", name="مشخصات مطالعه").click()
    page.get_by_role("button", name="ساختن رونوشت این مطالعه").click()
    expect(page.locator("p.flash")).to_contain_text("این رونوشتی از")
    copy = Study.objects.exclude(pk=mashhad_study.pk).get()
    assert unquote(page.url) == f"{live_server.url}/studies/{copy.slug}/details/"
    expect(page.locator("#id_title")).to_have_value(f"{mashhad_study.title} (رونوشت)")
    page.screenshot(path=ARTIFACTS / "study-details-of-a-copy.png", full_page=True)

    # Next year's plan: its own title, year and slug, typed in the details form.
    page.locator("#id_title").fill("تدوین راهبردهای دیپلماسی شهری مشهد ۱۴۰۴")
    page.locator("#id_year").fill("1404")
    page.locator("#id_slug").fill("")
    page.get_by_role("button", name="ذخیرهٔ مشخصات").click()
    expect(page.locator("p.flash")).to_have_text("مشخصات مطالعه ذخیره شد.")
    assert unquote(page.url).endswith("/studies/تدوین-راهبردهای-دیپلماسی-شهری-مشهد-۱۴۰۴/details/")

    # In the copy's matrix, edit S1.
    page.get_by_role("link", name="تدوین راهبردهای دیپلماسی شهری مشهد ۱۴۰۴").click()
    expect(page.locator("h1")).to_have_text("تدوین راهبردهای دیپلماسی شهری مشهد ۱۴۰۴")
    s1 = factor(copy, "S1")
    item = page.locator(f"#factor-{s1.pk}")
    item.locator(".tools a", has_text="ویرایش").click()
    item.locator("textarea[name=text]").fill("نقطهٔ قوت نخست، ویرایش‌شده در رونوشت")
    item.locator("button.primary").click()
    expect(item.locator(".text")).to_have_text("نقطهٔ قوت نخست، ویرایش‌شده در رونوشت")
    page.screenshot(path=ARTIFACTS / "study-copy-edited.png")

    copy.refresh_from_db()
    assert (copy.year, factor(copy, "S1").text) == (1404, "نقطهٔ قوت نخست، ویرایش‌شده در رونوشت")
    mashhad_study.refresh_from_db()
    assert export_study(mashhad_study) == original


def test_analyst_deletes_a_study_and_an_admin_brings_it_back_in_the_admin(
    page, browser, live_server, mashhad_study
):
    page.get_by_role("link", name="مشخصات مطالعه").click()
    page.get_by_role("link", name="حذف این مطالعه…").click()
    expect(page.locator("h1")).to_contain_text("حذف شود؟")
    page.get_by_role("button", name="به سطل بازیافت برود").click()
    expect(page.locator("p.flash")).to_contain_text("به سطل بازیافت رفت")
    expect(page.locator(".study-list")).not_to_contain_text(mashhad_study.title)
    assert page.goto(f"{live_server.url}/studies/{SLUG}/").status == 404

    UserFactory(username="boss", password="boss-pw", is_staff=True, is_superuser=True)
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="fa-IR")
    admin = context.new_page()
    admin.goto(f"{live_server.url}/admin/login/?next=/admin/swot/study/%3Fbin%3Din")
    admin.fill("#id_username", "boss")
    admin.fill("#id_password", "boss-pw")
    admin.locator("input[type=submit], button[type=submit]").first.click()
    row = admin.locator("#result_list tbody tr", has_text=mashhad_study.title)
    expect(row).to_have_count(1)
    row.locator("input[name=_selected_action]").check()
    admin.select_option("select[name=action]", "bring_back")
    admin.locator("button[name=index]").click()
    expect(admin.locator(".messagelist")).to_contain_text("بازگردانده شد")
    context.close()

    page.goto(f"{live_server.url}/studies/{SLUG}/history/")
    expect(page.locator("h1")).to_have_text("تاریخچهٔ تغییرات")
    expect(page.locator(".history-table")).to_contain_text("سطل بازیافت")
    mashhad_study.refresh_from_db()
    assert not mashhad_study.in_bin and mashhad_study.factors.count() == 39


@pytest.fixture
def users(mashhad_study):
    analyst_user(username="analyst", password="analyst-pw")


@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize(
    "path",
    [f"/studies/{SLUG}/details/", f"/studies/{SLUG}/delete/", "/load/"],
    ids=["details", "delete-confirmation", "load"],
)
def test_the_study_management_pages_pass_axe(axe_page, users, path, language):
    page = axe_page(path, "analyst", language)
    name = path.strip("/").replace("/", "-").replace(SLUG, "study")
    page.screenshot(path=ARTIFACTS / f"{name}-{language}.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_the_pages_with_their_errors_pass_axe(axe_page, users, tmp_path):
    page = axe_page("/load/", "analyst")
    bad = tmp_path / "bad.yaml"
    bad.write_text("study: {slug: x, title: X, city: Y}\nfactors: {X1: nope}\n")
    page.locator("input[type=file]").set_input_files(bad)
    page.get_by_role("button", name="بارگذاری").click()
    expect(page.locator(".errors")).to_contain_text("factors.X1")
    page.screenshot(path=ARTIFACTS / "load-refused-fa.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)

    page = axe_page(f"/studies/{SLUG}/details/", "analyst")
    page.locator("#id_slug").fill("not a slug!")
    page.get_by_role("button", name="ذخیرهٔ مشخصات").click()
    expect(page.locator(".errors")).to_have_count(1)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
