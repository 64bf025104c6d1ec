"""A report's PDF is typeset by the task worker, once per study revision, never in a request."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reports import files, render, tasks
from reports.models import KEEP_FILES, ReportFile
from swot.models import Study
from tests.factories import StudyFactory
from tests.helpers import HX, factor, small_matrix_study
from tests.reports.conftest import run_worker
from tests.reports.pdf_text import pdf_pages

pytestmark = pytest.mark.django_db


def pdf_url(study, part="table1"):
    return reverse("report-pdf", args=[study.slug, part])


def status_url(file):
    return reverse("report-status", args=[file.study.slug, file.part, file.pk])


@pytest.fixture
def english(db):
    return small_matrix_study(Study.Language.ENGLISH)


def test_a_download_queues_one_task_and_typesets_nothing_in_the_request(study, reader, typesetting):
    response = reader.get(pdf_url(study))

    assert response.status_code == 202
    assert typesetting.call_count == 0
    file = ReportFile.objects.get()
    assert (file.study, file.part, file.status) == (study, "table1", ReportFile.Status.QUEUED)
    task = DBTaskResult.objects.get()
    assert task.task_path == "reports.tasks.make_report_pdf"
    assert task.args_kwargs == {"args": [file.pk], "kwargs": {}}
    html = response.content.decode()
    assert 'id="report-status" class="card" role="status" aria-live="polite"' in html
    assert f'hx-get="{status_url(file)}" hx-trigger="every 2s"' in html
    assert f'<a href="{pdf_url(study)}">' in html  # "Check again", without JavaScript
    assert "پی‌دی‌اف در صف ساخت است." in html  # Persian first


def test_twenty_readers_asking_at_once_queue_one_task(study, reader, typesetting):
    for _ in range(20):
        assert reader.get(pdf_url(study)).status_code == 202
    assert ReportFile.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    assert typesetting.call_count == 0


def test_a_reader_who_loses_the_race_to_create_the_file_queues_nothing(study, reader):
    reader.get(pdf_url(study))
    revision = files.current_revision(study, "table1")
    # As if another request had created the row between this one's look-up and its insert.
    with mock.patch.object(files, "current_revision", return_value=revision) as looked_up:
        revision.file = None
        response = reader.get(pdf_url(study))
    assert looked_up.called
    assert response.status_code == 202
    assert ReportFile.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_typesets_the_file_and_the_next_download_is_immediate(
    study, reader, typesetting, django_assert_num_queries
):
    assert reader.get(pdf_url(study)).status_code == 202
    assert typesetting.call_count == 0

    run_worker()

    assert typesetting.call_count == 1
    file = ReportFile.objects.get()
    assert file.status == ReportFile.Status.READY
    assert bytes(file.pdf).startswith(b"%PDF-") and file.size == len(file.pdf)
    assert file.pages == 1 and file.html == ""
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"

    # session, user, the report's data (study, factors, strategies, citations, actions, the
    # report style, the letterhead), the file's state, its PDF
    with django_assert_num_queries(11):
        response = reader.get(pdf_url(study))
    assert typesetting.call_count == 1
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(file.pdf)
    assert response["Content-Length"] == str(file.size)
    assert response["Content-Disposition"] == (
        f'attachment; filename="small-table1-{file.day.isoformat()}.pdf"'
    )


def test_head_typesets_and_queues_nothing(study, reader, typesetting, immediate_tasks):
    url = pdf_url(study)
    response = reader.head(url)
    assert response.status_code == 202
    assert response.content == b""
    assert not ReportFile.objects.exists() and not DBTaskResult.objects.exists()

    reader.get(url)  # typeset at once by the immediate backend
    assert typesetting.call_count == 1
    file = ReportFile.objects.get()

    response = reader.head(url)
    assert typesetting.call_count == 1
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(file.size)
    assert response["Content-Disposition"].startswith('attachment; filename="small-table1-')


def test_an_unchanged_study_is_served_from_the_kept_file_and_a_changed_text_is_a_new_revision(
    english, reader, typesetting, immediate_tasks, tmp_path
):
    first = reader.get(pdf_url(english))
    assert first.status_code == 200 and typesetting.call_count == 1
    again = reader.get(pdf_url(english))
    assert again.status_code == 200 and typesetting.call_count == 1
    assert again.content == first.content

    s1 = factor(english, "S1")
    s1.text = "Pilgrims from forty countries"
    s1.save()
    changed = reader.get(pdf_url(english))

    assert changed.status_code == 200 and typesetting.call_count == 2
    old, new = ReportFile.objects.order_by("created")
    assert old.digest != new.digest
    assert "Pilgrims from forty countries" in " ".join(pdf_pages(changed.content, tmp_path))
    assert "Pilgrims" not in " ".join(pdf_pages(first.content, tmp_path))


def test_the_pdf_is_of_the_revision_that_was_asked_for_even_if_the_study_changes_meanwhile(
    english, reader, tmp_path
):
    reader.get(pdf_url(english))
    s1 = factor(english, "S1")
    s1.text = "Changed while queued"
    s1.save()

    tasks.make_pdf(ReportFile.objects.get().pk)

    pdf = bytes(ReportFile.objects.get().pdf)
    assert "S1 text" in " ".join(pdf_pages(pdf, tmp_path))
    # The study as it is now is another revision: asking again queues it.
    assert reader.get(pdf_url(english)).status_code == 202
    assert ReportFile.objects.count() == 2


def test_the_progress_fragment_polls_until_the_file_is_ready_then_offers_it(
    study, reader, django_assert_num_queries
):
    reader.get(pdf_url(study))
    file = ReportFile.objects.get()

    url = status_url(file)
    with django_assert_num_queries(4):  # session, user, study, the file's state
        polling = reader.get(url, headers=HX)
    assert polling.status_code == 202
    assert "hx-trigger" in polling.content.decode()
    assert "<html" not in polling.content.decode()

    tasks.make_pdf(file.pk)

    ready = reader.get(url, headers=HX)
    html = ready.content.decode()
    assert ready.status_code == 200
    assert "hx-trigger" not in html  # polling stops
    assert f'<a class="button primary" href="{pdf_url(study)}">' in html
    assert "پی‌دی‌اف آماده است: ۱ صفحه" in html
    # Without htmx, the same state as a whole page.
    assert "<html" in reader.get(url).content.decode()


def test_a_failed_render_says_so_and_only_a_retry_queues_it_again(study, reader, immediate_tasks):
    with mock.patch.object(render, "html_to_pdf", side_effect=OSError("no fonts")) as broken:
        failed = reader.get(pdf_url(study))
        assert broken.call_count == 1
        file = ReportFile.objects.get()
        assert file.status == ReportFile.Status.FAILED
        assert file.error == "OSError: no fonts"
        assert failed.status_code == 200
        html = failed.content.decode()
        assert "ساخت پی‌دی‌اف ممکن نشد." in html
        assert f'href="{pdf_url(study)}?retry=1"' in html
        assert "no fonts" not in html  # the error is for the log, not the reader

        assert reader.get(pdf_url(study)).status_code == 200
        assert broken.call_count == 1

    retried = reader.get(pdf_url(study) + "?retry=1")
    assert retried.status_code == 200
    assert retried["Content-Type"] == "application/pdf"
    assert ReportFile.objects.get().status == ReportFile.Status.READY


def test_a_render_whose_worker_died_can_be_retried(study, reader):
    reader.get(pdf_url(study))
    ReportFile.objects.update(
        status=ReportFile.Status.RUNNING, started=timezone.now() - dt.timedelta(hours=1)
    )
    stalled = reader.get(pdf_url(study))
    assert stalled.status_code == 200 and "?retry=1" in stalled.content.decode()
    assert DBTaskResult.objects.count() == 1

    assert reader.get(pdf_url(study) + "?retry=1").status_code == 202
    assert ReportFile.objects.get().status == ReportFile.Status.QUEUED
    assert DBTaskResult.objects.count() == 2


def test_a_file_queued_twice_is_typeset_once(study, reader, typesetting):
    reader.get(pdf_url(study))
    file = ReportFile.objects.get()
    assert tasks.make_pdf(file.pk).endswith("bytes")
    assert tasks.make_pdf(file.pk) == "skipped: not queued"
    assert typesetting.call_count == 1


def test_a_study_part_keeps_its_newest_finished_files(study):
    def made(part, minutes_ago, status=ReportFile.Status.READY):
        when = timezone.now() - dt.timedelta(minutes=minutes_ago)
        return ReportFile.objects.create(
            study=study,
            part=part,
            digest=f"{part}-{minutes_ago}",
            day=when.date(),
            status=status,
            created=when,
            finished=None if status == ReportFile.Status.QUEUED else when,
        )

    old = [made("table1", minutes) for minutes in (50, 40, 30, 20, 10)]
    queued = made("table1", 60, ReportFile.Status.QUEUED)
    other_part = made("table2", 90)

    assert tasks.prune(study.pk, "table1") == 5 - KEEP_FILES
    left = set(ReportFile.objects.all())
    assert left == {*old[-KEEP_FILES:], queued, other_part}


def test_a_file_is_found_only_under_its_own_study_and_part(study, reader):
    reader.get(pdf_url(study))
    file = ReportFile.objects.get()
    other = StudyFactory()
    for slug, part in [(other.slug, "table1"), (study.slug, "table2")]:
        url = reverse("report-status", args=[slug, part, file.pk])
        assert reader.get(url).status_code == 404


def test_the_progress_page_needs_a_login(study, reader, client):
    reader.get(pdf_url(study))
    client.logout()
    response = client.get(status_url(ReportFile.objects.get()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
