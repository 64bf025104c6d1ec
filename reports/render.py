"""A study's report as HTML (`templates/reports/`, also the browser's print preview) and as PDF.

WeasyPrint typesets the HTML with `static/reports/report.css`. It reads the stylesheet and the
vendored fonts from disk: `static_url_fetcher` refuses anything else, so a report never makes a
request, not even to our own server.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from reports.data import EVALUATION, MATRIX, TABLE_PARTS, Report, Section, build_report
from swot.models import ReportStyle, Study

# The full report is the title page with the contents, the TOWS matrix, then Tables 1–3, and
# the evaluation after them when the study has one (combined_parts).
COMBINED_PARTS = (MATRIX, *TABLE_PARTS)
PARTS = ("combined", *COMBINED_PARTS, EVALUATION)
STYLESHEET = "reports/report.css"
NASKH_PAGE = ' @page { font-family: "Amiri", "Vazirmatn", serif; font-size: 9pt; }'


def report_filename(study: Study, part: str, day: dt.date | None = None) -> str:
    """`mashhad-city-diplomacy-table3-2026-11-24.pdf`"""
    day = day or timezone.localdate()
    return f"{study.slug}-{part}-{day.isoformat()}.pdf"


def render_report_html(report: Report, part: str, *, preview: bool = False, request=None) -> str:
    """The report's HTML: for WeasyPrint, or (preview=True) the browser's print preview."""
    if part not in PARTS:
        raise ValueError(f"unknown report part {part!r}: one of {', '.join(PARTS)}")
    parts = combined_parts(report) if part == "combined" else (part,)
    context = {
        "report": report,
        "study": report.study,
        "labels": report.labels,
        "part": part,
        "title_label": part_label(report, part),
        "parts": parts,
        "all_parts": PARTS,
        "sections": [report.sections[p] for p in parts if p in report.sections],
        "with_matrix": MATRIX in parts,
        "with_evaluation": EVALUATION in parts,
        # The full report's contents, the matrix included, each line its section's heading.
        "contents": contents(report, parts),
        "preview": preview,
        "part_links": [{"part": p, "label": part_label(report, p)} for p in PARTS],
        "page_css": page_css(report),
    }
    return render_to_string("reports/report.html", context, request=request)


def combined_parts(report: Report) -> tuple[str, ...]:
    """The full report's parts: the evaluation's only when the study has evaluation data, so a
    study without it prints as it did before there was one."""
    return (*COMBINED_PARTS, EVALUATION) if report.evaluation else COMBINED_PARTS


def contents(report: Report, parts: tuple[str, ...]) -> list[Section]:
    """The contents' lines of these parts: the TOWS matrix's, the tables', the evaluation's."""

    def section(part: str) -> Section:
        if part in (MATRIX, EVALUATION):
            label = report.labels[part]
            return Section(part, "", label, label)
        return report.sections[part]

    return [section(part) for part in parts]


def part_label(report: Report, part: str) -> str:
    """`جدول ۳` / `Table 3`, or the full report's, the matrix's or the evaluation's name."""
    if part in ("combined", MATRIX, EVALUATION):
        return report.labels[part]
    return f"{report.labels['table']} {report.sections[part].number}"


def css_string(text: str) -> str:
    """A CSS string literal: quotes, backslashes and line breaks escaped."""
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in '"\\\n\r\f<>' or ord(ch) < 0x20 else ch for ch in text
    )
    return f'"{escaped}"'


def page_css(report: Report) -> str:
    """The page furniture that depends on the study's language and the report's date."""
    labels = report.labels
    counter_style = "persian" if report.language == Study.Language.PERSIAN else "decimal"
    page = (
        f"{css_string(labels['page'] + ' ')} counter(page, {counter_style}) "
        f"{css_string(' ' + labels['of'] + ' ')} counter(pages, {counter_style})"
    )
    start, end = ("right", "left") if report.is_rtl else ("left", "right")
    footer_date = report.generated_jalali if report.is_rtl else report.generated_gregorian
    return (
        "@page {"
        f" @top-{start} {{ content: string(rh-study); width: 80%; text-align: {start}; }}"
        f" @top-{end} {{ content: string(rh-table); width: 20%; text-align: {end};"
        " color: #1f4e79; font-weight: 700; }"
        f" @bottom-center {{ content: {page}; }}"
        f" @bottom-{end} {{ content: {css_string(footer_date)}; }}"
        "}"
        f" @page cover {{ @bottom-{end} {{ content: none; }} }}"
        # The page's header and footer in the study's typeface (report.css sets the body's).
        + (NASKH_PAGE if report.typeface == ReportStyle.Typeface.NASKH else "")
        # A continued program numbers on (`<ol start>`, which WeasyPrint does not read).
        + "".join(
            f' ol[start="{n}"] {{ counter-reset: list-item {n - 1}; }}'
            for n in report.continued_starts
        )
    )


