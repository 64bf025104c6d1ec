"""How the report's long things fit the page: Table 3's tall strategies, citations, the title page.

WeasyPrint repeats a table's header row on every page but cannot repeat what a cell split across
pages held, and a row taller than a page that may not break (`break-inside: avoid`) leaves a
blank page before it. So Table 3 never asks it to split a row: a strategy whose program is taller
than a page is printed as several rows, the first with the strategy, each following one headed
"SO1, continued" ("SO1 (ادامه)"), each short enough to fit a page.

Heights are estimated in lines of the report's 10pt text from the characters that fill a line of
each column (A4, `static/reports/report.css`); the estimate errs long, and a page holds about 50
estimated lines under the header row (measured on tests/reports/test_pagination.py's 40-action
program: two parts of PART_LINES fill some nine tenths of a page). A row of up to ROW_LINES (about
four fifths of a page) stays whole; a taller one is cut between actions into parts of at most
PART_LINES, under half a page, which leaves room for a misestimate (texts of wide letters, a
long strategy cell beside the first part). The tests check the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ACTION_LINE_CHARS = 42  # the action program's column holds 45-55 characters a line
STRATEGY_LINE_CHARS = 28  # the strategy's column 30-35
WIDE_LINE_CHARS = 80  # the two together (a strategy too tall for its own column) 85-100
ROW_LINES = 40
PART_LINES = 22

# The title page fits one page: a long title, or long city, subject and source texts together
# (a source may have 2,000 characters), print smaller (report.css `.cover-title.long`, …).
COVER_TITLE_STEPS = ((180, "longer"), (90, "long"))
COVER_META_STEPS = ((1_200, "longer"), (500, "long"))


@dataclass
class StrategyPart:
    """One of Table 3's rows for a strategy: its first (`continued` False) or a following one."""

    continued: bool
    start: int  # the number of its first action in the strategy's program
    actions: list[Any]  # reports.data.ActionRow
    label: str = ""  # a following row's heading: "SO1, continued"
    # The strategy alone, across the strategy and program columns: its own cell would be
    # taller than a page. Its program follows in rows "SO1, continued".
    wide: bool = False
    tall: bool = False  # taller than a page even so: the row must break


@dataclass
class CitePiece:
    """A piece of a compact citation that never breaks: a code, or a number, with its comma.
    The line may break after it: at the space before the next kind, or (`<wbr>`) after a comma."""

    text: str
    space: bool = False  # the next kind's codes follow after a space


def length_step(length: int, steps: tuple[tuple[int, str], ...]) -> str:
    """The name of the first step whose length `length` exceeds, or ""."""
    return next((name for limit, name in steps if length > limit), "")


def text_lines(text: str, chars: int) -> int:
    """The lines a text takes in a column of `chars` characters a line (an estimate)."""
    return sum(-(-len(para) // chars) or 1 for para in text.splitlines())


def strategy_parts(
    cell_lines: int, actions: list[Any], wide_lines: int | None = None
) -> list[StrategyPart]:
    """A strategy's Table 3 rows: one if it fits a page, else parts cut between actions that each
    do (`cell_lines`: the strategy cell's own height, its code, text, citation and note). A
    strategy cell taller than a page gets a row of its own across both columns (`wide_lines`:
    its height there), its program the rows after it."""
    heights = [text_lines(action.text, ACTION_LINE_CHARS) for action in actions]
    if max(cell_lines, sum(heights)) <= ROW_LINES:
        return [StrategyPart(False, 1, actions)]
    parts: list[StrategyPart] = []
    if cell_lines > ROW_LINES:
        wide_lines = cell_lines if wide_lines is None else wide_lines
        parts.append(StrategyPart(False, 1, [], wide=True, tall=wide_lines > ROW_LINES))
        if not actions:
            return parts
    lines = 0
    for number, (action, height) in enumerate(zip(actions, heights, strict=True), start=1):
        if not parts or parts[-1].wide or (parts[-1].actions and lines + height > PART_LINES):
            parts.append(StrategyPart(bool(parts), number, []))
            lines = 0
        parts[-1].actions.append(action)
        lines += height
    return parts


def cite_pieces(compact: str) -> list[CitePiece]:
    """`S1,3 O2` → `S1,` `3` (space) `O2`: the pieces a citation's lines may break between."""
    pieces: list[CitePiece] = []
    for group in compact.split():
        numbers = group.split(",")
        pieces += [CitePiece(f"{n}," if i < len(numbers) - 1 else n) for i, n in enumerate(numbers)]
        pieces[-1].space = True
    if pieces:
        pieces[-1].space = False
    return pieces
