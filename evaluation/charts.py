"""David's charts as server-rendered SVG: the strategic position, the IE matrix, the SPACE vector.

Pure functions of the figures (planning/evaluation.py) to markup strings: no script, no external
file, every text escaped. The same markup serves the evaluation page and the PDF report.

The SVG holds only shapes, numbers and Latin codes (SO, I–IX, FP, IFE): WeasyPrint draws the
text of an SVG without the bidirectional algorithm or Arabic shaping, so a Persian word inside
one prints with its letters reversed and unjoined. The words (the quadrants' names, the
prescriptions, the sentence stating the result) are the HTML around it: each chart's legend
and caption (`Chart`, templates/evaluation/_chart.html). The <title> and <desc> state the result
in words for a screen reader; nothing draws them.

Geometry, in the SVG's own units: the plot is a 240-unit square with its top-left corner at
(PLOT_LEFT, PLOT_TOP). The position chart and the IE matrix give a total 80 units per point
(1.0 to 4.0); the SPACE chart puts the origin at the square's centre, 120 units to ±scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from evaluation.figures import StudyEvaluation
from planning.digits import localize_digits
from planning.evaluation import (
    AVERAGE,
    IE_CELLS,
    PRESCRIPTIONS,
    SpaceFigures,
    ie_cell,
    shown,
    strategic_position,
)
from planning.language import in_study_language, study_language

PLOT_LEFT, PLOT_TOP, PLOT = 50, 24, 240
WIDTH, HEIGHT = PLOT_LEFT + PLOT + 20, PLOT_TOP + PLOT + 40
UNIT = Fraction(PLOT, 3)  # a total's point: 1.0 … 4.0 across the plot
TOTAL_MIN, TOTAL_MAX = Decimal(1), Decimal(4)

INK, MUTED, RULE, LIGHT = "#1b1f24", "#5b6470", "#9aa4b1", "#cfd5dc"
ACCENT, HIGHLIGHT, MARK = "#1f4e79", "#dbe7f3", "#b54708"
# The IE matrix's three prescriptions, as David shades them.
PRESCRIPTION_FILLS = {
    "grow and build": "#d9ead3",
    "hold and maintain": "#fff2cc",
    "harvest or divest": "#f4cccc",
}
FONT = 'font-family="Vazirmatn, sans-serif"'

# The position chart's quadrants, by where they stand: (strong IFE, high EFE).
POSITION_QUADRANTS = (
    # code, position, column (0 left: weak IFE), row (0 top: high EFE)
    ("WO", "conservative", 0, 0),
    ("SO", "aggressive", 1, 0),
    ("WT", "defensive", 0, 1),
    ("ST", "competitive", 1, 1),
)
# The SPACE chart's quadrants: name, signs, column, row.
SPACE_QUADRANTS = (
    ("conservative", "(−,+)", 0, 0),
    ("aggressive", "(+,+)", 1, 0),
    ("defensive", "(−,−)", 0, 1),
    ("competitive", "(+,−)", 1, 1),
)
LRI, PDI = "\u2066", "\u2069"


def chart_labels() -> dict[str, str]:
    """The charts' words in the active language (a study's, under in_study_language)."""
    return {
        "aggressive": pgettext("chart", "aggressive"),
        "conservative": pgettext("chart", "conservative"),
        "competitive": pgettext("chart", "competitive"),
        "defensive": pgettext("chart", "defensive"),
        "grow and build": pgettext("chart", "grow and build"),
        "hold and maintain": pgettext("chart", "hold and maintain"),
        "harvest or divest": pgettext("chart", "harvest or divest"),
        "position": pgettext("chart", "Strategic position"),
        "ie": pgettext("chart", "Internal-external (IE) matrix"),
        "space": pgettext("chart", "SPACE matrix"),
        "provisional": pgettext("chart", "provisional"),
        "provisional_note": pgettext(
            "chart",
            "Provisional: a matrix's weights do not sum to 1.00 or a factor is not weighted"
            " and rated.",
        ),
        "space_incomplete": pgettext(
            "chart", "Provisional: a SPACE dimension has no variable (its mean counts as 0)."
        ),
        # Translators: the position chart's result: "IFE 2.71, EFE 2.40: competitive (ST)".
        "position_result": pgettext("chart", "IFE %(ife)s, EFE %(efe)s: %(position)s (%(code)s)"),
        # Translators: the IE matrix's result: "IFE 2.71, EFE 2.40: cell V, hold and maintain".
        "ie_result": pgettext("chart", "IFE %(ife)s, EFE %(efe)s: cell %(cell)s, %(prescription)s"),
        # Translators: the SPACE chart's result: "SPACE vector (1.50, −2.00): competitive".
        "space_result": pgettext("chart", "SPACE vector (%(x)s, %(y)s): %(quadrant)s"),
        "position_desc": pgettext(
            "chart",
            "The IFE total across (1 to 4), the EFE total up (1 to 4), both split at 2.5:"
            " aggressive (SO) top right, conservative (WO) top left, competitive (ST) bottom"
            " right, defensive (WT) bottom left.",
        ),
        "ie_desc": pgettext(
            "chart",
            "Nine cells, I at the top left: the IFE total across from 4 (strong) to 1 (weak),"
            " the EFE total down from 4 (high) to 1 (low). Cells I, II and IV: grow and build;"
            " III, V and VII: hold and maintain; VI, VIII and IX: harvest or divest.",
        ),
        "space_desc": pgettext(
            "chart",
            "x = CP + IP across, y = FP + SP up, each from −%(scale)s to +%(scale)s:"
            " aggressive (+,+), conservative (−,+), defensive (−,−), competitive (+,−).",
        ),
    }


# ---------------------------------------------------------------- numbers and text


def coordinate(value: Decimal | Fraction | int) -> str:
    """An SVG coordinate to two decimals at most: 186.8, 148, 171.43."""
    return f"{shown(Fraction(value)).normalize():f}"


def localized(value: object, language: str) -> str:
    """A number in the language's digits, and in Persian its decimal separator (۲٫۷۱), as the
    evaluation page shows it (evaluation/templatetags/evaluation.py)."""
    text = str(value)
    if language.startswith("fa"):
        text = text.replace(".", "٫")
    return localize_digits(text, language)


def number(value: Decimal | Fraction, language: str) -> str:
    """A figure as the reader reads it: two decimals, the language's digits (۲٫۷۱)."""
    return localized(shown(value), language)


