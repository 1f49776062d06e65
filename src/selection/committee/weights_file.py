"""Member weights files (``format: selection/weights@1``): read, checked against a grid, written.

A weights file overrides only the weights of a grid. It holds one member, or
several under ``members:``::

    format: selection/weights@1
    grid: Grille qualité · localité · accessibilité (illustrative)   # optional, checked
    anonymous: true                   # optional: pages show no name beside the weights
    members:
      - name: Amina (GESRA)
        method: points                # optional: the default for `weights:`
        weights: {quality: 30, locality: 20, accessibility: 50}
      - name: Marc (VRAC)
        method: rank_order_centroid   # or rank_sum, rank_reciprocal
        order: [locality, quality, accessibility]    # most important first
      - name: Léa (Escales)
        method: swing
        swing: {quality: 100, accessibility: 70, locality: 40}
      - name: Comité
        method: ahp
        pairwise: {quality: {locality: 3, accessibility: 1}, locality: {accessibility: 1/3}}

or, for one member, ``name:``, ``method:`` and the weights at the top level,
next to ``format:``. ``anonymous: true`` asks the report and the meeting page
to show only aggregates (:mod:`selection.committee.privacy`); the members read
from the file carry ``anonymous=True``. Each member states their weights one way:

- ``weights:`` battery and criterion key → points (``method: points``). Every
  battery gets points; criterion points are optional, all the criteria of a
  battery or none (see :mod:`selection.committee.member` for why);
- ``order:`` the batteries, most important first; ``[locality, [quality,
  accessibility]]`` says that the last two tie;
- ``swing:`` battery → rating from 0 to 100, the swing that matters most 100;
- ``pairwise:`` the upper triangle of Saaty's comparison matrix over the
  batteries: ``quality: {locality: 3}`` means quality matters 3 times as much as
  locality; 1–9 and 1/2–1/9 (write ``1/3``). The consistency ratio is
  recorded in the member's ``details``, with a warning above 0.1.

``method:`` may be left out: ``weights:`` means points, ``order:`` means
rank-order centroid, ``swing:`` swing and ``pairwise:`` AHP. Formulas and
references are in :mod:`selection.committee.elicitation`.

Every mistake is a :class:`~selection.errors.WeightsError` naming the file, the
line and the YAML path (``members[1].weights.localty``), with "did you mean"
for misspelled keys.

Examples
--------
>>> import selection
>>> grid = selection.load_grid(selection.example_grid_path())
>>> [marc] = parse_members('''
... format: selection/weights@1
... name: Marc (VRAC)
... order: [locality, quality, accessibility]
... ''', grid)
>>> marc.method, {k: round(w, 3) for k, w in marc.weights.items()}
('rank_order_centroid', {'locality': 0.611, 'quality': 0.278, 'accessibility': 0.111})
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import yaml

from ..documents import DocumentReader, Source, parse_yaml
from ..errors import GridError, SelectionError, SelectionWarning, WeightsError, did_you_mean
from ..files import read_utf8
from ..grid import FORMAT as GRID_FORMAT
from ..grid import Grid, as_grid
from ..messages import Message, msg, render
from .elicitation import (
    Elicitation,
    ahp,
    parse_elicitation,
    rank_order_centroid,
    rank_reciprocal,
    rank_sum,
    swing,
)
from .member import Member, check_cover

__all__ = ["FORMAT", "dump_members", "load_members", "parse_members"]

#: The format header of a weights file.
FORMAT = "selection/weights@1"

_FILE_KEYS = ("format", "grid", "description", "anonymous", "members")
_INPUTS = ("weights", "order", "swing", "pairwise")
_MEMBER_KEYS = ("name", "description", "method", "priorities", *_INPUTS)

_BY_INPUT = {
    "weights": Elicitation.POINTS,
    "order": Elicitation.RANK_ORDER_CENTROID,
    "swing": Elicitation.SWING,
    "pairwise": Elicitation.AHP,
}
_ORDER_METHODS = {
    Elicitation.RANK_ORDER_CENTROID: rank_order_centroid,
    Elicitation.RANK_SUM: rank_sum,
    Elicitation.RANK_RECIPROCAL: rank_reciprocal,
}


def _join(base: str, key: str) -> str:
    return f"{base}.{key}" if base else key


class _WeightsReader(DocumentReader):
    """Checks one weights file against a grid and builds its members."""

    error = WeightsError

    def __init__(self, source: Source, grid: Grid) -> None:
        super().__init__(source)
        self.target = grid
        self.batteries = [b.key for b in grid.batteries]

    def relocated(self, exc: GridError, base: str) -> SelectionError:
        """An error of an elicitation function (``where`` relative to the member), located."""
        return self.fail(
            _join(base, exc.where or ""),
            exc.problem,
            expected=exc.expected,
            found=exc.found,
            hint=exc.hint,
        )

    # -- the document ---------------------------------------------------------------------

    def document(self, data: Any) -> list[Member]:
        if data is None:
            raise self.fail(
                "",
                msg("committee.weights_file.WeightsReader.document.problem", "the file is empty"),
                expected=msg(
                    "committee.weights_file.WeightsReader.document.expected",
                    "member weights starting with `format: {FORMAT}`",
                    FORMAT=FORMAT,
                ),
                found=msg("committee.weights_file.WeightsReader.document.found", "nothing"),
            )
        if not isinstance(data, dict):
            raise self.fail(
                "",
                msg(
                    "committee.weights_file.WeightsReader.document.problem.2",
                    "this is not a weights file",
                ),
                expected=msg(
                    "committee.weights_file.WeightsReader.document.expected.2",
                    "`key: value` lines starting with `format: {FORMAT}`",
                    FORMAT=FORMAT,
                ),
                found=f"{type(data).__name__} {data!r}"[:80],
                hint=msg(
                    "committee.weights_file.WeightsReader.document.hint",
                    "a weights file looks like criteria/members/gesra.yaml",
                ),
            )
        fmt = data.get("format")
        if fmt != FORMAT:
            if fmt is None:
                hint = msg(
                    "weights.format_missing_hint",
                    "add `format: {format}` as the first line",
                    format=FORMAT,
                )
            elif fmt == GRID_FORMAT:
                hint = msg(
                    "weights.grid_file_hint",
                    "this is a grid file: give the grid separately, and member weights here",
                )
            else:
                hint = msg(
                    "weights.format_version_hint",
                    "this version of selection reads {format} only",
                    format=FORMAT,
                )
            raise self.fail(
                "format",
                (
                    msg(
                        "committee.weights_file.WeightsReader.document.problem.3.a",
                        "missing or unsupported format header",
                    )
                    if fmt is None
                    else msg(
                        "committee.weights_file.WeightsReader.document.problem.3.b",
                        "unsupported format",
                    )
                ),
                expected=msg(
                    "committee.weights_file.WeightsReader.document.expected.3",
                    "format: {FORMAT}",
                    FORMAT=FORMAT,
                ),
                found=(
                    msg(
                        "committee.weights_file.WeightsReader.document.found.3.a",
                        "no `format:` line",
                    )
                    if fmt is None
                    else repr(fmt)
                ),
                hint=hint,
            )
        if "members" in data:
            doc = self.mapping(data, "", _FILE_KEYS)
            items = doc["members"]
            if not isinstance(items, list) or not items:
                raise self.fail(
                    "members",
                    msg(
                        "committee.weights_file.WeightsReader.document.problem.4",
                        "expected a list of members",
                    ),
                    expected=msg(
                        "committee.weights_file.WeightsReader.document.expected.4",
                        "lines starting with `- name: ...`",
                    ),
                    found=repr(items),
                )
            entries = [(item, f"members[{i}]") for i, item in enumerate(items)]
        else:
            doc = self.mapping(data, "", tuple(dict.fromkeys((*_FILE_KEYS[:4], *_MEMBER_KEYS))))
            entries = [({k: v for k, v in doc.items() if k in _MEMBER_KEYS}, "")]
        if "grid" in doc:
            written_for = self.text(doc["grid"], "grid").strip()
            if written_for != self.target.name:
                raise self.fail(
                    "grid",
                    msg(
                        "committee.weights_file.WeightsReader.document.problem.5",
                        "these weights were written for another grid",
                    ),
                    expected=msg(
                        "committee.weights_file.WeightsReader.document.expected.5",
                        "grid: {name}",
                        name=self.target.name,
                    ),
                    found=repr(written_for),
                    hint=msg(
                        "committee.weights_file.WeightsReader.document.hint.3",
                        "check that you give the right grid, or remove the `grid:` line",
                    ),
                )
        anonymous = doc.get("anonymous", False)
        if not isinstance(anonymous, bool):
            raise self.fail(
                "anonymous",
                msg("weights.anonymous", "`anonymous:` is true or false"),
                expected=msg("weights.anonymous_expected", "true or false"),
                found=repr(anonymous),
                hint=msg(
                    "weights.anonymous_hint",
                    "`anonymous: true` shows no member's name beside their weights",
                ),
            )
        members: list[Member] = []
        seen: dict[str, str] = {}
        for item, path in entries:
            member = self.member(item, path)
            if anonymous:
                member = dataclasses.replace(member, anonymous=True)
            if member.name in seen:
                raise self.fail(
                    _join(path, "name"),
                    msg(
                        "committee.weights_file.WeightsReader.document.problem.6",
                        "two members are called {name!r}",
                        name=member.name,
                    ),
                    expected=msg(
                        "committee.weights_file.WeightsReader.document.expected.6",
                        "a different name for each member",
                    ),
                    found=msg(
                        "committee.weights_file.WeightsReader.document.found.6",
                        "{name!r} again (first at {seen})",
                        name=member.name,
                        seen=seen[member.name],
                    ),
                    hint=msg(
                        "committee.weights_file.WeightsReader.document.hint.4",
                        "add an initial or the organisation: 'Marc (VRAC)'",
                    ),
                )
            seen[member.name] = self.src.where(_join(path, "name"))
            members.append(member)
        return members

    def member(self, value: Any, path: str) -> Member:
        data = self.mapping(value, path, _MEMBER_KEYS)
        if "name" not in data:
            raise self.fail(
                path,
                msg(
                    "committee.weights_file.WeightsReader.member.problem", "a member needs a name"
                ),
                expected=msg(
                    "committee.weights_file.WeightsReader.member.expected",
                    "`name: ...`, e.g. `name: Amina (GESRA)`",
                ),
                found=msg("committee.weights_file.WeightsReader.member.found", "no name"),
            )
        name = self.text(data["name"], _join(path, "name")).strip()
        if not name:
            raise self.fail(
                _join(path, "name"),
                msg(
                    "committee.weights_file.WeightsReader.member.problem.2",
                    "a member needs a name",
                ),
                expected=msg("committee.weights_file.WeightsReader.member.expected.2", "a name"),
                found="''",
            )
        given = [k for k in _INPUTS if k in data]
        if len(given) != 1:
            raise self.fail(
                path if not given else _join(path, given[1]),
                (
                    msg("committee.weights_file.WeightsReader.member.problem.3.a", "no weights")
                    if not given
                    else msg(
                        "committee.weights_file.WeightsReader.member.problem.3.b",
                        "weights given in two ways",
                    )
                ),
                expected=msg(
                    "committee.weights_file.WeightsReader.member.expected.3",
                    "one of `weights:` (points), `order:`, `swing:` or `pairwise:`",
                ),
                found=(
                    msg("committee.weights_file.WeightsReader.member.found.3.a", "none")
                    if not given
                    else msg(
                        "weights.ways_given",
                        "{ways:list}",
                        ways=[f"`{k}:`" for k in given],
                    )
                ),
                hint=(
                    None
                    if not given
                    else msg(
                        "committee.weights_file.WeightsReader.member.hint.b",
                        "keep one way per member",
                    )
                ),
            )
        key = given[0]
        method = _BY_INPUT[key]
        if "method" in data:
            try:
                method = parse_elicitation(data["method"])
            except WeightsError as exc:
                raise self.relocated(exc, path) from None
            if method.takes != key:
                raise self.fail(
                    _join(path, "method"),
                    msg(
                        "committee.weights_file.WeightsReader.member.problem.4",
                        "method {value} takes `{takes}:`",
                        value=method.value,
                        takes=method.takes,
                    ),
                    expected=msg(
                        "committee.weights_file.WeightsReader.member.expected.4",
                        "`{takes}:` with method {value}, or the method that takes `{key}:`",
                        takes=method.takes,
                        value=method.value,
                        key=key,
                    ),
                    found=f"`{key}:`",
                    hint=(
                        msg(
                            "committee.weights_file.WeightsReader.member.hint.2.a",
                            "write `method: {value}`",
                            value=_BY_INPUT[key].value,
                        )
                        if key != "order"
                        else msg(
                            "committee.weights_file.WeightsReader.member.hint.2.b",
                            "for an order: rank_order_centroid, rank_sum or rank_reciprocal",
                        )
                    ),
                )
        where = _join(path, key)
        if "priorities" in data and key != "pairwise":
            raise self.fail(
                _join(path, "priorities"),
                msg("weights.priorities_ahp", "`priorities:` goes with `pairwise:` comparisons"),
                expected=msg("weights.priorities_expected", "`priorities:` only with `pairwise:`"),
                found=f"`{key}:`",
                hint=msg("weights.priorities_hint", "remove `priorities:`"),
            )
        weights, details = self.elicit(
            method, data[key], path, name, priorities=data.get("priorities", "eigenvector")
        )
        check_cover(weights, self.target, self.src.where(where), key)
        return Member(
            name=name,
            weights=weights,
            method=method.value,
            details=details,
            source=self.src.where(where),
        )

    # -- one way of giving weights --------------------------------------------------------

    def known(self, key: str, path: str, batteries_only: bool) -> None:
        """Raise unless `key` (found at `path`) is a battery (or a criterion) of the grid."""
        choices = self.batteries if batteries_only else self.batteries + self.target.keys
        if key in choices:
            return
        hint: str | Message | None = did_you_mean(key, choices)
        if batteries_only and key in self.target.keys:
            hint = msg(
                "weights.criterion_not_battery_hint",
                "{key!r} is a criterion: an order, a swing or comparisons weigh the batteries "
                "({batteries}); weigh criteria with `weights:` (points)",
                key=key,
                batteries=", ".join(self.batteries),
            )
        raise self.fail(
            path,
            msg(
                "committee.weights_file.WeightsReader.known.problem",
                "unknown {value} {key!r}",
                value=(
                    msg("weights.unknown.battery", "battery")
                    if batteries_only
                    else msg("weights.unknown.battery_or_criterion", "battery or criterion")
                ),
                key=key,
            ),
            expected=msg(
                "committee.weights_file.WeightsReader.known.expected",
                "one of: {items}",
                items=", ".join(choices),
            ),
            found=repr(key),
            hint=hint,
        )

    def elicit(
        self,
        method: Elicitation,
        value: Any,
        path: str,
        name: str,
        *,
        priorities: Any = "eigenvector",
    ) -> tuple[dict[str, float], dict[str, object]]:
        """The member's weights and details, from the input of `method`."""
        key = method.takes
        where = _join(path, key)
        if key == "weights":
            data = self.mapping(value, where, tuple(value) if isinstance(value, dict) else ())
            for k in data:
                self.known(k, f"{where}.{k}", batteries_only=False)
            weights = {k: self.weight(v, f"{where}.{k}") for k, v in data.items()}
            return weights, {}
        try:
            if key == "order":
                if isinstance(value, list):
                    for i, item in enumerate(value):
                        group = item if isinstance(item, list) else [item]
                        for j, battery in enumerate(group):
                            item_path = f"{where}[{i}]" + (
                                f"[{j}]" if isinstance(item, list) else ""
                            )
                            if isinstance(battery, str):
                                self.known(battery, item_path, batteries_only=True)
                return _ORDER_METHODS[method](value), {"order": value}
            data = self.mapping(value, where, tuple(value) if isinstance(value, dict) else ())
            for k in data:
                self.known(k, f"{where}.{k}", batteries_only=True)
            if key == "swing":
                return swing(data), {"swing": dict(data)}
            for row_key, row in data.items():
                for k in row if isinstance(row, dict) else ():
                    self.known(k, f"{where}.{row_key}.{k}", batteries_only=True)
            result = ahp(data, priorities=priorities, warn=False)
        except WeightsError as exc:
            if exc.where and self.src.name in exc.where:
                raise
            raise self.relocated(exc, path) from None
        if not result.consistent:
            warnings.warn(
                render(
                    msg(
                        "ahp.member_warning",
                        "{where}: {name}'s AHP comparisons: {advice}",
                        where=self.src.where(where),
                        name=name,
                        advice=result.advice_message(),
                    )
                ),
                SelectionWarning,
                stacklevel=5,
            )
        for note in result.notes:
            warnings.warn(
                render(
                    msg(
                        "ahp.member_note",
                        "{where}: {name}'s AHP comparisons: {note}",
                        where=self.src.where(where),
                        name=name,
                        note=note,
                    )
                ),
                SelectionWarning,
                stacklevel=5,
            )
        return result.weights, {"pairwise": data, **result.details()}


