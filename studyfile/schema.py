"""Checking a study file (YAML or JSON keyed by factor and strategy codes): pure functions.

The format is meant to be written by hand:

    study: {slug: …, title: …, city: …, subject: …, year: …, source: …, language: fa}
    factors:   {S1: "text", S2: {text: "…", note: "…"}, O1: …, W1: …, T1: …}
    actions:   {A1: "text", A2: "text"}          # keys are local to the file
    strategies:
      SO1: {text: "…", cites: "S1,3 O2,5", note: "…", actions: [A1, A2]}
      SO2: {text: "…", actions: [{action: A1, wording: "…", footnote: "…"}]}  # this program's words
    report:    {typeface: naskh, citation_order: external, table1_caption: "…", …}   # optional
    # David's tools (optional): a factor's IFE/EFE weight and rating, the SPACE matrix, QSPM sets
    factors:   {S1: {text: "…", weight: 0.20, rating: 4}, …}
    space:     {scale: 7, FP: {"Budget surplus": 5}, IP: {…}, SP: {"Stability": -3}, CP: {…}}
    qspm:      [{name: SO, strategies: [SO1, SO2], scores: {S1: [4, 2], S2: null}}]

Everything is checked here, before `studyfile.load` writes anything: these functions read
the file's mapping and return plain values (or raise StudyFileError naming the record), and
touch no database.
"""

from __future__ import annotations

import difflib
import json
import re
import reprlib
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import override
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

from evaluation.changes import QSPM_STRATEGIES_MIN
from evaluation.models import QSPM_SET_NAME_MAX, SPACE_VARIABLE_NAME_MAX
from planning.evaluation import (
    DIMENSIONS,
    SPACE_DEFAULT_SCALE,
    check_qspm_row,
    check_rating,
    check_score,
    check_space_scale,
    check_space_score,
    check_weight,
)
from planning.limits import (
    ACTIONS_MAX,
    ACTIONS_PER_PROGRAM_MAX,
    FACTORS_PER_KIND_MAX,
    ITEM_TEXT_MAX,
    NOTE_MAX,
    NUMBER_MAX_DIGITS,
    QSPM_SETS_MAX,
    QSPM_STRATEGIES_PER_SET_MAX,
    QUOTE_MAX,
    SPACE_VARIABLES_PER_DIMENSION_MAX,
    STRATEGIES_PER_QUADRANT_MAX,
    STUDY_FILE_MAX_BYTES,
    STUDY_FILE_MAX_DEPTH,
    STUDY_SOURCE_MAX,
    YEAR_MAX,
    YEAR_MIN,
)
from planning.notation import CitationSyntaxError, parse_compact, split_code
from planning.numbering import first_missing
from planning.text import normalize_text
from planning.vocabulary import Kind, Quadrant
from swot.models import ReportStyle, Study

# The keys each mapping of the file may have; anything else is refused, naming the key.
TOP_KEYS = ("study", "factors", "actions", "strategies", "report", "space", "qspm")
STUDY_KEYS = ("slug", "title", "city", "subject", "year", "source", "language")
FACTOR_KEYS = ("text", "note", "weight", "rating")
SPACE_KEYS = ("scale", *DIMENSIONS)
QSPM_KEYS = ("name", "strategies", "scores")
STRATEGY_KEYS = ("text", "cites", "note", "actions")
PLACE_KEYS = ("action", "wording", "footnote")  # an action at one place of a program
REPORT_CHOICES = {
    "typeface": ReportStyle.Typeface,
    "citation_order": ReportStyle.CitationOrder,
}
REPORT_KEYS = (*REPORT_CHOICES, "document_number", *ReportStyle.WORDING_FIELDS)
CODE_MAX_CHARS = 12  # a code like S3 or WO12; longer is not a code
_DIGIT_RUNS = re.compile(r"\d+")
# A number as a weight may be written: 0.2, .25, 1, 1.0, 2.5e-1 (YAML 1.1 also allows 1_000.0).
_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


