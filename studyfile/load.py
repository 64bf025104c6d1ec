"""Loading a checked study file into the database: all of it in one transaction, or nothing.

Replacing a loaded study (`replace=True`) keeps the study: the same row and id, so its History
and its links stay; its details are updated and its factors, strategies and actions deleted
(recorded as deleted by the replace, `planning.history.REPLACED`) and loaded anew. A study
changed since it was loaded (`changes_since_load`) is replaced only with `force=True`, after
`keep_copy` (e.g. writing an export of it) has run on it as it was. A study in the bin is
never loaded over.

The file's `report:` mapping is the study's ReportStyle; a replaced study whose file has none
goes back to the report's defaults (its ReportStyle is deleted, as its items are). Likewise
David's tools: the factors' weights and ratings, the SPACE matrix and the QSPM sets are the
file's, and a replace drops those the file no longer has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone

from actions.models import Action, ActionLink
from evaluation.models import (
    Assessment,
    QspmChoice,
    QspmScore,
    QspmSet,
    SpaceMatrix,
    SpaceVariable,
)
from planning.history import (
    BINNED,
    BROUGHT_BACK,
    LOADED,
    REPLACED,
    deletions_recorded_as,
    record_loaded,
)
from planning.rules import check_citation
from planning.vocabulary import DISPLAY_ORDER, QUADRANT_ORDER
from strategies.models import Citation, Strategy
from studyfile.schema import (
    Evaluation,
    StudyFileError,
    parse_actions,
    parse_evaluation,
    parse_factors,
    parse_report,
    parse_strategies,
    parse_study,
    read_study_file,
)
from swot.locks import lock_study
from swot.models import Factor, ReportStyle, Study


class EditedSinceLoad(StudyFileError):
    """Replacing would drop changes made to the study since it was loaded."""

    def __init__(self, slug: str, changes: int, last: datetime) -> None:
        self.slug, self.changes, self.last = slug, changes, last
        when = last.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        noun = "change was" if changes == 1 else "changes were"
        super().__init__(
            f"study.slug: {changes} {noun} made to the study '{slug}' since it was loaded (the "
            f"last on {when}); replacing it would drop them, so nothing was changed"
        )


@dataclass
class Changes:
    count: int
    last: datetime | None


def changes_since_load(study: Study) -> Changes:
    """The history rows of the study and its items recorded since it was last loaded.

    Loading writes no row after `loaded_at` (it is set last, by an update that records none), so
    any row newer is someone's change: an analyst's edit, the admin's, a restore. Moving the
    study to the bin and back is not a change of its contents, nor are a replace's own rows. A
    study with no `loaded_at` (made in the editor or the admin, or loaded before it was
    recorded) counts every change and deletion, and every addition by a user: a loader's
    additions carry none.
    """
    histories = {
        "study": Study.history.model.objects.filter(id=study.pk),
        "factor": Factor.history.model.objects.filter(study_id=study.pk),
        "strategy": Strategy.history.model.objects.filter(study_id=study.pk),
        "action": Action.history.model.objects.filter(study_id=study.pk),
    }
    strategy_ids = Strategy.history.model.objects.filter(study_id=study.pk).values("id")
    live_ids = Strategy.objects.filter(study_id=study.pk).values("id")
    in_study = Q(strategy_id__in=strategy_ids) | Q(strategy_id__in=live_ids)
    histories["citation"] = Citation.history.model.objects.filter(in_study)
    histories["link"] = ActionLink.history.model.objects.filter(in_study)
    histories["report style"] = ReportStyle.history.model.objects.filter(study_id=study.pk)
    # David's tools: a weight, a SPACE score or a QSPM cell edited since the load is a change.
    factor_ids = Factor.history.model.objects.filter(study_id=study.pk).values("id")
    live_factor_ids = Factor.objects.filter(study_id=study.pk).values("id")
    histories["assessment"] = Assessment.history.model.objects.filter(
        Q(factor_id__in=factor_ids) | Q(factor_id__in=live_factor_ids)
    )
    histories["space matrix"] = SpaceMatrix.history.model.objects.filter(study_id=study.pk)
    histories["space variable"] = SpaceVariable.history.model.objects.filter(study_id=study.pk)
    histories["qspm set"] = QspmSet.history.model.objects.filter(study_id=study.pk)
    set_ids = QspmSet.history.model.objects.filter(study_id=study.pk).values("id")
    live_set_ids = QspmSet.objects.filter(study_id=study.pk).values("id")
    in_sets = Q(qspm_set_id__in=set_ids) | Q(qspm_set_id__in=live_set_ids)
    histories["qspm choice"] = QspmChoice.history.model.objects.filter(in_sets)
    histories["qspm score"] = QspmScore.history.model.objects.filter(in_sets)
    if study.loaded_at is not None:
        edits = Q(history_date__gt=study.loaded_at)
    else:
        edits = Q(history_type__in=["~", "-"]) | Q(history_user__isnull=False)
    not_edits = Q(history_change_reason__in=[REPLACED, BINNED, BROUGHT_BACK])
    count, last = 0, None
    for rows in histories.values():
        found = (
            rows.filter(edits)
            .exclude(not_edits)
            .aggregate(n=Count("history_id"), last=Max("history_date"))
        )
        count += found["n"]
        if found["last"] and (last is None or found["last"] > last):
            last = found["last"]
    return Changes(count=count, last=last)


@dataclass
class LoadResult:
    study: Study
    replaced: bool
    changes_replaced: int = 0
    factors: dict[str, int] = field(default_factory=dict)
    strategies: dict[str, int] = field(default_factory=dict)
    actions: int = 0
    action_links: int = 0
    citations: int = 0
    assessments: int = 0  # factors given a weight or a rating
    space_variables: int = 0
    qspm_sets: int = 0

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
            f"  action links: {self.action_links}" + self.evaluation_summary()
        )

    def evaluation_summary(self) -> str:
        """Lines on David's tools, those the file has."""
        counts = {
            "factors weighted or rated": self.assessments,
            "SPACE variables": self.space_variables,
            "QSPM sets": self.qspm_sets,
        }
        return "".join(f"\n  {label}: {n}" for label, n in counts.items() if n)