def signed(value: Decimal | Fraction, language: str, *, places: bool = True) -> str:
    """A SPACE figure with its sign: +1.50, −2.00 (0.00 unsigned); `places=False` for a
    whole score (+5). In Persian text isolated left to right, so the sign stays before it."""
    figure = shown(value)
    sign = "+" if figure > 0 else "−" if figure < 0 else ""
    digits = abs(figure) if places else abs(int(figure))
    return code(sign + localized(digits, language), language)


def code(text: str, language: str) -> str:
    """A Latin code (SO, V) in Persian text, isolated so the bidi algorithm keeps it whole."""
    return f"{LRI}{text}{PDI}" if language.startswith("fa") else text


def clamp(total: Decimal) -> Decimal:
    """A total as it is placed: as it is shown (2.498 reads 2.50 and is placed on the split, as
    strategic_position counts it) and inside the plot (a provisional one may be below 1.0)."""
    return min(max(shown(total), TOTAL_MIN), TOTAL_MAX)


def text(x, y, content: str, *, anchor="middle", size=11, fill=INK, weight=400, extra="") -> str:
    bold = ' font-weight="700"' if weight == 700 else ""
    return (
        f'<text x="{coordinate(x)}" y="{coordinate(y)}" text-anchor="{anchor}"'
        f' font-size="{size}" fill="{fill}"{bold} {FONT}{extra}>{escape(content)}</text>'
    )


