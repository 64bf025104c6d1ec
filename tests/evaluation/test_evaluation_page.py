"""The evaluation page: IFE and EFE rows edited inline, the position and IE cell, SPACE
variables, QSPM sets and rows; council members read it and change nothing."""

import re
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Assessment, QspmScore, QspmSet, SpaceMatrix, SpaceVariable
from tests.evaluation.studies import add_qspm, assess, evaluated_study
from tests.factories import FactorFactory, StrategyFactory, StudyFactory
from tests.helpers import HX, factor, strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(db):
    return evaluated_study()


@pytest.fixture(autouse=True)
def in_english(client):
    """The interface in English (the Persian test sets its own language)."""
    client.cookies["django_language"] = "en"


def page_url(study) -> str:
    return reverse("evaluation", args=[study.slug])


def assessment_of(study, code: str) -> Assessment:
    return Assessment.objects.get(factor=factor(study, code))


class Swaps:
    """A fragment's target (the id of its first element) and the ids swapped out of band
    (each piece in a <template>, as evaluation.views.fragments sends them)."""

    def __init__(self, response):
        body = response.content.decode()
        self.main = re.findall(r'^\s*<\w+[^>]*?\bid="([^"]+)"', body)
        self.oob = re.findall(r'<template>\s*<\w+[^>]*?\bid="([^"]+)"[^>]*hx-swap-oob="true"', body)
        # Nothing else at the top: every out-of-band piece is wrapped.
        assert body.count("hx-swap-oob") == len(self.oob)


def swaps(response) -> Swaps:
    return Swaps(response)


# ---------------------------------------------------------------- reading


def test_the_page_shows_the_totals_the_position_and_the_ie_cell(analyst, evaluated):
    """evaluated_study's docstring: IFE 2.80, EFE 2.10: competitive (ST), IE cell V, hold
    and maintain; SPACE x 1.33, y 1.50: aggressive; QSPM SO: SO2 3.20 before SO1 2.90."""
    response = analyst.get(page_url(evaluated))
    page = response.content.decode()
    assert response.status_code == 200
    assert "IFE total 2.80, EFE total 2.10" in page
    assert "Position: competitive (ST)" in page
    assert "IE matrix: cell V, hold and maintain" in page
    # The recommended quadrant is marked and links to the quadrant on the study page.
    study_url = reverse("study", args=[evaluated.slug])
    assert f'href="{study_url}#quadrant-ST" class="q-st is-recommended" aria-current="true"' in page
    assert "+1.33" in page and "+1.50" in page
    ranking = page[page.index('class="ranking"') :]
    assert ranking.index("SO2") < ranking.index("SO1")
    assert "3.20" in ranking and "2.90" in ranking


def test_the_page_reads_in_persian_digits_with_the_position_in_words(analyst, evaluated):
    analyst.cookies["django_language"] = "fa"
    page = analyst.get(page_url(evaluated)).content.decode()
    assert "جایگاه: رقابتی (ST)" in page
    assert "۲٫۸۰" in page  # the IFE total


def test_a_weight_sum_off_one_is_shown_with_how_far_off_and_marked_provisional(analyst, db):
    """S1 0.499 × 4 = 1.996, W1 0.5 × 2 = 1.0: weights 0.999, 0.001 short; total 2.996 → 3.00."""
    study = StudyFactory(slug="short")
    assess(study, {"S1": ("0.499", 4), "W1": ("0.5", 2)})
    page = analyst.get(page_url(study)).content.decode()
    ife = page[page.index('id="ife-totals"') :]
    assert "The weights sum to 0.999, 0.001 short of 1.00." in ife
    assert "provisional" in ife[: ife.index("</tfoot>")]


def test_a_weight_sum_over_one_is_shown_as_over(analyst, db):
    study = StudyFactory(slug="over")
    assess(study, {"O1": ("0.501", 4), "T1": ("0.5", 2)})
    page = analyst.get(page_url(study)).content.decode()
    assert "The weights sum to 1.001, 0.001 over 1.00." in page


def test_a_strength_rated_as_a_weakness_is_flagged(analyst, db):
    study = StudyFactory(slug="flagged")
    assess(study, {"S1": ("0.5", 2), "S2": ("0.5", 4), "W1": ("0", 3)})
    page = analyst.get(page_url(study)).content.decode()
    assert page.count('class="flagged"') == 2  # S1 (a strength at 2) and W1 (a weakness at 3)
    assert "Flagged: a strength rated as a weakness (1–2)." in page
    assert "Flagged: a weakness rated as a strength (3–4)." in page


