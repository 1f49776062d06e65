"""The fixed words of exported files: sheet names, headers, yes and no, decisions.

Each is a message (:mod:`selection.messages`) whose code starts with
``exports.``, so the catalogue translates it; :func:`word` renders one in a
language. Grid labels, producer and member names are the users' own words and
never pass through here.

Examples
--------
>>> word(COLUMN_RANK, "fr"), word(COLUMN_RANK, "en")
('Rang', 'Rank')
>>> word(YES, "fr")
'oui'
"""

from __future__ import annotations

from ..messages import Message, msg, render
from ..scoring import INELIGIBLE, NOT_SELECTED, SELECTED

__all__ = ["word"]


def word(message: Message, lang: str, **values: object) -> str:
    """`message` in `lang`, with `values` for its placeholders."""
    if values:
        message = Message(message.code, message.text, {**message.values, **values})
    return render(message, lang)


# -- sheet names (31 characters at most in every language) ----------------------------------

SHEET_RANKING = msg("exports.sheet.ranking", "Ranking")
SHEET_GRID = msg("exports.sheet.grid", "Grid")
SHEET_SUMMARY = msg("exports.sheet.summary", "Summary")
SHEET_AUDIT = msg("exports.sheet.audit", "Audit")
SHEET_ACCEPTABILITY = msg("exports.sheet.acceptability", "Acceptability")
SHEET_CENTRAL_WEIGHTS = msg("exports.sheet.central_weights", "Central weights")
SHEET_INTERVALS = msg("exports.sheet.intervals", "Stability intervals")
SHEET_CONSENSUS = msg("exports.sheet.consensus", "Consensus")
SHEET_MEMBER_WEIGHTS = msg("exports.sheet.member_weights", "Member weights")
SHEET_OUTLIERS = msg("exports.sheet.outliers", "Who stands out")
SHEET_TIER_ACCEPTABILITY = msg("exports.sheet.tier_acceptability", "Tier acceptability")
SHEET_TIER_INTERVALS = msg("exports.sheet.tier_intervals", "Tier stability")

SHEETS = (
    SHEET_RANKING,
    SHEET_GRID,
    SHEET_SUMMARY,
    SHEET_AUDIT,
    SHEET_ACCEPTABILITY,
    SHEET_CENTRAL_WEIGHTS,
    SHEET_INTERVALS,
    SHEET_CONSENSUS,
    SHEET_MEMBER_WEIGHTS,
    SHEET_OUTLIERS,
    SHEET_TIER_ACCEPTABILITY,
    SHEET_TIER_INTERVALS,
)

# -- headers ----------------------------------------------------------------------------------

COLUMN_ID = msg("exports.column.id", "Id")
COLUMN_NAME = msg("exports.column.name", "Name")
COLUMN_RANK = msg("exports.column.rank", "Rank")
COLUMN_SCORE = msg("exports.column.score", "Score")
COLUMN_ELIGIBLE = msg("exports.column.eligible", "Eligible")
COLUMN_REASON = msg("exports.column.reason", "Reason")
COLUMN_DECISION = msg("exports.column.decision", "Decision")
COLUMN_DECISION_REASON = msg("exports.column.decision_reason", "Why")
COLUMN_RECORDED = msg("exports.column.recorded", "Recorded decision")
COLUMN_GRID_DECISION = msg("exports.column.grid_decision", "Grid's decision")
COLUMN_AGREEMENT = msg("exports.column.agreement", "Same decision")
COLUMN_EXPLANATION = msg("exports.column.explanation", "Explanation")
COLUMN_TIER = msg("exports.column.tier", "Tier")
COLUMN_RECORDED_TIER = msg("exports.column.recorded_tier", "Recorded tier")
COLUMN_GRID_TIER = msg("exports.column.grid_tier", "Grid's tier")
COLUMN_TIER_NOW = msg("exports.column.tier_now", "Tier under the grid's weights")
COLUMN_KEEPS_TIER = msg("exports.column.keeps_tier", "Keeps its tier")
COLUMN_FACTOR = msg("exports.column.factor", "Weight moved")
COLUMN_HOLISTIC = msg("exports.column.holistic", "Holistic acceptability")
COLUMN_GRID_RANK = msg("exports.column.grid_rank", "Rank under the grid's weights")
COLUMN_RANK_N = msg("exports.column.rank_n", "Rank {rank}")
COLUMN_CONFIDENCE = msg("exports.column.confidence", "Confidence")
COLUMN_LEVEL = msg("exports.column.level", "Level")
COLUMN_KEY = msg("exports.column.key", "Key")
COLUMN_LABEL = msg("exports.column.label", "Label")
COLUMN_BATTERY = msg("exports.column.battery", "Battery")
COLUMN_TABLE_COLUMNS = msg("exports.column.table_columns", "Table columns")
COLUMN_DIRECTION = msg("exports.column.direction", "Direction")
COLUMN_POINTS = msg("exports.column.points", "Points")
COLUMN_SHARE_IN_BATTERY = msg("exports.column.share_in_battery", "Share in its battery")
COLUMN_WEIGHT = msg("exports.column.weight", "Effective weight")
COLUMN_LOW = msg("exports.column.low", "Low end")
COLUMN_HIGH = msg("exports.column.high", "High end")
COLUMN_LOW_SWAP = msg("exports.column.low_swap", "Swap at the low end")
COLUMN_HIGH_SWAP = msg("exports.column.high_swap", "Swap at the high end")
COLUMN_GROUP_RANK = msg("exports.column.group_rank", "Rank under the group's weights")
COLUMN_BORDA = msg("exports.column.borda", "Borda rank")
COLUMN_COPELAND = msg("exports.column.copeland", "Copeland rank")
COLUMN_RANK_SPREAD = msg("exports.column.rank_spread", "Rank spread")
COLUMN_TOP_VOTES = msg("exports.column.top_votes", "Members placing it in their top {k}")
COLUMN_GROUP = msg("exports.column.group", "Group")
COLUMN_SPREAD = msg("exports.column.spread", "Spread")
COLUMN_MEMBER = msg("exports.column.member", "Member")
COLUMN_OWN = msg("exports.column.own", "Their share")
COLUMN_TYPICAL = msg("exports.column.typical", "Typical share")
COLUMN_GAP = msg("exports.column.gap", "Gap")
COLUMN_IN_WORDS = msg("exports.column.in_words", "In words")
COLUMN_SUMMARY = msg("exports.column.summary", "Summary")
#: A percent column in a CSV file, whose numbers are percents (35.5), not shares (0.355).
COLUMN_PERCENT = msg("exports.column.percent", "{label} (%)")

