"""The form every text of a study is edited through (a factor's, a strategy's, an action's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from planning.text import normalize_text


class TextForm(forms.ModelForm):
    """Text (and note) of a factor, strategy or action: blank text is an error."""

    # The version the analyst started from; see planning.concurrency.save_unless_stale.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _("Write the text.")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_text(self) -> str:
        text = normalize_text(self.cleaned_data.get("text") or "")
        if not text:
            raise forms.ValidationError(_("Write the text."))
        return text
