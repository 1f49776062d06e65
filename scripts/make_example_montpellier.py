"""Generate the Montpellier example: 40 places, 60 members' weights and their grades.

The data is **synthetic and illustrative**: places, names, figures, members and grades are
invented; only the communes and their approximate coordinates are real. It never describes a
real shop, market, farm or person. It goes with the grid ``criteria/montpellier.yaml`` (written
by hand, read here: the members' weights follow its batteries), modelled on the structure of
the criteria of Montpellier's common food fund (caisse alimentaire commune, ``shared/DOMAIN.md``):
a citizens' committee of about 60 members, half of them in food insecurity, approves places of
sale and producers in tiers (the share of a purchase the fund covers, 0 % to 90 %).

Three files: two French CSV as a committee's spreadsheet exports them (``;``, decimal comma,
UTF-8) and a weights file:

- ``src/selection/data/montpellier-places.csv``: 40 places in Hérault, 10 épiceries
  solidaires, 9 marchés paysans, 8 groupements d'achat and 13 producteurs en vente directe.
  Shops, markets and buying groups are in Montpellier and the towns around it; producers in
  the countryside (Saint-Mathieu-de-Tréviers, Ganges, Gignac, Pézenas…), one at Saint-Pons-de-
  Thomières, about 90 km away, beyond the grid's 60 km gate. Coordinates are jittered (3 km in
  Montpellier, 1.5 km in a town, 4 km for a farm). Columns: organic label (AB most often among
  buying groups and producers, none or HVE more often in épiceries), share of local products
  (%), price index (100 = the reference basket in a supermarket; épiceries solidaires sell
  below it, markets above), opening hours per week (two blanks), tram or bus service, and
  whether the place takes the fund's currency (4 do not).
- ``criteria/members-montpellier/comite.yaml``: 60 members' weights
  (:func:`selection.committee.synthetic_members`, two of them standing apart), marked
  ``anonymous: true``: the committee includes people in food insecurity, whose views the
  report and the meeting page show only as aggregates.
- ``src/selection/data/montpellier-judgments.csv``: the grades (``membre;lieu;critère;
  mention``) members gave the places they visited on the three judged criteria (accueil,
  engagement social, transparence), on the default French scale (à rejeter … excellent). Each
  place has a latent quality per criterion (by type, plus noise); each member a severity; a
  grade is their sum plus noise, rounded onto the scale. Members visit 8 places on average,
  nearer ones and markets more often; the committee sees to it that every place is visited by
  at least 7 members, except the two newest places (3 and 4 visits: below the grid's
  ``min_grades: 5``, so they are flagged, not scored). A member sometimes leaves
  "transparence" blank (a missing grade, counted as such). On one market the welcome was found
  poor, so the grid's gate on the welcome has work.

Regenerate (deterministic: two runs give byte-identical files)::

    python scripts/make_example_montpellier.py [--root PATH] [--grid PATH] [--seed N]

``--root`` writes the files under another folder, with the same relative paths (the tests
compare such a run with the shipped files).
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

import selection
from selection.committee import dump_members, synthetic_members
from selection.grid import Judged

SEED = 20230201  # the fund started in February 2023
ROOT = Path(__file__).resolve().parents[1]
GRID = ROOT / "criteria" / "montpellier.yaml"
PLACES = Path("src/selection/data/montpellier-places.csv")
JUDGMENTS = Path("src/selection/data/montpellier-judgments.csv")
MEMBERS = Path("criteria/members-montpellier/comite.yaml")
HUB = (43.6108, 3.8767)  # Montpellier centre, as in the grid
MEMBER_COUNT = 60
MIN_VISITS = 7  # the committee has every place visited by at least 7 members …
NEW_PLACES = (3, 4)  # … except the two newest places, visited by 3 and 4 so far

# Commune; lat; lon; jitter (km); chance of a tram stop nearby; of a bus; weight as a member's
# home. Tram lines reach Castelnau-le-Lez, Lattes, Pérols, Juvignac, Jacou and
# Saint-Jean-de-Védas; the towns have buses; villages few.
COMMUNES = """\
Montpellier;43.6108;3.8767;3.0;0.70;0.30;42
Lattes;43.5675;3.9008;1.5;0.50;0.45;3
Castelnau-le-Lez;43.6336;3.9017;1.5;0.55;0.45;3
Pérols;43.5650;3.9536;1.5;0.40;0.55;1
Saint-Jean-de-Védas;43.5775;3.8272;1.5;0.45;0.50;2
Juvignac;43.6136;3.8106;1.5;0.45;0.50;1
Jacou;43.6614;3.9125;1.5;0.45;0.50;1
Grabels;43.6481;3.7986;1.5;0.00;0.85;1
Mauguio;43.6161;4.0083;1.5;0.00;0.80;1
Lunel;43.6758;4.1358;1.5;0.00;0.80;1
Sète;43.4028;3.6928;1.5;0.00;0.85;2
Frontignan;43.4483;3.7561;1.5;0.00;0.80;1
Mèze;43.4253;3.6047;1.5;0.00;0.65;0
Saint-Mathieu-de-Tréviers;43.7675;3.8581;1.5;0.00;0.60;1
Saint-Martin-de-Londres;43.7900;3.7308;1.5;0.00;0.45;0
Ganges;43.9342;3.7083;1.5;0.00;0.60;0
Gignac;43.6517;3.5511;1.5;0.00;0.65;0
Clermont-l'Hérault;43.6272;3.4319;1.5;0.00;0.70;0
Pézenas;43.4594;3.4239;1.5;0.00;0.70;0
Lodève;43.7317;3.3194;1.5;0.00;0.60;0
Saint-Pons-de-Thomières;43.4892;2.7667;1.5;0.00;0.40;0
"""


@dataclass(frozen=True)
class PlaceType:
    """How the places of one type are drawn.

    Attributes
    ----------
    count : int
        How many places of this type.
    where : dict
        Commune → how many places of this type there (they add up to `count`).
    labels : tuple of int
        Chances in % of aucun, HVE, conversion, AB, Nature & Progrès.
    local : tuple of int
        Range of the share of local products (%).
    price : tuple of float
        Mean and standard deviation of the price index (100 = the reference basket).
    hours : tuple of int
        Range of the opening hours per week.
    popularity : float
        How often members visit it, relative to the others.
    judged : tuple of float
        Mean quality on the 0..6 scale for accueil, engagement social, transparence.
    """

    count: int
    where: dict[str, int]
    labels: tuple[int, int, int, int, int]
    local: tuple[int, int]
    price: tuple[float, float]
    hours: tuple[int, int]
    popularity: float
    judged: tuple[float, float, float]


TYPES = {
    "épicerie solidaire": PlaceType(
        10, {"Montpellier": 4, "Lunel": 1, "Sète": 1, "Lattes": 1, "Ganges": 1,
             "Clermont-l'Hérault": 1, "Frontignan": 1},
        labels=(35, 25, 10, 30, 0), local=(15, 60), price=(78.0, 7.0), hours=(16, 36),
        popularity=1.3, judged=(4.6, 5.0, 3.8),
    ),
    "marché paysan": PlaceType(
        9, {"Montpellier": 4, "Castelnau-le-Lez": 1, "Sète": 1, "Lunel": 1, "Pézenas": 1,
            "Saint-Mathieu-de-Tréviers": 1},
        labels=(25, 20, 15, 35, 5), local=(45, 90), price=(105.0, 8.0), hours=(4, 14),
        popularity=1.6, judged=(4.0, 3.0, 3.6),
    ),
    "groupement d'achat": PlaceType(
        8, {"Montpellier": 2, "Castelnau-le-Lez": 1, "Jacou": 1, "Grabels": 1,
            "Saint-Jean-de-Védas": 1, "Juvignac": 1, "Pérols": 1},
        labels=(10, 10, 10, 60, 10), local=(30, 75), price=(90.0, 6.0), hours=(3, 9),
        popularity=1.0, judged=(4.3, 4.4, 5.0),
    ),
    "producteur en vente directe": PlaceType(
        13, {"Saint-Mathieu-de-Tréviers": 2, "Saint-Martin-de-Londres": 1, "Ganges": 1,
             "Gignac": 2, "Clermont-l'Hérault": 1, "Pézenas": 1, "Mèze": 1, "Lunel": 1,
             "Mauguio": 2, "Lodève": 1},
        labels=(15, 10, 15, 45, 15), local=(85, 100), price=(100.0, 9.0), hours=(4, 20),
        popularity=0.7, judged=(4.3, 3.6, 4.6),
    ),
}  # fmt: skip
LABELS = ("aucun", "HVE", "conversion", "AB", "Nature & Progrès")
LABEL_PREMIUM = {"aucun": 0.0, "HVE": 2.0, "conversion": 4.0, "AB": 7.0, "Nature & Progrès": 9.0}
CRITERIA = ("accueil", "engagement_social", "transparence")
# fmt: off
NAMES = {
    "épicerie solidaire": [
        "Les Micocouliers", "Les Arbousiers", "Le Caroubier", "Les Cigales", "Les Martinets",
        "Le Chêne Vert", "Les Asphodèles", "Les Salicornes", "Les Tamaris", "Le Pistachier",
        "Les Lavandes", "L'Amandier"],
    "marché paysan": [
        "des Garrigues", "des Platanes", "du Lavoir", "de la Fontaine", "du Vieux Puits",
        "des Oliviers", "de la Halle", "des Remparts", "du jeudi soir", "de l'Esplanade"],
    "groupement d'achat": [
        "Le Cabas Commun", "Les Paniers du Lez", "L'Épi Partagé", "La Grappe", "Le Bocal",
        "Les Sacs Voisins", "La Musette", "Le Grain Commun", "La Caisse à Légumes"],
}
SURNAMES = ["Bousquet", "Cabanel", "Fabre", "Vidal", "Rouquette", "Bonnafous", "Sabatier",
            "Coulet", "Arnal", "Pujol", "Teissier", "Castan", "Mazel", "Pagès", "Causse",
            "Granier", "Bouscarain", "Issert"]
FARMS = ["la Garrigue", "Font-Vive", "l'Olivède", "Puech-Haut", "la Fage", "Roquefraïche",
         "Bois-Redon", "la Clapière", "Peyre-Blanque", "la Baume", "Roc-Blanc", "la Sauzède",
         "Valfonds", "la Capitelle"]
# fmt: on


def haversine_km(lat: np.ndarray, lon: np.ndarray, ref: tuple[float, float]) -> np.ndarray:
    """Great-circle distance in km from each point to ``ref`` (Earth radius 6371 km).

    Parameters
    ----------
    lat, lon : numpy.ndarray
        Coordinates in decimal degrees.
    ref : tuple of float
        Reference (latitude, longitude) in decimal degrees.

    Returns
    -------
    numpy.ndarray
        Distances in km.
    """
    p1, p2, dl = np.radians(lat), np.radians(ref[0]), np.radians(lon - ref[1])
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(a))


def communes() -> pd.DataFrame:
    """The communes table, indexed by name."""
    columns = ["commune", "lat", "lon", "jitter", "tram", "bus", "homes"]
    table = pd.read_csv(io.StringIO(COMMUNES), sep=";", names=columns)
    return table.set_index("commune")


def jitter(
    rng: np.random.Generator, lat: np.ndarray, lon: np.ndarray, km: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Move each point uniformly within a disc of radius ``km`` around it.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    lat, lon : numpy.ndarray
        Centres in decimal degrees.
    km : numpy.ndarray
        Radius of each disc in km.

    Returns
    -------
    tuple of numpy.ndarray
        The new latitudes and longitudes.
    """
    radius = km * np.sqrt(rng.uniform(size=lat.size))
    angle = rng.uniform(0.0, 2 * np.pi, size=lat.size)
    new_lat = lat + radius * np.cos(angle) / 111.2
    new_lon = lon + radius * np.sin(angle) / (111.2 * np.cos(np.radians(new_lat)))
    return new_lat, new_lon


