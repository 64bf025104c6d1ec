"""Hostile and malformed study files: refused before anything is written, with a short message
naming the record, never a traceback, a huge message or a stuck worker."""

import io
import json

import pytest
import yaml
from django.core.management import CommandError, call_command

from planning.limits import (
    ACTIONS_PER_PROGRAM_MAX,
    FACTORS_PER_KIND_MAX,
    NUMBER_MAX_DIGITS,
    STUDY_FILE_MAX_BYTES,
    STUDY_FILE_MAX_DEPTH,
)
from studyfile import schema
from studyfile.schema import StudyFileError, parse_study_file
from swot.models import Factor, Study
from tests.helpers import MASHHAD_FIXTURE

pytestmark = pytest.mark.django_db

MESSAGE_MAX = 300  # what a refusal may print, whatever the file holds

# "Billion laughs": 485 bytes that expand to 10**9 items.
BILLION_LAUGHS = b"""study: {slug: bomb, title: Bomb, city: Tus, year: *i}
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

GOOD_STUDY = "study: {slug: tus, title: Tus study, city: Tus, language: en}\n"


def load_file(tmp_path, content: bytes | str, name: str = "study.yaml") -> str:
    """Run load_study on the content; the command's message (it must refuse)."""
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(CommandError) as refused:
        call_command("load_study", str(path), stdout=io.StringIO())
    message = str(refused.value)
    assert len(message) < MESSAGE_MAX, message
    assert not Study.objects.exists() and not Factor.objects.exists()
    return message


def refusal(content: str, name: str = "study.yaml") -> str:
    with pytest.raises(StudyFileError) as refused:
        data = parse_study_file(content.encode(), name)
        schema.parse_study(data)
        factors = schema.parse_factors(data)
        schema.parse_strategies(data, factors, schema.parse_actions(data))
    message = str(refused.value)
    assert len(message) < MESSAGE_MAX, message
    return message


def test_a_billion_laughs_bomb_is_refused_at_its_first_anchor(tmp_path):
    message = load_file(tmp_path, BILLION_LAUGHS)
    assert message == (
        "Nothing loaded. study.yaml: not valid YAML: anchors and aliases (&name, *name) are "
        "not allowed at line 1, column 51"
    )


def test_an_anchor_alone_is_refused_too():
    message = refusal(GOOD_STUDY + "factors: {S1: &x Shrine, S2: Airport}\n")
    assert "anchors and aliases (&name, *name) are not allowed at line 2" in message


@pytest.mark.parametrize("levels", [STUDY_FILE_MAX_DEPTH + 1, 20_000])
def test_yaml_nested_too_deep_is_refused(tmp_path, levels):
    content = GOOD_STUDY + "factors: {S1: " + "[" * levels + "]" * levels + "}\n"
    message = load_file(tmp_path, content)
    assert f"nested more than {STUDY_FILE_MAX_DEPTH} levels deep at line 2" in message


@pytest.mark.parametrize("levels", [STUDY_FILE_MAX_DEPTH + 1, 20_000])
def test_json_nested_too_deep_is_refused(tmp_path, levels):
    content = '{"study": {}, "x": ' + "[" * levels + "]" * levels + "}"
    message = load_file(tmp_path, content, name="study.json")
    assert message == (
        f"Nothing loaded. study.json: nested more than {STUDY_FILE_MAX_DEPTH} levels deep"
    )


def test_nesting_up_to_the_limit_is_only_refused_for_what_it_is():
    # The same file one level shallower passes the depth check and meets the schema's.
    levels = STUDY_FILE_MAX_DEPTH - 3  # the top mapping, factors and S1 hold it
    content = GOOD_STUDY + "factors: {S1: " + "[" * levels + "]" * levels + "}\n"
    assert refusal(content) == "factors.S1: expected text, got list [[[...]]]"


@pytest.mark.parametrize(
    "content, name, expected",
    [
        (
            GOOD_STUDY.replace("language: en", "year: " + "1" * 4301),
            "study.yaml",
            f"not valid YAML: a number of more than {NUMBER_MAX_DIGITS} digits (put a text in "
            "quotes) at line 1",
        ),
        (
            '{"study": {"year": ' + "1" * 4301 + "}}",
            "study.json",
            f"not valid JSON: a number of more than {NUMBER_MAX_DIGITS} digits",
        ),
    ],
)
def test_a_4301_digit_integer_is_refused(tmp_path, content, name, expected):
    assert expected in load_file(tmp_path, content, name=name)


def test_a_code_with_thousands_of_digits_is_refused():
    content = '{"study": {"slug": "tus", "title": "T", "city": "T"}, "factors": {"S%s": "x"}}'
    message = refusal(content % ("1" * 5000), "study.json")
    assert message.startswith("factors.S1111") and "is not a factor code like S3 or O10" in message


def test_a_citation_with_thousands_of_digits_is_refused():
    content = GOOD_STUDY + "factors: {S1: x}\nstrategies: {SO1: {text: y, cites: 'S%s'}}"
    message = refusal(content % ("1" * 5000))
    assert message.startswith("strategies.SO1.cites: a number of 5,000 digits in 'S1111")


