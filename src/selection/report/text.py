r"""Every fixed string of the report, through the catalogues, and its number formats.

The report is read by committee members, most of them French-speaking: nothing
it says in its own voice is written anywhere else than here (and in the
library's messages it shows, such as reasons and robustness sentences). Grid
labels, producer names and member names are the users' own words and stay as
written. The texts are English in the code and translated by the gettext
catalogues (:mod:`selection.messages`); numbers are formatted by Babel:
``0,843`` and ``35 %`` in French, ``0.843`` and ``35%`` in English.

Examples
--------
>>> fr, en = Text("fr"), Text("en")
>>> fr.percent(0.35), en.percent(0.35)
('35\xa0%', '35%')
>>> fr.number(0.8428, 3), en.number(0.8428, 3)
('0,843', '0.843')
>>> fr("ranking")
'Classement'
>>> Text("de")
Traceback (most recent call last):
    ...
selection.errors.ArgumentError: lang: unknown language
  expected: one of: fr, en
  found: 'de'
"""

from __future__ import annotations

import datetime as dt
import math

from ..messages import (
    LANGUAGES,
    Message,
    format_number,
    msg,
    msgn,
    render,
    resolve_language,
    translated,
)
from ..validators import language

__all__ = ["LANGUAGES", "TEXTS", "Text", "templates"]

