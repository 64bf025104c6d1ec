"""deploy/ and gunicorn.conf.py: the systemd unit, the environment file and the nginx site
name what exists, agree with each other and with the app, and gunicorn accepts its config."""

import configparser
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import ROOT

DEPLOY = ROOT / "deploy"
GUNICORN = Path(sys.executable).parent / "gunicorn"


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(DEPLOY / "workbench.service")
    return parser


def example_environment() -> dict[str, str]:
    lines = (DEPLOY / "workbench.env.example").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line.strip() and not line.startswith("#")]
    return {key: value.strip('"') for key, value in pairs}  # as systemd and sh read them


def nginx_directives() -> list[list[str]]:
    text = re.sub(r"#.*", "", (DEPLOY / "nginx-workbench.conf").read_text())
    return [shlex.split(statement) for statement in re.split(r"[;{}]", text) if statement.strip()]


def gunicorn_config(tmp_path: Path, **env: str) -> dict[str, str]:
    """gunicorn's resolved settings (`--print-config`): its defaults, or those of `env`."""
    environment = {
        k: v for k, v in production_env(tmp_path).items() if not k.startswith("GUNICORN_")
    }
    result = subprocess.run(
        [str(GUNICORN), "--print-config", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=environment | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(
        (part.strip() for part in line.split("=", 1))
        for line in result.stdout.splitlines()
        if " = " in line
    )


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env = {k: v for k, v in env.items() if not k.startswith("GUNICORN_")}
    return (
        env
        | example_environment()
        | {
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-the-deploy-test-0123456789",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(tmp_path),
            **extra,
        }
    )


def test_the_web_unit_runs_the_checkouts_gunicorn_with_the_projects_config():
    service = unit()["Service"]
    checkout = service["WorkingDirectory"]
    program, *args = shlex.split(service["ExecStart"])
    # The venv that the README's install step makes in the checkout, where the project's
    # dependencies put gunicorn.
    assert program == f"{checkout}/.venv/bin/gunicorn"
    assert "sudo -u workbench python3 -m venv .venv" in (ROOT / "README.md").read_text()
    assert GUNICORN.is_file()
    assert args == ["-c", "gunicorn.conf.py"] and (ROOT / "gunicorn.conf.py").is_file()
    assert Path(shlex.split(service["ExecReload"])[0]).exists()
    # The environment file is the example's copy; the README says where it goes.
    environment_file = service["EnvironmentFile"]
    assert Path(environment_file).name + ".example" == "workbench.env.example"
    assert f"deploy/workbench.env.example {environment_file}" in (ROOT / "README.md").read_text()


def test_the_environment_example_sets_only_variables_the_app_or_gunicorn_reads():
    readers = (ROOT / "config" / "settings.py").read_text() + (
        ROOT / "gunicorn.conf.py"
    ).read_text()
    variables = example_environment()
    unread = [name for name in variables if f'"{name}"' not in readers]
    assert not unread
    for required in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"):
        assert required in variables
    assert variables["DJANGO_TRUSTED_PROXIES"] == "1"  # it goes with the nginx example


def test_gunicorn_accepts_its_config_and_loads_the_app(tmp_path):
    result = subprocess.run(
        [str(GUNICORN), "--check-config", "-c", "gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_reads_bind_workers_and_timeout_from_the_environment(tmp_path):
    defaults = gunicorn_config(tmp_path)
    assert defaults["bind"] == "['127.0.0.1:8000']"
    assert int(defaults["workers"]) == 2 * os.cpu_count() + 1
    assert defaults["timeout"] == "120"
    assert defaults["accesslog"] == "-" and defaults["errorlog"] == "-"
    assert defaults["wsgi_app"] == "config.wsgi:application"
    chosen = gunicorn_config(
        tmp_path,
        GUNICORN_BIND="unix:/run/workbench.sock",
        GUNICORN_WORKERS="3",
        GUNICORN_TIMEOUT="45",
    )
    assert (chosen["bind"], chosen["workers"], chosen["timeout"]) == (
        "['unix:/run/workbench.sock']",
        "3",
        "45",
    )


def test_nginx_passes_requests_to_gunicorn_with_the_client_address_and_scheme(tmp_path):
    directives = nginx_directives()
    upstream = [d[1] for d in directives if d[0] == "server" and len(d) == 2]
    gunicorn = gunicorn_config(tmp_path)
    assert upstream == [gunicorn["bind"].strip("[]'")]
    assert upstream == [example_environment()["GUNICORN_BIND"]]
    headers = {d[1]: d[2] for d in directives if d[0] == "proxy_set_header"}
    assert headers == {
        "Host": "$host",
        "X-Forwarded-For": "$proxy_add_x_forwarded_for",
        "X-Forwarded-Proto": "$scheme",
    }
    [read_timeout] = [d[1] for d in directives if d[0] == "proxy_read_timeout"]
    assert int(read_timeout.removesuffix("s")) > int(gunicorn["timeout"])


def test_nginx_lets_through_every_request_the_app_itself_accepts():
    [body_size] = [d[1] for d in nginx_directives() if d[0] == "client_max_body_size"]
    assert body_size.endswith("m")
    nginx_limit = int(body_size.removesuffix("m")) * 1024 * 1024
    assert nginx_limit >= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert nginx_limit >= settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert nginx_limit <= 20 * 1024 * 1024  # "a few MB"


SHOW_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.USE_X_FORWARDED_HOST, "
    "s.STORAGES['staticfiles']['BACKEND'])"
)


@pytest.mark.parametrize(
    "proxies, proxy_header",
    [("0", "None"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")],
)
def test_x_forwarded_proto_is_trusted_only_behind_trusted_proxies(tmp_path, proxies, proxy_header):
    result = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=ROOT,
        env=production_env(
            tmp_path, DJANGO_TRUSTED_PROXIES=proxies, DJANGO_SETTINGS_MODULE="config.settings"
        ),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split(" False ") == [
        proxy_header,
        "whitenoise.storage.CompressedManifestStaticFilesStorage\n",
    ]
