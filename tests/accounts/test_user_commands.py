import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command, load_command_class
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def run(command, *args, **kwargs) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out, **kwargs)
    return out.getvalue()


def login(username, password):
    return authenticate(
        RequestFactory().post("/accounts/login/"), username=username, password=password
    )


def test_one_demo_login_per_role_and_a_second_run_resets_them(settings):
    settings.DEBUG = True
    assert "Created demo login (analyst): analyst / demo-analyst" in run("create_demo_users")
    assert "Reset demo login (council member): council / demo-council" in run("create_demo_users")
    analyst = login("analyst", "demo-analyst")
    council = login("council", "demo-council")
    admin = login("admin", "demo-admin")
    assert analyst.has_perm("swot.change_factor") and not analyst.is_staff
    assert council.has_perm("swot.view_factor") and not council.has_perm("swot.change_factor")
    assert admin.is_staff and admin.has_perm("auth.change_user")
    assert User.objects.count() == 3


def test_demo_logins_are_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        run("create_demo_users")
    assert not User.objects.exists()


def test_create_admin_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("FIRST_ADMIN_PASSWORD", "a long municipal passphrase")
    output = run("create_admin", "mina", "--password-env", "FIRST_ADMIN_PASSWORD")
    assert "Created administrator 'mina'." in output
    mina = login("mina", "a long municipal passphrase")
    assert mina.is_staff and mina.groups.get().name == "admin"
    with pytest.raises(CommandError, match="already exists"):
        run("create_admin", "mina", "--password-env", "FIRST_ADMIN_PASSWORD")


def test_create_admin_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("WEAK", "12345")
    with pytest.raises(CommandError, match="Password refused"):
        run("create_admin", "mina", "--password-env", "WEAK")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("create_demo_users", "one demo login per role"),
        ("create_admin", "first administrator"),
    ],
)
def test_user_commands_have_help(command, words):
    parser = load_command_class("accounts", command).create_parser("manage.py", command)
    assert words in parser.format_help()
