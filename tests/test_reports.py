"""PDF reports of a study (Tables 1–3): the data, the typeset pages, the downloads."""

from __future__ import annotations

import datetime as dt
import gc
import re
import subprocess
from pathlib import Path

import pytest
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from actions.models import ActionLink
from reports.calendars import gregorian_to_jalali
from reports.data import build_report
from reports.render import (
    PARTS,
    ForbiddenFetch,
    html_to_pdf,
    read_static_url,
    render_report_html,
    render_report_pdf,
    stylesheet_path,
)
from swot.models import Study

from .factories import (
    ActionFactory,
    ActionLinkFactory,
    CitationFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)  # 3 Azar 1405
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# pdftotext keeps the letters and digits of right-to-left text but not always the place of
# its punctuation (brackets, guillemets, commas at a word's edge) nor the zero-width
# non-joiner, and it reads the lam-alef ligature as ال: texts are compared on their letters
# and digits alone.
NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]")
BIDI_MARKS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def fa(number: int) -> str:
    return str(number).translate(PERSIAN)


def norm(text: str) -> str:
    return NOT_LETTER_OR_DIGIT.sub("", text).replace("لا", "ال")


def plain(text: str) -> str:
    return BIDI_MARKS.sub("", text)


def footers(page: str, word: str, of: str) -> list[tuple[str, str]]:
    """The page numbers in a page's `Page N of M` (`صفحه N از M`)."""
    return re.findall(rf"{word}\s+(\w+)\s+{of}\s+(\w+)", plain(page))


ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06f0-\u06f9\ufb50-\ufdff\ufe70-\ufefc]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def logical_word(word: str) -> str:
    """A Persian word of `pdftotext -raw`: punctuation at its visual left (a trailing comma)
    goes to its end, punctuation at its visual right to its start."""
    lead, core, trail = re.fullmatch(r"(\W*)(.*?)(\W*)", word).groups()
    return trail[::-1] + core + lead[::-1]


def logical_line(line: str) -> str:
    """A line of `pdftotext -raw` (words in visual order, left to right) in reading order.

    In a line with Persian words, runs of Persian words and numbers are read right to left
    and each run of Latin words keeps its own order.
    """
    words = line.split()
    if not any(ARABIC_LETTER.search(word) for word in words):
        return line
    runs: list[tuple[bool, list[str]]] = []
    for word in words:
        latin = bool(LATIN_LETTER.search(word))
        if runs and runs[-1][0] == latin:
            runs[-1][1].append(word)
        else:
            runs.append((latin, [word]))
    return " ".join(
        " ".join(run if latin else map(logical_word, reversed(run)))
        for latin, run in reversed(runs)
    )


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page as poppler's pdftotext reads it, in WeasyPrint's drawing order
    (cell by cell, line by line) with each line put in reading order."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return ["\n".join(map(logical_line, page.splitlines())) for page in out.split("\f")[:-1]]


def pdf_page_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.M).group(1))


# Each Mashhad report is typeset once per test module; the study is the same in every test.
_mashhad_pdfs: dict[str, bytes] = {}


def mashhad_pdf(study: Study, part: str) -> bytes:
    if part not in _mashhad_pdfs:
        _mashhad_pdfs[part] = render_report_pdf(study, part, today=TODAY).pdf
    return _mashhad_pdfs[part]


def mashhad_text(study: Study, part: str, tmp_path: Path) -> str:
    return norm("".join(pdf_pages(mashhad_pdf(study, part), tmp_path)))


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("gregorian", "jalali"),
    [
        (dt.date(2017, 3, 21), (1396, 1, 1)),
        (dt.date(2026, 11, 24), (1405, 9, 3)),
        (dt.date(1979, 2, 11), (1357, 11, 22)),
        (dt.date(2000, 1, 1), (1378, 10, 11)),
        (dt.date(2021, 3, 20), (1399, 12, 30)),  # 1399 is a leap year
        (dt.date(2021, 3, 21), (1400, 1, 1)),
        (dt.date(2024, 3, 19), (1402, 12, 29)),  # 1402 is not
        (dt.date(2024, 3, 20), (1403, 1, 1)),
        (dt.date(2025, 3, 20), (1403, 12, 30)),  # 1403 is
        (dt.date(2025, 3, 21), (1404, 1, 1)),
        (dt.date(2025, 9, 22), (1404, 6, 31)),  # the last day of the 31-day months
        (dt.date(2025, 9, 23), (1404, 7, 1)),
    ],
)
def test_solar_hijri_date_of_known_gregorian_dates(gregorian, jalali):
    assert gregorian_to_jalali(gregorian.year, gregorian.month, gregorian.day) == jalali


