"""The one-page TOWS matrix: a part of its own and the page after the contents in the full
report, every factor and strategy code on it, one page however big the study."""

from __future__ import annotations

import re
import subprocess

import pytest

from planning.digits import PERSIAN_DIGITS
from reports.data import MATRIX_BAND_LINES, build_report, shorten
from reports.render import COMBINED_PARTS, contents, html_to_pdf, render_report_html
from studyfile.generate import scaled_study
from studyfile.load import load_study
from studyfile.schema import read_study_file
from swot.models import Study
from tests.helpers import MASHHAD_FIXTURE, ROOT
from tests.reports.pdf_text import (
    TODAY,
    mashhad_pdf,
    norm,
    pdf_page_count,
    pdf_pages,
    plain,
    small_study,
)

pytestmark = pytest.mark.django_db

ARTIFACTS = ROOT / "test-artifacts"
QUADRANT_HEADINGS = {
    "SO": "راهبردهای SO",
    "WO": "راهبردهای WO",
    "ST": "راهبردهای ST",
    "WT": "راهبردهای WT",
}


def snapshot(pdf: bytes, name: str) -> None:
    """The PDF's first page as a PNG in test-artifacts/, to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", str(path), str(ARTIFACTS / name)],
        check=True,
    )


def left_edges(pdf: bytes, tmp_path) -> dict[str, float]:
    """Each word of the PDF and where it starts from the page's left edge (the last if twice)."""
    path = tmp_path / "bbox.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return {
        word: float(x) for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', out)
    }


def page_size(pdf: bytes, tmp_path) -> tuple[float, float]:
    path = tmp_path / "size.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout).groups()
    return float(width), float(height)


def test_the_mashhad_matrix_is_one_landscape_page_with_every_code_and_the_four_quadrants(
    mashhad, tmp_path
):
    pdf = mashhad_pdf(mashhad, "matrix")
    snapshot(pdf, "tows-matrix-mashhad")
    assert pdf_page_count(pdf, tmp_path) == 1
    width, height = page_size(pdf, tmp_path)
    assert width > height  # A4 landscape: 842 x 595 pt
    text = plain(pdf_pages(pdf, tmp_path)[0])
    codes = set(re.findall(r"\b[SWOT]{1,2}\d+\b", text))
    expected = {f.code for f in mashhad.factors.all()} | {s.code for s in mashhad.strategies.all()}
    assert len(expected) == 13 + 9 + 10 + 7 + 12
    assert codes == expected
    for heading in QUADRANT_HEADINGS.values():
        assert norm(heading) in norm(text)
    assert norm("ماتریس TOWS") in norm(text)
    # Nothing had to be left out: no "… and N more".
    assert "مورد دیگر" not in text


