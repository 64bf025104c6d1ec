"""The study file carries David's tools by code: each factor's IFE/EFE weight and rating, the
SPACE matrix, the QSPM sets; checked before anything is written, written with the rest of the
load, dropped by a replace whose file no longer has them, and written back by export_study."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils.translation import override

from evaluation.figures import evaluate_study
from evaluation.models import (
    QSPM_SET_NAME_MAX,
    SPACE_VARIABLE_NAME_MAX,
    Assessment,
    QspmChoice,
    QspmScore,
    QspmSet,
    SpaceMatrix,
    SpaceVariable,
)
from planning.evaluation import (
    check_qspm_row,
    check_rating,
    check_score,
    check_space_scale,
    check_space_score,
    check_weight,
)
from studyfile.duplicate import duplicate_study
from studyfile.export import dump_study_file, export_study
from studyfile.load import EditedSinceLoad, load_study
from studyfile.schema import StudyFileError, parse_study_file
from swot.models import Factor, Study

pytestmark = pytest.mark.django_db

# Written as an analyst would, in the form. The arithmetic the tests check:
#   IFE: S1 0.20×4 = 0.80, S2 0.15×3 = 0.45, W1 0.65×1 = 0.65; weights 1.00, total 1.90
#   EFE: O1 0.1×3 = 0.3, O2 0.2×4 = 0.8, T1 0.7×2 = 1.4; weights 1.0 (0.1 + 0.2 + 0.7, which
#        as floats is 0.9999999999999999), total 2.5
#   SPACE ±7: FP (5 + 4)/2 = 4.5, SP −3, CP −4, IP 6; x = −4 + 6 = 2, y = 4.5 − 3 = 1.5
#   QSPM "SO": S1 0.20×4, 0.20×2; O1 0.1×4, 0.1×3; S2 not relevant, W1 and the rest left out
#        SO1 0.80 + 0.40 = 1.20, SO2 0.40 + 0.30 = 0.70
FILE = """\
study: {slug: tus, title: Tus plan, city: Tus, language: en}
factors:
  S1: {text: Shrine, weight: 0.20, rating: 4}
  S2: {text: Airport, note: "since 2019", weight: 0.15, rating: 3}
  W1: {text: Silos, weight: 0.65, rating: 1}
  O1: {text: Corridor, weight: 0.1, rating: 3}
  O2: {text: Tourism, weight: 0.2, rating: 4}
  T1: {text: Sanctions, weight: 0.7, rating: 2}
strategies:
  SO1: {text: Grow, cites: S1 O1}
  SO2: {text: Expand, cites: S2 O2}
  WT1: {text: Guard, cites: W1 T1}
space:
  scale: 7
  FP: {"Budget surplus": 5, "Access to funds": 4}
  SP: {"Political stability": -3}
  CP: {"Brand": -4}
  IP: {"Tourism growth": 6}
qspm:
  - name: SO
    strategies: [SO1, SO2]
    scores: {S1: [4, 2], S2: null, O1: [4, 3]}