# ---------------------------------------------------------------- IFE and EFE


def test_an_analyst_edits_a_weight_and_a_rating_inline(analyst, evaluated):
    """S1 0.30 × 4 → 0.25 × 4 = 1.00; S2 0.20 × 3 = 0.60, W1 0.50 × 2 = 1.00: IFE total 2.60,
    weights 0.95, 0.05 short. IFE 2.60 ≥ 2.5, EFE 2.10: still competitive."""
    s1 = factor(evaluated, "S1")
    url = reverse("assessment-edit", args=[s1.pk])
    response = analyst.post(url, {"weight": "0.25", "rating": "4"}, headers=HX)
    assert response.status_code == 200
    assert (assessment_of(evaluated, "S1").weight, assessment_of(evaluated, "S1").rating) == (
        Decimal("0.250"),
        4,
    )
    parts = swaps(response)
    assert parts.main == [f"assessment-{s1.pk}"]
    assert parts.oob == ["ife-totals", "summary", "charts"]
    body = response.content.decode()
    assert "2.60" in body and "0.95, 0.05 short of 1.00" in body
    assert "weights-changed" in response.headers["HX-Trigger"]


def test_a_weight_typed_in_persian_digits_is_read(analyst, evaluated):
    o1 = factor(evaluated, "O1")
    analyst.post(reverse("assessment-edit", args=[o1.pk]), {"weight": "۰٫۴۵", "rating": "۳"})
    assert (assessment_of(evaluated, "O1").weight, assessment_of(evaluated, "O1").rating) == (
        Decimal("0.450"),
        3,
    )


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"weight": "1.5", "rating": "4"}, "S1: A weight is between 0.00 and 1.00, not 1.5."),
        ({"weight": "0.1234", "rating": "4"}, "S1: A weight has at most 3 decimals"),
        ({"weight": "abc", "rating": "4"}, "S1: «abc» is not a number."),
        ({"weight": "0.3", "rating": "5"}, "S1: A rating is 1, 2, 3 or 4, not 5."),
    ],
    ids=["weight-over-one", "four-decimals", "not-a-number", "rating-five"],
)
def test_an_invalid_entry_comes_back_naming_the_factor_and_nothing_is_saved(
    analyst, evaluated, posted, message
):
    s1 = factor(evaluated, "S1")
    response = analyst.post(reverse("assessment-edit", args=[s1.pk]), posted, headers=HX)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert swaps(response).main == [f"assessment-{s1.pk}"]
    assert swaps(response).oob == []
    saved = assessment_of(evaluated, "S1")
    assert (saved.weight, saved.rating) == (Decimal("0.300"), 4)


def test_the_live_check_answers_the_error_only_and_saves_nothing(analyst, evaluated):
    s1 = factor(evaluated, "S1")
    url = reverse("assessment-edit", args=[s1.pk])
    response = analyst.post(url, {"weight": "0.1", "rating": "4", "check": "1"}, headers=HX)
    assert swaps(response).main == [f"assessment-{s1.pk}-error"]
    assert assessment_of(evaluated, "S1").weight == Decimal("0.300")  # valid, but only checked
    response = analyst.post(url, {"weight": "1.5", "check": "1"}, headers=HX)
    assert "S1:" in response.content.decode()


def test_without_javascript_a_save_redirects_back_to_the_row(analyst, evaluated):
    t1 = factor(evaluated, "T1")
    response = analyst.post(reverse("assessment-edit", args=[t1.pk]), {"weight": "", "rating": ""})
    assert response.status_code == 302
    assert response.url == f"{page_url(evaluated)}#assessment-{t1.pk}"
    assert (assessment_of(evaluated, "T1").weight, assessment_of(evaluated, "T1").rating) == (
        None,
        None,
    )


