"""The Mashhad study file against the paper's Tables 1–3: counts, citations, shared actions."""

import re

import pytest
from django.db.models import Count

from actions.models import Action, ActionLink
from planning.notation import format_compact
from strategies.models import Strategy
from swot.models import ReportStyle

pytestmark = pytest.mark.django_db


ZWNJ = "\u200c"


# Table 3 of the paper: actions per strategy, as printed.
PRINTED_ACTION_COUNTS = {
    "SO1": 6, "SO2": 5, "SO3": 10, "WO1": 5, "WO2": 2, "WO3": 3,
    "WO4": 2, "ST1": 8, "ST2": 4, "ST3": 5, "WT1": 2, "WT2": 14,
}  # fmt: skip


# Table 3's citations as printed, less SO1's O11 and O12 which Table 1 does not have.
PRINTED_CITATIONS = {
    "SO1": "S1,3,7,8,9,10,11,12 O2,3,4,5,6,7,8,9,10",
    "SO2": "S1,3,6,10,11,12 O1,3,5,6,7,8",
    "SO3": "S1,3,6,10,11,12 O1,3,5,6,7,8",
    "WO1": "W3,4,5 O1,4,5,7,9,10",
    "WO2": "W7 O1,2,4",
    "WO3": "W1,6,8,9 O1,2,4,6,8",
    "WO4": "W3,4,5,6 O2,3",
    "ST1": "S7,8,9,10,11,12,13 T2,3,4,5,6,7",
    "ST2": "S6,7,10,11,12,13 T1,2,3,5,7",
    "ST3": "S1,2,3,5,6,7,9,10,11,12,13 T4,5,6,7",
    "WT1": "W1,2,3,4 T3,5,7",
    "WT2": "W3,4,5,6,9 T3,4",
}


def codes(strategy: Strategy) -> str:
    return format_compact((f.kind, f.number) for f in strategy.factors.all())


def test_mashhad_study_has_the_papers_factor_counts(mashhad):
    counts = dict(mashhad.factors.values_list("kind").annotate(n=Count("id")))
    assert counts == {"S": 13, "O": 10, "W": 9, "T": 7}


def test_mashhad_study_has_twelve_strategies_in_the_four_quadrants(mashhad):
    assert [s.code for s in mashhad.strategies.order_by("quadrant", "number")] == [
        "SO1", "SO2", "SO3", "ST1", "ST2", "ST3", "WO1", "WO2", "WO3", "WO4", "WT1", "WT2",
    ]  # fmt: skip


@pytest.mark.parametrize(("code", "count"), PRINTED_ACTION_COUNTS.items())
def test_each_strategy_has_its_printed_number_of_actions(mashhad, code, count):
    strategy = mashhad.strategies.get(quadrant=code[:2], number=int(code[2:]))
    positions = list(strategy.action_links.values_list("position", flat=True))
    assert positions == list(range(1, count + 1))


@pytest.mark.parametrize(("code", "printed"), PRINTED_CITATIONS.items())
def test_each_strategy_cites_the_factors_printed_in_table_3(mashhad, code, printed):
    strategy = mashhad.strategies.get(quadrant=code[:2], number=int(code[2:]))
    assert codes(strategy) == printed


def test_so1_keeps_the_papers_missing_o11_and_o12_visible_in_a_note(mashhad):
    so1 = mashhad.strategies.get(quadrant="SO", number=1)
    assert "O11" in so1.note and "O12" in so1.note
    assert not mashhad.factors.filter(kind="O", number__gt=10).exists()


def test_shared_actions_are_one_row_linked_several_times(mashhad):
    shared = Action.objects.filter(study=mashhad).annotate(n=Count("links")).filter(n__gt=1)
    assert shared.count() >= 10
    # Same wording never appears as two actions of one study.
    texts = list(Action.objects.filter(study=mashhad).values_list("text", flat=True))
    assert len(texts) == len(set(texts))
    # Table 3 prints "تقویت ارتباط شهرداری با دانشگاه فردوسی…" under SO1, ST1, ST2 and WT1.
    ferdowsi = Action.objects.get(study=mashhad, text__startswith="تقویت ارتباط شهرداری با دانشگاه")
    served = sorted(s.code for s in ferdowsi.strategies.all())
    assert served == ["SO1", "ST1", "ST2", "WT1"]
    # The first appearance's wording is kept (SO1's, with the parenthesis about India).
    assert "هند" in ferdowsi.text


def test_total_links_match_table_3(mashhad):
    assert ActionLink.objects.filter(strategy__study=mashhad).count() == sum(
        PRINTED_ACTION_COUNTS.values()
    )
    assert Action.objects.filter(study=mashhad).count() < sum(PRINTED_ACTION_COUNTS.values())


