import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from actions.models import Action, ActionLink
from planning.forms import NamedLimitsForm, TextForm
from planning.text import normalize_text


class ActionForm(TextForm):
    class Meta:
        model = Action
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


def place_stamp(wording: str, footnote: str) -> str:
    """A short digest of a place's wording and footnote: the place form carries the one it
    was opened with, so a save can tell that someone else changed them meanwhile (a place
    has no version of its own, and the texts themselves would make the form twice as big)."""
    return hashlib.sha256(f"{wording}\0{footnote}".encode()).hexdigest()[:16]


class PlaceForm(NamedLimitsForm):
    """The wording and footnote of an action at one place in a program (an ActionLink),
    edited beside the action's text. Blank wording: the program prints the action's text."""

    # The place as it was when the form was opened (place_stamp); see actions.changes.
    stamp = forms.CharField(required=False, max_length=16, widget=forms.HiddenInput)

    class Meta:
        model = ActionLink
        fields = ["wording", "footnote"]
        labels = {"wording": _("Wording in this program"), "footnote": _("Footnote")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stamp"].initial = place_stamp(self.instance.wording, self.instance.footnote)

    def clean_wording(self) -> str:
        return normalize_text(self.cleaned_data.get("wording") or "")

    def clean_footnote(self) -> str:
        return normalize_text(self.cleaned_data.get("footnote") or "")
