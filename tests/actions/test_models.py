"""Actions: one row however many strategies it serves, each program in its own order."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import Action, ActionLink
from tests.factories import (
    ActionFactory,
    ActionLinkFactory,
    StrategyFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db


def test_two_actions_at_one_position_of_a_strategy_are_refused_by_the_database():
    link = ActionLinkFactory(position=1)
    other = ActionFactory(study=link.strategy.study)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionLink.objects.bulk_create(
            [ActionLink(strategy=link.strategy, action=other, position=1)]
        )


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
