"""A study holds at most so many factors of a kind, strategies in a quadrant and actions in a
program (planning/limits.py, as in a study file): an add past it is refused with a message
next to the text, which is kept, and writes nothing."""

import pytest
from django.urls import reverse

from actions.models import Action
from tests.helpers import HX, strategy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "module, limit, url, count",
    [
        ("swot.changes.FACTORS_PER_KIND_MAX", 5,
         lambda s: reverse("factor-add", args=["small", "S"]),
         lambda s: s.factors.filter(kind="S").count()),
        ("strategies.changes.STRATEGIES_PER_QUADRANT_MAX", 2,
         lambda s: reverse("strategy-add", args=["small", "SO"]),
         lambda s: s.strategies.filter(quadrant="SO").count()),
        ("actions.changes.ACTIONS_PER_PROGRAM_MAX", 2,
         lambda s: reverse("action-new", args=[strategy(s, "SO1").pk]),
         lambda s: Action.objects.filter(study=s).count()),
    ],
)  # fmt: skip
def test_an_add_past_the_limit_is_refused_with_the_text_kept(
    analyst, study, monkeypatch, module, limit, url, count
):
    analyst.cookies["django_language"] = "en"
    monkeypatch.setattr(module, limit)  # the small study is full at these
    before = count(study)
    response = analyst.post(url(study), {"text": "One too many", "note": ""}, headers=HX)
    assert response.status_code == 200
    assert "There is no room for another one: a study holds at most" in response.text
    assert "One too many</textarea>" in response.text
    assert count(study) == before


def test_the_persian_message_names_the_limit_in_persian_digits(analyst, study, monkeypatch):
    monkeypatch.setattr("swot.changes.FACTORS_PER_KIND_MAX", 1500)
    study.factors.filter(kind="S", number=5).update(number=1500)  # the next would be S1501
    response = analyst.post(
        reverse("factor-add", args=["small", "S"]), {"text": "x", "note": ""}, headers=HX
    )
    assert "یک مطالعه حداکثر ۱,۵۰۰ عامل از هر نوع" in response.text
