"""Production logging: a server error leaves its traceback on stderr (the journal) and, when
DJANGO_ADMINS is set, in the admins' mail; the level comes from DJANGO_LOG_LEVEL."""

import logging
import os
import subprocess
import sys
import textwrap

import django
import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import path

from config.settings import parse_admins
from tests.helpers import ROOT


class Boom(RuntimeError):
    pass


@login_not_required
def boom(request):
    raise Boom("the view broke")


urlpatterns = [path("boom/", boom)]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@override_settings(DEBUG=False)
def test_a_server_error_is_logged_by_django_request_with_its_traceback(caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "Internal Server Error: /boom/"
    assert record.exc_info[0] is Boom
    assert 'raise Boom("the view broke")' in caplog.text  # the traceback, formatted


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    return env | {
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-the-logging-test-0123456789",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_DEBUG": "0",
        **extra,
    }


# A request to a view that raises, in a process with the production settings; the test
# environment's locmem mail backend keeps what would have been mailed.
PRODUCTION_REQUEST = textwrap.dedent(
    """
    import django
    django.setup()
    from email.utils import parseaddr
    from django.core import mail
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    setup_test_environment()
    with override_settings(ROOT_URLCONF="tests.test_logging"):
        response = Client(raise_request_exception=False).get("/boom/", secure=True)
    print(response.status_code)
    for message in mail.outbox:
        to = ",".join(parseaddr(address)[1] for address in message.to)
        print("MAIL", to, "Internal Server Error: /boom/" in message.subject)
        print("MAILBODY", "Exception Value: the view broke" in message.body)
    """
)


def run_in_production(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PRODUCTION_REQUEST],
        cwd=ROOT,
        env=production_env(DJANGO_SETTINGS_MODULE="config.settings", **env),
        capture_output=True,
        text=True,
    )


def test_in_production_a_server_error_goes_to_stderr_with_its_traceback():
    result = run_in_production()
    assert result.stdout.split() == ["500"], result.stderr
    assert " ERROR django.request " in result.stderr
    assert "Internal Server Error: /boom/" in result.stderr
    assert "Traceback (most recent call last):" in result.stderr
    assert "tests.test_logging.Boom: the view broke" in result.stderr


def test_in_production_a_server_error_is_mailed_to_the_admins_when_there_are_some():
    result = run_in_production(DJANGO_ADMINS="Ops Team <ops@example.org>, dev@example.org")
    mails = [line for line in result.stdout.splitlines() if line.startswith("MAIL ")]
    assert mails == ["MAIL ops@example.org,dev@example.org True"], result.stderr
    assert "MAILBODY True" in result.stdout
    assert "Traceback (most recent call last):" in result.stderr  # and still in the journal


def test_without_admins_nothing_is_mailed():
    result = run_in_production()
    assert "MAIL" not in result.stdout


def test_the_log_level_comes_from_the_environment():
    show = (
        "import django; django.setup(); import logging; "
        "print(logging.getLevelName(logging.getLogger('reports').getEffectiveLevel()))"
    )

    def level(**env: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", show],
            cwd=ROOT,
            env=production_env(DJANGO_SETTINGS_MODULE="config.settings", **env),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert level() == "INFO"
    assert level(DJANGO_LOG_LEVEL="warning") == "WARNING"


def test_the_mail_server_comes_from_the_environment():
    show = (
        "import django; django.setup(); from django.core import mail; "
        "c = mail.mailers.default if django.VERSION >= (6, 1) else mail.get_connection(); "
        "print(c.host, c.port, c.username, c.use_tls)"
    )
    env = production_env(
        DJANGO_SETTINGS_MODULE="config.settings",
        EMAIL_HOST="mail.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="workbench",
        EMAIL_USE_TLS="1",
    )
    result = subprocess.run(
        [sys.executable, "-c", show], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["mail.example.org", "587", "workbench", "True"], result.stderr


def as_admins(*pairs: tuple[str, str]) -> list:
    if django.VERSION >= (6, 0):
        return [f"{name} <{address}>" if name else address for name, address in pairs]
    return list(pairs)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("", as_admins()),
        ("ops@example.org", as_admins(("", "ops@example.org"))),
        (
            "Ops Team <ops@example.org>, Reza <reza@example.org>",
            as_admins(("Ops Team", "ops@example.org"), ("Reza", "reza@example.org")),
        ),
        (
            " a@example.org ,, b@example.org ",
            as_admins(("", "a@example.org"), ("", "b@example.org")),
        ),
    ],
)
def test_admins_are_read_from_a_comma_separated_list_of_addresses(value, expected):
    assert parse_admins(value) == expected


def test_an_admin_that_is_not_an_address_is_refused():
    with pytest.raises(ImproperlyConfigured, match="'Ops Team'.*is not an email address"):
        parse_admins("Ops Team")
