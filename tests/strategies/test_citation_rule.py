"""Strategies cite only their own study's factors of their quadrant's two kinds, on every path."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategies.models import Citation, Strategy
from tests.factories import (
    CitationFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db


KINDS = ["S", "W", "O", "T"]


QUADRANTS = ["SO", "WO", "ST", "WT"]


def test_duplicate_strategy_code_in_one_study_is_refused_by_the_database():
    study = StudyFactory()
    StrategyFactory(study=study, quadrant="WO", number=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Strategy.objects.bulk_create([Strategy(study=study, quadrant="WO", number=3, text="x")])


def test_citing_the_same_factor_twice_is_refused_by_the_database():
    citation = CitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.bulk_create([Citation(strategy=citation.strategy, factor=citation.factor)])


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
