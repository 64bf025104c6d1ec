"""A synthetic study N times the size of the Mashhad study, for measuring the editor.

It is the Mashhad study file copied N times and renumbered: copy k's S1 is S(13k + 1), its
SO1 is SO(3k + 1), and so on; each copy's strategies cite that copy's factors as Mashhad's
do and share that copy's actions as Mashhad's do. So the texts are Persian and of the paper's
lengths, and citations per strategy, actions per program and shared actions keep the paper's
proportions. It goes through the study-file checks and the transactional load like any file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planning.digits import localize_digits
from planning.notation import parse_compact, split_code
from studyfile.load import LoadResult, load_study
from studyfile.schema import read_study_file

MASHHAD = Path(__file__).resolve().parent.parent / "fixtures" / "mashhad-city-diplomacy.yaml"
MAX_SCALE = 100  # 3,900 factors and 1,200 strategies: far past any city's plan


def _entry(entry: Any) -> dict[str, Any]:
    return dict(entry) if isinstance(entry, dict) else {"text": entry}


def scaled_study(data: dict[str, Any], scale: int, slug: str) -> dict[str, Any]:
    """The study file `data` (keyed by codes, as load_study reads it) copied `scale` times."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be 1 to {MAX_SCALE}, not {scale}")
    factors = {code: _entry(entry) for code, entry in data["factors"].items()}
    strategies = {code: dict(entry) for code, entry in data.get("strategies", {}).items()}
    actions = data.get("actions") or {}
    per_kind: dict[str, int] = {}
    for code in factors:
        kind, __ = split_code(code)
        per_kind[kind] = per_kind.get(kind, 0) + 1
    per_quadrant: dict[str, int] = {}
    for code in strategies:
        quadrant, __ = split_code(code)
        per_quadrant[quadrant] = per_quadrant.get(quadrant, 0) + 1

    def copy_text(text: str, k: int) -> str:
        return text if k == 0 else f"{text} (نسخهٔ {localize_digits(k + 1, 'fa')})"

    out_factors: dict[str, Any] = {}
    out_actions: dict[str, str] = {}
    out_strategies: dict[str, Any] = {}
    for k in range(scale):
        for code, entry in factors.items():
            kind, number = split_code(code)
            copied = {**entry, "text": copy_text(entry["text"], k)}
            out_factors[f"{kind}{per_kind[kind] * k + number}"] = copied
        for key, text in actions.items():
            out_actions[f"{key}-{k + 1}"] = copy_text(text, k)
        for code, entry in strategies.items():
            quadrant, number = split_code(code)
            cites = entry.get("cites") or []
            cited = (
                parse_compact(cites)
                if isinstance(cites, str)
                else [pair for item in cites for pair in parse_compact(str(item))]
            )
            out_strategies[f"{quadrant}{per_quadrant[quadrant] * k + number}"] = {
                **entry,
                "text": copy_text(entry["text"], k),
                "cites": [f"{kind}{per_kind[kind] * k + n}" for kind, n in cited],
                "actions": [f"{key}-{k + 1}" for key in entry.get("actions") or []],
            }
    study = dict(data["study"])
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
