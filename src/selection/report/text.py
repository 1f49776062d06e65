"""Every fixed string of the report, in French (the default) and English.

The report is read by committee members, most of them French-speaking: nothing
it says in its own voice is written anywhere else than here. Grid labels,
producer names and member names are the users' own words and stay as written.

Numbers follow the language: ``0,843`` and ``35 %`` in French, ``0.843`` and
``35%`` in English.

Examples
--------
>>> fr, en = Text("fr"), Text("en")
>>> fr.percent(0.35), en.percent(0.35)
('35\u202f%', '35%')
>>> fr.number(0.8428, 3), en.number(0.8428, 3)
('0,843', '0.843')
>>> fr("ranking")
'Classement'
>>> Text("de")
Traceback (most recent call last):
    ...
selection.errors.SelectionError: lang: unknown report language 'de'
  expected: one of: fr, en
  found: 'de'
"""

from __future__ import annotations

import datetime as dt
import math

from ..errors import SelectionError, did_you_mean

__all__ = ["LANGUAGES", "STRINGS", "Text"]

#: Narrow no-break space: French puts one before ``%``, ``:``, ``;`` and inside « ».
NNBSP = "\u202f"

_S = NNBSP

#: Fixed strings, by language then key. Placeholders in braces are filled by :meth:`Text.__call__`.
STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Rapport de sélection des producteurs",
        "meta_grid": "Grille",
        "meta_date": "Date",
        "meta_hash": "Empreinte de la grille (SHA-256 de son contenu)",
        "meta_method": "Méthode de calcul",
        "meta_grid_file": "Fichier de la grille",
        "meta_producers_file": "Tableau des producteurs",
        "meta_version": "Version du logiciel selection",
        "meta_members": "Membres du comité",
        "method_line": "{method}, normalisation{s}: {normalization}",
        "colon": "{s}: ",
        "sep": "{s}; ",
        # Summary
        "summary": "En bref",
        "summary_counts": (
            "{eligible} producteurs éligibles sur {total}{s}; {ineligible} non éligibles "
            "(leur raison est donnée à la fin du classement)."
        ),
        "summary_top": "Les {k} premiers{s}: {names}.",
        "summary_robust": (
            "Parmi ces {k}{s}: {solid} à la place solide, {borderline} à surveiller, "
            "{fragile} à la place fragile (voir la colonne Robustesse)."
        ),
        "summary_no_eligible": "Aucun producteur n'est éligible{s}: il n'y a pas de classement.",
        "how_to_read": "Comment lire ce rapport",
        "how_score": (
            "Chaque producteur éligible reçoit un score{s}: plus il est élevé, mieux le "
            "producteur répond à la grille. La barre montre d'où vient le score{s}: la part "
            "apportée par chaque batterie de critères."
        ),
        "how_robust": (
            "La robustesse dit si la place d'un producteur tient quand les poids changent un "
            "peu{s}: on rejoue le classement avec {samples} pondérations plausibles, tirées "
            "autour des poids de la grille."
        ),
        "how_ineligible": (
            "Un producteur non éligible ne remplit pas une condition de la grille{s}; il n'a "
            "pas de score, et la raison est écrite."
        ),
        # Grid
        "grid_section": "La grille et ses poids",
        "grid_caption": "Batteries et critères de la grille, avec leur part du poids total",
        "col_battery": "Batterie",
        "col_criterion": "Critère",
        "col_share": "Part du poids total",
        "col_direction": "Sens",
        "direction_max": "plus c'est élevé, mieux c'est",
        "direction_min": "moins c'est élevé, mieux c'est",
        "battery_total": "ensemble de la batterie",
        "gates_heading": "Conditions d'éligibilité, vérifiées avant tout calcul de score",
        "gates_none": "La grille ne pose aucune condition d'éligibilité.",
        # Ranking
        "ranking": "Classement",
        "ranking_caption": (
            "Classement des {total} producteurs{s}: les {eligible} éligibles du meilleur au "
            "moins bon score, puis les non éligibles avec leur raison"
        ),
        "col_rank": "Rang",
        "col_producer": "Producteur",
        "col_score": "Score",
        "col_contributions": "Contributions des batteries au score",
        "col_robustness": "Robustesse de sa place (dans les {k} premiers ou non)",
        "score_sum": "Score = somme des contributions des batteries (la barre).",
        "score_baseline": (
            "Score = {baseline} + somme des contributions des batteries (la barre){s}; une "
            "contribution négative est tracée à gauche du trait vertical."
        ),
        "no_contributions": (
            "La méthode {method} ne se décompose pas en contributions par batterie{s}: pas "
            "de barres dans ce rapport."
        ),
        "legend": "Légende des barres",
        "not_eligible": "Non éligible",
        "not_eligible_reason": "Non éligible{s}: {reason}",
        "no_rank": "—",
        "bar_label": "{producer}{s}: score {score}{s}; {parts}",
        # Badges and robustness sentences
        "badge_solid": "solide",
        "badge_borderline": "à surveiller",
        "badge_fragile": "fragile",
        "badge_meaning": (
            "Robustesse{s}: part des pondérations plausibles qui laissent le producteur du "
            "même côté de la limite des {k} premiers (dedans s'il y est, dehors sinon). "
            "Solide{s}: au moins 90{s}%{s}; à surveiller{s}: de 60 à 90{s}%{s}; fragile{s}: "
            "moins de 60{s}%."
        ),
        "rob_head": (
            "rang {rank} pour {same} des pondérations plausibles (parmi les {k} premiers "
            "pour {in_top})"
        ),
        "rob_none_keeps": "aucun poids {of_level} pris seul ne le maintient dans les {k} premiers",
        "rob_none_brings": (
            "aucun poids {of_level} pris seul ne le fait entrer dans les {k} premiers"
        ),
        "rob_whatever": "reste dans les {k} premiers quel que soit le poids {of_one_level}",
        "rob_stays": (
            "reste dans les {k} premiers tant que le poids de «{s}{label}{s}» est entre {low} "
            "et {high} (aujourd'hui {now})"
        ),
        "rob_enter": (
            "entrerait dans les {k} premiers avec un poids de «{s}{label}{s}» entre {low} et "
            "{high} (aujourd'hui {now})"
        ),
        "of_level_battery": "de batterie",
        "of_level_criterion": "de critère",
        "of_one_level_battery": "d'une seule batterie",
        "of_one_level_criterion": "d'un seul critère",
        "rob_unavailable": "Robustesse non calculée{s}: {why}",
        "why_few_producers": "il faut au moins deux producteurs éligibles.",
        "why_single_weight": "la grille n'a qu'un seul poids, il n'y a rien à faire varier.",
        "why_all_selected": (
            "les {n} producteurs éligibles sont tous dans les {k} premiers{s}: aucun poids ne "
            "change la sélection."
        ),
        "why_method": (
            "les intervalles exacts existent pour la somme pondérée et TOPSIS seulement "
            "(méthode de la grille{s}: {method})."
        ),
        # Stability intervals
        "stability": "Stabilité des poids des batteries",
        "stability_intro": (
            "Chaque poids de batterie bouge seul, les autres gardent leurs proportions. Tant "
            "qu'il reste dans l'intervalle tracé, les {k} premiers restent les mêmes "
            "producteurs (pas forcément dans le même ordre). Le losange ◆ marque le poids "
            "actuel. Un intervalle étroit veut dire qu'un petit changement de ce poids change "
            "la sélection."
        ),
        "stability_caption": (
            "Intervalle de chaque poids de batterie sur lequel les {k} premiers restent les mêmes"
        ),
        "col_interval": "Intervalle (0 à 100{s}% du poids total)",
        "col_now": "Aujourd'hui",
        "col_from_to": "Les {k} premiers tiennent de … à …",
        "col_at_ends": "Ce qui change aux bornes",
        "from_to": "de {low} à {high}",
        "end_low": "sous {low}{s}: {inside} sort, {outside} entre",
        "end_high": "au-dessus de {high}{s}: {inside} sort, {outside} entre",
        "end_low_none": "rien ne change en dessous, jusqu'à 0{s}%",
        "end_high_none": "rien ne change au-dessus, jusqu'à 100{s}%",
        "interval_label": "{label}{s}: aujourd'hui {now}{s}; intervalle de {low} à {high}",
        "stability_unavailable": "Intervalles de stabilité non calculés{s}: {why}",
        # Committee
        "committee": "Le comité{s}: poids des membres et consensus",
        "committee_intro": (
            "{count} membres ont donné leurs poids. Chacun classe les producteurs avec ses "
            "propres poids{s}; ce qui suit compare ces classements, sans juger personne."
        ),
        "weights_caption": "Poids des batteries selon chaque membre (part du poids total)",
        "col_member": "Membre",
        "group_row": "Groupe (poids agrégés)",
        "spread_row": "Écart entre membres",
        "agreement_heading": "Les membres sont-ils d'accord{s}?",
        "kendall": (
            "Accord entre les classements des membres{s}: W de Kendall = {w}, {words} (1 veut "
            "dire des classements identiques, 0 aucun accord)."
        ),
        "agreement_very_weak": "accord très faible",
        "agreement_weak": "accord faible",
        "agreement_moderate": "accord modéré",
        "agreement_strong": "accord fort",
        "agreement_very_strong": "accord très fort",
        "spearman": (
            "Corrélation de Spearman pondérée moyenne entre deux membres{s}: {r} (les "
            "premières places comptent davantage{s}; 1 = mêmes classements)."
        ),
        "disagreements_heading": "Où les membres divergent le plus",
        "disagreement_item": "{label}{s}: écart de {spread} entre les membres",
        "points": "{value} points",
        "contested_heading": "Producteurs dont la place dépend le plus de qui pondère",
        "contested_caption": "Les producteurs dont le rang varie le plus d'un membre à l'autre",
        "col_rank_spread": "Écart de rang",
        "col_member_ranks": "Rangs selon les membres",
        "rank_range": "du {low} au {high}",
        "contested_none": "Tous les membres donnent le même rang à chaque producteur.",
        "outliers_heading": "Membres dont les poids s'écartent du groupe",
        "outliers_none": "Aucun membre ne s'écarte nettement du groupe.",
        "compromise_heading": "Classement de compromis",
        "compromise_intro": (
            "Borda additionne les places données par chaque membre{s}; Copeland compte les "
            "duels gagnés (un producteur bat un autre s'il est devant lui pour une majorité "
            "de membres){s}; la dernière colonne classe avec les poids agrégés du groupe."
        ),
        "compromise_caption": "Rangs de compromis des {count} premiers selon Borda",
        "col_borda": "Borda",
        "col_copeland": "Copeland",
        "col_group": "Poids du groupe",
        # Footer
        "footer": (
            "Produit par selection {version}. Ce fichier se lit sans connexion à Internet, "
            "s'imprime sur A4 et peut être envoyé par courriel."
        ),
        # Reasons of ineligibility
        "reason_fails": "ne respecte pas{s}: {condition} (valeur{s}: {value})",
        "reason_blank_gate": "case vide «{s}{column}{s}»{s}: impossible de vérifier {condition}",
        "reason_blank": "case vide «{s}{column}{s}» (producteur écarté)",
        "gate_among": "{target} parmi{s}: {values}",
        "gate_not_among": "{target} hors de{s}: {values}",
        "gate_and": " et ",
        "column": "colonne «{s}{name}{s}»",
    },
    "en": {
        "title": "Producer selection report",
        "meta_grid": "Grid",
        "meta_date": "Date",
        "meta_hash": "Grid fingerprint (SHA-256 of its content)",
        "meta_method": "Scoring method",
        "meta_grid_file": "Grid file",
        "meta_producers_file": "Producer table",
        "meta_version": "Version of the selection software",
        "meta_members": "Committee members",
        "method_line": "{method}, {normalization} normalization",
        "colon": ": ",
        "sep": "; ",
        "summary": "In short",
        "summary_counts": (
            "{eligible} eligible producers out of {total}; {ineligible} not eligible (their "
            "reason is given at the end of the ranking)."
        ),
        "summary_top": "The top {k}: {names}.",
        "summary_robust": (
            "Of these {k}: {solid} with a solid place, {borderline} borderline, {fragile} with "
            "a fragile place (see the Robustness column)."
        ),
        "summary_no_eligible": "No producer is eligible: there is no ranking.",
        "how_to_read": "How to read this report",
        "how_score": (
            "Each eligible producer gets a score: the higher, the better the producer meets "
            "the grid. The bar shows where the score comes from: the part brought by each "
            "battery of criteria."
        ),
        "how_robust": (
            "Robustness tells whether a producer's place holds when the weights change a "
            "little: the ranking is replayed with {samples} plausible weightings drawn around "
            "the grid's weights."
        ),
        "how_ineligible": (
            "An ineligible producer does not meet a condition of the grid; it has no score, "
            "and the reason is written."
        ),
        "grid_section": "The grid and its weights",
        "grid_caption": "Batteries and criteria of the grid, with their share of the total weight",
        "col_battery": "Battery",
        "col_criterion": "Criterion",
        "col_share": "Share of the total weight",
        "col_direction": "Direction",
        "direction_max": "more is better",
        "direction_min": "less is better",
        "battery_total": "whole battery",
        "gates_heading": "Eligibility conditions, checked before any score is computed",
        "gates_none": "The grid sets no eligibility condition.",
        "ranking": "Ranking",
        "ranking_caption": (
            "Ranking of the {total} producers: the {eligible} eligible ones from best to worst "
            "score, then the ineligible ones with their reason"
        ),
        "col_rank": "Rank",
        "col_producer": "Producer",
        "col_score": "Score",
        "col_contributions": "Contributions of the batteries to the score",
        "col_robustness": "Robustness of its place (in the top {k} or not)",
        "score_sum": "Score = sum of the batteries' contributions (the bar).",
        "score_baseline": (
            "Score = {baseline} + sum of the batteries' contributions (the bar); a negative "
            "contribution is drawn left of the vertical line."
        ),
        "no_contributions": (
            "The {method} method does not split into contributions by battery: no bars in "
            "this report."
        ),
        "legend": "Bar legend",
        "not_eligible": "Not eligible",
        "not_eligible_reason": "Not eligible: {reason}",
        "no_rank": "—",
        "bar_label": "{producer}: score {score}; {parts}",
        "badge_solid": "solid",
        "badge_borderline": "borderline",
        "badge_fragile": "fragile",
        "badge_meaning": (
            "Robustness: the share of plausible weightings that leave the producer on the "
            "same side of the top {k} line (inside if it is in, outside otherwise). Solid: at "
            "least 90%; borderline: 60 to 90%; fragile: under 60%."
        ),
        "rob_head": "rank {rank} in {same} of plausible weightings (top {k} in {in_top})",
        "rob_none_keeps": "no single {of_level} weight keeps it in the top {k}",
        "rob_none_brings": "no single {of_level} weight brings it into the top {k}",
        "rob_whatever": "stays in the top {k} whatever the weight of {of_one_level}",
        "rob_stays": (
            "stays in the top {k} while the weight of “{label}” is between {low} and {high} "
            "(now {now})"
        ),
        "rob_enter": (
            "would enter the top {k} with the weight of “{label}” between {low} and {high} "
            "(now {now})"
        ),
        "of_level_battery": "battery",
        "of_level_criterion": "criterion",
        "of_one_level_battery": "any single battery",
        "of_one_level_criterion": "any single criterion",
        "rob_unavailable": "Robustness not computed: {why}",
        "why_few_producers": "at least two eligible producers are needed.",
        "why_single_weight": "the grid has a single weight, there is nothing to vary.",
        "why_all_selected": (
            "all {n} eligible producers are in the top {k}: no weight changes the selection."
        ),
        "why_method": (
            "exact intervals exist for the weighted sum and TOPSIS only (the grid's method: "
            "{method})."
        ),
        "stability": "Stability of the battery weights",
        "stability_intro": (
            "Each battery weight moves alone, the others keeping their proportions. As long "
            "as it stays within the interval drawn, the top {k} stay the same producers (not "
            "necessarily in the same order). The diamond ◆ marks the current weight. A narrow "
            "interval means that a small change of that weight changes the selection."
        ),
        "stability_caption": (
            "Interval of each battery weight over which the top {k} stay the same"
        ),
        "col_interval": "Interval (0 to 100% of the total weight)",
        "col_now": "Now",
        "col_from_to": "The top {k} hold from … to …",
        "col_at_ends": "What changes at the ends",
        "from_to": "from {low} to {high}",
        "end_low": "below {low}: {inside} leaves, {outside} comes in",
        "end_high": "above {high}: {inside} leaves, {outside} comes in",
        "end_low_none": "nothing changes below, down to 0%",
        "end_high_none": "nothing changes above, up to 100%",
        "interval_label": "{label}: now {now}; interval from {low} to {high}",
        "stability_unavailable": "Stability intervals not computed: {why}",
        "committee": "The committee: members' weights and consensus",
        "committee_intro": (
            "{count} members gave their weights. Each ranks the producers with their own "
            "weights; what follows compares these rankings, without judging anyone."
        ),
        "weights_caption": "Battery weights according to each member (share of the total)",
        "col_member": "Member",
        "group_row": "Group (aggregated weights)",
        "spread_row": "Spread between members",
        "agreement_heading": "Do the members agree?",
        "kendall": (
            "Agreement between the members' rankings: Kendall's W = {w}, {words} (1 means "
            "identical rankings, 0 no agreement)."
        ),
        "agreement_very_weak": "very weak agreement",
        "agreement_weak": "weak agreement",
        "agreement_moderate": "moderate agreement",
        "agreement_strong": "strong agreement",
        "agreement_very_strong": "very strong agreement",
        "spearman": (
            "Mean weighted Spearman correlation between two members: {r} (the first places "
            "count more; 1 = same rankings)."
        ),
        "disagreements_heading": "Where the members disagree most",
        "disagreement_item": "{label}: a spread of {spread} between members",
        "points": "{value} points",
        "contested_heading": "Producers whose place depends most on who sets the weights",
        "contested_caption": "The producers whose rank varies most from one member to another",
        "col_rank_spread": "Rank spread",
        "col_member_ranks": "Ranks according to the members",
        "rank_range": "from {low} to {high}",
        "contested_none": "Every member gives each producer the same rank.",
        "outliers_heading": "Members whose weights stand apart from the group",
        "outliers_none": "No member stands clearly apart from the group.",
        "compromise_heading": "Compromise ranking",
        "compromise_intro": (
            "Borda adds up the places given by each member; Copeland counts the duels won (a "
            "producer beats another if it is ahead for a majority of members); the last "
            "column ranks with the group's aggregated weights."
        ),
        "compromise_caption": "Compromise ranks of the first {count} by Borda",
        "col_borda": "Borda",
        "col_copeland": "Copeland",
        "col_group": "Group weights",
        "footer": (
            "Made by selection {version}. This file reads without an Internet connection, "
            "prints on A4 and can be sent by email."
        ),
        "reason_fails": "fails {condition} (has {value})",
        "reason_blank_gate": "blank “{column}”: cannot check {condition}",
        "reason_blank": "blank “{column}” (producer left out)",
        "gate_among": "{target} among: {values}",
        "gate_not_among": "{target} not among: {values}",
        "gate_and": " and ",
        "column": "column “{name}”",
    },
}

