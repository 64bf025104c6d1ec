"""The admin of studies and factors, and what every planning admin shares: texts either way.

A study's texts are Persian or English whatever the admin's language. So each text input and
textarea of a planning admin (inlines too) carries dir="auto", as does each option of a choice of
items named by their texts (a study, a factor, a strategy, an action), and a change list shows
each text in `<bdi>`: a Persian text reads right to left in the English admin, an English one
left to right in the Persian admin, and neither carries the punctuation around it along. So do
the choices of the list filters naming studies and cities.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from planning.forms import NamedLimitsForm
from swot.locks import AdminWritesLockTheStudy
from swot.models import Factor, Study


class OptionsEitherWay(forms.Select):
    """A choice of items named by their texts: each option reads in its own text's direction."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"]["dir"] = "auto"
        return option


# formfield_overrides of every planning admin and inline (a choice field, e.g. a factor's kind,
# keeps its select: the admin gives fields with choices their own form field).
TEXTS_EITHER_WAY = {
    models.CharField: {"widget": AdminTextInputWidget(attrs={"dir": "auto"})},
    models.TextField: {"widget": AdminTextareaWidget(attrs={"dir": "auto"})},
    models.ForeignKey: {"widget": OptionsEitherWay},
}


def isolated(text) -> str:
    """A change-list cell's text (or item's name) in `<bdi>`, to read in its own direction."""
    return format_html("<bdi>{}</bdi>", text)


class ChoicesEitherWay:
    """A list filter whose choices (studies, cities) read in their own direction."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            yield {**choice, "display": isolated(choice["display"])}


class StudyFilter(ChoicesEitherWay, admin.RelatedFieldListFilter):
    pass


class ValueFilter(ChoicesEitherWay, admin.AllValuesFieldListFilter):
    pass


class InStudyAdmin(AdminWritesLockTheStudy, admin.ModelAdmin):
    """An admin of a study's items (factors, strategies, actions): texts and study either way."""

    form = NamedLimitsForm  # a text over its limit: the message names the field and the limit
    formfield_overrides = TEXTS_EITHER_WAY

    @admin.display(description=_("text"), ordering="text")
    def item_text(self, item) -> str:
        return isolated(item.text)

    @admin.display(description=_("study"), ordering="study")
    def in_study(self, item) -> str:
        return isolated(item.study)


class FactorInline(admin.TabularInline):
    model = Factor
    extra = 0
    fields = ["kind", "number", "text", "note"]
    ordering = ["kind", "number"]
    form = NamedLimitsForm
    formfield_overrides = TEXTS_EITHER_WAY


@admin.register(Study)
class StudyAdmin(AdminWritesLockTheStudy, admin.ModelAdmin):
    list_display = [
        "study_title",
        "study_city",
        "year",
        "language",
        "factor_count",
        "strategy_count",
    ]
    list_filter = ["language", ("city", ValueFilter)]
    search_fields = ["title", "city", "subject", "source", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FactorInline]
    study_field = "pk"  # its writes lock the study itself (swot/locks.py)
    form = NamedLimitsForm
    formfield_overrides = TEXTS_EITHER_WAY

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                factor_count=Count("factors", distinct=True),
                strategy_count=Count("strategies", distinct=True),
            )
        )

    @admin.display(description=_("title"), ordering="title")
    def study_title(self, study: Study) -> str:
        return isolated(study.title)

    @admin.display(description=_("city"), ordering="city")
    def study_city(self, study: Study) -> str:
        return isolated(study.city)

    @admin.display(description="factors", ordering="factor_count")
    def factor_count(self, study: Study) -> int:
        return study.factor_count

    @admin.display(description="strategies", ordering="strategy_count")
    def strategy_count(self, study: Study) -> int:
        return study.strategy_count


@admin.register(Factor)
class FactorAdmin(InStudyAdmin):
    list_display = ["code", "item_text", "in_study"]
    list_display_links = ["code", "item_text"]
    list_filter = [("study", StudyFilter), "kind"]
    list_select_related = ["study"]
    search_fields = ["text", "note"]
    ordering = ["study", "kind", "number"]

    @admin.display(description="code", ordering="number")
    def code(self, factor: Factor) -> str:
        return factor.code
