"""The vendored typefaces: each file has its licence beside it and can set Persian text."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
FAMILIES = {
    "vazirmatn": ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"),
    "amiri": ("Amiri-Regular.ttf", "Amiri-Bold.ttf"),
}
VENDORED = sorted(FONTS.glob("*/*.ttf"))

# The letters Persian has beyond Arabic (and the Persian kaf and yeh), the zero-width
# non-joiner of «می‌شود», and the Persian digits ۰–۹.
PERSIAN = "پچژگکی\u200c" + "".join(chr(code) for code in range(0x06F0, 0x06FA))


def test_every_family_the_reports_offer_is_vendored_in_regular_and_bold():
    expected = {FONTS / folder / name for folder, names in FAMILIES.items() for name in names}
    assert expected <= set(VENDORED)


@pytest.mark.parametrize("path", VENDORED, ids=lambda path: path.name)
def test_a_font_file_has_its_licence_beside_it(path):
    licence = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    # The licence names the copyright holder the font itself names.
    assert TTFont(path)["name"].getDebugName(0).strip() in licence


@pytest.mark.parametrize("path", VENDORED, ids=lambda path: path.name)
def test_a_font_file_covers_the_persian_letters_zwnj_and_digits(path):
    cmap = TTFont(path).getBestCmap()
    missing = [f"U+{ord(char):04X}" for char in PERSIAN if ord(char) not in cmap]
    assert missing == []


@pytest.mark.parametrize("path", VENDORED, ids=lambda path: path.name)
def test_a_font_file_is_static_and_may_be_embedded_in_a_pdf(path):
    font = TTFont(path)
    assert "fvar" not in font  # a variable font's weight would rest on the renderer
    assert not font["OS/2"].fsType & 0x0002  # not "restricted licence embedding"
