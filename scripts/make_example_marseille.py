"""Generate the synthetic Marseille planning example in ``src/selection/data/``.

Files: ``marseille-producers.csv`` (25 producers, scored by ``criteria/marseille.yaml``),
``marseille-needs.csv`` (8 grocery stores, 30 products, the 52 ISO weeks of 2027),
``marseille-offers.csv`` (what each producer can grow and deliver, by season) and
``marseille-costs.csv`` (transport per unit on each producer → store route).

The data is **synthetic and illustrative**: stores, producers, names and figures are
invented; only the communes and their approximate coordinates are real. After
``shared/DOMAIN.md``:

- 8 solidarity grocery stores in Marseille neighbourhoods (the Marseille experiment had 5;
  Uniterres served 6 then 13), needs stated per week and product, only in the product's
  season (stores plan with the seasons); about 20 t over the year (14 t went through the
  platform in 2023, for 5 stores).
- 25 producers (a local platform works with 30–40 regularly), from the Bouches-du-Rhône,
  Vaucluse, Var and Alpes-de-Haute-Provence; three placed beyond the grid's 130 km gate
  (Drôme, Hautes-Alpes) and one with two intermediaries, so that the grid excludes four.
- 30 products with Provence seasonal calendars: gombo and piment in summer (July–October),
  patate douce from late summer into winter, leafy greens and leeks in winter, stone fruit
  in early summer, stored apples, potatoes and onions all year; eggs by the piece, lettuces
  and cabbages by the head, the rest by the kg.
- Prices per unit at producer level (a season-fixed price per product, as Uniterres does):
  roughly wholesale for conventional, more for organic labels. The stores' price ceilings
  are close to those prices (they sell at 10–30 % of shop prices, so ceilings bind): some
  offers lie above some stores' ceilings.
- Supply is ample for most products and short for a few (gombo, piment, figues), so the
  plan has shortfalls to explain. Some producers deliver only from a minimum quantity,
  some in cartons (packs); the producers who do not deliver the platform are picked up by
  the collection round, each stop costing 10–35 €.

Regenerate (deterministic: two runs give byte-identical files)::

    python scripts/make_example_marseille.py [--folder PATH] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20270104
HUB = (43.335, 5.378)  # the shared platform, north of Marseille (approximate)
YEAR = 2027
WEEKS = [f"{YEAR}-W{w:02d}" for w in range(1, 53)]
FOLDER = Path(__file__).resolve().parents[1] / "src/selection/data"

# Store; neighbourhood; size factor (how much it needs relative to the average).
STORES = [
    ("Panier", 1.0),
    ("Noailles", 1.3),
    ("Belle de Mai", 1.1),
    ("Saint-Mauront", 0.8),
    ("Félix Pyat", 1.2),
    ("Frais Vallon", 0.9),
    ("La Savine", 0.6),
    ("Air Bel", 0.7),
]

# product; unit; season (first week, last week; wraps over the new year when first > last);
# producer price per unit; average need per store per week (in the unit).
PRODUCTS = [
    ("gombo", "kg", 27, 42, 6.0, 2.5),
    ("piment", "kg", 28, 43, 7.0, 1.2),
    ("patate douce", "kg", 36, 6, 3.0, 3.5),
    ("tomate", "kg", 24, 41, 2.6, 7.0),
    ("courgette", "kg", 22, 40, 1.8, 5.0),
    ("aubergine", "kg", 26, 41, 2.4, 3.0),
    ("poivron", "kg", 27, 42, 3.0, 2.5),
    ("concombre", "kg", 22, 39, 1.8, 2.5),
    ("haricot vert", "kg", 24, 38, 5.0, 1.5),
    ("salade", "piece", 1, 52, 1.0, 8.0),
    ("blette", "kg", 38, 18, 2.2, 2.0),
    ("épinard", "kg", 42, 14, 4.0, 1.5),
    ("poireau", "kg", 40, 12, 2.4, 3.0),
    ("chou", "piece", 40, 12, 1.6, 3.0),
    ("carotte", "kg", 1, 52, 1.5, 6.0),
    ("pomme de terre", "kg", 1, 52, 1.2, 9.0),
    ("oignon", "kg", 1, 52, 1.5, 4.0),
    ("ail", "kg", 26, 52, 8.0, 0.4),
    ("courge", "kg", 38, 8, 1.8, 4.0),
    ("fenouil", "kg", 44, 16, 2.4, 1.5),
    ("navet", "kg", 42, 14, 2.0, 1.5),
    ("melon", "piece", 27, 37, 2.0, 5.0),
    ("pastèque", "kg", 28, 36, 1.2, 5.0),
    ("pêche", "kg", 25, 36, 3.0, 5.0),
    ("abricot", "kg", 24, 30, 3.5, 3.0),
    ("raisin", "kg", 34, 42, 3.0, 2.5),
    ("figue", "kg", 33, 40, 5.5, 1.2),
    ("pomme", "kg", 36, 20, 2.0, 8.0),
    ("œufs", "piece", 1, 52, 0.3, 45.0),
    ("pois chiches", "kg", 1, 52, 4.0, 1.2),
]

# Producer; commune; lat; lon; products grown (indices in PRODUCTS); share of the stores' total
# need it can grow (per product); label; intermediaries. Gombo, piment and patate douce: the
# grocer's regular producer (M01) plus a smaller one; figues: one grower, short.
# fmt: off
PRODUCERS = [
    ("Les Jardins du Vallon", "Aubagne", 43.2925, 5.5706, [0, 1, 2, 3, 6], 0.55, "AB", 0),
    ("GAEC des Restanques", "Roquevaire", 43.3500, 5.6036, [3, 4, 5, 7, 9], 0.45, "AB", 0),
    ("Ferme de la Durance", "Pertuis", 43.6942, 5.5019, [15, 16, 14, 18], 0.5, "HVE", 1),
    ("EARL Mistral", "Châteaurenard", 43.8825, 4.8553, [3, 4, 5, 6, 7, 8], 0.5, "none", 1),
    ("Le Potager des Alpilles", "Saint-Rémy-de-Provence", 43.7894, 4.8317,
     [9, 10, 11, 12, 13, 19, 20], 0.55, "Nature & Progrès", 0),
    ("Mas de la Crau", "Arles", 43.6768, 4.6303, [14, 15, 16, 18, 22], 0.5, "AB", 1),
    ("Vergers de Sénas", "Sénas", 43.7450, 5.0783, [23, 24, 27], 0.6, "HVE", 1),
    ("Domaine des Figuiers", "Salon-de-Provence", 43.6403, 5.0975, [26, 25], 0.75, "AB", 0),
    ("La Ferme aux Œufs", "Berre-l'Étang", 43.4764, 5.1683, [28], 0.6, "AB", 0),
    ("Les Poules de l'Étang", "Miramas", 43.5817, 5.0019, [28], 0.5, "none", 1),
    ("Légumineuses de Haute-Provence", "Forcalquier", 43.9597, 5.7803, [29, 17], 0.9,
     "AB", 1),
    ("Maraîchage Solidaire", "Marseille", 43.3700, 5.4200, [0, 1, 9, 3, 10], 0.25,
     "conversion", 0),
    ("Jardin de Cocagne", "Gémenos", 43.2956, 5.6286, [9, 10, 12, 13, 14, 11], 0.4,
     "AB", 0),
    ("EARL du Luberon", "Cavaillon", 43.8375, 5.0381, [21, 22, 3, 6, 5], 0.55, "HVE", 1),
    ("Le Clos d'Apt", "Apt", 43.8764, 5.3964, [27, 23, 25], 0.5, "AB", 1),
    ("Ferme de Sainte-Baume", "Saint-Maximin-la-Sainte-Baume", 43.4528, 5.8619,
     [15, 16, 17, 18, 2], 0.35, "AB", 0),
    ("Terres de Brignoles", "Brignoles", 43.4058, 6.0614, [4, 7, 8, 12, 19], 0.4,
     "conversion", 1),
    ("Hyères Primeurs", "Hyères", 43.1204, 6.1286, [9, 11, 19, 20, 21], 0.45, "HVE", 1),
    ("GAEC de Manosque", "Manosque", 43.8342, 5.7839, [14, 15, 18, 27], 0.4, "AB", 1),
    ("Les Vergers de Carpentras", "Carpentras", 44.0556, 5.0489, [23, 24, 25, 21], 0.45,
     "none", 1),
    ("Ferme d'Eyguières", "Eyguières", 43.6947, 5.0306, [3, 4, 13, 12, 16], 0.4,
     "Nature & Progrès", 0),
    ("Mas des Pins", "La Ciotat", 43.1748, 5.6047, [1, 6, 5, 9], 0.3, "AB", 0),
    # Beyond the grid's 130 km gate, or with too many intermediaries: the grid excludes them.
    ("Coopérative de la Drôme", "Valence", 44.9333, 4.8917, [14, 15, 16, 27], 0.8, "AB", 1),
    ("Ferme du Gapençais", "Gap", 44.5594, 6.0786, [27, 15], 0.6, "AB", 1),
    ("Négoce du Sud", "Aix-en-Provence", 43.5297, 5.4474, [0, 2, 3, 14, 15, 28], 0.7,
     "none", 2),
]
# fmt: on
LABEL_PREMIUM = {
    "none": 0.0,
    "HVE": 0.04,
    "conversion": 0.06,
    "AB": 0.12,
    "Nature & Progrès": 0.14,
}
LABEL_LEVEL = {"none": 1.0, "HVE": 1.6, "conversion": 2.2, "AB": 2.8, "Nature & Progrès": 3.4}


def haversine_km(lat: float, lon: float, ref: tuple[float, float]) -> float:
    """Great-circle distance in km (Earth radius 6371 km)."""
    p1, p2, dl = np.radians(lat), np.radians(ref[0]), np.radians(lon - ref[1])
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return float(2 * 6371.0 * np.arcsin(np.sqrt(a)))


def in_season(first: int, last: int) -> list[int]:
    """The week numbers of a season, wrapping over the new year when first > last."""
    if first <= last:
        return list(range(first, last + 1))
    return list(range(first, 53)) + list(range(1, last + 1))


def seasons(first: int, last: int) -> list[tuple[int, int]]:
    """A season as one or two (from, to) week ranges within the year."""
    return [(first, last)] if first <= last else [(first, 52), (1, last)]


def french(frame: pd.DataFrame) -> str:
    """A CSV as a French spreadsheet writes it: ``;`` and decimal commas."""
    buffer = io.StringIO()
    frame.to_csv(buffer, sep=";", index=False, decimal=",", lineterminator="\n")
    return buffer.getvalue()


def make(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    # Needs: each store needs most products, in season, around its size × the average.
    needs = []
    for store, size in STORES:
        for product, unit, first, last, price, mean in PRODUCTS:
            if rng.random() < 0.12:  # this store does not ask for this product
                continue
            ceiling = round(price * rng.uniform(0.95, 1.35), 2) if rng.random() < 0.8 else None
            for week in in_season(first, last):
                quantity = mean * size * rng.gamma(8.0, 1 / 8.0)
                step = 1.0 if unit == "piece" or mean >= 10 else 0.5
                quantity = max(step, round(quantity / step) * step)
                needs.append((store, product, WEEKS[week - 1], quantity, ceiling))
    needs_frame = pd.DataFrame(
        needs, columns=["store", "product", "period", "quantity", "max_price"]
    )
    needs_frame["_w"] = needs_frame["period"].str[-2:].astype(int)
    needs_frame = needs_frame.sort_values(["_w", "store"], kind="stable").drop(columns="_w")
    total = (
        needs_frame.groupby("product")["quantity"].sum()
        / needs_frame.groupby("product")["period"].nunique()
    )

    producers, offers, costs = [], [], []
    for number, (name, commune, lat, lon, grown, share, label, inter) in enumerate(
        PRODUCERS, start=1
    ):
        pid = f"M{number:02d}"
        lat_j, lon_j = lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.02, 0.02)
        distance = haversine_km(lat_j, lon_j, HUB)
        premium = LABEL_PREMIUM[label]
        price_factor = rng.uniform(0.88, 1.12) + premium
        producers.append(
            {
                "producer_id": pid,
                "name": name,
                "commune": commune,
                "latitude": round(lat_j, 4),
                "longitude": round(lon_j, 4),
                "organic_label": label,
                "agroecology": int(np.clip(round(LABEL_LEVEL[label] + rng.normal(0, 0.6)), 0, 4)),
                "intermediaries": inter,
                "price_index": round(100 * price_factor + rng.normal(0, 4), 1),
                "season_price": "oui" if rng.random() < 0.7 else "non",
                "grows_to_order": "oui" if rng.random() < 0.6 else "non",
                "delivers_to_platform": "oui" if distance < 60 or rng.random() < 0.5 else "non",
            }
        )
        # Producers who do not deliver the platform are picked up by the collection round:
        # each week they deliver anything, the stop costs (driver's time, fuel).
        delivers = producers[-1]["delivers_to_platform"] == "oui"
        visit = None if delivers else round(10 + 0.15 * distance + rng.uniform(0, 5), 0)
        minimum = rng.random() < 0.35
        for product_index in grown:
            product, unit, first, last, price, _mean = PRODUCTS[product_index]
            weekly = float(total.get(product, 0.0))
            capacity = weekly * share * rng.uniform(0.8, 1.25)
            if product in ("gombo", "piment", "figue"):
                capacity *= 0.75  # short: the plan will say so
            step = 1.0 if unit == "kg" or capacity < 30 else 5.0
            capacity = max(step, round(capacity / step) * step)
            pack = None
            if product == "pomme" and rng.random() < 0.6:
                pack = 5  # a crate of apples
            elif product in ("pêche", "abricot") and rng.random() < 0.6:
                pack = 2  # a tray of fruit
            elif product == "œufs":
                pack = 30
            elif product == "salade" and rng.random() < 0.5:
                pack = 12
            min_quantity = round(capacity * 0.25) if minimum and capacity >= 8 else None
            offer_price = round(price * price_factor, 2)
            for a, b in seasons(first, last):
                offers.append(
                    {
                        "producer": pid,
                        "product": product,
                        "unit": unit,
                        "from": WEEKS[a - 1],
                        "to": WEEKS[b - 1],
                        "capacity": capacity,
                        "price": offer_price,
                        "min_quantity": min_quantity,
                        "pack": pack,
                        "visit_cost": visit,
                    }
                )
        for store, _size in STORES:
            per_unit = 0.0004 * distance + rng.uniform(0.01, 0.04)
            costs.append({"producer": pid, "store": store, "cost": round(per_unit, 3)})
    return {
        "producers": pd.DataFrame(producers),
        "needs": needs_frame,
        "offers": pd.DataFrame(offers).astype({"min_quantity": "Int64", "pack": "Int64"}),
        "costs": pd.DataFrame(costs),
    }


def write(path: Path, text: str) -> None:
    """Write completely or not at all (temporary file, then rename)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    tables = make(np.random.default_rng(args.seed))
    for name, frame in tables.items():
        write(args.folder / f"marseille-{name}.csv", french(frame))
    needs = tables["needs"]
    print(
        f"{len(needs)} needs, {needs['quantity'].sum():,.0f} units "
        f"({needs.loc[needs['product'] != 'œufs', 'quantity'].sum() / 1000:.1f} t without eggs); "
        f"{len(tables['offers'])} offer rows; {datetime.date.today()}"
    )


if __name__ == "__main__":
    main()
