"""What a study's report prints: the paper's Tables 1–3 as data for the templates.

`build_report` reads a study with a fixed number of queries whatever its size; the templates in
`templates/reports/` print it (`reports.render`). Database texts are wrapped in `Text`, which
isolates their Latin runs in a right-to-left report; the labels are the study's language
(`reports.labels`).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from actions.models import ActionLink
from evaluation.charts import EvaluationCharts, evaluation_charts, localized, number, signed
from evaluation.charts import code as isolated
from evaluation.figures import StudyEvaluation, evaluate_study
from evaluation.models import Assessment, QspmSet, SpaceVariable
from planning.calendar import format_dates
from planning.digits import localize_digits
from planning.evaluation import DIMENSIONS, MatrixFigures, shown_weight
from planning.language import in_study_language, study_language
from planning.notation import format_compact
from planning.vocabulary import EXTERNAL_KINDS, INTERNAL_KINDS, QUADRANT_ORDER
from reports.labels import report_labels
from reports.layout import (
    COVER_META_STEPS,
    COVER_TITLE_STEPS,
    STRATEGY_LINE_CHARS,
    WIDE_LINE_CHARS,
    CitePiece,
    StrategyPart,
    cite_pieces,
    length_step,
    strategy_parts,
    text_lines,
)
from reports.models import Letterhead
from strategies.models import Citation, Strategy
from swot.models import Factor, ReportStyle, Study

# The paper's order: Table 1 is S then O, Table 2 is W then T, Table 3 is SO, WO, ST, WT.
TABLE_KINDS = {"table1": ("S", "O"), "table2": ("W", "T")}
TABLE_PARTS = ("table1", "table2", "table3")
# The one-page TOWS matrix: a part of its own, and in the full report after the contents.
MATRIX = "matrix"
# David's tools (IFE, EFE, the position, IE, SPACE, QSPM): a part of its own, and in the full
# report after Table 3 when the study has any of them.
EVALUATION = "evaluation"
# A factor's text in the IFE and EFE tables is cut to some 90 characters.
EVALUATION_FACTOR_CHARS = 90

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


# ---------------------------------------------------------------- the TOWS matrix

# A factor's text in the matrix is cut to some 60 characters, a strategy's to some 90, at a
# word boundary, with an ellipsis.
MATRIX_FACTOR_CHARS = 60
MATRIX_STRATEGY_CHARS = 90
# The page holds three bands of lines: the header row (the longer of S and W), the
# opportunities' row (the longest of O, SO, WO) and the threats' row (T, ST, WT). A factor
# takes a line, a strategy (longer, in a narrower share of the page) is counted as two. The
# bands' lines together pick the font-size step (report.css `table.tows.size-N`): up to 34
# lines at the first, 42 at the second, 54 at the third, the last.
MATRIX_STEPS = (34, 42, 54)
# Past the last step each band keeps a third of it: a longer list shows its first items and
# "… and N more" on its last line, so the matrix never spills onto a second page.
MATRIX_BAND_LINES = MATRIX_STEPS[-1] // 3


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,،;؛:.-–") + "…"


def matrix_lines(key: str) -> int:
    """The lines an item of this list is counted as: 1 for a factor, 2 for a strategy."""
    return 2 if len(key) == 2 else 1


def matrix_size(bands: list[int]) -> int:
    """The font-size step for bands of these many lines: the first whose limit they fit."""
    total = sum(bands)
    return next(
        (n for n, limit in enumerate(MATRIX_STEPS) if total <= limit), len(MATRIX_STEPS) - 1
    )


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
    text: Text  # the wording printed in this program (ActionLink.wording) or the action's text
    footnote: Text  # printed at the foot of the page, its call after the text


@dataclass
class StrategyRow:
    code: str
    text: Text
    citations: Text  # the paper's compact form, without parentheses: "S1,3,6 O1,3,5"
    note: Text
    actions: list[ActionRow]
    parts: list[StrategyPart] = field(default_factory=list)
    cite_pieces: list[CitePiece] = field(default_factory=list)


@dataclass
class QuadrantGroup:
    quadrant: str
    label: str
    hint: str
    strategies: list[StrategyRow]

    @property
    def rows(self) -> int:
        """Table 3's rows of the quadrant, which its label spans (at least the "none" row)."""
        return sum(len(s.parts) for s in self.strategies) or 1


@dataclass
class MatrixItem:
    code: str
    text: Text  # cut at a word boundary (shorten)


