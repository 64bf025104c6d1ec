"""A study's change history: who changed what, when, before and after; deleted items restored.

Recording is django-simple-history's: Study, Factor, Strategy, Citation, Action and ActionLink
each have `history = PlanningHistory()`, which writes a historical row on every save and delete
(cascades included) with the user from HistoryRequestMiddleware; `swot.numbering.renumber`
records the new numbers its bulk_update gives after a delete, move or restore. One write leaves
no row: the study loader's bulk_create (loading is not an edit). So a code in a row is the code
the item had when that row was written, and an item loaded from a study file may have no
creation row at all.

This module imports no models at import time: the models import `PlanningHistory` from here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asgiref.local import Local
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, models, transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import Http404
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from swot.numbering import renumber
from swot.templatetags.planning import digits

PAGE_SIZE = 50

# history_change_reason of the rows this module marks.
RESTORED = "restored"  # a row written by restore()
DELETION = "deletion:"  # + a token shared by a deleted item and everything deleted with it

_deleting = Local()


def _tokens() -> dict[tuple[str, Any], str]:
    """(model label, pk) → deletion token, for the objects being deleted in this thread."""
    tokens = getattr(_deleting, "tokens", None)
    if tokens is None:
        tokens = _deleting.tokens = {}
    return tokens


def _key(instance: models.Model) -> tuple[str, Any]:
    return instance._meta.label, instance.pk


def _deletion_token(instance: models.Model) -> str:
    """The token of the deletion that takes `instance` with it: its parent's, else its own."""
    tokens = _tokens()
    for model_field in instance._meta.concrete_fields:
        if model_field.many_to_one:
            parent = (model_field.related_model._meta.label, getattr(instance, model_field.attname))
            if parent in tokens:
                return tokens[parent]
    return tokens.get(_key(instance), "")


class PlanningHistory(HistoricalRecords):
    """HistoricalRecords with two additions for the History page and restoring.

    - A deleted row's history_change_reason names its deletion: a factor deleted with its
      citations (a cascade) gives them all one token, so restoring the factor brings back
      exactly the citations deleted with it, not those removed earlier by hand.
    - A field saved as an expression (`version = F("version") + 1` in
      swot.concurrency.save_unless_stale) is recorded with the value the database stored.
    """

    def pre_delete(self, instance, **kwargs):
        super().pre_delete(instance, **kwargs)
        # Sent for every collected object before any is deleted, so parents have their
        # token before their children's rows are written.
        _tokens()[_key(instance)] = DELETION + uuid.uuid4().hex

    def post_delete(self, instance, using=None, **kwargs):
        try:
            super().post_delete(instance, using=using, **kwargs)
        finally:
            _tokens().pop(_key(instance), None)

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        if history_type == "-" and not reason:
            reason = _deletion_token(instance)
        return reason

    def create_historical_record(self, instance, history_type, using=None):
        pending = [
            f.attname
            for f in self.fields_included(instance)
            if hasattr(getattr(instance, f.attname), "resolve_expression")
        ]
        if pending and history_type != "-":
            instance.refresh_from_db(fields=pending)
        super().create_historical_record(instance, history_type, using=using)


# The page ---------------------------------------------------------------------------------

TRACKED = {
    "study": ("swot", "Study"),
    "factor": ("swot", "Factor"),
    "strategy": ("strategies", "Strategy"),
    "citation": ("strategies", "Citation"),
    "action": ("actions", "Action"),
    "link": ("actions", "ActionLink"),
}
RESTORABLE = ("factor", "strategy", "action")

# Fields compared between a row and the one before it (a "~" row) …
COMPARED = {
    "study": ["title", "city", "subject", "year", "source", "language", "slug"],
    "factor": ["kind", "number", "text", "note"],
    "strategy": ["quadrant", "number", "text", "note"],
    "citation": [],
    "action": ["text"],
    "link": ["position"],
}
# … and shown as they were on an added (+) or deleted (-) item; its code is in the "what".
SHOWN = {
    "study": ["title"],
    "factor": ["text", "note"],
    "strategy": ["text", "note"],
    "citation": [],
    "action": ["text"],
    "link": ["position"],
}