def rect(x, y, w, h, *, fill="none", stroke=RULE, extra="") -> str:
    return (
        f'<rect x="{coordinate(x)}" y="{coordinate(y)}" width="{coordinate(w)}"'
        f' height="{coordinate(h)}" fill="{fill}" stroke="{stroke}" stroke-width="1"{extra}/>'
    )


def line(x1, y1, x2, y2, *, stroke=RULE, width=1, extra="") -> str:
    return (
        f'<line x1="{coordinate(x1)}" y1="{coordinate(y1)}" x2="{coordinate(x2)}"'
        f' y2="{coordinate(y2)}" stroke="{stroke}" stroke-width="{width}"{extra}/>'
    )


def point(x, y, *, provisional: bool) -> str:
    """The study's point: filled, or hollow and dashed when it stands on provisional totals."""
    style = (
        f'fill="#fff" stroke="{MARK}" stroke-width="2" stroke-dasharray="3 2"'
        if provisional
        else f'fill="{MARK}" stroke="#fff" stroke-width="1.5"'
    )
    return f'<circle class="chart-point" cx="{coordinate(x)}" cy="{coordinate(y)}" r="6" {style}/>'


def svg(name: str, title: str, desc: str, body: list[str]) -> SafeString:
    """The chart's <svg>: an image named by its title (the result) and its description."""
    ids = f"chart-{name}-title chart-{name}-desc"
    return mark_safe(  # noqa: S308 -- every text in it went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{name}" role="img"'
        f' aria-labelledby="{ids}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}"'
        f' height="{HEIGHT}" direction="ltr">'
        f'<title id="chart-{name}-title">{escape(title)}</title>'
        f'<desc id="chart-{name}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def total_ticks(language: str, *, descending: bool) -> list[str]:
    """The 1.0 … 4.0 marks under the plot and beside it (4 → 1 when descending)."""
    marks = []
    for n in range(4):
        value = Decimal(4 - n) if descending else Decimal(1 + n)
        offset = UNIT * n
        label = localized(f"{value:.1f}", language)
        marks.append(text(PLOT_LEFT + offset, PLOT_TOP + PLOT + 14, label, size=10, fill=MUTED))
        along_y = UNIT * n if descending else PLOT - UNIT * n
        marks.append(
            text(PLOT_LEFT - 6, PLOT_TOP + along_y + 4, label, anchor="end", size=10, fill=MUTED)
        )
    return marks


def axis_titles(across: str, up: str) -> list[str]:
    return [
        text(PLOT_LEFT + PLOT // 2, PLOT_TOP + PLOT + 32, across, size=11, weight=700),
        text(
            14,
            PLOT_TOP + PLOT // 2,
            up,
            size=11,
            weight=700,
            extra=f' transform="rotate(-90 14 {PLOT_TOP + PLOT // 2})"',
        ),
    ]


# ---------------------------------------------------------------- the position chart


def position_xy(ife_total: Decimal, efe_total: Decimal) -> tuple[Fraction, Fraction]:
    """The study's point: IFE 1 → 4 left to right, EFE 1 → 4 bottom to top."""
    x = PLOT_LEFT + (Fraction(clamp(ife_total)) - 1) * UNIT
    y = PLOT_TOP + (4 - Fraction(clamp(efe_total))) * UNIT
    return x, y


def position_result(
    ife_total: Decimal, efe_total: Decimal, provisional: bool, language: str, labels: dict
) -> str:
    position, quadrant = strategic_position(ife_total, efe_total)
    result = labels["position_result"] % {
        "ife": number(ife_total, language),
        "efe": number(efe_total, language),
        "position": labels[position],
        "code": code(quadrant, language),
    }
    return f"{result} ({labels['provisional']})" if provisional else result


def position_svg(
    ife_total: Decimal,
    efe_total: Decimal,
    *,
    provisional: bool,
    language: str,
    labels: dict[str, str] | None = None,
) -> SafeString:
    """The four quadrants split at 2.5 (aggressive SO top right), the recommended one shaded,
    and the study's point at (IFE total, EFE total)."""
    labels = labels or chart_labels()
    recommended = strategic_position(ife_total, efe_total)[1]
    half = PLOT // 2
    body = []
    for quadrant, _position, column, row in POSITION_QUADRANTS:
        x, y = PLOT_LEFT + column * half, PLOT_TOP + row * half
        current = quadrant == recommended
        body.append(
            rect(
                x,
                y,
                half,
                half,
                fill=HIGHLIGHT if current else "#fff",
                stroke=RULE,
                extra=f' class="quadrant quadrant-{quadrant}{" current" if current else ""}"',
            )
        )
        body.append(
            text(
                x + half / 2,
                y + half / 2 + 8,
                quadrant,
                size=24,
                fill=ACCENT if current else LIGHT,
                weight=700,
            )
        )
    split_x, split_y = position_xy(AVERAGE, AVERAGE)
    body.append(line(split_x, PLOT_TOP, split_x, PLOT_TOP + PLOT, stroke=INK, width=1.5))
    body.append(line(PLOT_LEFT, split_y, PLOT_LEFT + PLOT, split_y, stroke=INK, width=1.5))
    body += total_ticks(language, descending=False)
    body += axis_titles("IFE", "EFE")
    x, y = position_xy(ife_total, efe_total)
    body.append(point(x, y, provisional=provisional))
    title = position_result(ife_total, efe_total, provisional, language, labels)
    return svg("position", title, labels["position_desc"], body)


# ---------------------------------------------------------------- the IE matrix


def ie_xy(ife_total: Decimal, efe_total: Decimal) -> tuple[Fraction, Fraction]:
    """The study's point: IFE 4 → 1 left to right, EFE 4 → 1 top to bottom (David's drawing)."""
    x = PLOT_LEFT + (4 - Fraction(clamp(ife_total))) * UNIT
    y = PLOT_TOP + (4 - Fraction(clamp(efe_total))) * UNIT
    return x, y


def ie_result(
    ife_total: Decimal, efe_total: Decimal, provisional: bool, language: str, labels: dict
) -> str:
    cell, prescription = ie_cell(ife_total, efe_total)
    result = labels["ie_result"] % {
        "ife": number(ife_total, language),
        "efe": number(efe_total, language),
        "cell": code(cell, language),
        "prescription": labels[prescription],
    }
    return f"{result} ({labels['provisional']})" if provisional else result


def ie_svg(
    ife_total: Decimal,
    efe_total: Decimal,
    *,
    provisional: bool,
    language: str,
    labels: dict[str, str] | None = None,
) -> SafeString:
    """Nine cells, I top left, shaded by prescription; the study's cell filled, its point."""
    labels = labels or chart_labels()
    marked = ie_cell(ife_total, efe_total)[0]
    body = []
    for n, cell in enumerate(IE_CELLS):
        row, column = divmod(n, 3)
        x, y = PLOT_LEFT + column * UNIT, PLOT_TOP + row * UNIT
        current = cell == marked
        fill = ACCENT if current else PRESCRIPTION_FILLS[PRESCRIPTIONS[cell]]
        body.append(
            rect(
                x,
                y,
                UNIT,
                UNIT,
                fill=fill,
                stroke=RULE,
                extra=f' class="cell cell-{cell}{" current" if current else ""}"',
            )
        )
        body.append(
            text(
                x + UNIT / 2,
                y + UNIT / 2 + 7,
                cell,
                size=20,
                fill="#fff" if current else INK,
                weight=700,
            )
        )
    body += total_ticks(language, descending=True)
    body += axis_titles("IFE", "EFE")
    x, y = ie_xy(ife_total, efe_total)
    body.append(point(x, y, provisional=provisional))
    title = ie_result(ife_total, efe_total, provisional, language, labels)
    return svg("ie", title, labels["ie_desc"], body)


# ---------------------------------------------------------------- the SPACE chart


def space_xy(space: SpaceFigures, scale: int) -> tuple[Fraction, Fraction]:
    """The vector's end: the origin at the plot's centre, ±scale at its edges."""
    unit = Fraction(PLOT, 2 * scale)
    centre_x, centre_y = PLOT_LEFT + PLOT // 2, PLOT_TOP + PLOT // 2
    x = max(-scale, min(scale, space.x))
    y = max(-scale, min(scale, space.y))
    return centre_x + x * unit, centre_y - y * unit


def space_result(space: SpaceFigures, language: str, labels: dict) -> str:
    result = labels["space_result"] % {
        "x": signed(space.x, language),
        "y": signed(space.y, language),
        "quadrant": labels[space.quadrant],
    }
    return result if space.complete else f"{result} ({labels['provisional']})"


def space_svg(
    space: SpaceFigures,
    scale: int,
    *,
    language: str,
    labels: dict[str, str] | None = None,
) -> SafeString:
    """Axes −scale … +scale (FP up, SP down, CP left, IP right), the four quadrants with their
    signs, the study's quadrant shaded, and the vector from the origin to (x, y)."""
    labels = labels or chart_labels()
    half = PLOT // 2
    centre_x, centre_y = PLOT_LEFT + half, PLOT_TOP + half
    body = []
    for quadrant, signs, column, row in SPACE_QUADRANTS:
        x, y = PLOT_LEFT + column * half, PLOT_TOP + row * half
        current = quadrant == space.quadrant
        body.append(
            rect(
                x,
                y,
                half,
                half,
                fill=HIGHLIGHT if current else "#fff",
                stroke=LIGHT,
                extra=f' class="quadrant quadrant-{quadrant}{" current" if current else ""}"',
            )
        )
        corner_x = x + 8 if column == 0 else x + half - 8
        body.append(
            text(
                corner_x,
                y + 20 if row == 0 else y + half - 10,
                signs,
                anchor="start" if column == 0 else "end",
                size=13,
                fill=ACCENT if current else MUTED,
                weight=700,
            )
        )
    unit = Fraction(PLOT, 2 * scale)
    for n in range(-scale, scale + 1):
        if n == 0:
            continue
        body.append(
            line(centre_x + n * unit, centre_y - 3, centre_x + n * unit, centre_y + 3, stroke=INK)
        )
        body.append(
            line(centre_x - 3, centre_y - n * unit, centre_x + 3, centre_y - n * unit, stroke=INK)
        )
    body.append(line(PLOT_LEFT, centre_y, PLOT_LEFT + PLOT, centre_y, stroke=INK, width=1.5))
    body.append(line(centre_x, PLOT_TOP, centre_x, PLOT_TOP + PLOT, stroke=INK, width=1.5))
    low, high = localize_digits(f"−{scale}", language), localize_digits(f"+{scale}", language)
    body += [
        text(PLOT_LEFT, centre_y + 16, low, size=10, fill=MUTED),
        text(PLOT_LEFT + PLOT, centre_y + 16, high, size=10, fill=MUTED),
        text(centre_x + 6, PLOT_TOP + PLOT - 2, low, anchor="start", size=10, fill=MUTED),
        text(centre_x + 6, PLOT_TOP + 10, high, anchor="start", size=10, fill=MUTED),
        text(centre_x, PLOT_TOP - 8, "FP", weight=700),
        text(centre_x, PLOT_TOP + PLOT + 18, "SP", weight=700),
        text(PLOT_LEFT - 8, centre_y + 4, "CP", anchor="end", weight=700),
        text(PLOT_LEFT + PLOT + 4, centre_y + 4, "IP", anchor="start", weight=700),
    ]
    x, y = space_xy(space, scale)
    body.append(line(centre_x, centre_y, x, y, stroke=MARK, width=3, extra=' class="chart-vector"'))
    body.append(point(x, y, provisional=not space.complete))
    desc = labels["space_desc"] % {
        "scale": localize_digits(scale, language),
    }
    return svg("space", space_result(space, language, labels), desc, body)


# ---------------------------------------------------------------- the charts with their words


@dataclass(frozen=True)
class LegendItem:
    codes: str  # SO; I, II, IV; (+,+)
    label: str  # aggressive; grow and build
    fill: str  # the swatch: the colour the chart gives it
    current: bool  # the study's quadrant, or the prescription of its cell


@dataclass(frozen=True)
class Chart:
    """One chart as the page and the report print it: the SVG, its caption, the sentence that
    states the result, the legend that names what the SVG only codes, and a provisional note."""

    name: str  # position, ie, space
    caption: str
    svg: SafeString
    result: str
    legend: tuple[LegendItem, ...]
    note: str = ""


@dataclass(frozen=True)
class EvaluationCharts:
    language: str
    direction: str
    position: Chart
    ie: Chart
    space: Chart

    def __iter__(self):
        return iter((self.position, self.ie, self.space))


def position_chart(ife_total, efe_total, *, provisional, language, labels) -> Chart:
    recommended = strategic_position(ife_total, efe_total)[1]
    legend = tuple(
        LegendItem(
            code(quadrant, language),
            labels[position],
            HIGHLIGHT if quadrant == recommended else "#fff",
            quadrant == recommended,
        )
        for quadrant, position in (
            ("SO", "aggressive"),
            ("WO", "conservative"),
            ("ST", "competitive"),
            ("WT", "defensive"),
        )
    )
    return Chart(
        "position",
        labels["position"],
        position_svg(
            ife_total, efe_total, provisional=provisional, language=language, labels=labels
        ),
        position_result(ife_total, efe_total, provisional, language, labels),
        legend,
        labels["provisional_note"] if provisional else "",
    )


def ie_chart(ife_total, efe_total, *, provisional, language, labels) -> Chart:
    marked = PRESCRIPTIONS[ie_cell(ife_total, efe_total)[0]]
    legend = tuple(
        LegendItem(
            code(", ".join(c for c in IE_CELLS if PRESCRIPTIONS[c] == prescription), language),
            labels[prescription],
            fill,
            prescription == marked,
        )
        for prescription, fill in PRESCRIPTION_FILLS.items()
    )
    return Chart(
        "ie",
        labels["ie"],
        ie_svg(ife_total, efe_total, provisional=provisional, language=language, labels=labels),
        ie_result(ife_total, efe_total, provisional, language, labels),
        legend,
        labels["provisional_note"] if provisional else "",
    )


def space_chart(space: SpaceFigures, scale: int, *, language, labels) -> Chart:
    legend = tuple(
        LegendItem(
            code(signs, language),
            labels[quadrant],
            HIGHLIGHT if quadrant == space.quadrant else "#fff",
            quadrant == space.quadrant,
        )
        for quadrant, signs in (
            ("aggressive", "(+,+)"),
            ("conservative", "(−,+)"),
            ("defensive", "(−,−)"),
            ("competitive", "(+,−)"),
        )
    )
    return Chart(
        "space",
        labels["space"],
        space_svg(space, scale, language=language, labels=labels),
        space_result(space, language, labels),
        legend,
        "" if space.complete else labels["space_incomplete"],
    )


def evaluation_charts(evaluation: StudyEvaluation) -> EvaluationCharts:
    """A study's three charts in the study's language (its reports' and History's language)."""
    language = study_language(evaluation.study.language)
    with in_study_language(evaluation.study.language):
        labels = chart_labels()
    ife, efe = evaluation.ife.total, evaluation.efe.total
    provisional = evaluation.provisional
    options = {"provisional": provisional, "language": language, "labels": labels}
    return EvaluationCharts(
        language=language,
        direction="rtl" if evaluation.study.is_rtl else "ltr",
        position=position_chart(ife, efe, **options),
        ie=ie_chart(ife, efe, **options),
        space=space_chart(
            evaluation.space, evaluation.space_scale, language=language, labels=labels
        ),
    )
