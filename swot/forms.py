from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from swot.models import Factor, Study


class StudyForm(forms.ModelForm):
    class Meta:
        model = Study
        fields = ["title", "city", "subject", "year", "source", "language", "slug"]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"slug": _("Used in addresses and file names; made from the title if empty.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("title", ""))
        if not slug:
            slug = f"study-{Study.objects.count() + 1}"
        base, n = slug, 2
        while Study.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            if self.cleaned_data.get("slug"):
                raise forms.ValidationError(_("A study with this slug already exists."))
            slug, n = f"{base}-{n}", n + 1
        return slug


class TextForm(forms.ModelForm):
    """Text (and note) of a factor, strategy or action: blank text is an error."""

    # The version the analyst started from; see swot.concurrency.save_unless_stale.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _("Write the text.")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_text(self) -> str:
        text = (self.cleaned_data.get("text") or "").strip()
        if not text:
            raise forms.ValidationError(_("Write the text."))
        return text


class FactorForm(TextForm):
    class Meta:
        model = Factor
        fields = ["text", "note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "note": forms.TextInput(),
        }
