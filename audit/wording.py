"""What a history row says: its line on the History page (what, who, before → after).

Call these under `planning.language.in_study_language`: a study's history reads in the study's
language, codes and counts in its digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from audit.tracked import COMPARED, RESTORABLE, SHOWN, live
from planning.digits import digits
from planning.history import RESTORED


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
    """The History page's line for `row` (annotated by `audit.timeline`), given the row before."""
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
