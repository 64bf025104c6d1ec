"""The admin in Persian: every page fits 1440 px without a sideways scroll (right to left), the
sections and models are named in Persian, the study file loader says what it loaded in a
Persian sentence, the app's top bar links staff to the admin, and a user's role is chosen in
one place on the user form."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ModelChoiceField
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django_tasks_db.models import DBTaskResult

from accounts.roles import ADMIN, ANALYST, COUNCIL_MEMBER, ROLE_NAMES, give_role
from actions.models import Action, ActionLink
from planning.digits import digits
from reports.models import Letterhead
from strategies.models import Citation, Strategy
from swot.models import Factor, Study
from tests.browser import axe_violations
from tests.factories import UserFactory
from tests.helpers import MASHHAD_FIXTURE, analyst_user

pytestmark = pytest.mark.django_db

# Latin words a Persian label may keep: the planners' acronyms.
ACRONYMS = {"SWOT", "TOWS"}


def latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", str(text))) - ACRONYMS


def admin_pages() -> list[str]:
    """The index, each app's index, each registered model's list, its add form (a model
    without one answers 403: skipped) and the change form of its first record if it has one."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        app_index = reverse("admin:app_list", args=[meta.app_label])
        if app_index not in pages:
            pages.append(app_index)
        name = f"admin:{meta.app_label}_{meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        pages.append(reverse(f"{name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{name}_change", args=[first.pk]))
    return [*pages, reverse("admin:swot_study_load")]


WIDTHS = """() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    // Labels drawn outside the page (cut off): none.
    outside: [...document.querySelectorAll('#content label')]
        .filter(label => label.offsetParent !== null)
        .map(label => [label.textContent.trim(), label.getBoundingClientRect()])
        .filter(([, box]) => box.left < 0 || box.right > document.documentElement.clientWidth)
        .map(([text]) => text),
})"""


@pytest.mark.django_db(transaction=True)
def test_every_admin_page_fits_1440_px_in_persian(axe_page, mashhad_study):
    UserFactory(username="boss", password="boss-pw", is_staff=True, is_superuser=True)
    # One of everything the admin lists, with the long texts that widened its pages: the
    # Mashhad study's factors, citations and places, a failed report task's traceback.
    Group.objects.get_or_create(name=ANALYST)
    Letterhead.objects.create(organisation="شهرداری مشهد")
    DBTaskResult.objects.create(
        task_path="reports.tasks.render_report",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        status="FAILED",
        exception_class_path="RuntimeError",
        traceback="Traceback: " + "reports/render.py:line 12 in render_report " * 40,
    )
    long_agent = {"user_agent": "Mozilla/5.0 " * 20, "path_info": "/accounts/login/"}
    AccessAttempt.objects.create(username="someone", failures_since_start=1, **long_agent)
    AccessFailureLog.objects.create(username="someone", **long_agent)
    page = axe_page(reverse("admin:index"), "boss")  # its login is logged (AccessLog)
    pages = admin_pages()
    # Every model of ours has a record here, so its change form is among the pages.
    changed = {path.split("/")[2:4][1] for path in pages if path.endswith("/change/")}
    assert changed >= {"study", "factor", "strategy", "action", "letterhead", "user", "group"}
    assert page.locator("html").get_attribute("dir") == "rtl"
    too_wide = {}
    for path in pages:
        if page.goto(page.url.split("/admin/")[0] + path).status == 403:
            continue
        widths = page.evaluate(WIDTHS)
        if widths["scroll"] > widths["client"] or widths["outside"]:
            too_wide[path] = widths
    # Load the study file again (replacing it): the page the loader's message shows on.
    page.goto(page.url.split("/admin/")[0] + reverse("admin:swot_study_load"))
    page.set_input_files("#id_file", str(MASHHAD_FIXTURE))
    page.check("#id_replace")
    page.click(".submit-row input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:swot_study_change', args=[mashhad_study.pk])}")
    assert "جایگزین شد" in page.locator(".messagelist").inner_text()
    widths = page.evaluate(WIDTHS)
    if widths["scroll"] > widths["client"] or widths["outside"]:
        too_wide["after loading"] = widths
    page.screenshot(path="test-artifacts/admin-after-load-1440-fa.png")
    assert too_wide == {}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path",
    [
        reverse("admin:swot_study_load"),
        reverse("admin:auth_user_add"),
    ],
    ids=["load-page", "user-add-form"],
)
def test_the_admin_forms_we_made_pass_axe_in_persian(axe_page, path):
    """Django's admin is not ours to fix; the load page and the role field are."""
    Group.objects.get_or_create(name=ANALYST)
    UserFactory(username="boss", password="boss-pw", is_staff=True, is_superuser=True)
    page = axe_page(path, "boss")
    violations = axe_violations(page, "#content-main")
    assert violations == [], violations


