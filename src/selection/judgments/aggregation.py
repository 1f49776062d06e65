"""Members' grades checked against a grid and the producers, and aggregated per criterion.

:func:`aggregate_judgments` turns judgements (:mod:`~selection.judgments.records`)
into one value per producer and judged criterion, with each producer's *merit
profile* (how many members gave each grade) kept for the report:

- **majority** (the default): the majority grade with its majority gauge as a
  fraction, ``α + p`` if p > q else ``α - q``
  (:func:`~selection.judgments.majority.gauge_values`: a weighted score then
  ranks producers of the same majority grade by the gauge);
- **mean**: the mean position of the grades;
- **median**: the median position (halfway between the two middle grades).

Grades count from 0 (the scale's first, worst word) to ``k - 1``. A member
who gave no grade (a blank, or no line) is *missing* for that producer and
criterion: missing grades are counted, never replaced. A producer with fewer
grades than the criterion's ``min_grades`` gets no value (NaN) there: the
decision matrix then makes it ineligible with a reason, or applies the
criterion's own ``missing:`` policy (:func:`selection.scoring.build_matrix`).

Examples
--------
>>> import pandas as pd, selection
>>> grid = selection.parse_grid('''
... format: selection/grid@1
... name: demo
... id: id
... judgments: {min_grades: 2}
... batteries:
...   all:
...     criteria:
...       welcome: {judged: true}
... ''')
>>> judged = aggregate_judgments(pd.DataFrame({
...     "member": ["A", "B", "C", "A"], "producer": ["L1", "L1", "L1", "L2"],
...     "criterion": "welcome", "grade": ["bien", "très bien", "passable", "excellent"]}),
...     grid, ids=["L1", "L2"])
>>> judged
<Judgments: 1 judged criterion, 2 producers, 3 members; 1 producer with too few grades>
>>> judged.values.round(4).tolist()                       # L1: bien (4), p = q = 1/3: 4⁻
[[3.6667], [nan]]
>>> judged.profile("welcome").loc["L1"].tolist()          # à rejeter … excellent
[0, 0, 1, 0, 1, 1, 0]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..errors import DataError, did_you_mean
from ..grid import Aggregate, Grid, Judged, Nature
from ..messages import Message, msg, msgn, render
from ..table.headers import plain
from ..validators import language
from .majority import gauge_values, majority_gauges, majority_grades, mean_grades, median_grades
from .records import JudgmentRecords, read_judgments

__all__ = ["Judgments", "aggregate_judgments"]

_MAX_LISTED = 5


@dataclass(frozen=True, eq=False)
class Judgments:
    """The members' grades of every producer on every judged criterion, aggregated.

    Attributes
    ----------
    ids : Index
        The producers, in table order (rows of every array).
    keys : tuple of str
        The judged criteria, in grid order (columns of every array).
    kinds : tuple of Judged
        Each judged criterion's scale, aggregate and ``min_grades``.
    counts : tuple of ndarray
        Per judged criterion, the merit profiles: (producers × grades) counts,
        worst grade first.
    members : int
        How many members the judgements name (missing grades count against them).
    anonymous : bool
        Whether the committee asked that no member's name be shown.
    records : JudgmentRecords
        The judgements as read.
    """

    ids: pd.Index
    keys: tuple[str, ...]
    kinds: tuple[Judged, ...]
    counts: tuple[NDArray[np.int64], ...]
    members: int
    anonymous: bool
    records: JudgmentRecords

    @cached_property
    def graded(self) -> NDArray[np.int64]:
        """How many grades each producer has on each criterion, (producers × criteria)."""
        return np.stack([c.sum(axis=1) for c in self.counts], axis=1)

    @property
    def missing(self) -> NDArray[np.int64]:
        """How many members gave no grade, (producers × criteria)."""
        return self.members - self.graded

    @cached_property
    def enough(self) -> NDArray[np.bool_]:
        """Whether each producer has at least ``min_grades`` grades on each criterion."""
        needed = np.array([k.min_grades for k in self.kinds])
        return self.graded >= needed

    @cached_property
    def values(self) -> NDArray[np.float64]:
        """The criterion values, (producers × criteria); NaN with too few grades."""
        out = np.empty((len(self.ids), len(self.keys)))
        for j, (kind, counts) in enumerate(zip(self.kinds, self.counts, strict=True)):
            if kind.aggregate is Aggregate.MEAN:
                out[:, j] = mean_grades(counts)
            elif kind.aggregate is Aggregate.MEDIAN:
                out[:, j] = median_grades(counts)
            else:
                out[:, j] = gauge_values(counts)
        return np.where(self.enough, out, np.nan)

    @cached_property
    def grades(self) -> NDArray[np.float64]:
        """The grade a gate tests, (producers × criteria).

        The majority grade (an integer position) under majority judgment, the mean
        or median otherwise; NaN with too few grades.
        """
        out = self.values.copy()
        for j, (kind, counts) in enumerate(zip(self.kinds, self.counts, strict=True)):
            if kind.aggregate is Aggregate.MAJORITY:
                out[:, j] = np.where(self.enough[:, j], majority_grades(counts), np.nan)
        return out

    def values_of(self, key: str) -> NDArray[np.float64]:
        """The values of judged criterion `key`, one per producer (NaN with too few grades)."""
        return self.values[:, self._index(key)]

    def words(self, key: str) -> NDArray[np.object_]:
        """Each producer's majority grade on `key` as a word of the scale ('' with too few)."""
        j = self._index(key)
        scale = self.kinds[j].scale
        alpha = majority_grades(self.counts[j])
        return np.array(
            [scale[a] if ok else "" for a, ok in zip(alpha, self.enough[:, j], strict=True)],
            dtype=object,
        )

    def _index(self, key: str) -> int:
        try:
            return self.keys.index(key)
        except ValueError:
            raise DataError(
                msg("judgments.not_judged_key", "{key!r} is not a judged criterion", key=key),
                expected=msg(
                    "judgments.judged_keys", "one of: {items}", items=", ".join(self.keys)
                ),
                found=repr(key),
                hint=did_you_mean(key, self.keys),
            ) from None

    # -- for people and for pandas ---------------------------------------------------------

    def profile(self, key: str) -> pd.DataFrame:
        """The merit profiles on criterion `key`: producers × grades (worst first), counts."""
        j = self._index(key)
        return pd.DataFrame(
            self.counts[j], index=self.ids.copy(), columns=pd.Index(self.kinds[j].scale)
        )

    def to_frame(self) -> pd.DataFrame:
        """The merit profiles as a tidy table, one row per producer, criterion and grade.

        Columns ``producer``, ``criterion``, ``grade`` (the word), ``position`` (0 =
        worst), ``count`` and ``share`` (of the grades given; NaN without grades):
        what a bar per producer and criterion draws.
        """
        parts = []
        for key, kind, counts in zip(self.keys, self.kinds, self.counts, strict=True):
            n, k = counts.shape
            graded = counts.sum(axis=1, keepdims=True)
            with np.errstate(invalid="ignore", divide="ignore"):
                share = np.where(graded > 0, counts / np.where(graded > 0, graded, 1), np.nan)
            parts.append(
                pd.DataFrame(
                    {
                        "producer": np.repeat(self.ids.to_numpy(dtype=object), k),
                        "criterion": key,
                        "grade": np.tile(np.array(kind.scale, dtype=object), n),
                        "position": np.tile(np.arange(k), n),
                        "count": counts.ravel(),
                        "share": share.ravel(),
                    }
                )
            )
        return pd.concat(parts, ignore_index=True)

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per producer and criterion, indexed by both.

        Columns ``graded`` (grades given), ``missing``, ``majority_grade`` (the
        word), ``gauge`` (``+`` or ``-``), ``p`` and ``q`` (shares above and below
        the majority grade), ``value`` (the criterion's value) and ``enough``.
        """
        parts = []
        for j, (key, kind, counts) in enumerate(
            zip(self.keys, self.kinds, self.counts, strict=True)
        ):
            p, alpha, q = majority_gauges(counts)
            graded = self.graded[:, j] > 0
            parts.append(
                pd.DataFrame(
                    {
                        "producer": self.ids.to_numpy(dtype=object),
                        "criterion": key,
                        "graded": self.graded[:, j],
                        "missing": self.missing[:, j],
                        "majority_grade": [
                            kind.scale[int(a)] if ok else ""
                            for a, ok in zip(np.nan_to_num(alpha), graded, strict=True)
                        ],
                        "gauge": np.where(graded, np.where(p > q, "+", "-"), ""),
                        "p": p,
                        "q": q,
                        "value": self.values[:, j],
                        "enough": self.enough[:, j],
                    }
                )
            )
        return pd.concat(parts, ignore_index=True).set_index(["producer", "criterion"])

    def too_few(self) -> list[tuple[str, str, int, int]]:
        """(producer, criterion, grades, needed) wherever a producer has too few grades."""
        rows, cols = np.nonzero(~self.enough)
        return [
            (str(self.ids[i]), self.keys[j], int(self.graded[i, j]), self.kinds[j].min_grades)
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        ]

    def summary(self, lang: str | None = None) -> str:
        """In words: how many members judged which producers, and who has too few grades."""
        few = self.too_few()
        lines: list[Message] = [
            msgn(
                "judgments.summary",
                "{count} member judged {producers} producers on {criteria}: {grades} grades "
                "given, {missing} missing.",
                "{count} members judged {producers} producers on {criteria}: {grades} grades "
                "given, {missing} missing.",
                count=self.members,
                producers=len(self.ids),
                criteria=", ".join(self.keys),
                grades=int(self.graded.sum()),
                missing=int(self.missing.sum()),
            )
        ]
        if few:
            shown = [
                msg(
                    "judgments.too_few_item",
                    "{producer} on {criterion} ({count} of {needed})",
                    producer=producer,
                    criterion=criterion,
                    count=count,
                    needed=needed,
                )
                for producer, criterion, count, needed in few[:_MAX_LISTED]
            ]
            lines.append(
                msgn(
                    "judgments.summary_too_few",
                    "{count} producer has too few grades: {items:list}{more}.",
                    "{count} producers have too few grades: {items:list}{more}.",
                    count=len({producer for producer, *_ in few}),
                    items=shown,
                    more="…" if len(few) > _MAX_LISTED else "",
                )
            )
        chosen = language(lang)
        return "\n".join(render(line, chosen) for line in lines)

    def __repr__(self) -> str:
        few = len({producer for producer, *_ in self.too_few()})
        criteria = "criterion" if len(self.keys) == 1 else "criteria"
        producers = "producer" if few == 1 else "producers"
        return (
            f"<Judgments: {len(self.keys)} judged {criteria}, {len(self.ids)} producers, "
            f"{self.members} members; {few} {producers} with too few grades>"
        )


# -- checks ---------------------------------------------------------------------------------


def _at(records: JudgmentRecords, rows: Sequence[int], field: str, error: DataError) -> DataError:
    """`error` with the field and, in a YAML file, the line of the first of `rows`."""
    error.path = field
    error.line = records.line(int(rows[0]), field) if len(rows) else None
    return error


def _check_grid_name(records: JudgmentRecords, grid: Grid) -> None:
    if records.grid is not None and records.grid != grid.name:
        raise DataError(
            msg("judgments.other_grid", "these judgements were written for another grid"),
            where=records.source,
            expected=msg("judgments.other_grid_expected", "grid: {name}", name=grid.name),
            found=repr(records.grid),
            hint=msg(
                "judgments.other_grid_hint",
                "check that you give the right grid, or remove the `grid:` line",
            ),
        )


def _criteria(records: JudgmentRecords, grid: Grid) -> NDArray[np.intp]:
    """The judged criterion (index among the judged keys) of every line, checked."""
    judged = [c for c in grid.criteria if c.kind.nature is Nature.JUDGED]
    if not judged:
        raise DataError(
            msg("judgments.no_judged", "the grid has no judged criterion"),
            where=grid.source or grid.name,
            expected=msg(
                "judgments.no_judged_expected",
                "at least one criterion with `judged: true`, to take the members' grades",
            ),
            found=msg("judgments.no_judged_found", "criteria read from the table only"),
            hint=msg(
                "judgments.no_judged_hint",
                "add `judged: true` to the criteria the committee grades, or leave the "
                "judgements out",
            ),
        )
    names: dict[str, int] = {}
    for j, criterion in enumerate(judged):
        names.setdefault(plain(criterion.label), j)
    for j, criterion in enumerate(judged):
        names[plain(criterion.key)] = j  # a key wins over another criterion's label
    others = {plain(c.key): c for c in grid.criteria if c.kind.nature is not Nature.JUDGED}
    written = records.frame["criterion"].to_numpy(dtype=object)
    codes, uniques = pd.factorize(written)
    index = np.empty(len(uniques), dtype=np.intp)
    for u, word in enumerate(uniques):
        found = names.get(plain(str(word)))
        if found is not None:
            index[u] = found
            continue
        rows = np.flatnonzero(codes == u).tolist()
        keys = [c.key for c in judged]
        other = others.get(plain(str(word)))
        if other is not None:
            raise _at(
                records,
                rows,
                "criterion",
                DataError(
                    msg(
                        "judgments.criterion_not_judged",
                        "criterion {key!r} is not judged: its values come from the producer table",
                        key=other.key,
                    ),
                    where=records.where_all(rows, "criterion"),
                    expected=msg(
                        "judgments.judged_criteria",
                        "a judged criterion: {items}",
                        items=", ".join(keys),
                    ),
                    found=repr(str(word)),
                    hint=msg(
                        "judgments.criterion_not_judged_hint",
                        "add `judged: true` to {key!r} in the grid, or remove these lines",
                        key=other.key,
                    ),
                ),
            )
        raise _at(
            records,
            rows,
            "criterion",
            DataError(
                msg("judgments.unknown_criterion", "unknown criterion {word!r}", word=str(word)),
                where=records.where_all(rows, "criterion"),
                expected=msg(
                    "judgments.judged_criteria",
                    "a judged criterion: {items}",
                    items=", ".join(keys),
                ),
                found=repr(str(word)),
                hint=did_you_mean(str(word), keys + [c.label for c in judged]),
            ),
        )
    return index.take(codes) if len(codes) else np.empty(0, dtype=np.intp)


def _grades(
    records: JudgmentRecords, kinds: list[Judged], keys: list[str], criteria: NDArray[np.intp]
) -> NDArray[np.int64]:
    """The position of every line's grade on its criterion's scale; -1 for no grade."""
    written = records.frame["grade"].to_numpy(dtype=object)
    out = np.full(len(written), -1, dtype=np.int64)
    given = np.flatnonzero(pd.notna(written))
    if not given.size:
        return out
    pairs = pd.MultiIndex.from_arrays([criteria[given], written[given]])
    codes, uniques = pd.factorize(pairs)
    positions = np.empty(len(uniques), dtype=np.int64)
    for u, (j, word) in enumerate(uniques):
        found = kinds[j].position(word)
        if found is None:
            rows = given[codes == u].tolist()
            scale = kinds[j].scale
            raise _at(
                records,
                rows,
                "grade",
                DataError(
                    msg(
                        "judgments.unknown_grade",
                        "unknown grade {word!r} for criterion {key!r}",
                        word=str(word),
                        key=keys[j],
                    ),
                    where=records.where_all(rows, "grade"),
                    expected=msg(
                        "judgments.grade_expected",
                        "a grade of the scale, worst first: {items} (case, accents and spaces do "
                        "not matter), or a blank for no grade",
                        items=", ".join(scale),
                    ),
                    found=repr(str(word)),
                    hint=did_you_mean(str(word), scale)
                    or msg(
                        "judgments.grade_hint",
                        "correct the grade, or change the scale in the grid's `judgments:` "
                        "section",
                    ),
                ),
            )
        positions[u] = found
    out[given] = positions.take(codes)
    return out


def _producers(records: JudgmentRecords, ids: pd.Index) -> NDArray[np.intp]:
    """The row of every line's producer among `ids`, checked."""
    written = records.frame["producer"].to_numpy(dtype=object)
    rows = ids.get_indexer(pd.Index(written))
    unknown = np.flatnonzero(rows < 0)
    if unknown.size:
        word = str(written[unknown[0]])
        lines = np.flatnonzero(written == word).tolist()
        known = [str(i) for i in ids]
        raise _at(
            records,
            lines,
            "producer",
            DataError(
                msg("judgments.unknown_producer", "unknown producer {id!r}", id=word),
                where=records.where_all(lines, "producer"),
                expected=msg(
                    "judgments.producer_expected",
                    "an id of the producer table, such as {example!r}",
                    example=known[0] if known else "",
                ),
                found=repr(word),
                hint=did_you_mean(word, known)
                or msg(
                    "judgments.producer_hint",
                    "check the id against the producer table, or add the producer to it",
                ),
            ),
        )
    return rows


def _no_twice(records: JudgmentRecords, keys: list[str], criteria: NDArray[np.intp]) -> None:
    """No member judges the same producer on the same criterion twice."""
    frame = pd.DataFrame(
        {
            "member": records.frame["member"].to_numpy(dtype=object),
            "producer": records.frame["producer"].to_numpy(dtype=object),
            "criterion": criteria,
        }
    )
    twice = frame.duplicated(keep=False)
    if not twice.any():
        return
    first = int(np.flatnonzero(twice)[0])
    member, producer, j = frame.iloc[first].tolist()
    same = np.flatnonzero(
        (frame["member"] == member) & (frame["producer"] == producer) & (frame["criterion"] == j)
    ).tolist()
    raise _at(
        records,
        same,
        "grade",
        DataError(
            msg(
                "judgments.twice",
                "{member} judges {producer} on {key!r} twice",
                member=member,
                producer=producer,
                key=keys[j],
            ),
            where=records.where_all(same, "grade"),
            expected=msg(
                "judgments.twice_expected",
                "one grade per member, producer and criterion",
            ),
            found=msgn(
                "judgments.twice_found",
                "{count} grade: {grades}",
                "{count} grades: {grades}",
                count=len(same),
                grades=", ".join(
                    repr(g) if g is not None else "—" for g in records.frame["grade"].iloc[same]
                ),
            ),
            hint=msg("judgments.twice_hint", "keep one of these lines"),
        ),
    )


def aggregate_judgments(
    judgments: Any, grid: Grid, *, ids: Sequence[object] | pd.Index
) -> Judgments:
    """Check members' judgements against `grid` and the producers `ids`, and aggregate them.

    Parameters
    ----------
    judgments : path, DataFrame or JudgmentRecords
        See :func:`~selection.judgments.read_judgments`.
    grid : Grid
        Its judged criteria (``judged: true``) say the scale, the aggregate and
        the fewest grades needed.
    ids : sequence
        The producers' ids, in table order.

    Returns
    -------
    Judgments

    Raises
    ------
    DataError
        A criterion unknown or not judged, a grade not on the scale, a producer
        not in the table, a member grading the same thing twice, judgements
        written for another grid: with the file and line (or row) of each.
    """
    records = read_judgments(judgments, grid)
    _check_grid_name(records, grid)
    index = pd.Index([str(i) for i in ids])
    criteria = _criteria(records, grid)
    judged = [c for c in grid.criteria if c.kind.nature is Nature.JUDGED]
    kinds = [c.kind for c in judged if isinstance(c.kind, Judged)]
    keys = [c.key for c in judged]
    if len(kinds) != len(keys):
        raise TypeError("a criterion of nature `judged` must have the Judged kind")
    grades = _grades(records, kinds, keys, criteria)
    rows = _producers(records, index)
    _no_twice(records, keys, criteria)
    counts = []
    given = grades >= 0
    for j, kind in enumerate(kinds):
        table = np.zeros((len(index), len(kind.scale)), dtype=np.int64)
        mine = given & (criteria == j)
        np.add.at(table, (rows[mine], grades[mine]), 1)
        counts.append(table)
    return Judgments(
        ids=index,
        keys=tuple(keys),
        kinds=tuple(kinds),
        counts=tuple(counts),
        members=len(records.members),
        anonymous=records.anonymous,
        records=records,
    )
