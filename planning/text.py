"""Texts as the workbench keeps them, whichever way they arrive (a form, the admin, a study file,
a paste from a PDF or a Word file written with an Arabic keyboard layout).

- Arabic yeh and kaf (ي ك) become the Persian letters (ی ک): they look alike on screen but
  not in print («كشورهاي»), nor to search.
- Bidi embedding, override and isolate controls (U+202A–202E, U+2066–2069) are removed: one
  of them reverses the rest of a line or pulls what follows into the text. The zero-width
  non-joiner, which Persian words need (می‌شود), stays.
- Control characters are removed: C0 (U+0000–U+001F, bar the whitespace ones: tab, line
  feed, Word's line break U+000B…), DEL and C1 (U+007F–U+009F), and lone UTF-16 surrogates
  (from a JSON `\\ud800`). PostgreSQL refuses NUL in text and no encoding holds a lone
  surrogate, so removing them here, on every path, means none reaches the database.
- Whitespace is trimmed and runs of it become one space.
"""

from __future__ import annotations

import re

PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9"})
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Control characters and lone surrogates; those Python counts as whitespace (tab, line feed,
# vertical tab (Word's line break), form feed, carriage return, NEL) become a space instead.
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def normalize_text(value: str) -> str:
    value = CONTROLS.sub("", BIDI_CONTROLS.sub("", value))
    return " ".join(value.translate(PERSIAN_LETTERS).split())


class NormalizesText:
    """For a model whose `normalized_fields` hold text: normalised before validation (so a
    text of nothing but controls is blank) and on every save (views, admin, restore, shell)."""

    normalized_fields: tuple[str, ...] = ()

    def normalize_fields(self) -> None:
        for name in self.normalized_fields:
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, normalize_text(value))

    def clean_fields(self, exclude=None) -> None:
        self.normalize_fields()
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs) -> None:
        self.normalize_fields()
        super().save(*args, **kwargs)
