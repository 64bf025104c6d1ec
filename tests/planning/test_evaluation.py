"""David's arithmetic (planning/evaluation.py) on cases computed by hand: IFE/EFE totals and
weight sums, the strategic position, the IE cell, SPACE, QSPM, and the checks' messages."""

from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from planning.evaluation import (
    Assessed,
    QspmRow,
    check_qspm_factor,
    check_qspm_row,
    check_qspm_strategy,
    check_rating,
    check_score,
    check_space_scale,
    check_space_score,
    check_weight,
    ie_cell,
    matrix_figures,
    qspm_figures,
    rating_flagged,
    shown,
    shown_weight,
    space_figures,
    strategic_position,
)

D = Decimal


def row(code: str, weight: str | None, rating: int | None) -> Assessed:
    return Assessed(code, code[0], D(weight) if weight is not None else None, rating)


def refused(check, *args) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(*args)
    return caught.value


# ---------------------------------------------------------------- IFE / EFE


def test_an_ife_of_exactly_the_average_totals_2_50_and_is_valid():
    """S1 0.30 × 4 = 1.20, S2 0.20 × 3 = 0.60, W1 0.30 × 1 = 0.30, W2 0.20 × 2 = 0.40;
    total 1.20 + 0.60 + 0.30 + 0.40 = 2.50; weights 0.30 + 0.20 + 0.30 + 0.20 = 1.00."""
    ife = matrix_figures(
        [row("S1", "0.30", 4), row("S2", "0.20", 3), row("W1", "0.30", 1), row("W2", "0.20", 2)]
    )

    assert [r.score for r in ife.rows] == [D("1.20"), D("0.60"), D("0.30"), D("0.40")]
    assert ife.total == D("2.5")
    assert str(shown(ife.total)) == "2.50"
    assert ife.weight_sum == 1
    assert ife.off_by == 0
    assert ife.valid
    assert not ife.provisional


def test_weights_summing_to_0_999_make_the_totals_provisional_and_show_how_far_off():
    """S1 0.500 × 4 = 2.000, W1 0.499 × 2 = 0.998; total 2.998 (shown 3.00);
    weights 0.500 + 0.499 = 0.999, off by 0.999 − 1 = −0.001."""
    ife = matrix_figures([row("S1", "0.500", 4), row("W1", "0.499", 2)])

    assert ife.total == D("2.998")
    assert str(shown(ife.total)) == "3.00"
    assert ife.weight_sum == D("0.999")
    assert ife.off_by == D("-0.001")
    assert (str(shown_weight(ife.weight_sum)), str(shown_weight(ife.off_by))) == ("0.999", "-0.001")
    assert ife.complete
    assert not ife.valid
    assert ife.provisional


def test_weights_summing_to_1_001_make_the_totals_provisional_and_show_how_far_off():
    """O1 0.501 × 3 = 1.503, T1 0.500 × 1 = 0.500; total 2.003 (shown 2.00);
    weights 0.501 + 0.500 = 1.001, off by +0.001."""
    efe = matrix_figures([row("O1", "0.501", 3), row("T1", "0.500", 1)])

    assert efe.total == D("2.003")
    assert str(shown(efe.total)) == "2.00"
    assert (str(shown_weight(efe.weight_sum)), str(shown_weight(efe.off_by))) == ("1.001", "0.001")
    assert efe.provisional


def test_a_factor_without_a_weight_or_a_rating_leaves_the_matrix_incomplete():
    """S1 0.60 × 3 = 1.80; W1 weighed 0.40 but not rated: no score. Total 1.80 (what is
    given); weights 0.60 + 0.40 = 1.00, yet the matrix is incomplete, so not valid."""
    ife = matrix_figures([row("S1", "0.60", 3), row("W1", "0.40", None)])

    assert ife.rows[1].score is None
    assert ife.total == D("1.80")
    assert ife.weight_sum == 1
    assert not ife.complete
    assert ife.provisional

    unweighed = matrix_figures([row("S1", None, 3), row("W1", "1", 2)])
    assert (unweighed.total, unweighed.weight_sum, unweighed.complete) == (D("2"), D("1"), False)


