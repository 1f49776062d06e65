"""Generate the example producer table ``src/selection/data/lyon-producers.csv``.

The data is **synthetic and illustrative**: producers, names and figures are invented; only the
communes and their approximate coordinates are real. It never describes real farms. The file
looks like a committee's spreadsheet export (``;`` separator, decimal comma, UTF-8, accents,
2 label spelling variants " ab" and "hve", 3 blank ``payment_days`` cells) so that the library,
its docs and its tests get realistic input.

Distributions, after ``shared/DOMAIN.md``:

- 60 producers, within the pool sizes seen (12 for GESRA, 17 for VRAC Toulouse, 67 for
  Uniterres). Vegetables (35 %) and fruit (20 %) dominate, then eggs, cheese, flour, pulses,
  oil, meat and bread; volumes per week are in kg for every category (eggs too).
- Real communes of Rhône, Ain, Isère, Loire, Saône-et-Loire, Drôme, Ardèche, Haute-Loire and
  Savoie, each with the products plausible there (green lentils in Haute-Loire, olive oil in
  Nyons). Nearer communes are drawn more often (ADEME: "proximity" is under 150 km); pulses and
  oil, missing locally, come from where they grow. A few producers are placed 120–200 km away
  and 3 (olive oil, Provence fruit) beyond 250 km, so a distance gate excludes some.
  Coordinates are jittered by at most 3 km.
- Labels AB 45 %, Nature & Progrès 8 %, conversion 10 %, HVE 15 %, none 22 % (a guess: above the
  16.6 % of certified farms in Auvergne-Rhône-Alpes, as such stores favour organic farms); the
  agroecology score (0–4, FAO TAPE style) rises with the label.
- Intermediaries mostly 0–1 ("circuit court"), 2 for some meat, bread and flour (public
  procurement allows 2 there), 3 rarely. Price index: 100 = reference market price (RNM);
  organic labels and intermediaries cost more; a few outliers near 150.
- About 40 % accept a solidarity or season-fixed price (ANDES Uniterres), more often when close
  and selling direct; delivery to the VRAC warehouse (Vaulx-en-Velin) is likely when close.

Regenerate (deterministic: two runs give byte-identical files)::

    python scripts/make_example_producers.py [--output PATH] [--seed N] [--count N]
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261125
HUB = (45.78, 4.92)  # VRAC warehouse, Vaulx-en-Velin
LYON = (45.764, 4.836)
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src/selection/data/lyon-producers.csv"

# Commune; département; lat; lon; products (L légumes, F fruits, O œufs, C fromage, B farine,
# P légumineuses, H huile, V viande, N pain). The last three, beyond 250 km, only receive the
# producers placed there on purpose (Vaucluse and Gard are mostly within 250 km of Lyon).
COMMUNES = """\
Vaulx-en-Velin;69;45.7786;4.9220;LO
Meyzieu;69;45.7667;5.0036;LFOB
Saint-Genis-Laval;69;45.6958;4.7931;LF
Millery;69;45.6322;4.7842;LFN
Vaugneray;69;45.7378;4.6564;LFOC
Mornant;69;45.6186;4.6717;LFOVN
Quincieux;69;45.9061;4.7767;LB
Villefranche-sur-Saône;69;45.9897;4.7186;LFON
L'Arbresle;69;45.8358;4.6164;LFON
Beaujeu;69;46.1544;4.5864;FCV
Tarare;69;45.8961;4.4333;OCV
Saint-Symphorien-sur-Coise;69;45.6319;4.4567;CVO
Montluel;01;45.8517;5.0561;LOB
Pérouges;01;45.9042;5.1789;LBN
Villars-les-Dombes;01;45.9975;5.0300;BPHV
Châtillon-sur-Chalaronne;01;46.1178;4.9572;OVB
Bourg-en-Bresse;01;46.2052;5.2255;OV
Crémieu;38;45.7247;5.2511;LFC
Heyrieux;38;45.6317;5.0631;LBOV
Vienne;38;45.5253;4.8747;LF
La Tour-du-Pin;38;45.5656;5.4450;CV
Saint-Marcellin;38;45.1517;5.3200;CH
Pélussin;42;45.4197;4.6831;FC
Feurs;42;45.7425;4.2267;BHVP
Montbrison;42;45.6075;4.0653;CBP
Mâcon;71;46.3069;4.8319;LF
Cluny;71;46.4339;4.6594;CBN
Charolles;71;46.4347;4.2758;V
Valence;26;44.9333;4.8917;LF
Crest;26;44.7283;5.0222;FBP
Dieulefit;26;44.5253;5.0619;CF
Nyons;26;44.3608;5.1403;HF
Annonay;07;45.2403;4.6708;FC
Aubenas;07;44.6206;4.3903;FC
Joyeuse;07;44.4800;4.2350;HF
Le Puy-en-Velay;43;45.0431;3.8856;P
Brioude;43;45.2942;3.3842;PV
Yssingeaux;43;45.1431;4.1236;PC
Yenne;73;45.7036;5.7578;CF
Aubagne;13;43.2925;5.5706;H
Brignoles;83;43.4058;6.0614;F
Clermont-l'Hérault;34;43.6272;3.4319;H
"""
# category: (product letter, count out of 60, weekly volume range in kg, distance decay in km)
CATEGORIES = {
    "légumes": ("L", 21, (100, 1500), 70),
    "fruits": ("F", 12, (80, 1000), 110),
    "œufs": ("O", 6, (30, 250), 70),
    "fromage": ("C", 5, (15, 150), 150),
    "farine": ("B", 4, (20, 300), 100),
    "légumineuses": ("P", 3, (20, 300), 1000),
    "huile": ("H", 4, (20, 300), 1000),
    "viande": ("V", 3, (20, 200), 120),
    "pain": ("N", 2, (30, 250), 60),
}
LABELS = {"AB": 45, "Nature & Progrès": 8, "conversion": 10, "HVE": 15, "none": 22}
LABEL_LEVEL = {"none": 1.0, "HVE": 1.5, "conversion": 2.3, "AB": 2.8, "Nature & Progrès": 3.4}
LABEL_PREMIUM = {"none": 0.0, "HVE": 3.0, "conversion": 6.0, "AB": 12.0, "Nature & Progrès": 14.0}
# fmt: off
SURNAMES = ["Bérard", "Chazelle", "Dumontet", "Fayolle", "Gérin", "Lacroix", "Ménard", "Perrier",
            "Rivière", "Séguin", "Thévenet", "Vallès", "Crozet", "Déléage", "Estève", "Faurie",
            "Grangé", "Jacquemet", "Laurençon", "Mollard", "Noël", "Pélisson", "Reynaud", "Thomé",
            "Vérot", "Brunel"]
PLACES = ["la Combe", "Bois-Joli", "l'Étang", "la Chênaie", "Champ-Fleuri", "Montchâtre",
          "la Sérène", "Côte-Chaude", "Pré-Vert", "la Dîme", "l'Orée", "la Grange Neuve",
          "Bel-Air", "Fontfroide", "l'Épinière", "Font-Clair"]
GROUPS = ["Trois Chênes", "Grillons", "Coquelicots", "Hirondelles", "Sources", "Genêts", "Noyers",
          "Écureuils"]
SPECIAL = {"légumes": "Les Jardins de", "fruits": "Le Verger de", "pain": "Le Fournil de",
           "farine": "Le Moulin de", "fromage": "La Chèvrerie de"}  # otherwise "Domaine de"
# fmt: on


def haversine_km(lat: np.ndarray, lon: np.ndarray, ref: tuple[float, float]) -> np.ndarray:
    """Great-circle distance in km from each point to ``ref``.

    Parameters
    ----------
    lat, lon : numpy.ndarray
        Coordinates in decimal degrees.
    ref : tuple of float
        Reference (latitude, longitude) in decimal degrees.

    Returns
    -------
    numpy.ndarray
        Distances in km (Earth radius 6371 km).
    """
    p1, p2, dl = np.radians(lat), np.radians(ref[0]), np.radians(lon - ref[1])
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(a))


def allocate(labels: list[str], shares: list[int], n: int) -> np.ndarray:
    """Repeat ``labels`` ``n`` times in all, in proportion to ``shares`` (largest remainder).

    Parameters
    ----------
    labels : list of str
        Values to repeat.
    shares : list of int
        Relative weights, one per label.
    n : int
        Length of the result.

    Returns
    -------
    numpy.ndarray
        The repeated labels, in the order given (shuffle them afterwards).
    """
    exact = np.asarray(shares, dtype=float) / sum(shares) * n
    counts = np.floor(exact).astype(int)
    counts[np.argsort(counts - exact, kind="stable")[: n - counts.sum()]] += 1
    return np.repeat(labels, counts)


def farm_name(rng: np.random.Generator, category: str, taken: set[str]) -> str:
    """Draw a plausible French farm name not in ``taken``, and add it there.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    category : str
        Product category, for names such as "Le Fournil de …" (bread).
    taken : set of str
        Names already used.

    Returns
    -------
    str
        A new farm name.
    """
    for _ in range(10_000):
        s1, s2 = rng.choice(SURNAMES, size=2, replace=False)
        place, group = rng.choice(PLACES), rng.choice(GROUPS)
        special = SPECIAL.get(category, "Domaine de")
        options = [f"GAEC {s1}-{s2}", f"GAEC des {group}", f"EARL {s1}", f"Ferme {s1}",
                   f"La Ferme de {place}", f"{special} {place}"]  # fmt: skip
        name = str(rng.choice(options))
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("ran out of farm names: add surnames or places")


def make_producers(seed: int = SEED, count: int = 60) -> pd.DataFrame:
    """Build the synthetic producer table, cells formatted as in a French export.

    Parameters
    ----------
    seed : int
        Seed for ``numpy.random.default_rng``.
    count : int
        Number of producers.

    Returns
    -------
    pandas.DataFrame
        One row per producer; decimal columns are strings with a decimal comma.
    """
    rng = np.random.default_rng(seed)
    columns = ["commune", "department", "lat", "lon", "tags"]
    towns = pd.read_csv(io.StringIO(COMMUNES), sep=";", names=columns, dtype=str)
    towns[["lat", "lon"]] = towns[["lat", "lon"]].astype(float)
    towns["km"] = haversine_km(towns["lat"].to_numpy(), towns["lon"].to_numpy(), LYON)
    cats = rng.permutation(allocate(list(CATEGORIES), [v[1] for v in CATEGORIES.values()], count))
    # Each producer goes to a commune growing its product, nearer ones more often; then a few
    # are moved on purpose to 120-200 km and beyond 250 km, so that distance gates have work.
    where = np.empty(count, dtype=int)
    for i, cat in enumerate(cats):
        letter, _, _, decay = CATEGORIES[cat]
        ok = towns["tags"].str.contains(letter) & (towns["km"] <= 250)
        weight = np.exp(-towns.loc[ok, "km"].to_numpy() / decay)
        where[i] = rng.choice(towns.index[ok].to_numpy(), p=weight / weight.sum())
    moved = np.zeros(count, dtype=bool)
    zones = ((towns["km"] > 250, round(count / 20)), (towns["km"].between(120, 200), count // 15))
    for zone, k in zones:
        for town in np.resize(rng.permutation(towns.index[zone].to_numpy()), k):
            grown = [c for c, v in CATEGORIES.items() if v[0] in towns.loc[town, "tags"]]
            rows = np.flatnonzero(~moved & np.isin(cats, grown))
            if rows.size:
                i = rng.choice(rows)
                where[i], moved[i] = town, True
    place = towns.loc[where].reset_index(drop=True)
    radius = 3.0 * np.sqrt(rng.uniform(size=count))  # uniform in a 3 km disc
    angle = rng.uniform(0.0, 2 * np.pi, size=count)
    lat = place["lat"].to_numpy() + radius * np.cos(angle) / 111.2
    lon = place["lon"].to_numpy() + radius * np.sin(angle) / (111.2 * np.cos(np.radians(lat)))
    hub_km = haversine_km(lat, lon, HUB)

    labels = rng.permutation(allocate(list(LABELS), list(LABELS.values()), count))
    level = np.array([LABEL_LEVEL[x] for x in labels])
    agroecology = np.clip(np.rint(level + rng.normal(0.0, 0.7, count)), 0, 4).astype(int)
    inter = np.where(np.isin(cats, ["viande", "pain", "farine"]),
                     rng.choice([0, 1, 2], count, p=[0.3, 0.4, 0.3]),
                     rng.choice([0, 1, 2, 3], count, p=[0.55, 0.37, 0.05, 0.03]))  # fmt: skip
    inter = np.where(hub_km > 250, np.maximum(inter, 1), inter)
    premium = np.array([LABEL_PREMIUM[x] for x in labels])
    price = 97.0 + premium + 4.0 * inter + rng.normal(0.0, 8.0, count)
    outliers = rng.choice(count, size=count // 20, replace=False)
    price[outliers] = rng.uniform(138.0, 150.0, outliers.size)
    price = np.clip(price, 75.0, 150.0)
    odds = np.exp(-hub_km / 120.0) / (1.0 + inter)  # close, direct sellers accept more often
    solidarity = np.isin(np.arange(count), rng.choice(count, round(0.4 * count), replace=False,
                                                      p=odds / odds.sum()))  # fmt: skip
    delivers = rng.uniform(size=count) < 1.0 / (1.0 + np.exp((hub_km - 60.0) / 18.0))
    min_order = np.where(hub_km > 100, rng.choice([150, 200, 300, 500], count),
                         rng.choice([0, 50, 80, 100, 150, 200, 300], count,
                                    p=[0.2, 0.2, 0.12, 0.2, 0.12, 0.1, 0.06]))  # fmt: skip
    payment = rng.choice([0, 15, 30, 45, 60], count, p=[0.15, 0.2, 0.4, 0.15, 0.1]).astype(str)
    payment[rng.choice(count, size=min(3, count), replace=False)] = ""
    low, high = np.array([CATEGORIES[c][2] for c in cats], dtype=float).T
    volume = np.exp(rng.uniform(np.log(low), np.log(high)))  # log-uniform within the range
    volume = np.where(volume >= 100, np.rint(volume / 10) * 10, np.rint(volume / 5) * 5)
    for label, variant in (("AB", " ab"), ("HVE", "hve")):  # harmless spelling variants
        if (hits := np.flatnonzero(labels == label)).size:
            labels[rng.choice(hits)] = variant

    taken: set[str] = set()
    comma = np.vectorize(lambda x, d: f"{x:.{d}f}".replace(".", ","), otypes=[str])
    return pd.DataFrame({
        "producer_id": [f"P{i + 1:03d}" for i in range(count)],
        "name": [farm_name(rng, c, taken) for c in cats],
        "commune": place["commune"], "department": place["department"],
        "latitude": comma(lat, 4), "longitude": comma(lon, 4),
        "category": cats, "organic_label": labels, "agroecology": agroecology,
        "intermediaries": inter, "price_index": comma(price, 1),
        "solidarity_price": np.where(solidarity, "oui", "non"), "min_order_eur": min_order,
        "delivers_to_hub": np.where(delivers, "oui", "non"), "payment_days": payment,
        "weekly_volume_kg": volume.astype(int),
    })  # fmt: skip


def write_atomically(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as ``;``-separated UTF-8 CSV: temporary file, then ``os.replace``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The formatted table.
    path : pathlib.Path
        Destination; its folder is created if missing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = frame.to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a data file is world-readable
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summarize(path: Path) -> None:
    """Read the CSV back as a user would and print a short summary.

    Parameters
    ----------
    path : pathlib.Path
        The CSV file to check.
    """
    df = pd.read_csv(path, sep=";", decimal=",", dtype={"department": str})
    km = haversine_km(df["latitude"].to_numpy(), df["longitude"].to_numpy(), LYON)
    print(f"{path}: {len(df)} rows, {df.shape[1]} columns, {int(df.isna().sum().sum())} blanks")
    print("labels:", df["organic_label"].value_counts().to_dict())
    print("categories:", df["category"].value_counts().to_dict())
    print(f"distance from Lyon centre: {km.min():.1f}–{km.max():.1f} km; over 120 km:")
    for row, d in zip(df.itertuples(), km, strict=True):
        if d > 120:
            print(f"  {row.producer_id} {row.name} ({row.commune}, {row.department}): {d:.0f} km")


def main(argv: list[str] | None = None) -> None:
    """Generate the table, write it and print a summary.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="CSV to write")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed")
    parser.add_argument("--count", type=int, default=60, help="number of producers")
    args = parser.parse_args(argv)
    write_atomically(make_producers(args.seed, args.count), args.output)
    summarize(args.output)


if __name__ == "__main__":
    main()
