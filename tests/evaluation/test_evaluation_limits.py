"""How many SPACE variables and QSPM sets a study may have, and how many strategies a set
compares: refused in a study file and on the evaluation page alike, naming what is too many."""

import pytest
from django.core.exceptions import ValidationError

from evaluation.changes import add_qspm_set, add_space_variable
from evaluation.models import QspmSet, SpaceVariable
from planning.limits import (
    QSPM_SETS_MAX,
    QSPM_STRATEGIES_PER_SET_MAX,
    SPACE_VARIABLES_PER_DIMENSION_MAX,
)
from studyfile.load import load_study
from studyfile.schema import StudyFileError, parse_study_file
from tests.factories import StrategyFactory, StudyFactory

pytestmark = pytest.mark.django_db


def load(text: bytes) -> None:
    load_study(parse_study_file(text, "t.yaml"))


def study_file(space: str = "", qspm: str = "", strategies: int = 2) -> bytes:
    lines = ["study: {slug: tus, title: Tus, city: Tus, language: en}", "factors:"]
    lines += ["  S1: x", "  O1: y", "strategies:"]
    lines += [f"  SO{n}: {{text: s, cites: S1 O1}}" for n in range(1, strategies + 1)]
    return ("\n".join(lines) + "\n" + space + qspm).encode()


def test_a_dimension_of_a_study_file_may_have_so_many_variables():
    variables = ", ".join(f'"v{n}": 1' for n in range(SPACE_VARIABLES_PER_DIMENSION_MAX + 1))
    with pytest.raises(StudyFileError, match=r"space\.FP: 51 variables, more than the 50"):
        load(study_file(space=f"space:\n  FP: {{{variables}}}\n"))
    fewer = ", ".join(f'"v{n}": 1' for n in range(SPACE_VARIABLES_PER_DIMENSION_MAX))
    load(study_file(space=f"space:\n  FP: {{{fewer}}}\n"))


def test_a_study_file_may_have_so_many_qspm_sets_of_so_many_strategies():
    many = QSPM_STRATEGIES_PER_SET_MAX + 1
    codes = ", ".join(f"SO{n}" for n in range(1, many + 1))
    wide = f"qspm:\n  - {{name: A, strategies: [{codes}]}}\n"
    with pytest.raises(StudyFileError, match=r"qspm\.1 \(A\)\.strategies: 13 strategies"):
        load(study_file(qspm=wide, strategies=many))
    sets = "".join(
        f"  - {{name: S{n}, strategies: [SO1, SO2]}}\n" for n in range(QSPM_SETS_MAX + 1)
    )
    with pytest.raises(StudyFileError, match=r"qspm: 51 sets, more than the 50"):
        load(study_file(qspm="qspm:\n" + sets))


def test_the_page_refuses_one_variable_more_than_a_dimension_may_have():
    study = StudyFactory()
    SpaceVariable.objects.bulk_create(
        SpaceVariable(study=study, dimension="FP", name=f"v{n}", score=1, position=n)
        for n in range(SPACE_VARIABLES_PER_DIMENSION_MAX)
    )
    with pytest.raises(ValidationError, match="FP has 50 variables"):
        add_space_variable(study, "FP", "one more", 2)
    assert SpaceVariable.objects.filter(study=study).count() == SPACE_VARIABLES_PER_DIMENSION_MAX


def test_the_page_refuses_a_set_too_wide_or_one_set_too_many():
    study = StudyFactory(language="en")
    strategies = [
        StrategyFactory(study=study, quadrant="SO", number=n)
        for n in range(1, QSPM_STRATEGIES_PER_SET_MAX + 2)
    ]
    with pytest.raises(ValidationError, match="at most 12 strategies"):
        add_qspm_set(study, "wide", strategies)
    QspmSet.objects.bulk_create(
        QspmSet(study=study, name=f"S{n}", position=n) for n in range(QSPM_SETS_MAX)
    )
    with pytest.raises(ValidationError, match="50 QSPM sets"):
        add_qspm_set(study, "one more", strategies[:2])
    assert QspmSet.objects.filter(study=study).count() == QSPM_SETS_MAX