LANGUAGES = tuple(STRINGS)

_MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

_METHODS = {
    "fr": {"wsm": "somme pondérée", "wpm": "produit pondéré"},
    "en": {"wsm": "weighted sum", "wpm": "weighted product"},
}

_NORMALIZATIONS = {
    "fr": {
        "none": "aucune",
        "scale": "sur l'échelle déclarée de chaque critère",
        "minmax": "min-max",
        "max": "par le maximum",
        "sum": "par la somme",
        "vector": "vectorielle",
        "linear": "linéaire",
        "logarithmic": "logarithmique",
        "nonlinear": "non linéaire",
        "enhanced_accuracy": "à précision améliorée",
        "zavadskas_turskis": "de Zavadskas-Turskis",
        "built-in": "propre à la méthode",
    },
    "en": {"built-in": "the method's own", "scale": "declared-scale"},
}


class Text:
    """The report's strings and number formats in one language.

    Parameters
    ----------
    lang : {"fr", "en"}

    Raises
    ------
    SelectionError
        For any other language.
    """

    def __init__(self, lang: object) -> None:
        if not isinstance(lang, str) or lang not in STRINGS:
            raise SelectionError(
                f"unknown report language {lang!r}",
                where="lang",
                expected="one of: " + ", ".join(LANGUAGES),
                found=repr(lang),
                hint=did_you_mean(str(lang).lower(), LANGUAGES),
            )
        self.lang = lang
        self.strings = STRINGS[lang]

    @property
    def french(self) -> bool:
        """Whether numbers take a decimal comma and a space before ``%``."""
        return self.lang == "fr"

    def __call__(self, key: str, **values: object) -> str:
        """The string `key` with its placeholders filled (``{s}``: French's narrow space)."""
        space = NNBSP if self.french else ""
        return self.strings[key].format(s=space, **values)

    def number(self, value: float, digits: int = 3) -> str:
        """A decimal number, e.g. ``0,843`` (fr) or ``0.843`` (en)."""
        if value is None or not math.isfinite(float(value)):
            return "—"
        text = f"{float(value):.{digits}f}"
        if text.startswith("-") and float(text) == 0:
            text = text[1:]
        return text.replace(".", ",").replace("-", "−") if self.french else text

    def integer(self, value: float) -> str:
        """A whole number as written in this language (ranks may be averages: ``2,5``)."""
        number = float(value)
        if not math.isfinite(number):
            return "—"
        if number == int(number):
            return str(int(number))
        return self.number(number, 1)

    def count(self, value: int) -> str:
        """A whole number with thousands grouped: ``5 000`` (fr), ``5,000`` (en)."""
        text = f"{int(value):,}"
        return text.replace(",", NNBSP) if self.french else text

    def ordinal(self, value: float) -> str:
        """A rank as an ordinal: ``1er``, ``3e`` (fr); ``1``, ``3`` (en, used after "from")."""
        text = self.integer(value)
        if not self.french or text == "—":
            return text
        return text + ("er" if text == "1" else "e")

    def percent(self, share: float, digits: int = 0) -> str:
        """A share of 1 as a percentage: ``35 %`` (fr, narrow no-break space) or ``35%``."""
        if share is None or not math.isfinite(float(share)):
            return "—"
        return self.number(100 * float(share), digits) + (f"{NNBSP}%" if self.french else "%")

    def value(self, text: str) -> str:
        """A value from a reason (``264.7`` or a word), with the decimal comma in French."""
        try:
            float(text)
        except ValueError:
            return text
        return text.replace(".", ",") if self.french else text

    def date(self, when: dt.datetime | dt.date) -> str:
        """``12 mars 2025`` or ``12 March 2025``, with the time when `when` has one."""
        day = f"{when.day} {_MONTHS[self.lang][when.month - 1]} {when.year}"
        if isinstance(when, dt.datetime):
            clock = f"{when.hour} h {when.minute:02d}" if self.french else f"{when:%H:%M}"
            day += f", {clock}"
        return day

    def method(self, key: str) -> str:
        """A method's name for people: ``somme pondérée``, ``TOPSIS``."""
        return _METHODS[self.lang].get(key, key.replace("_", " ").upper())

    def normalization(self, key: str) -> str:
        """A normalization's name for people."""
        return _NORMALIZATIONS[self.lang].get(key, key.replace("_", " "))

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
