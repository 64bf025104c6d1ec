"""Recording a study's change history: the base every planning model's `history` uses.

Recording is django-simple-history's: Study, Factor, Strategy, Citation, Action and ActionLink
each have `history = PlanningHistory()`, which writes a historical row on every save and delete
(cascades included) with the user from HistoryRequestMiddleware; `planning.numbering.renumber`
records the new numbers its bulk_update gives after a delete, move or restore. The study
loader's bulk_create records its items' creation rows itself (`record_loaded`, marked LOADED:
the original wording a later edit is compared with; the History page does not list them, loading
is not an edit). Items loaded before that have no creation row. A save that changes no recorded
field (an analyst saving a form unchanged) writes no row. So a code in a row is the code the
item had when that row was written. Reading the history and restoring from it is the `audit`
app's.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from asgiref.local import Local
from django.db import models
from simple_history.models import HistoricalRecords

# history_change_reason of the rows marked for the History page and restore (stored values).
RESTORED = "restored"  # a row written by a restore
WORDING_RESTORED = "wording restored"  # a row written by restoring an earlier wording
LOADED = "loaded"  # an item's creation row written by the study loader
DELETION = "deletion:"  # + a token shared by a deleted item and everything deleted with it
REPLACED = "replaced"  # a study replaced from a study file, and its items deleted by that
BINNED = "binned"  # a study moved to the bin (swot.models.Study.deleted_at)
BROUGHT_BACK = "brought back"  # a study brought back from the bin

# Saved on every save but no change of their own: a save changing only these writes no row.
NOT_CHANGES = frozenset({"version"})  # planning.concurrency's counter of saves

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


@contextmanager
def deletions_recorded_as(reason: str) -> Iterator[None]:
    """Within it, deleted rows are recorded with `reason` instead of a deletion token: the
    items a study file replaces are not "deleted" ones to restore one by one."""
    _deleting.reason = reason
    try:
        yield
    finally:
        _deleting.reason = ""


def record_loaded(model: type[models.Model], rows) -> None:
    """The creation rows of items written by bulk_create (which sends no signal), as loaded:
    their original wording, which the first edit of each is compared with."""
    model.history.bulk_history_create(list(rows), default_change_reason=LOADED)


def _values(instance: models.Model, attnames: tuple[str, ...]) -> dict[str, Any]:
    """The instance's values of `attnames`, deferred ones left out."""
    loaded = instance.__dict__
    return {name: loaded[name] for name in attnames if name in loaded}


class PlanningHistory(HistoricalRecords):
    """HistoricalRecords with three additions for the History page and restoring.

    - A deleted row's history_change_reason names its deletion: a factor deleted with its
      citations (a cascade) gives them all one token, so restoring the factor brings back
      exactly the citations deleted with it, not those removed earlier by hand.
    - A field saved as an expression (`version = F("version") + 1` in
      planning.concurrency.save_unless_stale) is recorded with the value the database stored.
    - A save of a row read from the database that changes none of its recorded fields (the
      version apart) writes no row, unless it gives a reason (`_change_reason`: a replace, a
      move to the bin). The values read are kept when the row is read (`post_init`), and
      whether it was read rather than built is looked at before the save (`pre_save`): an
      instance built with a pk and saved over a row has nothing to compare with, and is
      recorded. No query is added to a save.
    """

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            self._compared = tuple(
                f.attname for f in self.fields_included(sender) if f.attname not in NOT_CHANGES
            )
            models.signals.post_init.connect(self._read, sender=sender, weak=False)
            models.signals.pre_save.connect(self._saving, sender=sender, weak=False)

    def _read(self, instance, **kwargs):
        # Sent by __init__, so for a row read from the database and a new instance alike;
        # `_saving` tells them apart.
        instance._history_read = _values(instance, self._compared)

    def _saving(self, instance, **kwargs):
        instance._history_compare = not instance._state.adding

    def _unchanged(self, instance) -> bool:
        if not getattr(instance, "_history_compare", False):
            return False
        if getattr(instance, "_change_reason", None):
            return False
        read = getattr(instance, "_history_read", None)
        now = _values(instance, self._compared)
        # A field deferred when read and set since is compared as changed (it is not in `read`).
        return read is not None and all(k in read and read[k] == v for k, v in now.items())

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
            reason = getattr(_deleting, "reason", "") or _deletion_token(instance)
        return reason

    def create_historical_record(self, instance, history_type, using=None):
        pending = [
            f.attname
            for f in self.fields_included(instance)
            if hasattr(getattr(instance, f.attname), "resolve_expression")
        ]
        if pending and history_type != "-":
            instance.refresh_from_db(fields=pending)
        if history_type == "~" and self._unchanged(instance):
            return
        super().create_historical_record(instance, history_type, using=using)
        if history_type != "-":
            # Saved again later, it is compared with what this save recorded.
            instance._history_read = _values(instance, self._compared)
