"""The evaluation page's forms: a factor's weight and rating, the SPACE scale and variables, a
QSPM set and a row of its grid. Numbers may be typed in Persian digits (۰٫۲۵ is 0.25); every
message names the factor, the variable or the set it is about."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evaluation.changes import named, variable_label
from evaluation.models import QSPM_SET_NAME_MAX, SPACE_VARIABLE_NAME_MAX, SpaceMatrix, SpaceVariable
from planning.evaluation import (
    POSITIVE_DIMENSIONS,
    check_qspm_row,
    check_rating,
    check_score,
    check_space_score,
    check_weight,
)
from planning.forms import LengthLimit
from planning.text import normalize_text
from strategies.models import Strategy
from swot.models import Factor, Study

# What a rating means (David): IFE for strengths and weaknesses, EFE for opportunities and
# threats; a QSPM attractiveness score.
IFE_RATINGS = {
    1: _("major weakness"),
    2: _("minor weakness"),
    3: _("minor strength"),
    4: _("major strength"),
}
EFE_RATINGS = {
    1: _("poor response"),
    2: _("average response"),
    3: _("above-average response"),
    4: _("superior response"),
}
ATTRACTIVENESS = {
    1: _("not attractive"),
    2: _("somewhat attractive"),
    3: _("reasonably attractive"),
    4: _("highly attractive"),
}
NUMBER_TYPED_MAX = 20  # characters of a typed number; more is not a number of ours
TYPED_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫−", "01234567890123456789.-")


def rating_meanings(kind: str) -> dict:
    return IFE_RATINGS if kind in ("S", "W") else EFE_RATINGS


def typed_number(value: str, label: str) -> Decimal | None:
    """A number as typed (Persian or Arabic digits, ٫ or . for the decimal point); blank is
    None. Anything else is refused with a message naming `label`."""
    text = (value or "").strip().translate(TYPED_DIGITS)
    if not text:
        return None
    try:
        number = Decimal(text) if len(text) <= NUMBER_TYPED_MAX else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(
            gettext("%(label)s: «%(value)s» is not a number.")
            % {"label": label, "value": value.strip()[:NUMBER_TYPED_MAX]},
            code="not_a_number",
        )
    return number


def typed_whole(value: str, label: str) -> int | None:
    number = typed_number(value, label)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValidationError(
            gettext("%(label)s: «%(value)s» is not a whole number.")
            % {"label": label, "value": value.strip()},
            code="not_whole",
        )
    return int(number)


class AssessmentForm(forms.Form):
    """A factor's weight (0–1, at most three decimals) and rating (1–4); blank clears."""

    weight = forms.CharField(label=_("Weight"), required=False, strip=True)
    rating = forms.ChoiceField(label=_("Rating"), required=False)

    def __init__(self, *args, factor: Factor, **kwargs):
        super().__init__(*args, **kwargs)
        self.factor = factor
        meanings = rating_meanings(factor.kind)
        self.fields["rating"].choices = [("", "—")] + [
            (str(n), f"{n} — {meaning}") for n, meaning in meanings.items()
        ]
        # Any value is read here, so the message can name the factor (not "Select a valid
        # choice").
        self.fields["rating"].validators = []
        self.fields["rating"].valid_value = lambda value: True

    def clean_weight(self) -> Decimal | None:
        weight = typed_number(self.cleaned_data["weight"], self.factor.code)
        if weight is not None:
            try:
                check_weight(weight)
            except ValidationError as error:
                raise named(self.factor.code, error) from error
        return weight

    def clean_rating(self) -> int | None:
        rating = typed_whole(self.cleaned_data["rating"], self.factor.code)
        if rating is not None:
            try:
                check_rating(rating)
            except ValidationError as error:
                raise named(self.factor.code, error) from error
        return rating


class SpaceScaleForm(forms.Form):
    scale = forms.TypedChoiceField(
        label=_("Scale"), choices=SpaceMatrix.Scale.choices, coerce=int, empty_value=None
    )


def score_range(dimension: str, scale: int) -> tuple[int, int]:
    """The scores a dimension's variables may take: FP, IP +1 … +scale; SP, CP −scale … −1."""
    return (1, scale) if dimension in POSITIVE_DIMENSIONS else (-scale, -1)


