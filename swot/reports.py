"""Print-quality reports of a study: the paper's Tables 1–3, alone or combined, as PDF or HTML.

The data of a report is built with a fixed number of queries whatever the study's size
(`build_report`), rendered by the templates in `templates/reports/` (the same templates serve
the HTML print preview) and typeset by WeasyPrint (`render_report_pdf`). WeasyPrint reads the
stylesheet and the vendored fonts from disk: `static_url_fetcher` refuses anything else, so a
report never makes a request, not even to our own server.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import mimetypes
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from actions.models import ActionLink
from strategies.citations import format_compact
from strategies.models import Citation, Strategy
from swot.models import Factor, Study

PARTS = ("combined", "table1", "table2", "table3")
TABLE_PARTS = PARTS[1:]
STYLESHEET = "reports/report.css"

# The paper's order: Table 1 is S then O, Table 2 is W then T, Table 3 is SO, WO, ST, WT.
TABLE_KINDS = {"table1": ("S", "O"), "table2": ("W", "T")}
QUADRANT_ORDER = ("SO", "WO", "ST", "WT")

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# A run of Latin words, codes and numbers with whatever stands between them (spaces,
# punctuation, symbols, but no Persian letter or digit), with the brackets and quotes attached
# to either end: `(FUIW)`, `(O2,3,4) S1,3)`, `<b>Tom & Jerry</b>`. In a right-to-left report
# each run is isolated (LRI … PDI) so that the bidi algorithm cannot pull its brackets and
# commas apart, nor send a bracket that opens it to the far end of the line.
ARABIC_SCRIPT = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
LATIN_RUN = re.compile(rf"[(\[{{<\"'$#@]*[A-Za-z](?:[^{ARABIC_SCRIPT}]*[A-Za-z0-9])?[)\]}}>\"']*")
LRI, PDI = "\u2066", "\u2069"
# A word longer than this may not fit its column (the narrowest holds some 25 characters):
# the text that has one may break it anywhere. Only that text: WeasyPrint's lines are slower
# to break when every character is a possible break.
LONG_WORD = 18

JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
JALALI_MONTHS_LATIN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip
GREGORIAN_MONTHS_FA = (
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)  # fmt: skip
GREGORIAN_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Everything a report prints that does not come from the database, per study language.
LABELS = {
    "fa": {
        "report": "گزارش راهبردها و برنامه‌های اجرایی",
        "city": "شهر",
        "subject": "موضوع",
        "year": "سال",
        "source": "منبع",
        "generated": "تاریخ تهیه",
        "contents": "فهرست",
        "page": "صفحه",
        "of": "از",
        "table": "جدول",
        "table_sep": "- ",
        "table1": "توانمندی‌ها و پتانسیل‌ها (قوت‌ها و فرصت‌ها)",
        "table2": "چالش‌ها و مشکلات (ضعف‌ها و تهدیدها)",
        "table3": "راهبردها و برنامه‌های اجرایی آن‌ها",
        "combined": "گزارش کامل",
        "number": "ردیف",
        "S": "نقاط قوت (S)",
        "W": "نقاط ضعف (W)",
        "O": "فرصت‌ها (O)",
        "T": "تهدیدها (T)",
        "quadrant": "گروه",
        "strategy": "راهبرد",
        "actions": "برنامه‌ها (اقدامات)",
        "SO": "راهبردهای SO",
        "WO": "راهبردهای WO",
        "ST": "راهبردهای ST",
        "WT": "راهبردهای WT",
        "SO_hint": "قوت–فرصت",
        "WO_hint": "ضعف–فرصت",
        "ST_hint": "قوت–تهدید",
        "WT_hint": "ضعف–تهدید",
        "note": "یادداشت",
        "shared_footnote": (
            "بعضی از اقدامات در عملیاتی شدن راهبردهای مختلف کارایی دارند، "
            "و از این رو در چند راهبرد تکرار شده‌اند."
        ),
        "no_factors": "موردی ثبت نشده است.",
        "no_strategies": "راهبردی ثبت نشده است.",
        "no_actions": "برنامه‌ای ثبت نشده است.",
        "download": "دریافت PDF",
        "download_combined": "دریافت گزارش کامل (PDF)",
        "back": "بازگشت به مطالعه",
        "preview": "پیش‌نمایش چاپ",
    },
    "en": {
        "report": "Strategies and action programs",
        "city": "City",
        "subject": "Subject",
        "year": "Year",
        "source": "Source",
        "generated": "Generated",
        "contents": "Contents",
        "page": "Page",
        "of": "of",
        "table": "Table",
        "table_sep": ". ",
        "table1": "Capacities and potentials (strengths and opportunities)",
        "table2": "Challenges and problems (weaknesses and threats)",
        "table3": "Strategies and their action programs",
        "combined": "Full report",
        "number": "No.",
        "S": "Strengths (S)",
        "W": "Weaknesses (W)",
        "O": "Opportunities (O)",
        "T": "Threats (T)",
        "quadrant": "Group",
        "strategy": "Strategy",
        "actions": "Action program",
        "SO": "SO strategies",
        "WO": "WO strategies",
        "ST": "ST strategies",
        "WT": "WT strategies",
        "SO_hint": "strength–opportunity",
        "WO_hint": "weakness–opportunity",
        "ST_hint": "strength–threat",
        "WT_hint": "weakness–threat",
        "note": "Note",
        "shared_footnote": (
            "Some actions serve several strategies and are therefore repeated under each of them."
        ),
        "no_factors": "None recorded.",
        "no_strategies": "No strategies recorded.",
        "no_actions": "No actions recorded.",
        "download": "Download PDF",
        "download_combined": "Download the full report (PDF)",
        "back": "Back to the study",
        "preview": "Print preview",
    },
}


# ---------------------------------------------------------------- numbers and dates


def gregorian_to_jalali(year: int, month: int, day: int) -> tuple[int, int, int]:
    """The Solar Hijri (Jalali) date of a Gregorian date: 2017-03-21 → (1396, 1, 1).

    The well-known arithmetic conversion by 33-year cycles (as in jdf.scr.ir), which agrees
    with the official calendar's leap years across the present era (tests check Nowruz and the
    30th of Esfand around the leap years from 1357 to 1409).
    """
    days_before_month = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    leap_year = year + 1 if month > 2 else year
    days = (
        355666
        + 365 * year
        + (leap_year + 3) // 4
        - (leap_year + 99) // 100
        + (leap_year + 399) // 400
        + day
        + days_before_month[month - 1]
    )
    jy = -1595 + 33 * (days // 12053)
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        return jy, 1 + days // 31, 1 + days % 31
    return jy, 7 + (days - 186) // 30, 1 + (days - 186) % 30


def localize_digits(value: object, language: str) -> str:
    """Persian digits in a Persian report (S12 → S۱۲), Western digits otherwise."""
    text = str(value)
    return text.translate(PERSIAN_DIGITS) if language == Study.Language.PERSIAN else text


def isolate_latin(text: str, language: str) -> str:
    """Latin runs inside Persian text as left-to-right isolates; other languages unchanged."""
    if language != Study.Language.PERSIAN or not text:
        return text
    return LATIN_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


class Text(str):
    """A text from the database as a report prints it (Latin runs isolated in Persian text),
    knowing whether it has a word that may not fit its column."""

    long_word: bool

    def __new__(cls, value: str, language: str) -> Text:
        text = super().__new__(cls, isolate_latin(value, language))
        text.long_word = max(map(len, value.split()), default=0) > LONG_WORD
        return text


def format_dates(day: dt.date, language: str) -> tuple[str, str]:
    """(Solar Hijri, Gregorian) spelled out for the title page: ('۳ آذر ۱۴۰۵', '۲۴ نوامبر ۲۰۲۶')."""
    jy, jm, jd = gregorian_to_jalali(day.year, day.month, day.day)
    if language == Study.Language.PERSIAN:
        jalali = f"{jd} {JALALI_MONTHS[jm - 1]} {jy}"
        gregorian = f"{day.day} {GREGORIAN_MONTHS_FA[day.month - 1]} {day.year}"
        return localize_digits(jalali, language), localize_digits(gregorian, language)
    jalali = f"{jd} {JALALI_MONTHS_LATIN[jm - 1]} {jy} SH"
    gregorian = f"{day.day} {GREGORIAN_MONTHS_EN[day.month - 1]} {day.year}"
    return jalali, gregorian


# ---------------------------------------------------------------- report data


@dataclass
class FactorRow:
    code: str
    number: str
    text: Text
    note: Text


@dataclass
class FactorGroup:
    kind: str
    heading: str
    rows: list[FactorRow]


@dataclass
class ActionRow:
    text: Text


@dataclass
class StrategyRow:
    code: str
    text: Text
    citations: Text  # the paper's compact form, without parentheses: "S1,3,6 O1,3,5"
    note: Text
    actions: list[ActionRow]


@dataclass
class QuadrantGroup:
    quadrant: str
    label: str
    hint: str
    strategies: list[StrategyRow]


@dataclass
class Section:
    part: str
    number: str
    title: str


@dataclass
class Report:
    study: Study
    language: str
    direction: str
    labels: dict[str, str]
    title: Text
    city: Text
    subject: Text
    source: Text
    year: str
    generated: dt.date
    generated_jalali: str
    generated_gregorian: str
    table1: list[FactorGroup]
    table2: list[FactorGroup]
    table3: list[QuadrantGroup]
    shared_actions: int  # actions that serve more than one strategy
    sections: dict[str, Section] = field(default_factory=dict)

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


def build_report(study: Study, *, today: dt.date | None = None) -> Report:
    """Everything the templates print, in four queries whatever the study's size."""
    language = study.language if study.language in LABELS else Study.Language.ENGLISH
    labels = LABELS[language]
    today = today or timezone.localdate()

    def text(value: str) -> Text:
        return Text(value, language)

    factors = list(
        Factor.objects.filter(study=study)
        .only("kind", "number", "text", "note", "study_id")
        .order_by("kind", "number")
    )
    strategies = list(
        Strategy.objects.filter(study=study).prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("factor").only(
                    "strategy_id", "factor__kind", "factor__number"
                ),
            ),
            Prefetch(
                "action_links",
                queryset=ActionLink.objects.select_related("action").order_by("position"),
            ),
        )
    )
    strategies.sort(key=lambda s: (QUADRANT_ORDER.index(s.quadrant), s.number))

    def factor_groups(part: str) -> list[FactorGroup]:
        return [
            FactorGroup(
                kind,
                labels[kind],
                [
                    FactorRow(
                        f.code, localize_digits(f.number, language), text(f.text), text(f.note)
                    )
                    for f in factors
                    if f.kind == kind
                ],
            )
            for kind in TABLE_KINDS[part]
        ]

    # How many strategies use each action: the paper notes that some actions repeat.
    uses = Counter(link.action_id for s in strategies for link in s.action_links.all())

    def strategy_row(strategy: Strategy) -> StrategyRow:
        actions = [ActionRow(text(link.action.text)) for link in strategy.action_links.all()]
        cited = ((c.factor.kind, c.factor.number) for c in strategy.citations.all())
        return StrategyRow(
            strategy.code,
            text(strategy.text),
            Text(format_compact(cited), Study.Language.ENGLISH),
            text(strategy.note),
            actions,
        )

    table1, table2 = factor_groups("table1"), factor_groups("table2")
    table3 = [
        QuadrantGroup(
            quadrant,
            labels[quadrant],
            labels[f"{quadrant}_hint"],
            [strategy_row(s) for s in strategies if s.quadrant == quadrant],
        )
        for quadrant in QUADRANT_ORDER
    ]
    jalali, gregorian = format_dates(today, language)
    report = Report(
        study=study,
        language=language,
        direction="rtl" if study.is_rtl else "ltr",
        labels=labels,
        title=text(study.title),
        city=text(study.city),
        subject=text(study.subject),
        source=text(study.source),
        year=localize_digits(study.year, language) if study.year else "",
        generated=today,
        generated_jalali=jalali,
        generated_gregorian=gregorian,
        table1=table1,
        table2=table2,
        table3=table3,
        shared_actions=sum(1 for n in uses.values() if n > 1),
    )
    for n, part in enumerate(TABLE_PARTS, start=1):
        report.sections[part] = Section(part, localize_digits(n, language), labels[part])
    return report


