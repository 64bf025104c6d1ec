"""The admin of David's tools: each factor's IFE/EFE weight and rating (on the factor's page
too), a study's SPACE scale and variables, the QSPM sets with their strategies and scores.

Every save is checked as the editor's forms check it, by planning/evaluation.py's checks, and
each error is said at its field (or, for a QSPM row, names its factor): a weight outside 0–1,
a rating or attractiveness score outside 1–4, a SPACE score on the wrong side of zero or
beyond the study's scale (and a scale that some score would then exceed), a strategy or factor
of another study, a row scored for some of the set's strategies only. Texts and the items named
by their texts read in their own direction (swot/admin.py); writes take the study's lock.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evaluation.models import (
    Assessment,
    QspmChoice,
    QspmScore,
    QspmSet,
    SpaceMatrix,
    SpaceVariable,
)
from planning.digits import digits
from planning.evaluation import (
    check_qspm_factor,
    check_qspm_row,
    check_qspm_strategy,
    check_rating,
    check_score,
    check_space_score,
    check_weight,
    rating_flagged,
)
from planning.forms import NamedLimitsForm
from planning.params import record_id
from strategies.models import Strategy
from swot.admin import TEXTS_EITHER_WAY, FactorAdmin, InStudyAdmin, StudyFilter, isolated
from swot.locks import AdminWritesLockTheStudy
from swot.models import Factor

# ---------------------------------------------------------------- IFE / EFE


class AssessmentForm(NamedLimitsForm):
    class Meta:
        model = Assessment
        fields = ["factor", "weight", "rating"]
        help_texts = {
            "weight": _(
                "0.00–1.00, up to three decimals; the weights of the IFE (strengths and"
                " weaknesses) and of the EFE (opportunities and threats) each sum to 1.00."
            ),
            "rating": _(
                "IFE: 1 major weakness, 2 minor weakness, 3 minor strength, 4 major strength."
                " EFE: 1 poor response, 2 average, 3 above average, 4 superior."
                " Weighted score = weight × rating."
            ),
        }

    def clean_weight(self):
        weight = self.cleaned_data.get("weight")
        if weight is not None:
            check_weight(weight)
        return weight

    def clean_rating(self):
        rating = self.cleaned_data.get("rating")
        if rating is not None:
            check_rating(rating)
        return rating


def say_if_flagged(model_admin, request, assessment: Assessment) -> None:
    """A strength rated 1–2 or a weakness rated 3–4 is saved, and said."""
    factor = assessment.factor
    if rating_flagged(factor.kind, assessment.rating):
        message = gettext(
            "%(code)s is rated %(rating)s: a strength is rated 3 or 4, a weakness 1 or 2."
        ) % {"code": factor.code, "rating": digits(assessment.rating)}
        model_admin.message_user(request, message, messages.WARNING)


class AssessmentInline(admin.StackedInline):
    """On a factor's page: its weight and rating in its IFE or EFE matrix."""

    model = Assessment
    form = AssessmentForm
    fields = ["weight", "rating"]
    extra = 1  # an untouched form saves no row
    max_num = 1
    can_delete = True


