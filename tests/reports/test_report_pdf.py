"""The PDF reports read back with pdftotext: every factor, strategy, citation and action
in its table, pages numbered, header rows repeated, nothing running off the page."""

from __future__ import annotations

import re
import subprocess

import pytest

from actions.models import ActionLink
from reports.data import TABLE_PARTS, build_report
from reports.render import (
    html_to_pdf,
    render_report_html,
    render_report_pdf,
)
from swot.models import Study
from tests.factories import (
    FactorFactory,
    StudyFactory,
)
from tests.reports.pdf_text import (
    TODAY,
    fa,
    footers,
    mashhad_pdf,
    mashhad_text,
    norm,
    pdf_page_count,
    pdf_pages,
    plain,
    small_study,
)

pytestmark = pytest.mark.django_db


def test_table_1_has_every_strength_and_opportunity_and_nothing_of_table_2(mashhad, tmp_path):
    text = mashhad_text(mashhad, "table1", tmp_path)
    for factor in mashhad.factors.all():
        count = text.count(norm(factor.text))
        assert count == (1 if factor.kind in "SO" else 0), factor.code


def test_table_2_has_every_weakness_and_threat_and_nothing_of_table_1(mashhad, tmp_path):
    text = mashhad_text(mashhad, "table2", tmp_path)
    for factor in mashhad.factors.all():
        count = text.count(norm(factor.text))
        assert count == (1 if factor.kind in "WT" else 0), factor.code


def test_table_3_has_every_strategy_code_text_citation_and_action_where_it_is_used(
    mashhad, tmp_path
):
    text = mashhad_text(mashhad, "table3", tmp_path)
    for strategy in mashhad.strategies.all():
        assert norm(strategy.code + strategy.text) in text, strategy.code
    for row in (s for q in build_report(mashhad).table3 for s in q.strategies):
        assert norm(f"({row.citations})") in text, row.code
    # Each place prints its action once, in its program's wording (66 places for 36 actions);
    # a wording that lies inside another's is counted where that one is printed too.
    places = [
        link.printed_text
        for link in ActionLink.objects.filter(strategy__study=mashhad).select_related("action")
    ]
    assert len(places) == 66
    for printed in set(places):
        expected = sum(norm(place).count(norm(printed)) for place in places)
        assert text.count(norm(printed)) == expected, printed


def test_tables_1_and_2_hold_no_strategy_or_action(mashhad, tmp_path):
    text = mashhad_text(mashhad, "table1", tmp_path) + mashhad_text(mashhad, "table2", tmp_path)
    assert not re.search(r"(SO|WO|ST|WT)\d", text)
    for action in mashhad.actions.all():
        assert norm(action.text) not in text


def test_table_3_shows_the_shared_actions_note_and_so1s_note_about_o11_and_o12(mashhad, tmp_path):
    text = mashhad_text(mashhad, "table3", tmp_path)
    assert norm("بعضی از اقدامات در عملیاتی شدن راهبردهای مختلف کارایی دارند") in text
    so1 = mashhad.strategies.get(quadrant="SO", number=1)
    assert norm(so1.note) in text


def test_each_strategy_and_its_program_stay_on_one_page(mashhad, tmp_path):
    pages = [norm(page) for page in pdf_pages(mashhad_pdf(mashhad, "table3"), tmp_path)]
    assert len(pages) > 1
    for strategy in mashhad.strategies.prefetch_related("action_links__action"):
        [page] = [p for p in pages if norm(strategy.code + strategy.text) in p]
        for link in strategy.action_links.all():
            assert norm(link.printed_text) in page, (strategy.code, link.position)


def test_table_3_repeats_its_header_row_on_every_page(mashhad, tmp_path):
    pages = pdf_pages(mashhad_pdf(mashhad, "table3"), tmp_path)
    assert len(pages) >= 3
    for page in pages:
        assert norm("راهبرد راهبردها برنامه‌ها") in norm(page)  # the paper's headings


def test_combined_report_is_a_title_page_the_matrix_then_the_three_tables_as_printed_alone(
    mashhad, tmp_path
):
    alone = [pdf_page_count(mashhad_pdf(mashhad, part), tmp_path) for part in TABLE_PARTS]
    combined = pdf_page_count(mashhad_pdf(mashhad, "combined"), tmp_path)
    assert combined == 2 + sum(alone)  # the title page and the one-page TOWS matrix first
    pages = [norm(page) for page in pdf_pages(mashhad_pdf(mashhad, "combined"), tmp_path)]
    assert len(pages) == combined
    # Each table starts on a page of its own, where it starts when printed alone.
    report = build_report(mashhad)
    first_of = [3, 3 + alone[0], 3 + alone[0] + alone[1]]
    for part, first in zip(TABLE_PARTS, first_of, strict=True):
        section = report.sections[part]
        title = norm(f"جدول {section.number}- {section.title}")
        assert next(n for n, page in enumerate(pages[1:], 2) if title in page) == first


def test_every_page_is_numbered_in_persian_digits_out_of_the_page_count(mashhad, tmp_path):
    pages = pdf_pages(mashhad_pdf(mashhad, "combined"), tmp_path)
    total = len(pages)
    assert total >= 6
    numbers = [footers(page, "صفحه", "از") for page in pages]
    assert numbers == [[(fa(n), fa(total))] for n in range(1, total + 1)]