def test_solar_hijri_dates_advance_one_day_at_a_time_over_decades():
    day, previous = dt.date(1990, 1, 1), gregorian_to_jalali(1990, 1, 1)
    leap_years = set()
    while day < dt.date(2040, 1, 1):
        day += dt.timedelta(days=1)
        current = gregorian_to_jalali(day.year, day.month, day.day)
        year, month, dom = previous
        if current == (year, month, dom + 1):
            assert dom + 1 <= (31 if month <= 6 else 30)
        elif current == (year, month + 1, 1):
            assert dom == (31 if month <= 6 else 30)
        else:
            assert current == (year + 1, 1, 1) and month == 12 and dom in (29, 30)
            if dom == 30:
                leap_years.add(year)
        previous = current
    # Eight leap years in each 33-year cycle, four or five years apart.
    assert {1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408, 1412, 1416} <= leap_years
    assert len(leap_years & set(range(1369, 1402))) == 8


# ---------------------------------------------------------------- report data


def small_study(language=Study.Language.ENGLISH, *, strategies=1, actions=1) -> Study:
    study = StudyFactory(language=language)
    s = [FactorFactory(study=study, kind=k, number=n) for k in "SWOT" for n in (1, 2)]
    for n in range(1, strategies + 1):
        quadrant = ["SO", "WO", "ST", "WT"][n % 4]
        strategy = StrategyFactory(study=study, quadrant=quadrant, number=n)
        for factor in s:
            if factor.kind in quadrant:
                CitationFactory(strategy=strategy, factor=factor)
        for position in range(1, actions + 1):
            ActionLinkFactory(strategy=strategy, position=position)
    return study


def test_report_data_takes_the_same_queries_for_a_small_and_a_large_study(
    django_assert_num_queries,
):
    small = small_study(strategies=1, actions=1)
    large = small_study(strategies=12, actions=6)
    with django_assert_num_queries(4):
        small_report = build_report(small)
    with django_assert_num_queries(4):
        large_report = build_report(large)
    assert sum(len(q.strategies) for q in small_report.table3) == 1
    assert sum(len(s.actions) for q in large_report.table3 for s in q.strategies) == 72


def test_report_data_groups_mashhad_as_the_paper_does(mashhad):
    report = build_report(mashhad, today=TODAY)
    assert [(g.kind, len(g.rows)) for g in report.table1] == [("S", 13), ("O", 10)]
    assert [(g.kind, len(g.rows)) for g in report.table2] == [("W", 9), ("T", 7)]
    assert [(q.quadrant, [s.code for s in q.strategies]) for q in report.table3] == [
        ("SO", ["SO1", "SO2", "SO3"]),
        ("WO", ["WO1", "WO2", "WO3", "WO4"]),
        ("ST", ["ST1", "ST2", "ST3"]),
        ("WT", ["WT1", "WT2"]),
    ]
    so2 = report.table3[0].strategies[1]
    assert so2.citations == "S1,3,6,10,11,12 O1,3,5,6,7,8"
    # Persian numbers in the Persian report.
    assert [row.number for row in report.table1[0].rows][-3:] == ["۱۱", "۱۲", "۱۳"]
    assert (report.generated_jalali, report.generated_gregorian) == ("۳ آذر ۱۴۰۵", "۲۴ نوامبر ۲۰۲۶")


def test_report_counts_the_actions_that_serve_several_strategies(mashhad):
    shared = mashhad.actions.annotate(uses=Count("links")).filter(uses__gt=1).count()
    assert build_report(mashhad).shared_actions == shared > 0


def test_typesetting_leaves_the_garbage_collector_as_it_found_it(mashhad):
    assert gc.isenabled()
    render_report_pdf(mashhad, "table2")
    assert gc.isenabled()
    gc.disable()
    try:
        render_report_pdf(mashhad, "table2")
        assert not gc.isenabled()
    finally:
        gc.enable()


# ---------------------------------------------------------------- the Mashhad PDFs


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
    # Each action is printed once in every strategy that uses it (66 places for 36 actions);
    # an action whose text lies inside another's is counted where that one is printed too.
    places = [link.action.text for link in ActionLink.objects.filter(strategy__study=mashhad)]
    assert len(places) == 66
    for action in mashhad.actions.all():
        expected = sum(norm(place).count(norm(action.text)) for place in places)
        assert text.count(norm(action.text)) == expected, action.text


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
            assert norm(link.action.text) in page, (strategy.code, link.position)


def test_table_3_repeats_its_header_row_on_every_page(mashhad, tmp_path):
    pages = pdf_pages(mashhad_pdf(mashhad, "table3"), tmp_path)
    assert len(pages) >= 3
    for page in pages:
        assert norm("گروه راهبرد برنامه‌ها (اقدامات)") in norm(page)


