import hashlib
import json

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from planning.forms import NamedLimitsForm, TextForm
from planning.limits import STUDY_SLUG_MAX
from planning.text import normalize_text
from swot.models import Factor, Study

# What the analyst edits of a study on its details page (and sets when creating one).
DETAIL_FIELDS = ["title", "city", "subject", "year", "source", "language", "slug"]


def slug_from_title(title: str) -> str:
    """A readable slug in the title's own letters: «تدوین راهبردهای تهران» makes
    `تدوین-راهبردهای-تهران`, "Tus plan" `tus-plan`. Punctuation, the zero-width non-joiner
    and diacritics go (a slug is letters, digits, `-` and `_`); a long title is cut at a
    hyphen to STUDY_SLUG_MAX characters. Empty if the title has no letter or digit."""
    slug = slugify(normalize_text(title), allow_unicode=True)
    if len(slug) > STUDY_SLUG_MAX:
        cut = slug[: STUDY_SLUG_MAX + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:STUDY_SLUG_MAX]
    return slug.strip("-_")


def free_slug(base: str, *, exclude_pk: int | None = None) -> str:
    """`base`, or `base-2`, `base-3`… : the first no other study has, in the bin included."""
    slug, n = base, 2
    taken = Study.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: STUDY_SLUG_MAX - len(suffix)].rstrip("-_") + suffix
        n += 1
    return slug


def details_stamp(study: Study) -> str:
    """A short digest of a study's details: the details form carries the one it was opened
    with, so a save can tell that someone else changed them meanwhile (a study has no version
    of its own). See swot.changes.save_study_details."""
    values = [getattr(study, name) for name in DETAIL_FIELDS]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()[:16]


class StudyForm(NamedLimitsForm):
    """A new study's details, or (StudyDetailsForm) a study's edited ones."""

    class Meta:
        model = Study
        fields = DETAIL_FIELDS
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "slug": _(
                "Used in addresses and file names: letters (Persian too), digits and hyphens. "
                "Left empty, it is made from the title."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        for name in ("title", "city", "subject", "source", "slug"):
            self.fields[name].widget.attrs["dir"] = "auto"  # Persian or English, as typed

    def clean_slug(self) -> str:
        typed = normalize_text(self.cleaned_data.get("slug") or "")
        if not typed:
            base = slug_from_title(self.cleaned_data.get("title") or "") or "study"
            return free_slug(base, exclude_pk=self.instance.pk)
        other = Study.objects.filter(slug=typed).exclude(pk=self.instance.pk).first()
        if other is None:
            return typed
        if other.in_bin:
            message = _(
                "The slug “%(slug)s” is already used by the study “%(title)s”, which is in the "
                "bin: choose another slug, or leave it empty to have one made from the title."
            )
        else:
            message = _(
                "The slug “%(slug)s” is already used by the study “%(title)s”: choose another "
                "slug, or leave it empty to have one made from the title."
            )
        raise forms.ValidationError(
            message, params={"slug": typed, "title": other.title}, code="unique"
        )


class StudyDetailsForm(StudyForm):
    """A study's details edited by an analyst. `stamp` is the details as they were when the
    form was opened (details_stamp): a save over someone else's change is refused."""

    stamp = forms.CharField(required=False, max_length=16, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stamp"].initial = details_stamp(self.instance)


class FactorForm(TextForm):
    class Meta:
        model = Factor
        fields = ["text", "note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "note": forms.TextInput(),
        }
