"""Units of quantities: mass and volume convert (g, kg, t; mL, cL, L), counts keep their name.

Examples
--------
>>> factor("g", "kg"), factor("kg", "g"), factor("L", "mL")
(0.001, 1000.0, 1000.0)
>>> factor("pièce", "piece"), factor("botte", "kg")
(1.0, None)
>>> canonical(" Kilo "), canonical("pièces"), canonical("Botte")
('kg', 'piece', 'botte')
"""

from __future__ import annotations

import unicodedata

__all__ = ["canonical", "dimension", "factor"]

#: Unit spellings → (dimension, size in the dimension's base unit: kg, L).
_MEASURED = {
    "kg": ("mass", 1.0),
    "kilo": ("mass", 1.0),
    "kilos": ("mass", 1.0),
    "kilogramme": ("mass", 1.0),
    "kilogrammes": ("mass", 1.0),
    "g": ("mass", 0.001),
    "gr": ("mass", 0.001),
    "gramme": ("mass", 0.001),
    "grammes": ("mass", 0.001),
    "t": ("mass", 1000.0),
    "tonne": ("mass", 1000.0),
    "tonnes": ("mass", 1000.0),
    "l": ("volume", 1.0),
    "litre": ("volume", 1.0),
    "litres": ("volume", 1.0),
    "cl": ("volume", 0.01),
    "ml": ("volume", 0.001),
}

#: Canonical names of the measured units (the base unit of each spelling's size).
_NAMES = {("mass", 1.0): "kg", ("mass", 0.001): "g", ("mass", 1000.0): "t"}
_NAMES |= {("volume", 1.0): "L", ("volume", 0.01): "cL", ("volume", 0.001): "mL"}

#: Spellings of "one item".
_PIECES = ("piece", "pieces", "pc", "pcs", "u", "unite", "unites", "unit", "units", "item")


def _plain(unit: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(unit).strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(".", "")


def canonical(unit: str) -> str:
    """The unit's usual spelling: ``kg``, ``g``, ``L``, ``piece``, or the word (``botte``)."""
    plain = _plain(unit)
    if plain in _MEASURED:
        return _NAMES[_MEASURED[plain]]
    if plain in _PIECES:
        return "piece"
    return plain


def dimension(unit: str) -> str:
    """``mass``, ``volume``, or the count's own name (``piece``, ``botte``)."""
    plain = _plain(unit)
    return _MEASURED[plain][0] if plain in _MEASURED else canonical(unit)


def factor(source: str, target: str) -> float | None:
    """How many `target` units one `source` unit is; None when they do not convert."""
    a, b = _plain(source), _plain(target)
    if a in _MEASURED and b in _MEASURED:
        (kind_a, size_a), (kind_b, size_b) = _MEASURED[a], _MEASURED[b]
        return size_a / size_b if kind_a == kind_b else None
    if a in _MEASURED or b in _MEASURED:
        return None
    return 1.0 if canonical(source) == canonical(target) else None