@pytest.fixture
def admin_client(client):
    """A client logged in as a user with the admin role, in Persian (the default)."""
    user = UserFactory(username="mina")
    give_role(user, ADMIN)
    client.force_login(user)
    return client


def test_the_admins_sections_and_models_are_named_in_persian(admin_client):
    response = admin_client.get(reverse("admin:index"))
    apps = response.context["app_list"]
    assert {app["app_label"] for app in apps} >= {"swot", "strategies", "actions", "auth", "axes"}
    names = [app["name"] for app in apps] + [m["name"] for app in apps for m in app["models"]]
    assert {str(name): latin_words(name) for name in names if latin_words(name)} == {}


def test_the_admins_header_is_persian_in_persian_and_english_in_english(admin_client):
    persian = admin_client.get(reverse("admin:index")).content.decode()
    admin_client.cookies["django_language"] = "en"
    english = admin_client.get(reverse("admin:index")).content.decode()
    with translation.override("fa"):
        header_fa = str(admin.site.site_header)
    assert "Django" not in persian and f">{header_fa}</a>" in persian
    assert not latin_words(header_fa)
    assert f">{admin.site.site_header}</a>" in english and header_fa not in english


def upload(client, **fields):
    study_file = SimpleUploadedFile(MASHHAD_FIXTURE.name, MASHHAD_FIXTURE.read_bytes())
    return client.post(
        reverse("admin:swot_study_load"), {"file": study_file, **fields}, follow=True
    )


def the_message(response) -> str:
    (message,) = get_messages(response.wsgi_request)
    return str(message)


def counted(study: Study) -> dict[str, int]:
    return {
        "factors": Factor.objects.filter(study=study).count(),
        "strategies": Strategy.objects.filter(study=study).count(),
        "citations": Citation.objects.filter(strategy__study=study).count(),
        "actions": Action.objects.filter(study=study).count(),
        "places": ActionLink.objects.filter(action__study=study).count(),
    }


def test_the_loaders_message_is_a_persian_sentence_with_the_title_isolated(admin_client):
    response = upload(admin_client)
    study = Study.objects.get()
    n = {name: digits_fa(count) for name, count in counted(study).items()}
    assert the_message(response) == (
        f"مطالعهٔ «<bdi>{study.title}</bdi>» بارگذاری شد: {n['factors']} عامل، "
        f"{n['strategies']} راهبرد با {n['citations']} ارجاع، {n['actions']} اقدام در "
        f"{n['places']} جای برنامه‌های اقدام."
    )
    # On the page as the sentence's words, the title isolated, nothing left in English.
    page = response.content.decode()
    assert f"«<bdi>{study.title}</bdi>»" in page
    assert not latin_words(the_message(response).replace(f"<bdi>{study.title}</bdi>", ""))


def digits_fa(number: int) -> str:
    with translation.override("fa"):
        return digits(number)


def test_the_loaders_message_reads_in_english_in_english(admin_client):
    admin_client.cookies["django_language"] = "en"
    upload(admin_client)
    response = upload(admin_client, replace="on")
    study = Study.objects.get()
    n = counted(study)
    assert the_message(response) == (
        f"The study “<bdi>{study.title}</bdi>” was replaced, its History kept: "
        f"{n['factors']} factors, {n['strategies']} strategies with {n['citations']} "
        f"citations, {n['actions']} actions in {n['places']} places of the action programs."
    )


def test_the_load_pages_help_and_labels_are_in_the_admins_form_layout(admin_client):
    page = admin_client.get(reverse("admin:swot_study_load")).content.decode()
    assert '<fieldset class="module aligned">' in page
    assert 'id="id_replace_helptext"' in page and 'aria-describedby="id_replace_helptext"' in page


@pytest.mark.parametrize(
    ("staff", "shown"), [(True, True), (False, False)], ids=["staff", "not-staff"]
)
def test_the_top_bar_links_to_the_admin_for_staff_only(client, staff, shown):
    client.force_login(UserFactory(is_staff=staff))
    page = client.get(reverse("study-list")).content.decode()
    link = f'<a class="admin-link" href="{reverse("admin:index")}">مدیریت</a>'
    assert (link in page) is shown


def role_form_data(user, role: str) -> dict:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "role": role,
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }


def groups_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_new_user_gets_a_role_on_the_add_form_in_one_page(admin_client):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "reza",
            "usable_password": "true",
            "password1": "a long municipal passphrase",
            "password2": "a long municipal passphrase",
            "role": ANALYST,
        },
    )
    assert response.status_code == 302
    reza = get_user_model().objects.get(username="reza")
    assert groups_of(reza) == {ANALYST} and not reza.is_staff
    assert reza.has_perm("swot.change_factor") and not reza.has_perm("swot.delete_study")


