"""Reading the numbers a request names (`?link=12`, `factor=3`) without trusting them."""

from __future__ import annotations

# Eighteen digits stay below a 64-bit key's maximum (9,223,372,036,854,775,807), as the
# `<id:pk>` URL converter does (planning/converters.py).
MAX_DIGITS = 18


def record_id(value: object) -> int | None:
    """A record's id as given in a parameter, or None for anything else: missing, blank,
    signs, other digits than 0–9 (`²`, `۳`), more digits than an id has."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_DIGITS:
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    return int(value)
