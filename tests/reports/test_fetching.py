"""A report reads its fonts and stylesheet from disk and fetches nothing else."""

from __future__ import annotations

import pytest
from weasyprint.urls import FatalURLFetchingError

from reports.render import (
    ForbiddenFetch,
    html_to_pdf,
    read_static_url,
    stylesheet_path,
)

pytestmark = pytest.mark.django_db


def test_static_files_are_read_from_disk_and_nothing_else_is_fetched():
    path, body = read_static_url(stylesheet_path().as_uri())
    assert body.startswith(b"/*") and path == stylesheet_path()
    font = stylesheet_path().parent.parent / "fonts" / "vazirmatn" / "Vazirmatn-Regular.ttf"
    assert read_static_url(font.as_uri())[1] == font.read_bytes()
    for url in ("http://127.0.0.1:8000/static/reports/report.css", "file:///etc/passwd"):
        with pytest.raises(ForbiddenFetch):
            read_static_url(url)


def test_a_report_that_asks_for_a_url_fails_instead_of_fetching_it():
    with pytest.raises(FatalURLFetchingError):
        html_to_pdf('<html><body><img src="http://127.0.0.1:9/logo.png"></body></html>')
