"""How a report is set: its typeface, justified cells with centred numbers, notes a reader
does not miss, the group label once per quadrant, and the organisation's letterhead on the
title page. Read back from the PDF: its fonts (pdffonts), its images (pdfimages) and where
its words stand on the page (pdftotext -bbox-layout)."""

from __future__ import annotations

import base64
import io
import re
import subprocess
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from reports.models import Letterhead
from reports.render import render_report_pdf
from studyfile.generate import MASHHAD, scaled_study
from studyfile.load import load_study
from studyfile.schema import read_study_file
from swot.models import ReportStyle, Study
from tests.factories import FactorFactory, StudyFactory
from tests.reports.pdf_text import TODAY, mashhad_pdf, norm, pdf_page_count, pdf_pages

pytestmark = pytest.mark.django_db

XHTML = "{http://www.w3.org/1999/xhtml}"


def fonts_of(pdf: bytes, tmp_path: Path) -> set[str]:
    """The embedded fonts' family names (subset prefix and style dropped): {'Amiri', …}."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in out.stdout.splitlines()[2:]]
    return {re.sub(r"^[A-Z]{6}\+|-Bold$", "", name) for name in names}


ARABIC = re.compile(r"[\u0600-\u06ff]")


def readable(word: str) -> str:
    """A word of pdftotext's -bbox output, whose Persian letters come in drawing order."""
    return word[::-1] if ARABIC.search(word) else word


