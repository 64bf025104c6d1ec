"""The paper's compact citation notation, `S1,3,6 O1,3,5`, read and written."""

import pytest

from planning.notation import CitationSyntaxError, format_compact, parse_compact


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