def place_names(rng: np.random.Generator, kinds: list[str], towns: list[str]) -> list[str]:
    """A distinct invented name for each place, in the style of its type.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    kinds : list of str
        Each place's type.
    towns : list of str
        Each place's commune (a market is named after it).

    Returns
    -------
    list of str
        One name per place.
    """
    pools = {kind: list(rng.permutation(words)) for kind, words in NAMES.items()}
    surnames, farms = list(rng.permutation(SURNAMES)), list(rng.permutation(FARMS))
    names: list[str] = []
    for kind, town in zip(kinds, towns, strict=True):
        if kind == "épicerie solidaire":
            names.append(f"Épicerie solidaire {pools[kind].pop()}")
        elif kind == "marché paysan":
            names.append(f"Marché paysan {pools[kind].pop()} ({town})")
        elif kind == "groupement d'achat":
            names.append(f"Groupement d'achat {pools[kind].pop()}")
        else:
            style = int(rng.integers(4))
            if style == 0:
                names.append(f"Ferme {surnames.pop()}")
            elif style == 1:
                names.append(f"GAEC {surnames.pop()}-{surnames.pop()}")
            elif style == 2:
                names.append(f"Le Mas de {farms.pop()}")
            else:
                names.append(f"Les Jardins de {farms.pop()}")
    return names