@dataclass
class MatrixList:
    """One list of the matrix: a kind's factors or a quadrant's strategies, the first `shown`
    of them and how many more there are ("… and 12 more" in the study's digits)."""

    key: str  # S, W, O, T or SO, WO, ST, WT
    heading: str
    items: list[MatrixItem]
    more: str = ""  # the "… and N more" line, empty when every item is listed


@dataclass
class Matrix:
    """The TOWS matrix on one landscape page: strengths and weaknesses across the top,
    opportunities and threats down the side, the four quadrants' strategies in the cells."""

    across: list[MatrixList]  # S, W
    down: list[tuple[MatrixList, list[MatrixList]]]  # (O, [SO, WO]), (T, [ST, WT])
    size: int  # font-size step 0 (largest) … len(MATRIX_STEPS) - 1, a CSS class


@dataclass
class Section:
    part: str
    number: str
    title: str
    heading: str = ""  # the contents' line: "Table 1. Capacities …", "TOWS matrix"


@dataclass
class Letter:
    """The title page's letterhead: the organisation (an admin sets it) and the study's
    document number; any of them may be missing."""

    organisation: Text
    logo: str  # a data: URL, or ""
    document_number: Text

    def __bool__(self) -> bool:
        return bool(self.organisation or self.logo or self.document_number)

    @property
    def texts(self) -> tuple[str, str]:
        return self.organisation, self.document_number


@dataclass
class AssessedRow:
    code: str
    text: Text  # cut at a word boundary (shorten)
    weight: str  # "" when not given
    rating: str
    score: str
    flagged: bool  # an IFE rating that contradicts its factor's kind


@dataclass
class MatrixTable:
    """The IFE or the EFE matrix as the report prints it, every figure in the study's digits."""

    key: str  # ife, efe
    heading: str
    rows: list[AssessedRow]
    total: str
    weight_sum: str
    off_by: str  # "off by +0.001", "" when the weights sum to 1.00
    provisional: bool

    @property
    def flagged(self) -> bool:
        return any(row.flagged for row in self.rows)


@dataclass
class SpaceRow:
    dimension: str  # FP, IP, SP, CP
    label: str
    variables: list[tuple[Text, str]]  # (name, signed score)
    mean: str


@dataclass
class RankedRow:
    rank: str
    strategy: str
    total: str


@dataclass
class QspmTable:
    name: Text
    ranking: list[RankedRow]  # each strategy's total, highest first
    complete: bool  # every relevant row's factor weighted


@dataclass
class EvaluationPart:
    """What the report's part "Evaluation" prints (reports/_evaluation.html)."""

    ife: MatrixTable
    efe: MatrixTable
    charts: EvaluationCharts
    provisional: bool
    space: list[SpaceRow]
    space_x: str
    space_y: str
    space_scale: str
    qspm: list[QspmTable]


@dataclass
class Report:
    study: Study
    language: str
    direction: str
    labels: dict[str, str]
    typeface: str  # ReportStyle.Typeface: a class on the report's body
    letterhead: Letter
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
    matrix: Matrix | None = None
    evaluation: EvaluationPart | None = None  # None: the study has no evaluation data

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def cover_title_size(self) -> str:
        """The title page's title size: "" or, the longer the title, "long" or "longer"."""
        return length_step(len(self.title), COVER_TITLE_STEPS)

    @property
    def cover_meta_size(self) -> str:
        """The same for the city, subject and source and the letterhead together."""
        meta = (self.city, self.subject, self.source, *self.letterhead.texts)
        return length_step(sum(map(len, meta)), COVER_META_STEPS)

    @property
    def continued_starts(self) -> list[int]:
        """The first action numbers of Table 3's continuation rows (render.page_css)."""
        return sorted(
            {p.start for q in self.table3 for s in q.strategies for p in s.parts if p.continued}
        )


# The labels a study's ReportStyle may word as its source does, by the field that holds them.
STYLE_LABELS = {
    "table1_caption": "table1",
    "table2_caption": "table2",
    "table3_caption": "table3",
    "strengths_heading": "S",
    "opportunities_heading": "O",
    "weaknesses_heading": "W",
    "threats_heading": "T",
    "group_heading": "quadrant",
    "strategy_heading": "strategy",
    "program_heading": "actions",
    "table3_footnote": "shared_footnote",
}
# A citation's kinds in the study's order: (S1,3 O2) or, as the Mashhad paper prints, (O2 S1,3).
CITATION_KIND_ORDER = {
    ReportStyle.CitationOrder.INTERNAL_FIRST: "".join(INTERNAL_KINDS + EXTERNAL_KINDS),
    ReportStyle.CitationOrder.EXTERNAL_FIRST: "".join(EXTERNAL_KINDS + INTERNAL_KINDS),
}


