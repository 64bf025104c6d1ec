"""Who may do what: every URL pattern of the project, walked for each role."""

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import ADMIN, ANALYST, COUNCIL_MEMBER
from actions.models import Action, ActionLink
from evaluation.models import QspmChoice, QspmSet, SpaceVariable
from reports.files import request_file
from reports.models import ReportFile
from strategies.models import Citation, Strategy
from swot.models import Factor, Study
from tests.factories import UserFactory
from tests.helpers import HX

pytestmark = pytest.mark.django_db


# Reachable without a login: logging in, resetting a forgotten password, the language switch,
# the monitors' health check.
PUBLIC = {
    "healthz",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
}
# Every logged-in user may do these to their own account.
OWN_ACCOUNT = {"logout", "password_change", "password_change_done"}

# Which object a URL's `pk` names, by URL name.
PK_MODELS = {
    "factor": Factor,
    "strategy": Strategy,
    "action-new": Strategy,
    "action-search": Strategy,
    "action-attach": Strategy,
    "link": ActionLink,
    "action-edit": Action,
    "action-delete": Action,
    "report-status": ReportFile,
    # The evaluation page (evaluation/urls.py): a factor's IFE/EFE row, SPACE, QSPM.
    "assessment": Factor,
    "space-variable": SpaceVariable,
    "qspm": QspmSet,
}


