"""A synthetic study N times the size of the Mashhad study, for measuring the editor.

It is the Mashhad study file copied N times and renumbered: copy k's S1 is S(13k + 1), its
SO1 is SO(3k + 1), and so on; each copy's strategies cite that copy's factors as Mashhad's
do and share that copy's actions as Mashhad's do, each place in its own wording where the
paper words it differently. So the texts are Persian and of the paper's lengths, and citations
per strategy, actions per program and shared actions keep the paper's proportions. It goes
through the study-file checks and the transactional load like any file; it has no report
style (Mashhad's captions and headings), so it is printed with the report's defaults.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from planning.digits import localize_digits
from studyfile.export import program_place
from studyfile.load import LoadResult, load_study
from studyfile.schema import (
    parse_actions,
    parse_factors,
    parse_strategies,
    parse_study,
    read_study_file,
)

MASHHAD = Path(__file__).resolve().parent.parent / "fixtures" / "mashhad-city-diplomacy.yaml"
MAX_SCALE = 100  # 3,900 factors and 1,200 strategies: far past any city's plan


def scaled_study(data: dict[str, Any], scale: int, slug: str) -> dict[str, Any]:
    """The study file `data` (keyed by codes, as load_study reads it) copied `scale` times.

    The file is read by the study-file checks first (studyfile/schema.py), so each copy is
    made from checked values: citations as codes, programs as action keys. David's tools
    (weights, SPACE, QSPM; Mashhad's file has none) are not copied: the weights of N copies
    would not sum to 1.
    """
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be 1 to {MAX_SCALE}, not {scale}")
    study = parse_study(data)
    factors = parse_factors(data)
    actions = parse_actions(data)
    strategies = parse_strategies(data, factors, actions)
    per_kind = Counter(factor["kind"] for factor in factors.values())
    per_quadrant = Counter(strategy["quadrant"] for strategy in strategies.values())

    def factor_code(code: str, k: int) -> str:
        factor = factors[code]
        return f"{factor['kind']}{per_kind[factor['kind']] * k + factor['number']}"

    def copy_text(text: str, k: int) -> str:
        return text if k == 0 else f"{text} (نسخهٔ {localize_digits(k + 1, 'fa')})"

    out_factors: dict[str, Any] = {}
    out_actions: dict[str, str] = {}
    out_strategies: dict[str, Any] = {}
    for k in range(scale):
        for code, factor in factors.items():
            out_factors[factor_code(code, k)] = {
                "text": copy_text(factor["text"], k),
                "note": factor["note"],
            }
        for key, text in actions.items():
            out_actions[f"{key}-{k + 1}"] = copy_text(text, k)
        for strategy in strategies.values():
            quadrant = strategy["quadrant"]
            out_strategies[f"{quadrant}{per_quadrant[quadrant] * k + strategy['number']}"] = {
                "text": copy_text(strategy["text"], k),
                "note": strategy["note"],
                "cites": [factor_code(code, k) for code in strategy["cites"]],
                "actions": [
                    program_place(
                        f"{place['action']}-{k + 1}",
                        copy_text(place["wording"], k) if place["wording"] else "",
                        place["footnote"],
                    )
                    for place in strategy["actions"]
                ],
            }
    study["slug"] = slug
    if scale > 1:
        study["title"] = f"{study['title']} (×{localize_digits(scale, 'fa')})"
    return {
        "study": study,
        "factors": out_factors,
        "actions": out_actions,
        "strategies": out_strategies,
    }


def generate_study(scale: int, slug: str, *, replace: bool = False) -> LoadResult:
    """Load the Mashhad study copied `scale` times under `slug`. Raises StudyFileError."""
    return load_study(scaled_study(read_study_file(MASHHAD), scale, slug), replace=replace)