def study_style(study: Study) -> ReportStyle:
    """The study's ReportStyle, or (none saved) one with every default."""
    return ReportStyle.objects.filter(study=study).first() or ReportStyle(study=study)


def letter(style: ReportStyle, language: str) -> Letter:
    letterhead = Letterhead.current()
    logo = ""
    if letterhead and letterhead.logo and letterhead.logo_type:
        logo = f"data:{letterhead.logo_type};base64,{base64.b64encode(letterhead.logo).decode()}"
    return Letter(
        Text(letterhead.organisation if letterhead else "", language),
        logo,
        Text(style.document_number, language),
    )


def build_report(study: Study, *, today: dt.date | None = None) -> Report:
    """Everything the templates print, in six queries whatever the study's size."""
    # A study in a language the workbench does not have prints in English.
    language = study_language(study.language)
    with in_study_language(study.language):
        labels = report_labels()
    style = study_style(study)
    # The source's own captions and headings where the study has them.
    labels.update(
        {label: value for name, label in STYLE_LABELS.items() if (value := getattr(style, name))}
    )
    kind_order = CITATION_KIND_ORDER.get(style.citation_order, "SWOT")
    today = today or timezone.localdate()

    def text(value: str) -> Text:
        return Text(value, language)

    factors = list(
        Factor.objects.filter(study=study)
        .only("kind", "number", "text", "note", "study_id")
        .annotate(evaluated=evaluated_subquery())
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
        actions = [
            ActionRow(text(link.wording or link.action.text), text(link.footnote))
            for link in strategy.action_links.all()
        ]
        cited = ((c.factor.kind, c.factor.number) for c in strategy.citations.all())
        compact = format_compact(cited, kind_order)

        def cell_lines(chars: int) -> int:
            return (
                1
                + text_lines(strategy.text, chars)
                + text_lines(compact, chars)
                + text_lines(strategy.note, chars)
            )

        parts = strategy_parts(
            cell_lines(STRATEGY_LINE_CHARS), actions, cell_lines(WIDE_LINE_CHARS)
        )
        for part in parts[1:]:
            part.label = text(labels["continued"] % {"code": strategy.code})
        return StrategyRow(
            strategy.code,
            text(strategy.text),
            Text(compact, Study.Language.ENGLISH),
            text(strategy.note),
            actions,
            parts,
            cite_pieces(compact),
        )

    table1, table2 = factor_groups("table1"), factor_groups("table2")
    table3 = [
        QuadrantGroup(
            quadrant.value,
            labels[quadrant],
            labels[f"{quadrant.value}_hint"],
            [strategy_row(s) for s in strategies if s.quadrant == quadrant],
        )
        for quadrant in QUADRANT_ORDER
    ]
    jalali, gregorian = format_dates(today, language)
    matrix = build_matrix(factors, strategies, labels, language)
    report = Report(
        study=study,
        language=language,
        direction="rtl" if study.is_rtl else "ltr",
        labels=labels,
        typeface=style.typeface,
        letterhead=letter(style, language),
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
        matrix=matrix,
    )
    for n, part in enumerate(TABLE_PARTS, start=1):
        number = localize_digits(n, language)
        heading = f"{labels['table']} {number}{labels['table_sep']}{labels[part]}"
        report.sections[part] = Section(part, number, labels[part], heading)
    # The factors' query said whether the study has evaluation data (a study without factors
    # asks on its own): a study without any reads nothing more.
    evaluated = factors[0].evaluated if factors else has_evaluation(study)
    if evaluated:
        report.evaluation = build_evaluation(evaluate_study(study), factors, labels, language)
    return report


def evaluated_subquery() -> Exists:
    """Whether the study has any evaluation data: an IFE/EFE assessment, a SPACE variable or
    a QSPM set (one EXISTS, asked inside another query)."""
    study = OuterRef("study_id")
    return (
        Exists(Assessment.objects.filter(factor__study=study))
        | Exists(SpaceVariable.objects.filter(study=study))
        | Exists(QspmSet.objects.filter(study=study))
    )


def has_evaluation(study: Study) -> bool:
    return (
        Assessment.objects.filter(factor__study=study).exists()
        or SpaceVariable.objects.filter(study=study).exists()
        or QspmSet.objects.filter(study=study).exists()
    )


def build_evaluation(
    evaluation: StudyEvaluation, factors: list[Factor], labels: dict[str, str], language: str
) -> EvaluationPart:
    """The part "Evaluation" of a study's figures (evaluation.figures) and its factors' texts."""
    texts = {f.code: f.text for f in factors}

    def figure(value) -> str:
        return "" if value is None else number(value, language)

    def weight(value: Decimal | None) -> str:
        """A weight to two decimals, or three when it has them: 0.30, 0.125, a sum of 0.999."""
        return "" if value is None else localized(shown_weight(value), language)

    def off_by(value: Decimal) -> str:
        sign = "+" if value > 0 else "−"
        return labels["off_by"] % {"off": isolated(sign + weight(abs(value)), language)}

    def matrix_table(key: str, figures: MatrixFigures) -> MatrixTable:
        rows = [
            AssessedRow(
                row.code,
                Text(shorten(texts.get(row.code, ""), EVALUATION_FACTOR_CHARS), language),
                weight(row.weight),
                "" if row.rating is None else localize_digits(row.rating, language),
                figure(row.score),
                row.flagged,
            )
            for row in figures.rows
        ]
        return MatrixTable(
            key,
            labels[key],
            rows,
            number(figures.total, language),
            weight(figures.weight_sum),
            off_by(figures.off_by) if figures.off_by else "",
            figures.provisional,
        )

    space = evaluation.space
    space_rows = [
        SpaceRow(
            dimension,
            labels[f"dim_{dimension}"],
            [
                (Text(v.name, language), signed(Decimal(v.score), language, places=False))
                for v in evaluation.space_variables
                if v.dimension == dimension
            ],
            signed(space.means[dimension], language),
        )
        for dimension in DIMENSIONS
    ]
    qspm = [
        QspmTable(
            Text(item.qspm_set.name, language),
            [
                RankedRow(
                    localize_digits(n, language), ranked.strategy, number(ranked.total, language)
                )
                for n, ranked in enumerate(item.figures.ranking, start=1)
            ],
            item.figures.complete,
        )
        for item in evaluation.qspm
    ]
    return EvaluationPart(
        ife=matrix_table("ife", evaluation.ife),
        efe=matrix_table("efe", evaluation.efe),
        charts=evaluation_charts(evaluation),
        provisional=evaluation.provisional,
        space=space_rows,
        space_x=signed(space.x, language),
        space_y=signed(space.y, language),
        space_scale=localize_digits(evaluation.space_scale, language),
        qspm=qspm,
    )


def build_matrix(
    factors: list[Factor], strategies: list[Strategy], labels: dict[str, str], language: str
) -> Matrix:
    """The TOWS matrix of a study's factors and strategies (already read, in order)."""
    by_key: dict[str, list[MatrixItem]] = {key: [] for key in ("S", "W", "O", "T")}
    by_key.update({quadrant.value: [] for quadrant in QUADRANT_ORDER})
    for f in factors:
        by_key[f.kind].append(
            MatrixItem(f.code, Text(shorten(f.text, MATRIX_FACTOR_CHARS), language))
        )
    for s in strategies:
        by_key[s.quadrant].append(
            MatrixItem(s.code, Text(shorten(s.text, MATRIX_STRATEGY_CHARS), language))
        )
    bands = [("S", "W"), ("O", "SO", "WO"), ("T", "ST", "WT")]
    size = matrix_size(
        [max(len(by_key[key]) * matrix_lines(key) for key in band) for band in bands]
    )

    def matrix_list(key: str) -> MatrixList:
        items = by_key[key]
        heading = labels[key]
        room = MATRIX_BAND_LINES // matrix_lines(key)
        if len(items) <= room:
            return MatrixList(key, heading, items)
        shown = room - 1
        more = labels["matrix_more"] % {"count": localize_digits(len(items) - shown, language)}
        return MatrixList(key, heading, items[:shown], more)

    return Matrix(
        across=[matrix_list("S"), matrix_list("W")],
        down=[
            (matrix_list("O"), [matrix_list("SO"), matrix_list("WO")]),
            (matrix_list("T"), [matrix_list("ST"), matrix_list("WT")]),
        ],
        size=size,
    )
