"""One numbering for every path: the next number, the gap check, moving, placing, renumbering."""

import pytest

from planning.numbering import first_missing, moved, next_number, number_at_end, placed, renumber
from swot.models import Factor
from tests.factories import FactorFactory, StudyFactory


@pytest.mark.parametrize(
    ("taken", "expected"), [([], 1), ([1, 2, 3], 4), ([3, 1, 2], 4), ([1, 5], 6)]
)
def test_the_next_number_is_one_past_the_highest(taken, expected):
    assert next_number(taken) == expected


@pytest.mark.parametrize(
    ("numbers", "missing"),
    [
        ([], None),
        ([1, 2, 3], None),
        ([3, 1, 2], None),
        ([1, 3], 2),
        ([2], 1),
    ],
)
def test_the_first_missing_number_of_a_run_from_one(numbers, missing):
    assert first_missing(numbers) == missing


@pytest.mark.parametrize(
    ("index", "direction", "expected"),
    [
        (1, "up", ["b", "a", "c"]),
        (1, "down", ["a", "c", "b"]),
        (0, "up", ["a", "b", "c"]),  # the first stays first
        (2, "down", ["a", "b", "c"]),  # the last stays last
    ],
)
def test_moving_swaps_with_a_neighbour_and_stops_at_the_ends(index, direction, expected):
    rows = ["a", "b", "c"]
    assert moved(rows, index, direction) == expected
    assert rows == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, ["x", "a", "b"]),
        (2, ["a", "x", "b"]),
        (3, ["a", "b", "x"]),
        (9, ["a", "b", "x"]),
        (0, ["x", "a", "b"]),
    ],
)
def test_placing_puts_an_item_at_its_number_clamped_to_the_ends(number, expected):
    assert placed(["a", "b"], "x", number) == expected


@pytest.mark.django_db
def test_renumbering_gives_one_to_n_in_the_order_given_and_records_only_changes():
    study = StudyFactory()
    s1, s2, s3 = (FactorFactory(study=study, kind="S", number=n) for n in (1, 2, 3))
    recorded = Factor.history.count()

    renumber([s3, s1, s2])

    codes = {f.pk: f.code for f in Factor.objects.filter(study=study)}
    assert (codes[s3.pk], codes[s1.pk], codes[s2.pk]) == ("S1", "S2", "S3")
    assert Factor.history.count() == recorded + 3
    renumber([s3, s1, s2])  # nothing changes: nothing written
    assert Factor.history.count() == recorded + 3


@pytest.mark.django_db
def test_the_number_at_the_end_of_a_kind_counts_only_that_kind_of_that_study():
    study = StudyFactory()
    for n in (1, 2):
        FactorFactory(study=study, kind="S", number=n)
    FactorFactory(study=study, kind="O", number=1)
    FactorFactory(kind="S", number=7)  # another study
    assert number_at_end(Factor.objects.filter(study=study, kind="S")) == 3
    assert number_at_end(Factor.objects.filter(study=study, kind="W")) == 1
