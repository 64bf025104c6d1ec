"""The planner's vocabulary: which kinds a quadrant cites, in what order planners read them."""

import pytest
from django.utils import translation

from planning.digits import digits, localize_digits
from planning.language import study_language
from planning.vocabulary import (
    DISPLAY_ORDER,
    QUADRANT_ORDER,
    Kind,
    Quadrant,
    citable_kinds,
    may_cite,
)
from strategies.models import Strategy
from swot.models import Factor


@pytest.mark.parametrize(
    ("quadrant", "kinds"),
    [
        ("SO", ("S", "O")),
        ("WO", ("W", "O")),
        ("ST", ("S", "T")),
        ("WT", ("W", "T")),
    ],
)
def test_each_quadrant_cites_its_internal_and_external_kind(quadrant, kinds):
    assert citable_kinds(quadrant) == kinds
    assert {kind for kind in Kind.values if may_cite(quadrant, kind)} == set(kinds)


@pytest.mark.parametrize("quadrant", ["", "S", "OS", "XX", "so"])
def test_what_is_not_a_quadrant_cites_nothing(quadrant):
    assert not any(may_cite(quadrant, kind) for kind in Kind.values)
    with pytest.raises(ValueError):
        citable_kinds(quadrant)


def test_the_models_choices_are_the_vocabulary():
    assert Factor.Kind is Kind and Strategy.Quadrant is Quadrant
    assert Strategy(quadrant="WT").citable_kinds == ("W", "T")


def test_planners_read_s_w_o_t_and_so_wo_st_wt():
    assert "".join(DISPLAY_ORDER) == "SWOT"
    assert list(QUADRANT_ORDER) == ["SO", "WO", "ST", "WT"]


def test_codes_and_numbers_take_the_readers_digits():
    assert localize_digits("S12", "fa") == "S۱۲"
    assert localize_digits("S12", "en") == "S12"
    with translation.override("fa"):
        assert digits(2024) == "۲۰۲۴"
    with translation.override("en"):
        assert digits(2024) == "2024"


@pytest.mark.parametrize(("language", "prints_in"), [("fa", "fa"), ("en", "en"), ("de", "en")])
def test_a_studys_records_print_in_its_language_or_else_english(language, prints_in):
    assert study_language(language) == prints_in
