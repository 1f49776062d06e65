r"""Every word of the meeting page, through the catalogues; the script fills the placeholders.

The page speaks in two voices. Its own words (buttons, headings, the sentences
around the numbers) are the messages of :data:`WORDS`. The reasons it gives for
each producer's decision are the library's own messages
(:mod:`selection.scoring.select`): :data:`TEMPLATES` names them with their
English text, so that the catalogue entry is shared (one wording for the
library and the page), and the tests check that the page's reasons are, word
for word, those of :meth:`selection.Ranking.decisions`.

Both are embedded in the page as *templates*, translated but not formatted:
the script fills ``{rank}`` or ``{score:.4g}`` with numbers formatted in the
page's language (``Intl.NumberFormat``).

Examples
--------
>>> words("fr")["title"], words("en")["title"]
('Séance du comité', 'Committee meeting')
>>> templates("fr")["decision.selected"]
'rang {rank}'
"""

from __future__ import annotations

from ..messages import Message, msg, msgn, translated

__all__ = ["HOW", "METHODS", "TEMPLATES", "WORDS", "templates", "words"]

#: The page's own words, by key: English text, translated by the catalogues.
WORDS: dict[str, Message] = {
    "title": msg("meeting.title", "Committee meeting"),
    "intro": msg(
        "meeting.intro",
        "Move the weights: scores, ranks and the selection follow at once. Everything is "
        "computed in this page; nothing is sent anywhere.",
    ),
    "method_line": msg("meeting.method_line", "Method: {method}, {normalization} normalization."),
    "rule_line": msg("meeting.rule_line", "Selection rule: {rule}."),
    "rule_default": msg(
        "meeting.rule_default",
        "The grid has no `select:` section: the top {top} are shown as selected.",
    ),
    "weights": msg("meeting.weights", "Weights"),
    "weights_help": msg(
        "meeting.weights_help",
        "Points are relative. A battery's share is its points divided by the points of all "
        "the batteries; inside a battery, a criterion's share is its points divided by the "
        "points of that battery's criteria. At the grid's weights each level adds up to 100.",
    ),
    "criteria_of": msg("meeting.criteria_of", "Criteria of {battery}"),
    "battery_value": msg("meeting.battery_value", "{points} pts · {share}"),
    "criterion_value": msg(
        "meeting.criterion_value", "{points} pts · {inside} of the battery · {share} in all"
    ),
    "battery_valuetext": msg(
        "meeting.battery_valuetext", "{points} points, {share} of the total weight"
    ),
    "criterion_valuetext": msg(
        "meeting.criterion_valuetext",
        "{points} points, {inside} of the battery, {share} of the total weight",
    ),
    "stable": msg("meeting.stable", "Same selection from {low} to {high} pts"),
    "stable_whole": msg("meeting.stable_whole", "Same selection over the whole slider"),
    "stable_point": msg("meeting.stable_point", "Any move of this slider changes the selection"),
    "stable_numeric": msg("meeting.stable_numeric", "(found numerically)"),
    "stable_pending": msg("meeting.stable_pending", "computing the range…"),
    "stable_tiers": msg("meeting.stable_tiers", "Same tiers from {low} to {high} pts"),
    "stable_tiers_whole": msg("meeting.stable_tiers_whole", "Same tiers over the whole slider"),
    "stable_tiers_point": msg(
        "meeting.stable_tiers_point", "Any move of this slider changes a producer's tier"
    ),
    "battery_void": msg(
        "meeting.battery_void",
        "The criteria of this battery all weigh 0: it counts for nothing.",
    ),
    "all_zero": msg(
        "meeting.all_zero", "Every battery weighs 0: give at least one battery some points."
    ),
    "presets": msg("meeting.presets", "Whose weights?"),
    "grid_weights": msg("meeting.grid_weights", "Back to the grid's weights"),
    "load_member": msg("meeting.load_member", "Load the weights of {name}"),
    "group": msg("meeting.group", "Group ({how})"),
    "group_unavailable": msg("meeting.group_unavailable", "{how}: not available ({why})"),
    "veto": msg(
        "meeting.veto",
        "Geometric mean: {items} weigh 0 in the group because one member gave them 0.",
    ),
    "marks": msg("meeting.marks", "Marks under the sliders: {items}"),
    "member_pick": msg("meeting.member_pick", "Load a member's weights"),
    "member_pick_none": msg("meeting.member_pick_none", "choose a member…"),
    "apart": msg("meeting.apart", "Members who stand apart from the group"),
    "apart_none": msg("meeting.apart_none", "No member stands clearly apart from the group."),
    "apart_rule": msg(
        "meeting.apart_rule",
        "A member stands apart when one of their weights is further from the group's than "
        "{spread} times the typical distance of the other members from one another, and by "
        "at least {gap} points.",
    ),
    "distribution_words": msg(
        "meeting.distribution_words",
        "Members: from {low} to {high} points, middle half from {q1} to {q3}, median {median}.",
    ),
    "strip_legend": msg(
        "meeting.strip_legend",
        "Under each slider, the members' points: the line runs from the lowest to the highest, "
        "the box holds the middle half of the members, the bar is the median.",
    ),
    "strip_group": msg("meeting.strip_group", "G marks the group's ({how})."),
    "anonymous_note": msg(
        "meeting.anonymous_note",
        "The committee chose to show only aggregates: members are numbered, never named.",
    ),
    "positions": msg("meeting.positions", "Positions: {items}"),
    "position": msg("meeting.position", "{name} {points}"),
    "now_weights": msg("meeting.now_weights", "Weights now: {name}"),
    "own_weights": msg("meeting.own_weights", "your own"),
    "grid_name": msg("meeting.grid_name", "the grid's"),
    "colon": msg("meeting.colon", ": "),
    "results": msg("meeting.results", "Ranking and selection"),
    "caption": msg(
        "meeting.caption",
        "The {eligible} eligible producers from best to worst score, then the {ineligible} "
        "ineligible ones with their reason",
    ),
    "count": msg("meeting.count", "Producers selected: {selected} (eligible: {eligible})."),
    "versus_grid": msg("meeting.versus_grid", "Compared with the grid's weights: {changes}"),
    "same_as_grid": msg("meeting.same_as_grid", "the same selection as the grid's weights."),
    "entered": msg("meeting.entered", "in: {names}"),
    "left": msg("meeting.left", "out: {names}"),
    "live_entered": msg("meeting.live_entered", "Entered the selection: {names}."),
    "live_left": msg("meeting.live_left", "Left the selection: {names}."),
    "live_same": msg("meeting.live_same", "The selection is unchanged."),
    "count_tiers": msg(
        "meeting.count_tiers",
        "By tier: {counts} (approved: {approved} of the {eligible} eligible producers).",
    ),
    "tiers_values": msg("meeting.tiers_values", "What each tier gives: {items}."),
    "tier_values": msg("meeting.tier_values", "{label}: {values}"),
    "tier_value": msg("meeting.tier_value", "{name} {value}"),
    "same_tiers_as_grid": msg(
        "meeting.same_tiers_as_grid", "the same tiers as at the grid's weights."
    ),
    "tier_change": msg("meeting.tier_change", "{name}: {before} → {after}"),
    "live_tiers": msg("meeting.live_tiers", "Tier changes: {changes}."),
    "live_same_tiers": msg("meeting.live_same_tiers", "Every producer keeps its tier."),
    "col_rank": msg("meeting.col_rank", "Rank"),
    "col_producer": msg("meeting.col_producer", "Producer"),
    "col_score": msg("meeting.col_score", "Score"),
    "selected": msg("meeting.selected", "selected"),
    "not_selected": msg("meeting.not_selected", "not selected"),
    "ineligible": msg("meeting.ineligible", "not eligible"),
    "bar_label": msg("meeting.bar_label", "Contributions to the score: {items}"),
    "bar_item": msg("meeting.bar_item", "{label} {value}"),
    "bar_legend": msg("meeting.bar_legend", "The bar splits each score by battery:"),
    "baseline": msg(
        "meeting.baseline",
        "TOPSIS scores start from 0.5; a battery adds (right) or takes away (left).",
    ),
    "details": msg("meeting.details", "Details"),
    "details_label": msg("meeting.details_label", "Criterion details for {producer}"),
    "col_criterion": msg("meeting.col_criterion", "Criterion"),
    "col_value": msg("meeting.col_value", "Value"),
    "col_weight": msg("meeting.col_weight", "Weight"),
    "col_contribution": msg("meeting.col_contribution", "Contribution"),
    "col_change": msg("meeting.col_change", "What would change its place"),
    "keeps_in": msg("meeting.keeps_in", "stays selected from {low} to {high} pts"),
    "keeps_in_whole": msg("meeting.keeps_in_whole", "stays selected whatever these points"),
    "gets_in_below": msg("meeting.gets_in_below", "enters the selection below {low} pts"),
    "gets_in_above": msg("meeting.gets_in_above", "enters the selection above {high} pts"),
    "gets_in_either": msg(
        "meeting.gets_in_either", "enters the selection below {low} or above {high} pts"
    ),
    "stays_out": msg("meeting.stays_out", "these points alone do not bring it in"),
    "col_change_tier": msg("meeting.col_change_tier", "What would change its tier"),
    "keeps_tier": msg("meeting.keeps_tier", "keeps its tier ({tier}) from {low} to {high} pts"),
    "keeps_tier_whole": msg(
        "meeting.keeps_tier_whole", "keeps its tier ({tier}) whatever these points"
    ),
    "keeps_tier_point": msg(
        "meeting.keeps_tier_point", "any move of these points changes its tier ({tier})"
    ),
    "tier_below": msg("meeting.tier_below", "below {low} pts: {tier}"),
    "tier_above": msg("meeting.tier_above", "above {high} pts: {tier}"),
    "keep": msg("meeting.keep", "Keep these weights"),
    "keep_help": msg(
        "meeting.keep_help",
        "A weights file (format selection/weights@1) that selection reads back, e.g. "
        "selection report --members weights.yaml.",
    ),
    "keep_name": msg("meeting.keep_name", "Name for these weights"),
    "keep_default_name": msg("meeting.keep_default_name", "Committee meeting"),
    "keep_button": msg("meeting.keep_button", "Write the weights file"),
    "keep_text": msg("meeting.keep_text", "The weights file"),
    "keep_download": msg("meeting.keep_download", "Download it"),
    "keep_copy": msg("meeting.keep_copy", "Copy the text"),
    "keep_copied": msg("meeting.keep_copied", "Copied."),
    "keep_refused": msg(
        "meeting.keep_refused",
        "These weights cannot be kept: {why}",
    ),
    "keep_comment": msg(
        "meeting.keep_comment", "Weights kept during a committee meeting, for the grid {grid}."
    ),
    "keep_file": msg("meeting.keep_file", "weights-meeting.yaml"),
    "footer": msg(
        "meeting.footer",
        "Made by selection {version}. Grid fingerprint: {hash}. Scores are recomputed in "
        "this page from the normalized values of the eligible producers.",
    ),
    "noscript": msg(
        "meeting.noscript",
        "Without JavaScript the page shows the ranking at the grid's weights; the sliders "
        "need JavaScript.",
    ),
}