def live(name: str) -> type[models.Model]:
    return apps.get_model(*TRACKED[name])


def recorded(name: str) -> type[models.Model]:
    """The historical model of `name` (e.g. HistoricalFactor)."""
    return live(name).history.model


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    """One line of the History page."""

    model: str
    history_id: int
    when: datetime
    who: str
    what: str
    changes: list[Change] = field(default_factory=list)
    note: str = ""
    restorable: bool = False


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


def timeline(study) -> models.QuerySet:
    """(when, history_id, model) of every row of the study, newest first: one UNION query."""
    parts = [
        rows.order_by()
        .annotate(model=Value(name, output_field=CharField()))
        .values_list("history_date", "history_id", "model")
        for name, rows in study_rows(study).items()
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id", "model")


def _code(letters: str) -> Concat:
    """SQL for a code: S + 4 → S4 (letters: kind or quadrant)."""
    return Concat(F(letters), Cast("number", CharField()), output_field=CharField())


def _as_of(name: str, fk: str, value) -> Coalesce:
    """`value` (a code, a text) of the item `fk` points to, when the outer row was written.

    Its last row up to then; else its first row after (an item loaded from a study file gets
    its first row when it is first changed or deleted); else the item as it is now.
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
        return {
            "exists_now": Exists(live(name).objects.filter(pk=OuterRef("id"))),
            "superseded": Exists(later),
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
    a count and a page of the timeline, then one query per model on the page."""
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


# What a row says ---------------------------------------------------------------------------


def _text(text: str | None) -> str:
    return Truncator(text or "").chars(60)


def item_label(name: str, row) -> str:
    """'Factor S4', 'Strategy SO1', 'Action “…”' as the row recorded it."""
    if name == "factor":
        return _("Factor %(code)s") % {"code": digits(f"{row.kind}{row.number}")}
    if name == "strategy":
        return _("Strategy %(code)s") % {"code": digits(f"{row.quadrant}{row.number}")}
    if name == "action":
        return _("Action “%(text)s”") % {"text": _text(row.text)}
    return _("The study")


def what(name: str, row) -> str:
    kind = row.history_type
    if name == "study":
        return {"+": _("Study created"), "~": _("Study details changed")}.get(
            kind, _("Study deleted")
        )
    if name == "citation":
        codes = {
            "strategy": digits(row.strategy_code or "?"),
            "factor": digits(row.factor_code or "?"),
        }
        if kind == "+":
            return _("%(strategy)s now cites %(factor)s") % codes
        if kind == "-":
            return _("%(strategy)s no longer cites %(factor)s") % codes
        return _("Citation of %(factor)s by %(strategy)s changed") % codes
    if name == "link":
        names = {"strategy": digits(row.strategy_code or "?"), "action": _text(row.action_text)}
        if kind == "+":
            return _("Action “%(action)s” attached to %(strategy)s") % names
        if kind == "-":
            return _("Action “%(action)s” detached from %(strategy)s") % names
        return _("Action “%(action)s” moved in %(strategy)s") % names
    item = {"item": item_label(name, row)}
    if kind == "+":
        if row.history_change_reason == RESTORED:
            return _("%(item)s restored") % item
        return _("%(item)s added") % item
    if kind == "~":
        return _("%(item)s changed") % item
    return _("%(item)s deleted") % item


def _label(name: str, field_name: str) -> str:
    return capfirst(live(name)._meta.get_field(field_name).verbose_name)


def _show(name: str, field_name: str, value) -> str:
    if value is None or value == "":
        return ""
    model_field = live(name)._meta.get_field(field_name)
    if model_field.choices:
        value = dict(model_field.flatchoices).get(value, value)
    if isinstance(value, int):
        return digits(value)
    return str(value)


def changes(name: str, row, previous) -> tuple[list[Change], str]:
    """Before → after of the fields that changed, and a note when there is no before."""
    if row.history_type == "~":
        if previous is None:  # e.g. an item loaded from a file, changed for the first time
            values = [(f, _show(name, f, getattr(row, f))) for f in SHOWN[name]]
            after = [Change(_label(name, f), "", value) for f, value in values if value]
            return after, _("No earlier version was recorded: the values as saved.")
        delta = row.diff_against(previous, included_fields=COMPARED[name])
        return [
            Change(_label(name, c.field), _show(name, c.field, c.old), _show(name, c.field, c.new))
            for c in delta.changes
        ], ""
    values = [(f, _show(name, f, getattr(row, f))) for f in SHOWN[name]]
    if row.history_type == "+":
        return [Change(_label(name, f), "", value) for f, value in values if value], ""
    return [Change(_label(name, f), value, "") for f, value in values if value], ""


def describe(name: str, row, previous) -> Entry:
    user = row.history_user
    listed, note = changes(name, row, previous)
    restorable = False
    if name in RESTORABLE and row.history_type == "-":
        restorable = not row.exists_now and not row.superseded
        if row.exists_now:
            note = _("Restored since.")
    return Entry(
        model=name,
        history_id=row.history_id,
        when=row.history_date,
        who=(user.get_full_name() or user.get_username()) if user else "",
        what=what(name, row),
        changes=listed,
        note=note,
        restorable=restorable,
    )


# Restoring ---------------------------------------------------------------------------------


class RestoreRefused(Exception):
    """A restore that cannot be done; the message says why, in the reader's language."""


def restore(study, name: str, history_id: int, user) -> str:
    """Bring back a deleted factor, strategy or action, as the deletion row recorded it.

    It returns to its former number in its kind or quadrant (later ones move down, clamped
    to the end), with the citations and action links deleted with it whose other end still
    exists; each link goes back to its former position in its program. All or nothing.
    Returns the message for the analyst; raises RestoreRefused or Http404.
    """
    if name not in RESTORABLE:
        raise Http404("Only factors, strategies and actions can be restored.")
    record = recorded(name).objects.filter(history_id=history_id, study_id=study.pk).first()
    if record is None:
        raise Http404("No such change in this study.")
    try:
        with transaction.atomic():
            return _restore(study, name, record, user)
    except IntegrityError:
        if not live(name).objects.filter(pk=record.id).exists():
            raise
        # Restored by someone else at the same moment.
        raise RestoreRefused(already_restored(name, record)) from None


def already_restored(name: str, record) -> str:
    return _("%(item)s exists again: it has already been restored.") % {
        "item": item_label(name, record)
    }


def _restore(study, name: str, record, user) -> str:
    model = live(name)
    if record.history_type != "-":
        raise RestoreRefused(_("Only a deletion can be undone."))
    if model.objects.filter(pk=record.id).exists():
        raise RestoreRefused(already_restored(name, record))
    if recorded(name).objects.filter(id=record.id, history_id__gt=record.history_id).exists():
        raise RestoreRefused(
            _("%(item)s was deleted again later: restore it from its latest deletion.")
            % {"item": item_label(name, record)}
        )
    item = record.instance
    item._change_reason = RESTORED
    if name == "factor":
        siblings = model.objects.filter(study_id=study.pk, kind=item.kind)
        _put_back(item, siblings, "number", record.number, user)
        counts = _bring_back_citations(record, "factor_id", item)
    elif name == "strategy":
        siblings = model.objects.filter(study_id=study.pk, quadrant=item.quadrant)
        _put_back(item, siblings, "number", record.number, user)
        counts = _bring_back_citations(record, "strategy_id", item)
        counts = [a + b for a, b in zip(counts, _bring_back_program(record, item), strict=True)]
    else:
        item.save(force_insert=True)
        counts = _bring_back_links(record, item, user)
    return _restored_message(name, item, *counts)


def _put_back(item, siblings: models.QuerySet, field_name: str, former: int, user) -> None:
    """Insert `item` at `former` (1-based, clamped to the end) among `siblings`, renumbering
    those after it, and record its return with its final number."""
    rows = list(siblings.select_for_update().order_by(field_name))
    setattr(item, field_name, max((getattr(r, field_name) for r in rows), default=0) + 1)
    item.save_without_historical_record(force_insert=True)
    index = min(max(former, 1), len(rows) + 1) - 1
    renumber([*rows[:index], item, *rows[index:]], field_name, unrecorded=[item])
    # Its row is written now, with the number renumber() gave it.
    type(item).history.bulk_history_create([item], default_user=user)


def _deleted_with(name: str, record, fk: str) -> list:
    """The `name` rows (citations, links) that went with the deletion `record`."""
    token = record.history_change_reason or ""
    if not token.startswith(DELETION):
        return []
    rows = recorded(name).objects.filter(
        history_type="-", history_change_reason=token, **{fk: record.id}
    )
    return list(rows.order_by("history_id"))


def _bring_back_citations(record, fk: str, item) -> tuple[int, int, int]:
    """(citations, links, skipped) after re-creating the citations deleted with `record`."""
    from strategies.models import Citation
    from strategies.rules import check_citation

    gone = _deleted_with("citation", record, fk)
    other = "factor" if fk == "strategy_id" else "strategy"
    others = live(other).objects.in_bulk([getattr(c, f"{other}_id") for c in gone])
    back = 0
    for row in gone:
        end = others.get(getattr(row, f"{other}_id"))
        if end is None:
            continue
        strategy, factor = (item, end) if other == "factor" else (end, item)
        try:
            check_citation(strategy, factor)
        except ValidationError:  # e.g. the strategy's quadrant changed in the admin since
            continue
        citation = Citation(strategy=strategy, factor=factor)
        citation._change_reason = RESTORED
        citation.save(force_insert=True)
        back += 1
    return back, 0, len(gone) - back


def _bring_back_program(record, strategy) -> tuple[int, int, int]:
    """A restored strategy's action program: its links in their former order."""
    from actions.models import ActionLink

    gone = sorted(_deleted_with("link", record, "strategy_id"), key=lambda row: row.position)
    actions = live("action").objects.in_bulk([row.action_id for row in gone])
    back = 0
    for row in gone:
        action = actions.get(row.action_id)
        if action is None:
            continue
        back += 1
        link = ActionLink(strategy=strategy, action=action, position=back)
        link._change_reason = RESTORED
        link.save(force_insert=True)
    return 0, back, len(gone) - back


def _bring_back_links(record, action, user) -> tuple[int, int, int]:
    """A restored action's links, each at its former position in its strategy's program."""
    from actions.models import ActionLink

    gone = _deleted_with("link", record, "action_id")
    strategies = live("strategy").objects.in_bulk([row.strategy_id for row in gone])
    back = 0
    for row in gone:
        strategy = strategies.get(row.strategy_id)
        if strategy is None:
            continue
        link = ActionLink(strategy=strategy, action=action)
        link._change_reason = RESTORED
        _put_back(
            link, ActionLink.objects.filter(strategy=strategy), "position", row.position, user
        )
        back += 1
    return 0, back, len(gone) - back


def _restored_message(name: str, item, citations: int, links: int, skipped: int) -> str:
    parts = [_("%(item)s restored.") % {"item": item_label(name, item)}]
    if citations:
        parts.append(
            ngettext("%(n)s citation is back.", "%(n)s citations are back.", citations)
            % {"n": digits(citations)}
        )
    if links:
        parts.append(
            ngettext("%(n)s action link is back.", "%(n)s action links are back.", links)
            % {"n": digits(links)}
        )
    if skipped:
        parts.append(
            ngettext(
                "%(n)s citation or link stays deleted: what it linked to no longer exists.",
                "%(n)s citations or links stay deleted: what they linked to no longer exists.",
                skipped,
            )
            % {"n": digits(skipped)}
        )
    return " ".join(parts)
