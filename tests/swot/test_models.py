"""Factors: codes unique in a study and read as in the paper; the database keeps the rules."""

import pytest
from django.db import IntegrityError, transaction

from swot.models import Factor
from tests.factories import (
    FactorFactory,
    StrategyFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db


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


def test_codes_read_as_in_the_paper():
    assert FactorFactory.build(kind="O", number=10).code == "O10"
    assert StrategyFactory.build(quadrant="WO", number=3).code == "WO3"