def test_a_matrix_without_factors_is_not_valid():
    empty = matrix_figures([])

    assert (empty.total, empty.weight_sum, empty.complete) == (0, 0, True)
    assert empty.provisional


@pytest.mark.parametrize(
    ("kind", "rating", "flagged"),
    [
        ("S", 1, True),
        ("S", 2, True),  # a strength rated as a minor weakness
        ("S", 3, False),
        ("S", 4, False),
        ("W", 1, False),
        ("W", 2, False),
        ("W", 3, True),  # a weakness rated as a minor strength
        ("W", 4, True),
        ("O", 1, False),  # EFE ratings are the response's quality: never flagged
        ("T", 4, False),
        ("S", None, False),
    ],
)
def test_an_ife_rating_contradicting_its_factor_is_flagged(kind, rating, flagged):
    assert rating_flagged(kind, rating) is flagged
    assert Assessed(f"{kind}1", kind, D("0.1"), rating).flagged is flagged


# ---------------------------------------------------------------- position and IE


@pytest.mark.parametrize(
    ("ife", "efe", "position"),
    [
        ("2.5", "2.5", ("aggressive", "SO")),  # 2.5 itself counts as strong and high
        ("2.49", "2.5", ("conservative", "WO")),
        ("2.5", "2.49", ("competitive", "ST")),
        ("2.49", "2.49", ("defensive", "WT")),
        ("4.0", "1.0", ("competitive", "ST")),
        ("1.0", "4.0", ("conservative", "WO")),
        # Placed as shown: 2.495 reads 2.50 (strong), 2.494 reads 2.49 (weak).
        ("2.495", "2.494", ("competitive", "ST")),
        ("2.494", "2.495", ("conservative", "WO")),
    ],
)
def test_the_strategic_position_splits_at_2_5(ife, efe, position):
    assert strategic_position(D(ife), D(efe)) == position


@pytest.mark.parametrize(
    ("ife", "efe", "cell", "prescription"),
    [
        # IFE picks the column (strong ≥ 3.0, average ≥ 2.0, weak), EFE the row (high first).
        ("3.0", "3.0", "I", "grow and build"),
        ("2.99", "3.0", "II", "grow and build"),
        ("2.0", "3.0", "II", "grow and build"),
        ("1.99", "3.0", "III", "hold and maintain"),
        ("3.0", "2.99", "IV", "grow and build"),
        ("4.0", "2.0", "IV", "grow and build"),
        ("2.0", "2.0", "V", "hold and maintain"),
        ("2.99", "2.99", "V", "hold and maintain"),
        ("1.99", "2.0", "VI", "harvest or divest"),
        ("3.0", "1.99", "VII", "hold and maintain"),
        ("2.0", "1.99", "VIII", "harvest or divest"),
        ("1.99", "1.99", "IX", "harvest or divest"),
        ("1.0", "1.0", "IX", "harvest or divest"),
        # Placed as shown: 2.995 reads 3.00 (strong / high), 1.994 reads 1.99 (weak / low).
        ("2.995", "1.994", "VII", "hold and maintain"),
        ("1.995", "2.994", "V", "hold and maintain"),
    ],
)
def test_the_ie_cell_and_its_prescription_at_every_band_boundary(ife, efe, cell, prescription):
    assert ie_cell(D(ife), D(efe)) == (cell, prescription)


# ---------------------------------------------------------------- SPACE


