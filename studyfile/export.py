"""Writing a study back out as a study file, in the format `studyfile.schema` reads.

`load_study` reads what `export_study` writes back to the same study: the same codes and
texts, notes, citations, programs in their order (a place with its own wording or footnote as
a mapping), the actions no strategy uses, and its ReportStyle (a `report:` mapping of what
differs from the defaults). Actions are keyed A1, A2, … in the order the study first uses them.
David's tools go with it: each factor's weight and rating (only those set), the SPACE matrix
and the QSPM sets, each set's rows only where they are scored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from actions.models import Action, ActionLink
from evaluation.figures import qspm_grids
from evaluation.models import SpaceMatrix, SpaceVariable
from planning.evaluation import DIMENSIONS, SPACE_DEFAULT_SCALE
from planning.notation import format_compact
from planning.vocabulary import DISPLAY_ORDER, QUADRANT_ORDER
from strategies.models import Citation, Strategy
from studyfile.schema import REPORT_KEYS
from swot.models import Factor, ReportStyle, Study


def export_study(study: Study) -> dict[str, Any]:
    """The study as a study file's mapping: 11 queries."""
    head: dict[str, Any] = {"slug": study.slug, "title": study.title, "city": study.city}
    for name in ("subject", "year", "source"):
        if getattr(study, name) not in ("", None):
            head[name] = getattr(study, name)
    head["language"] = str(study.language)

    factors: dict[str, Any] = {}
    rows = Factor.objects.filter(study=study).select_related("assessment")
    ordered = sorted(rows, key=lambda f: (DISPLAY_ORDER.index(f.kind), f.number))
    for factor in ordered:
        factors[factor.code] = factor_entry(factor)

    cited: dict[int, list[tuple[str, int]]] = {}
    rows = Citation.objects.filter(strategy__study=study).values_list(
        "strategy_id", "factor__kind", "factor__number"
    )
    for strategy_id, kind, number in rows:
        cited.setdefault(strategy_id, []).append((kind, number))

    programs: dict[int, list[tuple[int, str, str]]] = {}
    links = ActionLink.objects.filter(strategy__study=study).order_by(
        "strategy__quadrant", "strategy__number", "position"
    )
    rows = links.values_list("strategy_id", "action_id", "wording", "footnote")
    for strategy_id, action_id, wording, footnote in rows:
        programs.setdefault(strategy_id, []).append((action_id, wording, footnote))

    strategies = list(Strategy.objects.filter(study=study))
    strategies.sort(key=lambda s: (QUADRANT_ORDER.index(s.quadrant), s.number))
    texts = dict(Action.objects.filter(study=study).order_by("pk").values_list("pk", "text"))
    used = [pk for s in strategies for pk, _wording, _footnote in programs.get(s.pk, [])]
    keys = {pk: f"A{n}" for n, pk in enumerate(dict.fromkeys(used + list(texts)), start=1)}

    out_strategies: dict[str, Any] = {}
    for strategy in strategies:
        entry: dict[str, Any] = {"text": strategy.text}
        if strategy.note:
            entry["note"] = strategy.note
        entry["cites"] = format_compact(sorted(cited.get(strategy.pk, [])))
        entry["actions"] = [
            program_place(keys[pk], *words) for pk, *words in programs.get(strategy.pk, [])
        ]
        out_strategies[strategy.code] = entry
    out: dict[str, Any] = {"study": head}
    style = ReportStyle.objects.filter(study=study).first()
    if style is not None and (report := report_mapping(style)):
        out["report"] = report
    out["factors"] = factors
    out["actions"] = {key: texts[pk] for pk, key in keys.items()}
    out["strategies"] = out_strategies
    if (space := space_mapping(study)) is not None:
        out["space"] = space
    if qspm := qspm_list(study, ordered):
        out["qspm"] = qspm
    return out


def weight_number(weight: Decimal) -> float:
    """A weight as a YAML or JSON number: 0.200 → 0.2, 0.125 → 0.125. Exact: a weight has at
    most three decimals, and a float's repr is the shortest text that reads back to it, which
    the loader reads as that decimal."""
    return float(weight)


def factor_entry(factor: Factor) -> str | dict[str, Any]:
    """A factor's text, or a mapping with its note, weight and rating, those it has."""
    assessment = getattr(factor, "assessment", None)
    entry: dict[str, Any] = {"text": factor.text}
    if factor.note:
        entry["note"] = factor.note
    if assessment is not None and assessment.weight is not None:
        entry["weight"] = weight_number(assessment.weight)
    if assessment is not None and assessment.rating is not None:
        entry["rating"] = assessment.rating
    return entry if len(entry) > 1 else factor.text


def space_mapping(study: Study) -> dict[str, Any] | None:
    """The SPACE matrix's scale and its variables by dimension; None when the study has
    neither."""
    matrix = SpaceMatrix.objects.filter(study=study).first()
    variables = list(SpaceVariable.objects.filter(study=study).order_by("position", "pk"))
    if matrix is None and not variables:
        return None
    space: dict[str, Any] = {"scale": matrix.scale if matrix else SPACE_DEFAULT_SCALE}
    for dimension in DIMENSIONS:
        scores = {v.name: v.score for v in variables if v.dimension == dimension}
        if scores:
            space[dimension] = scores
    return space


def qspm_list(study: Study, factors: list[Factor]) -> list[dict[str, Any]]:
    """The QSPM sets in their order: name, strategies, and the scored rows in the factors'
    order (a row not scored is not relevant, and left out)."""
    return [
        {
            "name": grid.qspm_set.name,
            "strategies": [choice.strategy.code for choice in grid.choices],
            "scores": {f.code: grid.cells[f.pk] for f in factors if f.pk in grid.cells},
        }
        for grid in qspm_grids(study)
    ]


def program_place(key: str, wording: str, footnote: str) -> str | dict[str, str]:
    """An action's place in a program: its key, or a mapping when it has words of its own."""
    if not (wording or footnote):
        return key
    entry = {"action": key}
    if wording:
        entry["wording"] = wording
    if footnote:
        entry["footnote"] = footnote
    return entry


def report_mapping(style: ReportStyle) -> dict[str, str]:
    """The style's values that differ from the defaults, by their keys in a study file."""
    report = {}
    for name in REPORT_KEYS:
        value = getattr(style, name)
        if value != style._meta.get_field(name).get_default():
            report[name] = value
    return report


class _Dumper(yaml.SafeDumper):
    """Persian as it is (not escaped), keys in the order given, no anchors or aliases (the
    reader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_study_file(data: dict[str, Any], comment: str = "") -> str:
    options = {"allow_unicode": True, "sort_keys": False, "width": 100}
    text = yaml.dump(data, Dumper=_Dumper, default_flow_style=False, **options)
    if comment:
        text = "".join(f"# {line}\n" for line in comment.splitlines()) + text
    return text