#: The library's decision reasons that the page fills in (same code and English text as in
#: :func:`selection.scoring.apply_rule` and :func:`selection.scoring.apply_tiers`, hence the
#: same catalogue entry and translation), and the library's words for tiers.
TEMPLATES: dict[str, Message] = {
    "decision.selected": msg("decision.selected", "rank {rank}"),
    "decision.quota_pick": msg(
        "decision.quota_pick", "rank {rank}; counts toward the quota: {quota}"
    ),
    "decision.below_min_score": msg(
        "decision.below_min_score", "rank {rank}: score {score:.4g} below min_score {minimum:g}"
    ),
    # Plural: the script picks "…/one" when a single place is taken (count = 1).
    "decision.places_taken": msgn(
        "decision.places_taken",
        "rank {rank}: the only place is taken",
        "rank {rank}: the top {count} places are taken",
        count=2,
    ),
    "decision.places_taken/one": msgn(
        "decision.places_taken",
        "rank {rank}: the only place is taken",
        "rank {rank}: the top {count} places are taken",
        count=1,
    ),
    "decision.quota_full": msg("decision.quota_full", "rank {rank}: quota reached ({quota})"),
    # A rule in tiers (selection.scoring.apply_tiers): min_score bands, then max_score bands.
    "decision.tier_min": msg("decision.tier_min", "score {score:.4g} ≥ {threshold:g}: {label}"),
    "decision.tier_max": msg("decision.tier_max", "score {score:.4g} ≤ {threshold:g}: {label}"),
    "decision.tier_rest_min": msg(
        "decision.tier_rest_min", "score {score:.4g} below {threshold:g}: {label}"
    ),
    "decision.tier_rest_max": msg(
        "decision.tier_rest_max", "score {score:.4g} above {threshold:g}: {label}"
    ),
    "decision.tier_none_min": msg(
        "decision.tier_none_min", "score {score:.4g} below {threshold:g}: not approved"
    ),
    "decision.tier_none_max": msg(
        "decision.tier_none_max", "score {score:.4g} above {threshold:g}: not approved"
    ),
    # A producer in no tier, and the counts by tier (selection.Decisions.summary).
    "tier.not_approved": msg("tier.not_approved", "not approved"),
    "decisions.tier_count": msg("decisions.tier_count", "{label}: {count}"),
    "decisions.not_approved_count": msg("decisions.not_approved_count", "not approved: {count}"),
    "list.separator": msg("list.separator", "; "),
}

#: The methods the page computes, in words.
METHODS: dict[str, Message] = {
    "wsm": msg("meeting.method.wsm", "weighted sum"),
    "topsis": msg("meeting.method.topsis", "TOPSIS"),
}

#: The ways of combining members' weights, in words.
HOW: dict[str, Message] = {
    "geometric": msg("meeting.how.geometric", "geometric mean"),
    "mean": msg("meeting.how.mean", "mean"),
    "median": msg("meeting.how.median", "median"),
}


def words(lang: str) -> dict[str, str]:
    """The page's own words in `lang`, placeholders left for the script."""
    out = {key: translated(message, lang) for key, message in WORDS.items()}
    out |= {f"method.{key}": translated(message, lang) for key, message in METHODS.items()}
    out |= {f"how.{key}": translated(message, lang) for key, message in HOW.items()}
    return out


def templates(lang: str) -> dict[str, str]:
    """The library's decision reasons in `lang`, placeholders left for the script."""
    return {code: translated(message, lang) for code, message in TEMPLATES.items()}