def test_space_the_issues_example_is_aggressive():
    """FP (5 + 4) / 2 = 4.5, SP −3, CP −4, IP 6; x = CP + IP = −4 + 6 = 2,
    y = FP + SP = 4.5 − 3 = 1.5: (+, +), aggressive."""
    space = space_figures({"FP": [5, 4], "SP": [-3], "CP": [-4], "IP": [6]})

    assert space.means == {
        "FP": Fraction(9, 2),
        "IP": Fraction(6),
        "SP": Fraction(-3),
        "CP": Fraction(-4),
    }
    assert (space.x, space.y) == (2, Fraction(3, 2))
    assert (str(shown(space.x)), str(shown(space.y))) == ("2.00", "1.50")
    assert space.quadrant == "aggressive"
    assert space.complete


@pytest.mark.parametrize(
    ("scores", "x", "y", "quadrant"),
    [
        # x = CP + IP = −3 + 3 = 0 (positive side), y = FP + SP = 2 − 5 = −3: (+, −)
        ({"FP": [2], "SP": [-5], "CP": [-3], "IP": [3]}, 0, -3, "competitive"),
        # x = −5 + 2 = −3, y = 4 − 4 = 0 (positive side): (−, +)
        ({"FP": [4], "SP": [-4], "CP": [-5], "IP": [2]}, -3, 0, "conservative"),
        # x = −1 + 1 = 0, y = 1 − 1 = 0: the origin is (+, +)
        ({"FP": [1], "SP": [-1], "CP": [-1], "IP": [1]}, 0, 0, "aggressive"),
        # x = −6 + 2 = −4, y = 1 − 7 = −6: (−, −)
        ({"FP": [1], "SP": [-7], "CP": [-6], "IP": [2]}, -4, -6, "defensive"),
    ],
)
def test_space_at_zero_on_an_axis_counts_as_positive(scores, x, y, quadrant):
    space = space_figures(scores)

    assert (space.x, space.y, space.quadrant) == (x, y, quadrant)


def test_space_means_of_thirds_are_exact_and_shown_to_two_decimals():
    """FP (1 + 1 + 2) / 3 = 4/3, SP −1: y = 4/3 − 1 = 1/3 → 0.33.
    CP (−1 − 1 − 2) / 3 = −4/3, IP 1: x = −4/3 + 1 = −1/3 → −0.33. (−, +): conservative.
    As a float 4/3 − 1 is 0.33333333333333326; the Fraction is 1/3 exactly."""
    space = space_figures({"FP": [1, 1, 2], "SP": [-1], "CP": [-1, -1, -2], "IP": [1]})

    assert (space.means["FP"], space.means["CP"]) == (Fraction(4, 3), Fraction(-4, 3))
    assert (space.x, space.y) == (Fraction(-1, 3), Fraction(1, 3))
    assert shown(space.x) == D("-0.33") and str(shown(space.x)) == "-0.33"
    assert str(shown(space.y)) == "0.33"
    assert space.quadrant == "conservative"


def test_a_space_dimension_without_variables_counts_0_and_leaves_space_incomplete():
    """FP 3, SP −2, no CP (0), IP 2: x = 0 + 2 = 2, y = 3 − 2 = 1."""
    space = space_figures({"FP": [3], "SP": [-2], "IP": [2]})

    assert (space.means["CP"], space.x, space.y, space.quadrant) == (0, 2, 1, "aggressive")
    assert not space.complete


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("2.345"), "2.35"),  # a half rounds up
        (D("2.344"), "2.34"),
        (D("-0.125"), "-0.13"),  # and away from zero below it
        (D("2.5"), "2.50"),
        (D("0"), "0.00"),
        (Fraction(2, 3), "0.67"),
        (Fraction(-2, 3), "-0.67"),
        (Fraction(1, 8), "0.13"),  # 0.125, a half
        (Fraction(-1, 1000), "0.00"),  # never "-0.00"
        (D("-0.001"), "0.00"),
    ],
)
def test_a_figure_is_shown_to_two_decimals_halves_away_from_zero(value, text):
    assert str(shown(value)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [("1", "1.00"), ("1.000", "1.00"), ("0.999", "0.999"), ("0.95", "0.95"), ("-0.010", "-0.01")],
)
def test_a_weight_sum_is_shown_with_its_third_decimal_only_when_it_has_one(value, text):
    assert str(shown_weight(D(value))) == text


