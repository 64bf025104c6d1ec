"""The paper's notation: codes like S3 or WO2, and compact citations like `S1,3,6 O1,3,5`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from planning.vocabulary import DISPLAY_ORDER

_TOKEN = re.compile(r"([A-Za-z]?)\s*(\d+)")
# A code as written in a study file: letters then a number (S3, so2); the caller checks
# that the letters are a kind or a quadrant.
CODE = re.compile(r"([A-Za-z]+)(\d+)")


class CitationSyntaxError(ValueError):
    pass


def split_code(code: str) -> tuple[str, int] | None:
    """`S3` → ("S", 3), `wo2` → ("WO", 2); None if it is not letters and a number."""
    match = CODE.fullmatch(str(code))
    if not match:
        return None
    return match.group(1).upper(), int(match.group(2))


def parse_compact(text: str) -> list[tuple[str, int]]:
    """Parse `S1,3,6 O1,3,5` (commas and spaces both separate) into [(kind, number), …].

    A bare number continues the kind before it, so `S6,7,T1,2` is S6, S7, T1, T2.
    """
    codes: list[tuple[str, int]] = []
    kind = ""
    for part in re.split(r"[\s,،]+", text.strip().strip("()")):
        if not part:
            continue
        match = _TOKEN.fullmatch(part.strip("()"))
        if not match:
            raise CitationSyntaxError(f"'{part}' is not a factor code like S3 or a number")
        letter, digits = match.groups()
        if letter:
            kind = letter.upper()
        elif not kind:
            raise CitationSyntaxError(f"'{part}' has no kind letter before it (write S{part})")
        codes.append((kind, int(digits)))
    return codes


def format_compact(
    codes: Iterable[tuple[str, int]], kind_order: str = "".join(DISPLAY_ORDER)
) -> str:
    """The inverse: [(S,1), (S,3), (O,1)] → `S1,3 O1`, kinds in planning order."""
    by_kind: dict[str, list[int]] = {}
    for kind, number in codes:
        by_kind.setdefault(kind, []).append(number)
    parts = [
        kind + ",".join(str(n) for n in sorted(set(by_kind[kind])))
        for kind in sorted(by_kind, key=lambda k: kind_order.find(k))
    ]
    return " ".join(parts)
