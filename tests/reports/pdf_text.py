"""Reading a report back as its reader does: the PDF's text through poppler, in reading order."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from reports.render import (
    render_report_pdf,
)
from swot.models import Study
from tests.factories import (
    ActionLinkFactory,
    CitationFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
)

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


# Each Mashhad report is typeset once per test run; the study is the same in every test.
_mashhad_pdfs: dict[str, bytes] = {}


def mashhad_pdf(study: Study, part: str) -> bytes:
    if part not in _mashhad_pdfs:
        _mashhad_pdfs[part] = render_report_pdf(study, part, today=TODAY).pdf
    return _mashhad_pdfs[part]


def mashhad_text(study: Study, part: str, tmp_path: Path) -> str:
    return norm("".join(pdf_pages(mashhad_pdf(study, part), tmp_path)))


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