def make_places(rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """Build the table of places, cells formatted as in a French export.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source (drawn from in a fixed order).

    Returns
    -------
    tuple
        The table (decimal columns are strings with a decimal comma) and each place's
        latent judged quality (places × the three judged criteria, on 0..6).
    """
    towns = communes()
    kinds: list[str] = []
    where: list[str] = []
    for kind, spec in TYPES.items():
        if sum(spec.where.values()) != spec.count:
            raise SystemExit(f"{kind}: the places per commune do not add up to {spec.count}")
        for town, n in spec.where.items():
            kinds += [kind] * n
            where += [town] * n
    order = rng.permutation(len(kinds))
    kinds = [kinds[i] for i in order]
    where = [where[i] for i in order]
    count = len(kinds)
    farm = np.array([k == "producteur en vente directe" for k in kinds])
    # One producer sells from Saint-Pons-de-Thomières (~90 km): beyond the 60 km gate.
    far = int(rng.choice(np.flatnonzero(farm)))
    where[far] = "Saint-Pons-de-Thomières"
    town = towns.loc[where]
    km = np.where(farm, 4.0, town["jitter"].to_numpy())
    lat, lon = jitter(rng, town["lat"].to_numpy(), town["lon"].to_numpy(), km)

    spec = [TYPES[k] for k in kinds]
    labels = np.array(
        [rng.choice(LABELS, p=np.array(s.labels, dtype=float) / 100) for s in spec],
        dtype=object,
    )
    low, high = np.array([s.local for s in spec], dtype=float).T
    local = np.rint(rng.uniform(low, high)).astype(int)
    local = np.where(farm & (rng.uniform(size=count) < 0.5), 100, local)
    mean, sd = np.array([s.price for s in spec], dtype=float).T
    premium = np.array([LABEL_PREMIUM[x] for x in labels]) * np.where(farm, 1.0, 0.5)
    price = mean + premium + sd * rng.standard_normal(count)
    dear = int(rng.choice(np.flatnonzero(farm)))
    price[dear] = rng.uniform(128.0, 134.0)  # one producer well above the reference
    price = np.clip(price, 62.0, 140.0)
    low, high = np.array([s.hours for s in spec], dtype=float).T
    hours = np.rint(rng.uniform(low, high + 1 - 1e-9) - 0.5).astype(int).astype(str)
    hours[rng.choice(count, size=2, replace=False)] = ""  # two cells left blank
    tram, bus = town["tram"].to_numpy(), town["bus"].to_numpy()
    tram, bus = np.where(farm, 0.0, tram), np.where(farm, bus * 0.5, bus)  # farms outside town
    draw = rng.uniform(size=count)
    service = np.where(draw < tram, "tram", np.where(draw < tram + bus, "bus", "aucune"))
    refuse = np.array([0.05 if k == "épicerie solidaire" else 0.12 for k in kinds])
    odds = refuse / refuse.sum()
    declines = rng.choice(count, size=4, replace=False, p=odds)
    currency = np.full(count, "oui", dtype=object)
    currency[declines] = "non"
    if (hits := np.flatnonzero(labels == "AB")).size:
        labels[rng.choice(hits)] = "ab"  # a harmless spelling variant

    latent = np.array([s.judged for s in spec], dtype=float)
    latent = latent + 0.9 * rng.standard_normal(latent.shape)
    markets = [i for i, k in enumerate(kinds) if k == "marché paysan" and currency[i] == "oui"]
    poor = int(rng.choice(markets))
    latent[poor, 0] = 1.2  # members found the welcome poor there
    latent = np.clip(latent, 0.6, 5.9)

    comma = np.vectorize(lambda x, d: f"{x:.{d}f}".replace(".", ","), otypes=[str])
    table = pd.DataFrame({
        "lieu": [f"L{i + 1:02d}" for i in range(count)],
        "nom": place_names(rng, kinds, where),
        "type": kinds, "commune": where,
        "latitude": comma(lat, 4), "longitude": comma(lon, 4),
        "label_bio": labels, "part_locale_pct": local, "indice_prix": comma(price, 1),
        "heures_ouverture": hours, "desserte": service, "accepte_monnaie": currency,
    })  # fmt: skip
    return table, latent


def visits(
    rng: np.random.Generator, places: pd.DataFrame, members: int
) -> tuple[np.ndarray, np.ndarray]:
    """Which member visited which place.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    places : pandas.DataFrame
        The table of places (its coordinates and types).
    members : int
        How many members.

    Returns
    -------
    tuple of numpy.ndarray
        A (members × places) boolean array of visits, and the indices of the two newest places.
    """
    towns = communes()
    homes = towns.index[towns["homes"] > 0]
    weight = towns.loc[homes, "homes"].to_numpy(dtype=float)
    home = rng.choice(homes.to_numpy(), size=members, p=weight / weight.sum())
    home_lat, home_lon = jitter(
        rng, towns.loc[home, "lat"].to_numpy(), towns.loc[home, "lon"].to_numpy(),
        towns.loc[home, "jitter"].to_numpy(),
    )  # fmt: skip
    lat = places["latitude"].str.replace(",", ".").astype(float).to_numpy()
    lon = places["longitude"].str.replace(",", ".").astype(float).to_numpy()
    popularity = np.array([TYPES[k].popularity for k in places["type"]])
    seen = np.zeros((members, len(places)), dtype=bool)
    for m in range(members):
        near = np.exp(-haversine_km(lat, lon, (home_lat[m], home_lon[m])) / 20.0) * popularity
        k = min(3 + int(rng.poisson(5.0)), len(places))
        seen[m, rng.choice(len(places), size=k, replace=False, p=near / near.sum())] = True
    new = rng.choice(len(places), size=len(NEW_PLACES), replace=False)
    for place, k in zip(new, NEW_PLACES, strict=True):
        seen[:, place] = False
        seen[rng.choice(members, size=k, replace=False), place] = True
    for place in np.setdiff1d(np.arange(len(places)), new):
        short = MIN_VISITS - int(seen[:, place].sum())
        if short > 0:  # the committee sends more members there
            others = np.flatnonzero(~seen[:, place])
            seen[rng.choice(others, size=short, replace=False), place] = True
    return seen, np.sort(new)


def make_judgments(
    rng: np.random.Generator,
    places: pd.DataFrame,
    latent: np.ndarray,
    names: list[str],
    scale: tuple[str, ...],
    min_grades: int,
) -> pd.DataFrame:
    """The members' grades, one row per member, place visited and judged criterion.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    places : pandas.DataFrame
        The table of places.
    latent : numpy.ndarray
        Each place's quality on each judged criterion (places × criteria, on 0..6).
    names : list of str
        The members' names, in the weights file's order.
    scale : tuple of str
        The grades, worst first.
    min_grades : int
        The grid's fewest grades: places other than the newest keep at least this many
        on every criterion (a blank is turned back into a grade if needed).

    Returns
    -------
    pandas.DataFrame
        Columns ``membre``, ``lieu``, ``critère``, ``mention`` (blank: no grade).
    """
    seen, new = visits(rng, places, len(names))
    severity = 0.5 * rng.standard_normal(len(names))
    rows: list[tuple[int, int, int, int]] = []  # member, place, criterion, grade (-1: none)
    graded = np.zeros((len(places), len(CRITERIA)), dtype=int)
    for m, p in zip(*np.nonzero(seen), strict=True):
        for c in range(len(CRITERIA)):
            value = latent[p, c] + severity[m] + 0.8 * rng.standard_normal()
            grade = int(np.clip(np.rint(value), 0, len(scale) - 1))
            if c == 2 and rng.uniform() < 0.12:
                grade = -1  # "transparence": did not know, left blank
            graded[p, c] += grade >= 0
            rows.append((int(m), int(p), c, grade))
    for i, (m, p, c, grade) in enumerate(rows):  # keep regular places above min_grades
        if grade < 0 and p not in new and graded[p, c] < min_grades:
            value = latent[p, c] + severity[m]
            rows[i] = (m, p, c, int(np.clip(np.rint(value), 0, len(scale) - 1)))
            graded[p, c] += 1
    ids = places["lieu"].to_numpy()
    return pd.DataFrame({
        "membre": [names[m] for m, _, _, _ in rows],
        "lieu": [ids[p] for _, p, _, _ in rows],
        "critère": [CRITERIA[c] for _, _, c, _ in rows],
        "mention": [scale[g] if g >= 0 else "" for _, _, _, g in rows],
    })  # fmt: skip


MEMBERS_COMMENT = """\
Poids des 60 membres du comité de la caisse alimentaire commune, pour la grille
criteria/montpellier.yaml.

ILLUSTRATIVE AND SYNTHETIC: these members are not people. Their names are made
up and their weights drawn by scripts/make_example_montpellier.py
(selection.committee.synthetic_members, seeded; the last two stand apart).

anonymous: true - the committee includes people in food insecurity (about half
of its members), some of whom do not want their individual weights or grades
shown. The report and the meeting page then show only aggregates (the spread
of each weight, the group's weights, "membre 7" where someone stands out),
never a member's name.

Read it with selection.committee.load_members([path], grid), path being
selection.examples.montpellier_members_path().
"""


def make_example(grid_path: Path, seed: int = SEED) -> dict[Path, bytes]:
    """Build every file of the example, by path relative to the checkout.

    Parameters
    ----------
    grid_path : pathlib.Path
        The grid (its batteries and weights shape the members, its scale the grades).
    seed : int
        Seed for ``numpy.random.default_rng``.

    Returns
    -------
    dict
        Relative path → the file's bytes.
    """
    grid = selection.load_grid(grid_path)
    rng = np.random.default_rng(seed)
    places, latent = make_places(rng)
    members = synthetic_members(
        grid, MEMBER_COUNT, seed=int(rng.integers(2**31)), outliers=2, anonymous=True
    )
    kind = grid.criteria[grid.keys.index(CRITERIA[0])].kind
    if not isinstance(kind, Judged):
        raise SystemExit(f"{grid_path}: {CRITERIA[0]!r} should be a judged criterion")
    names = [m.name for m in members]
    judgments = make_judgments(rng, places, latent, names, kind.scale, kind.min_grades)
    return {
        PLACES: csv_bytes(places),
        JUDGMENTS: csv_bytes(judgments),
        MEMBERS: members_bytes(dump_members(members, grid, comment=MEMBERS_COMMENT)),
    }


def members_bytes(text: str) -> bytes:
    """The weights file's text as UTF-8, without the trailing space of blank comment lines."""
    return text.replace("# \n", "#\n").encode("utf-8")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as ``;``-separated UTF-8 CSV with ``\\n`` line ends."""
    return frame.to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8")


def write_atomically(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path``: temporary file, then ``os.replace``.

    Parameters
    ----------
    data : bytes
        The content.
    path : pathlib.Path
        Destination; its folder is created if missing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a data file is world-readable
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summarize(root: Path, grid_path: Path) -> None:
    """Read the files back as a user would and print a short summary.

    Parameters
    ----------
    root : pathlib.Path
        The folder the files were written under.
    grid_path : pathlib.Path
        The grid.
    """
    places = pd.read_csv(root / PLACES, sep=";", decimal=",")
    km = haversine_km(places["latitude"].to_numpy(), places["longitude"].to_numpy(), HUB)
    print(f"{root / PLACES}: {len(places)} places, {int(places.isna().sum().sum())} blanks")
    print("types:", places["type"].value_counts().to_dict())
    print("labels:", places["label_bio"].value_counts().to_dict())
    print(f"distance to the hub: {km.min():.1f}–{km.max():.1f} km")
    ranking = selection.rank(places, grid_path, judgments=root / JUDGMENTS)
    print(ranking.prepared.judgments.summary(lang="en"))
    print(ranking.decisions().table["tier"].value_counts(sort=False).to_dict())


def main(argv: list[str] | None = None) -> None:
    """Generate the files, write them and print a summary.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="folder to write under")
    parser.add_argument("--grid", type=Path, default=GRID, help="the grid to read")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed")
    parser.add_argument("--quiet", action="store_true", help="no summary")
    args = parser.parse_args(argv)
    for relative, data in make_example(args.grid, args.seed).items():
        write_atomically(data, args.root / relative)
    if not args.quiet:
        summarize(args.root, args.grid)


if __name__ == "__main__":
    main()
