"""The admin of studies and factors, and what every planning admin shares: texts either way.

A study's texts are Persian or English whatever the admin's language. So each text input and
textarea of a planning admin (inlines too) carries dir="auto", as does each option of a choice of
items named by their texts (a study, a factor, a strategy, an action), and a change list shows
each text in `<bdi>`: a Persian text reads right to left in the English admin, an English one
left to right in the Persian admin, and neither carries the punctuation around it along. So do
the choices of the list filters naming studies and cities.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from planning.digits import digits
from planning.forms import NamedLimitsForm
from swot.changes import bring_studies_back, delete_studies_in_bin, move_studies_to_bin
from swot.locks import AdminWritesLockTheStudy
from swot.models import Factor, ReportStyle, Study


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


class NamedEitherWay:
    """An inline row's item as its heading names it (a factor by its text) in `<bdi>`, or by
    nothing (`named=False`); the rest of the admin's markup reads it as the item."""

    def __init__(self, item, named: bool = True) -> None:
        self.item, self.pk, self.named = item, item.pk, named

    def __str__(self) -> str:
        return isolated(self.item) if self.named else ""


class InlineNamesEitherWay(helpers.InlineAdminFormSet):
    """The rows of an inline, each item named in its own direction (NamedEitherWay). A row
    that is the page's item's own (one to one: a study's report style, named by its study's
    title) is named by nothing more than its kind: the page's heading names the study."""

    def __iter__(self):
        named = not self.formset.fk.unique
        for row in super().__iter__():
            if row.original is not None:
                row.original = NamedEitherWay(row.original, named)
            yield row


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


class ReportStyleInline(admin.StackedInline):
    """How the study's report is printed. Each text left blank is printed in the report's
    default wording, in the study's language; without the row, every default."""

    model = ReportStyle
    extra = 1  # an untouched form saves no row
    max_num = 1
    form = NamedLimitsForm
    formfield_overrides = TEXTS_EITHER_WAY
    fieldsets = [
        (None, {"fields": ["typeface", "citation_order", "document_number"]}),
        (
            _("The report's own words"),
            {
                "description": _("Leave a text blank to print the report's default wording."),
                "fields": list(ReportStyle.WORDING_FIELDS),
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ReportStyle.WORDING_FIELDS:
            field.help_text = _("Blank: the default wording.")
        elif db_field.name == "document_number":
            field.help_text = _("Blank: no document number.")
        return field


class BinFilter(admin.SimpleListFilter):
    title = _("bin")
    parameter_name = "bin"

    def lookups(self, request, model_admin):
        return [("in", _("In the bin")), ("out", _("Not in the bin"))]

    def queryset(self, request, queryset):
        if self.value() == "in":
            return queryset.in_bin()
        if self.value() == "out":
            return queryset.live()
        return queryset


@admin.register(Study)
class StudyAdmin(AdminWritesLockTheStudy, admin.ModelAdmin):
    """Studies. Deleting one (its page's Delete, or the list's action) moves it to the bin: gone
    from every page, kept whole with its History; "Bring back" restores it, and only a study in
    the bin can be deleted permanently (swot/changes.py)."""

    list_display = [
        "study_title",
        "study_city",
        "year",
        "language",
        "factor_count",
        "strategy_count",
        "deleted_at",
    ]
    list_filter = [BinFilter, "language", ("city", ValueFilter)]
    actions = ["delete_selected", "bring_back", "delete_permanently"]
    delete_confirmation_template = "admin/swot/study/delete_confirmation.html"
    search_fields = ["title", "city", "subject", "source", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FactorInline, ReportStyleInline]
    study_field = "pk"  # its writes lock the study itself (swot/locks.py)
    form = NamedLimitsForm
    formfield_overrides = TEXTS_EITHER_WAY

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            inline_formset.__class__ = InlineNamesEitherWay  # the same, its rows named either way
        return inline_formsets

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

    # Deleting moves to the bin ----------------------------------------------------------------

    def get_deleted_objects(self, objs, request):
        """Nothing is deleted: the confirmation lists the studies, no cascade, and needs no
        permission on the study's items."""
        return [isolated(study) for study in objs], {}, set(), []

    def delete_model(self, request, obj: Study) -> None:
        move_studies_to_bin([obj.pk])

    def delete_queryset(self, request, queryset) -> None:
        move_studies_to_bin(queryset.values_list("pk", flat=True))

    def response_delete(self, request, obj_display, obj_id):
        message = _("The study “{study}” was moved to the bin. “Bring back” restores it.")
        self.message_user(request, format_html(message, study=isolated(obj_display)))
        return redirect("admin:swot_study_changelist")

    @admin.action(permissions=["delete"], description=_("Move the selected studies to the bin"))
    def delete_selected(self, request, queryset):
        """Django's "Delete selected" for studies: a confirmation, then the bin."""
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Move to the bin?"),
                "studies": [isolated(study) for study in queryset],
                "queryset": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            template = "admin/swot/study/delete_selected_confirmation.html"
            return TemplateResponse(request, template, context)
        moved = move_studies_to_bin(queryset.values_list("pk", flat=True))
        message = ngettext(
            "%(count)s study moved to the bin.", "%(count)s studies moved to the bin.", moved
        )
        self.message_user(request, message % {"count": digits(moved)})
        return None

    @admin.action(permissions=["delete"], description=_("Bring back from the bin"))
    def bring_back(self, request, queryset):
        brought = bring_studies_back(queryset.values_list("pk", flat=True))
        message = ngettext(
            "%(count)s study brought back from the bin, with its History.",
            "%(count)s studies brought back from the bin, with their History.",
            brought,
        )
        self.message_user(request, message % {"count": digits(brought)})

    @admin.action(
        permissions=["delete"], description=_("Delete permanently (studies in the bin only)")
    )
    def delete_permanently(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        deleted = delete_studies_in_bin(ids)
        message = ngettext(
            "%(count)s study in the bin deleted permanently.",
            "%(count)s studies in the bin deleted permanently.",
            deleted,
        )
        self.message_user(request, message % {"count": digits(deleted)})
        if left := len(ids) - deleted:
            message = ngettext(
                "%(count)s study not in the bin was left as it is: move it to the bin first.",
                "%(count)s studies not in the bin were left as they are: move them to the bin "
                "first.",
                left,
            )
            self.message_user(request, message % {"count": digits(left)}, messages.WARNING)


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
