"""Nothing executable in outputs: spreadsheet cells and terminal text (issue 9, item 7)."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from selection.safe_text import neutralised, neutralised_frame, printable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_formulas_become_text() -> None:
    for cell in (
        '=HYPERLINK("http://evil","clic")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ):
        assert neutralised(cell) == "'" + cell


def test_numbers_and_plain_words_are_kept() -> None:
    for cell in ("-3", "+2,5", "-1.5e3", "Ferme des Sources", "P001", "", 3, -2.5, None):
        assert neutralised(cell) == cell


@given(st.text())
def test_no_text_cell_starts_like_a_formula(text: str) -> None:
    out = neutralised(text)
    assert out == text or out == "'" + text
    if out.startswith(FORMULA_START):
        assert re.fullmatch(r"[+-]\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?", out)


def test_a_frame_is_neutralised_in_cells_index_and_headers_and_not_modified() -> None:
    frame = pd.DataFrame(
        {"=id": ["=cmd()", "P2"], "score": [0.5, -0.25], "name": ["@x", "ok"]},
        index=pd.Index(["=A1", "P2"], name="producer_id"),
    )
    before = frame.copy()
    out = neutralised_frame(frame)
    assert list(out.columns) == ["'=id", "score", "name"]
    assert out["'=id"].tolist() == ["'=cmd()", "P2"]
    assert out["name"].tolist() == ["'@x", "ok"]
    assert out["score"].tolist() == [0.5, -0.25]
    assert out.index.tolist() == ["'=A1", "P2"]
    assert out.index.name == "producer_id"
    pd.testing.assert_frame_equal(frame, before)


def test_terminal_control_characters_are_shown_escaped() -> None:
    assert printable("P1\x1b]0;owned\x07 ok") == "P1\\x1b]0;owned\\x07 ok"
    assert printable("abc\u202edcba") == "abc\\u202edcba"
    assert printable("line 1\n\tline 2 é €") == "line 1\n\tline 2 é €"


@given(st.text())
def test_printable_leaves_no_control_character(text: str) -> None:
    out = printable(text)
    assert CONTROL.search(out) is None
    assert printable(out) == out