def test_combined_report_is_a_title_page_then_the_three_tables_as_printed_alone(mashhad, tmp_path):
    alone = [pdf_page_count(mashhad_pdf(mashhad, part), tmp_path) for part in PARTS[1:]]
    combined = pdf_page_count(mashhad_pdf(mashhad, "combined"), tmp_path)
    assert combined == 1 + sum(alone)
    pages = [norm(page) for page in pdf_pages(mashhad_pdf(mashhad, "combined"), tmp_path)]
    assert len(pages) == combined
    # Each table starts on a page of its own, where it starts when printed alone.
    report = build_report(mashhad)
    first_of = [2, 2 + alone[0], 2 + alone[0] + alone[1]]
    for part, first in zip(PARTS[1:], first_of, strict=True):
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
    table3 = norm("جدول ۳- راهبردها و برنامه‌های اجرایی آن‌ها")
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


# ---------------------------------------------------------------- text from the database

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


# ---------------------------------------------------------------- fonts and CSS from disk


def test_static_files_are_read_from_disk_and_nothing_else_is_fetched():
    path, body = read_static_url(stylesheet_path().as_uri())
    assert body.startswith(b"/*") and path == stylesheet_path()
    font = stylesheet_path().parent.parent / "fonts" / "vazirmatn" / "Vazirmatn-Regular.ttf"
    assert read_static_url(font.as_uri())[1] == font.read_bytes()
    for url in ("http://127.0.0.1:8000/static/reports/report.css", "file:///etc/passwd"):
        with pytest.raises(ForbiddenFetch):
            read_static_url(url)


def test_a_report_that_asks_for_a_url_fails_instead_of_fetching_it():
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        html_to_pdf('<html><body><img src="http://127.0.0.1:9/logo.png"></body></html>')


# ---------------------------------------------------------------- views


@pytest.fixture
def reader_client(client):
    client.force_login(UserFactory())
    return client


def test_report_pdf_is_a_download_named_after_the_study_part_and_date(mashhad, reader_client):
    response = reader_client.get(reverse("report-pdf", args=[mashhad.slug, "table2"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="mashhad-city-diplomacy-table2-{day}.pdf"'
    )


def test_report_urls_follow_the_agreed_paths():
    assert reverse("report-pdf", args=["tus", "combined"]) == "/studies/tus/report/combined.pdf"
    assert reverse("report-preview", args=["tus", "table3"]) == "/studies/tus/report/table3/"
    with pytest.raises(NoReverseMatch):
        reverse("report-pdf", args=["tus", "summary"])


@pytest.mark.parametrize(
    "url",
    [
        "/studies/mashhad-city-diplomacy/report/table4.pdf",
        "/studies/mashhad-city-diplomacy/report/summary/",
        "/studies/no-such-study/report/combined.pdf",
        "/studies/no-such-study/report/table1/",
    ],
)
def test_unknown_parts_and_studies_are_not_found(mashhad, reader_client, url):
    assert reader_client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["report-pdf", "report-preview"])
def test_reports_need_a_login(mashhad, client, name):
    response = client.get(reverse(name, args=[mashhad.slug, "table1"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_print_preview_is_the_report_as_html_with_its_download_links(mashhad, reader_client):
    response = reader_client.get(reverse("report-preview", args=[mashhad.slug, "table3"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert 'href="/static/reports/report.css"' in html
    for part in PARTS:
        assert f'href="{reverse("report-preview", args=[mashhad.slug, part])}"' in html
    assert f'href="{reverse("report-pdf", args=[mashhad.slug, "table3"])}" download' in html
    assert f'href="{reverse("report-pdf", args=[mashhad.slug, "combined"])}" download' in html
    assert f'href="{mashhad.get_absolute_url()}"' in html
    assert "WT2" in html and '<h2 class="table-title">جدول ۳-' in html
    assert "جدول ۱-" not in html  # table 3 alone


def test_print_preview_escapes_text_from_the_database(reader_client):
    study = StudyFactory(language=Study.Language.ENGLISH)
    strategy = StrategyFactory(study=study, quadrant="SO", number=1, text="a <i>b</i> & c")
    ActionLinkFactory(strategy=strategy, action=ActionFactory(study=study, text="<script>x()"))
    html = reader_client.get(reverse("report-preview", args=[study.slug, "table3"])).content
    assert b"a &lt;i&gt;b&lt;/i&gt; &amp; c" in html and b"&lt;script&gt;x()" in html
    assert b"<script>" not in html and b"<i>b</i>" not in html


def test_reports_are_read_only(mashhad, reader_client):
    url = reverse("report-pdf", args=[mashhad.slug, "table1"])
    assert reader_client.post(url).status_code == 405


def test_factor_notes_print_in_their_row(tmp_path):
    study = StudyFactory(language=Study.Language.ENGLISH)
    FactorFactory(study=study, kind="W", number=1, text="Slow permits", note="Source: p. 12")
    FactorFactory(study=study, kind="T", number=1, text="Sanctions")
    pages = pdf_pages(render_report_pdf(study, "table2").pdf, tmp_path)
    assert norm("Slow permitsNote: Source: p. 12") in norm("".join(pages))