def test_title_page_names_the_study_its_source_and_the_date_in_both_calendars(mashhad, tmp_path):
    html = render_report_html(build_report(mashhad, today=TODAY), "combined")
    assert '۳ آذر ۱۴۰۵ <span class="gregorian">(۲۴ نوامبر ۲۰۲۶)</span>' in html
    pages = pdf_pages(mashhad_pdf(mashhad, "combined"), tmp_path)
    title_page = norm(pages[0])
    for value in (mashhad.title, mashhad.city, mashhad.subject, mashhad.source):
        assert norm(value) in title_page
    # pdftotext reorders the numbers around the brackets; each part of the date is there.
    date = plain(pages[0]).split("تاریخ تهیه")[1].split()
    assert {"۳", "آذر", "۱۴۰۵", "۲۴", "نوامبر", "۲۰۲۶"} <= {w.strip("()") for w in date}
    # The contents give each table's first page.
    table3 = norm(build_report(mashhad).sections["table3"].heading)
    first = next(n for n, page in enumerate(pages[1:], 2) if table3 in norm(page))
    assert f"{table3}{fa(first)}" in title_page.replace(".", "")


def test_pages_after_the_title_carry_the_study_and_table_in_their_running_header(mashhad, tmp_path):
    pages = pdf_pages(mashhad_pdf(mashhad, "table3"), tmp_path)
    for page in pages:
        assert norm(mashhad.title) in norm(page)
        assert norm("جدول ۳") in norm(page)


def test_persian_tables_print_no_western_digit(mashhad, tmp_path):
    # Numbering, running header, page numbers and date: all in Persian digits.
    text = mashhad_text(mashhad, "table1", tmp_path) + mashhad_text(mashhad, "table2", tmp_path)
    assert not re.search(r"[0-9]", text)
    assert "۱۳" in text  # the thirteenth strength


def test_reports_embed_the_vendored_vazirmatn_font(mashhad, tmp_path):
    path = tmp_path / "fonts.pdf"
    path.write_bytes(mashhad_pdf(mashhad, "table2"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in fonts.stdout.splitlines()[2:]]
    assert names and all("Vazirmatn" in name for name in names)


LONG_WORD = "Supercalifragilistic" * 15  # 300 characters, no break opportunity


@pytest.mark.parametrize("language", [Study.Language.PERSIAN, Study.Language.ENGLISH])
def test_markup_ampersands_and_a_300_character_word_print_as_text_inside_the_page(
    language, tmp_path
):
    study = StudyFactory(language=language, title="Tom & Jerry <b>bold</b>")
    FactorFactory(study=study, kind="S", number=1, text="<script>alert(1)</script> Tom & Jerry")
    FactorFactory(study=study, kind="O", number=1, text=f"Before {LONG_WORD} after")
    html = render_report_html(build_report(study), "table1")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry" in plain(html)
    assert "<script>" not in plain(html) and "<b>bold</b>" not in plain(html)

    pdf, pages = html_to_pdf(html)
    text = plain("".join(pdf_pages(pdf, tmp_path)))
    assert "<script>alert(1)</script> Tom & Jerry" in text
    assert norm(f"Before {LONG_WORD} after") in norm(text)
    # Every word lies between the page's side margins (A4: 595pt wide, 18mm = 51pt margins).
    path = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-bbox", str(tmp_path / "report.pdf"), str(path)], check=True)
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', path.read_text())
    assert len(words) > 10
    for x_min, x_max in words:
        assert float(x_min) >= 50 and float(x_max) <= 545.5


def test_an_english_study_reads_left_to_right_with_western_digits(tmp_path):
    study = small_study(Study.Language.ENGLISH, strategies=4, actions=2)
    html = render_report_html(build_report(study, today=TODAY), "combined")
    assert '<html lang="en" dir="ltr">' in html
    pdf, count = html_to_pdf(html)
    pages = pdf_pages(pdf, tmp_path)
    assert len(pages) == count
    numbers = [footers(page, "Page", "of") for page in pages]
    assert numbers == [[(str(n), str(count))] for n in range(1, count + 1)]
    pages = [norm(page) for page in pages]
    assert norm("24 November 2026") in pages[0] and norm("3 Azar 1405 SH") in pages[0]
    assert norm("Strengths (S)") in "".join(pages)
    assert not re.search("[۰-۹]", "".join(pages))


def test_a_quadrant_without_strategies_says_so_and_no_shared_actions_means_no_note(tmp_path):
    study = small_study(Study.Language.ENGLISH, strategies=1, actions=2)  # one WO strategy
    text = norm("".join(pdf_pages(render_report_pdf(study, "table3").pdf, tmp_path)))
    assert text.count(norm("No strategies recorded.")) == 3
    assert norm("Some actions serve several strategies") not in text


def test_factor_notes_print_in_their_row(tmp_path):
    study = StudyFactory(language=Study.Language.ENGLISH)
    FactorFactory(study=study, kind="W", number=1, text="Slow permits", note="Source: p. 12")
    FactorFactory(study=study, kind="T", number=1, text="Sanctions")
    pages = pdf_pages(render_report_pdf(study, "table2").pdf, tmp_path)
    assert norm("Slow permitsNote: Source: p. 12") in norm("".join(pages))
