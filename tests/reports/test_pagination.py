"""Table 3 and the title page at any length, read back page by page with pdftotext.

A strategy taller than a page continues on the next under the header row and "SO1, continued";
no page holds only a caption or nothing but its header and footer; a citation's lines break
between codes, never inside one; a long title or source keeps the title page to one page.
The worst pages are kept as PNGs in test-artifacts/pagination/ to look at.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from reports.data import build_report
from reports.render import COMBINED_PARTS, render_report_html, render_report_pdf
from studyfile.generate import MASHHAD, scaled_study
from studyfile.load import load_study
from studyfile.schema import read_study_file
from swot.models import Study
from tests.factories import (
    ActionFactory,
    ActionLinkFactory,
    CitationFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
)
from tests.reports.pdf_text import TODAY, norm, pdf_page_count, pdf_pages, plain

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "pagination"

HEADER_ROW = {
    Study.Language.PERSIAN: norm("گروه راهبرد برنامه‌ها (اقدامات)"),
    Study.Language.ENGLISH: norm("Group Strategy Action program"),
}
CONTINUED = {Study.Language.PERSIAN: "{} (ادامه)", Study.Language.ENGLISH: "{}, continued"}
# Lines of a page that are its furniture, not its body: the page number and the date in the
# footer, the running header (the study's title, "Table 3"), the header row's cells.
FOOTER = re.compile(r"^(Page \d+ of \d+|صفحه \S+ از \S+|\d+ \w+ \d{4}|\S+ \S+ \S+ ه‍?ـ?ش?)$")
MIN_BODY_LINES = 3
CITATION_LINE = re.compile(r"^\(?[SWOT0-9, ]*\d[SWOT0-9, ]*\)?$")
CODE = re.compile(r"([SWOT])(\d+(?:,\d+)*)")


def save_pngs(pdf: bytes, name: str) -> None:
    """The PDF's pages as PNGs at 50 dpi in test-artifacts/pagination/, to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(ARTIFACTS / name)], check=True)
    path.unlink()


def body_lines(page: str, study: Study) -> list[str]:
    """A page's lines without its running header, footer and Table 3's header row."""
    furniture = {norm(study.title), HEADER_ROW[study.language]}
    lines = [plain(line).strip() for line in page.splitlines()]
    return [
        line
        for line in lines
        if line
        and not FOOTER.match(line)
        and norm(line) not in furniture
        and not re.fullmatch(r"(Table|جدول) \S+", line)
        and not norm(study.title).startswith(norm(line))  # a line of a wrapped running title
    ]


def citation_runs(page: str) -> list[str]:
    """Each compact citation on a page, its lines joined as written: after a line that ends
    with a comma the next line goes on without a space, after any other with one. A code cut
    between two lines ("…,29,30,3" / "2,33,…") thus reads "3 2" and matches no citation."""
    runs: list[list[str]] = []
    inside = False
    for line in (plain(line).strip() for line in page.splitlines()):
        if CITATION_LINE.match(line) and (line.startswith("(") or inside):
            if line.startswith("("):
                runs.append([])
            runs[-1].append(line)
            inside = not line.endswith(")")
        else:
            inside = False
    joined = []
    for lines in runs:
        text = lines[0]
        for line in lines[1:]:
            text += line if text.endswith(",") else " " + line
        joined.append(text)
    return joined


def cited_codes(citation: str) -> list[str]:
    """`(S1,3 O2)` → S1, S3, O2; raises on anything that is not a whole citation."""
    inner = re.fullmatch(r"\(([^()]*)\)", citation).group(1)
    codes = []
    for group in inner.split(" "):
        kind, numbers = CODE.fullmatch(group).groups()
        codes += [f"{kind}{n}" for n in numbers.split(",")]
    return codes


def table3_pages(pages: list[str], study: Study) -> list[str]:
    return [page for page in pages if HEADER_ROW[study.language] in norm(page)]


