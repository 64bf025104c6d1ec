"""The Mashhad report says what the paper says: Table 3's 66 places in the paper's own words
(a shared action is worded a little differently in some programs), its captions, headings,
footnotes and the order its citations list the kinds in. Read back from the PDF.

The expected texts are the paper's, copied from the seed (tests/reports/data/), never from
our study file: the study file could drift from the paper and these tests would say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.pdf_text import mashhad_pdf, mashhad_text, norm, pdf_pages

pytestmark = pytest.mark.django_db

PAPER_TABLE3 = Path(__file__).parent / "data" / "mashhad_paper_table3.tsv"

# The paper's captions (seed lines 106, 141, 161) and the headings of its factor lists.
PAPER_CAPTIONS = {
    "table1": "جدول ۱- توانمندیها و پتانسیلهای شهر مشهد در دیپلماسی شهری با کشورهای اسلامی "
    "(قوتها و فرصتها)",
    "table2": "جدول ۲- چالشها و مشکلات شهر مشهد در دیپلماسی شهری با کشورهای اسلامی "
    "(ضعفها و تهدیدها)",
    "table3": "جدول ۳- راهبردهای شایسته برای رسیدن مشهد به اهداف دیپلماسی شهری و راهکارهای "
    "پیاده سازی آنها",
}
PAPER_HEADINGS = {
    "table1": ("نقاط قوت (S)", "فرصتها (O)"),
    "table2": ("نقاط ضعف (W)", "تهدیدات (T)"),
}
PAPER_FOOTNOTES = (
    # On Table 3's caption.
    "بعضی از اقدامات در عملیاتی شدن راهبردهای مختلف کارایی دارند، و از این رو در چند راهبرد "
    "تکرار شده اند.",
    # On SO3's fourth action, «کمپین دیپلماسی شهری شهرهای اسلامی».
    "city diplomacy campaign of Islamic cities",
)


def paper_places() -> list[tuple[str, str]]:
    """(SO1.1, text) for each of the paper's 66 places, in the paper's order."""
    lines = PAPER_TABLE3.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def test_the_papers_table_3_has_66_places_in_twelve_programs():
    places = paper_places()
    assert len(places) == 66
    assert len({place.split(".")[0] for place, _ in places}) == 12


@pytest.mark.parametrize("part", ["combined", "table3"])
def test_table_3_prints_the_papers_wording_at_each_of_its_66_places_in_order(
    mashhad, tmp_path, part
):
    text = mashhad_text(mashhad, part, tmp_path)
    places = paper_places()
    wordings = [norm(wording) for _, wording in places]
    # Read in order: each place after the one before it, in its own strategy's program.
    at = 0
    for (place, _), wording in zip(places, wordings, strict=True):
        found = text.find(wording, at)
        assert found >= 0, f"{place} is not printed in the paper's words after the place before"
        at = found + len(wording)
    # And nowhere else: a wording is printed as often as the paper prints it (or a wording
    # that holds it), so no place prints another place's variant.
    for (place, _), wording in zip(places, wordings, strict=True):
        expected = sum(other.count(wording) for other in wordings)
        assert text.count(wording) == expected, place


@pytest.mark.parametrize(
    ("place", "variant"),
    [
        # Shared actions keep another program's words unless a place has its own wording.
        ("WO1.3", "معرفی فرصتهای سرمایهگذاری خارجی مشهد در رایزنیهای فرهنگی"),
        ("WT2.14", "دنبال کردن ایجاد شبکه شهرهای آسیایی"),
        ("ST1.5", "پیگیری اهداف توسعه شهری (با توجه به انتخاب دانشگاه فردوسی"),
    ],
)
def test_a_shared_action_is_printed_in_another_programs_words_only_where_the_paper_does(
    mashhad, tmp_path, place, variant
):
    text = mashhad_text(mashhad, "table3", tmp_path)
    in_paper = sum(norm(wording).count(norm(variant)) for _, wording in paper_places())
    assert in_paper >= 1  # the variant is the paper's, at other places
    assert text.count(norm(variant)) == in_paper, place


@pytest.mark.parametrize("part", ["table1", "table2", "table3"])
def test_each_table_has_the_papers_caption(mashhad, tmp_path, part):
    assert norm(PAPER_CAPTIONS[part]) in mashhad_text(mashhad, part, tmp_path)


def test_the_combined_report_has_the_papers_captions_and_footnotes(mashhad, tmp_path):
    pages = [norm(page) for page in pdf_pages(mashhad_pdf(mashhad, "combined"), tmp_path)]
    for caption in PAPER_CAPTIONS.values():
        # In the contents on the title page, and over its table.
        assert [n for n, page in enumerate(pages) if norm(caption) in page][0] == 0
        assert len([page for page in pages if norm(caption) in page]) == 2
    for footnote in PAPER_FOOTNOTES:
        assert len([page for page in pages if norm(footnote) in page]) == 1


@pytest.mark.parametrize("part", ["table1", "table2"])
def test_the_factor_lists_have_the_papers_headings(mashhad, tmp_path, part):
    text = mashhad_text(mashhad, part, tmp_path)
    for heading in PAPER_HEADINGS[part]:
        assert norm(heading) in text
    assert norm("تهدیدها (T)") not in text


def test_table_3_has_the_papers_column_headings_on_every_page(mashhad, tmp_path):
    pages = pdf_pages(mashhad_pdf(mashhad, "table3"), tmp_path)
    for page in pages:
        assert norm("راهبرد راهبردها برنامه ها") in norm(page)


def test_the_papers_footnotes_are_at_the_foot_of_their_pages(mashhad, tmp_path):
    pages = pdf_pages(mashhad_pdf(mashhad, "table3"), tmp_path)
    caption, campaign = (norm(footnote) for footnote in PAPER_FOOTNOTES)
    assert caption in norm(pages[0])
    so3 = next(page for page in pages if norm("SO3") in norm(page))
    assert campaign in norm(so3)
    # At the foot of the page: after it come only the running head and the page number.
    for page, footnote in ((pages[0], caption), (so3, campaign)):
        lines = [norm(line) for line in page.splitlines() if norm(line)]
        assert lines[-3] == footnote
        assert norm("صفحه") in lines[-1]


def test_citations_list_the_opportunities_before_the_strengths_as_the_paper_does(mashhad, tmp_path):
    text = mashhad_text(mashhad, "table3", tmp_path)
    assert norm("SO2") + norm("توسعه همکاری") in text
    assert norm("(O1,3,5,6,7,8 S1,3,6,10,11,12)") in text
    assert norm("(T2,3,4,5,6,7 S7,8,9,10,11,12,13)") in text
    assert norm("(S1,3,6,10,11,12 O1,3,5,6,7,8)") not in text