def load_study(
    data: dict[str, Any],
    *,
    replace: bool = False,
    force: bool = False,
    keep_copy: Callable[[Study], Any] | None = None,
) -> LoadResult:
    """Check the whole file, then write it in one transaction. Raises StudyFileError.

    A study with the file's slug is refused unless `replace`; with it, a study changed since it
    was loaded is refused (EditedSinceLoad) unless `force`. Before a forced replace, and under
    the study's lock, `keep_copy(study)` runs on the study as it is (an exception from it
    changes nothing)."""
    study_values = parse_study(data)
    factors = parse_factors(data)
    actions = parse_actions(data)
    strategies = parse_strategies(data, factors, actions)
    report = parse_report(data)
    evaluation = parse_evaluation(data, factors, strategies)

    with transaction.atomic():
        existing = Study.objects.filter(slug=study_values["slug"]).first()
        if existing:
            # The study's lock (swot/locks.py): an editor's write to the study being replaced
            # finishes first, or waits for this load and then finds the study as the file left
            # it (an item it names is gone: a 404).
            try:
                lock_study(existing.pk)
                existing.refresh_from_db()  # as it is now that writes to it wait for this load
            except Http404:  # deleted just now: a new one is refused at its INSERT
                existing = None
        if existing and existing.in_bin:
            raise StudyFileError(
                f"study.slug: the study '{study_values['slug']}' is in the bin; nothing was "
                "changed (bring it back or delete it permanently in the admin first)"
            )
        if existing and not replace:
            raise StudyFileError(
                f"study.slug: a study '{study_values['slug']}' is already loaded; nothing was "
                "changed (use --replace to replace it)"
            )
        if existing:
            changes = changes_since_load(existing)
            if changes.count and not force:
                raise EditedSinceLoad(existing.slug, changes.count, changes.last)
            if force and keep_copy is not None:
                keep_copy(existing)
            study = replace_in_place(existing, study_values)
        else:
            study = create_study(study_values)
        result = LoadResult(study=study, replaced=existing is not None)
        if existing:
            result.changes_replaced = changes.count

        factor_rows = {code: Factor(study=study, **values) for code, values in factors.items()}
        Factor.objects.bulk_create(factor_rows.values())
        record_loaded(Factor, factor_rows.values())  # the original wording, for the History
        for values in factors.values():
            result.factors[values["kind"]] = result.factors.get(values["kind"], 0) + 1

        # Actions in order of first use, so their ids follow the study's reading order.
        used = [place["action"] for s in strategies.values() for place in s["actions"]]
        ordered_keys = list(dict.fromkeys(used + list(actions)))
        action_rows = {key: Action(study=study, text=actions[key]) for key in ordered_keys}
        Action.objects.bulk_create(action_rows.values())
        record_loaded(Action, action_rows.values())
        result.actions = len(action_rows)

        citations, links = [], []
        for code, values in strategies.items():
            strategy = Strategy(
                study=study,
                quadrant=values["quadrant"],
                number=values["number"],
                text=values["text"],
                note=values["note"],
            )
            strategy._change_reason = LOADED  # its creation row: loaded, like the factors'
            strategy.save()
            result.strategies[values["quadrant"]] = result.strategies.get(values["quadrant"], 0) + 1
            for factor_code in values["cites"]:
                factor = factor_rows[factor_code]
                try:
                    check_citation(strategy, factor)
                except ValidationError as exc:
                    raise StudyFileError(f"strategies.{code}.cites: {exc.messages[0]}") from None
                citations.append(Citation(strategy=strategy, factor=factor))
            links.extend(
                ActionLink(
                    strategy=strategy,
                    action=action_rows[place["action"]],
                    position=position,
                    wording=place["wording"],
                    footnote=place["footnote"],
                )
                for position, place in enumerate(values["actions"], start=1)
            )
        Citation.objects.bulk_create(citations)
        ActionLink.objects.bulk_create(links)
        record_loaded(Citation, citations)
        record_loaded(ActionLink, links)
        result.citations, result.action_links = len(citations), len(links)
        write_report_style(study, report)
        write_evaluation(study, factor_rows, evaluation, result)
        # Last, and recording no history row: every row of this load is older than loaded_at.
        study.loaded_at = timezone.now()
        Study.objects.filter(pk=study.pk).update(loaded_at=study.loaded_at)
    return result


