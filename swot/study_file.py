"""Reading a study file (YAML or JSON keyed by factor and strategy codes) into the database.

The format is meant to be written by hand:

    study: {slug: …, title: …, city: …, subject: …, year: …, source: …, language: fa}
    factors:   {S1: "text", S2: {text: "…", note: "…"}, O1: …, W1: …, T1: …}
    actions:   {A1: "text", A2: "text"}          # keys are local to the file
    strategies:
      SO1: {text: "…", cites: "S1,3 O2,5", note: "…", actions: [A1, A2]}

Everything is checked before anything is written, and the writing runs in one
transaction, so a bad file loads nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from actions.models import Action, ActionLink
from strategies.citations import CitationSyntaxError, parse_compact
from strategies.models import Citation, Strategy
from strategies.rules import check_citation
from swot.models import Factor, Study

FACTOR_CODE = re.compile(r"([A-Za-z]+)(\d+)")
STRATEGY_CODE = re.compile(r"([A-Za-z]+)(\d+)")


class StudyFileError(Exception):
    """A problem with the file; the message names the record and what is wrong."""


@dataclass
class LoadResult:
    study: Study
    replaced: bool
    factors: dict[str, int] = field(default_factory=dict)
    strategies: dict[str, int] = field(default_factory=dict)
    actions: int = 0
    action_links: int = 0
    citations: int = 0

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {self.factors.get(k, 0)}" for k in Factor.DISPLAY_ORDER)
        quads = ", ".join(f"{q} {self.strategies.get(q, 0)}" for q in Strategy.Quadrant.values)
        verb = "Replaced" if self.replaced else "Loaded"
        return (
            f"{verb} study '{self.study.slug}' ({self.study.title}):\n"
            f"  factors: {sum(self.factors.values())} ({kinds})\n"
            f"  strategies: {sum(self.strategies.values())} ({quads})\n"
            f"  citations: {self.citations}\n"
            f"  actions: {self.actions}\n"
            f"  action links: {self.action_links}"
        )


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
    text = str(value).strip()
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
        expected = set(range(1, len(numbers) + 1))
        missing = sorted(expected - set(numbers))
        if missing:
            raise StudyFileError(
                f"{what}: {prefix} numbers must run 1..{len(numbers)} without gaps; "
                f"{prefix}{missing[0]} is missing"
            )


def _parse_study(data: dict[str, Any]) -> dict[str, Any]:
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
        Study._meta.get_field("slug").run_validators(values["slug"])
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise StudyFileError(f"study.{field_name}: {' '.join(messages)}") from None
    return values


def _parse_factors(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    factors: dict[str, dict[str, Any]] = {}
    numbering: list[tuple[str, int]] = []
    for code, entry in _mapping(data, "factors").items():
        where = f"factors.{code}"
        match = FACTOR_CODE.fullmatch(str(code))
        if not match:
            raise StudyFileError(f"{where}: '{code}' is not a factor code like S3 or O10")
        kind, number = match.group(1).upper(), int(match.group(2))
        if kind not in Factor.Kind.values:
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


def _parse_actions(data: dict[str, Any]) -> dict[str, str]:
    return {
        str(key): _text(entry, f"actions.{key}")
        for key, entry in _mapping(data, "actions", required=False).items()
    }


def _parse_strategies(
    data: dict[str, Any], factors: dict[str, dict[str, Any]], actions: dict[str, str]
) -> dict[str, dict[str, Any]]:
    strategies: dict[str, dict[str, Any]] = {}
    numbering: list[tuple[str, int]] = []
    for code, entry in _mapping(data, "strategies", required=False).items():
        where = f"strategies.{code}"
        match = STRATEGY_CODE.fullmatch(str(code))
        quadrant = match.group(1).upper() if match else ""
        if not match or quadrant not in Strategy.Quadrant.values:
            raise StudyFileError(
                f"{where}: '{code}' is not a strategy code (SO, WO, ST or WT and a number)"
            )
        number = int(match.group(2))
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


def load_study(data: dict[str, Any], *, replace: bool = False) -> LoadResult:
    """Check the whole file, then write it in one transaction. Raises StudyFileError."""
    study_values = _parse_study(data)
    factors = _parse_factors(data)
    actions = _parse_actions(data)
    strategies = _parse_strategies(data, factors, actions)

    with transaction.atomic():
        existing = Study.objects.select_for_update().filter(slug=study_values["slug"]).first()
        if existing and not replace:
            raise StudyFileError(
                f"study.slug: a study '{study_values['slug']}' is already loaded; nothing was "
                "changed (use --replace to replace it)"
            )
        if existing:
            existing.delete()
        study = Study.objects.create(**study_values)
        result = LoadResult(study=study, replaced=existing is not None)

        factor_rows = {code: Factor(study=study, **values) for code, values in factors.items()}
        Factor.objects.bulk_create(factor_rows.values())
        for values in factors.values():
            result.factors[values["kind"]] = result.factors.get(values["kind"], 0) + 1

        # Actions in order of first use, so their ids follow the study's reading order.
        used = [key for s in strategies.values() for key in s["actions"]]
        ordered_keys = list(dict.fromkeys(used + list(actions)))
        action_rows = {key: Action(study=study, text=actions[key]) for key in ordered_keys}
        Action.objects.bulk_create(action_rows.values())
        result.actions = len(action_rows)

        citations, links = [], []
        for code, values in strategies.items():
            strategy = Strategy.objects.create(
                study=study,
                quadrant=values["quadrant"],
                number=values["number"],
                text=values["text"],
                note=values["note"],
            )
            result.strategies[values["quadrant"]] = result.strategies.get(values["quadrant"], 0) + 1
            for factor_code in values["cites"]:
                factor = factor_rows[factor_code]
                try:
                    check_citation(strategy, factor)
                except ValidationError as exc:
                    raise StudyFileError(f"strategies.{code}.cites: {exc.messages[0]}") from None
                citations.append(Citation(strategy=strategy, factor=factor))
            links.extend(
                ActionLink(strategy=strategy, action=action_rows[key], position=position)
                for position, key in enumerate(values["actions"], start=1)
            )
        Citation.objects.bulk_create(citations)
        ActionLink.objects.bulk_create(links)
        result.citations, result.action_links = len(citations), len(links)
    return result


def load_study_file(path: str | Path, *, replace: bool = False) -> LoadResult:
    return load_study(read_study_file(path), replace=replace)
