from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from planning.forms import TextForm
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


class FactorForm(TextForm):
    class Meta:
        model = Factor
        fields = ["text", "note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "note": forms.TextInput(),
        }
