"""Reading the numbers a request names (`?link=12`, `factor=3`) without trusting them."""

from __future__ import annotations

# Primary keys fit in a 64-bit integer: nineteen digits.
MAX_DIGITS = 19


def record_id(value: object) -> int | None:
    """A record's id as given in a parameter, or None for anything else: missing, blank,
    signs, other digits than 0–9 (`²`, `۳`), more digits than an id has."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_DIGITS:
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    return int(value)
