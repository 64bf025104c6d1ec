"""The study page marks the TOWS quadrant that David's strategic position recommends, once
the study's factors are weighed and rated, without a query of its own."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.models import Assessment
from tests.helpers import factor

pytestmark = pytest.mark.django_db


def rate(study, code: str, weight: str, rating: int) -> None:
    Assessment.objects.create(factor=factor(study, code), weight=Decimal(weight), rating=rating)


def recommended(html: str) -> list[str]:
    return [q for q in ("SO", "WO", "ST", "WT") if f'q-{q.lower()} recommended"' in html]


def test_an_unrated_study_has_no_recommended_quadrant(analyst, study):
    html = analyst.get(reverse("study", args=[study.slug])).content.decode()
    assert recommended(html) == []
    assert "پیشنهاد جایگاه راهبردی" not in html


def test_weak_inside_and_high_outside_recommend_the_wo_quadrant(analyst, study):
    """IFE: S1–S5 0.10 × 2 each = 1.00, W1 0.50 × 2 = 1.00: 2.00 (weak, under 2.5), weights
    1.00; EFE: O1 0.50 × 3 = 1.50, O2 0.25 × 2 = 0.50, T1 0.25 × 2 = 0.50: 2.50 (high: 2.5
    counts as high), weights 1.00 → conservative, WO, every factor rated: not provisional."""
    for n in range(1, 6):
        rate(study, f"S{n}", "0.1", 2)
    rate(study, "W1", "0.5", 2)
    rate(study, "O1", "0.5", 3)
    rate(study, "O2", "0.25", 2)
    rate(study, "T1", "0.25", 2)
    html = analyst.get(reverse("study", args=[study.slug])).content.decode()
    assert recommended(html) == ["WO"]
    assert "پیشنهاد جایگاه راهبردی: محافظه‌کارانه" in html  # conservative
    assert "(موقت)" not in html  # not provisional


def test_a_matrix_whose_weights_do_not_sum_to_one_marks_the_quadrant_provisional(analyst, study):
    """IFE: S1 0.40 × 4 = 1.60 (weights 0.40, S2–W1 unrated) → weak; EFE: O1 1.00 × 3 = 3.00
    → high: WO, provisional since the IFE weights sum to 0.40."""
    rate(study, "S1", "0.4", 4)
    rate(study, "O1", "1", 3)
    html = analyst.get(reverse("study", args=[study.slug])).content.decode()
    assert recommended(html) == ["WO"]
    assert "(موقت)" in html  # provisional
