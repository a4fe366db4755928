"""Rebuild the course's tables in data/ from the reference extracts in ../shared/reference-data.

Run it from the repository root:  python scripts/build_data.py [path/to/reference-data]

The course never reads ../shared at run time (it is not there on Binder or in a learner's
clone); this script documents exactly how each table in data/ was derived, so that anyone
with the same extracts can check or refresh them. Typed-in published figures
(data/headline_figures.csv) and the pairs of the brief's figures with their latest
counterparts (data/then_and_now.csv) are kept by hand, with their citations, and are not
touched here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIRST_YEAR, LAST_YEAR = 1990, 2023

# Our World in Data spells some countries differently from the UN list; historical
# entities (USSR, Yugoslavia...) and sub-national territories are left out on purpose.
OWID_TO_ISO3 = {
    "Brunei": "BRN", "Cape Verde": "CPV", "Congo": "COG", "Democratic Republic of Congo": "COD",
    "Cote d'Ivoire": "CIV", "East Timor": "TLS", "Hong Kong": "HKG", "Iran": "IRN", "Laos": "LAO",
    "Macao": "MAC", "Micronesia (country)": "FSM", "North Korea": "PRK", "Palestine": "PSE",
    "Russia": "RUS", "Sao Tome and Principe": "STP", "South Korea": "KOR", "Syria": "SYR",
    "Turkey": "TUR", "Venezuela": "VEN", "Bolivia": "BOL", "Kosovo": "XKX", "Moldova": "MDA",
    "Netherlands": "NLD", "Tanzania": "TZA", "Vietnam": "VNM",
}
FH_STATUS = {0: "Not free", 1: "Partly free", 2: "Free"}


def build_migrant_stock(ref: Path) -> pd.DataFrame:
    dest = pd.read_csv(ref / "iom-gdidata/undesa_migrant_stock_2024_by_destination.csv")
    world = dest.groupby("year", as_index=False)[["total", "female", "male"]].sum()
    world["female_share_pct"] = (100 * world["female"] / world["total"]).round(2)
    return world.rename(columns={"total": "migrants", "female": "female_migrants", "male": "male_migrants"})


def build_migrant_stock_by_destination(ref: Path) -> pd.DataFrame:
    dest = pd.read_csv(ref / "iom-gdidata/undesa_migrant_stock_2024_by_destination.csv")
    dest = dest.rename(columns={"dest": "country_code", "total": "migrants", "female": "female_migrants"})
    return dest[["country_code", "year", "migrants", "female_migrants"]].sort_values(["country_code", "year"])


def build_migrant_stock_by_region(ref: Path) -> pd.DataFrame:
    regions = pd.read_csv(ref / "derived/migrant_stock_2024ed_by_region_income_1990_2024.csv")
    regions = regions[regions["group_type"] == "un_region_of_destination"]
    return regions.rename(columns={"group": "region", "migrant_stock": "migrants"})[["region", "year", "migrants"]]


def build_emigration_by_origin(ref: Path, countries: pd.DataFrame) -> pd.DataFrame:
    """Emigrants by country of origin and the share of the origin's people they are.

    The derived file sums UN DESA's bilateral stock by origin and divides by emigrants plus
    the resident population (WPP 2024; the 2024 row uses 2023, the last year of that series).
    Origins without a country code ('unknown', a UN grouping) are left out.
    """
    emigrants = pd.read_csv(ref / "derived/emigrants_and_emigration_rate_by_origin_1990_2024.csv")
    emigrants = emigrants.rename(columns={"origin": "country_code", "total": "emigrants"})
    emigrants = emigrants[emigrants["country_code"].isin(countries["country_code"])].copy()
    emigrants["emigration_rate_pct"] = emigrants["emigration_rate_pct"].round(2)
    return emigrants[["country_code", "year", "emigrants", "emigration_rate_pct"]].sort_values(
        ["country_code", "year"])


def build_countries(ref: Path) -> pd.DataFrame:
    names = pd.read_csv(ref / "iom-gdidata/countrynames.csv")
    income = pd.read_csv(ref / "worldbank-wdi-2023/wdi_country_classification_2023.csv")
    countries = names[["iso3", "name_text", "region"]].rename(
        columns={"iso3": "country_code", "name_text": "country_name"})
    countries = countries.merge(income[["country_code", "income_group"]], on="country_code", how="left")
    return countries.dropna(subset=["country_code", "country_name", "region"])


def build_three_ds(ref: Path, countries: pd.DataFrame) -> pd.DataFrame:
    wdi = pd.read_csv(ref / "iom-gdidata/wdi_indicators_long.csv")
    wdi = wdi[wdi["indicator"].isin(["income", "depend", "pop"]) & wdi["year"].between(FIRST_YEAR - 1, LAST_YEAR)]
    wide = wdi.pivot_table(index=["geo", "year"], columns="indicator", values="value").reset_index()
    wide = wide.rename(columns={"geo": "country_code"}).sort_values(["country_code", "year"])
    # Growth needs the year before, so 1989 is read and then dropped.
    wide["population_growth_pct"] = (100 * wide.groupby("country_code")["pop"].pct_change()).round(2)
    wide["working_age_share_pct"] = (100 * 100 / (100 + wide["depend"])).round(2)
    wide["gdp_per_capita_ppp"] = wide["income"].round(0)
    wide["population"] = wide["pop"].round(0)
    wide = wide[wide["year"] >= FIRST_YEAR]

    fh = pd.read_csv(ref / "owid-democracy/fh_final.csv")
    lookup = dict(zip(countries["country_name"], countries["country_code"]))
    names = pd.read_csv(ref / "iom-gdidata/countrynames.csv")
    for column in ("name", "name_sort", "name_text"):
        lookup.update(zip(names[column], names["iso3"]))
    lookup.update(OWID_TO_ISO3)
    fh["country_code"] = fh["country_name"].map(lookup)
    fh = fh.dropna(subset=["country_code", "regime_fh"])
    fh = fh[fh["year"].between(FIRST_YEAR, LAST_YEAR)]
    fh["freedom_status"] = fh["regime_fh"].astype(int).map(FH_STATUS)
    fh["freedom_score"] = fh["polrights_score_fh"] + fh["civlibs_score_fh"]
    fh = fh[["country_code", "year", "freedom_status", "freedom_score"]]

    table = wide.merge(fh, on=["country_code", "year"], how="outer")
    table = table[table["country_code"].isin(countries["country_code"])]
    columns = ["country_code", "year", "gdp_per_capita_ppp", "working_age_share_pct",
               "population", "population_growth_pct", "freedom_status", "freedom_score"]
    table = table[columns].sort_values(["country_code", "year"])
    for column in ("gdp_per_capita_ppp", "population", "freedom_score"):
        table[column] = table[column].astype("Int64")
    return table.dropna(subset=columns[2:], how="all")


def main(ref: Path) -> None:
    countries = build_countries(ref)
    three_ds = build_three_ds(ref, countries)
    countries = countries[countries["country_code"].isin(three_ds["country_code"])]
    by_destination = build_migrant_stock_by_destination(ref)
    by_destination = by_destination[by_destination["country_code"].isin(countries["country_code"])]
    tables = {
        "migrant_stock_world.csv": build_migrant_stock(ref),
        "migrant_stock_by_region.csv": build_migrant_stock_by_region(ref),
        "migrant_stock_by_destination.csv": by_destination,
        "countries.csv": countries.sort_values("country_code"),
        "three_ds.csv": three_ds,
        "emigration_by_origin.csv": build_emigration_by_origin(ref, countries),
    }
    for name, table in tables.items():
        table.to_csv(DATA / name, index=False)
        print(f"wrote data/{name}: {len(table)} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference-data")
