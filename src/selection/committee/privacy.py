"""Privacy: a committee may choose to show only aggregates, never a member beside their views.

In Montpellier half of the committee lives in food insecurity; some members do
not want their individual weights or grades shown. A committee says so once:

- ``anonymous: true`` at the top of a weights file (``selection/weights@1``)
  or a judgements file (``selection/judgments@1``);
- or ``anonymous=True`` to :func:`selection.report.build_report` and
  :func:`selection.meeting.build_meeting` (``--anonymous`` on the command line).

One file asking is enough: a committee's choice cannot be undone by another
file that does not ask, nor by leaving the option out. Anonymous pages show
the distribution of the members' weights (lowest, quartiles, highest), the
group's weights and, where a member stands out, "membre 7" instead of a name;
no member's name appears anywhere in the HTML.

The hook for other kinds of files
---------------------------------
Any object with an ``anonymous`` attribute that is ``True`` asks for anonymity:
a :class:`~selection.committee.Member` read from such a file, a judgements
record set. :func:`wants_anonymity` takes any number of them (or lists of
them) and the option; :func:`anonymised` renames members in order;
:func:`pseudonyms` gives the names to use for any list of member names (the
members of a judgements file, say), the same way.

Examples
--------
>>> from selection.committee import Member
>>> amina = Member("Amina", {"quality": 1, "locality": 1, "accessibility": 2}, anonymous=True)
>>> marc = Member("Marc", {"quality": 1, "locality": 2, "accessibility": 1})
>>> wants_anonymity([amina, marc]), wants_anonymity([marc])
(True, False)
>>> wants_anonymity([marc], anonymous=True)
True
>>> [m.name for m in anonymised([amina, marc], lang="fr")]
['membre 1', 'membre 2']
>>> pseudonyms(["Amina", "Marc"], lang="en")
{'Amina': 'member 1', 'Marc': 'member 2'}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from ..messages import LANGUAGES, msg, render
from .member import Member

__all__ = ["ANONYMOUS_KEY", "anonymised", "pseudonym", "pseudonyms", "wants_anonymity"]

#: The top-level key of weights and judgements files that asks for anonymity.
ANONYMOUS_KEY = "anonymous"


def _asks(item: object) -> bool:
    return getattr(item, ANONYMOUS_KEY, False) is True


def wants_anonymity(*items: object, anonymous: bool = False) -> bool:
    """Whether the option or anything given (or anything in a list given) asks for anonymity.

    Parameters
    ----------
    *items
        Objects with an ``anonymous`` attribute (members, judgement records),
        or iterables of them; anything else is ignored.
    anonymous : bool
        The option of the call (``--anonymous``).
    """
    if anonymous:
        return True
    for item in items:
        if _asks(item):
            return True
        if (
            isinstance(item, Iterable)
            and not isinstance(item, str | bytes)
            and any(_asks(inner) for inner in item)
        ):
            return True
    return False


def pseudonym(number: int, lang: str | None = None) -> str:
    """The name shown for the `number`-th member (from 1) of an anonymous committee.

    Examples
    --------
    >>> pseudonym(7, "fr"), pseudonym(7, "en")
    ('membre 7', 'member 7')
    """
    return render(msg("committee.privacy.pseudonym", "member {number}", number=number), lang)


def pseudonyms(names: Sequence[str], lang: str | None = None) -> dict[str, str]:
    """Each name → its pseudonym, numbered in the order given (from 1)."""
    return {str(name): pseudonym(i + 1, lang) for i, name in enumerate(names)}


def anonymised(members: Sequence[Member], lang: str | None = None) -> list[Member]:
    """The members renamed ``membre 1``, ``membre 2`` … in order, marked anonymous.

    Their weights and how they stated them are kept; where they were read from
    (a file name may be a person's name) is dropped. Members already renamed so,
    in any language, keep their names: renaming twice changes nothing.

    Examples
    --------
    >>> amina = Member("Amina", {"quality": 1, "locality": 1, "accessibility": 2})
    >>> once = anonymised([amina], lang="en")
    >>> [m.name for m in once], [m.name for m in anonymised(once, lang="fr")]
    (['member 1'], ['member 1'])
    """
    if all(m.anonymous for m in members) and any(
        [m.name for m in members] == [pseudonym(i + 1, language) for i in range(len(members))]
        for language in LANGUAGES
    ):
        return list(members)
    return [
        dataclasses.replace(m, name=pseudonym(i + 1, lang), source=None, anonymous=True)
        for i, m in enumerate(members)
    ]