def test_without_javascript_an_invalid_entry_shows_the_page_with_the_error(analyst, evaluated):
    s1 = factor(evaluated, "S1")
    response = analyst.post(
        reverse("assessment-edit", args=[s1.pk]),
        {"weight": "1.5", "rating": "4"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" in page and "S1: A weight is between 0.00 and 1.00" in page


def test_without_javascript_edit_links_open_the_page_with_that_form(analyst, evaluated):
    s1 = factor(evaluated, "S1")
    chosen = QspmSet.objects.get(study=evaluated, name="SO")
    variable = SpaceVariable.objects.get(study=evaluated, name="Brand")
    for url, field in [
        (reverse("assessment-edit", args=[s1.pk]), f'id="weight-{s1.pk}"'),
        (reverse("qspm-row", args=[chosen.pk, s1.pk]), 'name="not_relevant"'),
        (reverse("space-variable-edit", args=[variable.pk]), 'id="variable-CP-name"'),
    ]:
        page = analyst.get(url).content.decode()
        assert "<h1>" in page and field in page, url


# ---------------------------------------------------------------- SPACE


def test_an_analyst_adds_edits_and_deletes_a_space_variable(analyst, evaluated):
    """IP gets "Visitors" +4: IP (6 + 4) / 2 = 5, x = −14/3 + 5 = 1/3 → +0.33."""
    response = analyst.post(
        reverse("space-add", args=[evaluated.slug, "IP"]),
        {"name": "Visitors", "score": "4"},
        headers=HX,
    )
    variable = SpaceVariable.objects.get(study=evaluated, name="Visitors")
    # After the seven variables evaluated_study numbers 1–7 across the dimensions.
    assert (variable.dimension, variable.score, variable.position) == ("IP", 4, 8)
    assert swaps(response).main == ["space"] and swaps(response).oob == ["charts"]
    assert "+0.33" in response.content.decode()

    analyst.post(
        reverse("space-variable-edit", args=[variable.pk]), {"name": "Visitors", "score": "۵"}
    )
    variable.refresh_from_db()
    assert variable.score == 5
    analyst.post(reverse("space-variable-delete", args=[variable.pk]))
    assert not SpaceVariable.objects.filter(pk=variable.pk).exists()


@pytest.mark.parametrize(
    ("dimension", "score", "message"),
    [
        ("SP", "3", "SP «Unrest»: SP scores are from −7 to −1, not 3."),
        ("FP", "8", "FP «Unrest»: FP scores are from +1 to +7, not 8."),
    ],
)
def test_a_space_score_on_the_wrong_side_or_beyond_the_scale_is_refused(
    analyst, evaluated, dimension, score, message
):
    response = analyst.post(
        reverse("space-add", args=[evaluated.slug, dimension]),
        {"name": "Unrest", "score": score},
        headers=HX,
    )
    assert message.replace("−", "-") in response.content.decode().replace("−", "-")
    assert not SpaceVariable.objects.filter(name="Unrest").exists()


def test_the_scale_cannot_shrink_below_a_variables_score(analyst, evaluated):
    """CP "Airline links" −5 fits ±6; IP "Tourism growth" +6 fits; so ±6 is taken. Then a −7
    makes ±6 refused, naming the variable."""
    url = reverse("space-scale", args=[evaluated.slug])
    analyst.post(url, {"scale": "6"}, headers=HX)
    assert SpaceMatrix.objects.get(study=evaluated).scale == 6
    analyst.post(url, {"scale": "7"}, headers=HX)
    SpaceVariable.objects.create(study=evaluated, dimension="SP", name="War", score=-7)
    response = analyst.post(url, {"scale": "6"}, headers=HX)
    assert "SP «War»" in response.content.decode()
    assert SpaceMatrix.objects.get(study=evaluated).scale == 7


# ---------------------------------------------------------------- QSPM


def test_an_analyst_adds_a_qspm_set_of_two_strategies_and_deletes_it(analyst, evaluated):
    so1, st1 = strategy(evaluated, "SO1"), strategy(evaluated, "ST1")
    response = analyst.post(
        reverse("qspm-add", args=[evaluated.slug]),
        {"name": "Growth", "strategies": [st1.pk, so1.pk]},
        headers=HX,
    )
    assert swaps(response).main == ["qspm-sets"] and swaps(response).oob == ["add-qspm"]
    added = QspmSet.objects.get(study=evaluated, name="Growth")
    assert [c.strategy.code for c in added.choices.all()] == ["SO1", "ST1"]
    analyst.post(reverse("qspm-delete", args=[added.pk]), headers=HX)
    assert not QspmSet.objects.filter(pk=added.pk).exists()


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"name": "One", "strategies": ["SO1"]}, "Choose at least two strategies to compare."),
        ({"name": "SO", "strategies": ["SO1", "SO2"]}, "already has a QSPM set named «SO»"),
        ({"name": "Mixed", "strategies": ["SO1", "other"]}, "is not a strategy of this study"),
    ],
    ids=["one-strategy", "name-taken", "another-studys-strategy"],
)
def test_a_qspm_set_is_refused_with_its_reason(analyst, evaluated, posted, message):
    other = StrategyFactory(study=StudyFactory(slug="other"), quadrant="SO", number=1)
    codes = {"SO1": strategy(evaluated, "SO1").pk, "SO2": strategy(evaluated, "SO2").pk}
    codes["other"] = other.pk
    data = {"name": posted["name"], "strategies": [codes[c] for c in posted["strategies"]]}
    response = analyst.post(reverse("qspm-add", args=[evaluated.slug]), data, headers=HX)
    assert message in response.content.decode()
    assert response.headers["HX-Retarget"] == "#add-qspm"
    assert QspmSet.objects.filter(study=evaluated).count() == 2