# ---------------------------------------------------------------- static files from disk


def stylesheet_path() -> Path:
    path = finders.find(STYLESHEET)
    if not path:
        raise FileNotFoundError(f"static file {STYLESHEET} not found")
    return Path(path)


@functools.cache
def static_roots() -> tuple[Path, ...]:
    """The directories a report may read from: those the static files finders search."""
    roots: list[Path] = []
    for finder in finders.get_finders():
        for _prefix, root in getattr(finder, "locations", ()):
            roots.append(Path(root).resolve())
        for storage in getattr(finder, "storages", {}).values():
            if getattr(storage, "location", None):
                roots.append(Path(storage.location).resolve())
    return tuple(roots)


class ForbiddenFetch(ValueError):
    """A report asked for something that is not one of our static files on disk."""


def read_static_url(url: str) -> tuple[Path, bytes]:
    """The bytes behind a `file:` URL inside the static directories; anything else is refused.

    No http(s) and no other files: fonts and CSS come from disk, a report makes no request.
    """
    parts = urlsplit(url)
    if parts.scheme != "file":
        raise ForbiddenFetch(f"reports load only static files from disk, not {url!r}")
    path = Path(unquote(parts.path)).resolve()
    if not any(path.is_relative_to(root) for root in static_roots()):
        raise ForbiddenFetch(f"{path} is not a static file")
    return path, path.read_bytes()


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 -- WeasyPrint loads Pango: only when a report is typeset

    class StaticFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # the letterhead's logo: in the page, not a request
                return super().fetch(url, headers)
            path, body = read_static_url(url)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body, {"Content-Type": mime_type})

    return StaticFileFetcher


def static_url_fetcher():
    """A WeasyPrint URL fetcher that reads static files from disk and refuses everything else.

    A refused or missing file stops the rendering: a report without its font is no report.
    """
    return _fetcher_class()(fail_on_errors=True)


# ---------------------------------------------------------------- typesetting


@dataclass
class RenderedReport:
    pdf: bytes
    pages: int
    html: str


@contextlib.contextmanager
def collector_paused():
    """The cyclic garbage collector off while a report is typeset, on again after.

    WeasyPrint makes hundreds of thousands of small objects per report, and the collector's
    passes over them take a tenth of its time; reference counting still frees everything not
    in a cycle, and the cycles go at the next collection. Only a render that found the
    collector on turns it back on, so one that started during another's leaves it to that one.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """WeasyPrint on a report's HTML with the report stylesheet: (PDF bytes, page count)."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 -- WeasyPrint loads Pango: only when a report is typeset
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 -- as above

    fetcher = static_url_fetcher()
    font_config = FontConfiguration()
    css_path = stylesheet_path()
    stylesheet = CSS(filename=str(css_path), url_fetcher=fetcher, font_config=font_config)
    document = HTML(string=html, base_url=css_path.parent.as_uri() + "/", url_fetcher=fetcher)
    with collector_paused():
        rendered = document.render(stylesheets=[stylesheet], font_config=font_config)
        return rendered.write_pdf(), len(rendered.pages)


def render_report_pdf(study: Study, part: str, *, today: dt.date | None = None) -> RenderedReport:
    """The PDF of one part of a study's report (`combined`, `matrix`, `table1`, `table2`,
    `table3`, `evaluation`)."""
    html = render_report_html(build_report(study, today=today), part)
    pdf, pages = html_to_pdf(html)
    return RenderedReport(pdf, pages, html)