def replace_in_place(study: Study, values: dict[str, Any]) -> Study:
    """The study's details from the file, its items deleted (the caller loads the file's):
    the same row, id and History. Call it under the study's lock."""
    with deletions_recorded_as(REPLACED):
        # David's tools first (a factor's weight and rating go with the factor).
        QspmSet.objects.filter(study=study).delete()  # its strategies and scores with it
        SpaceVariable.objects.filter(study=study).delete()
        SpaceMatrix.objects.filter(study=study).delete()
        # Strategies first: their citations and action links go with them.
        Strategy.objects.filter(study=study).delete()
        Action.objects.filter(study=study).delete()
        Factor.objects.filter(study=study).delete()
    for name, value in values.items():
        setattr(study, name, value)
    study._change_reason = REPLACED
    study.save()
    return study


def write_report_style(study: Study, values: dict[str, str] | None) -> None:
    """The study's ReportStyle as the file's `report:` mapping has it; none without one."""
    style = ReportStyle.objects.filter(study=study).first()
    if values is None:
        if style is not None:
            with deletions_recorded_as(REPLACED):
                style.delete()
        return
    if style is None:
        style = ReportStyle(study=study)
    else:
        style._change_reason = REPLACED
    for name, value in values.items():
        setattr(style, name, value)
    style.save()


def write_evaluation(
    study: Study, factor_rows: dict[str, Factor], evaluation: Evaluation, result: LoadResult
) -> None:
    """The file's weights and ratings, SPACE matrix and QSPM sets, on the factors and strategies
    just loaded (checked by studyfile.schema.parse_evaluation)."""
    assessments = [
        Assessment(factor=factor_rows[code], weight=values["weight"], rating=values["rating"])
        for code, values in evaluation.assessments.items()
    ]
    Assessment.objects.bulk_create(assessments)
    record_loaded(Assessment, assessments)
    result.assessments = len(assessments)
    if evaluation.space is not None:
        matrix = SpaceMatrix(study=study, scale=evaluation.space["scale"])
        matrix._change_reason = LOADED
        matrix.save()
        variables = [
            SpaceVariable(study=study, **values) for values in evaluation.space["variables"]
        ]
        SpaceVariable.objects.bulk_create(variables)
        record_loaded(SpaceVariable, variables)
        result.space_variables = len(variables)
    if not evaluation.qspm:
        return
    strategy_rows = {s.code: s for s in Strategy.objects.filter(study=study)}
    sets = [
        QspmSet(study=study, name=entry["name"], position=entry["position"])
        for entry in evaluation.qspm
    ]
    QspmSet.objects.bulk_create(sets)
    choices, scores = [], []
    for qspm_set, entry in zip(sets, evaluation.qspm, strict=True):
        chosen = [strategy_rows[code] for code in entry["strategies"]]
        choices.extend(
            QspmChoice(qspm_set=qspm_set, strategy=strategy, position=position)
            for position, strategy in enumerate(chosen, start=1)
        )
        scores.extend(
            QspmScore(qspm_set=qspm_set, factor=factor_rows[code], strategy=strategy, score=score)
            for code, row in entry["scores"].items()
            for strategy, score in zip(chosen, row, strict=True)
        )
    QspmChoice.objects.bulk_create(choices)
    QspmScore.objects.bulk_create(scores)
    for model, rows in ((QspmSet, sets), (QspmChoice, choices), (QspmScore, scores)):
        record_loaded(model, rows)
    result.qspm_sets = len(sets)


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


def load_study_file(
    path: str | Path,
    *,
    replace: bool = False,
    force: bool = False,
    keep_copy: Callable[[Study], Any] | None = None,
) -> LoadResult:
    return load_study(read_study_file(path), replace=replace, force=force, keep_copy=keep_copy)
