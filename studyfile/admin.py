"""Loading a study file from the admin, as `manage.py load_study` does: all or nothing.

Replacing keeps the study (its id and History) and, as the command without --force, is refused
when the study was changed since it was loaded: the admin never drops an analyst's edits."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from planning.digits import digits
from planning.limits import STUDY_FILE_MAX_BYTES
from studyfile.load import EditedSinceLoad, load_study
from studyfile.schema import StudyFileError, parse_study_file
from swot.admin import StudyAdmin
from swot.models import Study


class StudyFileForm(forms.Form):
    file = forms.FileField(label=_("Study file (YAML or JSON, keyed by codes)"))
    replace = forms.BooleanField(
        required=False,
        label=_("Replace the study if one with the same slug is loaded"),
        help_text=_(
            "The study keeps its History. A study changed since it was loaded is not replaced."
        ),
    )

    def clean_file(self):
        """A file over STUDY_FILE_MAX_BYTES is refused by its size, before it is read."""
        upload = self.cleaned_data["file"]
        if upload.size > STUDY_FILE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; a study file can be at most %(limit)s MB."),
                params={
                    "size": digits(f"{upload.size / 2**20:.1f}"),
                    "limit": digits(f"{STUDY_FILE_MAX_BYTES / 2**20:g}"),
                },
            )
        return upload


def summary_either_way(result) -> str:
    """The load's summary as one sentence in the reader's language, as HTML: the counts in
    the reader's digits, the study's title in `<bdi>` (a Persian title in an English sentence
    reads right to left, an English one in a Persian sentence left to right, and the quotes
    around it stay where they belong)."""

    def count(singular: str, plural: str, number: int) -> str:
        return ngettext(singular, plural, number) % {"count": digits(number)}

    sentence = (
        _(
            "The study “%(title)s” was replaced, its History kept: %(factors)s, "
            "%(strategies)s with %(citations)s, %(actions)s in %(places)s."
        )
        if result.replaced
        else _(
            "The study “%(title)s” was loaded: %(factors)s, %(strategies)s with "
            "%(citations)s, %(actions)s in %(places)s."
        )
    )
    parts = {
        "factors": count("%(count)s factor", "%(count)s factors", sum(result.factors.values())),
        "strategies": count(
            "%(count)s strategy", "%(count)s strategies", sum(result.strategies.values())
        ),
        "citations": count("%(count)s citation", "%(count)s citations", result.citations),
        "actions": count("%(count)s action", "%(count)s actions", result.actions),
        "places": count(
            "%(count)s place of the action programs",
            "%(count)s places of the action programs",
            result.action_links,
        ),
    }
    # Safe: the sentence and every part are escaped here, the title inside <bdi> too.
    return mark_safe(
        escape(sentence)
        % {
            **{name: escape(part) for name, part in parts.items()},
            "title": format_html("<bdi>{}</bdi>", result.study.title),
        }
    )


def edited_since_load(exc: EditedSinceLoad) -> str:
    message = ngettext(
        "The study “%(slug)s” was changed %(count)s time since it was loaded (the last on "
        "%(when)s): replacing it would drop that change, so nothing was changed. To replace it "
        "anyway, export it first: `manage.py load_study --replace --force` writes that export "
        "and replaces it.",
        "The study “%(slug)s” was changed %(count)s times since it was loaded (the last on "
        "%(when)s): replacing it would drop those changes, so nothing was changed. To replace "
        "it anyway, export it first: `manage.py load_study --replace --force` writes that "
        "export and replaces it.",
        exc.changes,
    )
    when = digits(date_format(timezone.localtime(exc.last), "DATETIME_FORMAT"))
    return message % {"slug": exc.slug, "count": digits(exc.changes), "when": when}


class StudyWithLoadAdmin(StudyAdmin):
    """The study admin of swot/admin.py, with "Load a study file" on its list."""

    change_list_template = "admin/swot/study/change_list.html"

    def get_urls(self):
        load = path("load/", self.admin_site.admin_view(self.load_view), name="swot_study_load")
        return [load, *super().get_urls()]

    def load_view(self, request):
        """Load a study file, admins only (replacing a study deletes its items)."""
        if not request.user.has_perm("swot.delete_study"):
            raise PermissionDenied
        form = StudyFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = parse_study_file(upload.read(), upload.name)
                result = load_study(data, replace=form.cleaned_data["replace"])
            except EditedSinceLoad as exc:
                form.add_error("replace", edited_since_load(exc))
            except StudyFileError as exc:
                form.add_error("file", str(exc))
            else:
                self.message_user(request, summary_either_way(result))
                return redirect("admin:swot_study_change", result.study.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Load a study file"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/swot/study/load.html", context)


admin.site.unregister(Study)
admin.site.register(Study, StudyWithLoadAdmin)