class StudyFileError(Exception):
    """A problem with the file; the message names the record and what is wrong."""


class _BoundedRepr(reprlib.Repr):
    """reprlib's, also for ints too long for repr() (over 4,300 digits)."""

    def repr_int(self, x, level):
        if x.bit_length() > 3 * NUMBER_MAX_DIGITS:
            return f"<a number of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)


_REPR = _BoundedRepr()
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = QUOTE_MAX
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist = 2, 4, 4


def quoted(value: Any) -> str:
    """A value for a message: in quotes, at most QUOTE_MAX characters of it."""
    if isinstance(value, str):
        return "'" + (value if len(value) <= QUOTE_MAX else value[: QUOTE_MAX - 1] + "…") + "'"
    return _REPR.repr(value)


def _clip(message: str, limit: int = 2 * QUOTE_MAX) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def read_study_file(path: str | Path) -> dict[str, Any]:
    """The file's mapping; one larger than STUDY_FILE_MAX_BYTES is refused before parsing."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            raw = file.read(STUDY_FILE_MAX_BYTES + 1)  # no more, whatever the file is
    except FileNotFoundError:
        raise StudyFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise StudyFileError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_study_file(raw, path.name)


class StudyFileLoader(yaml.SafeLoader):
    """yaml.SafeLoader without what a study file never needs and a hostile one uses: anchors
    and aliases (a few hundred bytes of them expand to gigabytes), nesting deeper than
    STUDY_FILE_MAX_DEPTH, a key given twice in one mapping (YAML keeps the last silently),
    and numbers longer than NUMBER_MAX_DIGITS."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed", event.start_mark
            )
        self.depth += 1
        try:
            if self.depth > STUDY_FILE_MAX_DEPTH:
                raise ComposerError(
                    None,
                    None,
                    f"nested more than {STUDY_FILE_MAX_DEPTH} levels deep",
                    event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen = set()
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, Hashable):
                    continue  # refused by the base class, with its own message
                if key in seen:
                    raise ConstructorError(
                        None, None, f"the key {quoted(key)} is given twice", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):
        value = self.construct_scalar(node)
        if sum(c.isdigit() for c in value) > NUMBER_MAX_DIGITS:
            raise ConstructorError(
                None,
                None,
                f"a number of more than {NUMBER_MAX_DIGITS} digits (put a text in quotes)",
                node.start_mark,
            )
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node):
        value = SourceFloat(super().construct_yaml_float(node))
        value.text = self.construct_scalar(node)
        return value


class SourceFloat(float):
    """A float read from a file, with the text it was written as: a weight is read from that
    text (0.20 is Decimal("0.20"), not the binary float nearest to it), any other use sees a
    float."""

    text = ""


StudyFileLoader.add_constructor("tag:yaml.org,2002:int", StudyFileLoader.construct_yaml_int)
StudyFileLoader.add_constructor("tag:yaml.org,2002:float", StudyFileLoader.construct_yaml_float)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise StudyFileError(f"the key {quoted(key)} is given twice in one object")
        mapping[key] = value
    return mapping


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > NUMBER_MAX_DIGITS:
        raise StudyFileError(f"a number of more than {NUMBER_MAX_DIGITS} digits")
    return int(digits)


def _json_float(text: str) -> SourceFloat:
    value = SourceFloat(text)
    value.text = text
    return value


def _json_constant(name: str) -> None:
    raise StudyFileError(f"{name} is not a number JSON allows")