def project_patterns(resolver=None, prefix=""):
    """(name, pattern) of every named URL outside the admin, which guards itself."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from project_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name, entry


def arguments(name: str, pattern: URLPattern, study: Study) -> dict:
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "slug":
            kwargs[key] = study.slug
        elif key == "kind":
            kwargs[key] = "S"
        elif key == "quadrant":
            kwargs[key] = "SO"
        elif key == "part":
            kwargs[key] = "combined"
        elif key == "pk":
            model = next(m for prefix, m in PK_MODELS.items() if name.startswith(prefix))
            if model is ReportFile:  # a report's file exists once its PDF is asked for
                request_file(study, "combined")
            if model in (SpaceVariable, QspmSet):  # the walk's study may have none yet
                evaluation_items(study)
            kwargs[key] = model.objects.filter(**study_filter(model, study)).first().pk
        elif key == "dimension":
            kwargs[key] = "FP"
        elif key == "factor_pk":
            kwargs[key] = study.factors.first().pk
        elif key in ("uidb64", "token"):
            kwargs[key] = "x"
        else:
            raise AssertionError(f"tests/test_access.py does not know URL argument {key!r}")
    return kwargs


def evaluation_items(study: Study) -> None:
    """A SPACE variable and a QSPM set of two strategies, if the study has none."""
    if not SpaceVariable.objects.filter(study=study).exists():
        SpaceVariable.objects.create(study=study, dimension="FP", name="Budget", score=4)
    if not QspmSet.objects.filter(study=study).exists():
        qspm_set = QspmSet.objects.create(study=study, name="Walk")
        for n, strategy in enumerate(study.strategies.all()[:2], 1):
            QspmChoice.objects.create(qspm_set=qspm_set, strategy=strategy, position=n)


def study_filter(model, study) -> dict:
    return {"strategy__study": study} if model is ActionLink else {"study": study}


def all_urls(study: Study) -> list[tuple[str, str]]:
    return [
        (name, reverse(name, kwargs=arguments(name, pattern, study)))
        for name, pattern in project_patterns()
    ]


def user_with_role(role: str):
    user = UserFactory(is_staff=role == ADMIN)
    user.groups.add(Group.objects.get(name=role))
    return user


def snapshot(study: Study) -> tuple:
    """Everything an edit could touch, to check that refused requests changed nothing."""
    return (
        list(Study.objects.values_list("slug", "title")),
        list(Factor.objects.values_list("kind", "number", "text", "note", "version")),
        list(Strategy.objects.values_list("quadrant", "number", "text", "note", "version")),
        list(Citation.objects.values_list("strategy_id", "factor_id").order_by("pk")),
        list(Action.objects.values_list("text", "version").order_by("pk")),
        list(ActionLink.objects.values_list("strategy_id", "action_id", "position").order_by("pk")),
    )


def test_the_walk_covers_the_editor_and_the_reports(mashhad):
    names = {name for name, _ in all_urls(mashhad)}
    assert {"study", "factor-edit", "strategy-cite", "link-detach", "report-pdf"} <= names


def test_anonymous_visitors_are_sent_to_the_login_page_everywhere(client, mashhad):
    for name, url in all_urls(mashhad):
        if name in PUBLIC or name == "logout":
            continue
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/?next="), name


def test_anonymous_htmx_requests_get_403_and_are_sent_to_log_in(client, mashhad):
    for name, url in all_urls(mashhad):
        if name in PUBLIC or name == "logout":
            continue
        response = client.get(url, headers=HX)
        assert response.status_code == 403, name
        assert response["HX-Redirect"].startswith("/accounts/login/"), name


def test_the_login_page_needs_no_login(client):
    assert client.get(reverse("login")).status_code == 200


def test_council_member_reads_studies_and_reports(client, mashhad):
    client.force_login(user_with_role(COUNCIL_MEMBER))
    for name in ("study-list", "study"):
        url = reverse(name, kwargs={"slug": mashhad.slug} if name == "study" else {})
        assert client.get(url).status_code == 200
    preview = reverse("report-preview", kwargs={"slug": mashhad.slug, "part": "table1"})
    assert client.get(preview).status_code == 200


def test_council_member_cannot_change_anything_anywhere(client, mashhad):
    client.force_login(user_with_role(COUNCIL_MEMBER))
    client.cookies["django_language"] = "en"
    before = snapshot(mashhad)
    data = {"text": "changed", "note": "x", "factor": Factor.objects.first().pk,
            "action": Action.objects.first().pk, "direction": "down", "title": "t",
            "city": "c", "language": "fa"}  # fmt: skip
    for name, url in all_urls(mashhad):
        if name in PUBLIC or name in OWN_ACCOUNT:
            continue
        for headers in ({}, HX):
            response = client.post(url, data, headers=headers)
            assert response.status_code in (403, 405), (name, response.status_code)
            if response.status_code == 403 and not headers:
                assert "but not change them" in response.text, name
    assert snapshot(mashhad) == before


def test_council_member_sees_no_editing_controls(client, mashhad):
    client.force_login(user_with_role(COUNCIL_MEMBER))
    page = client.get(reverse("study", args=[mashhad.slug])).text
    assert "/edit/" not in page and "/cite/" not in page and "/actions/new/" not in page


def test_full_page_403_says_so_in_plain_words(client, mashhad):
    client.force_login(user_with_role(COUNCIL_MEMBER))
    client.cookies["django_language"] = "en"
    factor = mashhad.factors.first()
    response = client.post(reverse("factor-edit", args=[factor.pk]), {"text": "x"})
    assert response.status_code == 403
    assert "Your role lets you read studies and download their reports" in response.text


@pytest.mark.parametrize("role", [ANALYST, ADMIN])
def test_analysts_and_admins_may_edit_where_intended(client, mashhad, role):
    client.force_login(user_with_role(role))
    so1 = mashhad.strategies.get(quadrant="SO", number=1)
    s2 = mashhad.factors.get(kind="S", number=2)
    link = so1.action_links.get(position=1)
    allowed = [
        (reverse("factor-add", args=[mashhad.slug, "T"]), {"text": "New threat"}),
        (reverse("factor-edit", args=[s2.pk]), {"text": "Edited", "version": s2.version}),
        (reverse("strategy-cite", args=[so1.pk]), {"factor": s2.pk}),
        (reverse("strategy-add", args=[mashhad.slug, "WT"]), {"text": "New strategy"}),
        (reverse("action-new", args=[so1.pk]), {"text": "New action"}),
        (reverse("link-move", args=[link.pk]), {"direction": "down"}),
        (reverse("study-list"), {"title": "Another", "city": "Tus", "language": "en"}),
    ]
    for url, data in allowed:
        response = client.post(url, data, headers=HX)
        assert response.status_code in (200, 204), (url, response.status_code)
    assert mashhad.factors.filter(kind="T").count() == 8
    assert Study.objects.filter(title="Another").exists()


def test_only_admins_reach_the_admin(client, mashhad):
    for role, status in [(COUNCIL_MEMBER, 302), (ANALYST, 302), (ADMIN, 200)]:
        client.force_login(user_with_role(role))
        assert client.get(reverse("admin:index")).status_code == status, role
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
