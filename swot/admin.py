from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from swot.models import Factor, Study
from swot.study_file import StudyFileError, load_study, parse_study_file


class StudyFileForm(forms.Form):
    file = forms.FileField(label=_("Study file (YAML or JSON, keyed by codes)"))
    replace = forms.BooleanField(
        required=False, label=_("Replace the study if one with the same slug is loaded")
    )


class FactorInline(admin.TabularInline):
    model = Factor
    extra = 0
    fields = ["kind", "number", "text", "note"]
    ordering = ["kind", "number"]


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "year", "language", "factor_count", "strategy_count"]
    list_filter = ["language", "city"]
    search_fields = ["title", "city", "subject", "source", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FactorInline]
    change_list_template = "admin/swot/study/change_list.html"

    def get_urls(self):
        load = path("load/", self.admin_site.admin_view(self.load_view), name="swot_study_load")
        return [load, *super().get_urls()]

    def load_view(self, request):
        """Load a study file, as `manage.py load_study` does: all or nothing, admins only."""
        if not request.user.has_perm("swot.delete_study"):
            raise PermissionDenied
        form = StudyFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = parse_study_file(upload.read(), upload.name)
                result = load_study(data, replace=form.cleaned_data["replace"])
            except StudyFileError as exc:
                form.add_error("file", str(exc))
            else:
                self.message_user(request, result.summary())
                return redirect("admin:swot_study_change", result.study.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Load a study file"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/swot/study/load.html", context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                factor_count=Count("factors", distinct=True),
                strategy_count=Count("strategies", distinct=True),
            )
        )

    @admin.display(description="factors", ordering="factor_count")
    def factor_count(self, study: Study) -> int:
        return study.factor_count

    @admin.display(description="strategies", ordering="strategy_count")
    def strategy_count(self, study: Study) -> int:
        return study.strategy_count


@admin.register(Factor)
class FactorAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "study"]
    list_display_links = ["code", "text"]
    list_filter = ["study", "kind"]
    list_select_related = ["study"]
    search_fields = ["text", "note"]
    ordering = ["study", "kind", "number"]

    @admin.display(description="code", ordering="number")
    def code(self, factor: Factor) -> str:
        return factor.code
