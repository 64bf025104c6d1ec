from django import forms

from planning.forms import TextForm
from strategies.models import Strategy


class StrategyForm(TextForm):
    class Meta:
        model = Strategy
        fields = ["text", "note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "note": forms.TextInput(),
        }
