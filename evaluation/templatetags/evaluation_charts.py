"""`{% evaluation_charts evaluation as charts %}`: a study's three charts for a template."""

from __future__ import annotations

from django import template

from evaluation.charts import EvaluationCharts, evaluation_charts
from evaluation.figures import StudyEvaluation

register = template.Library()


@register.simple_tag(name="evaluation_charts")
def charts_tag(evaluation: StudyEvaluation | EvaluationCharts) -> EvaluationCharts:
    """The charts of a StudyEvaluation (or the charts themselves, already made)."""
    if isinstance(evaluation, EvaluationCharts):
        return evaluation
    return evaluation_charts(evaluation)
