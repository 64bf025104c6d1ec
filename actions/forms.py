from django import forms

from actions.models import Action
from planning.forms import TextForm


class ActionForm(TextForm):
    class Meta:
        model = Action
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