def lines_of(pdf: bytes, tmp_path: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(yMin, xMin, xMax, text) of each line pdftotext finds on a page, in points, top down."""
    path = tmp_path / "bbox.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ElementTree.fromstring(out)
    lines = [
        (
            float(line.get("yMin")),
            float(line.get("xMin")),
            float(line.get("xMax")),
            " ".join(readable(word.text or "") for word in line.iter(f"{XHTML}word")),
        )
        for line in root.iter(f"{XHTML}line")
    ]
    # Top down; on one line right to left, so a row's number comes before its text.
    return sorted(lines, key=lambda line: (round(line[0]), -line[1]))


def words_of(pdf: bytes, tmp_path: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, height, text) of each word on a page."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ElementTree.fromstring(out)
    return [
        (
            float(w.get("xMin")),
            float(w.get("xMax")),
            float(w.get("yMax")) - float(w.get("yMin")),
            readable(w.text or ""),
        )
        for w in root.iter(f"{XHTML}word")
    ]


def set_style(study: Study, **values) -> None:
    ReportStyle.objects.update_or_create(study=study, defaults=values)


# ---------------------------------------------------------------- typeface


def test_a_study_is_set_in_vazirmatn_unless_it_asks_for_the_classic_naskh(tmp_path):
    study = StudyFactory(language=Study.Language.PERSIAN)
    FactorFactory(study=study, kind="S", number=1, text="موقعیت مذهبی و جایگاه ویژه شهر")
    modern = render_report_pdf(study, "table1", today=TODAY).pdf
    assert fonts_of(modern, tmp_path) == {"Vazirmatn"}
    set_style(study, typeface=ReportStyle.Typeface.NASKH)
    naskh = render_report_pdf(study, "table1", today=TODAY).pdf
    assert fonts_of(naskh, tmp_path) == {"Amiri"}  # the page's header and footer too


def test_text_copied_from_a_naskh_report_keeps_every_letter(mashhad, tmp_path):
    """WeasyPrint maps each glyph to the letters it first drew: a face that builds letters
    from shared bodies and dots (Noto Naskh Arabic) copies out as other letters. Amiri's
    copied text has every letter of Table 1's factors, though not always in their words."""
    set_style(mashhad, typeface=ReportStyle.Typeface.NASKH)
    pdf = render_report_pdf(mashhad, "table1", today=TODAY).pdf
    letters = Counter(norm("".join(pdf_pages(pdf, tmp_path))))
    expected = Counter(norm("".join(f.text for f in mashhad.factors.filter(kind__in="SO"))))
    missing = expected - letters
    assert sum(missing.values()) == 0, missing


# ---------------------------------------------------------------- cells


def test_factor_numbers_are_centred_in_their_column(mashhad, tmp_path):
    words = words_of(mashhad_pdf(mashhad, "table1"), tmp_path, 1)
    # The number column is the page's rightmost (right to left); its numbers 1–13 of S.
    numbers = [(x0, x1) for x0, x1, _, text in words if x0 > 400 and text.isdigit()]
    assert len(numbers) >= 10
    centres = [(x0 + x1) / 2 for x0, x1 in numbers]
    widths = [x1 - x0 for x0, x1 in numbers]
    assert max(widths) - min(widths) > 2  # one digit and two: start-aligned would show it
    assert max(centres) - min(centres) < 0.6


def test_cell_text_is_justified_its_lines_filling_the_column_but_the_last(mashhad, tmp_path):
    lines = lines_of(mashhad_pdf(mashhad, "table1"), tmp_path, 1)
    # Each factor: its number (in the rightmost column, right to left), then its text's lines
    # (the wide column at the left), top down.
    factors: list[list[tuple[float, float]]] = []
    # (The running head and the footer stand in the top and bottom margins of the A4 page.)
    body = [line for line in lines if 68 < line[0] < 785]
    for _, x0, x1, text in body:
        if x0 > 500 and text.isdigit():
            factors.append([])
        elif factors and x1 < 500 and not re.search(r"\([SWOT]\)|\)[SWOT]\(", text):
            factors[-1].append((x0, x1))  # (not the next list's heading, «فرصت‌ها (O)»)
    multiline = [texts for texts in factors if len(texts) >= 2]
    assert len(multiline) >= 4
    left = min(x0 for texts in multiline for x0, _ in texts)
    right = max(x1 for texts in multiline for _, x1 in texts)
    for texts in multiline:
        # Every line but the last spans the column, right edge to left edge.
        for x0, x1 in texts[:-1]:
            assert x0 - left < 1
            assert right - x1 < 1
    # A last line keeps to its start (the right) and ends where its words do.
    assert any(texts[-1][0] > left + 20 for texts in multiline)


def test_notes_and_citations_are_printed_near_the_texts_size(mashhad, tmp_path):
    pages = pdf_pages(mashhad_pdf(mashhad, "table3"), tmp_path)
    so1_page = next(n for n, page in enumerate(pages, 1) if "SO1" in page)
    words = words_of(mashhad_pdf(mashhad, "table3"), tmp_path, so1_page)
    height = {text: h for _, _, h, text in words}
    body = height["تقویت"]  # SO1's text
    # SO1's note («منبع ارجاعات را …») and a citation, 9pt against the text's 10pt.
    assert height["ارجاعات"] / body >= 0.85
    citation = next(h for _, _, h, text in words if text.startswith("(O2,3,4"))
    assert citation / body >= 0.85


# ---------------------------------------------------------------- group label


def test_table_3_prints_each_quadrants_label_once_even_over_many_pages(tmp_path):
    load_study(scaled_study(read_study_file(MASHHAD), 6, "six"))
    study = Study.objects.get(slug="six")
    pages = pdf_pages(render_report_pdf(study, "table3", today=TODAY).pdf, tmp_path)
    assert len(pages) >= 12
    text = norm("".join(pages))
    for quadrant in ("SO", "WO", "ST", "WT"):
        assert text.count(norm(f"راهبردهای {quadrant}")) == 1, quadrant


# ---------------------------------------------------------------- letterhead


def logo_png() -> bytes:
    image = Image.new("RGB", (120, 60), (31, 78, 121))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def images_of(pdf: bytes, tmp_path: Path, page: int) -> list[str]:
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdfimages", "-list", "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.splitlines()[2:]


def test_the_title_page_carries_the_organisations_letterhead_and_the_document_number(
    mashhad, tmp_path
):
    Letterhead(
        organisation="شهرداری مشهد اداره کل روابط بین‌الملل",
        logo=logo_png(),
        logo_type=Letterhead.LogoType.PNG,
    ).save()
    set_style(mashhad, document_number="۱۴۰۵-۰۱۲۳")
    pdf = render_report_pdf(mashhad, "combined", today=TODAY).pdf
    title_page = norm(pdf_pages(pdf, tmp_path)[0])
    assert norm("شهرداری مشهد اداره کل روابط بین‌الملل") in title_page
    assert norm("شماره سند") in title_page
    assert norm("۱۴۰۵-۰۱۲۳") in title_page
    [logo] = images_of(pdf, tmp_path, 1)
    assert logo.split()[3:5] == ["120", "60"]  # width, height: the logo itself
    assert images_of(pdf, tmp_path, 2) == []  # on the title page only


def test_without_a_letterhead_the_title_page_has_none(mashhad, tmp_path):
    pdf = mashhad_pdf(mashhad, "combined")
    assert images_of(pdf, tmp_path, 1) == []
    assert norm("شماره سند") not in norm(pdf_pages(pdf, tmp_path)[0])


def test_a_letterhead_and_a_300_character_title_still_fit_one_title_page(tmp_path):
    study = StudyFactory(
        language=Study.Language.PERSIAN,
        title=("تدوین راهبردهای دیپلماسی شهری مشهد با تأکید بر کشورهای اسلامی " * 5)[:300],
        source="منبع " * 400,
    )
    FactorFactory(study=study, kind="S", number=1)
    Letterhead(organisation="سازمان " * 25, logo=logo_png(), logo_type="image/png").save()
    set_style(study, document_number="۱" * 60)
    pdf = render_report_pdf(study, "combined", today=TODAY).pdf
    pages = pdf_pages(pdf, tmp_path)
    # The title page, the matrix, Tables 1–3: the contents did not spill onto a page of their own.
    assert pdf_page_count(pdf, tmp_path) == 5
    assert norm("فهرست") in norm(pages[0])
    assert norm("جدول ۳") in norm(pages[0])


def test_the_logo_is_printed_from_the_database_not_fetched(mashhad):
    """The logo goes into the HTML as a data: URL; the report still reads nothing else."""
    png = logo_png()
    Letterhead(organisation="x", logo=png, logo_type="image/png").save()
    rendered = render_report_pdf(mashhad, "combined", today=TODAY)
    assert f"data:image/png;base64,{base64.b64encode(png).decode()}" in rendered.html
