"""Fred R. David's quantitative tools as he defines them (Strategic Management): the IFE and EFE
matrices, the strategic position, the IE matrix, the SPACE matrix and the QSPM.

Pure functions of plain values (weights, ratings, scores), exact arithmetic: weights and
weighted scores are Decimals (no float drift), SPACE means are Fractions until they are shown.
Every path (the editor's forms, the admin, the study-file loader, `manage.py evaluate`, the
report) calls these, so a figure and a message are the same wherever they appear.

Definitions, as the help texts say them:
- IFE / EFE: a weight 0.00–1.00 and a rating 1–4 per internal (S, W) or external (O, T) factor;
  a matrix's weights sum to 1.00; weighted score = weight × rating; the total runs from 1.0 to
  4.0, 2.5 the average. IFE ratings: 1 major weakness, 2 minor weakness, 3 minor strength,
  4 major strength (a strength rated 1–2 or a weakness rated 3–4 is flagged). EFE ratings:
  1 poor response, 2 average, 3 above average, 4 superior.
- Strategic position: IFE total against EFE total, split at 2.5 (2.5 counts as strong/high):
  aggressive (SO), conservative (WO), competitive (ST), defensive (WT).
- IE matrix: IFE columns strong 3.0–4.0, average 2.0–2.99, weak 1.0–1.99; EFE rows high,
  medium, low on the same bands; cells I–IX row by row from the top left. I, II, IV: grow and
  build; III, V, VII: hold and maintain; VI, VIII, IX: harvest or divest.
- SPACE: FP and IP score +1 (worst) to +scale (best), SP and CP −1 (best) to −scale (worst);
  each dimension is the mean of its variables; x = CP + IP, y = FP + SP; the quadrant by sign,
  0 counting as positive: aggressive (+,+), conservative (−,+), defensive (−,−),
  competitive (+,−). The scale is 7 (David's 15th edition) or 6 (older editions).
- QSPM: per set of alternative strategies, each factor row gets an attractiveness score 1–4 per
  strategy (1 not, 2 somewhat, 3 reasonably, 4 highly attractive), or is not relevant for the
  whole row; total attractiveness = weight × score; the sums rank the set's strategies.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planning.digits import digits

ONE = Decimal("1")
AVERAGE = Decimal("2.5")  # the split of the position chart, and a matrix's average total
STRONG, AVERAGE_BAND = Decimal("3.0"), Decimal("2.0")  # the IE matrix's bands
WEIGHT_MIN, WEIGHT_MAX = Decimal("0"), Decimal("1")
WEIGHT_PLACES = 3  # 0.125: a study may weigh finer than hundredths (0.999 is not 1.00)
RATING_MIN, RATING_MAX = 1, 4
SCORE_MIN, SCORE_MAX = 1, 4  # a QSPM attractiveness score
SPACE_SCALES = (6, 7)
SPACE_DEFAULT_SCALE = 7
CENT = Decimal("0.01")


def shown(value: Decimal | Fraction) -> Decimal:
    """A figure as it is shown: to two decimals, halves away from zero (2.345 → 2.35,
    −0.125 → −0.13, 1/3 → 0.33, −2/3 → −0.67). Exact whatever the decimal context (a Fraction
    is rounded as a Fraction, not divided to 28 digits first), and never "−0.00"."""
    exact = Fraction(value)
    cents = math.floor(abs(exact) * 100 + Fraction(1, 2))
    return Decimal(-cents if exact < 0 else cents).scaleb(-2).quantize(CENT)


def shown_weight(value: Decimal) -> Decimal:
    """A weight or a sum of weights as it is shown: two decimals, or three when the third is
    not 0 (weights have up to three), so a sum of 0.999 reads 0.999, not 1.00."""
    cents = value.quantize(CENT, rounding=ROUND_HALF_UP)
    if cents == value:
        return cents
    return value.quantize(Decimal(1).scaleb(-WEIGHT_PLACES), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- checks


def check_weight(weight: Decimal) -> None:
    # NaN and infinities first: a NaN cannot even be compared with 0 and 1.
    if not weight.is_finite() or not WEIGHT_MIN <= weight <= WEIGHT_MAX:
        raise ValidationError(
            _("A weight is between 0.00 and 1.00, not %(value)s.") % {"value": digits(weight)},
            code="weight_range",
        )
    # 0.2500 is 0.25: trailing zeros are not decimals of their own.
    if weight != weight.quantize(Decimal(1).scaleb(-WEIGHT_PLACES), rounding=ROUND_HALF_UP):
        raise ValidationError(
            _("A weight has at most %(places)s decimals, not %(value)s.")
            % {"places": digits(WEIGHT_PLACES), "value": digits(weight)},
            code="weight_places",
        )


def check_rating(rating: int) -> None:
    if not RATING_MIN <= rating <= RATING_MAX:
        raise ValidationError(
            _("A rating is 1, 2, 3 or 4, not %(value)s.") % {"value": digits(rating)},
            code="rating_range",
        )


def check_score(score: int) -> None:
    """A QSPM attractiveness score."""
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ValidationError(
            _("An attractiveness score is 1, 2, 3 or 4, not %(value)s.") % {"value": digits(score)},
            code="score_range",
        )


def check_space_scale(scale: int) -> None:
    if scale not in SPACE_SCALES:
        raise ValidationError(
            _("The SPACE scale is 6 or 7, not %(value)s.") % {"value": digits(scale)},
            code="space_scale",
        )


def check_space_score(dimension: str, score: int, scale: int) -> None:
    """FP and IP score +1 … +scale; SP and CP −1 … −scale."""
    if dimension not in DIMENSIONS:  # not silently scored as SP or CP
        raise ValidationError(
            _("A SPACE dimension is FP, IP, SP or CP, not %(value)s.") % {"value": dimension},
            code="space_dimension",
        )
    check_space_scale(scale)
    if dimension in POSITIVE_DIMENSIONS:
        low, high = 1, scale
    else:
        low, high = -scale, -1
    if not low <= score <= high:
        raise ValidationError(
            _("%(dimension)s scores are from %(low)s to %(high)s, not %(value)s.")
            % {
                "dimension": dimension,
                "low": digits(f"{low:+d}"),
                "high": digits(f"{high:+d}"),
                "value": digits(score),
            },
            code="space_score",
        )


def check_qspm_row(scores: Sequence[int | None]) -> None:
    """A QSPM row is scored for every strategy of its set, or not relevant for all of them."""
    given = [score is not None for score in scores]
    if any(given) and not all(given):
        raise ValidationError(
            _(
                "A row is scored for every strategy of the set or marked not relevant for all of"
                " them, not partly."
            ),
            code="qspm_partial_row",
        )
    for score in scores:
        if score is not None:
            check_score(score)


def check_qspm_strategy(qspm_set, strategy) -> None:
    """A QSPM set compares strategies of its own study only. Reads the two `study_id`s and the
    strategy's code, no query."""
    if strategy.study_id != qspm_set.study_id:
        raise ValidationError(
            _(
                "Strategy %(code)s is of another study: a QSPM set compares strategies of its"
                " own study only."
            )
            % {"code": strategy.code},
            code="qspm_other_study",
        )


