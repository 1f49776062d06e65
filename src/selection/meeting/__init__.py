"""A live page for committee meetings: move the weights, see who enters and leaves.

``selection meeting`` (or :func:`build_meeting`) writes one self-contained HTML
file for a meeting, on a projector or on phones: a slider per battery and,
folded, per criterion; every move recomputes in the page the scores, the ranks
and the grid's ``select:`` outcome (top, minimum score, quotas; or each
producer's tier), equal to :func:`selection.rank` and
:meth:`selection.Ranking.decisions` to 1e-9. Each member's weights are marked
on the sliders and load with a button, beside the group's
(:func:`selection.committee.aggregate`); each slider shows the range over which
the selection stays the same (with tiers: over which every producer keeps its
tier); "keep these weights" writes a ``selection/weights@1`` file that
:func:`selection.committee.load_members` reads back.

The contract other tools and tests rely on
------------------------------------------
- Each weight is an ``<input type="range">`` whose ``name`` is the battery or
  criterion key and whose value is in points (``min="0"``, ``max="100"``,
  ``step="any"``). At the grid's weights each level adds up to 100: a
  battery's value is its share of the total × 100, a criterion's value its
  share inside its battery × 100. Shares are points divided by the points of
  their level, as in a grid file, so ``selection.rank(problem, weights={key:
  value, ...})`` with the sliders' values gives the page's ranking. After
  setting a value from a script, dispatch an ``input`` (or ``change``) event.
- Each producer is a ``<tr>`` carrying ``data-producer`` (its id),
  ``data-rank`` (competition rank; empty when ineligible), ``data-score``
  (the score as JavaScript writes a number, shortest round-trip; empty when
  ineligible) and ``data-selected`` (``"true"`` / ``"false"``), and
  ``data-eligible``; all updated on every change, rows kept in rank order.
- With a rule in tiers (``select: {tiers: ...}``) each producer row also
  carries ``data-tier``: its tier's label, ``""`` for a producer in no tier
  (below every threshold of a rule without an open band); an ineligible row
  has the open band's label, or ``""``, as ``Decisions.table["tier"]``.
  ``data-selected`` is ``"true"`` for an approved producer (a band with a
  threshold) and the reason is the library's (``decision.tier_min``,
  ``decision.tier_rest_min``, ``decision.tier_none_min``, or their ``_max``
  forms), word for word. A producer's band is the number of thresholds its
  score does not reach (:func:`selection.scoring.tier_bands`). Each slider's
  range is then the range over which every producer keeps its tier, and the
  criterion detail gives, per slider, the range over which that producer
  keeps its tier and the tier it reaches beyond each end: exact for the
  weighted sum (each score is linear along a slider: score(t) = threshold is
  solved), found by a scan and bisection for TOPSIS.
- The buttons that load weights carry ``data-preset``: ``grid``, ``member:0``
  ... (also ``data-member``, the member's name), ``group:geometric``,
  ``group:mean``, ``group:median`` (also ``data-group``). A large committee
  (more than :data:`~selection.meeting.data.MARKED_MEMBERS` members) or an
  anonymous one has a member button only for each member who stands apart
  (in ``.apart``); every member loads from ``<select id="member-select">``,
  whose option values are the same ``member:0`` ...; its sliders show the
  members' distribution (``.strip``) and the group's mark instead of one mark
  per member.
- An anonymous committee (``anonymous=True``, or ``anonymous: true`` in a
  weights file) is never named: members are "membre 1" … in the markup and
  the embedded data alike.
- ``window.selectionMeeting`` is the page's test hook:
  ``evaluate(points)`` (points by key; keys left out keep the sliders'
  values) returns ``{scores, ranks, selected, contributions, reasons}`` by
  producer id (with tiers, also ``tiers``: id → label, ``""`` for none)
  without touching the page; ``evaluateMany([points, ...])`` the same for many
  weightings; ``set(points)`` moves the sliders; ``ranges(points)`` gives each
  slider's stability range in points; ``statusRanges(id, points)`` each
  slider's range over which that producer keeps its status (its tier, with
  tiers); ``tierRanges(id, points)`` (tiers only, else null) per slider
  ``{tier, low, high, below, above}``, ``below``/``above`` the tier just
  beyond each end (null at the slider's end); ``keptText()`` the weights file
  of the current sliders.
- ``#count`` says how many producers are selected (with tiers: how many are in
  each tier); ``#versus`` what differs from the grid's weights; the
  ``aria-live`` note ``#live`` who entered and left the selection (with tiers:
  who changed tier, ``name: before → after``) since the last announcement.
- "Keep these weights" (``#keep-button``) writes the file into the
  ``<textarea id="keep-text">`` and offers it for download (``#keep-download``).

May import: everything below it (the base modules, :mod:`selection.engines`,
:mod:`~selection.grid`, :mod:`~selection.table`, :mod:`~selection.scoring`,
:mod:`~selection.sensitivity`, :mod:`selection.ranking`, :mod:`selection.decisions`,
:mod:`selection.committee`); it is a sibling of :mod:`selection.report`.

Examples
--------
>>> import selection
>>> from selection.meeting import build_meeting
>>> page = build_meeting(selection.example_producers_path(), selection.example_grid_path(),
...                      lang="fr")
>>> '<html lang="fr">' in page and 'data-producer="P004"' in page
True
"""

from .page import build_meeting, write_meeting

__all__ = ["build_meeting", "write_meeting"]