#: The report's own sentences, by key: English text, translated by the catalogues.
TEXTS: dict[str, Message] = {
    "title": msg("report.title", "Producer selection report"),
    "meta_grid": msg("report.meta_grid", "Grid"),
    "meta_date": msg("report.meta_date", "Date"),
    "meta_hash": msg("report.meta_hash", "Grid fingerprint (SHA-256 of its content)"),
    "meta_method": msg("report.meta_method", "Scoring method"),
    "meta_grid_file": msg("report.meta_grid_file", "Grid file"),
    "meta_producers_file": msg("report.meta_producers_file", "Producer table"),
    "meta_version": msg("report.meta_version", "Version of the selection software"),
    "meta_members": msg("report.meta_members", "Committee members"),
    "method_line": msg("report.method_line", "{method}, {normalization} normalization"),
    "colon": msg("report.colon", ": "),
    "sep": msg("report.sep", "; "),
    "summary": msg("report.summary", "In short"),
    "summary_counts": msg(
        "report.summary_counts",
        "{eligible} eligible producers out of {total}; {ineligible} not eligible (their"
        " reason is given at the end of the ranking).",
    ),
    "summary_top": msg("report.summary_top", "The top {k}: {names}."),
    "summary_selected": msg(
        "report.summary_selected",
        "The grid's rule ({rule}) selects {k}: {names}.",
    ),
    "summary_stays": msg(
        "report.summary_stays",
        "Of these {k}: {stay} stay selected under almost every plausible weighting, {depends}"
        " depend on the weights (see the Robustness column).",
    ),
    "col_decision": msg("report.col_decision", "Selection"),
    "decision_in": msg("report.decision_in", "selected"),
    "decision_out": msg("report.decision_out", "not selected"),
    "col_robustness_place": msg(
        "report.col_robustness_place", "Robustness of its place (selected or not)"
    ),
    "badge_stays_in": msg("report.badge_stays_in", "stays in"),
    "badge_stays_out": msg("report.badge_stays_out", "stays out"),
    "badge_depends": msg("report.badge_depends", "depends on the weights"),
    "badge_meaning_rule": msg(
        "report.badge_meaning_rule",
        "Robustness: the share of plausible weightings that leave the producer on the same "
        "side of the line of the first {k} (the number the rule selects). Stays in: a "
        "selected producer kept among them by at least {sure:.0%} of them; stays out: a "
        "producer left out kept out by at least {sure:.0%}; otherwise its place depends on "
        "the weights.",
    ),
    "summary_tiers": msg("report.summary_tiers", "The grid's tiers: {counts}."),
    "tier_count": msg("report.tier_count", "{tier}: {count}"),
    "summary_keep_tier": msg(
        "report.summary_keep_tier",
        "{keep} of the {n} eligible producers keep their tier under almost every plausible "
        "weighting; the others' tier depends on the weights (see the Robustness column).",
    ),
    "no_tier": msg("report.no_tier", "not approved"),
    "col_robustness_tier": msg("report.col_robustness_tier", "Robustness of its tier"),
    "badge_tier_stays_in": msg("report.badge_tier_stays_in", "keeps its tier"),
    "badge_tier_depends": msg("report.badge_tier_depends", "depends on the weights"),
    "tier_keeps": msg(
        "report.tier_keeps", "Keeps its tier in {share} of the plausible weightings."
    ),
    "tier_fragile_weight": msg(
        "report.tier_fragile_weight",
        "The weight that moves it most easily: {label} (it keeps its tier {span}).",
    ),
    "why_tiers": msg(
        "report.why_tiers",
        "the grid approves in tiers, each producer on its own score: see the robustness of "
        "each tier in the ranking.",
    ),
    "detail": msg("report.detail", "Detail"),
    "merit_grade": msg("report.merit_grade", "{grade}: {count}"),
    "merit_label": msg("report.merit_label", "Merit profile, {criterion}: {grades}"),
    "merit_none": msg("report.merit_none", "no grade"),
    "points_in_score": msg("report.points_in_score", " → {points} in the score"),
    "gap_in": msg(
        "report.gap_in",
        "Its score is {gap} above that of the best producer left out ({other}).",
    ),
    "gap_out": msg(
        "report.gap_out",
        "Its score is {gap} below that of the last producer selected ({other}).",
    ),
    "span_any": msg("report.span_any", "whatever this weight"),
    "span_only": msg("report.span_only", "only at its current value, {now}"),
    "span_up_to": msg("report.span_up_to", "up to {high}"),
    "span_from": msg("report.span_from", "from {low}"),
    "summary_robust": msg(
        "report.summary_robust",
        "Of these {k}: {solid} with a solid place, {borderline} borderline, {fragile} "
        "with a fragile place (see the Robustness column).",
    ),
    "summary_no_eligible": msg(
        "report.summary_no_eligible", "No producer is eligible: there is no ranking."
    ),
    "how_to_read": msg("report.how_to_read", "How to read this report"),
    "how_score": msg(
        "report.how_score",
        "Each eligible producer gets a score: the higher, the better the producer meets"
        " the grid. The bar shows where the score comes from: the part brought by each "
        "battery of criteria.",
    ),
    "how_robust": msg(
        "report.how_robust",
        "Robustness tells whether a producer's place holds when the weights change a "
        "little: the ranking is replayed with {samples} plausible weightings drawn "
        "around the grid's weights.",
    ),
    "how_ineligible": msg(
        "report.how_ineligible",
        "An ineligible producer does not meet a condition of the grid; it has no score,"
        " and the reason is written.",
    ),
    "grid_section": msg("report.grid_section", "The grid and its weights"),
    "grid_caption": msg(
        "report.grid_caption",
        "Batteries and criteria of the grid, with their share of the total weight",
    ),
    "col_battery": msg("report.col_battery", "Battery"),
    "col_criterion": msg("report.col_criterion", "Criterion"),
    "col_share": msg("report.col_share", "Share of the total weight"),
    "col_direction": msg("report.col_direction", "Direction"),
    "direction_max": msg("report.direction_max", "more is better"),
    "direction_min": msg("report.direction_min", "less is better"),
    "battery_total": msg("report.battery_total", "whole battery"),
    "gates_heading": msg(
        "report.gates_heading", "Eligibility conditions, checked before any score is computed"
    ),
    "gates_none": msg("report.gates_none", "The grid sets no eligibility condition."),
    "ranking": msg("report.ranking", "Ranking"),
    "ranking_caption": msg(
        "report.ranking_caption",
        "Ranking of the {total} producers: the {eligible} eligible ones from best to "
        "worst score, then the ineligible ones with their reason",
    ),
    "col_rank": msg("report.col_rank", "Rank"),
    "col_producer": msg("report.col_producer", "Producer"),
    "col_score": msg("report.col_score", "Score"),
    "col_contributions": msg(
        "report.col_contributions", "Contributions of the batteries to the score"
    ),
    "col_robustness": msg(
        "report.col_robustness", "Robustness of its place (in the top {k} or not)"
    ),
    "score_sum": msg("report.score_sum", "Score = sum of the batteries' contributions (the bar)."),
    "score_baseline": msg(
        "report.score_baseline",
        "Score = {baseline} + sum of the batteries' contributions (the bar); a negative"
        " contribution is drawn left of the vertical line.",
    ),
    "no_contributions": msg(
        "report.no_contributions",
        "The {method} method does not split into contributions by battery: no bars in "
        "this report.",
    ),
    "legend": msg("report.legend", "Bar legend"),
    "not_eligible": msg("report.not_eligible", "Not eligible"),
    "not_eligible_reason": msg("report.not_eligible_reason", "Not eligible: {reason}"),
    "no_rank": msg("report.no_rank", "—"),
    "bar_label": msg("report.bar_label", "{producer}: score {score}; {parts}"),
    "badge_solid": msg("report.badge_solid", "solid"),
    "badge_borderline": msg("report.badge_borderline", "borderline"),
    "badge_fragile": msg("report.badge_fragile", "fragile"),
    "badge_meaning": msg(
        "report.badge_meaning",
        "Robustness: the share of plausible weightings that leave the producer on the "
        "same side of the top {k} line (inside if it is in, outside otherwise). Solid: "
        "at least {solid:.0%}; borderline: {borderline:.0%} to {solid:.0%}; fragile: under "
        "{borderline:.0%}.",
    ),
    "rob_unavailable": msg("report.rob_unavailable", "Robustness not computed: {why}"),
    "why_few_producers": msg(
        "report.why_few_producers", "at least two eligible producers are needed."
    ),
    "why_single_weight": msg(
        "report.why_single_weight", "the grid has a single weight, there is nothing to vary."
    ),
    "why_all_selected": msg(
        "report.why_all_selected",
        "all {n} eligible producers are in the top {k}: no weight changes the selection.",
    ),
    "why_method": msg(
        "report.why_method",
        "exact intervals exist for the weighted sum and TOPSIS only (the grid's method:"
        " {method}).",
    ),
    "stability": msg("report.stability", "Stability of the battery weights"),
    "stability_intro": msg(
        "report.stability_intro",
        "Each battery weight moves alone, the others keeping their proportions. As long"
        " as it stays within the interval drawn, the top {k} stay the same producers "
        "(not necessarily in the same order). The diamond ◆ marks the current weight. A"
        " narrow interval means that a small change of that weight changes the "
        "selection.",
    ),
    "stability_caption": msg(
        "report.stability_caption",
        "Interval of each battery weight over which the top {k} stay the same",
    ),
    "col_interval": msg(
        "report.col_interval", "Interval ({low:.0%} to {high:.0%} of the total weight)"
    ),
    "col_now": msg("report.col_now", "Now"),
    "col_from_to": msg("report.col_from_to", "The top {k} hold from … to …"),
    "col_at_ends": msg("report.col_at_ends", "What changes at the ends"),
    "from_to": msg("report.from_to", "from {low} to {high}"),
    "end_low": msg("report.end_low", "below {low}: {inside} leaves, {outside} comes in"),
    "end_high": msg("report.end_high", "above {high}: {inside} leaves, {outside} comes in"),
    "end_low_none": msg("report.end_low_none", "nothing changes below, down to {low:.0%}"),
    "end_high_none": msg("report.end_high_none", "nothing changes above, up to {high:.0%}"),
    "interval_label": msg(
        "report.interval_label", "{label}: now {now}; interval from {low} to {high}"
    ),
    "stability_unavailable": msg(
        "report.stability_unavailable", "Stability intervals not computed: {why}"
    ),
    "committee": msg("report.committee", "The committee: members' weights and consensus"),
    "committee_intro": msg(
        "report.committee_intro",
        "{count} members gave their weights. Each ranks the producers with their own "
        "weights; what follows compares these rankings, without judging anyone.",
    ),
    "weights_caption": msg(
        "report.weights_caption", "Battery weights according to each member (share of the total)"
    ),
    "col_member": msg("report.col_member", "Member"),
    "group_row": msg("report.group_row", "Group (aggregated weights)"),
    "spread_row": msg("report.spread_row", "Spread between members"),
    "agreement_heading": msg("report.agreement_heading", "Do the members agree?"),
    "kendall": msg(
        "report.kendall",
        "Agreement between the members' rankings: Kendall's W = {w}, {words} (1 means "
        "identical rankings, 0 no agreement).",
    ),
    "agreement_very_weak": msg("report.agreement_very_weak", "very weak agreement"),
    "agreement_weak": msg("report.agreement_weak", "weak agreement"),
    "agreement_moderate": msg("report.agreement_moderate", "moderate agreement"),
    "agreement_strong": msg("report.agreement_strong", "strong agreement"),
    "agreement_very_strong": msg("report.agreement_very_strong", "very strong agreement"),
    "spearman": msg(
        "report.spearman",
        "Mean weighted Spearman correlation between two members: {r} (the first places "
        "count more; 1 = same rankings).",
    ),
    "disagreements_heading": msg(
        "report.disagreements_heading", "Where the members disagree most"
    ),
    "disagreement_item": msg(
        "report.disagreement_item", "{label}: a spread of {spread} between members"
    ),
    # count=2: the template of `templates()` is the plural; calls give the count.
    "points": msgn("report.points", "{value} point", "{value} points", count=2),
    "contested_heading": msg(
        "report.contested_heading", "Producers whose place depends most on who sets the weights"
    ),
    "contested_caption": msg(
        "report.contested_caption",
        "The producers whose rank varies most from one member to another",
    ),
    "col_rank_spread": msg("report.col_rank_spread", "Rank spread"),
    "col_member_ranks": msg("report.col_member_ranks", "Ranks according to the members"),
    "rank_range": msg("report.rank_range", "from {low} to {high}"),
    "contested_none": msg(
        "report.contested_none", "Every member gives each producer the same rank."
    ),
    "outliers_heading": msg(
        "report.outliers_heading", "Members whose weights stand apart from the group"
    ),
    "outliers_none": msg("report.outliers_none", "No member stands clearly apart from the group."),
    "compromise_heading": msg("report.compromise_heading", "Compromise ranking"),
    "compromise_intro": msg(
        "report.compromise_intro",
        "Borda adds up the places given by each member; Copeland counts the duels won "
        "(a producer beats another if it is ahead for a majority of members); the last "
        "column ranks with the group's aggregated weights.",
    ),
    "compromise_caption": msg(
        "report.compromise_caption", "Compromise ranks of the first {count} by Borda"
    ),
    "col_borda": msg("report.col_borda", "Borda"),
    "col_copeland": msg("report.col_copeland", "Copeland"),
    "col_group": msg("report.col_group", "Group weights"),
    "footer": msg(
        "report.footer",
        "Made by selection {version}. This file reads without an Internet connection, "
        "prints on A4 and can be sent by email.",
    ),
}

