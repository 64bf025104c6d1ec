"""The organisation's letterhead: its name and logo, printed on every report's title page.

One row for the whole installation (Letterhead, pk 1). The logo is uploaded here and kept as
bytes in the database; Pillow (installed with WeasyPrint) reads it first, so only a PNG or
JPEG within planning/limits.py's size and pixels is kept, and anything else is refused with a
message naming the field. The page previews the current logo as a `data:` image, which the
Content-Security-Policy allows (img-src 'self' data:, config/settings.py).
"""

from __future__ import annotations

import base64
import io

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from planning.digits import digits
from planning.forms import NamedLimitsForm
from planning.limits import LOGO_MAX_BYTES, LOGO_MAX_PIXELS
from reports.models import Letterhead
from swot.admin import TEXTS_EITHER_WAY, isolated

# What Pillow calls each format the logo may be in, and the type kept for it.
LOGO_FORMATS = {"PNG": Letterhead.LogoType.PNG, "JPEG": Letterhead.LogoType.JPEG}
PREVIEW_HEIGHT = 96  # px: the preview's height at most


def read_logo(upload) -> tuple[bytes, str]:
    """The bytes and the type of an uploaded logo, or a ValidationError naming the field."""
    label = gettext("Logo")
    if upload.size > LOGO_MAX_BYTES:
        raise forms.ValidationError(
            gettext("{field} can be at most {limit} KB; this file has {size} KB.").format(
                field=label,
                limit=digits(LOGO_MAX_BYTES // 1024),
                size=digits(-(-upload.size // 1024)),
            ),
            code="too_big",
        )
    data = upload.read()
    try:
        # The header gives the format and the size without decoding the pixels; verify()
        # then reads the whole file for damage, still without decoding it.
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise forms.ValidationError(
            gettext("{field}: this file is not a PNG or JPEG image that can be read.").format(
                field=label
            ),
            code="unreadable",
        ) from None
    if kind not in LOGO_FORMATS:
        raise forms.ValidationError(
            gettext("{field} must be a PNG or JPEG image; this file is {kind}.").format(
                field=label, kind=kind
            ),
            code="format",
        )
    if max(width, height) > LOGO_MAX_PIXELS:
        raise forms.ValidationError(
            gettext(
                "{field} can be at most {limit} pixels on either side; this one is "
                "{width} × {height}."
            ).format(
                field=label,
                limit=digits(LOGO_MAX_PIXELS),
                width=digits(width),
                height=digits(height),
            ),
            code="too_many_pixels",
        )
    return data, LOGO_FORMATS[kind]


class LetterheadForm(NamedLimitsForm):
    """The organisation's name, and a new logo (or none) instead of the one kept."""

    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG or JPEG image. Leave empty to keep the current logo."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Letterhead
        fields = ["organisation"]

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        return read_logo(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove_logo") and cleaned.get("logo_file"):
            self.add_error(
                "remove_logo",
                gettext("Either upload a new logo or remove the logo, not both."),
            )
        return cleaned

    def save(self, commit: bool = True) -> Letterhead:
        letterhead = self.instance
        if self.cleaned_data.get("remove_logo"):
            letterhead.logo, letterhead.logo_type = b"", ""
        elif self.cleaned_data.get("logo_file"):
            letterhead.logo, letterhead.logo_type = self.cleaned_data["logo_file"]
        return super().save(commit)


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    form = LetterheadForm
    formfield_overrides = TEXTS_EITHER_WAY
    fields = ["organisation", "logo_preview", "logo_file", "remove_logo"]
    readonly_fields = ["logo_preview"]
    list_display = ["organisation_name", "has_logo"]

    def has_add_permission(self, request) -> bool:
        """There is one letterhead: once it is there, it is changed, not added again."""
        return super().has_add_permission(request) and not Letterhead.objects.exists()

    @admin.display(description=_("organisation"), ordering="organisation")
    def organisation_name(self, letterhead: Letterhead) -> str:
        return isolated(letterhead.organisation)

    @admin.display(description=_("logo"), boolean=True)
    def has_logo(self, letterhead: Letterhead) -> bool:
        return bool(letterhead.logo)

    @admin.display(description=_("Current logo"))
    def logo_preview(self, letterhead: Letterhead) -> str:
        logo = bytes(letterhead.logo or b"")
        if not logo or letterhead.logo_type not in LOGO_FORMATS.values():
            return gettext("No logo")
        try:
            with Image.open(io.BytesIO(logo)) as image:
                height = min(image.size[1], PREVIEW_HEIGHT)
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            return gettext("The logo kept cannot be read: upload it again.")
        return format_html(
            '<img src="data:{};base64,{}" height="{}" alt="{}">',
            letterhead.logo_type,
            base64.b64encode(logo).decode("ascii"),
            height,
            gettext("The logo of {organisation}").format(organisation=letterhead.organisation),
        )