def test_persian_text_has_its_zero_width_non_joiners_restored(mashhad):
    texts = [
        *mashhad.factors.values_list("text", flat=True),
        *mashhad.strategies.values_list("text", flat=True),
        *Action.objects.filter(study=mashhad).values_list("text", flat=True),
    ]
    joined = "\n".join(texts)
    assert f"بین{ZWNJ}المل" in joined
    for lost in ["بینالملل", "فعالیتهای", "سرمایهگذاری", "ظرفیتهای", "دانشگاهها"]:
        assert lost not in joined, lost
    # The space-for-ZWNJ habit of part of the table is normalised too.
    assert not re.search(r"\S (ها|های|هایی)(\s|$)", joined)


def printed(mashhad, code: str, position: int) -> str:
    strategy = mashhad.strategies.get(quadrant=code[:2], number=int(code[2:]))
    return strategy.action_links.select_related("action").get(position=position).printed_text


# Where Table 3 prints a shared action in other words than its first appearance.
WORDED_DIFFERENTLY = {
    ("WO1", 3), ("ST1", 3), ("ST1", 5), ("ST2", 4), ("ST3", 4),
    ("WT1", 2), ("WT2", 1), ("WT2", 11), ("WT2", 14),
}  # fmt: skip


def test_a_shared_action_has_its_own_wording_exactly_where_the_paper_words_it_differently(
    mashhad,
):
    links = ActionLink.objects.filter(strategy__study=mashhad).select_related("strategy", "action")
    worded = {(link.strategy.code, link.position) for link in links if link.wording}
    assert worded == WORDED_DIFFERENTLY
    for link in links:
        if link.wording:
            assert link.wording != link.action.text
            assert link.action.links.count() > 1  # a shared action's words at one place


def test_each_place_prints_the_papers_words_there(mashhad):
    # WT2 prints «ایجاد شبکه…» without «دنبال کردن», which SO3 keeps.
    assert printed(mashhad, "SO3", 10).startswith("دنبال کردن ایجاد شبکه شهرهای آسیایی")
    assert printed(mashhad, "WT2", 14).startswith("ایجاد شبکه شهرهای آسیایی")
    # Only SO1 has the parenthesis about India after «تقویت ارتباط شهرداری با دانشگاه فردوسی».
    assert "هند" in printed(mashhad, "SO1", 5)
    for code, position in [("ST1", 5), ("ST2", 4), ("WT1", 2)]:
        assert printed(mashhad, code, position).endswith("به منظور پیگیری اهداف توسعه شهری")
    # SO3 has «رایزنی‌های فرهنگی»; WO1 and ST1 «رایزنی‌ها» alone.
    assert f"رایزنی{ZWNJ}های فرهنگی" in printed(mashhad, "SO3", 7)
    for code in ["WO1", "ST1"]:
        assert f"رایزنی{ZWNJ}ها و سفارتخانه" in printed(mashhad, code, 3)
    # SO1 and ST1 «در راستای مرکزیت‌بخشی», WT2 «برای مرکزیت‌بخشی».
    assert "در راستای مرکزیت" in printed(mashhad, "SO1", 1)
    assert "در راستای مرکزیت" in printed(mashhad, "ST1", 1)
    assert "برای مرکزیت" in printed(mashhad, "WT2", 1)
    # The weeks of friendship: SO3 and ST1 alike, ST3 and WT2 each their own way.
    assert printed(mashhad, "SO3", 9) == printed(mashhad, "ST1", 6)
    assert "ورزشی و ...،" in printed(mashhad, "ST3", 4)
    assert f"نام{ZWNJ}گذاری{ZWNJ}ها" not in printed(mashhad, "ST3", 4)
    assert f"نام{ZWNJ}گذاری{ZWNJ}ها" in printed(mashhad, "WT2", 11)


def test_so3s_campaign_carries_the_papers_footnote(mashhad):
    footnoted = ActionLink.objects.filter(strategy__study=mashhad).exclude(footnote="")
    assert [(link.strategy.code, link.position) for link in footnoted] == [("SO3", 4)]
    assert footnoted.get().footnote == "city diplomacy campaign of Islamic cities"
    assert "کمپین دیپلماسی شهری شهرهای اسلامی" in footnoted.get().action.text


def test_mashhad_is_printed_in_the_papers_citation_order_and_headings(mashhad):
    style = mashhad.report_style
    assert (style.typeface, style.citation_order) == ("vazirmatn", "external")
    headings = [
        style.strengths_heading,
        style.opportunities_heading,
        style.weaknesses_heading,
        style.threats_heading,
    ]
    assert [h[-3:] for h in headings] == ["(S)", "(O)", "(W)", "(T)"]
    assert style.threats_heading.startswith("تهدیدات")  # as Table 2 prints it, not «تهدیدها»
    assert all(getattr(style, name) for name in ReportStyle.WORDING_FIELDS)
    assert style.document_number == ""  # the paper has none