# ---------------------------------------------------------------- rendering


def report_filename(study: Study, part: str, day: dt.date | None = None) -> str:
    """`mashhad-city-diplomacy-table3-2026-11-24.pdf`"""
    day = day or timezone.localdate()
    return f"{study.slug}-{part}-{day.isoformat()}.pdf"


def render_report_html(report: Report, part: str, *, preview: bool = False, request=None) -> str:
    """The report's HTML: for WeasyPrint, or (preview=True) the browser's print preview."""
    if part not in PARTS:
        raise ValueError(f"unknown report part {part!r}: one of {', '.join(PARTS)}")
    parts = TABLE_PARTS if part == "combined" else (part,)
    context = {
        "report": report,
        "study": report.study,
        "labels": report.labels,
        "part": part,
        "title_label": part_label(report, part),
        "parts": parts,
        "all_parts": PARTS,
        "sections": [report.sections[p] for p in parts],
        "preview": preview,
        "part_links": [{"part": p, "label": part_label(report, p)} for p in PARTS],
        "page_css": page_css(report),
    }
    return render_to_string("reports/report.html", context, request=request)


def part_label(report: Report, part: str) -> str:
    """`جدول ۳` / `Table 3`, or the full report's name."""
    if part == "combined":
        return report.labels["combined"]
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
    )


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
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path, body = read_static_url(url)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body, {"Content-Type": mime_type})

    return StaticFileFetcher


def static_url_fetcher():
    """A WeasyPrint URL fetcher that reads static files from disk and refuses everything else.

    A refused or missing file stops the rendering: a report without its font is no report.
    """
    return _fetcher_class()(fail_on_errors=True)


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
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = static_url_fetcher()
    font_config = FontConfiguration()
    css_path = stylesheet_path()
    stylesheet = CSS(filename=str(css_path), url_fetcher=fetcher, font_config=font_config)
    document = HTML(string=html, base_url=css_path.parent.as_uri() + "/", url_fetcher=fetcher)
    with collector_paused():
        rendered = document.render(stylesheets=[stylesheet], font_config=font_config)
        return rendered.write_pdf(), len(rendered.pages)


def render_report_pdf(study: Study, part: str, *, today: dt.date | None = None) -> RenderedReport:
    """The PDF of one part of a study's report (`combined`, `table1`, `table2`, `table3`)."""
    html = render_report_html(build_report(study, today=today), part)
    pdf, pages = html_to_pdf(html)
    return RenderedReport(pdf, pages, html)