class FactorWithAssessmentAdmin(FactorAdmin):
    """The factor admin of swot/admin.py with the factor's IFE/EFE weight and rating."""

    inlines = [*FactorAdmin.inlines, AssessmentInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Assessment:
            changed = [assessment for assessment, _fields in formset.changed_objects]
            for assessment in [*formset.new_objects, *changed]:
                say_if_flagged(self, request, assessment)


admin.site.unregister(Factor)
admin.site.register(Factor, FactorWithAssessmentAdmin)


class FactorStudyLock(AdminWritesLockTheStudy):
    """The lock of the study of the row's factor, and of the factor posted."""

    study_field = "factor__study_id"

    def studies_of(self, request, object_id) -> set[int]:
        studies = super().studies_of(request, object_id)
        if posted := record_id(request.POST.get("factor")):
            studies.update(Factor.objects.filter(pk=posted).values_list("study_id", flat=True))
        return studies


@admin.register(Assessment)
class AssessmentAdmin(FactorStudyLock, admin.ModelAdmin):
    form = AssessmentForm
    formfield_overrides = TEXTS_EITHER_WAY
    list_display = ["in_study", "factor_code", "weight", "rating"]
    list_display_links = ["factor_code"]
    list_filter = [("factor__study", StudyFilter), "factor__kind"]
    list_select_related = ["factor__study"]
    ordering = ["factor__study", "factor__kind", "factor__number"]

    @admin.display(description=_("study"), ordering="factor__study")
    def in_study(self, assessment: Assessment) -> str:
        return isolated(assessment.factor.study)

    @admin.display(description=_("factor"), ordering="factor__number")
    def factor_code(self, assessment: Assessment) -> str:
        return assessment.factor.code

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "factor":
            kwargs["queryset"] = Factor.objects.select_related("study").order_by(
                "study", "kind", "number"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        say_if_flagged(self, request, obj)


# ---------------------------------------------------------------- SPACE


class SpaceMatrixForm(NamedLimitsForm):
    class Meta:
        model = SpaceMatrix
        fields = ["study", "scale"]
        help_texts = {
            "scale": _(
                "FP and IP score +1 (worst) to +7 (best), SP and CP −1 (best) to −7 (worst):"
                " David's 15th edition; earlier editions use ±6."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        study, scale = cleaned.get("study"), cleaned.get("scale")
        if study is None or scale is None:
            return cleaned
        problems = []
        for variable in SpaceVariable.objects.filter(study=study).order_by(
            "dimension", "position", "pk"
        ):
            try:
                check_space_score(variable.dimension, variable.score, scale)
            except ValidationError as error:
                problems.append(
                    ValidationError(
                        gettext("“%(variable)s”: %(error)s")
                        % {"variable": variable.name, "error": error.message},
                        code=error.code,
                    )
                )
        if problems:
            self.add_error("scale", problems)
        return cleaned


@admin.register(SpaceMatrix)
class SpaceMatrixAdmin(AdminWritesLockTheStudy, admin.ModelAdmin):
    form = SpaceMatrixForm
    formfield_overrides = TEXTS_EITHER_WAY
    list_display = ["in_study", "scale"]
    list_filter = [("study", StudyFilter), "scale"]
    list_select_related = ["study"]

    @admin.display(description=_("study"), ordering="study")
    def in_study(self, matrix: SpaceMatrix) -> str:
        return isolated(matrix.study)


class SpaceVariableForm(NamedLimitsForm):
    class Meta:
        model = SpaceVariable
        fields = ["study", "dimension", "name", "score", "position"]
        help_texts = {
            "dimension": _(
                "Each dimension is the mean of its variables' scores; x = CP + IP, y = FP + SP."
            ),
            "score": _(
                "FP and IP: +1 (worst) to +7 (best); SP and CP: −1 (best) to −7 (worst); ±6 if"
                " the study's SPACE scale is 6."
            ),
        }

    def _post_clean(self):
        """The score is checked against the study's scale by the model's own clean (one
        check, planning.evaluation.check_space_score); its error is said at the score."""
        super()._post_clean()
        above = self._errors.get(NON_FIELD_ERRORS)
        if not above:
            return
        errors = above.as_data()
        at_score = [error for error in errors if error.code in SCORE_ERRORS]
        if at_score:
            # The database's sign constraint says it again, naming nothing: once is enough.
            rest = [
                error
                for error in errors
                if error.code not in SCORE_ERRORS and error.message != SIGN_CONSTRAINT_MESSAGE
            ]
            del self._errors[NON_FIELD_ERRORS]
            if rest:
                self.add_error(None, rest)
            self.add_error("score", at_score)


SCORE_ERRORS = {"space_score"}
SIGN_CONSTRAINT_MESSAGE = next(
    constraint.get_violation_error_message()
    for constraint in SpaceVariable._meta.constraints
    if constraint.name == "space_variable_score_sign"
)


@admin.register(SpaceVariable)
class SpaceVariableAdmin(InStudyAdmin):
    form = SpaceVariableForm
    list_display = ["variable_name", "dimension", "score", "in_study"]
    list_display_links = ["variable_name"]
    list_filter = [("study", StudyFilter), "dimension"]
    list_select_related = ["study"]
    search_fields = ["name"]
    ordering = ["study", "dimension", "position", "pk"]

    @admin.display(description=_("variable"), ordering="name")
    def variable_name(self, variable: SpaceVariable) -> str:
        return isolated(variable.name)


# ---------------------------------------------------------------- QSPM


class QspmChoiceFormSet(forms.BaseInlineFormSet):
    def chosen(self) -> list[Strategy] | None:
        """The set's strategies as the form would save them; None if the form has errors."""
        if not self.is_valid():
            return None
        return [
            form.cleaned_data["strategy"]
            for form in self.forms
            if form.cleaned_data.get("strategy") and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        super().clean()
        if self.instance.study_id is None:  # the set's own form is refused: it says why
            return
        for form in self.forms:
            strategy = form.cleaned_data.get("strategy") if form.is_valid() else None
            if strategy is None or form.cleaned_data.get("DELETE"):
                continue
            try:
                check_qspm_strategy(self.instance, strategy)
            except ValidationError as error:
                form.add_error("strategy", error)


class QspmChoiceInline(admin.TabularInline):
    model = QspmChoice
    formset = QspmChoiceFormSet
    fields = ["position", "strategy"]
    ordering = ["position"]
    extra = 0
    formfield_overrides = TEXTS_EITHER_WAY
    verbose_name = _("strategy compared")
    verbose_name_plural = _("strategies compared (only strategies within one set are compared)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "strategy":
            kwargs["queryset"] = strategies_offered(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class QspmScoreForm(NamedLimitsForm):
    class Meta:
        model = QspmScore
        fields = ["factor", "strategy", "score"]
        help_texts = {
            "score": _(
                "Attractiveness: 1 not, 2 somewhat, 3 reasonably, 4 highly attractive. A factor"
                " not relevant to the set has no scores at all; total attractiveness = the"
                " factor's weight × score."
            ),
        }

    def clean_score(self):
        score = self.cleaned_data.get("score")
        if score is not None:
            check_score(score)
        return score


class QspmScoreFormSet(forms.BaseInlineFormSet):
    """The set's score grid, checked against the strategies the set will have once saved
    (QspmSetAdmin hands it the choices' formset): each row whole or not relevant at all."""

    choices: QspmChoiceFormSet | None = None

    def clean(self):
        super().clean()
        if self.instance.study_id is None:  # the set's own form is refused: it says why
            return
        kept = [
            form
            for form in self.forms
            if form.is_valid()
            and form.cleaned_data.get("factor")
            and form.cleaned_data.get("strategy")
            and not form.cleaned_data.get("DELETE")
        ]
        for form in kept:
            for check, field in ((check_qspm_factor, "factor"), (check_qspm_strategy, "strategy")):
                try:
                    check(self.instance, form.cleaned_data[field])
                except ValidationError as error:
                    form.add_error(field, error)
        chosen = self.choices.chosen() if self.choices is not None else None
        if chosen is None:
            return
        rows: dict[Factor, dict[Strategy, int]] = {}
        for form in kept:
            if not form.is_valid():  # refused just above
                continue
            data = form.cleaned_data
            if data["strategy"] not in chosen:
                form.add_error(
                    "strategy",
                    gettext("%(code)s is not one of this set's strategies.")
                    % {"code": data["strategy"].code},
                )
                continue
            rows.setdefault(data["factor"], {})[data["strategy"]] = data["score"]
        errors = []
        for factor, scores in sorted(rows.items(), key=lambda row: row[0].code):
            try:
                check_qspm_row([scores.get(strategy) for strategy in chosen])
            except ValidationError as error:
                errors.append(
                    ValidationError(
                        gettext("Row %(code)s: %(error)s")
                        % {"code": factor.code, "error": error.message},
                        code=error.code,
                    )
                )
        if errors:
            raise ValidationError(errors)


class QspmScoreInline(admin.TabularInline):
    model = QspmScore
    form = QspmScoreForm
    formset = QspmScoreFormSet
    fields = ["factor", "strategy", "score"]
    ordering = ["factor__kind", "factor__number", "strategy__quadrant", "strategy__number"]
    extra = 0
    formfield_overrides = TEXTS_EITHER_WAY

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "strategy":
            kwargs["queryset"] = strategies_offered(request)
        elif db_field.name == "factor":
            queryset = Factor.objects.select_related("study").order_by("study", "kind", "number")
            if qspm_set := set_of(request):
                queryset = queryset.filter(study_id=qspm_set.study_id)
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def set_of(request) -> QspmSet | None:
    """The QSPM set whose page this is (None on the add page)."""
    object_id = record_id(str(request.resolver_match.kwargs.get("object_id") or ""))
    return QspmSet.objects.filter(pk=object_id).first() if object_id else None


def strategies_offered(request):
    """The set's own study's strategies (every study's on the add page: checked on save)."""
    queryset = Strategy.objects.select_related("study").order_by("study", "quadrant", "number")
    if qspm_set := set_of(request):
        queryset = queryset.filter(study_id=qspm_set.study_id)
    return queryset


@admin.register(QspmSet)
class QspmSetAdmin(InStudyAdmin):
    """A set of alternative strategies and its score grid: each factor row scored 1–4 for
    every strategy of the set, or not at all (not relevant); the sums of weight × score rank
    the set's strategies."""

    list_display = ["set_name", "in_study", "position"]
    list_display_links = ["set_name"]
    list_filter = [("study", StudyFilter)]
    list_select_related = ["study"]
    search_fields = ["name"]
    ordering = ["study", "position", "pk"]
    inlines = [QspmChoiceInline, QspmScoreInline]

    @admin.display(description=_("name"), ordering="name")
    def set_name(self, qspm_set: QspmSet) -> str:
        return isolated(qspm_set.name)

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        choices = next(f for f in formsets if isinstance(f, QspmChoiceFormSet))
        for formset in formsets:
            if isinstance(formset, QspmScoreFormSet):
                formset.choices = choices
        return formsets, inline_instances