def check_qspm_factor(qspm_set, factor) -> None:
    """A QSPM set's rows are its own study's factors. Reads the two `study_id`s, no query."""
    if factor.study_id != qspm_set.study_id:
        raise ValidationError(
            _("Factor %(code)s is of another study: a QSPM set scores its own study's factors.")
            % {"code": factor.code},
            code="qspm_other_study_factor",
        )


def rating_flagged(kind: str, rating: int | None) -> bool:
    """An IFE rating that contradicts its factor's kind: a strength rated 1–2 (a weakness's
    ratings) or a weakness rated 3–4 (a strength's)."""
    if rating is None:
        return False
    return (kind == "S" and rating <= 2) or (kind == "W" and rating >= 3)


# ---------------------------------------------------------------- IFE / EFE


@dataclass(frozen=True)
class Assessed:
    """One factor's row of an IFE or EFE matrix."""

    code: str
    kind: str
    weight: Decimal | None
    rating: int | None

    @property
    def score(self) -> Decimal | None:
        if self.weight is None or self.rating is None:
            return None
        return self.weight * self.rating

    @property
    def flagged(self) -> bool:
        return rating_flagged(self.kind, self.rating)


@dataclass(frozen=True)
class MatrixFigures:
    """An IFE or EFE matrix's figures. `valid`: every factor weighted and rated and the weights
    summing to exactly 1.00; otherwise its total is provisional."""

    rows: tuple[Assessed, ...]
    total: Decimal  # the sum of the weighted scores given
    weight_sum: Decimal
    complete: bool  # every factor has a weight and a rating

    @property
    def off_by(self) -> Decimal:
        """How far the weights are from 1.00: +0.001, −0.001, 0."""
        return self.weight_sum - ONE

    @property
    def valid(self) -> bool:
        return self.complete and bool(self.rows) and self.weight_sum == ONE

    @property
    def provisional(self) -> bool:
        return not self.valid


def matrix_figures(rows: Iterable[Assessed]) -> MatrixFigures:
    rows = tuple(rows)
    total = sum((row.score for row in rows if row.score is not None), Decimal("0"))
    weight_sum = sum((row.weight for row in rows if row.weight is not None), Decimal("0"))
    complete = all(row.weight is not None and row.rating is not None for row in rows)
    return MatrixFigures(rows, total, weight_sum, complete)


# ---------------------------------------------------------------- position and IE


POSITIONS = {
    # (internal strong, external high) → the position and the TOWS quadrant it recommends
    (True, True): ("aggressive", "SO"),
    (False, True): ("conservative", "WO"),
    (True, False): ("competitive", "ST"),
    (False, False): ("defensive", "WT"),
}
POSITION_LABELS = {
    "aggressive": gettext_lazy("aggressive"),
    "conservative": gettext_lazy("conservative"),
    "competitive": gettext_lazy("competitive"),
    "defensive": gettext_lazy("defensive"),
}


