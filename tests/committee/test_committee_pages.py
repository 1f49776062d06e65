"""A committee of sixty in the report and the meeting page; anonymous committees (issue 13).

The report's committee section and the meeting page summarise a large committee
(the distribution of each weight, and the few members who stand apart) instead
of a column or a mark per member; an anonymous committee is never named: every
member name is searched for in the whole HTML.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import selection
from selection.committee import dump_members, synthetic_members
from selection.meeting import build_meeting
from selection.meeting.data import MARKED_MEMBERS
from selection.report import build_report
from selection.report.members import TABLE_MEMBERS

PRODUCERS = selection.example_producers_path()
ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "criteria" / "members").glob("*.yaml"))


class Tables(HTMLParser):
    """Each table's id, its header cells and the cells of each body row."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, dict[str, list[list[str]]]] = {}
        self.current: str | None = None
        self.part = ""
        self.cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.current = dict(attrs).get("id") or f"table-{len(self.tables)}"
            self.tables[self.current] = {"head": [], "body": []}
        elif tag in ("thead", "tbody"):
            self.part = "head" if tag == "thead" else "body"
        elif tag == "tr" and self.current is not None:
            self.tables[self.current][self.part].append([])
        elif tag in ("td", "th") and self.current is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.current is not None:
            self.tables[self.current][self.part][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


@pytest.fixture(scope="module")
def grid() -> selection.Grid:
    return selection.load_grid(selection.example_grid_path())


@pytest.fixture(scope="module")
def sixty(grid: selection.Grid) -> list[selection.committee.Member]:
    return synthetic_members(grid, 60, seed=1)


def committee_section(page: str) -> str:
    found = re.search(r'<section class="committee" id="committee">.*?</section>', page, re.S)
    assert found, "no committee section"
    return found.group(0)


@pytest.fixture(scope="module")
def report_60(grid: selection.Grid, sixty: list[selection.committee.Member]) -> str:
    return build_report(PRODUCERS, grid, members=sixty, lang="en", samples=100)


# -- the report ----------------------------------------------------------------------------------


def test_the_report_summarises_sixty_members(
    report_60: str, sixty: list[selection.committee.Member], grid: selection.Grid
) -> None:
    section = committee_section(report_60)
    tables = Tables(section).tables
    assert "members-weights" not in tables  # no row (or column) per member
    distribution = tables["members-distribution"]
    assert [len(row) for row in distribution["head"]] == [5]
    labels = [b.label for b in grid.batteries] + [c.label for c in grid.criteria]
    assert sorted(row[0] for row in distribution["body"]) == sorted(labels)
    assert all(len(row) == 5 for row in distribution["body"])
    first = distribution["body"][0]
    assert re.fullmatch(r"\d+% – \d+%", first[2])
    assert re.fullmatch(r"\d+% – \d+% \(\d+%\)", first[3])
    assert len(section) < 30_000, f"the committee section takes {len(section)} characters"
    # Only the few members who stand apart are named; none of the others.
    named = [m.name for m in sixty if m.name in section]
    assert 1 <= len(named) <= 6
    assert "2.5 times the typical distance" in section
    assert "against the group's" in html.unescape(section)


def test_the_report_grows_little_from_three_to_sixty_members(
    report_60: str, grid: selection.Grid
) -> None:
    three = build_report(PRODUCERS, grid, members=SHIPPED, lang="en", samples=100)
    assert "members-weights" in three  # a small committee keeps a row per member
    assert len(committee_section(report_60)) < 1.5 * len(committee_section(three))


def test_up_to_eight_members_get_a_row_each(grid: selection.Grid) -> None:
    members = synthetic_members(grid, TABLE_MEMBERS, seed=3)
    section = committee_section(build_report(PRODUCERS, grid, members=members, samples=100))
    rows = Tables(section).tables["members-weights"]["body"]
    assert [row[0] for row in rows[:TABLE_MEMBERS]] == [m.name for m in members]


def names_in(page: str, members: list[selection.committee.Member]) -> list[str]:
    """The member names found anywhere in the page (markup, attributes, data, script)."""
    unescaped = page.replace("&#x27;", "'").replace("&amp;", "&")
    return [m.name for m in members if m.name in page or m.name in unescaped]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_anonymous_report_names_nobody(
    grid: selection.Grid, sixty: list[selection.committee.Member], lang: str
) -> None:
    page = build_report(PRODUCERS, grid, members=sixty, lang=lang, samples=100, anonymous=True)
    assert names_in(page, sixty) == []
    word = "membre" if lang == "fr" else "member"
    assert re.search(rf"{word} \d+", committee_section(page))


def test_a_small_anonymous_committee_gets_the_distribution_too(grid: selection.Grid) -> None:
    members = selection.committee.load_members(SHIPPED, grid)
    page = build_report(PRODUCERS, grid, members=SHIPPED, samples=100, anonymous=True)
    assert names_in(page, members) == []
    assert "members-distribution" in page and "members-weights" not in page


def test_a_file_asking_for_anonymity_is_enough(grid: selection.Grid, tmp_path: Path) -> None:
    """One file with `anonymous: true` among several: nobody is named, option or not."""
    members = synthetic_members(grid, 12, seed=6)
    asking, other = tmp_path / "asking.yaml", tmp_path / "other.yaml"
    asking.write_text(
        dump_members(synthetic_members(grid, 12, seed=6, anonymous=True)[:1], grid),
        encoding="utf-8",
    )
    other.write_text(dump_members(members[1:], grid), encoding="utf-8")
    page = build_report(PRODUCERS, grid, members=[asking, other], samples=100)
    assert names_in(page, members) == []
    assert "asking.yaml" not in page and "other.yaml" not in page
    meeting = build_meeting(PRODUCERS, grid, members=[asking, other])
    assert names_in(meeting, members) == []


def test_consensus_and_positions_in_python_keep_the_committees_privacy(
    grid: selection.Grid,
) -> None:
    """A weights file asking for anonymity: the Python results name nobody either."""
    from selection.committee import consensus, positions

    named = synthetic_members(grid, 12, seed=3)
    asking = synthetic_members(grid, 12, seed=3, anonymous=True)
    assert [m.name for m in asking] == [m.name for m in named]  # only the wish differs
    for members in (asking, named):
        anonymous = members is named  # the option, for the members who did not ask
        result = consensus(PRODUCERS, grid, members=members, lang="en", anonymous=anonymous)
        shown = [
            *result.rankings.columns,
            *result.weighted_spearman.index,
            *result.weight_spread.columns,
            *result.outliers,
            result.summary(lang="en"),
            result.to_frame().to_string(),
        ]
        assert [m.name for m in named if any(m.name in str(s) for s in shown)] == []
        assert list(result.rankings.columns) == [f"member {i}" for i in range(1, 13)]
        where = positions(members, grid, lang="fr", anonymous=anonymous)
        assert set(where.outliers) <= {f"membre {i}" for i in range(1, 13)}
        assert list(where.shares.columns) == [f"membre {i}" for i in range(1, 13)]
    # Without the wish or the option, the names are kept.
    plain = consensus(PRODUCERS, grid, members=named, lang="en")
    assert list(plain.rankings.columns) == [m.name for m in named]


# -- the meeting page ----------------------------------------------------------------------------


def test_the_meeting_page_summarises_sixty_members(
    grid: selection.Grid, sixty: list[selection.committee.Member]
) -> None:
    small = build_meeting(PRODUCERS, grid, members=SHIPPED, lang="en")
    page = build_meeting(PRODUCERS, grid, members=sixty, lang="en")
    sliders = len(grid.batteries) + len(grid.criteria)
    assert page.count('class="mark"') == sliders  # the group's mark G only
    assert page.count('class="strip"') == sliders
    assert len(re.findall(r'<option value="member:\d+">', page)) == 60
    buttons = re.findall(r'<button type="button" data-preset="member:(\d+)"', page)
    assert 1 <= len(buttons) <= 6  # only the members who stand apart
    assert len(page) < len(small) + 40_000  # the data of 60 members, no more
    assert MARKED_MEMBERS < 60
    assert 'class="strip"' not in small and small.count('class="mark"') > sliders


def test_an_anonymous_meeting_page_names_nobody(
    grid: selection.Grid, sixty: list[selection.committee.Member]
) -> None:
    page = build_meeting(PRODUCERS, grid, members=sixty, lang="fr", anonymous=True)
    assert names_in(page, sixty) == []
    assert '<option value="member:59">membre 60</option>' in page
    three = selection.committee.load_members(SHIPPED, grid)
    page = build_meeting(PRODUCERS, grid, members=three, anonymous=True, lang="en")
    assert names_in(page, three) == []
    assert 'class="strip"' in page
