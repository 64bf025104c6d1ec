"""Restoring from the History page: a deleted factor, strategy or action (`restore`), or an
earlier wording of one (`restore_wording`).

A deleted item comes back as its deletion row recorded it, at its former number
(planning.numbering), with the citations and action links deleted with it (the deletion token
planning.history stores in history_change_reason) whose other end still exists. Call it under
`planning.language.in_study_language`: its message is read with the History page, as HTML
(the item's code or text in `<bdi>`, audit.wording's `isolated`).

An earlier wording (text and note, audit.tracked.WORDING) is written back as a new change,
recorded as a restore (planning.history.WORDING_RESTORED): nothing of the history is undone.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import Http404
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actions.models import Action, ActionLink
from audit.tracked import RESTORABLE, WORDING, live, recorded
from audit.wording import isolated, item_label, replaced_note
from planning.digits import digits
from planning.history import DELETION, REPLACED, RESTORED, WORDING_RESTORED
from planning.numbering import next_number, placed, renumber
from planning.rules import check_citation
from strategies.models import Citation, Strategy
from swot.locks import lock_study


class RestoreRefused(Exception):
    """A restore that cannot be done; the message (HTML) says why, in the reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = conditional_escape(message)


def restore(study, name: str, history_id: int, user) -> SafeString:
    """Bring back a deleted factor, strategy or action, as the deletion row recorded it.

    It returns to its former number in its kind or quadrant (later ones move down, clamped
    to the end), with the citations and action links deleted with it whose other end still
    exists; each link goes back to its former position in its program. All or nothing.
    Returns the message for the analyst (HTML); raises RestoreRefused or Http404.
    """
    if name not in RESTORABLE:
        raise Http404("Only factors, strategies and actions can be restored.")
    record = recorded(name).objects.filter(history_id=history_id, study_id=study.pk).first()
    if record is None:
        raise Http404("No such change in this study.")
    try:
        with transaction.atomic():
            lock_study(study.pk)  # swot/locks.py: the study's writes queue
            return _restore(study, name, record, user)
    except IntegrityError:
        if not live(name).objects.filter(pk=record.id).exists():
            raise
        # Restored by someone else at the same moment.
        raise RestoreRefused(already_restored(name, record)) from None


def already_restored(name: str, record) -> SafeString:
    return isolated(
        _("%(item)s exists again: it has already been restored."),
        item=item_label(name, record, isolate=True),
    )


def _restore(study, name: str, record, user) -> SafeString:
    model = live(name)
    if record.history_type != "-":
        raise RestoreRefused(_("Only a deletion can be undone."))
    if record.history_change_reason == REPLACED:
        raise RestoreRefused(replaced_note())
    if model.objects.filter(pk=record.id).exists():
        raise RestoreRefused(already_restored(name, record))
    if recorded(name).objects.filter(id=record.id, history_id__gt=record.history_id).exists():
        raise RestoreRefused(
            isolated(
                _("%(item)s was deleted again later: restore it from its latest deletion."),
                item=item_label(name, record, isolate=True),
            )
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
    # One locked read gives both the rows to renumber and the free number at the end
    # (`number_at_end` would read them a second time).
    rows = list(siblings.select_for_update().order_by(field_name))
    setattr(item, field_name, next_number(getattr(row, field_name) for row in rows))
    item.save_without_historical_record(force_insert=True)
    renumber(placed(rows, item, former), field_name, unrecorded=[item])
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
    gone = sorted(_deleted_with("link", record, "strategy_id"), key=lambda row: row.position)
    actions = Action.objects.in_bulk([row.action_id for row in gone])
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
    gone = _deleted_with("link", record, "action_id")
    strategies = Strategy.objects.in_bulk([row.strategy_id for row in gone])
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


def _restored_message(name: str, item, citations: int, links: int, skipped: int) -> SafeString:
    parts = [isolated(_("%(item)s restored."), item=item_label(name, item, isolate=True))]
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
    return mark_safe(" ".join(conditional_escape(part) for part in parts))


def restore_wording(study, name: str, history_id: int, latest: int | None, user) -> SafeString:
    """Write back the wording (text, note) the row `history_id` recorded, as a new change.

    `latest` is the item's newest history row as the page showed it: if the item changed
    since (a newer row), nothing is written and RestoreRefused says so; so it is if the item
    was deleted or already reads so. Under the study's lock, in one transaction. Returns the
    message for the analyst (HTML); raises RestoreRefused or Http404.
    """
    if name not in RESTORABLE:
        raise Http404("Only a factor's, strategy's or action's wording can be restored.")
    record = (
        recorded(name)
        .objects.filter(history_id=history_id, study_id=study.pk)
        .exclude(history_type="-")
        .first()
    )
    if record is None:
        raise Http404("No such wording in this study.")
    with transaction.atomic():
        lock_study(study.pk)  # swot/locks.py: the study's writes queue
        item = live(name).objects.filter(pk=record.id).first()
        if item is None:
            raise RestoreRefused(
                isolated(
                    _("%(item)s no longer exists: nothing was restored."),
                    item=item_label(name, record, isolate=True),
                )
            )
        newest = (
            recorded(name)
            .objects.filter(id=item.pk)
            .order_by("-history_id")
            .values_list("history_id", flat=True)
            .first()
        )
        if latest is None or newest != latest:
            raise RestoreRefused(
                isolated(
                    _(
                        "%(item)s was changed after this page was shown: nothing was restored. "
                        "Its latest change is listed below; restore again from there if you "
                        "still want the earlier wording."
                    ),
                    item=item_label(name, item, isolate=True),
                )
            )
        wording = {f: getattr(record, f) for f in WORDING[name]}
        if all(getattr(item, f) == value for f, value in wording.items()):
            raise RestoreRefused(
                isolated(
                    _("%(item)s already reads so: nothing was restored."),
                    item=item_label(name, item, isolate=True),
                )
            )
        for field_name, value in wording.items():
            setattr(item, field_name, value)
        # A form opened on the wording it replaces is stale now (planning.concurrency).
        item.version = F("version") + 1
        item._change_reason = WORDING_RESTORED
        item._history_user = user
        item.save()
    return isolated(
        _("%(item)s reads as before again: its earlier wording is restored."),
        item=item_label(name, item, isolate=True),
    )
