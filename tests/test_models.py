import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import Action, ActionLink
from planning.notation import CitationSyntaxError, format_compact, parse_compact
from strategies.models import Citation, Strategy
from swot.models import Factor

from .factories import (
    ActionFactory,
    ActionLinkFactory,
    CitationFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

KINDS = ["S", "W", "O", "T"]
QUADRANTS = ["SO", "WO", "ST", "WT"]


def test_duplicate_factor_code_in_one_study_is_refused_by_the_database():
    study = StudyFactory()
    FactorFactory(study=study, kind="S", number=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        # bulk_create skips model code entirely: only the database constraint stands here.
        Factor.objects.bulk_create([Factor(study=study, kind="S", number=3, text="again")])
    assert Factor.objects.filter(study=study).count() == 1


def test_same_factor_code_in_two_studies_is_allowed():
    FactorFactory(kind="S", number=3)
    FactorFactory(kind="S", number=3)
    assert Factor.objects.filter(kind="S", number=3).count() == 2


def test_factor_kind_outside_swot_is_refused_by_the_database():
    study = StudyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Factor.objects.bulk_create([Factor(study=study, kind="X", number=1, text="x")])


def test_factor_number_zero_is_refused_by_the_database():
    study = StudyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Factor.objects.bulk_create([Factor(study=study, kind="S", number=0, text="x")])


def test_duplicate_strategy_code_in_one_study_is_refused_by_the_database():
    study = StudyFactory()
    StrategyFactory(study=study, quadrant="WO", number=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Strategy.objects.bulk_create([Strategy(study=study, quadrant="WO", number=3, text="x")])


def test_citing_the_same_factor_twice_is_refused_by_the_database():
    citation = CitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.bulk_create([Citation(strategy=citation.strategy, factor=citation.factor)])


def test_two_actions_at_one_position_of_a_strategy_are_refused_by_the_database():
    link = ActionLinkFactory(position=1)
    other = ActionFactory(study=link.strategy.study)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionLink.objects.bulk_create(
            [ActionLink(strategy=link.strategy, action=other, position=1)]
        )


def test_codes_read_as_in_the_paper():
    assert FactorFactory.build(kind="O", number=10).code == "O10"
    assert StrategyFactory.build(quadrant="WO", number=3).code == "WO3"


@pytest.mark.parametrize("quadrant", QUADRANTS)
@pytest.mark.parametrize("kind", KINDS)
def test_strategy_cites_only_its_quadrants_two_kinds(quadrant, kind):
    study = StudyFactory()
    strategy = StrategyFactory(study=study, quadrant=quadrant, number=1)
    factor = FactorFactory(study=study, kind=kind, number=1)
    if kind in quadrant:
        Citation.objects.create(strategy=strategy, factor=factor)
        assert list(strategy.factors.all()) == [factor]
    else:
        with pytest.raises(ValidationError) as error:
            Citation.objects.create(strategy=strategy, factor=factor)
        assert error.value.messages == [
            f"{quadrant}1 cannot cite {kind}1: {quadrant} strategies cite only "
            f"{quadrant[0]} and {quadrant[1]} factors."
        ]
        assert not Citation.objects.exists()


def test_so_strategy_cannot_cite_a_weakness_through_the_many_to_many_manager():
    # The managers' add() runs inside the caller's transaction, which the refusal rolls back.
    study = StudyFactory()
    strategy = StrategyFactory(study=study, quadrant="SO", number=1)
    strength = FactorFactory(study=study, kind="S", number=1)
    weakness = FactorFactory(study=study, kind="W", number=2)
    with pytest.raises(ValidationError, match="SO1 cannot cite W2"), transaction.atomic():
        strategy.factors.add(strength, weakness)
    with pytest.raises(ValidationError, match="SO1 cannot cite W2"), transaction.atomic():
        weakness.strategies.add(strategy)
    # Refused as a whole: the valid S1 was not added either.
    assert not Citation.objects.exists()


def test_citation_form_validation_gives_the_same_message():
    study = StudyFactory()
    strategy = StrategyFactory(study=study, quadrant="WT", number=2)
    strength = FactorFactory(study=study, kind="S", number=4)
    with pytest.raises(ValidationError) as error:
        Citation(strategy=strategy, factor=strength).full_clean()
    assert error.value.messages == ["WT2 cannot cite S4: WT strategies cite only W and T factors."]


def test_strategy_cannot_cite_a_factor_of_another_study():
    strategy = StrategyFactory(quadrant="SO", number=1)
    foreign = FactorFactory(kind="S", number=1)
    with pytest.raises(ValidationError, match="belongs to another study"):
        Citation.objects.create(strategy=strategy, factor=foreign)
    with pytest.raises(ValidationError, match="belongs to another study"), transaction.atomic():
        strategy.factors.add(foreign)
    assert not Citation.objects.exists()


def test_changing_a_strategys_quadrant_may_not_strand_its_citations():
    citation = CitationFactory(
        strategy__quadrant="SO", strategy__number=1, factor__kind="O", factor__number=4
    )
    strategy = citation.strategy
    strategy.quadrant = "ST"
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert error.value.message_dict["quadrant"] == [
        "ST strategies cannot cite O4; remove those citations first."
    ]


def test_changing_a_cited_factors_kind_names_the_citing_strategies():
    citation = CitationFactory(
        strategy__quadrant="SO", strategy__number=2, factor__kind="S", factor__number=1
    )
    factor = citation.factor
    factor.kind = "W"
    with pytest.raises(ValidationError) as error:
        factor.full_clean()
    assert error.value.message_dict["kind"] == ["SO2 cite this factor and may not cite a W factor."]


def test_one_action_serving_several_strategies_is_one_row():
    study = StudyFactory()
    first = StrategyFactory(study=study, quadrant="SO", number=1)
    second = StrategyFactory(study=study, quadrant="WT", number=1)
    action = ActionFactory(study=study)
    ActionLink.objects.create(strategy=first, action=action, position=1)
    second.actions.add(action, through_defaults={"position": 1})
    assert Action.objects.count() == 1
    assert set(action.strategies.all()) == {first, second}


def test_an_action_cannot_serve_a_strategy_of_another_study():
    strategy = StrategyFactory()
    foreign = ActionFactory()
    with pytest.raises(ValidationError, match="belongs to another study"):
        ActionLink.objects.create(strategy=strategy, action=foreign, position=1)
    with pytest.raises(ValidationError, match="belongs to another study"), transaction.atomic():
        strategy.actions.add(foreign, through_defaults={"position": 1})
    assert not ActionLink.objects.exists()


def test_action_links_keep_each_strategys_own_order():
    study = StudyFactory()
    first = StrategyFactory(study=study, number=1)
    second = StrategyFactory(study=study, number=2)
    a, b = ActionFactory(study=study), ActionFactory(study=study)
    ActionLink.objects.create(strategy=first, action=a, position=1)
    ActionLink.objects.create(strategy=first, action=b, position=2)
    ActionLink.objects.create(strategy=second, action=b, position=1)
    ActionLink.objects.create(strategy=second, action=a, position=2)
    assert [link.action for link in first.action_links.all()] == [a, b]
    assert [link.action for link in second.action_links.all()] == [b, a]


@pytest.mark.parametrize(
    ("printed", "codes"),
    [
        ("S1,3,6 O1,3,5", [("S", 1), ("S", 3), ("S", 6), ("O", 1), ("O", 3), ("O", 5)]),
        ("(S6,7,T1,2)", [("S", 6), ("S", 7), ("T", 1), ("T", 2)]),
        ("W7, O1,2", [("W", 7), ("O", 1), ("O", 2)]),
        ("O1,3, 5 S12", [("O", 1), ("O", 3), ("O", 5), ("S", 12)]),
    ],
)
def test_compact_citations_parse_as_the_paper_prints_them(printed, codes):
    assert parse_compact(printed) == codes


def test_compact_citations_format_internal_kind_first_in_number_order():
    assert format_compact([("O", 5), ("S", 3), ("O", 1), ("S", 1)]) == "S1,3 O1,5"


@pytest.mark.parametrize("bad", ["1,2 S3", "S1,x", "S1,3Q"])
def test_compact_citations_reject_what_is_not_a_code(bad):
    with pytest.raises(CitationSyntaxError):
        parse_compact(bad)