def parse_members(
    text: str, grid: Grid | str | PathLike[str], *, source: str = "<weights>"
) -> list[Member]:
    """The members of the text of a weights file, checked against `grid`.

    Parameters
    ----------
    text : str
        YAML text (``format: selection/weights@1``).
    grid : Grid or path
        The grid the weights are for.
    source : str
        Name used in error messages (the file path).

    Raises
    ------
    WeightsError
        With the file, line and YAML path of the mistake.
    """
    the_grid = as_grid(grid)
    try:
        data, src = parse_yaml(text, source)
    except GridError as exc:  # not YAML: say it in the weights family
        raise WeightsError(
            exc.problem,
            where=exc.where,
            expected=msg(
                "committee.weights_file.parse_members.expected",
                "YAML as in criteria/members/gesra.yaml (`key: value`, two-space indents)",
            ),
            found=exc.found,
            hint=exc.hint,
        ) from None
    return _WeightsReader(src, the_grid).document(data)


def load_members(
    paths: str | PathLike[str] | Sequence[str | PathLike[str]],
    grid: Grid | str | PathLike[str],
) -> list[Member]:
    """Read one or several weights files, in order, and check them against `grid`.

    Parameters
    ----------
    paths : path or sequence of paths
        Weights files (one member each, or several under ``members:``).
    grid : Grid or path
        The grid the weights are for.

    Returns
    -------
    list of Member
        In file order; names are unique across all the files.

    Raises
    ------
    WeightsError
        A file missing, not YAML, not a weights file, or not fitting the grid;
        or two members with the same name.

    Examples
    --------
    >>> import selection
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "amina.yaml").write_text(
    ...     "{format: selection/weights@1, name: Amina, "
    ...     "weights: {quality: 30, locality: 20, accessibility: 50}}", encoding="utf-8")
    >>> [(m.name, m.method) for m in load_members(folder / "amina.yaml",
    ...                                           selection.example_grid_path())]
    [('Amina', 'points')]
    """
    the_grid = as_grid(grid)
    files = [paths] if isinstance(paths, str | PathLike) else list(paths)
    if not files:
        raise WeightsError(
            msg("committee.weights_file.load_members.problem", "no weights files"),
            where="paths",
            expected=msg(
                "committee.weights_file.load_members.expected", "one or more weights files"
            ),
            found=msg("committee.weights_file.load_members.found", "none"),
        )
    members: list[Member] = []
    seen: dict[str, str] = {}
    for path in files:
        file = Path(path)
        for member in parse_members(
            read_utf8(
                file, error=WeightsError, what=render(msg("what.weights_file", "the weights file"))
            ),
            the_grid,
            source=str(file),
        ):
            if member.name in seen:
                raise WeightsError(
                    msg(
                        "committee.weights_file.load_members.problem.2",
                        "two members are called {name!r}",
                        name=member.name,
                    ),
                    where=member.where,
                    expected=msg(
                        "committee.weights_file.load_members.expected.2",
                        "a different name for each member of the committee",
                    ),
                    found=msg(
                        "committee.weights_file.load_members.found.2",
                        "{name!r} is also at {seen}",
                        name=member.name,
                        seen=seen[member.name],
                    ),
                    hint=msg(
                        "committee.weights_file.load_members.hint",
                        "add an initial or the organisation: 'Marc (VRAC)'",
                    ),
                )
            seen[member.name] = member.where
            members.append(member)
    return members


