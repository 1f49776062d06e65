"""The report's sentences built from numbers: badges, robustness, gates and reasons."""

from __future__ import annotations

import pandas as pd

from ..model import Gate
from .facts import Facts
from .text import Text

__all__ = ["BORDERLINE", "SOLID", "badge", "condition", "reason", "sentence"]

#: Badge thresholds on the share of plausible weightings keeping a producer on its side of k.
SOLID, BORDERLINE = 0.9, 0.6


def badge(facts: Facts, row: pd.Series) -> str:
    """solid, borderline or fragile: how often the producer stays on its side of the top k."""
    inside = int(row["rank"]) <= facts.k
    keeps = float(row["in_top"]) if inside else 1.0 - float(row["in_top"])
    if keeps >= SOLID:
        return "solid"
    return "borderline" if keeps >= BORDERLINE else "fragile"


def sentence(facts: Facts, row: pd.Series) -> str:
    """The robustness of one producer in words, in the report's language."""
    t, k = facts.text, facts.k
    level = facts.level or "battery"
    inside = int(row["rank"]) <= k
    head = t(
        "rob_head",
        rank=int(row["rank"]),
        same=t.percent(row["same_rank"]),
        k=k,
        in_top=t.percent(row["in_top"]),
    )
    if not row["weight"]:
        key = "rob_none_keeps" if inside else "rob_none_brings"
        tail = t(key, of_level=t(f"of_level_{level}"), k=k)
    else:
        low, high = float(row["low"]), float(row["high"])
        if inside and low == 0 and high == 1:
            tail = t("rob_whatever", k=k, of_one_level=t(f"of_one_level_{level}"))
        else:
            tail = t(
                "rob_stays" if inside else "rob_enter",
                k=k,
                label=facts.label(str(row["weight"])),
                low=t.percent(low),
                high=t.percent(high),
                now=t.percent(row["current"]),
            )
    return f"{head}{t('sep')}{tail}."


def condition(facts: Facts, gate: Gate) -> str:
    """A gate in words, with the criterion's label from the grid."""
    t = facts.text
    target = (
        facts.label(gate.criterion)
        if gate.criterion is not None
        else t("column", name=str(gate.column))
    )
    parts = []
    if gate.min is not None:
        parts.append(f"{target} ≥ {t.value(f'{gate.min:g}')}")
    if gate.max is not None:
        parts.append(f"{target} ≤ {t.value(f'{gate.max:g}')}")
    if gate.allowed is not None:
        parts.append(t("gate_among", target=target, values=", ".join(gate.allowed)))
    if gate.refused is not None:
        parts.append(t("gate_not_among", target=target, values=", ".join(gate.refused)))
    return t("gate_and").join(parts)


def reason(facts: Facts, reason: str) -> str:
    """An ineligibility reason in the report's language.

    The ranking states reasons in English, in three shapes joined by ``"; "``
    (``fails <gate> (has <value>)``, ``blank <column>: cannot check <gate>``,
    ``blank <column>``); each gate is matched by its own description, so a
    reason is rebuilt exactly. Anything else is shown as written.
    """
    t = facts.text
    gates = [(g.describe(), condition(facts, g)) for g in facts.grid.eligibility]
    out, rest = [], reason
    while rest:
        piece, rest = _next_reason(t, gates, rest)
        if piece is None:
            out.append(rest)
            break
        out.append(piece)
    return t("sep").join(out)


def _next_reason(t: Text, gates: list[tuple[str, str]], text: str) -> tuple[str | None, str]:
    """The first reason of `text` translated, and what follows it (None: not understood)."""
    for described, condition in gates:
        start = f"fails {described} (has "
        if text.startswith(start):
            value, _, after = text[len(start) :].partition(")")
            if not after or after.startswith("; "):
                piece = t("reason_fails", condition=condition, value=t.value(value))
                return piece, after[2:]
    if text.startswith("blank "):
        body, _, after = text[len("blank ") :].partition("; ")
        for described, condition in gates:
            suffix = f": cannot check {described}"
            if body.endswith(suffix):
                column = body[: -len(suffix)]
                return t("reason_blank_gate", column=column, condition=condition), after
        if ":" not in body:
            return t("reason_blank", column=body), after
    return None, text