"""


def data(text: str = FILE, name: str = "tus.yaml") -> dict:
    return parse_study_file(text.encode(), name)


def loaded(text: str = FILE) -> Study:
    return load_study(data(text)).study


def refusal(text: str) -> str:
    with pytest.raises(StudyFileError) as refused:
        load_study(data(text))
    assert not Study.objects.exists() and not Factor.objects.exists()
    assert not (Assessment.objects.exists() or SpaceMatrix.objects.exists())
    return str(refused.value)


def weights(study: Study) -> dict[str, tuple[Decimal | None, int | None]]:
    rows = Assessment.objects.filter(factor__study=study).select_related("factor")
    return {a.factor.code: (a.weight, a.rating) for a in rows}


def figures(study: Study) -> dict:
    """Every figure evaluate_study gives, by code (no ids)."""
    e = evaluate_study(study)
    return {
        "ife": (e.ife.rows, e.ife.total, e.ife.weight_sum, e.ife.valid),
        "efe": (e.efe.rows, e.efe.total, e.efe.weight_sum, e.efe.valid),
        "space": (e.space_scale, e.space.means, e.space.x, e.space.y, e.space.quadrant),
        "variables": [(v.dimension, v.name, v.score) for v in e.space_variables],
        "qspm": [
            (s.qspm_set.name, s.figures.strategies, s.figures.rows, s.figures.ranking)
            for s in e.qspm
        ],
    }


def test_the_weights_are_the_decimals_written_not_the_floats_nearest_them():
    study = loaded()
    assert weights(study) == {
        "S1": (Decimal("0.200"), 4),
        "S2": (Decimal("0.150"), 3),
        "W1": (Decimal("0.650"), 1),
        "O1": (Decimal("0.100"), 3),
        "O2": (Decimal("0.200"), 4),
        "T1": (Decimal("0.700"), 2),
    }
    evaluation = evaluate_study(study)
    assert (evaluation.ife.weight_sum, evaluation.ife.total) == (Decimal("1"), Decimal("1.90"))
    # 0.1 + 0.2 + 0.7 is 1.0 exactly (as floats: 0.9999999999999999), so the EFE is valid.
    assert (evaluation.efe.weight_sum, evaluation.efe.total) == (Decimal("1"), Decimal("2.5"))
    assert evaluation.efe.valid and evaluation.ife.valid


def test_a_weight_in_a_json_file_is_read_from_its_text_too():
    text = json.dumps(
        {
            "study": {"slug": "tus", "title": "Tus", "city": "Tus", "language": "en"},
            "factors": {"S1": {"text": "Shrine", "weight": 0.2}, "O1": "Corridor"},
        }
    ).replace("0.2", "0.20")
    study = load_study(data(text, "tus.json")).study
    assert weights(study) == {"S1": (Decimal("0.200"), None)}


def test_the_space_matrix_and_its_variables_are_loaded_in_their_order():
    study = loaded()
    assert SpaceMatrix.objects.get(study=study).scale == 7
    assert [
        (v.dimension, v.name, v.score, v.position)
        for v in SpaceVariable.objects.filter(study=study)
    ] == [
        ("CP", "Brand", -4, 1),
        ("FP", "Budget surplus", 5, 1),
        ("FP", "Access to funds", 4, 2),
        ("IP", "Tourism growth", 6, 1),
        ("SP", "Political stability", -3, 1),
    ]
    space = evaluate_study(study).space
    assert (space.x, space.y, space.quadrant) == (2, Decimal("1.5"), "aggressive")


def test_a_qspm_set_is_loaded_with_its_strategies_and_only_its_scored_rows():
    study = loaded()
    qspm_set = QspmSet.objects.get(study=study)
    assert qspm_set.name == "SO"
    assert [c.strategy.code for c in QspmChoice.objects.filter(qspm_set=qspm_set)] == [
        "SO1",
        "SO2",
    ]
    cells = {
        (s.factor.code, s.strategy.code): s.score
        for s in QspmScore.objects.filter(qspm_set=qspm_set).select_related("factor", "strategy")
    }
    assert cells == {("S1", "SO1"): 4, ("S1", "SO2"): 2, ("O1", "SO1"): 4, ("O1", "SO2"): 3}
    (ranked,) = evaluate_study(study).qspm
    assert [(r.strategy, r.total) for r in ranked.figures.ranking] == [
        ("SO1", Decimal("1.20")),
        ("SO2", Decimal("0.70")),
    ]


def test_the_load_command_says_what_it_loaded_of_davids_tools(tmp_path):
    path = tmp_path / "tus.yaml"
    path.write_text(FILE, encoding="utf-8")
    out = io.StringIO()
    call_command("load_study", str(path), stdout=out)
    assert out.getvalue().splitlines()[-3:] == [
        "  factors weighted or rated: 6",
        "  SPACE variables: 5",
        "  QSPM sets: 1",
    ]


def test_a_file_without_them_has_none_and_a_factor_may_have_a_rating_alone():
    text = FILE.split("space:")[0].replace(", weight: 0.65", "")
    result = load_study(data(text))
    study = result.study
    assert "SPACE" not in result.summary() and "QSPM" not in result.summary()
    assert weights(study)["W1"] == (None, 1)
    assert not SpaceMatrix.objects.exists() and not QspmSet.objects.exists()
    assert not evaluate_study(study).ife.valid  # W1 has no weight: the total is provisional


def test_space_without_a_scale_is_on_seven_and_six_may_be_chosen():
    assert SpaceMatrix.objects.get(study=loaded(FILE.replace("  scale: 7\n", ""))).scale == 7
    Study.objects.all().delete()
    assert SpaceMatrix.objects.get(study=loaded(FILE.replace("scale: 7", "scale: 6"))).scale == 6


def said(check, *args) -> str:
    """planning.evaluation's message for these values (in English, as a study file's are)."""
    with override("en"), pytest.raises(ValidationError) as refused:
        check(*args)
    return refused.value.messages[0]


def bad(old: str, new: str) -> str:
    assert old in FILE
    return FILE.replace(old, new)


BAD = {
    "weight over 1": (
        bad("weight: 0.20", "weight: 1.5"),
        f"factors.S1.weight: {said(check_weight, Decimal('1.5'))}",
    ),
    "weight under 0": (
        bad("weight: 0.20", "weight: -0.2"),
        f"factors.S1.weight: {said(check_weight, Decimal('-0.2'))}",
    ),
    "weight of four decimals": (
        bad("weight: 0.20", "weight: 0.2001"),
        f"factors.S1.weight: {said(check_weight, Decimal('0.2001'))}",
    ),
    # As a float this is 0.1 exactly; as written, it is not a weight of three decimals.
    "weight a float would round": (
        bad("weight: 0.1,", "weight: 0.10000000000000001,"),
        f"factors.O1.weight: {said(check_weight, Decimal('0.10000000000000001'))}",
    ),
    "weight not a number": (
        bad("weight: 0.20", "weight: heavy"),
        "factors.S1.weight: expected a number from 0 to 1, got 'heavy'",
    ),
    "weight yes": (
        bad("weight: 0.20", "weight: yes"),
        "factors.S1.weight: expected a number from 0 to 1, got yes/no True",
    ),
    "weight infinite": (
        bad("weight: 0.20", "weight: .inf"),
        "factors.S1.weight: expected a number from 0 to 1, got inf",
    ),
    "rating 5": (
        bad("rating: 4}", "rating: 5}"),
        f"factors.S1.rating: {said(check_rating, 5)}",
    ),
    "rating 0": (
        bad("rating: 4}", "rating: 0}"),
        f"factors.S1.rating: {said(check_rating, 0)}",
    ),
    "rating a fraction": (
        bad("rating: 4}", "rating: 3.5}"),
        "factors.S1.rating: expected a whole number 1, 2, 3 or 4, got 3.5",
    ),
    "space misspelt key": (
        bad("  IP: {", "  ip: {"),
        "space: unknown key 'ip' (did you mean 'IP'?)",
    ),
    "space unknown key": (
        bad("  IP: {", "  XP: {"),
        "space: unknown key 'XP' (expected scale, FP, IP, SP, CP)",
    ),
    "space scale 5": (
        bad("scale: 7", "scale: 5"),
        f"space.scale: {said(check_space_scale, 5)}",
    ),
    "space SP score positive": (
        bad('"Political stability": -3', '"Political stability": 3'),
        f"space.SP.Political stability: {said(check_space_score, 'SP', 3, 7)}",
    ),
    "space FP score negative": (
        bad('"Budget surplus": 5', '"Budget surplus": -5'),
        f"space.FP.Budget surplus: {said(check_space_score, 'FP', -5, 7)}",
    ),
    "space FP score zero": (
        bad('"Budget surplus": 5', '"Budget surplus": 0'),
        f"space.FP.Budget surplus: {said(check_space_score, 'FP', 0, 7)}",
    ),
    "space beyond a scale of 6": (
        bad("scale: 7", "scale: 6").replace('"Tourism growth": 6', '"Tourism growth": 7'),
        f"space.IP.Tourism growth: {said(check_space_score, 'IP', 7, 6)}",
    ),
    "space CP beyond the scale": (
        bad('"Brand": -4', '"Brand": -8'),
        f"space.CP.Brand: {said(check_space_score, 'CP', -8, 7)}",
    ),
    "space score not a whole number": (
        bad('"Brand": -4', '"Brand": -4.5'),
        "space.CP.Brand: expected a whole number, got -4.5",
    ),
    "space dimension a list": (
        bad('CP: {"Brand": -4}', "CP: [Brand]"),
        """space.CP: expected a mapping of variables to scores, like {"Budget surplus": 5}, """
        "got ['Brand']",
    ),
    "space variable name too long": (
        bad('"Brand": -4', f'"{"b" * (SPACE_VARIABLE_NAME_MAX + 1)}": -4'),
        f"characters; the most is {SPACE_VARIABLE_NAME_MAX}",
    ),
    "qspm row of the wrong length": (
        bad("S1: [4, 2]", "S1: [4, 2, 1]"),
        "qspm.1 (SO).scores.S1: expected 2 scores, one per strategy (SO1, SO2), or null for "
        "not relevant; got 3 scores",
    ),
    "qspm row partly dashed": (
        bad("S1: [4, 2]", "S1: [4, null]"),
        f"qspm.1 (SO).scores.S1: {said(check_qspm_row, [4, None])}",
    ),
    "qspm score 5": (
        bad("O1: [4, 3]", "O1: [4, 5]"),
        f"qspm.1 (SO).scores.O1.SO2: {said(check_score, 5)}",
    ),
    "qspm score 0": (
        bad("O1: [4, 3]", "O1: [0, 3]"),
        f"qspm.1 (SO).scores.O1.SO1: {said(check_score, 0)}",
    ),
    "qspm score a text": (
        bad("O1: [4, 3]", "O1: [4, high]"),
        "qspm.1 (SO).scores.O1.SO2: expected a whole number 1, 2, 3 or 4, or null, got 'high'",
    ),
    "qspm strategy not in the file": (
        bad("[SO1, SO2]", "[SO1, SO3]"),
        "qspm.1 (SO).strategies: 'SO3' is not a strategy of this study",
    ),
    "qspm strategy twice": (
        bad("[SO1, SO2]", "[SO1, SO1]"),
        "qspm.1 (SO).strategies: SO1 is listed twice",
    ),
    "qspm one strategy": (
        bad("[SO1, SO2]", "[SO1]"),
        "qspm.1 (SO).strategies: a set compares at least 2 strategies, not 1",
    ),
    "qspm factor not in the file": (
        bad("S2: null", "S3: null"),
        "qspm.1 (SO).scores.S3: 'S3' is not a factor of this study",
    ),
    "qspm set named twice": (
        FILE + "  - {name: SO, strategies: [SO1, WT1]}\n",
        "qspm.2.name: a set 'SO' is given twice",
    ),
    "qspm set without a name": (
        bad("  - name: SO\n", "  - name: ''\n"),
        "qspm.1.name: text is empty",
    ),
    "qspm set name too long": (
        bad("  - name: SO\n", f"  - name: {'n' * (QSPM_SET_NAME_MAX + 1)}\n"),
        f"characters; the most is {QSPM_SET_NAME_MAX}",
    ),
    "qspm misspelt key": (
        bad("    scores:", "    score:"),
        "qspm.1 (SO): unknown key 'score' (did you mean 'scores'?)",
    ),
    "qspm not a list": (
        bad("qspm:\n  - name: SO", "qspm:\n  name: SO").replace("\n    ", "\n  "),
        "qspm: expected a list of sets like [{name: SO, strategies: [SO1, SO2], scores: "
        "{S1: [4, 2]}}], got",
    ),
}


@pytest.mark.parametrize("text, expected", BAD.values(), ids=BAD.keys())
def test_a_bad_value_is_refused_naming_its_record_and_nothing_is_written(text, expected):
    assert expected in refusal(text)


def test_a_partly_dashed_row_is_refused_even_when_it_is_the_last_thing_in_the_file():
    """Checked before anything is written: the study, its factors and strategies are not
    loaded either."""
    message = refusal(bad("S2: null", "S2: null, W1: [null, 1]"))
    assert message == f"qspm.1 (SO).scores.W1: {said(check_qspm_row, [None, 1])}"


def reloaded(study: Study, slug: str) -> Study:
    """The study exported to YAML text, read back as a file and loaded under another slug."""
    text = dump_study_file(export_study(study))
    copy = parse_study_file(text.encode(), f"{slug}.yaml")
    copy["study"]["slug"] = slug
    return load_study(copy).study


def test_export_writes_them_back_and_loading_that_gives_the_same_figures():
    study = loaded()
    copy = reloaded(study, "tus-copy")
    assert weights(copy) == weights(study)
    assert figures(copy) == figures(study)
    assert figures(copy)["qspm"][0][3][0].total == Decimal("1.20")  # not an empty comparison


def test_the_exported_file_reads_as_the_hand_written_one():
    exported = export_study(loaded())
    assert exported["factors"]["S1"] == {"text": "Shrine", "weight": 0.2, "rating": 4}
    assert exported["factors"]["S2"] == {
        "text": "Airport",
        "note": "since 2019",
        "weight": 0.15,
        "rating": 3,
    }
    assert exported["space"] == {
        "scale": 7,
        "FP": {"Budget surplus": 5, "Access to funds": 4},
        "IP": {"Tourism growth": 6},
        "SP": {"Political stability": -3},
        "CP": {"Brand": -4},
    }
    assert exported["qspm"] == [
        {"name": "SO", "strategies": ["SO1", "SO2"], "scores": {"S1": [4, 2], "O1": [4, 3]}}
    ]
    text = dump_study_file(exported)
    assert "weight: 0.2\n" in text and "weight: 0.15\n" in text


def test_export_writes_only_what_is_set():
    study = loaded(FILE.split("space:")[0].replace(", weight: 0.20", ""))
    exported = export_study(study)
    assert exported["factors"]["S1"] == {"text": "Shrine", "rating": 4}
    assert "space" not in exported and "qspm" not in exported


def test_a_copy_made_without_yaml_text_has_the_same_weights():
    """duplicate_study's path: export_study's mapping loaded as it is (floats, no text)."""
    study = loaded()
    copy = export_study(study)
    copy["study"]["slug"] = "tus-copy"
    assert figures(load_study(copy).study) == figures(study)


def test_duplicating_a_study_copies_them():
    study = loaded()
    copy = duplicate_study(study)
    assert copy.pk != study.pk
    assert figures(copy) == figures(study)
    assert QspmSet.objects.filter(study=copy).count() == 1  # the copy's own, not shared


def test_three_decimal_weights_come_back_exactly():
    """Every weight of three decimals, through export's float and the loader's reading."""
    factors = "\n".join(
        f"  S{n}: {{text: s{n}, weight: {n / 1000:.3f}}}" for n in range(1, 1001)
    ).replace("S1000:", "O1:")
    study = loaded(f"study: {{slug: fine, title: Fine, city: Tus}}\nfactors:\n{factors}\n")
    assert sorted(w for w, _rating in weights(study).values()) == [
        Decimal(n) / 1000 for n in range(1, 1001)
    ]
    assert weights(reloaded(study, "fine-copy")) == weights(study)


def test_export_reads_them_in_a_fixed_number_of_queries(django_assert_num_queries):
    study = loaded(FILE + "  - {name: Second, strategies: [SO2, SO1], scores: {O2: [1, 2]}}\n")
    with django_assert_num_queries(11):
        exported = export_study(study)
    assert [s["name"] for s in exported["qspm"]] == ["SO", "Second"]


def test_replace_drops_what_the_file_no_longer_has():
    study = loaded()
    text = FILE.split("space:")[0].replace(", weight: 0.20, rating: 4", "")
    replaced = load_study(data(text), replace=True).study
    assert replaced.pk == study.pk
    assert "S1" not in weights(replaced) and weights(replaced)["S2"] == (Decimal("0.15"), 3)
    for model in (SpaceMatrix, SpaceVariable, QspmSet, QspmChoice, QspmScore):
        assert not model.objects.exists(), model


def test_replace_loads_the_files_new_figures():
    study = loaded()
    text = bad("weight: 0.20, rating: 4", "weight: 0.20, rating: 3").replace(
        "S1: [4, 2]", "S1: [1, 2]"
    )
    load_study(data(text), replace=True)
    assert weights(study)["S1"] == (Decimal("0.2"), 3)
    (ranked,) = evaluate_study(study).qspm
    # SO1 0.20×1 + 0.1×4 = 0.60, SO2 0.20×2 + 0.1×3 = 0.70
    assert [(r.strategy, r.total) for r in ranked.figures.ranking] == [
        ("SO2", Decimal("0.70")),
        ("SO1", Decimal("0.60")),
    ]


def edit_weight(study: Study) -> None:
    assessment = Assessment.objects.get(factor__study=study, factor__kind="S", factor__number=1)
    assessment.weight = Decimal("0.25")
    assessment.save()


def edit_space_score(study: Study) -> None:
    variable = SpaceVariable.objects.get(study=study, name="Brand")
    variable.score = -5
    variable.save()


def edit_scale(study: Study) -> None:
    matrix = SpaceMatrix.objects.get(study=study)
    matrix.scale = 6
    matrix.save()


def delete_qspm_cell(study: Study) -> None:
    QspmScore.objects.filter(qspm_set__study=study).first().delete()


def delete_qspm_set(study: Study) -> None:
    QspmSet.objects.get(study=study).delete()


@pytest.mark.parametrize(
    "edit", [edit_weight, edit_space_score, edit_scale, delete_qspm_cell, delete_qspm_set]
)
def test_an_edit_of_them_since_the_load_is_a_change_a_replace_refuses_to_drop(edit):
    study = loaded()
    edit(study)
    with pytest.raises(EditedSinceLoad):
        load_study(data(), replace=True)


def test_the_mashhad_study_has_none_of_them_and_exports_none(mashhad):
    assert not Assessment.objects.exists()
    assert not SpaceMatrix.objects.exists() and not QspmSet.objects.exists()
    exported = export_study(mashhad)
    assert "space" not in exported and "qspm" not in exported
    assert not any(
        isinstance(entry, dict) and "weight" in entry for entry in exported["factors"].values()
    )
