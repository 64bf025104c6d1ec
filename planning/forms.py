"""The form every text of a study is edited through (a factor's, a strategy's, an action's)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planning.digits import digits
from planning.text import normalize_text


class LengthLimit(MaxLengthValidator):
    """max_length with a message naming the field and the limit, in the reader's digits."""

    def __init__(self, limit: int, label) -> None:
        super().__init__(limit)
        self.label = label

    def __call__(self, value) -> None:
        length = len(value)
        if length > self.limit_value:
            raise ValidationError(
                gettext("{field} can be at most {limit} characters; this one has {length}.").format(
                    field=capfirst(self.label),
                    limit=digits(self.limit_value),
                    length=digits(length),
                ),
                code="max_length",
            )


class NamedLimitsForm(forms.ModelForm):
    """A model form whose texts over their max_length get a message naming the field and the
    limit (Django's own names neither). The admins use it as their `form`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if limit is None:
                continue
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ] + [LengthLimit(limit, field.label)]


class TextForm(NamedLimitsForm):
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