def qspm_row_url(study, set_name: str, code: str) -> str:
    chosen = QspmSet.objects.get(study=study, name=set_name)
    return reverse("qspm-row", args=[chosen.pk, factor(study, code).pk])


def scores_of(study, set_name: str, code: str) -> list[int]:
    return list(
        QspmScore.objects.filter(qspm_set__name=set_name, factor=factor(study, code))
        .order_by("strategy__number")
        .values_list("score", flat=True)
    )


def test_a_qspm_row_is_scored_and_the_ranking_follows(analyst, evaluated):
    """O2 (0.35) scored [1, 4] in set SO: SO1 2.90 + 0.35 = 3.25, SO2 3.20 + 1.40 = 4.60."""
    chosen = QspmSet.objects.get(study=evaluated, name="SO")
    so1, so2 = strategy(evaluated, "SO1"), strategy(evaluated, "SO2")
    response = analyst.post(
        qspm_row_url(evaluated, "SO", "O2"),
        {f"s{so1.pk}": "1", f"s{so2.pk}": "4"},
        headers=HX,
    )
    assert scores_of(evaluated, "SO", "O2") == [1, 4]
    assert swaps(response).main == [f"qspm-set-{chosen.pk}"]
    ranking = response.content.decode().split('class="ranking"')[1]
    assert ranking.index("SO2") < ranking.index("SO1")
    assert "4.60" in ranking and "3.25" in ranking


def test_a_partly_scored_qspm_row_is_refused_naming_the_row(analyst, evaluated):
    so1, so2 = strategy(evaluated, "SO1"), strategy(evaluated, "SO2")
    response = analyst.post(
        qspm_row_url(evaluated, "SO", "W1"),
        {f"s{so1.pk}": "3", f"s{so2.pk}": ""},
        headers=HX,
    )
    assert "W1: A row is scored for every strategy of the set" in response.content.decode()
    assert scores_of(evaluated, "SO", "W1") == [1, 2]  # as it was


def test_not_relevant_clears_the_row(analyst, evaluated):
    so1, so2 = strategy(evaluated, "SO1"), strategy(evaluated, "SO2")
    analyst.post(
        qspm_row_url(evaluated, "SO", "S1"),
        {f"s{so1.pk}": "4", f"s{so2.pk}": "4", "not_relevant": "1"},
        headers=HX,
    )
    assert scores_of(evaluated, "SO", "S1") == []


# ---------------------------------------------------------------- who may change it


def writes(study) -> list[tuple[str, dict]]:
    variable = SpaceVariable.objects.filter(study=study).first()
    chosen = QspmSet.objects.filter(study=study).first()
    s1 = factor(study, "S1")
    return [
        (reverse("assessment-edit", args=[s1.pk]), {"weight": "0.1", "rating": "4"}),
        (reverse("space-scale", args=[study.slug]), {"scale": "6"}),
        (reverse("space-add", args=[study.slug, "FP"]), {"name": "New", "score": "3"}),
        (reverse("space-variable-edit", args=[variable.pk]), {"name": "X", "score": "3"}),
        (reverse("space-variable-delete", args=[variable.pk]), {}),
        (reverse("qspm-add", args=[study.slug]), {"name": "N", "strategies": []}),
        (reverse("qspm-row", args=[chosen.pk, s1.pk]), {"not_relevant": "1"}),
        (reverse("qspm-delete", args=[chosen.pk]), {}),
    ]


