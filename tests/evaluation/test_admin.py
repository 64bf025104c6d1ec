"""The admin of David's tools: its lists and forms read texts in their own direction, and every
save is checked as the forms check it, the error said at its field or naming its QSPM row."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from evaluation.models import Assessment, QspmChoice, QspmScore, QspmSet, SpaceMatrix, SpaceVariable
from tests.direction import Page
from tests.evaluation.studies import evaluated_study
from tests.factories import FactorFactory, StrategyFactory, StudyFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSIAN_TITLE = "دیپلماسی شهری مشهد"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def study():
    study = evaluated_study()
    study.title = PERSIAN_TITLE
    study.save()
    return study


def url(model: str, action: str, *args) -> str:
    return reverse(f"admin:evaluation_{model}_{action}", args=args)


def page(client, address: str) -> Page:
    response = client.get(address)
    assert response.status_code == 200
    return Page(response.content.decode())


def errors_at(response, field: str) -> list[str]:
    assert response.status_code == 200, "saved, not refused"
    return response.context["adminform"].form.errors.get(field, [])


@pytest.mark.parametrize("model", ["assessment", "spacematrix", "spacevariable", "qspmset"])
def test_each_list_names_the_study_in_its_own_direction(admin_client, study, model):
    listed = page(admin_client, url(model, "changelist"))

    held = listed.holders(PERSIAN_TITLE)
    assert held and {e.tag for e in held} == {"bdi"}  # each row's study and its filter


def test_the_assessment_list_shows_study_factor_weight_and_rating(admin_client, study):
    response = admin_client.get(url("assessment", "changelist"))

    rows = [(a.factor.code, a.weight, a.rating) for a in response.context["cl"].result_list]
    assert rows[:3] == [
        ("O1", Decimal("0.400"), 2),
        ("O2", Decimal("0.350"), 3),
        ("S1", Decimal("0.300"), 4),
    ]
    assert len(rows) == 6


def test_the_forms_give_names_and_the_items_chosen_their_own_direction(admin_client, study):
    variable = SpaceVariable.objects.filter(study=study).first()
    qspm_set = QspmSet.objects.get(study=study, name="SO")
    variable_form = page(admin_client, url("spacevariable", "change", variable.pk))
    set_form = page(admin_client, url("qspmset", "change", qspm_set.pk))

    assert variable_form.field("name").attrs.get("dir") == "auto"
    assert all(o.attrs.get("dir") == "auto" for o in variable_form.options("study"))
    assert set_form.field("name").attrs.get("dir") == "auto"
    for select in ("choices-0-strategy", "scores-0-factor", "scores-0-strategy"):
        options = set_form.options(select)
        assert options and all(o.attrs.get("dir") == "auto" for o in options), select


# ---------------------------------------------------------------- IFE / EFE


def assessment_data(factor, weight, rating) -> dict:
    return {"factor": factor.pk, "weight": weight, "rating": rating}


@pytest.mark.parametrize(
    ("weight", "rating", "field", "message"),
    [
        ("1.5", "3", "weight", "A weight is between 0.00 and 1.00, not 1.5."),
        ("-0.1", "3", "weight", "A weight is between 0.00 and 1.00, not -0.1."),
        ("0.5", "5", "rating", "A rating is 1, 2, 3 or 4, not 5."),
        ("0.5", "0", "rating", "A rating is 1, 2, 3 or 4, not 0."),
    ],
)
def test_an_assessment_out_of_range_is_refused_at_its_field(
    admin_client, study, weight, rating, field, message
):
    assessment = Assessment.objects.get(factor__study=study, factor__kind="S", factor__number=1)

    response = admin_client.post(
        url("assessment", "change", assessment.pk),
        assessment_data(assessment.factor, weight, rating),
    )

    assert errors_at(response, field) == [message]
    assessment.refresh_from_db()
    assert (assessment.weight, assessment.rating) == (Decimal("0.300"), 4)


def test_an_assessment_within_range_is_saved_and_a_strength_rated_2_is_flagged(admin_client, study):
    factor = FactorFactory(study=study, kind="S", number=3)

    response = admin_client.post(
        url("assessment", "add"), assessment_data(factor, "0.125", "2"), follow=True
    )

    assert (factor.assessment.weight, factor.assessment.rating) == (Decimal("0.125"), 2)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert "S3 is rated 2: a strength is rated 3 or 4, a weakness 1 or 2." in said


def factor_data(factor, weight, rating, assessment=None) -> dict:
    return {
        "study": factor.study_id,
        "kind": factor.kind,
        "number": factor.number,
        "text": factor.text,
        "note": factor.note,
        "assessment-TOTAL_FORMS": 1,
        "assessment-INITIAL_FORMS": 1 if assessment else 0,
        "assessment-0-id": assessment.pk if assessment else "",
        "assessment-0-factor": factor.pk,
        "assessment-0-weight": weight,
        "assessment-0-rating": rating,
    }


def test_a_factors_page_edits_its_weight_and_rating_with_the_same_checks(admin_client, study):
    w1 = study.factors.get(kind="W", number=1)
    address = reverse("admin:swot_factor_change", args=[w1.pk])
    form = page(admin_client, address)
    assert form.field("assessment-0-weight").attrs["value"] == "0.500"

    refused = admin_client.post(address, factor_data(w1, "1.2", "3", w1.assessment))
    saved = admin_client.post(address, factor_data(w1, "0.45", "3", w1.assessment), follow=True)

    (inline,) = refused.context["inline_admin_formsets"]
    assert inline.formset.forms[0].errors == {
        "weight": ["A weight is between 0.00 and 1.00, not 1.2."]
    }
    w1.assessment.refresh_from_db()
    assert (w1.assessment.weight, w1.assessment.rating) == (Decimal("0.450"), 3)
    said = [str(m) for m in get_messages(saved.wsgi_request)]
    assert "W1 is rated 3: a strength is rated 3 or 4, a weakness 1 or 2." in said


# ---------------------------------------------------------------- SPACE


def variable_data(study, dimension, score, name="Budget balance") -> dict:
    return {"study": study.pk, "dimension": dimension, "name": name, "score": score, "position": 9}


@pytest.mark.parametrize(
    ("scale", "dimension", "score", "message"),
    [
        (6, "FP", 7, "FP scores are from +1 to +6, not 7."),  # fine on ±7, not on ±6
        (7, "SP", 1, "SP scores are from -7 to -1, not 1."),
        (7, "IP", 0, "IP scores are from +1 to +7, not 0."),
        (6, "CP", -7, "CP scores are from -6 to -1, not -7."),
    ],
)
def test_a_space_score_beyond_the_studys_scale_or_sign_is_refused_at_the_score(
    admin_client, study, scale, dimension, score, message
):
    SpaceMatrix.objects.filter(study=study).update(scale=scale)
    if scale == 6:
        SpaceVariable.objects.filter(study=study, score__in=[7, -7]).delete()

    response = admin_client.post(
        url("spacevariable", "add"), variable_data(study, dimension, score)
    )

    assert errors_at(response, "score") == [message]
    assert errors_at(response, "__all__") == []  # said once, at the score
    assert not SpaceVariable.objects.filter(name="Budget balance").exists()


def test_changing_a_variables_dimension_to_the_wrong_sign_is_refused_once(admin_client, study):
    brand = SpaceVariable.objects.get(study=study, name="Brand")  # CP −4

    response = admin_client.post(
        url("spacevariable", "change", brand.pk), variable_data(study, "IP", -4, name="Brand")
    )

    assert errors_at(response, "score") == ["IP scores are from +1 to +7, not -4."]
    assert errors_at(response, "__all__") == []
    brand.refresh_from_db()
    assert (brand.dimension, brand.score) == ("CP", -4)


def test_a_space_score_within_the_scale_is_saved(admin_client, study):
    admin_client.post(url("spacevariable", "add"), variable_data(study, "FP", 7))

    assert SpaceVariable.objects.get(name="Budget balance").score == 7


def test_a_scale_some_score_exceeds_is_refused_naming_the_variables(admin_client, study):
    matrix = SpaceMatrix.objects.get(study=study)
    SpaceVariable.objects.create(study=study, dimension="IP", name="Airport", score=7)
    SpaceVariable.objects.create(study=study, dimension="SP", name="Inflation", score=-7)

    response = admin_client.post(
        url("spacematrix", "change", matrix.pk), {"study": study.pk, "scale": 6}
    )

    assert errors_at(response, "scale") == [
        "“Airport”: IP scores are from +1 to +6, not 7.",
        "“Inflation”: SP scores are from -6 to -1, not -7.",
    ]
    matrix.refresh_from_db()
    assert matrix.scale == 7


# ---------------------------------------------------------------- QSPM


def set_data(qspm_set: QspmSet, choices: list, scores: list, study=None) -> dict:
    """The set's form as an admin fills it: `choices` as strategies, `scores` as (factor,
    strategy, score). An existing choice of a strategy given again is kept (at its new column),
    an existing score of a cell given again gets the new score; the others are deleted and the
    new ones added. (Deleting a row and adding its twin in the same save is refused by Django
    6.1's unique check, and is not what an admin does.)"""
    old_choices = list(qspm_set.choices.all()) if qspm_set.pk else []
    old_scores = list(qspm_set.scores.all()) if qspm_set.pk else []
    column = {strategy.pk: 100 + n for n, strategy in enumerate(choices)}
    wanted = {(factor.pk, strategy.pk): value for factor, strategy, value in scores}
    new_choices = [s for s in choices if s.pk not in {c.strategy_id for c in old_choices}]
    kept_cells = {(c.factor_id, c.strategy_id) for c in old_scores}
    new_scores = [(f, s, v) for f, s, v in scores if (f.pk, s.pk) not in kept_cells]
    data = {
        "study": (study or qspm_set.study).pk,
        "name": qspm_set.name,
        "position": qspm_set.position,
        "choices-TOTAL_FORMS": len(old_choices) + len(new_choices),
        "choices-INITIAL_FORMS": len(old_choices),
        "scores-TOTAL_FORMS": len(old_scores) + len(new_scores),
        "scores-INITIAL_FORMS": len(old_scores),
    }
    for n, choice in enumerate(old_choices):
        data |= {
            f"choices-{n}-id": choice.pk,
            f"choices-{n}-qspm_set": qspm_set.pk,
            f"choices-{n}-strategy": choice.strategy_id,
            f"choices-{n}-position": column.get(choice.strategy_id, choice.position),
        }
        if choice.strategy_id not in column:
            data[f"choices-{n}-DELETE"] = "on"
    for n, strategy in enumerate(new_choices, len(old_choices)):
        data |= {f"choices-{n}-strategy": strategy.pk, f"choices-{n}-position": column[strategy.pk]}
    for n, score in enumerate(old_scores):
        cell = (score.factor_id, score.strategy_id)
        data |= {
            f"scores-{n}-id": score.pk,
            f"scores-{n}-qspm_set": qspm_set.pk,
            f"scores-{n}-factor": score.factor_id,
            f"scores-{n}-strategy": score.strategy_id,
            f"scores-{n}-score": wanted.get(cell, score.score),
        }
        if cell not in wanted:
            data[f"scores-{n}-DELETE"] = "on"
    for n, (factor, strategy, value) in enumerate(new_scores, len(old_scores)):
        data |= {
            f"scores-{n}-factor": factor.pk,
            f"scores-{n}-strategy": strategy.pk,
            f"scores-{n}-score": value,
        }
    return data


def codes(study, *names):
    found = []
    for name in names:
        if name[:2] in {"SO", "WO", "ST", "WT"}:
            found.append(study.strategies.get(quadrant=name[:2], number=int(name[2:])))
        else:
            found.append(study.factors.get(kind=name[0], number=int(name[1:])))
    return found


def non_form_errors(response, prefix: str) -> list[str]:
    assert response.status_code == 200, "saved, not refused"
    (formset,) = [
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == prefix
    ]
    return list(formset.non_form_errors())


def test_a_qspm_set_with_whole_and_dashed_rows_is_saved(admin_client, study):
    qspm_set = QspmSet.objects.get(study=study, name="SO")
    so1, so2, s1, o1 = codes(study, "SO1", "SO2", "S1", "O1")

    response = admin_client.post(
        url("qspmset", "change", qspm_set.pk),
        set_data(qspm_set, [so2, so1], [(s1, so2, 3), (s1, so1, 1), (o1, so2, 4), (o1, so1, 4)]),
    )

    assert response.status_code == 302
    assert [c.strategy.code for c in qspm_set.choices.order_by("position")] == ["SO2", "SO1"]
    assert QspmScore.objects.filter(qspm_set=qspm_set).count() == 4


def test_a_partly_scored_row_is_refused_naming_its_factor(admin_client, study):
    qspm_set = QspmSet.objects.get(study=study, name="SO")
    so1, so2, s1, w1 = codes(study, "SO1", "SO2", "S1", "W1")
    before = set(QspmScore.objects.filter(qspm_set=qspm_set).values_list("pk", "score"))

    response = admin_client.post(
        url("qspmset", "change", qspm_set.pk),
        set_data(qspm_set, [so1, so2], [(s1, so1, 4), (s1, so2, 2), (w1, so1, 3)]),
    )

    assert non_form_errors(response, "scores") == [
        "Row W1: A row is scored for every strategy of the set or marked not relevant for all"
        " of them, not partly."
    ]
    assert set(QspmScore.objects.filter(qspm_set=qspm_set).values_list("pk", "score")) == before


def test_a_score_outside_1_to_4_or_for_a_strategy_outside_the_set_is_refused(admin_client, study):
    qspm_set = QspmSet.objects.get(study=study, name="SO")
    so1, so2, st1, o2, t1 = codes(study, "SO1", "SO2", "ST1", "O2", "T1")

    response = admin_client.post(
        url("qspmset", "change", qspm_set.pk),
        set_data(qspm_set, [so1, so2], [(o2, so1, 5), (o2, so2, 2), (t1, st1, 3)]),
    )

    (formset,) = [
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "scores"
    ]
    errors = [form.errors for form in formset.forms if form.errors]
    assert errors == [
        {"score": ["An attractiveness score is 1, 2, 3 or 4, not 5."]},
        {"strategy": ["ST1 is not one of this set's strategies."]},
    ]


def test_a_set_taking_another_studys_strategy_is_refused_naming_it(admin_client, study):
    other = StudyFactory()
    theirs = StrategyFactory(study=other, quadrant="WT", number=4)
    (so1,) = codes(study, "SO1")

    response = admin_client.post(
        url("qspmset", "add"),
        set_data(QspmSet(study=study, name="Mixed", position=3), [so1, theirs], []),
    )

    (formset,) = [
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "choices"
    ]
    assert [form.errors for form in formset.forms] == [
        {},
        {
            "strategy": [
                "Strategy WT4 is of another study: a QSPM set compares strategies of its own"
                " study only."
            ]
        },
    ]
    assert not QspmSet.objects.filter(name="Mixed").exists()
    assert not QspmChoice.objects.filter(strategy=theirs).exists()


def test_a_set_page_offers_only_its_own_studys_strategies_and_factors(admin_client, study):
    StrategyFactory(quadrant="WT", number=7)  # another study's
    FactorFactory(kind="T", number=8)
    qspm_set = QspmSet.objects.get(study=study, name="SO")

    response = admin_client.get(url("qspmset", "change", qspm_set.pk))

    choices, scores = (f.formset for f in response.context["inline_admin_formsets"])
    offered = {s.code for s in choices.forms[0].fields["strategy"].queryset}
    factors = {f.code for f in scores.forms[0].fields["factor"].queryset}
    assert offered == {"SO1", "SO2", "ST1"}
    assert factors == {"S1", "S2", "W1", "O1", "O2", "T1"}


def test_in_persian_the_help_states_davids_definitions_and_errors_read_in_persian(client, study):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))  # Persian, the default
    assessment = Assessment.objects.get(factor__study=study, factor__kind="S", factor__number=1)
    address = url("assessment", "change", assessment.pk)

    form = client.get(address).content.decode()
    refused = client.post(address, assessment_data(assessment.factor, "1.5", "3"))

    assert "۱ ضعف اساسی، ۲ ضعف جزئی، ۳ قوت جزئی، ۴ قوت اساسی" in form
    assert "امتیاز وزنی = وزن × رتبه" in form
    assert errors_at(refused, "weight") == ["وزن بین ۰٫۰۰ و ۱٫۰۰ است، نه ۱.۵."]