class SpaceVariableForm(forms.Form):
    """A SPACE variable's name and score, checked against its dimension's range."""

    name = forms.CharField(label=_("Variable"), max_length=SPACE_VARIABLE_NAME_MAX)
    score = forms.CharField(label=_("Score"))

    def __init__(self, *args, dimension: str, scale: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimension, self.scale = dimension, scale
        name = self.fields["name"]
        name.error_messages["required"] = _("Name the variable.")
        name.validators = [LengthLimit(SPACE_VARIABLE_NAME_MAX, name.label)]
        self.fields["score"].error_messages["required"] = _("Give the variable a score.")

    def clean_name(self) -> str:
        name = normalize_text(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Name the variable."), code="required")
        return name

    def clean(self):
        data = super().clean()
        if "score" not in data:
            return data
        label = variable_label(self.dimension, data.get("name") or "…")
        try:
            score = typed_whole(data["score"], label)
        except ValidationError as error:
            self.add_error("score", error)
            return data
        try:
            check_space_score(self.dimension, score, self.scale)
        except ValidationError as error:
            self.add_error("score", named(label, error))
            return data
        data["score"] = score
        return data


class QspmSetForm(forms.Form):
    """A new set: its name and at least two of the study's strategies."""

    name = forms.CharField(label=_("Name of the set"), max_length=QSPM_SET_NAME_MAX)
    strategies = forms.ModelMultipleChoiceField(
        label=_("Strategies to compare"),
        queryset=Strategy.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, study: Study, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.fields["name"]
        name.error_messages["required"] = _("Name the set.")
        name.validators = [LengthLimit(QSPM_SET_NAME_MAX, name.label)]
        field = self.fields["strategies"]
        field.queryset = Strategy.objects.filter(study=study).order_by("quadrant", "number")
        field.label_from_instance = lambda strategy: strategy.code
        field.error_messages["required"] = _("Choose at least two strategies to compare.")
        field.error_messages["invalid_choice"] = _(
            "%(value)s is not a strategy of this study: a set compares one study's strategies."
        )

    def clean_name(self) -> str:
        name = normalize_text(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Name the set."), code="required")
        return name

    def clean_strategies(self):
        chosen = sorted(self.cleaned_data["strategies"], key=lambda s: (s.quadrant, s.number))
        if len(chosen) < 2:
            raise ValidationError(_("Choose at least two strategies to compare."), code="too_few")
        return chosen


NOT_RELEVANT = "not_relevant"


class QspmRowForm(forms.Form):
    """A factor's row of a set: a score 1–4 per strategy, or "not relevant" (the row cleared).
    Fields `s<strategy pk>`, one per strategy of the set, in its order."""

    not_relevant = forms.BooleanField(label=_("Not relevant"), required=False)

    def __init__(self, *args, label: str, strategies: list[Strategy], **kwargs):
        super().__init__(*args, **kwargs)
        self.label, self.strategies = label, strategies
        choices = [("", "—")] + [(str(n), f"{n} — {m}") for n, m in ATTRACTIVENESS.items()]
        for strategy in strategies:
            field = forms.ChoiceField(label=strategy.code, required=False, choices=choices)
            field.valid_value = lambda value: True  # read below, with a message naming the row
            self.fields[f"s{strategy.pk}"] = field

    def score_fields(self):
        return [self[f"s{strategy.pk}"] for strategy in self.strategies]

    def clean(self):
        data = super().clean()
        if data.get(NOT_RELEVANT):
            data["scores"] = [None] * len(self.strategies)
            return data
        scores = []
        for strategy in self.strategies:
            score = typed_whole(data.get(f"s{strategy.pk}", ""), self.label)
            if score is not None:
                try:
                    check_score(score)
                except ValidationError as error:
                    raise named(f"{self.label} × {strategy.code}", error) from error
            scores.append(score)
        try:
            check_qspm_row(scores)
        except ValidationError as error:
            raise named(self.label, error) from error
        data["scores"] = scores
        return data


def variable_form(variable: SpaceVariable, scale: int, data=None) -> SpaceVariableForm:
    initial = {"name": variable.name, "score": f"{variable.score:+d}"}
    return SpaceVariableForm(data, dimension=variable.dimension, scale=scale, initial=initial)
