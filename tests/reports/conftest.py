"""Fixtures of the report tests: the task backend that runs a task at once, a count of
WeasyPrint runs, and the database queue's worker run once."""

from __future__ import annotations

import io
import logging
import signal
from unittest import mock

import django
import pytest
from django.core.management import call_command

from reports import render

# The tests run with the settings' queue (django-tasks-db): a request queues, nothing runs
# until a worker does. This backend runs a task inside enqueue(), as `./dev run` without its
# worker could not: for the tests that need the PDF in the same request.
IMMEDIATE_BACKEND = (
    "django.tasks.backends.immediate.ImmediateBackend"
    if django.VERSION >= (6, 0)
    else "django_tasks.backends.immediate.ImmediateBackend"
)


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_BACKEND}}


@pytest.fixture
def typesetting():
    """Counts WeasyPrint's runs (reports.render.html_to_pdf), which still typeset."""
    with mock.patch.object(render, "html_to_pdf", wraps=render.html_to_pdf) as spy:
        yield spy


def run_worker() -> str:
    """`manage.py db_worker --batch`: every queued task, then exit; its output.

    The worker installs its own SIGINT/SIGTERM handlers and sets its loggers' levels: both are
    put back afterwards, so the rest of the test session is as before.
    """
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {signum: signal.getsignal(signum) for signum in signals}
    loggers = [
        logging.getLogger(name) for name in ("django.tasks", "django_tasks", "django_tasks_db")
    ]
    levels = [logger.level for logger in loggers]
    out = io.StringIO()
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=out)
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
    return out.getvalue()
