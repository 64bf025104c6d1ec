"""The charts as SVG (evaluation/charts.py): the study's point, cell and vector where the
figures put them, worked out by hand from the layout: the plot is a 240-unit square with its
top-left corner at (50, 24); a total of 1.0 … 4.0 takes 80 units a point; SPACE's origin is
the square's centre (170, 144), ±scale at its edges (120 / scale units a point)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from evaluation.charts import (
    chart_labels,
    evaluation_charts,
    ie_svg,
    position_svg,
    space_svg,
)
from evaluation.figures import evaluate_study
from planning.evaluation import space_figures
from swot.models import Study
from tests.evaluation.studies import evaluated_study

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def the_point(svg: ET.Element) -> tuple[str, str]:
    (circle,) = svg.iter(f"{SVG}circle")
    return circle.get("cx"), circle.get("cy")


def current(svg: ET.Element) -> list[str]:
    """The classes of the shaded quadrant or the filled cell."""
    return [r.get("class") for r in svg.iter(f"{SVG}rect") if "current" in r.get("class", "")]


def texts(svg: ET.Element) -> list[str]:
    return [t.text for t in svg.iter(f"{SVG}text")]


def title(svg: ET.Element) -> str:
    return svg.find(f"{SVG}title").text


def english(function, *args, **kwargs) -> ET.Element:
    with translation.override("en"):
        return parse(function(*args, language="en", **kwargs))


# ---------------------------------------------------------------- the position chart


def test_the_position_chart_puts_the_point_at_the_totals_and_shades_the_quadrant():
    """IFE 2.71, EFE 2.40: x = 50 + (2.71 − 1) × 80 = 50 + 136.8 = 186.8;
    y = 24 + (4 − 2.40) × 80 = 24 + 128 = 152. IFE ≥ 2.5, EFE < 2.5: competitive (ST)."""
    svg = english(position_svg, D("2.71"), D("2.40"), provisional=False)
    assert the_point(svg) == ("186.8", "152")
    assert current(svg) == ["quadrant quadrant-ST current"]
    assert title(svg) == "IFE 2.71, EFE 2.40: competitive (ST)"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-position-title chart-position-desc"


@pytest.mark.parametrize(
    ("ife", "efe", "cx", "cy", "quadrant"),
    [
        # 2.5 counts as strong / high: on both splits, x = 50 + 1.5 × 80 = 170, y = 24 + 120.
        ("2.5", "2.5", "170", "144", "SO"),
        # 2.498 reads 2.50 and is placed and counted as 2.50.
        ("2.498", "2.498", "170", "144", "SO"),
        # 2.49 is weak / low: x = 50 + 1.49 × 80 = 169.2, y = 24 + 1.51 × 80 = 144.8.
        ("2.49", "2.49", "169.2", "144.8", "WT"),
        ("2.49", "3.0", "169.2", "104", "WO"),
        ("4.0", "1.0", "290", "264", "ST"),
    ],
)
def test_the_position_chart_splits_at_two_and_a_half(ife, efe, cx, cy, quadrant):
    svg = english(position_svg, D(ife), D(efe), provisional=False)
    assert the_point(svg) == (cx, cy)
    assert current(svg) == [f"quadrant quadrant-{quadrant} current"]


def test_the_four_quadrants_carry_their_tows_codes_where_david_draws_them():
    """SO top right, WO top left, ST bottom right, WT bottom left (x: IFE, y: EFE)."""
    svg = english(position_svg, D("3"), D("3"), provisional=False)
    where = {
        r.get("class").split()[1]: (r.get("x"), r.get("y"))
        for r in svg.iter(f"{SVG}rect")
        if r.get("class", "").startswith("quadrant")
    }
    assert where == {
        "quadrant-WO": ("50", "24"),
        "quadrant-SO": ("170", "24"),
        "quadrant-WT": ("50", "144"),
        "quadrant-ST": ("170", "144"),
    }
    assert {"SO", "WO", "ST", "WT", "IFE", "EFE"} <= set(texts(svg))


def test_a_provisional_point_is_hollow_and_dashed_and_says_so():
    """Nothing rated: totals 0, drawn at 1.0 (the plot's corner, x = 50, y = 24 + 3 × 80)."""
    svg = english(position_svg, D("0"), D("0"), provisional=True)
    (circle,) = svg.iter(f"{SVG}circle")
    assert (circle.get("cx"), circle.get("cy")) == ("50", "264")
    assert circle.get("fill") == "#fff" and circle.get("stroke-dasharray")
    assert title(svg) == "IFE 0.00, EFE 0.00: defensive (WT) (provisional)"
    solid = english(position_svg, D("3"), D("3"), provisional=False)
    assert next(solid.iter(f"{SVG}circle")).get("stroke-dasharray") is None


# ---------------------------------------------------------------- the IE matrix


def test_the_ie_matrix_runs_from_strong_on_the_left_and_marks_the_cell():
    """IFE 2.71, EFE 2.40: x = 50 + (4 − 2.71) × 80 = 50 + 103.2 = 153.2;
    y = 24 + (4 − 2.40) × 80 = 152; IFE average (2.0–2.99), EFE medium: cell V, filled."""
    svg = english(ie_svg, D("2.71"), D("2.40"), provisional=False)
    assert the_point(svg) == ("153.2", "152")
    assert current(svg) == ["cell cell-V current"]
    cell_v = next(r for r in svg.iter(f"{SVG}rect") if "cell-V" in r.get("class", ""))
    assert (cell_v.get("x"), cell_v.get("y"), cell_v.get("fill")) == ("130", "104", "#1f4e79")
    assert title(svg) == "IFE 2.71, EFE 2.40: cell V, hold and maintain"


@pytest.mark.parametrize(
    ("ife", "efe", "cell", "x", "y"),
    [
        ("3.0", "3.0", "I", "50", "24"),  # 3.0 is strong and high: the top-left cell
        ("2.99", "3.0", "II", "130", "24"),
        ("2.0", "2.0", "V", "130", "104"),  # 2.0 is average and medium
        ("1.99", "2.0", "VI", "210", "104"),
        ("2.0", "1.99", "VIII", "130", "184"),
        ("1.0", "1.0", "IX", "210", "184"),
    ],
)
def test_the_ie_cells_stand_in_three_rows_of_three(ife, efe, cell, x, y):
    svg = english(ie_svg, D(ife), D(efe), provisional=False)
    (marked,) = (r for r in svg.iter(f"{SVG}rect") if "current" in r.get("class", ""))
    assert marked.get("class") == f"cell cell-{cell} current"
    assert (marked.get("x"), marked.get("y")) == (x, y)


# ---------------------------------------------------------------- SPACE


def vector_end(svg: ET.Element) -> tuple[str, str]:
    (vector,) = (v for v in svg.iter(f"{SVG}line") if v.get("class") == "chart-vector")
    assert (vector.get("x1"), vector.get("y1")) == ("170", "144")  # from the origin
    return vector.get("x2"), vector.get("y2")


def test_the_space_vector_runs_from_the_origin_to_x_y():
    """±6: 20 units a point. FP 2, SP −4, CP −2.5 (−2, −3), IP 4: x = −2.5 + 4 = 1.5,
    y = 2 − 4 = −2: the end at (170 + 30, 144 + 40) = (200, 184), competitive (+,−)."""
    space = space_figures({"FP": [2], "SP": [-4], "CP": [-2, -3], "IP": [4]})
    svg = english(space_svg, space, 6)
    assert vector_end(svg) == ("200", "184")
    assert current(svg) == ["quadrant quadrant-competitive current"]
    assert title(svg) == "SPACE vector (+1.50, −2.00): competitive"
    assert {"FP", "SP", "CP", "IP", "−6", "+6", "(+,−)"} <= set(texts(svg))


def test_the_space_vector_on_the_seven_point_scale():
    """±7: 120/7 units a point. x = 4/3: 170 + 160/7 = 192.857… → 192.86;
    y = 3/2: 144 − 180/7 = 118.285… → 118.29; aggressive (+,+)."""
    space = space_figures({"FP": [5, 4], "SP": [-3], "CP": [-4, -5, -5], "IP": [6]})
    assert (space.x, space.y) == (Fraction(4, 3), Fraction(3, 2))
    svg = english(space_svg, space, 7)
    assert vector_end(svg) == ("192.86", "118.29")
    assert current(svg) == ["quadrant quadrant-aggressive current"]


def test_space_at_zero_counts_as_positive_and_the_vector_has_no_length():
    """x = −3 + 3 = 0, y = 2 − 2 = 0: aggressive, the end at the origin."""
    space = space_figures({"FP": [2], "SP": [-2], "CP": [-3], "IP": [3]})
    svg = english(space_svg, space, 7)
    assert vector_end(svg) == ("170", "144")
    assert current(svg) == ["quadrant quadrant-aggressive current"]
    assert title(svg) == "SPACE vector (0.00, 0.00): aggressive"


def test_space_without_a_dimension_is_marked_provisional():
    space = space_figures({"FP": [3], "IP": [2]})
    svg = english(space_svg, space, 7)
    assert title(svg).endswith("(provisional)")
    assert next(svg.iter(f"{SVG}circle")).get("stroke-dasharray")


# ---------------------------------------------------------------- words, digits, escaping


def test_in_persian_the_words_are_persian_the_quantities_persian_digits_the_codes_latin():
    with translation.override("fa"):
        position = parse(position_svg(D("2.71"), D("2.40"), provisional=False, language="fa"))
        ie = parse(ie_svg(D("2.71"), D("2.40"), provisional=False, language="fa"))
    assert "رقابتی" in title(position) and "۲٫۷۱" in title(position)
    assert "\u2066ST\u2069" in title(position)  # isolated in the Persian sentence
    assert "حفظ و نگهداری" in title(ie) and "\u2066V\u2069" in title(ie)
    assert {"۱٫۰", "۲٫۰", "۳٫۰", "۴٫۰", "SO", "WT", "IFE"} <= set(texts(position))
    assert {"I", "V", "IX"} <= set(texts(ie))
    assert not any(ch.isdigit() and ch.isascii() for t in texts(position) for ch in t)


@pytest.mark.django_db
def test_no_persian_word_is_drawn_inside_an_svg():
    """WeasyPrint draws SVG text without shaping or bidi: Persian words are the HTML's."""
    study = evaluated_study()
    study.language = Study.Language.PERSIAN
    study.save()
    charts = evaluation_charts(evaluate_study(study))
    assert "رقابتی" in charts.position.result
    arabic_letter = range(0x0621, 0x064B)
    for chart in charts:
        for text in texts(parse(chart.svg)):
            assert not any(ord(ch) in arabic_letter for ch in text), text


def test_every_text_in_the_svg_is_escaped():
    labels = chart_labels() | {
        "competitive": "<script>alert(1)</script>",
        "position_desc": 'a "quoted" & <b>bold</b> description',
    }
    markup = position_svg(D("2.71"), D("2.40"), provisional=False, language="en", labels=labels)
    assert "<script>" not in markup and "<b>" not in markup
    svg = parse(markup)  # still well-formed XML
    assert title(svg) == "IFE 2.71, EFE 2.40: <script>alert(1)</script> (ST)"
    assert svg.find(f"{SVG}desc").text == 'a "quoted" & <b>bold</b> description'
    assert svg.find(f"{SVG}script") is None


# ---------------------------------------------------------------- the template


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        (Study.Language.ENGLISH, ["competitive", "hold and maintain", "aggressive"]),
        (Study.Language.PERSIAN, ["رقابتی", "حفظ و نگهداری", "تهاجمی"]),
    ],
)
def test_the_charts_partial_shows_the_three_charts_in_the_studys_language(language, words):
    """The hand-computed study (tests/evaluation/studies.py): IFE 2.80, EFE 2.10 competitive,
    cell V hold and maintain, SPACE (1.33, 1.50) aggressive."""
    study = evaluated_study()
    study.language = language
    study.save()
    with translation.override("en"):  # the menus' language does not matter
        html = render_to_string("evaluation/_charts.html", {"evaluation": evaluate_study(study)})
    assert html.count('role="img"') == 3 and "<script" not in html
    for word in words:
        assert f"</span> {word}</li>" in html.replace('<li class="current">', "<li>")
    current_items = [part.split("</li>")[0] for part in html.split('<li class="current">')[1:]]
    assert len(current_items) == 3
    for item, word in zip(current_items, words, strict=True):
        assert item.endswith(word)
    direction = "rtl" if language == Study.Language.PERSIAN else "ltr"
    assert f'<div class="evaluation-charts" lang="{language}" dir="{direction}">' in html
