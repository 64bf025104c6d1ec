"""What a history row says: its line on the History page (what, who, before → after).

Call these under `planning.language.in_study_language`: a study's history reads in the study's
language, counts in its digits; codes as the paper prints them (S1, SO2: Latin digits, as on
the study page and in the PDF). A text or code set in one of its sentences is isolated
in `<bdi>` (`isolate=True`, and always in `what`): a Persian text reads right to left in an
English sentence, an English one left to right in a Persian sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit.tracked import COMPARED, RESTORABLE, SHOWN, WORDING, live
from planning.calendar import format_datetime
from planning.digits import digits
from planning.history import BINNED, BROUGHT_BACK, REPLACED, RESTORED, WORDING_RESTORED


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
    what: SafeString  # HTML: its codes and texts in <bdi>
    changes: list[Change] = field(default_factory=list)
    note: str = ""
    restorable: bool = False
    when_shown: str = ""  # in the study's calendar, at the site's time
    # "Restore the earlier wording": the row holding the wording before this change, and the
    # item's newest row as the page was read (the restore is refused if there is a newer one).
    earlier: int | None = None
    latest: int | None = None


def _text(text: str | None) -> str:
    return Truncator(text or "").chars(60)


def isolated(sentence: str, **parts) -> SafeString:
    """`sentence % parts` as HTML, each part in `<bdi>` (a part already HTML is kept as it is).

    Inside `<bdi>` a text takes the direction of its own first letter, whatever the sentence's.
    """
    # The sentence is escaped here, each part by format_html or already HTML.
    return mark_safe(
        conditional_escape(sentence)
        % {
            key: value if hasattr(value, "__html__") else format_html("<bdi>{}</bdi>", value)
            for key, value in parts.items()
        }
    )


def _fill(sentence: str, isolate: bool, **parts) -> str:
    return isolated(sentence, **parts) if isolate else sentence % parts


def item_label(name: str, row, *, isolate: bool = False) -> str:
    """'Factor S4', 'Strategy SO1', 'Action “…”' as the row recorded it (as HTML, the code or
    text in `<bdi>`, with `isolate`)."""
    if name == "factor":
        return _fill(_("Factor %(code)s"), isolate, code=f"{row.kind}{row.number}")
    if name == "strategy":
        return _fill(_("Strategy %(code)s"), isolate, code=f"{row.quadrant}{row.number}")
    if name == "action":
        return _fill(_("Action “%(text)s”"), isolate, text=_text(row.text))
    return _("The study")


STUDY_REASONS = {
    REPLACED: lambda: _("Study replaced from a study file"),
    BINNED: lambda: _("Study moved to the bin"),
    BROUGHT_BACK: lambda: _("Study brought back from the bin"),
}


def replaced_note() -> str:
    return _(
        "Deleted when the study was replaced from a study file: it is not restored on its own."
    )


def what(name: str, row, previous=None) -> SafeString:
    """The line's sentence, as HTML: its codes and texts in `<bdi>`."""
    kind = row.history_type
    if name == "study":
        if kind == "~" and row.history_change_reason in STUDY_REASONS:
            return conditional_escape(STUDY_REASONS[row.history_change_reason]())
        return conditional_escape(
            {"+": _("Study created"), "~": _("Study details changed")}.get(kind, _("Study deleted"))
        )
    if name == "citation":
        codes = {
            "strategy": row.strategy_code or "?",
            "factor": row.factor_code or "?",
        }
        if kind == "+":
            return isolated(_("%(strategy)s now cites %(factor)s"), **codes)
        if kind == "-":
            return isolated(_("%(strategy)s no longer cites %(factor)s"), **codes)
        return isolated(_("Citation of %(factor)s by %(strategy)s changed"), **codes)
    if name == "link":
        names = {"strategy": row.strategy_code or "?", "action": _text(row.action_text)}
        if kind == "+":
            return isolated(_("Action “%(action)s” attached to %(strategy)s"), **names)
        if kind == "-":
            return isolated(_("Action “%(action)s” detached from %(strategy)s"), **names)
        if previous is not None and previous.position == row.position:
            # The place's wording or footnote (ActionLink.wording) changed, not its position.
            return isolated(_("Action “%(action)s” reworded in %(strategy)s"), **names)
        return isolated(_("Action “%(action)s” moved in %(strategy)s"), **names)
    item = {"item": item_label(name, row, isolate=True)}
    if kind == "+":
        if row.history_change_reason == RESTORED:
            return isolated(_("%(item)s restored"), **item)
        return isolated(_("%(item)s added"), **item)
    if kind == "~":
        if row.history_change_reason == WORDING_RESTORED:
            return isolated(_("%(item)s: an earlier wording restored"), **item)
        return isolated(_("%(item)s changed"), **item)
    return isolated(_("%(item)s deleted"), **item)


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
        if previous is None:  # an item loaded before the loader recorded creation rows
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
        elif row.history_change_reason == REPLACED:
            restorable, note = False, replaced_note()
    return Entry(
        model=name,
        history_id=row.history_id,
        when=row.history_date,
        when_shown=format_datetime(row.history_date, get_language()),
        who=(user.get_full_name() or user.get_username()) if user else "",
        what=what(name, row, previous),
        changes=listed,
        note=note,
        restorable=restorable,
        earlier=earlier_wording(name, row, previous),
        latest=getattr(row, "latest_id", None),
    )


def earlier_wording(name: str, row, previous) -> int | None:
    """The row whose wording this change replaced, if it can be restored: the change is to the
    item's wording (text, note), the item exists, and it reads otherwise now."""
    if name not in RESTORABLE or row.history_type != "~" or previous is None:
        return None
    if not row.exists_now:
        return None
    fields = WORDING[name]
    if all(getattr(row, f) == getattr(previous, f) for f in fields):
        return None  # e.g. a move: its number changed, not its wording
    if all(getattr(previous, f) == getattr(row, f"current_{f}") for f in fields):
        return None  # it reads so again now
    return previous.history_id