def long_program_study(language: str, actions: int = 40) -> Study:
    """SO1 cites S1–S36 and O1–O36 and has `actions` actions of 30 to 250 characters; WO1, a
    short strategy, follows it."""
    study = StudyFactory(language=language, title="Long programs")
    word = "اقدام" if language == Study.Language.PERSIAN else "action"
    so1 = StrategyFactory(study=study, quadrant="SO", number=1, text=f"{word} " * 12)
    for kind in "SO":
        for n in range(1, 37):
            CitationFactory(strategy=so1, factor=FactorFactory(study=study, kind=kind, number=n))
    for position in range(1, actions + 1):
        length = (30, 120, 250)[position % 3]
        text = f"A{position}Z " + (f"{word} " * 60)[: length - 6]
        ActionLinkFactory(
            strategy=so1, position=position, action=ActionFactory(study=study, text=text)
        )
    wo1 = StrategyFactory(study=study, quadrant="WO", number=1, text=f"{word} WO1")
    ActionLinkFactory(strategy=wo1, position=1)
    return study


def assert_paginated(pages: list[str], study: Study) -> None:
    """No sparse page; Table 3's header row on each of its pages; the citations whole."""
    codes = {f.code for f in study.factors.all()}
    for n, page in enumerate(pages, 1):
        assert len(body_lines(page, study)) >= MIN_BODY_LINES, (n, page)
        for citation in citation_runs(page):
            assert set(cited_codes(citation)) <= codes, (n, citation)
    assert table3_pages(pages, study)
    for page in pages[pages.index(table3_pages(pages, study)[0]) :]:
        assert HEADER_ROW[study.language] in norm(page)


@pytest.mark.parametrize("language", [Study.Language.PERSIAN, Study.Language.ENGLISH])
@pytest.mark.parametrize("part", ["table3", "combined"])
def test_a_40_action_program_continues_under_the_header_row_and_its_code(language, part, tmp_path):
    study = long_program_study(language)
    pdf = render_report_pdf(study, part, today=TODAY).pdf
    pages = pdf_pages(pdf, tmp_path)
    save_pngs(pdf, f"long-program-{language}-{part}")
    assert_paginated(pages, study)
    table3 = table3_pages(pages, study)
    assert len(table3) >= 3
    # Every action on a page where SO1 is named: its first row or a row "SO1, continued",
    # and each once, in order.
    so1 = norm("SO1")
    continued = norm(CONTINUED[language].format("SO1"))
    where = {}
    for n, page in enumerate(table3):
        for position in range(1, 41):
            if f"A{position}Z" in page:
                where[position] = n
    assert sorted(where) == list(range(1, 41))
    assert list(where.values()) == sorted(where.values())
    for n in set(where.values()):
        assert so1 in norm(table3[n])
        if n != where[1]:
            assert continued in norm(table3[n]), n
    # Its caption and the note stand on the page of its first row.
    report = build_report(study)
    assert norm(report.sections["table3"].title) in norm(table3[where[1]])
    # The numbering goes on in each continued list: its markers, which pdftotext reads after
    # the page's cells in an English report, are SO1's 1 to 40, then WO1's 1.
    if language == Study.Language.ENGLISH:
        markers = re.findall(r"^(\d+)\.$", "\n".join(table3), re.M)
        assert [int(m) for m in markers] == [*range(1, 41), 1]


def test_a_strategy_text_and_note_taller_than_their_column_get_a_row_across_two(tmp_path):
    """2,000 characters of text and 1,000 of note are taller than the strategy's column on a
    page: they get a row of their own across the strategy and program columns, and the program
    follows in rows "SO1 (ادامه)", each page with the header row and SO1's code."""
    study = long_program_study(Study.Language.PERSIAN, actions=30)
    study.strategies.filter(quadrant="SO", number=1).update(
        text=("راهبرد " * 300)[:2000], note=("یادداشت " * 200)[:1000]
    )
    pdf = render_report_pdf(study, "table3", today=TODAY).pdf
    pages = pdf_pages(pdf, tmp_path)
    save_pngs(pdf, "tall-strategy-cell")
    assert_paginated(pages, study)
    report = build_report(study)
    assert norm(report.sections["table3"].title) in norm(pages[0])
    assert norm("SO1") in norm(pages[0])
    assert all(f"A{n}Z" in "".join(pages) for n in range(1, 31))
    [so1] = report.table3[0].strategies
    assert so1.parts[0].wide and not so1.parts[0].actions
    table3 = table3_pages(pages, study)
    assert len(table3) >= 3
    wo1 = next(n for n, page in enumerate(table3) if "WO1" in page)
    for page in table3[: wo1 + 1]:  # every page of SO1's rows names it
        assert norm("SO1") in norm(page)
    # The text is not broken across pages: it is whole on the first.
    assert norm(("راهبرد " * 300)[:2000]) in norm(pages[0])


