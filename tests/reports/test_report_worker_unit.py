"""deploy/workbench-worker.service runs the task worker as the web unit runs gunicorn: same
checkout, venv, user and settings, with arguments the worker command accepts."""

import configparser
import shlex

from django.core.management import load_command_class

from tests.helpers import ROOT

DEPLOY = ROOT / "deploy"


def service(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(DEPLOY / name)
    return parser["Service"]


def test_the_worker_unit_runs_as_the_web_unit_with_the_same_checkout_and_settings():
    web, worker = service("workbench.service"), service("workbench-worker.service")
    for key in ("User", "Group", "WorkingDirectory", "EnvironmentFile"):
        assert worker[key] == web[key], key
    assert worker["Restart"] == "always"  # it exits after --max-tasks renders


def test_the_worker_unit_starts_the_database_queues_worker_without_autoreload():
    unit = service("workbench-worker.service")
    checkout = unit["WorkingDirectory"]
    for key in ("ExecStartPre", "ExecStart"):
        program, script, command, *args = shlex.split(unit[key])
        assert (program, script) == (f"{checkout}/.venv/bin/python", "manage.py")
        # The arguments are ones the command accepts.
        parser = load_command_class("django_tasks_db", command).create_parser("manage.py", command)
        parser.parse_args(args)
    program, script, command, *args = shlex.split(unit["ExecStart"])
    assert command == "db_worker"
    assert "--no-reload" in args and "--batch" not in args
