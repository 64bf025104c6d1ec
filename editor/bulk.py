"""Several items from one add form: "Add a factor" and a program's "new action" take one item
per line of what is pasted into them (planning/paste.py takes the numbering off).

One line is added as before. More lines are first shown as the list they will make, numbered
as they will be, with Confirm and Back to edit; Confirm sends the items back (one hidden
field each) and they are added in one transaction, all or none. If the list changed in
between (another analyst added or deleted), they are shown again with their new numbers.
Every line is checked as its own item would be, and an error names its line; nothing is
added while one is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext

from planning.digits import digits
from planning.forms import TextForm
from planning.limits import PASTE_LINES_MAX
from planning.params import record_id
from planning.paste import Line, pasted_lines
from planning.rules import check_room


class PasteForm(forms.Form):
    """The add form as typed when it holds several lines: shown back with the errors, or
    filled again from a preview's items ("Back to edit")."""

    text = forms.CharField(required=False, strip=False)
    note = forms.CharField(required=False)


@dataclass
class Paste:
    """What an add form sent. `single`: one item, `form` its model form, to save as before.
    Otherwise `form` is the PasteForm (with any errors) and `forms` each line's valid model
    form; `confirmed` when they came from a preview's Confirm."""

    form: forms.Form
    single: bool = False
    forms: list[TextForm] = field(default_factory=list)
    confirmed: bool = False
    shown_start: int | None = None  # the number the preview gave the first item

    def renumbered(self, start: int) -> bool:
        """Confirmed, but the list has grown or shrunk since the preview numbered the items
        (another analyst's change): then they are shown again, numbered as they will be."""
        if self.ready and self.shown_start not in (None, start):
            self.confirmed = False
            return True
        return False

    @property
    def ready(self) -> bool:
        """Several valid items, confirmed: to be added."""
        return self.confirmed and bool(self.forms) and not self.form.errors

    @property
    def preview(self) -> list[TextForm]:
        """Several valid items not confirmed yet: to be shown first."""
        return self.forms if not self.confirmed and not self.form.errors else []


def read_paste(data: QueryDict, new_form: Callable[[dict], TextForm], *, letter: str = "") -> Paste:
    """Read an add form's POST. `new_form(data)` makes the model form of one new item;
    `letter` is the code letter of the list ("S"), whose codes are taken off too."""
    if "item" in data:  # from a preview: the items as shown, numbering already taken off
        texts = data.getlist("item")
        lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
        if "edit" in data:  # back to the form, with the lines in it
            form = PasteForm({"text": "\n".join(texts)})
            form.is_valid()
            return Paste(form=form)
        confirmed, shown_start = True, record_id(data.get("start"))
    else:
        raw = data.get("text", "")
        lines = pasted_lines(raw, letter)
        if len(lines) <= 1:
            one = data.copy()
            one["text"] = lines[0].text if lines else raw
            return Paste(form=new_form(one), single=True)
        confirmed, shown_start = False, None

    text = "\n".join(line.text for line in lines) if confirmed else raw
    form = PasteForm({"text": text, "note": data.get("note", "")})
    form.is_valid()
    if len(lines) > PASTE_LINES_MAX:
        form.add_error("text", too_many(len(lines)))
        return Paste(form=form, confirmed=confirmed, shown_start=shown_start)
    if data.get("note", "").strip():
        form.add_error(
            "note",
            gettext(
                "A note belongs to one item: add these without one, then write a note on "
                "each that needs it."
            ),
        )
    items = []
    for line in lines:
        item = new_form({"text": line.text})
        if not item.is_valid():
            for errors in item.errors.values():
                for error in errors:
                    form.add_error("text", on_line(line.number, error))
        items.append(item)
    return Paste(form=form, forms=items, confirmed=confirmed, shown_start=shown_start)


def too_many(count: int) -> str:
    return gettext("At most %(most)s lines can be added at once; this has %(count)s.") % {
        "most": digits(PASTE_LINES_MAX),
        "count": digits(count),
    }


def on_line(number: int, error: str) -> str:
    return gettext("line %(number)s: %(error)s") % {"number": digits(number), "error": error}


def check_preview_room(paste: Paste, start: int, most: int, what: str) -> None:
    """The list the preview shows would pass `most` items: said on the form now, not only
    when confirmed (the add checks again, under the study's lock)."""
    try:
        check_room(start + len(paste.forms) - 1, most, what)
    except ValidationError as full:
        paste.form.add_error("text", full)
