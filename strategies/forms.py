from django import forms

from strategies.models import Strategy
from swot.forms import TextForm


class StrategyForm(TextForm):
    class Meta:
        model = Strategy
        fields = ["text", "note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "note": forms.TextInput(),
        }