# -- cell values --------------------------------------------------------------------------------

YES = msg("exports.yes", "yes")
NO = msg("exports.no", "no")
DECISIONS = {
    SELECTED: msg("exports.decision.selected", "selected"),
    NOT_SELECTED: msg("exports.decision.not_selected", "not selected"),
    INELIGIBLE: msg("exports.decision.ineligible", "ineligible"),
    "rejected": msg("exports.decision.rejected", "rejected"),
}
NOT_APPROVED = msg("exports.not_approved", "not approved")
HIGHER_IS_BETTER = msg("exports.direction.max", "higher is better")
LOWER_IS_BETTER = msg("exports.direction.min", "lower is better")

# -- the grid's provenance, under the Grid sheet's table --------------------------------------

ABOUT_GRID = msg("exports.about.grid", "Grid")
ABOUT_GRID_FILE = msg("exports.about.grid_file", "Grid file")
ABOUT_HASH = msg("exports.about.hash", "Grid hash (SHA-256)")
ABOUT_WEIGHTS = msg("exports.about.weights", "Weights")
ABOUT_METHOD = msg("exports.about.method", "Method")
ABOUT_NORMALIZATION = msg("exports.about.normalization", "Normalization")
ABOUT_PARAMETERS = msg("exports.about.parameters", "Method parameters")
ABOUT_BEST = msg("exports.about.best", "Best score")
ABOUT_BASELINE = msg("exports.about.baseline", "Score with no contribution")
ABOUT_ELIGIBILITY = msg("exports.about.eligibility", "Eligibility")
ABOUT_RULE = msg("exports.about.rule", "Selection rule")
ABOUT_PRODUCERS = msg("exports.about.producers", "Producer table")
ABOUT_WRITTEN_BY = msg("exports.about.written_by", "Written by")

BEST_HIGHEST = msg("exports.best.highest", "the highest")
BEST_LOWEST = msg("exports.best.lowest", "the lowest")
WEIGHTS_GROUP = msg(
    "exports.weights.group", "the members' weights aggregated ({how}), not the grid file's"
)
NONE = msg("exports.none", "none")

# -- what a stability interval keeps ------------------------------------------------------------

SCOPES = {
    "ranking": msg(
        "exports.scope.ranking",
        "Each weight moves alone, the others in proportion: the whole ranking stays the same "
        "between the low and the high end.",
    ),
    "winner": msg(
        "exports.scope.winner",
        "Each weight moves alone, the others in proportion: the first producer stays first "
        "between the low and the high end.",
    ),
    "top": msg(
        "exports.scope.top",
        "Each weight moves alone, the others in proportion: the same {k} producers stay in the "
        "top {k} between the low and the high end.",
    ),
}

# -- files -------------------------------------------------------------------------------------

WHAT_WORKBOOK = msg("exports.what.workbook", "the workbook")
WHAT_CSV = msg("exports.what.csv", "the CSV file")