def test_a_nul_in_a_json_text_is_removed_and_the_rest_loads(tmp_path):
    data = {
        "study": {"slug": "tus", "title": "Tus\u0000 study", "city": "Tus", "language": "en"},
        "factors": {"S1": "Shr\u0000ine\u0007", "O1": {"text": "Corridor", "note": "a\x00b"}},
    }
    path = tmp_path / "study.json"
    path.write_text(json.dumps(data))
    call_command("load_study", str(path), stdout=io.StringIO())
    assert Study.objects.get().title == "Tus study"
    assert sorted(Factor.objects.values_list("text", "note")) == [
        ("Corridor", "ab"),
        ("Shrine", ""),
    ]


def test_a_raw_nul_byte_in_a_yaml_file_is_refused(tmp_path):
    message = load_file(tmp_path, GOOD_STUDY.encode() + b"factors: {S1: a\x00b}\n")
    assert "not valid YAML: unacceptable character #x0000: special characters are not " in message


@pytest.mark.parametrize(
    "content, name, expected",
    [
        (
            GOOD_STUDY + "factors:\n  S1: Shrine\n  O1: Corridor\n  S1: Airport\n",
            "study.yaml",
            "not valid YAML: the key 'S1' is given twice at line 5, column 3",
        ),
        (
            '{"study": {"slug": "tus"}, "factors": {"S1": "Shrine", "S1": "Airport"}}',
            "study.json",
            "not valid JSON: the key 'S1' is given twice in one object",
        ),
    ],
)
def test_a_key_given_twice_is_refused_naming_it(content, name, expected):
    assert expected in refusal(content, name)


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            GOOD_STUDY + "factors: {S1: a, O1: b}\nstrategies: {SO1: {text: Grow, cite: S1 O1}}",
            "strategies.SO1: unknown key 'cite' (did you mean 'cites'?)",
        ),
        (
            GOOD_STUDY + "factors: {S1: {text: a, wieght: 0.2}}",
            "factors.S1: unknown key 'wieght' (did you mean 'weight'?)",
        ),
        (
            GOOD_STUDY + "factors: {S1: {text: a, colour: red}}",
            "factors.S1: unknown key 'colour' (expected text, note, weight, rating)",
        ),
        (
            GOOD_STUDY + "factors: {S1: {txet: a}}",
            "factors.S1: unknown key 'txet' (did you mean 'text'?)",
        ),
        (
            GOOD_STUDY.replace("title:", "titel:"),
            "study: unknown key 'titel' (did you mean 'title'?)",
        ),
        (
            GOOD_STUDY + "factor: {S1: a}",
            "the file: unknown key 'factor' (did you mean 'factors'?)",
        ),
    ],
)
def test_a_misspelt_key_is_refused_naming_it_and_the_key_meant(content, expected):
    assert refusal(content) == expected


def test_a_very_long_unknown_key_is_quoted_short():
    message = refusal('{"%s": 1}' % ("x" * 100_000), "study.json")
    assert message.startswith("the file: unknown key 'xxxx") and "…'" in message


@pytest.mark.parametrize(
    "year, expected",
    [
        ("true", "study.year: True is not a year (a whole number from 1 to 9999)"),
        ("0", "study.year: 0 is not a year"),
        ("10000", "study.year: 10000 is not a year"),
        ("'2024'", "study.year: '2024' is not a year"),
        ("2024-01-01", "study.year: datetime.date(2024, 1, 1) is not a year"),
    ],
)
def test_a_year_that_is_not_a_whole_number_in_range_is_refused(year, expected):
    assert refusal(GOOD_STUDY.replace("language: en", f"year: {year}")).startswith(expected)


def test_a_yes_no_value_is_not_taken_for_a_text():
    # YAML 1.1 reads an unquoted yes as true: stored, it would have been "True".
    assert (
        refusal(GOOD_STUDY + "factors: {S1: yes}") == "factors.S1: expected text, got yes/no True"
    )


def test_more_factors_of_a_kind_than_a_study_holds_are_refused():
    factors = ", ".join(f"S{n}: s" for n in range(1, FACTORS_PER_KIND_MAX + 2))
    message = refusal(GOOD_STUDY + "factors: {" + factors + "}")
    assert message == (
        f"factors.S{FACTORS_PER_KIND_MAX + 1}: a study holds at most "
        f"{FACTORS_PER_KIND_MAX:,} factors of a kind"
    )


def test_a_program_longer_than_a_strategy_holds_is_refused():
    keys = [f"A{n}" for n in range(ACTIONS_PER_PROGRAM_MAX + 1)]
    data = {
        "study": yaml.safe_load(GOOD_STUDY)["study"],
        "factors": {"S1": "a", "O1": "b"},
        "actions": dict.fromkeys(keys, "do"),
        "strategies": {"SO1": {"text": "Grow", "actions": keys}},
    }
    with pytest.raises(StudyFileError, match=f"a program holds at most {ACTIONS_PER_PROGRAM_MAX}"):
        schema.parse_strategies(data, schema.parse_factors(data), schema.parse_actions(data))


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    def parse(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(schema.yaml, "load", parse)
    content = GOOD_STUDY.encode() + b"#" * STUDY_FILE_MAX_BYTES
    message = load_file(tmp_path, content)
    assert message == (
        "Nothing loaded. study.yaml: the file is larger than 2.0 MB, the most a study file may be"
    )


def test_a_directory_is_refused_with_a_message(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("load_study", str(tmp_path), stdout=io.StringIO())


def test_the_mashhad_study_still_loads_and_is_well_within_the_limits():
    assert MASHHAD_FIXTURE.stat().st_size < STUDY_FILE_MAX_BYTES / 50
    call_command("load_study", str(MASHHAD_FIXTURE), stdout=io.StringIO())
    assert Factor.objects.count() == 39