# ---------------------------------------------------------------- QSPM


def test_qspm_a_dashed_row_is_left_out_of_the_totals():
    """S1 0.20: SO1 4 → 0.80, SO2 2 → 0.40; S2 0.10 not relevant (—, —): nothing;
    O1 0.30: SO1 1 → 0.30, SO2 3 → 0.90. SO1 0.80 + 0.30 = 1.10, SO2 0.40 + 0.90 = 1.30:
    SO2 first. Had S2's 0.10 counted with any score, neither total would be these."""
    figures = qspm_figures(
        ["SO1", "SO2"],
        [
            QspmRow("S1", D("0.20"), (4, 2)),
            QspmRow("S2", D("0.10"), (None, None)),
            QspmRow("O1", D("0.30"), (1, 3)),
        ],
    )

    assert not figures.rows[1].relevant
    assert figures.totals == (D("1.10"), D("1.30"))
    assert [(r.strategy, r.total) for r in figures.ranking] == [
        ("SO2", D("1.30")),
        ("SO1", D("1.10")),
    ]
    assert figures.complete


def test_qspm_a_tie_keeps_the_sets_order():
    """ST1 and SO1 (in that order): S1 0.50 × 2 = 1.00 each, O1 0.50 × 3 = 1.50 each;
    both 2.50. ST1 stays first although SO1 sorts before it."""
    figures = qspm_figures(
        ["ST1", "SO1"], [QspmRow("S1", D("0.50"), (2, 2)), QspmRow("O1", D("0.50"), (3, 3))]
    )

    assert [(r.strategy, r.total) for r in figures.ranking] == [
        ("ST1", D("2.50")),
        ("SO1", D("2.50")),
    ]


def test_qspm_a_row_whose_factor_has_no_weight_leaves_the_set_incomplete():
    """S1 unweighed (4, 1): nothing; O1 0.50: SO1 2 → 1.00, SO2 3 → 1.50."""
    figures = qspm_figures(
        ["SO1", "SO2"], [QspmRow("S1", None, (4, 1)), QspmRow("O1", D("0.50"), (2, 3))]
    )

    assert figures.totals == (D("1.00"), D("1.50"))
    assert not figures.complete


def test_qspm_a_partly_scored_row_counts_for_no_strategy_and_leaves_the_set_incomplete():
    """SO3 joined the set after S1 was scored (4, 2, —): S1 counts for none;
    O1 0.50: 1 → 0.50, 2 → 1.00, 3 → 1.50."""
    figures = qspm_figures(
        ["SO1", "SO2", "SO3"],
        [QspmRow("S1", D("0.30"), (4, 2, None)), QspmRow("O1", D("0.50"), (1, 2, 3))],
    )

    assert figures.rows[0].partial
    assert figures.totals == (D("0.50"), D("1.00"), D("1.50"))
    assert [r.strategy for r in figures.ranking] == ["SO3", "SO2", "SO1"]
    assert not figures.complete


# ---------------------------------------------------------------- checks and messages


@pytest.mark.parametrize("weight", ["0", "0.00", "1", "1.000", "0.125", "0.2500"])
def test_a_weight_from_0_to_1_with_up_to_three_decimals_passes(weight):
    check_weight(D(weight))


@pytest.mark.parametrize(
    ("weight", "code", "message"),
    [
        ("1.01", "weight_range", "A weight is between 0.00 and 1.00, not 1.01."),
        ("-0.1", "weight_range", "A weight is between 0.00 and 1.00, not -0.1."),
        ("NaN", "weight_range", "A weight is between 0.00 and 1.00, not NaN."),
        ("Infinity", "weight_range", "A weight is between 0.00 and 1.00, not Infinity."),
        ("0.1255", "weight_places", "A weight has at most 3 decimals, not 0.1255."),
    ],
)
def test_a_weight_out_of_range_or_too_fine_is_refused_with_its_value(weight, code, message):
    error = refused(check_weight, D(weight))

    assert (error.code, error.message) == (code, message)


