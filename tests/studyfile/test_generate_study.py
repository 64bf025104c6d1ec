"""`generate_study`: the Mashhad study copied N times, for measuring the editor at scale."""

import io

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.db.models import Count

from actions.models import Action, ActionLink
from editor.matrix import load_matrix
from strategies.models import Citation
from studyfile.generate import scaled_study
from studyfile.schema import read_study_file
from swot.models import Study
from tests.helpers import MASHHAD_FIXTURE

pytestmark = pytest.mark.django_db


def generate(*args) -> str:
    out = io.StringIO()
    call_command("generate_study", *args, stdout=out)
    return out.getvalue()


def sizes(study: Study) -> dict[str, int]:
    shared = Action.objects.filter(study=study).annotate(n=Count("links")).filter(n__gt=1).count()
    return {
        "factors": study.factors.count(),
        "strategies": study.strategies.count(),
        "citations": Citation.objects.filter(strategy__study=study).count(),
        "actions": Action.objects.filter(study=study).count(),
        "links": ActionLink.objects.filter(strategy__study=study).count(),
        "shared actions": shared,
    }


def compact_citations(study: Study) -> dict[str, str]:
    matrix = load_matrix(study)
    return {s.code: s.compact for q in matrix.strategies.values() for s in q}


def test_scale_one_is_the_mashhad_study(mashhad):
    generate("--scale", "1", "--slug", "one")
    one = Study.objects.get(slug="one")
    assert sizes(one) == sizes(mashhad)
    assert compact_citations(one) == compact_citations(mashhad)
    assert one.title == mashhad.title


def test_scale_n_holds_n_copies_in_the_papers_proportions(mashhad):
    output = generate("--scale", "3")
    big = Study.objects.get(slug="mashhad-x3")
    assert {name: n * 3 for name, n in sizes(mashhad).items()} == sizes(big)
    assert "factors: 117 (S 39, W 27, O 30, T 21)" in output
    # The second copy's SO1 is SO4 and cites the second copy's factors, as SO1 does the first's.
    cited = compact_citations(big)
    assert cited["SO1"] == "S1,3,7,8,9,10,11,12 O2,3,4,5,6,7,8,9,10"
    assert cited["SO4"] == "S14,16,20,21,22,23,24,25 O12,13,14,15,16,17,18,19,20"
    assert cited["WT6"] == "W21,22,23,24,27 T17,18"


def test_copies_keep_the_persian_texts_and_say_which_copy_they_are():
    data = scaled_study(read_study_file(MASHHAD_FIXTURE), 2, "two")
    assert data["factors"]["S14"]["text"] == data["factors"]["S1"]["text"] + " (نسخهٔ ۲)"
    assert data["strategies"]["SO4"]["actions"] == ["A1-2", "A2-2", "A3-2", "A4-2", "A5-2", "A6-2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "0"], "--scale: 0 is not between 1 and 100"),
        (["--scale", "101"], "--scale: 101 is not between 1 and 100"),
        (["--scale", "many"], "--scale: 'many' is not a whole number"),
        (["--scale", "1", "--slug", "not a slug"], "study.slug"),
    ],
)
def test_bad_arguments_are_refused_and_generate_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        generate(*args)
    assert not Study.objects.exists()


def test_an_existing_slug_is_refused_unless_replaced():
    generate("--scale", "1", "--slug", "copy")
    with pytest.raises(CommandError, match="already loaded"):
        generate("--scale", "2", "--slug", "copy")
    generate("--scale", "2", "--slug", "copy", "--replace")
    assert Study.objects.get(slug="copy").factors.count() == 78


def test_generate_study_has_help():
    command = load_command_class("studyfile", "generate_study")
    text = command.create_parser("manage.py", "generate_study").format_help()
    assert "Mashhad" in text and "--scale" in text and "--replace" in text