@pytest.mark.parametrize(
    ("role", "staff"),
    [(ADMIN, True), (COUNCIL_MEMBER, False), (ANALYST, False), ("", False)],
    ids=["admin", "council-member", "analyst", "no-role"],
)
def test_a_role_set_on_the_user_form_sets_groups_and_staff_in_one_save(admin_client, role, staff):
    user = UserFactory(username="sara")
    give_role(user, ADMIN if role != ADMIN else ANALYST)  # start from another role
    other = Group.objects.create(name="Mashhad office")
    user.groups.add(other)
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[user.pk]), role_form_data(user, role)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    # The role's group in place of the old role's; a group that is not a role's stays.
    assert groups_of(user) == ({role} if role else set()) | {"Mashhad office"}
    assert user.is_staff is staff


def test_the_user_form_opens_with_the_users_role_chosen(admin_client):
    user = UserFactory()
    give_role(user, COUNCIL_MEMBER)
    response = admin_client.get(reverse("admin:auth_user_change", args=[user.pk]))
    form = response.context["adminform"].form
    assert form["role"].value() == COUNCIL_MEMBER
    assert "groups" not in form.fields and "is_staff" not in form.fields


def test_an_admin_cannot_take_the_admin_away_from_themselves(client):
    mina = UserFactory(username="mina")
    give_role(mina, ADMIN)
    client.force_login(mina)
    response = client.post(
        reverse("admin:auth_user_change", args=[mina.pk]), role_form_data(mina, ANALYST)
    )
    assert response.status_code == 200
    assert "role" in response.context["adminform"].form.errors
    mina.refresh_from_db()
    assert mina.is_staff and groups_of(mina) == {ADMIN}


def test_the_roles_groups_are_listed_and_offered_by_their_persian_names(admin_client):
    analyst_user()  # a user without a role's group
    listing = admin_client.get(reverse("admin:auth_group_changelist")).content.decode()
    users = admin_client.get(reverse("admin:auth_user_changelist")).content.decode()
    change = admin_client.get(
        reverse("admin:auth_user_change", args=[Group.objects.get(name=ADMIN).user_set.get().pk])
    ).content.decode()
    with translation.override("fa"):
        names = {role: str(name) for role, name in ROLE_NAMES.items()}
    for name in names.values():
        assert not latin_words(name)
        assert f">{name}<" in listing  # the group list
        assert f"{name}</label>" in change  # the role's radio button
    assert f">{names[ADMIN]}</td>" in users  # the user list's role column
    for role in names:
        assert f">{role}<" not in listing


def test_a_roles_group_keeps_its_name_the_code_finds_it_by_and_is_headed_by_its_persian_one(
    admin_client,
):
    group = Group.objects.get(name=ANALYST)
    response = admin_client.get(reverse("admin:auth_group_change", args=[group.pk]))
    assert "name" not in response.context["adminform"].form.fields
    with translation.override("fa"):
        assert response.context["subtitle"] == str(ROLE_NAMES[ANALYST]) != ANALYST


def option_labels(page: str, select_id: str) -> dict[str, str]:
    """The options of the <select id=select_id> in `page`: value → label."""
    select = re.search(rf'<select[^>]* id="{select_id}"[^>]*>(.*?)</select>', page, re.S)
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(1)))


def test_the_permissions_offered_read_in_persian(admin_client):
    group = Group.objects.get(name=ANALYST)
    page = admin_client.get(reverse("admin:auth_group_change", args=[group.pk])).content.decode()
    labels = option_labels(page, "id_permissions")
    ours = Permission.objects.filter(content_type__app_label__in=["swot", "strategies", "actions"])
    assert ours.exists() and {str(p.pk) for p in ours} <= labels.keys()
    english = {labels[str(p.pk)]: latin_words(labels[str(p.pk)]) for p in ours}
    assert {label: words for label, words in english.items() if words} == {}
    # Each of a model's four reads differently, and its history's apart from it.
    assert len({labels[str(p.pk)] for p in ours}) == ours.count()


def test_the_user_forms_labels_help_and_choices_are_persian_in_persian(admin_client):
    user = UserFactory(username="sara")
    for url in [reverse("admin:auth_user_change", args=[user.pk]), reverse("admin:auth_user_add")]:
        form = admin_client.get(url).context["adminform"].form
        texts = []
        for field in form.fields.values():
            texts += [str(field.label), str(field.help_text)]
            if isinstance(field, forms.ChoiceField) and not isinstance(field, ModelChoiceField):
                texts += [str(label) for __, label in field.choices]
        left = {text: latin_words(strip_tags(text)) - NAMES_KEPT for text in texts}
        assert {text: words for text, words in left.items() if words} == {}


# Names Django's Persian help texts keep in Latin letters.
NAMES_KEPT = {"LDAP", "Single", "Sign", "On", "Control", "Command", "Mac"}