_METHODS = {
    "wsm": msg("method.wsm", "weighted sum"),
    "wpm": msg("method.wpm", "weighted product"),
}

_NORMALIZATIONS = {
    "none": msg("normalization.none", "none"),
    "scale": msg("normalization.scale", "declared-scale"),
    "minmax": msg("normalization.minmax", "min-max"),
    "max": msg("normalization.max", "max"),
    "sum": msg("normalization.sum", "sum"),
    "vector": msg("normalization.vector", "vector"),
    "linear": msg("normalization.linear", "linear"),
    "logarithmic": msg("normalization.logarithmic", "logarithmic"),
    "nonlinear": msg("normalization.nonlinear", "nonlinear"),
    "enhanced_accuracy": msg("normalization.enhanced_accuracy", "enhanced accuracy"),
    "zavadskas_turskis": msg("normalization.zavadskas_turskis", "Zavadskas-Turskis"),
    "built-in": msg("normalization.built_in", "the method's own"),
}


def templates(lang: str) -> dict[str, str]:
    """Each text of the report with its placeholders, as the catalogue of `lang` has it."""
    return {key: translated(message, lang) for key, message in TEXTS.items()}


class Text:
    """The report's strings and number formats in one language.

    Parameters
    ----------
    lang : {"fr", "en"}, optional
        Default: the language rule (:mod:`selection.messages`).

    Raises
    ------
    ArgumentError
        For any other language.
    """

    def __init__(self, lang: object = None) -> None:
        self.lang = resolve_language(language(lang))

    @property
    def french(self) -> bool:
        """Whether the report is in French."""
        return self.lang == "fr"

    def __call__(self, key: str, **values: object) -> str:
        """The text `key` with its placeholders filled, in the report's language."""
        template = TEXTS[key]
        return render(
            Message(template.code, template.text, dict(values), template.plural), self.lang
        )

    def message(self, key: str, **values: object) -> Message:
        """The text `key` as a message, to join with others (rendered by :meth:`render`)."""
        template = TEXTS[key]
        return Message(template.code, template.text, dict(values), template.plural)

    def render(self, message: Message | str | list[Message]) -> str:
        """A message of the library (a reason, a sentence) in the report's language."""
        return render(message, self.lang)

    def number(self, value: float | None, digits: int = 3) -> str:
        """A decimal number, e.g. ``0,843`` (fr) or ``0.843`` (en)."""
        if value is None or not math.isfinite(float(value)):
            return "—"
        number = float(value)
        if round(number, digits) == 0:
            number = 0.0  # no "-0,000"
        return format_number(number, f".{digits}f", self.lang)

    def integer(self, value: float) -> str:
        """A whole number as written in this language (ranks may be averages: ``2,5``)."""
        number = float(value)
        if not math.isfinite(number):
            return "—"
        if number == int(number):
            return str(int(number))
        return self.number(number, 1)

    def count(self, value: int) -> str:
        """A whole number with thousands grouped: ``5 000`` (fr), ``5,000`` (en)."""
        return format_number(int(value), "d", self.lang)

    def ordinal(self, value: float) -> str:
        """A rank as an ordinal: ``1er``, ``3e`` (fr); ``1``, ``3`` (en, used after "from")."""
        text = self.integer(value)
        if not self.french or text == "—":
            return text
        return text + ("er" if text == "1" else "e")

    def percent(self, share: float | None, digits: int = 0) -> str:
        """A share of 1 as a percentage: ``35 %`` (fr) or ``35%`` (en)."""
        if share is None or not math.isfinite(float(share)):
            return "—"
        return format_number(float(share), f".{digits}%", self.lang)

    def date(self, when: dt.datetime | dt.date) -> str:
        """``12 mars 2025`` or ``12 March 2025``, with the time when `when` has one."""
        from babel.dates import format_date, format_time

        day = format_date(when, "d MMMM y", locale=self.lang)
        if isinstance(when, dt.datetime):
            clock = format_time(when, "H 'h' mm" if self.french else "HH:mm", locale=self.lang)
            day += f", {clock}"
        return day

    def method(self, key: str) -> str:
        """A method's name for people: ``somme pondérée``, ``TOPSIS``."""
        name = _METHODS.get(key)
        return self.render(name) if name is not None else key.replace("_", " ").upper()

    def normalization(self, key: str) -> str:
        """A normalization's name for people."""
        name = _NORMALIZATIONS.get(key)
        return self.render(name) if name is not None else key.replace("_", " ")

    def agreement(self, w: float) -> str:
        """Kendall's W in words, by fifths: under 0.2 very weak, ..., 0.8 and over very strong."""
        if w < 0.2:
            key = "very_weak"
        elif w < 0.4:
            key = "weak"
        elif w < 0.6:
            key = "moderate"
        elif w < 0.8:
            key = "strong"
        else:
            key = "very_strong"
        return self(f"agreement_{key}")