def _depth(data: Any) -> int:
    """How deeply lists and mappings nest in `data`, without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth <= STUDY_FILE_MAX_DEPTH:
                children = value.values() if isinstance(value, dict) else value
                stack.extend((child, depth + 1) for child in children)
    return deepest


def parse_study_file(raw: bytes, name: str) -> dict[str, Any]:
    """The file's content (YAML, or JSON if the name ends in .json) as a mapping."""
    name = _clip(name, QUOTE_MAX)
    if len(raw) > STUDY_FILE_MAX_BYTES:
        raise StudyFileError(
            f"{name}: the file is larger than {_size(STUDY_FILE_MAX_BYTES)}, the most a study "
            "file may be"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StudyFileError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        if name.lower().endswith(".json"):
            data = json.loads(
                text,
                object_pairs_hook=_json_object,
                parse_int=_json_int,
                parse_float=_json_float,
                parse_constant=_json_constant,
            )
        else:
            data = yaml.load(text, Loader=StudyFileLoader)  # a SafeLoader, stricter
    except StudyFileError as exc:  # from the JSON hooks
        raise StudyFileError(f"{name}: not valid JSON: {exc}") from None
    except json.JSONDecodeError as exc:
        raise StudyFileError(
            f"{name}: not valid JSON: {_clip(exc.msg)} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:  # json's own parser, on thousands of levels
        raise StudyFileError(
            f"{name}: nested more than {STUDY_FILE_MAX_DEPTH} levels deep"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        problem = _clip(" ".join(str(problem).split()))
        raise StudyFileError(f"{name}: not valid YAML: {problem}{where}") from None
    if not isinstance(data, dict):
        raise StudyFileError(f"{name}: expected a mapping with study, factors, strategies")
    if _depth(data) > STUDY_FILE_MAX_DEPTH:
        raise StudyFileError(f"{name}: nested more than {STUDY_FILE_MAX_DEPTH} levels deep")
    return data


def _known_keys(mapping: dict[Any, Any], allowed: tuple[str, ...], where: str) -> None:
    """Refuse a key the format does not have (a misspelt one would be ignored otherwise)."""
    for key in mapping:
        if key in allowed:
            continue
        same_letters = [name for name in allowed if name.casefold() == str(key).casefold()]
        close = same_letters or difflib.get_close_matches(str(key)[:QUOTE_MAX], allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"expected {', '.join(allowed)}"
        raise StudyFileError(f"{where}: unknown key {quoted(key)} ({hint})")


def _text(value: Any, where: str, limit: int, *, required: bool = True) -> str:
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        got = "yes/no" if isinstance(value, bool) else type(value).__name__
        raise StudyFileError(f"{where}: expected text, got {got} {quoted(value)}")
    if isinstance(value, int) and value.bit_length() > 3 * NUMBER_MAX_DIGITS:
        raise StudyFileError(f"{where}: expected text, got a number of {quoted(value)}")
    text = normalize_text(str(value))  # as every other path does: planning/text.py
    if required and not text:
        raise StudyFileError(f"{where}: text is empty")
    if len(text) > limit:
        raise StudyFileError(
            f"{where}: {len(text):,} characters; the most is {limit:,} ({quoted(text)})"
        )
    return text


def _max_length(field: str) -> int:
    return Study._meta.get_field(field).max_length


def _mapping(data: dict[str, Any], key: str, *, required: bool = True) -> dict[str, Any]:
    value = data.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or (required and not value):
        raise StudyFileError(f"{key}: expected a mapping of codes to entries")
    return value


def _code(code: Any, where: str, what: str) -> tuple[str, int]:
    split = split_code(code) if isinstance(code, str) and len(code) <= CODE_MAX_CHARS else None
    if split is None:
        raise StudyFileError(f"{where}: {quoted(code)} is not {what}")
    return split


def _numbered(codes: list[tuple[str, int]], what: str) -> None:
    """Codes follow the order: each kind runs 1..n with no gaps."""
    by_prefix: dict[str, list[int]] = {}
    for prefix, number in codes:
        by_prefix.setdefault(prefix, []).append(number)
    for prefix, numbers in by_prefix.items():
        missing = first_missing(numbers)
        if missing is not None:
            raise StudyFileError(
                f"{what}: {prefix} numbers must run 1..{len(numbers)} without gaps; "
                f"{prefix}{missing} is missing"
            )


def parse_study(data: dict[str, Any]) -> dict[str, Any]:
    _known_keys(data, TOP_KEYS, "the file")
    study = _mapping(data, "study")
    _known_keys(study, STUDY_KEYS, "study")
    values = {
        "slug": _text(study.get("slug"), "study.slug", _max_length("slug")),
        "title": _text(study.get("title"), "study.title", _max_length("title")),
        "city": _text(study.get("city"), "study.city", _max_length("city")),
        "subject": _text(
            study.get("subject"), "study.subject", _max_length("subject"), required=False
        ),
        "source": _text(study.get("source"), "study.source", STUDY_SOURCE_MAX, required=False),
        "language": _text(study.get("language", "fa"), "study.language", QUOTE_MAX),
        "year": study.get("year"),
    }
    if values["language"] not in Study.Language.values:
        raise StudyFileError(
            f"study.language: {quoted(values['language'])} is not one of "
            f"{', '.join(Study.Language.values)}"
        )
    year = values["year"]
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX
    ):
        raise StudyFileError(
            f"study.year: {quoted(year)} is not a year (a whole number from {YEAR_MIN} to "
            f"{YEAR_MAX})"
        )
    candidate = Study(**values)
    try:
        candidate.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise StudyFileError(f"study.{field_name}: {' '.join(messages)}") from None
    try:
        Study._meta.get_field("slug").clean(values["slug"], candidate)
    except ValidationError as exc:  # a field's own check: messages, no field names
        raise StudyFileError(f"study.slug: {' '.join(exc.messages)}") from None
    return values


def parse_factors(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    factors: dict[str, dict[str, Any]] = {}
    numbering: list[tuple[str, int]] = []
    for code, entry in _mapping(data, "factors").items():
        where = f"factors.{_clip(str(code), QUOTE_MAX)}"
        kind, number = _code(code, where, "a factor code like S3 or O10")
        if kind not in Kind.values:
            raise StudyFileError(f"{where}: unknown kind '{kind}' (expected S, W, O or T)")
        if number < 1:
            raise StudyFileError(f"{where}: numbers start at 1")
        if number > FACTORS_PER_KIND_MAX:
            raise StudyFileError(
                f"{where}: a study holds at most {FACTORS_PER_KIND_MAX:,} factors of a kind"
            )
        if f"{kind}{number}" in factors:
            raise StudyFileError(f"{where}: {kind}{number} is given twice")
        if isinstance(entry, dict):
            _known_keys(entry, FACTOR_KEYS, where)
            text = _text(entry.get("text"), f"{where}.text", ITEM_TEXT_MAX)
            note = _text(entry.get("note"), f"{where}.note", NOTE_MAX, required=False)
        else:
            text, note = _text(entry, where, ITEM_TEXT_MAX), ""
        factors[f"{kind}{number}"] = {"kind": kind, "number": number, "text": text, "note": note}
        numbering.append((kind, number))
    _numbered(numbering, "factors")
    return factors


def parse_actions(data: dict[str, Any]) -> dict[str, str]:
    entries = _mapping(data, "actions", required=False)
    if len(entries) > ACTIONS_MAX:
        raise StudyFileError(f"actions: {len(entries):,} actions; the most is {ACTIONS_MAX:,}")
    actions: dict[str, str] = {}
    for key, entry in entries.items():
        if not isinstance(key, str | int) or isinstance(key, bool):
            raise StudyFileError(f"actions: {quoted(key)} is not an action key like A1")
        where = f"actions.{_clip(str(key), QUOTE_MAX)}"
        if str(key) in actions:
            raise StudyFileError(f"{where}: given twice")
        actions[str(key)] = _text(entry, where, ITEM_TEXT_MAX)
    return actions


def _parse_citations(items: list[Any]) -> list[tuple[str, int]]:
    """Codes from compact strings or single codes; a number too long to be one is refused
    here (int() of thousands of digits raises)."""
    cited = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise CitationSyntaxError(f"{quoted(item)} is not a factor code like S3")
        item = str(item)
        longest = max((len(run) for run in _DIGIT_RUNS.findall(item)), default=0)
        if longest > NUMBER_MAX_DIGITS:
            raise CitationSyntaxError(f"a number of {longest:,} digits in {quoted(item)}")
        cited.extend(parse_compact(item))
    return cited


def parse_strategies(
    data: dict[str, Any], factors: dict[str, dict[str, Any]], actions: dict[str, str]
) -> dict[str, dict[str, Any]]:
    strategies: dict[str, dict[str, Any]] = {}
    numbering: list[tuple[str, int]] = []
    for code, entry in _mapping(data, "strategies", required=False).items():
        where = f"strategies.{_clip(str(code), QUOTE_MAX)}"
        what = "a strategy code (SO, WO, ST or WT and a number)"
        quadrant, number = _code(code, where, what)
        if quadrant not in Quadrant.values:
            raise StudyFileError(f"{where}: {quoted(code)} is not {what}")
        if number < 1:
            raise StudyFileError(f"{where}: numbers start at 1")
        if number > STRATEGIES_PER_QUADRANT_MAX:
            raise StudyFileError(
                f"{where}: a study holds at most {STRATEGIES_PER_QUADRANT_MAX:,} strategies "
                "of a quadrant"
            )
        if not isinstance(entry, dict):
            raise StudyFileError(f"{where}: expected text, cites, actions")
        _known_keys(entry, STRATEGY_KEYS, where)
        cites = entry.get("cites") or []
        try:
            if isinstance(cites, str):
                cited = _parse_citations([cites])
            elif isinstance(cites, list):
                cited = _parse_citations(cites)
            else:
                raise CitationSyntaxError("expected a string like 'S1,3 O2' or a list of codes")
        except CitationSyntaxError as exc:
            raise StudyFileError(f"{where}.cites: {_clip(str(exc))}") from None
        cited_codes = []
        for kind, n in cited:
            factor_code = f"{kind}{n}"
            if factor_code not in factors:
                raise StudyFileError(f"{where}.cites: {factor_code} is not a factor of this study")
            if factor_code in cited_codes:
                raise StudyFileError(f"{where}.cites: {factor_code} is cited twice")
            cited_codes.append(factor_code)
        places = _parse_places(entry.get("actions"), f"{where}.actions", actions)
        strategies[f"{quadrant}{number}"] = {
            "quadrant": quadrant,
            "number": number,
            "text": _text(entry.get("text"), f"{where}.text", ITEM_TEXT_MAX),
            "note": _text(entry.get("note"), f"{where}.note", NOTE_MAX, required=False),
            "cites": cited_codes,
            "actions": places,
        }
        numbering.append((quadrant, number))
    _numbered(numbering, "strategies")
    return strategies


def _action_key(key: Any, where: str, actions: dict[str, str]) -> str:
    if not isinstance(key, str | int) or isinstance(key, bool) or str(key) not in actions:
        raise StudyFileError(f"{where}: {quoted(key)} is not defined under actions")
    return str(key)


def _parse_places(entries: Any, where: str, actions: dict[str, str]) -> list[dict[str, str]]:
    """A program's places, in order: each an action key, or a mapping with this place's own
    words (`wording`, blank when it is the action's text) and `footnote`."""
    entries = entries or []
    if not isinstance(entries, list):
        raise StudyFileError(f"{where}: expected a list of action keys")
    if len(entries) > ACTIONS_PER_PROGRAM_MAX:
        raise StudyFileError(
            f"{where}: {len(entries):,} actions; a program holds at most "
            f"{ACTIONS_PER_PROGRAM_MAX:,}"
        )
    places = []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            key = _action_key(entry, where, actions)
            places.append({"action": key, "wording": "", "footnote": ""})
            continue
        at = f"{where}.{position}"  # the place as the report numbers it
        _known_keys(entry, PLACE_KEYS, at)
        if entry.get("action") is None:
            raise StudyFileError(f"{at}: no action (expected {{action: A1, wording: …}})")
        key = _action_key(entry["action"], f"{at}.action", actions)
        wording = _text(entry.get("wording"), f"{at}.wording", ITEM_TEXT_MAX, required=False)
        footnote = _text(entry.get("footnote"), f"{at}.footnote", NOTE_MAX, required=False)
        if wording == actions[key]:
            wording = ""  # the action's own text: nothing of this place's own
        places.append({"action": key, "wording": wording, "footnote": footnote})
    if len({place["action"] for place in places}) != len(places):
        raise StudyFileError(f"{where}: an action is listed twice")
    return places


def parse_report(data: dict[str, Any]) -> dict[str, str] | None:
    """The `report:` mapping as ReportStyle's values (a key left out: its default), or None
    when the file has none."""
    report = data.get("report")
    if report is None:
        return None
    if not isinstance(report, dict):
        raise StudyFileError(
            f"report: expected a mapping like {{typeface: naskh, table1_caption: …}}, got "
            f"{quoted(report)}"
        )
    _known_keys(report, REPORT_KEYS, "report")
    values: dict[str, str] = {}
    for name in REPORT_KEYS:
        model_field = ReportStyle._meta.get_field(name)
        where = f"report.{name}"
        if name in REPORT_CHOICES:
            value = _text(report.get(name, model_field.default), where, QUOTE_MAX)
            allowed = REPORT_CHOICES[name].values
            if value not in allowed:
                raise StudyFileError(f"{where}: {quoted(value)} is not one of {', '.join(allowed)}")
        else:
            value = _text(report.get(name), where, model_field.max_length, required=False)
        values[name] = value
    return values


# ---------------------------------------------------------------- David's tools


@dataclass
class Evaluation:
    """A file's IFE/EFE weights and ratings (by factor code: only the factors given either),
    its SPACE matrix (None without a `space:` mapping) and its QSPM sets, checked."""

    assessments: dict[str, dict[str, Any]] = field(default_factory=dict)
    space: dict[str, Any] | None = None
    qspm: list[dict[str, Any]] = field(default_factory=list)


def _checked(check: Any, where: str, *args: Any) -> None:
    """planning.evaluation's check, its message naming the record; in English, as every other
    message on a study file is (whatever the language of the page or shell loading it)."""
    try:
        with override("en"):
            check(*args)
    except ValidationError as exc:
        raise StudyFileError(f"{where}: {exc.messages[0]}") from None


def _whole(value: Any, where: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise StudyFileError(f"{where}: expected {what}, got {quoted(value)}")
    return value


def _weight(value: Any, where: str) -> Decimal:
    """A weight as written: a YAML or JSON number read from its text, so 0.20 is exactly 0.20
    (a float read from elsewhere, by its shortest repr: 0.2); or a text like "0.20"."""
    if isinstance(value, bool):
        raise StudyFileError(f"{where}: expected a number from 0 to 1, got yes/no {quoted(value)}")
    if isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, int):
        text = str(value) if value.bit_length() <= 3 * NUMBER_MAX_DIGITS else "-"
    elif isinstance(value, float):
        text = getattr(value, "text", "") or repr(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        text = "-"
    text = text.replace("_", "")
    if not _DECIMAL.fullmatch(text):
        raise StudyFileError(f"{where}: expected a number from 0 to 1, got {quoted(value)}")
    if sum(c.isdigit() for c in text) > NUMBER_MAX_DIGITS:
        raise StudyFileError(f"{where}: a number of more than {NUMBER_MAX_DIGITS} digits")
    weight = Decimal(text)
    _checked(check_weight, where, weight)
    return weight


def parse_assessments(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each factor's `weight` (0–1, at most three decimals) and `rating` (1–4), by code; a
    factor given neither is left out. Call it after parse_factors (the codes are checked)."""
    assessments: dict[str, dict[str, Any]] = {}
    for code, entry in _mapping(data, "factors").items():
        if not isinstance(entry, dict) or not ({"weight", "rating"} & entry.keys()):
            continue
        kind, number = split_code(code)  # type: ignore[misc]
        where = f"factors.{kind}{number}"
        weight = entry.get("weight")
        rating = entry.get("rating")
        if weight is not None:
            weight = _weight(weight, f"{where}.weight")
        if rating is not None:
            rating = _whole(rating, f"{where}.rating", "a whole number 1, 2, 3 or 4")
            _checked(check_rating, f"{where}.rating", rating)
        if weight is not None or rating is not None:
            assessments[f"{kind}{number}"] = {"weight": weight, "rating": rating}
    return assessments


def parse_space(data: dict[str, Any]) -> dict[str, Any] | None:
    """The `space:` mapping: its scale (6 or 7; 7 when left out) and its variables, each
    {dimension, name, score, position}; None when the file has none."""
    space = data.get("space")
    if space is None:
        return None
    if not isinstance(space, dict):
        raise StudyFileError(
            f'space: expected a mapping like {{scale: 7, FP: {{"Budget surplus": 5}}, …}}, got '
            f"{quoted(space)}"
        )
    _known_keys(space, SPACE_KEYS, "space")
    scale = space.get("scale")
    if scale is None:
        scale = SPACE_DEFAULT_SCALE
    scale = _whole(scale, "space.scale", "6 or 7")
    _checked(check_space_scale, "space.scale", scale)
    variables = []
    for dimension in DIMENSIONS:
        entries = space.get(dimension)
        if entries is None:
            continue
        if not isinstance(entries, dict):
            raise StudyFileError(
                f"space.{dimension}: expected a mapping of variables to scores, like "
                f'{{"Budget surplus": 5}}, got {quoted(entries)}'
            )
        if len(entries) > SPACE_VARIABLES_PER_DIMENSION_MAX:
            raise StudyFileError(
                f"space.{dimension}: {len(entries)} variables, more than the "
                f"{SPACE_VARIABLES_PER_DIMENSION_MAX} a dimension may have"
            )
        names: set[str] = set()
        for position, (key, score) in enumerate(entries.items(), start=1):
            where = f"space.{dimension}.{_clip(str(key), QUOTE_MAX)}"
            name = _text(key, where, SPACE_VARIABLE_NAME_MAX)
            if name in names:
                raise StudyFileError(f"{where}: {quoted(name)} is given twice in {dimension}")
            names.add(name)
            score = _whole(score, where, "a whole number")
            _checked(check_space_score, where, dimension, score, scale)
            variables.append(
                {"dimension": dimension, "name": name, "score": score, "position": position}
            )
    return {"scale": scale, "variables": variables}


def parse_qspm(
    data: dict[str, Any], factors: dict[str, Any], strategies: dict[str, Any]
) -> list[dict[str, Any]]:
    """The `qspm:` list of sets, each {name, position, strategies: [codes], scores: {factor code:
    [one score per strategy]}}: a row left out, null or all null is not relevant."""
    sets = data.get("qspm")
    if sets is None:
        return []
    if not isinstance(sets, list):
        raise StudyFileError(
            "qspm: expected a list of sets like [{name: SO, strategies: [SO1, SO2], scores: "
            f"{{S1: [4, 2]}}}}], got {quoted(sets)}"
        )
    if len(sets) > QSPM_SETS_MAX:
        raise StudyFileError(
            f"qspm: {len(sets)} sets, more than the {QSPM_SETS_MAX} a study may have"
        )
    out: list[dict[str, Any]] = []
    names: set[str] = set()
    for position, entry in enumerate(sets, start=1):
        where = f"qspm.{position}"  # the set's place in the list, counted from 1
        if not isinstance(entry, dict):
            raise StudyFileError(f"{where}: expected a mapping with name, strategies, scores")
        if isinstance(entry.get("name"), str) and entry["name"].strip():
            named = f"{where} ({_clip(normalize_text(entry['name']), QUOTE_MAX)})"
        else:
            named = where
        _known_keys(entry, QSPM_KEYS, named)
        name = _text(entry.get("name"), f"{where}.name", QSPM_SET_NAME_MAX)
        if name in names:
            raise StudyFileError(f"{where}.name: a set {quoted(name)} is given twice")
        names.add(name)
        where = named
        chosen = _qspm_strategies(entry.get("strategies"), f"{where}.strategies", strategies)
        scores = entry.get("scores")
        if scores is None:
            scores = {}
        if not isinstance(scores, dict):
            raise StudyFileError(
                f"{where}.scores: expected a mapping of factor codes to scores, like "
                f"{{S1: [4, 2]}}, got {quoted(scores)}"
            )
        rows: dict[str, list[int]] = {}
        for code, row in scores.items():
            at = f"{where}.scores.{_clip(str(code), QUOTE_MAX)}"
            if not isinstance(code, str) or code not in factors:
                raise StudyFileError(f"{at}: {quoted(code)} is not a factor of this study")
            if row is None:
                continue  # not relevant
            if not isinstance(row, list) or len(row) != len(chosen):
                got = f"{len(row)} scores" if isinstance(row, list) else quoted(row)
                raise StudyFileError(
                    f"{at}: expected {len(chosen)} scores, one per strategy "
                    f"({', '.join(chosen)}), or null for not relevant; got {got}"
                )
            for strategy_code, score in zip(chosen, row, strict=True):
                if score is not None:
                    _whole(score, f"{at}.{strategy_code}", "a whole number 1, 2, 3 or 4, or null")
            if all(score is None for score in row):
                continue  # every strategy dashed: not relevant
            if any(score is None for score in row):
                _checked(check_qspm_row, at, row)  # partly dashed: refused, naming the row
            for strategy_code, score in zip(chosen, row, strict=True):
                _checked(check_score, f"{at}.{strategy_code}", score)
            rows[code] = row
        out.append({"name": name, "position": position, "strategies": chosen, "scores": rows})
    return out


def _qspm_strategies(codes: Any, where: str, strategies: dict[str, Any]) -> list[str]:
    if not isinstance(codes, list):
        raise StudyFileError(
            f"{where}: expected a list of this study's strategy codes like [SO1, SO2], got "
            f"{quoted(codes)}"
        )
    if len(codes) > QSPM_STRATEGIES_PER_SET_MAX:
        raise StudyFileError(
            f"{where}: {len(codes)} strategies, more than the {QSPM_STRATEGIES_PER_SET_MAX} a set "
            "may compare"
        )
    chosen: list[str] = []
    for code in codes:
        if not isinstance(code, str) or code not in strategies:
            raise StudyFileError(f"{where}: {quoted(code)} is not a strategy of this study")
        if code in chosen:
            raise StudyFileError(f"{where}: {code} is listed twice")
        chosen.append(code)
    if len(chosen) < QSPM_STRATEGIES_MIN:  # as the editor's
        raise StudyFileError(
            f"{where}: a set compares at least {QSPM_STRATEGIES_MIN} strategies, not {len(chosen)}"
        )
    return chosen


def parse_evaluation(
    data: dict[str, Any], factors: dict[str, Any], strategies: dict[str, Any]
) -> Evaluation:
    """David's tools in the file, checked (the factors' and strategies' codes are the file's)."""
    return Evaluation(
        assessments=parse_assessments(data),
        space=parse_space(data),
        qspm=parse_qspm(data, factors, strategies),
    )
