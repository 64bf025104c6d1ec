"""Several items pasted at once: one per line, with the numbering a list pasted from a
document or a PDF carries in front of each line taken off.

What is taken off, once, at the start of a line: a bullet («•», «- »), then a number with its
separator in Latin, Persian or Arabic digits («۱-», «۱۲.», "3)", "4:"), or a code of the
list's own letter ("S3 ", "S3.", "S3-"). A number runs into the text only with a separator
after it, and never into more digits: "2030 vision" and "1.5 million visitors" are kept whole.
A line that would be left empty (only a number, "۱۲.") is kept as it is, for the analyst to
see in the preview: nothing typed disappears unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planning.text import normalize_text

DIGITS = "0-9\u06f0-\u06f9\u0660-\u0669"  # Latin, Persian (۰–۹), Arabic-Indic (٠–٩)
SEPARATORS = r"\-.):\]\u2013\u2014"  # - . ) : ] – —
BULLET = r"(?:[•●▪◦·]\s*|[\-–—*]\s+)"
NUMBER = rf"\(?[{DIGITS}]+\s*[{SEPARATORS}](?![{DIGITS}])\s*"
# Line breaks a paste carries (not U+000B, Word's line break inside a paragraph).
LINE_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029\x85]")


@dataclass(frozen=True)
class Line:
    number: int  # its line in the paste, from 1 (blank lines counted), for messages
    text: str  # normalised (planning/text.py), its numbering taken off


def _prefix(letter: str) -> re.Pattern[str]:
    code = rf"|(?i:{re.escape(letter)})[{DIGITS}]+(?:\s*[{SEPARATORS}](?![{DIGITS}])\s*|\s+)"
    return re.compile(rf"^{BULLET}?(?:{NUMBER}{code if letter else ''})?")


def strip_numbering(text: str, letter: str = "") -> str:
    """`text` without the bullet, number or code (of `letter`, e.g. "S") it starts with;
    unchanged if nothing would be left."""
    text = normalize_text(text)
    rest = _prefix(letter).sub("", text, count=1).strip()
    return rest or text


def pasted_lines(text: str, letter: str = "") -> list[Line]:
    """The items of a paste: its non-blank lines, normalised, their numbering taken off."""
    lines = []
    for number, line in enumerate(LINE_BREAKS.split(text), start=1):
        if item := strip_numbering(line, letter):
            lines.append(Line(number, item))
    return lines
