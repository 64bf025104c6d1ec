"""Checking a study file (YAML or JSON keyed by factor and strategy codes): pure functions.

The format is meant to be written by hand:

    study: {slug: …, title: …, city: …, subject: …, year: …, source: …, language: fa}
    factors:   {S1: "text", S2: {text: "…", note: "…"}, O1: …, W1: …, T1: …}
    actions:   {A1: "text", A2: "text"}          # keys are local to the file
    strategies:
      SO1: {text: "…", cites: "S1,3 O2,5", note: "…", actions: [A1, A2]}

Everything is checked here, before `studyfile.load` writes anything: these functions read
the file's mapping and return plain values (or raise StudyFileError naming the record), and
touch no database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError

from planning.notation import CitationSyntaxError, parse_compact, split_code
from planning.numbering import first_missing
from planning.text import normalize_text
from planning.vocabulary import Kind, Quadrant
from swot.models import Study


class StudyFileError(Exception):
    """A problem with the file; the message names the record and what is wrong."""


def read_study_file(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StudyFileError(f"{path}: no such file") from None
    return parse_study_file(raw, path.name)


def parse_study_file(raw: bytes, name: str) -> dict[str, Any]:
    """The file's content (YAML, or JSON if the name ends in .json) as a mapping."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StudyFileError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        data = json.loads(text) if name.lower().endswith(".json") else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise StudyFileError(
            f"{name}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise StudyFileError(f"{name}: not valid YAML: {problem}{where}") from None
    if not isinstance(data, dict):
        raise StudyFileError(f"{name}: expected a mapping with study, factors, strategies")
    return data


def _text(value: Any, where: str, *, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str | int | float):
        raise StudyFileError(f"{where}: expected text, got {type(value).__name__}")
    text = normalize_text(str(value))  # as every other path does: planning/text.py
    if required and not text:
        raise StudyFileError(f"{where}: text is empty")
    return text


def _mapping(data: dict[str, Any], key: str, *, required: bool = True) -> dict[str, Any]:
    value = data.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or (required and not value):
        raise StudyFileError(f"{key}: expected a mapping of codes to entries")
    return value


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
    study = _mapping(data, "study")
    values = {
        "slug": _text(study.get("slug"), "study.slug"),
        "title": _text(study.get("title"), "study.title"),
        "city": _text(study.get("city"), "study.city"),
        "subject": _text(study.get("subject"), "study.subject", required=False),
        "source": _text(study.get("source"), "study.source", required=False),
        "language": _text(study.get("language", "fa"), "study.language"),
        "year": study.get("year"),
    }
    if values["language"] not in Study.Language.values:
        raise StudyFileError(
            f"study.language: '{values['language']}' is not one of "
            f"{', '.join(Study.Language.values)}"
        )
    if values["year"] is not None and (
        not isinstance(values["year"], int) or not 1 <= values["year"] <= 9999
    ):
        raise StudyFileError(f"study.year: '{values['year']}' is not a year")
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
        where = f"factors.{code}"
        split = split_code(code)
        if split is None:
            raise StudyFileError(f"{where}: '{code}' is not a factor code like S3 or O10")
        kind, number = split
        if kind not in Kind.values:
            raise StudyFileError(f"{where}: unknown kind '{kind}' (expected S, W, O or T)")
        if number < 1:
            raise StudyFileError(f"{where}: numbers start at 1")
        if f"{kind}{number}" in factors:
            raise StudyFileError(f"{where}: {kind}{number} is given twice")
        if isinstance(entry, dict):
            text = _text(entry.get("text"), f"{where}.text")
            note = _text(entry.get("note"), f"{where}.note", required=False)
        else:
            text, note = _text(entry, where), ""
        factors[f"{kind}{number}"] = {"kind": kind, "number": number, "text": text, "note": note}
        numbering.append((kind, number))
    _numbered(numbering, "factors")
    return factors


def parse_actions(data: dict[str, Any]) -> dict[str, str]:
    return {
        str(key): _text(entry, f"actions.{key}")
        for key, entry in _mapping(data, "actions", required=False).items()
    }


def parse_strategies(
    data: dict[str, Any], factors: dict[str, dict[str, Any]], actions: dict[str, str]
) -> dict[str, dict[str, Any]]:
    strategies: dict[str, dict[str, Any]] = {}
    numbering: list[tuple[str, int]] = []
    for code, entry in _mapping(data, "strategies", required=False).items():
        where = f"strategies.{code}"
        quadrant, number = split_code(code) or ("", 0)
        if quadrant not in Quadrant.values:
            raise StudyFileError(
                f"{where}: '{code}' is not a strategy code (SO, WO, ST or WT and a number)"
            )
        if number < 1:
            raise StudyFileError(f"{where}: numbers start at 1")
        if not isinstance(entry, dict):
            raise StudyFileError(f"{where}: expected text, cites, actions")
        cites = entry.get("cites") or []
        try:
            if isinstance(cites, str):
                cited = parse_compact(cites)
            elif isinstance(cites, list):
                cited = [pair for item in cites for pair in parse_compact(str(item))]
            else:
                raise CitationSyntaxError("expected a string like 'S1,3 O2' or a list of codes")
        except CitationSyntaxError as exc:
            raise StudyFileError(f"{where}.cites: {exc}") from None
        cited_codes = []
        for kind, n in cited:
            factor_code = f"{kind}{n}"
            if factor_code not in factors:
                raise StudyFileError(f"{where}.cites: {factor_code} is not a factor of this study")
            if factor_code in cited_codes:
                raise StudyFileError(f"{where}.cites: {factor_code} is cited twice")
            cited_codes.append(factor_code)
        action_keys = entry.get("actions") or []
        if not isinstance(action_keys, list):
            raise StudyFileError(f"{where}.actions: expected a list of action keys")
        for key in action_keys:
            if str(key) not in actions:
                raise StudyFileError(f"{where}.actions: '{key}' is not defined under actions")
        if len({str(k) for k in action_keys}) != len(action_keys):
            raise StudyFileError(f"{where}.actions: an action is listed twice")
        strategies[f"{quadrant}{number}"] = {
            "quadrant": quadrant,
            "number": number,
            "text": _text(entry.get("text"), f"{where}.text"),
            "note": _text(entry.get("note"), f"{where}.note", required=False),
            "cites": cited_codes,
            "actions": [str(k) for k in action_keys],
        }
        numbering.append((quadrant, number))
    _numbered(numbering, "strategies")
    return strategies