def _plain(value: object) -> object:
    """Details as YAML can write them (tuples → lists)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def dump_members(members: Sequence[Member], grid: Grid | None = None, *, comment: str = "") -> str:
    """The text of a weights file holding `members` (read back by :func:`parse_members`).

    Elicited members are written with their input (order, swing ratings,
    comparisons) when their ``details`` hold it, else as points. When a member
    is anonymous the file says ``anonymous: true``.

    Examples
    --------
    >>> amina = Member("Amina", {"quality": 30, "locality": 20, "accessibility": 50})
    >>> print(dump_members([amina]))
    format: selection/weights@1
    members:
    - name: Amina
      method: points
      weights:
        quality: 30.0
        locality: 20.0
        accessibility: 50.0
    <BLANKLINE>
    """
    out: dict[str, object] = {"format": FORMAT}
    if grid is not None:
        out["grid"] = grid.name
    if any(member.anonymous for member in members):
        out["anonymous"] = True
    entries = []
    for member in members:
        key = member.elicitation.takes
        if key != "weights" and key in member.details:
            entry: dict[str, Any] = {"name": member.name, "method": member.method}
            if "priorities" in member.details:
                entry["priorities"] = member.details["priorities"]
            entry[key] = _plain(member.details[key])
            entries.append(entry)
        else:
            entries.append({"name": member.name, "method": "points", "weights": member.weights})
    out["members"] = entries
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    return head + yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=99)
