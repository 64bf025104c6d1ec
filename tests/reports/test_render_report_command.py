import io
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def render(*args) -> str:
    out = io.StringIO()
    call_command("render_report", *args, stdout=out)
    return out.getvalue()


def pages_of(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line.split()[1] for line in info.stdout.splitlines() if line[:6] == "Pages:"))


def test_render_report_writes_the_combined_pdf_named_after_the_study_and_date(
    mashhad, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    message = render(mashhad.slug)
    path = tmp_path / f"{mashhad.slug}-combined-{timezone.localdate().isoformat()}.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    assert f"Wrote {path.name} ({pages_of(path)} pages" in message


def test_render_report_writes_one_table_where_it_is_told(mashhad, tmp_path):
    path = tmp_path / "out" / "table2.pdf"
    path.parent.mkdir()
    render(mashhad.slug, "--part", "table2", "-o", str(path))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "نقاط ضعف" in text and "تهدیدها" in text and "نقاط قوت" not in text
    assert "SO1" not in text
    assert pages_of(path) == 1


def test_render_report_writes_the_html_it_would_typeset(mashhad, tmp_path):
    path = tmp_path / "table3.html"
    message = render(mashhad.slug, "--part", "table3", "--html", "--output", str(path))
    html = path.read_text()
    assert html.startswith("<!doctype html>") and 'dir="rtl"' in html and "WT2" in html
    assert "(HTML," in message
    assert 'rel="stylesheet"' not in html  # WeasyPrint gets the stylesheet from disk


def test_render_report_names_the_loaded_studies_when_the_slug_is_unknown(mashhad):
    with pytest.raises(CommandError, match="No study 'tus'.*mashhad-city-diplomacy"):
        render("tus")


def test_render_report_refuses_an_unknown_part(mashhad):
    with pytest.raises(CommandError, match="invalid choice: 'table4'"):
        render(mashhad.slug, "--part", "table4")


def test_render_report_says_when_it_cannot_write(mashhad, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        render(mashhad.slug, "--part", "table2", "-o", str(tmp_path / "missing" / "x.pdf"))
