"""Loading a checked study file into the database: all of it in one transaction, or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from actions.models import Action, ActionLink
from planning.rules import check_citation
from planning.vocabulary import DISPLAY_ORDER, QUADRANT_ORDER
from strategies.models import Citation, Strategy
from studyfile.schema import (
    StudyFileError,
    parse_actions,
    parse_factors,
    parse_strategies,
    parse_study,
    read_study_file,
)
from swot.locks import lock_study
from swot.models import Factor, Study


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
        kinds = ", ".join(f"{k} {self.factors.get(k, 0)}" for k in DISPLAY_ORDER)
        quads = ", ".join(f"{q} {self.strategies.get(q, 0)}" for q in QUADRANT_ORDER)
        verb = "Replaced" if self.replaced else "Loaded"
        return (
            f"{verb} study '{self.study.slug}' ({self.study.title}):\n"
            f"  factors: {sum(self.factors.values())} ({kinds})\n"
            f"  strategies: {sum(self.strategies.values())} ({quads})\n"
            f"  citations: {self.citations}\n"
            f"  actions: {self.actions}\n"
            f"  action links: {self.action_links}"
        )


def load_study(data: dict[str, Any], *, replace: bool = False) -> LoadResult:
    """Check the whole file, then write it in one transaction. Raises StudyFileError."""
    study_values = parse_study(data)
    factors = parse_factors(data)
    actions = parse_actions(data)
    strategies = parse_strategies(data, factors, actions)

    with transaction.atomic():
        existing = Study.objects.filter(slug=study_values["slug"]).first()
        if existing:
            # The study's lock (swot/locks.py): an editor's write to the study being replaced
            # finishes first, or waits for this load and then finds its study gone.
            try:
                lock_study(existing.pk)
            except Http404:  # deleted or replaced just now: a new one is refused at its INSERT
                existing = None
        if existing and not replace:
            raise StudyFileError(
                f"study.slug: a study '{study_values['slug']}' is already loaded; nothing was "
                "changed (use --replace to replace it)"
            )
        if existing:
            existing.delete()
        study = create_study(study_values)
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


def create_study(values: dict[str, Any]) -> Study:
    """The study's row; a slug another load created at the same moment is refused."""
    try:
        with transaction.atomic():
            return Study.objects.create(**values)
    except IntegrityError:
        if not Study.objects.filter(slug=values["slug"]).exists():
            raise
        raise StudyFileError(
            f"study.slug: a study '{values['slug']}' was loaded at the same moment; nothing "
            "was changed by this load"
        ) from None


def load_study_file(path: str | Path, *, replace: bool = False) -> LoadResult:
    return load_study(read_study_file(path), replace=replace)
