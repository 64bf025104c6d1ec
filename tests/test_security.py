"""Safe by default: deploy checks, Content-Security-Policy, login throttling, escaping."""

import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action
from reports.render import render_report_pdf
from strategies.models import Strategy
from swot.models import Factor, Study
from tests.factories import (
    ActionLinkFactory,
    CitationFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
    UserFactory,
)
from tests.helpers import HX, ROOT, analyst_user

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(2)>'
PAYLOAD = f"{SCRIPT} & {ATTRIBUTE}"


def test_production_settings_pass_the_deploy_check_without_warnings():
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))
    }
    env |= {
        "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-for-the-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "plan.example.org",
        "DJANGO_DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_policy_allowing_only_our_own_scripts_and_styles(client):
    client.force_login(UserFactory())
    response = client.get(reverse("study-list"))
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    # htmx runs under that policy: no indicator <style>, no eval.
    assert '"includeIndicatorStyles": false, "allowEval": false' in response.text
    assert "<script>" not in response.text and " style=" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name, kwargs",
    [
        ("study", {}),
        ("study-history", {}),
        ("report-preview", {"part": "combined"}),
        ("report-preview", {"part": "table3"}),
    ],
)
def test_study_pages_need_no_inline_script_or_style(client, url_name, kwargs):
    """The policy forbids inline code, so a page that had some would be broken in the browser."""
    study = StudyFactory(slug="plain")
    FactorFactory(study=study, kind="S", number=1)
    client.force_login(UserFactory())
    response = client.get(reverse(url_name, kwargs={"slug": study.slug, **kwargs}))
    assert response.status_code == 200
    html = response.text
    assert "<style" not in html and " style=" not in html
    assert html.count("<script") == html.count("<script src=")
    assert " onclick=" not in html and " onload=" not in html


@pytest.mark.django_db
def test_failed_logins_are_throttled_per_username_and_address(client):
    UserFactory(username="mina", password="right-password")
    UserFactory(username="reza", password="reza-password")
    url = reverse("login")
    office = {"REMOTE_ADDR": "10.1.1.1"}
    for _ in range(5):
        client.post(url, {"username": "mina", "password": "typo"}, **office)
    locked = client.post(url, {"username": "mina", "password": "right-password"}, **office)
    assert locked.status_code == 429
    # Someone else's typos do not lock out a colleague behind the same address...
    other = Client()
    ok = other.post(url, {"username": "reza", "password": "reza-password"}, **office)
    assert ok.status_code == 302
    # ...nor the same user from another address.
    elsewhere = Client().post(
        url, {"username": "mina", "password": "right-password"}, REMOTE_ADDR="10.2.2.2"
    )
    assert elsewhere.status_code == 302


@pytest.fixture
def hostile_study(db):
    """Every text an analyst can type holds markup."""
    study = StudyFactory(
        slug="hostile",
        title=f"Title {PAYLOAD}",
        city=f"City {PAYLOAD}",
        subject=f"Subject {PAYLOAD}",
        source=f"Source {PAYLOAD}",
        language=Study.Language.ENGLISH,
    )
    s1 = FactorFactory(study=study, kind="S", number=1, text=f"Factor {PAYLOAD}", note=PAYLOAD)
    so1 = StrategyFactory(study=study, quadrant="SO", number=1, text=f"Strategy {PAYLOAD}")
    so1.note = f"Note {PAYLOAD}"
    so1.save()
    CitationFactory(strategy=so1, factor=s1)
    ActionLinkFactory(strategy=so1, action__text=f"Action {PAYLOAD}", position=1)
    Action.objects.create(study=study, text=f"Unattached {PAYLOAD}")
    return study


def assert_escaped(html: str, where: str, *, shows_text: bool = True) -> None:
    assert "<script>alert(1)" not in html, where
    assert "<img src=x" not in html, where
    if shows_text:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, where


@pytest.mark.django_db
def test_typed_markup_is_escaped_on_the_page_and_in_every_fragment(client, hostile_study):
    client.force_login(analyst_user())
    study = hostile_study
    factor = Factor.objects.get(study=study)
    strategy = Strategy.objects.get(study=study)
    action = Action.objects.get(links__isnull=False)
    link = action.links.first()
    urls = {
        "page": reverse("study", args=[study.slug]),
        "gap codes": reverse("study-gaps", args=[study.slug]) + "?part=codes",
        "unattached actions": reverse("study-gaps", args=[study.slug]) + "?part=actions",
        "factor list": reverse("factor-list", args=[study.slug, "S"]),
        "factor item": reverse("factor-detail", args=[factor.pk]),
        "factor edit": reverse("factor-edit", args=[factor.pk]),
        "factor delete": reverse("factor-delete", args=[factor.pk]),
        "quadrant": reverse("quadrant", args=[study.slug, "SO"]),
        "strategy": reverse("strategy-detail", args=[strategy.pk]),
        "strategy edit": reverse("strategy-edit", args=[strategy.pk]),
        "action edit": reverse("action-edit", args=[action.pk]) + f"?link={link.pk}",
        "action at its place": reverse("link-detail", args=[link.pk]),
        "action search": reverse("action-search", args=[strategy.pk]) + "?q=Unattached",
        "report preview": reverse("report-preview", args=[study.slug, "combined"]),
    }
    for where, url in urls.items():
        for headers in ({}, HX):
            response = client.get(url, headers=headers)
            if response.status_code == 302 and not headers:
                continue  # a fragment's address opened as a page goes back to the page
            assert response.status_code == 200, where
            # The delete confirmation fragment names the code only, the gaps' codes (every
            # factor of this study is cited) codes only.
            shows_text = not (where == "factor delete" and headers) and where != "gap codes"
            assert_escaped(response.text, f"{where} {headers}", shows_text=shows_text)
    study_list = client.get(reverse("study-list")).text
    assert_escaped(study_list, "study list")


@pytest.mark.django_db
def test_typed_markup_prints_as_text_in_the_pdf(hostile_study, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_report_pdf(hostile_study, "combined").pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for typed in ("Factor", "Strategy", "Action", "Title"):
        assert f"{typed} <script>alert(1)</script> &" in flat, typed
    assert "onerror=alert(2)>" in flat