def strategic_position(ife_total: Decimal, efe_total: Decimal) -> tuple[str, str]:
    """('aggressive', 'SO') … ('defensive', 'WT'); 2.5 itself counts as strong / high.
    The totals are placed as they are shown, to two decimals: a total of 2.498 (weights of
    three decimals) reads 2.50 and counts as 2.50, never as a weak 2.50."""
    return POSITIONS[(shown(ife_total) >= AVERAGE, shown(efe_total) >= AVERAGE)]


IE_CELLS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
PRESCRIPTIONS = {
    "I": "grow and build",
    "II": "grow and build",
    "IV": "grow and build",
    "III": "hold and maintain",
    "V": "hold and maintain",
    "VII": "hold and maintain",
    "VI": "harvest or divest",
    "VIII": "harvest or divest",
    "IX": "harvest or divest",
}
PRESCRIPTION_LABELS = {
    "grow and build": gettext_lazy("grow and build"),
    "hold and maintain": gettext_lazy("hold and maintain"),
    "harvest or divest": gettext_lazy("harvest or divest"),
}


def ie_band(total: Decimal) -> int:
    """0 strong / high (3.0–4.0), 1 average / medium (2.0–2.99), 2 weak / low (1.0–1.99)."""
    if total >= STRONG:
        return 0
    if total >= AVERAGE_BAND:
        return 1
    return 2


def ie_cell(ife_total: Decimal, efe_total: Decimal) -> tuple[str, str]:
    """(cell, prescription): IFE picks the column, EFE the row; I is strong IFE, high EFE.
    As the position, on the totals as shown: 2.995 reads 3.00 and is strong, so the bands
    (3.0–4.0, 2.0–2.99, 1.0–1.99) leave no gap."""
    cell = IE_CELLS[3 * ie_band(shown(efe_total)) + ie_band(shown(ife_total))]
    return cell, PRESCRIPTIONS[cell]


# ---------------------------------------------------------------- SPACE


DIMENSIONS = ("FP", "IP", "SP", "CP")
POSITIVE_DIMENSIONS = ("FP", "IP")  # scored +1 … +scale; SP and CP −1 … −scale
DIMENSION_LABELS = {
    "FP": gettext_lazy("Financial position (FP)"),
    "IP": gettext_lazy("Industry position (IP)"),
    "SP": gettext_lazy("Stability position (SP)"),
    "CP": gettext_lazy("Competitive position (CP)"),
}
SPACE_QUADRANTS = {
    (True, True): "aggressive",
    (False, True): "conservative",
    (False, False): "defensive",
    (True, False): "competitive",
}


@dataclass(frozen=True)
class SpaceFigures:
    means: dict[str, Fraction]  # each dimension's mean; a dimension without variables: 0
    x: Fraction  # CP + IP
    y: Fraction  # FP + SP
    quadrant: str
    complete: bool  # every dimension has at least one variable


def space_figures(scores: dict[str, Sequence[int]]) -> SpaceFigures:
    means = {
        dimension: Fraction(sum(scores.get(dimension, ())), len(scores.get(dimension, ())) or 1)
        for dimension in DIMENSIONS
    }
    x = means["CP"] + means["IP"]
    y = means["FP"] + means["SP"]
    complete = all(scores.get(dimension) for dimension in DIMENSIONS)
    return SpaceFigures(means, x, y, SPACE_QUADRANTS[(x >= 0, y >= 0)], complete)


# ---------------------------------------------------------------- QSPM


@dataclass(frozen=True)
class QspmRow:
    code: str  # the factor's code
    weight: Decimal | None
    scores: tuple[int | None, ...]  # one per strategy of the set; all None: not relevant

    @property
    def relevant(self) -> bool:
        return any(score is not None for score in self.scores)

    @property
    def partial(self) -> bool:
        """Scored for some strategies only (a strategy added to the set after its rows were
        scored): counted for none of them, and the set is incomplete."""
        return self.relevant and any(score is None for score in self.scores)


@dataclass(frozen=True)
class Ranked:
    strategy: str  # its code
    total: Decimal


@dataclass(frozen=True)
class QspmFigures:
    strategies: tuple[str, ...]
    rows: tuple[QspmRow, ...]
    totals: tuple[Decimal, ...]  # per strategy, in the set's order
    ranking: tuple[Ranked, ...]  # highest first; a tie keeps the set's order
    complete: bool  # every relevant row is scored whole and its factor has a weight


def qspm_figures(strategies: Sequence[str], rows: Iterable[QspmRow]) -> QspmFigures:
    rows = tuple(rows)
    totals = [Decimal("0")] * len(strategies)
    complete = True
    for row in rows:
        if not row.relevant:
            continue
        if row.weight is None or row.partial:
            complete = False
            continue
        for n, score in enumerate(row.scores):
            totals[n] += row.weight * score
    order = sorted(range(len(strategies)), key=lambda n: (-totals[n], n))
    ranking = tuple(Ranked(strategies[n], totals[n]) for n in order)
    return QspmFigures(tuple(strategies), rows, tuple(totals), ranking, complete)