def test_a_council_member_may_change_nothing(reader, evaluated):
    before = (
        list(Assessment.objects.values_list("weight", "rating")),
        list(SpaceVariable.objects.values_list("name", "score")),
        QspmSet.objects.count(),
        QspmScore.objects.count(),
    )
    for url, data in writes(evaluated):
        assert reader.post(url, data, headers=HX).status_code == 403, url
        assert reader.post(url, data).status_code == 403, url
    assert before == (
        list(Assessment.objects.values_list("weight", "rating")),
        list(SpaceVariable.objects.values_list("name", "score")),
        QspmSet.objects.count(),
        QspmScore.objects.count(),
    )


def test_a_council_member_reads_the_page_without_any_form(reader, evaluated):
    response = reader.get(page_url(evaluated))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Position: competitive (ST)" in page
    assert "<form" not in page.split('<main id="main">')[1]
    assert "hx-post" not in page


def test_a_study_in_the_bin_or_missing_is_not_found(analyst, evaluated):
    evaluated.deleted_at = timezone.now()
    evaluated.save()
    assert analyst.get(page_url(evaluated)).status_code == 404
    s1 = factor(evaluated, "S1")
    assert analyst.get(reverse("assessment-edit", args=[s1.pk])).status_code == 404
    assert analyst.get(reverse("evaluation", args=["no-such-study"])).status_code == 404


def test_a_persian_slug_reaches_its_evaluation(analyst, db):
    study = evaluated_study(slug="ارزیابی-مشهد")
    url = page_url(study)
    assert url == f"/studies/{quote(study.slug)}/evaluation/"  # Persian letters, encoded
    assert analyst.get(url).status_code == 200
    response = analyst.post(
        reverse("space-add", args=[study.slug, "FP"]), {"name": "Grants", "score": "2"}
    )
    assert response.status_code == 302 and response.url.startswith(url)


def test_a_too_long_name_is_refused_naming_the_field_and_the_limit(analyst, evaluated):
    response = analyst.post(
        reverse("space-add", args=[evaluated.slug, "FP"]),
        {"name": "x" * 121, "score": "2"},
        headers=HX,
    )
    assert "Variable can be at most 120 characters; this one has 121." in response.text
    assert not SpaceVariable.objects.filter(name="x" * 121).exists()


def test_the_study_page_links_to_its_evaluation(analyst, evaluated):
    page = analyst.get(reverse("study", args=[evaluated.slug])).content.decode()
    assert f'href="{page_url(evaluated)}"' in page


# ---------------------------------------------------------------- queries


def sized_study(slug: str, per_kind: int):
    """`per_kind` factors of each kind, weighed and rated; 2 strategies per quadrant; a QSPM
    set of the SO strategies scoring every factor; a variable per SPACE dimension."""
    study = StudyFactory(slug=slug)
    for kind in "SWOT":
        for n in range(1, per_kind + 1):
            made = FactorFactory(study=study, kind=kind, number=n)
            Assessment.objects.create(factor=made, weight=Decimal("0.01"), rating=2)
    for quadrant in ("SO", "WO", "ST", "WT"):
        for n in (1, 2):
            StrategyFactory(study=study, quadrant=quadrant, number=n)
    codes = [f"{k}{n}" for k in "SWOT" for n in range(1, per_kind + 1)]
    add_qspm(study, "SO", 1, ["SO1", "SO2"], {code: [3, 2] for code in codes})
    for dimension, score in [("FP", 3), ("IP", 4), ("SP", -2), ("CP", -5)]:
        SpaceVariable.objects.create(study=study, dimension=dimension, name="v", score=score)
    return study


@pytest.mark.parametrize("reader_or_analyst", ["analyst", "reader"])
def test_the_page_reads_a_study_in_a_fixed_number_of_queries(
    request, reader_or_analyst, django_assert_num_queries
):
    client = request.getfixturevalue(reader_or_analyst)
    small, large = sized_study("small-one", 2), sized_study("large-one", 20)
    client.get(page_url(small))  # the session and the user, read once before counting
    # The session, the user, the study, evaluate_study's six, the factors' texts, the user's
    # permissions (2); an analyst's page also lists the strategies for "Add a set".
    queries = {"analyst": 13, "reader": 12}[reader_or_analyst]
    for study in (small, large):
        with django_assert_num_queries(queries):
            assert client.get(page_url(study)).status_code == 200