def test_the_matrix_prints_each_text_cut_at_a_word_boundary(mashhad, tmp_path):
    text = norm(plain(pdf_pages(mashhad_pdf(mashhad, "matrix"), tmp_path)[0]))
    for factor in mashhad.factors.all():
        assert norm(shorten(factor.text, 60)) in text, factor.code
    for strategy in mashhad.strategies.all():
        assert norm(shorten(strategy.text, 90)) in text, strategy.code


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short enough", 60, "short enough"),
        ("one two three four", 12, "one two…"),
        ("one two three four", 8, "one two…"),
        ("supercalifragilistic", 8, "superca…"),
        ("one two, three", 9, "one two…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary_within_the_limit(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_the_full_report_has_the_matrix_after_the_contents_and_before_table_1(mashhad, tmp_path):
    pages = [norm(plain(page)) for page in pdf_pages(mashhad_pdf(mashhad, "combined"), tmp_path)]
    matrix_title = norm("ماتریس TOWS")
    table1 = norm(build_report(mashhad).sections["table1"].heading)
    assert norm("فهرست") in pages[0]  # the title page with its contents
    assert matrix_title in pages[1] and "SO1" in pages[1] and "WT2" in pages[1]
    first_table1 = next(n for n, page in enumerate(pages) if table1 in page and n > 0)
    assert first_table1 == 2
    assert all(matrix_title not in page for page in pages[2:])


@pytest.mark.parametrize("scale", [3, 10])
def test_a_study_many_times_mashhads_size_still_fits_one_page_and_says_what_it_left_out(
    scale, tmp_path
):
    load_study(scaled_study(read_study_file(MASHHAD_FIXTURE), scale, f"mashhad-x{scale}"))
    study = Study.objects.get(slug=f"mashhad-x{scale}")
    assert study.factors.filter(kind="S").count() == 13 * scale
    report = build_report(study, today=TODAY)
    assert report.matrix.size == 2  # the smallest type
    strengths = report.matrix.across[0]
    assert len(strengths.items) == MATRIX_BAND_LINES - 1
    left_out = str(13 * scale - len(strengths.items)).translate(PERSIAN_DIGITS)
    assert strengths.more == f"… و {left_out} مورد دیگر"
    pdf, pages = html_to_pdf(render_report_html(report, "matrix"))
    snapshot(pdf, f"tows-matrix-scale-{scale}")
    assert pages == 1
    text = plain(pdf_pages(pdf, tmp_path)[0])
    assert norm(strengths.more) in norm(text)
    down = [[side, *cells] for side, cells in report.matrix.down]
    for matrix_list in [*report.matrix.across, *down[0], *down[1]]:
        for item in matrix_list.items:
            assert re.search(rf"\b{item.code}\b", text), item.code


def test_an_english_matrix_reads_left_to_right_with_strengths_left_of_weaknesses(tmp_path):
    study = small_study(Study.Language.ENGLISH, strategies=4)
    html = render_report_html(build_report(study, today=TODAY), "matrix")
    assert '<html lang="en" dir="ltr">' in html
    pdf, pages = html_to_pdf(html)
    snapshot(pdf, "tows-matrix-english")
    assert pages == 1
    words = left_edges(pdf, tmp_path)
    assert words["Strengths"] < words["Weaknesses"]
    assert words["Opportunities"] < words["S1"] < words["W1"]


def test_a_persian_matrix_reads_right_to_left_with_strengths_right_of_weaknesses(mashhad, tmp_path):
    words = left_edges(mashhad_pdf(mashhad, "matrix"), tmp_path)
    assert words["O1"] > words["S1"] > words["W1"]
    assert words["SO1"] > words["WO1"]


def test_the_full_reports_contents_have_the_matrix_first_then_the_tables(mashhad):
    report = build_report(mashhad, today=TODAY)
    lines = [(section.part, section.heading) for section in contents(report, COMBINED_PARTS)]
    assert lines == [
        ("matrix", "ماتریس TOWS"),
        # The paper's captions (Mashhad's report style).
        (
            "table1",
            "جدول ۱- توانمندی‌ها و پتانسیل‌های شهر مشهد در دیپلماسی شهری با کشورهای اسلامی "
            "(قوت‌ها و فرصت‌ها)",
        ),
        (
            "table2",
            "جدول ۲- چالش‌ها و مشکلات شهر مشهد در دیپلماسی شهری با کشورهای اسلامی (ضعف‌ها و تهدیدها)",
        ),
        (
            "table3",
            "جدول ۳- راهبردهای شایسته برای رسیدن مشهد به اهداف دیپلماسی شهری و راهکارهای "
            "پیاده‌سازی آن‌ها",
        ),
    ]


def test_the_title_pages_contents_list_the_matrix_with_its_page_number(mashhad, tmp_path):
    pages = pdf_pages(mashhad_pdf(mashhad, "combined"), tmp_path)
    title_page = norm(plain(pages[0])).replace(".", "")
    assert f"{norm('ماتریس TOWS')}۲" in title_page
