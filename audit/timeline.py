"""A study's change history: who changed what, when, before and after, a page at a time.

Recording is planning.history's (`PlanningHistory` on every planning model); this reads the
rows back. The whole history of a study is one UNION over the six history tables (`timeline`);
a page of it costs a count, the page of the timeline, and one query per model on the page.
What each row says is `audit.wording`'s; restoring a deletion is `audit.restore`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat

from audit.tracked import RESTORABLE, live, recorded
from audit.wording import WORDING, Entry, describe
from planning.history import LOADED

PAGE_SIZE = 50


@dataclass
class HistoryPage:
    page: Page
    entries: list[Entry]


def study_rows(study) -> dict[str, models.QuerySet]:
    """Every historical row of the study, per model.

    Citations and action links have no study column: they are found through the strategies
    that are or ever were in the study (a deleted strategy's rows stay in its history table).
    """
    in_study = Q(
        strategy_id__in=recorded("strategy").objects.filter(study_id=study.pk).values("id")
    ) | Q(strategy_id__in=live("strategy").objects.filter(study_id=study.pk).values("id"))
    return {
        "study": recorded("study").objects.filter(id=study.pk),
        "factor": recorded("factor").objects.filter(study_id=study.pk),
        "strategy": recorded("strategy").objects.filter(study_id=study.pk),
        "citation": recorded("citation").objects.filter(in_study),
        "action": recorded("action").objects.filter(study_id=study.pk),
        "link": recorded("link").objects.filter(in_study),
    }


def listed_rows(study) -> dict[str, models.QuerySet]:
    """The rows the History page lists: all but the items' creation rows written by the study
    loader (planning.history.LOADED; loading is not an edit). Those stay the "before" of each
    item's first edit, its original wording."""
    rows = study_rows(study)
    return {
        name: found if name == "study" else found.exclude(history_change_reason=LOADED)
        for name, found in rows.items()
    }


def timeline(study) -> models.QuerySet:
    """(when, history_id, model) of every row of the study, newest first: one UNION query."""
    parts = [
        rows.order_by()
        .annotate(model=Value(name, output_field=CharField()))
        .values_list("history_date", "history_id", "model")
        for name, rows in listed_rows(study).items()
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id", "model")


def _code(letters: str) -> Concat:
    """SQL for a code: S + 4 → S4 (letters: kind or quadrant)."""
    return Concat(F(letters), Cast("number", CharField()), output_field=CharField())


def _as_of(name: str, fk: str, value) -> Coalesce:
    """`value` (a code, a text) of the item `fk` points to, when the outer row was written.

    Its last row up to then; else its first row after (an item loaded from a study file before
    the loader recorded creation rows gets its first row when it is first changed or deleted);
    else the item as it is now.
    """
    rows = recorded(name).objects.filter(id=OuterRef(fk)).annotate(value=value).values("value")
    before = rows.filter(history_date__lte=OuterRef("history_date")).order_by(
        "-history_date", "-history_id"
    )
    after = rows.filter(history_date__gt=OuterRef("history_date")).order_by(
        "history_date", "history_id"
    )
    now = live(name).objects.filter(pk=OuterRef(fk)).annotate(value=value).values("value")
    return Coalesce(
        Subquery(before[:1]), Subquery(after[:1]), Subquery(now[:1]), output_field=TextField()
    )


def _annotations(name: str) -> dict[str, Any]:
    if name == "citation":
        return {
            "strategy_code": _as_of("strategy", "strategy_id", _code("quadrant")),
            "factor_code": _as_of("factor", "factor_id", _code("kind")),
        }
    if name == "link":
        return {
            "strategy_code": _as_of("strategy", "strategy_id", _code("quadrant")),
            "action_text": _as_of("action", "action_id", F("text")),
        }
    if name in RESTORABLE:
        later = recorded(name).objects.filter(
            id=OuterRef("id"), history_id__gt=OuterRef("history_id")
        )
        now = live(name).objects.filter(pk=OuterRef("id"))
        latest = recorded(name).objects.filter(id=OuterRef("id")).order_by("-history_id")
        return {
            "exists_now": Exists(now),
            "superseded": Exists(later),
            # For "restore the earlier wording": the item's wording now, and its newest row
            # (the form sends it back: a restore is refused if the item changed since).
            "latest_id": Subquery(latest.values("history_id")[:1]),
            **{f"current_{f}": Subquery(now.values(f)[:1]) for f in WORDING[name]},
        }
    return {}


def _rows(name: str, history_ids: list[int]) -> dict[int, models.Model]:
    """The rows of one model on the page and the row before each: one query."""
    history = recorded(name)
    previous = Subquery(
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    on_page = history.objects.filter(history_id__in=history_ids)
    wanted = Q(history_id__in=history_ids) | Q(
        history_id__in=on_page.annotate(previous=previous).values("previous")
    )
    rows = (
        history.objects.filter(wanted)
        .select_related("history_user")
        .annotate(previous_id=previous, **_annotations(name))
        .order_by()
    )
    return {row.history_id: row for row in rows}


def load_page(study, number: Any = 1, per_page: int = PAGE_SIZE) -> HistoryPage:
    """One page of the study's history, newest first, in a fixed number of queries:
    a count and a page of the timeline, then one query per model on the page.

    Call it under `planning.language.in_study_language`: the lines are worded as it reads them.
    """
    page = Paginator(timeline(study), per_page).get_page(number)
    wanted: dict[str, list[int]] = {}
    for __, history_id, name in page.object_list:
        wanted.setdefault(name, []).append(history_id)
    rows = {name: _rows(name, ids) for name, ids in wanted.items()}
    entries = []
    for __, history_id, name in page.object_list:
        row = rows[name][history_id]
        entries.append(describe(name, row, rows[name].get(row.previous_id)))
    return HistoryPage(page=page, entries=entries)