@pytest.mark.parametrize("rating", [0, 5, -1])
def test_a_rating_outside_1_to_4_is_refused(rating):
    error = refused(check_rating, rating)

    assert error.message == f"A rating is 1, 2, 3 or 4, not {rating}."


@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_a_rating_from_1_to_4_passes(rating):
    check_rating(rating)
    check_score(rating)


@pytest.mark.parametrize("score", [0, 5])
def test_an_attractiveness_score_outside_1_to_4_is_refused(score):
    error = refused(check_score, score)

    assert error.message == f"An attractiveness score is 1, 2, 3 or 4, not {score}."


@pytest.mark.parametrize(
    ("dimension", "score", "scale", "message"),
    [
        ("FP", 7, 6, "FP scores are from +1 to +6, not 7."),  # +7 is beyond the ±6 scale
        ("IP", 0, 7, "IP scores are from +1 to +7, not 0."),
        ("IP", -2, 7, "IP scores are from +1 to +7, not -2."),
        ("SP", 1, 7, "SP scores are from -7 to -1, not 1."),  # the wrong side of zero
        ("CP", -7, 6, "CP scores are from -6 to -1, not -7."),
        ("CP", 0, 6, "CP scores are from -6 to -1, not 0."),
    ],
)
def test_a_space_score_on_the_wrong_side_or_beyond_the_scale_is_refused(
    dimension, score, scale, message
):
    error = refused(check_space_score, dimension, score, scale)

    assert (error.code, error.message) == ("space_score", message)


@pytest.mark.parametrize(
    ("dimension", "score", "scale"),
    [("FP", 7, 7), ("FP", 1, 6), ("IP", 6, 6), ("SP", -7, 7), ("CP", -6, 6), ("CP", -1, 7)],
)
def test_a_space_score_within_its_scale_and_sign_passes(dimension, score, scale):
    check_space_score(dimension, score, scale)


def test_a_space_score_of_an_unknown_dimension_or_scale_is_refused():
    assert refused(check_space_score, "XP", -3, 7).code == "space_dimension"
    assert refused(check_space_score, "FP", 3, 5).message == "The SPACE scale is 6 or 7, not 5."
    assert refused(check_space_scale, 8).code == "space_scale"
    check_space_scale(6)
    check_space_scale(7)


@pytest.mark.parametrize("scores", [(4, None), (None, 2, 3)])
def test_a_partly_dashed_qspm_row_is_refused(scores):
    error = refused(check_qspm_row, scores)

    assert error.code == "qspm_partial_row"
    assert error.message == (
        "A row is scored for every strategy of the set or marked not relevant for all of them,"
        " not partly."
    )


def test_a_whole_or_dashed_qspm_row_passes_and_its_scores_are_checked():
    check_qspm_row((1, 4))
    check_qspm_row((None, None))
    assert refused(check_qspm_row, (5, 1)).code == "score_range"


def test_a_qspm_set_takes_its_own_studys_strategies_and_factors_only():
    qspm_set = SimpleNamespace(study_id=1)
    ours = SimpleNamespace(study_id=1, code="SO2")
    theirs = SimpleNamespace(study_id=2, code="WT1")

    check_qspm_strategy(qspm_set, ours)
    check_qspm_factor(qspm_set, ours)
    assert refused(check_qspm_strategy, qspm_set, theirs).message == (
        "Strategy WT1 is of another study: a QSPM set compares strategies of its own study only."
    )
    assert refused(check_qspm_factor, qspm_set, SimpleNamespace(study_id=2, code="S4")).message == (
        "Factor S4 is of another study: a QSPM set scores its own study's factors."
    )