def test_a_citation_of_72_factors_wraps_between_codes(tmp_path):
    study = long_program_study(Study.Language.PERSIAN, actions=3)
    pages = pdf_pages(render_report_pdf(study, "table3", today=TODAY).pdf, tmp_path)
    [citation] = [c for page in pages for c in citation_runs(page) if "S1," in c]
    expected = [f"{kind}{n}" for kind in "SO" for n in range(1, 37)]
    assert cited_codes(citation) == expected
    # It took several lines, else this test would prove nothing.
    assert sum(1 for page in pages for line in page.splitlines() if CITATION_LINE.match(line)) > 2


def test_a_study_of_72_strategies_keeps_header_rows_and_whole_rows(tmp_path):
    load_study(scaled_study(read_study_file(MASHHAD), 6, "six"))
    study = Study.objects.get(slug="six")
    assert study.strategies.count() == 72
    pdf = render_report_pdf(study, "table3", today=TODAY).pdf
    pages = pdf_pages(pdf, tmp_path)
    save_pngs(pdf, "scale-6-table3")
    assert_paginated(pages, study)
    # Each strategy starts on some page, under the header row, its code and text together.
    text = [norm(page) for page in pages]
    for strategy in study.strategies.all():
        assert any(norm(strategy.code + strategy.text) in page for page in text), strategy.code


def test_the_print_preview_marks_each_cited_code_unbreakable_with_breaks_after_commas():
    study = long_program_study(Study.Language.PERSIAN, actions=1)
    html = render_report_html(build_report(study), "table3", preview=True)
    [cites] = re.findall(r'<div class="cites" dir="ltr">(.*?)</div>', html)
    pieces = re.findall(r'<span class="nb">([^<]*)</span>', cites)
    assert len(pieces) == 72
    assert all(re.fullmatch(r"[SWOT]?\d+,?", piece) for piece in pieces)
    assert "".join(pieces[:3]) == "S1,2,3,"
    assert cites.count("<wbr>") == 70  # after each comma; a space before O1
    assert (
        re.sub(r"<[^>]+>", "", cites)
        == f"({build_report(study).table3[0].strategies[0].citations})"
    )


@pytest.mark.parametrize(
    ("language", "source_chars"),
    [
        (Study.Language.PERSIAN, 1_000),
        (Study.Language.ENGLISH, 1_000),
        (Study.Language.PERSIAN, 2_000),
    ],
)
def test_a_300_character_title_and_a_long_source_keep_the_title_page_to_one_page(
    language, source_chars, tmp_path
):
    word = "عنوان" if language == Study.Language.PERSIAN else "title"
    study = long_program_study(language, actions=2)
    study.title = (f"{word} " * 60)[:299] + "X"
    study.subject = (f"{word} " * 60)[:300]
    study.source = ("source " * 300)[:source_chars]
    study.save()
    pdf = render_report_pdf(study, "combined", today=TODAY).pdf
    pages = pdf_pages(pdf, tmp_path)
    save_pngs(pdf, f"long-title-{language}-{source_chars}")
    alone = sum(pdf_page_count(render_report_pdf(study, p).pdf, tmp_path) for p in COMBINED_PARTS)
    assert len(pages) == 1 + alone
    report = build_report(study)
    cover = norm(pages[0])
    assert norm(study.source) in cover
    for section in report.sections.values():
        assert norm(section.title) in cover
    # Page 2 is the report's next part under its running header, not the contents' overflow.
    assert norm(study.title[-40:]) in norm(pages[1])
    assert len(body_lines(pages[1], study)) >= MIN_BODY_LINES
