"""Rebuild the course's tables in data/ from the reference extracts in ../shared/reference-data.

Run it from the repository root:  python scripts/build_data.py [path/to/reference-data]

The course never reads ../shared at run time (it is not there on Binder or in a learner's
clone); this script documents exactly how each table in data/ was derived, so that anyone
with the same extracts can check or refresh them. Typed-in published figures
(data/headline_figures.csv) and the pairs of the brief's figures with their latest
counterparts (data/then_and_now.csv) are kept by hand, with their citations, and are not
touched here; so are the instruments on lesson 5's timeline (data/instruments.csv), one row
each with its source, and the ILO's Global Estimates by edition that lesson 4 charts
(data/migrant_workers_estimates.csv), one row per published figure with the page it was read in.
"""

from __future__ import annotations

import re
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


# The corridors of the 3Ds explorer's saved views (origin, destination); the final
# assessment's case study follows the Philippines and Saudi Arabia.
CORRIDORS = [("MEX", "USA"), ("PHL", "SAU"), ("NPL", "QAT"), ("SEN", "ESP"), ("POL", "DEU"), ("VNM", "JPN")]


def build_corridor_migrant_stock(ref: Path) -> pd.DataFrame:
    """People from one country living in another, for the course's corridors, by year and sex.

    Taken from UN DESA's bilateral migrant stock (2024 edition). Each corridor also gets its
    rank among all the destinations of the origin's emigrants, and among all the origins of the
    destination's migrants, in the same year (1 = the largest; ties share the better rank). The
    'other or unknown' origin (code OOO) is left out of the ranks. ``counted_as`` says whether
    the destination counts the foreign-born or, where it has no data on birthplace, foreign citizens.
    """
    stock = pd.read_csv(ref / "iom-gdidata/undesa_migrant_stock_2024_bilateral_by_sex.csv")
    stock = stock[stock["origin"] != "OOO"]
    pairs = stock.pivot_table(index=["origin", "dest", "year"], columns="sex", values="n", aggfunc="sum",
                              fill_value=0).reset_index()
    pairs["migrants"] = pairs["female"] + pairs["male"]
    pairs["destination_rank"] = pairs.groupby(["origin", "year"])["migrants"].rank(ascending=False, method="min")
    pairs["origin_rank"] = pairs.groupby(["dest", "year"])["migrants"].rank(ascending=False, method="min")
    basis = stock.groupby(["origin", "dest", "year"])["type_c"].max().rename("type_c").reset_index()
    pairs = pairs.merge(basis, on=["origin", "dest", "year"])
    keep = pd.MultiIndex.from_frame(pairs[["origin", "dest"]]).isin(CORRIDORS)
    table = pairs[keep].rename(columns={"origin": "origin_code", "dest": "destination_code",
                                        "female": "female_migrants"})
    table["counted_as"] = table["type_c"].map({0: "foreign-born", 1: "foreign citizens"})
    for column in ("migrants", "female_migrants", "destination_rank", "origin_rank"):
        table[column] = table[column].astype(int)
    order = {pair: i for i, pair in enumerate(CORRIDORS)}
    table = table.assign(_order=[order[(o, d)] for o, d in zip(table["origin_code"], table["destination_code"])])
    return table.sort_values(["_order", "year"])[
        ["origin_code", "destination_code", "year", "migrants", "female_migrants", "destination_rank",
         "origin_rank", "counted_as"]]


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


def build_physician_density(ref: Path, countries: pd.DataFrame) -> pd.DataFrame:
    """Physicians per 1,000 people: each country's observation nearest 2000 and its latest.

    The extract keeps only those two observations of WDI's SH.MED.PHYS.ZS (WHO Global Health
    Workforce Statistics); where they are the same year, the country has one row.
    """
    wide = pd.read_csv(ref / "worldbank-wdi-health-workforce/wdi_SH.MED.PHYS.ZS_latest_and_c2000.csv")
    wide["country_code"] = wide["geo"].str.upper()
    around_2000 = wide.dropna(subset=["year_nearest_2000"]).assign(
        year=lambda t: t["year_nearest_2000"].astype(int),
        physicians_per_1000=lambda t: t["physicians_per_1000_nearest_2000"], observation="nearest_2000")
    latest = wide.assign(year=wide["latest_year"].astype(int),
                         physicians_per_1000=wide["physicians_per_1000_latest"], observation="latest")
    both = pd.concat([around_2000, latest])
    # One observation can be both the latest and the nearest to 2000: keep it once, as the latest.
    both = both.drop_duplicates(subset=["country_code", "year"], keep="last")
    both = both[both["country_code"].isin(countries["country_code"])]
    both["physicians_per_1000"] = both["physicians_per_1000"].round(3)
    return both[["country_code", "year", "physicians_per_1000", "observation"]].sort_values(
        ["country_code", "year"])


# Rows of published/t5 the course uses: (item as printed, country as printed) -> (code, measure).
# Only rows whose status is verified_primary or verified_secondary are read; where the
# Factbook 2011's sub-Saharan list (reported by the press, rounded) repeats a country of its
# LDC list (read in the Factbook itself), the LDC list's exact figure is kept.
T5_ITEMS = {
    "emigration rate of tertiary-educated population (Factbook 2011, top 10 LDCs)": "tertiary_emigration_rate",
    "emigration rate of tertiary-educated (Factbook 2011, top 10 sub-Saharan Africa)": "tertiary_emigration_rate",
    "emigration rate of tertiary educated (WDI SM.EMI.TERT.ZS) - highest country": "tertiary_emigration_rate",
    "share of home-country-born physicians working abroad (Clemens & Pettersson, as reported by BBC)":
        "physicians_born_abroad_pct",
    "physicians trained in country working in OECD countries (outflow rate, WHO 2006)":
        "physicians_trained_in_oecd_pct",
    "doctors trained in Ghana living and working abroad (Factbook 2011)": "physicians_trained_abroad_pct",
}
T5_COUNTRIES = {
    "Haiti": "HTI", "Samoa": "WSM", "Gambia": "GMB", "Sierra Leone": "SLE", "Mozambique": "MOZ",
    "Liberia": "LBR", "Lao PDR": "LAO", "Uganda": "UGA", "Eritrea": "ERI", "Angola": "AGO",
    "Cape Verde": "CPV", "Mauritius": "MUS", "Seychelles": "SYC", "Ghana": "GHA", "Kenya": "KEN",
    "Guyana": "GUY", "Rwanda": "RWA", "Sudan": "SDN", "Niger": "NER", "South Africa": "ZAF",
}
# Where each measure comes from, as the course cites it (the original publication).
T5_SOURCES = {
    "Factbook 2011": ("World Bank, Migration and Remittances Factbook 2011 (data for 2000)", "worldbank2011factbook"),
    "IndexMundi": ("Docquier, Lowell and Marfouk (2009), as published in the World Bank's World Development "
                   "Indicators (SM.EMI.TERT.ZS)", "docquier2009gendered"),
    "Ghana Mirror": ("Clemens and Pettersson (2008), New data on African health professionals abroad",
                     "clemens2008african"),
    "Bourgain": ("WHO, World Health Report 2006", "who2006whr"),
}


def build_skilled_emigration(ref: Path) -> pd.DataFrame:
    """Published emigration rates of the tertiary-educated and of physicians, about 2000."""
    t5 = pd.read_csv(ref / "published/t5_brain_drain_tertiary_and_health_workers.csv", dtype=str)
    t5 = t5[t5["item"].isin(T5_ITEMS) & t5["status"].isin(["verified_primary", "verified_secondary"])]
    rows = []
    for row in t5.itertuples():
        text = f"{row.item} {row.source_title} {row.source_publisher}"
        source, key = next(v for k, v in T5_SOURCES.items() if k in text)
        bound = "at least" if row.value.strip().startswith("over") else ""
        period = row.year_of_value.strip()
        rows.append({
            "country_code": T5_COUNTRIES[row.country], "measure": T5_ITEMS[row.item],
            "value": float(row.value.replace("over", "").strip()), "bound": bound,
            "reference_period": "2000" if period == "2000" else period,
            # The WHO rates cover about 2000-2004: the chart places them in the middle, 2002.
            "reference_year": 2002 if "2004" in period else 2000,
            "source": source, "citation_key": key, "status": row.status})
    table = pd.DataFrame(rows)
    # The sub-Saharan list repeats five countries of the LDC list, rounded: keep the exact one.
    table["exact"] = table["source"].str.startswith("World Bank") & table["status"].eq("verified_primary")
    table = table.sort_values("exact", ascending=False).drop_duplicates(["country_code", "measure"])
    return table.drop(columns="exact").sort_values(["country_code", "measure"])[
        ["country_code", "measure", "value", "bound", "reference_period", "reference_year", "source",
         "citation_key", "status"]]


def build_health_worker_shortage_2006(ref: Path) -> pd.DataFrame:
    """Countries whose place on, or off, WHO's 2006 list of 57 critical-shortage countries is verified.

    The full list of 57 is not verified in the reference tables (WHO printed it as a map), so
    only the countries named by a verified source are kept; every other country is unknown.
    """
    t4 = pd.read_csv(ref / "published/t4_who_whr2006_critical_shortage.csv", dtype=str)
    t4 = t4[t4["item"].eq("member of the WHR 2006 list of 57 crisis countries")
            & t4["status"].isin(["verified_primary", "verified_secondary"])]
    names = {"Comoros": "COM", "Equatorial Guinea": "GNQ", "Eritrea": "ERI", "Benin": "BEN",
             "Congo": "COG", "Democratic Republic of the Congo": "COD", "El Salvador": "SLV",
             "Iraq": "IRQ", "Peru": "PER", "Bolivia": "BOL", "Cape Verde": "CPV", "Guatemala": "GTM",
             "Solomon Islands": "SLB", "Timor-Leste": "TLS", "Vanuatu": "VUT"}
    table = pd.DataFrame({
        "country_code": t4["country"].map(names), "on_2006_list": t4["value"],
        "source": "WHO, World Health Report 2006, list of 57 countries as named by Save the Children's "
                  "health workers campaign (Which countries are still 'in crisis'?)",
        "citation_key": "who2006whr", "status": t4["status"]})
    return table.sort_values("country_code")


# Key dates of global migration governance (lesson 6). Each entry: the row of
# published/t7_key_dates_global_governance.csv it comes from (its `item`), then the course's
# id, strand, short name, host or chair (ISO3 and role), place, citation key and a note in
# the course's words. A date the brief itself states more precisely replaces t7's value.
T7_GOVERNANCE = [
    ("ILC resolution 'Towards a fair deal for migrant workers in the global economy' and ILO Plan "
     "of Action for Migrant Workers", "ilc_resolution_2004", "ilo",
     "ILC resolution on a fair deal for migrant workers, with the ILO Plan of Action", "", "", "Geneva",
     "ilo2008brief", "2004-06", "Adopted by consensus at the 92nd Session of the International Labour "
     "Conference in June 2004 (the brief's month)."),
    ("ILO Multilateral Framework on Labour Migration adopted", "multilateral_framework_2006", "ilo",
     "ILO Multilateral Framework on Labour Migration", "", "", "", "ilo2008brief", "",
     "Non-binding principles and guidelines, negotiated by a tripartite meeting of experts and "
     "endorsed by the ILO Governing Body; the brief dates its adoption to March 2006."),
    ("Geneva Migration Group established", "geneva_migration_group_2003", "united_nations",
     "Geneva Migration Group", "", "", "Geneva", "ohchrgmg", "",
     "Heads of six agencies: ILO, IOM, OHCHR, UNCTAD, UNHCR and UNODC."),
    ("Global Migration Group (GMG) established by the UN Secretary-General", "gmg_2006", "united_nations",
     "Global Migration Group (GMG)", "", "", "", "ohchrgmg", "",
     "Set up by the UN Secretary-General early in 2006, after a recommendation of the Global "
     "Commission on International Migration; first meeting on 9 May 2006."),
    ("GMG replaced by the UN Network on Migration", "un_network_2018", "united_nations",
     "UN Network on Migration replaces the GMG", "", "", "", "ohchrgmg", "", ""),
    ("UN High-Level Dialogue on International Migration and Development", "hld_2006", "united_nations",
     "UN High-level Dialogue on International Migration and Development", "", "", "New York",
     "gfmdweb", "", "Over 140 UN Member States took part; the UN Secretary-General proposed the "
     "Global Forum there."),
    ("GFMD 1st meeting, Brussels, Belgium", "gfmd_2007", "gfmd", "1st GFMD meeting", "BEL", "host",
     "Brussels", "ilo2008brief", "", "The brief dates the meeting 10-11 July 2007; the summary report "
     "it cites covers 9-11 July."),
    ("GFMD 2nd meeting, Manila, Philippines", "gfmd_2008", "gfmd", "2nd GFMD meeting", "PHL", "host",
     "Manila", "gfmdweb", "", "Civil society days 27-28 October, then the governments' meeting, "
     "29-30 October. Theme: protecting and empowering migrants for development."),
    ("GFMD 3rd meeting, Greece (Athens)", "gfmd_2009", "gfmd", "3rd GFMD meeting", "GRC", "host", "",
     "gfmdweb", "", "Held in Greece; the city and days were not found in a source read for the course. "
     "The GFMD Support Unit was created under this chairmanship."),
    ("GFMD 4th meeting, Mexico (Puerto Vallarta)", "gfmd_2010", "gfmd", "4th GFMD meeting", "MEX", "host",
     "", "unsr2013report", "", "Held in Mexico; the city and days were not found in a source read for "
     "the course."),
    ("GFMD 5th (Swiss chairmanship) Concluding Debate, Geneva", "gfmd_2011", "gfmd", "5th GFMD meeting",
     "CHE", "host", "Geneva", "gfmdweb", "", "The concluding debate of the Swiss chairmanship."),
    ("GFMD 6th summit, Mauritius (Pailles)", "gfmd_2012", "gfmd", "6th GFMD meeting", "MUS", "host",
     "Pailles", "gfmdweb", "", ""),
    ("GFMD 7th meeting, Stockholm, Sweden", "gfmd_2014", "gfmd", "7th GFMD meeting", "SWE", "host",
     "Stockholm", "gfmdweb", "", "Sweden chaired the forum in 2013-2014."),
    ("GFMD 8th meeting, Istanbul, Turkey", "gfmd_2015", "gfmd", "8th GFMD meeting", "TUR", "host",
     "Istanbul", "gfmdweb", "", "Civil society days 12-13 October, before the governments' meeting."),
    ("GFMD 9th meeting, Dhaka, Bangladesh", "gfmd_2016", "gfmd", "9th GFMD meeting", "BGD", "host",
     "Dhaka", "gfmdweb", "", ""),
    ("GFMD 10th summit, Berlin, Germany (Germany-Morocco co-chair 2017-2018)", "gfmd_2017", "gfmd",
     "10th GFMD meeting", "DEU", "host", "Berlin", "gfmdweb", "",
     "The first co-chairmanship: Germany and Morocco, 2017-2018."),
    ("GFMD 11th summit, Marrakesh, Morocco", "gfmd_2018", "gfmd", "11th GFMD meeting", "MAR", "host",
     "Marrakech", "gfmdweb", "", "Civil society days 4-6 December, a few days before the conference "
     "that adopted the Global Compact in the same city."),
    ("GFMD 12th summit, Quito, Ecuador (2019 chair)", "gfmd_2020", "gfmd", "12th GFMD meeting", "ECU",
     "host", "Quito", "gfmdweb", "", "Ecuador chaired the forum in 2019; the summit was postponed from "
     "November 2019 to January 2020."),
    ("GFMD 13th summit, online (UAE 2020 chair)", "gfmd_2021", "gfmd", "13th GFMD meeting", "ARE", "chair",
     "online", "gfmdweb", "", "The United Arab Emirates chaired the forum in 2020; the first summit held "
     "wholly online."),
    ("GFMD 14th summit, Geneva (France chair 2022-2023)", "gfmd_2024", "gfmd", "14th GFMD meeting", "FRA",
     "chair", "Geneva", "gfmdweb", "", "France chaired the forum in 2022-2023; delegates of 123 "
     "governments took part. No summit was held in 2022 or 2023."),
    ("New York Declaration for Refugees and Migrants (GA resolution 71/1)", "new_york_declaration_2016",
     "united_nations", "New York Declaration for Refugees and Migrants", "", "", "New York", "unga2018gcm",
     "", "General Assembly resolution 71/1, which resolution 73/195 recalls."),
    ("GCM adopted at the Intergovernmental Conference, Marrakech", "gcm_2018", "united_nations",
     "Global Compact for Safe, Orderly and Regular Migration (GCM) adopted", "MAR", "host", "Marrakech",
     "unga2018gcm", "", "Adopted by 164 UN Member States at an intergovernmental conference, 10-11 "
     "December 2018. Not legally binding."),
    ("GCM endorsed by the UN General Assembly (A/RES/73/195, 60th plenary meeting)", "gcm_endorsed_2018",
     "united_nations", "GCM endorsed by the UN General Assembly", "", "", "New York", "unga2018gcm", "",
     "Resolution 73/195, by a recorded vote of 152 in favour, 5 against and 12 abstentions."),
    ("ILO General Principles and Operational Guidelines for Fair Recruitment adopted (Tripartite "
     "Meeting of Experts)", "fair_recruitment_principles_2016", "ilo",
     "ILO General Principles and Operational Guidelines for Fair Recruitment", "", "", "",
     "ilo2019fairrecruitment", "", "Developed by a tripartite meeting of experts."),
    ("Definition of recruitment fees adopted by ILO Governing Body", "recruitment_fees_definition_2019",
     "ilo", "ILO definition of recruitment fees and related costs", "", "", "",
     "ilo2019fairrecruitment", "", "Adopted by a tripartite meeting of experts in November 2018; the "
     "Governing Body approved it in March 2019. Workers should pay no recruitment fees or related costs."),
]

# Dates read for the course in sources that t7 does not cover: (id, strand, event, host, role,
# place, citation key, start, end, note, source, status).
OTHER_GOVERNANCE = [
    ("budapest_process_1993", "regional", "Budapest Process", "", "", "", "iomrcps", "1993", "",
     "A regional consultative process that grew from a forum of European countries into a European-Asian "
     "dialogue; its secretariat is the International Centre for Migration Policy Development.",
     "IOM, 'Budapest Process' (https://www.iom.int/budapest-process): 'Established: 1993'", "verified_primary"),
    ("puebla_process_1996", "regional", "Puebla Process (Regional Conference on Migration)", "MEX", "host",
     "Puebla", "iomrcps", "1996-03", "", "Born of the Tuxtla II presidential summit of February 1996; "
     "the ILO is among its observer organisations.",
     "IOM, 'Puebla Process' (https://www.iom.int/puebla-process): 'Established: 1996'; Regional Conference "
     "on Migration, 'About us' (https://portal.crmsv.org/en/about-us): first meeting in March 1996 in Puebla",
     "verified_primary"),
    ("bali_process_2002", "regional", "Bali Process on People Smuggling, Trafficking in Persons and Related "
     "Transnational Crime", "IDN", "host", "Bali", "baliprocess", "2002", "",
     "Co-chaired by Indonesia and Australia; its name shows its focus on smuggling, trafficking and crime.",
     "Bali Process, 'About the Bali Process' (https://www.baliprocess.net/): 'Since its inception in 2002'",
     "verified_primary"),
    ("hld_2013", "united_nations", "Second UN High-level Dialogue on International Migration and Development",
     "", "", "New York", "ilo2013globalpolicy", "2013-10-03", "2013-10-04", "",
     "ILO, 'Global policy debates' (http://www.ilo.org/migrant/global-policy-debates/lang--en/index.htm)",
     "verified_primary"),
]


BRIEF_SOURCE = ("ILO International Migration Programme, 'International Labour Migration and Development: "
                "The ILO Perspective' (shared/seed/000_e2a063f966683b68.txt)")


def _t7_dates(value: str) -> tuple[str, str]:
    """('2008-10-27', '2008-10-30') from t7's '2008-10-27 to 2008-10-30'; '2006 (early)' -> ('2006', '')."""
    start, _, end = value.partition(" to ")
    return start.split(" ")[0], end.strip()


def build_governance_milestones(ref: Path) -> pd.DataFrame:
    """Key dates of the global governance of migration, 1993-2024, one row per event.

    Most rows come from published/t7 (only rows whose status allows use in class), with t7's
    source and status; a few regional processes and the second High-level Dialogue were read
    for the course in the sources named in OTHER_GOVERNANCE.
    """
    t7 = pd.read_csv(ref / "published/t7_key_dates_global_governance.csv", dtype=str).set_index("item")
    rows = []
    for item, event_id, strand, event, host, role, place, key, start, note in T7_GOVERNANCE:
        row = t7.loc[item]
        if row["status"] not in ("verified_primary", "verified_secondary", "local_file"):
            raise ValueError(f"t7 row {item!r} has status {row['status']}; it must not be used")
        t7_start, end = _t7_dates(row["value"])
        source = f"{row['source_publisher']}, '{row['source_title']}' ({row['source_url_or_repo_path']})"
        status = row["status"]
        if key == "ilo2008brief" and status != "local_file":
            # The brief itself states the event (the seed text, read here), so it is the source.
            source, status = BRIEF_SOURCE, "local_file"
        elif status == "verified_secondary":
            source += "; a report of the event, not the organiser's own record"
        rows.append(dict(event_id=event_id, strand=strand, event=event, start=start or t7_start, end=end,
                         year=int((start or t7_start)[:4]), host_country_code=host, host_role=role,
                         place=place, note=note, source=source, citation_key=key, status=status))
    for event_id, strand, event, host, role, place, key, start, end, note, source, status in OTHER_GOVERNANCE:
        rows.append(dict(event_id=event_id, strand=strand, event=event, start=start, end=end,
                         year=int(start[:4]), host_country_code=host, host_role=role, place=place,
                         note=note, source=source, citation_key=key, status=status))
    return pd.DataFrame(rows).sort_values(["start", "event_id"]).reset_index(drop=True)


# Remittances, aid and investment (lesson 2). Groups are the World Bank's, fixed at the income
# classification of the May 2023 WDI release for every year (as WDI itself does), and every
# flow is a sum over the group's countries that report it.
WB_INCOME = {"LIC": "Low income", "LMC": "Lower middle income", "UMC": "Upper middle income"}
WB_REGIONS = {"EAP": "East Asia & Pacific", "ECA": "Europe & Central Asia",
              "LAC": "Latin America & Caribbean", "MNA": "Middle East & North Africa",
              "SAS": "South Asia", "SSA": "Sub-Saharan Africa"}
# Net ODA exists in the extracts only for these aggregates (course group -> WDI aggregate).
# SSF is all of Sub-Saharan Africa, so it includes Seychelles, the region's one high-income country.
ODA_AGGREGATES = {"LMY": "LMY", "LIC": "LIC", "LMC": "LMC", "UMC": "UMC", "SAS": "SAS", "SSA": "SSF"}
REMITTANCES_RECEIVED = "BX.TRF.PWKR.CD.DT"
FIRST_REMITTANCE_YEAR, FIRST_DEC2024_YEAR = 1970, 1990


def _country_flows(ref: Path) -> pd.DataFrame:
    """Remittances (1970-2023), FDI net inflows and GDP (1990-2023) by country, current US$.

    The Dec 2024 WDI vintage starts in 1990, so earlier remittances come from the May 2023
    vintage; the two agree exactly for every country in 1990-2004, so the join is seamless.
    """
    may2023 = pd.read_csv(ref / "worldbank-wdi-2023/wdi_remittance_indicators_long.csv")
    early = may2023[(may2023["indicator_code"] == REMITTANCES_RECEIVED)
                    & may2023["year"].between(FIRST_REMITTANCE_YEAR, FIRST_DEC2024_YEAR - 1)]
    early = early.rename(columns={"value": "remittances_usd"})[["country_code", "year", "remittances_usd"]]
    dec2024 = pd.read_csv(ref / "iom-gdidata/wdi_indicators_long.csv")
    dec2024 = dec2024[dec2024["indicator"].isin(["remin", "fdiin", "gdp"])]
    late = dec2024.pivot_table(index=["geo", "year"], columns="indicator", values="value").reset_index()
    late = late.rename(columns={"geo": "country_code", "remin": "remittances_usd", "fdiin": "fdi_usd",
                                "gdp": "gdp_usd"})
    flows = pd.concat([early, late], ignore_index=True)
    return flows[["country_code", "year", "remittances_usd", "fdi_usd", "gdp_usd"]]


def build_remittance_flows_by_country(ref: Path, countries: pd.DataFrame) -> pd.DataFrame:
    flows = _country_flows(ref)
    flows = flows[flows["country_code"].isin(countries["country_code"])]
    flows = flows.dropna(subset=["remittances_usd", "fdi_usd", "gdp_usd"], how="all").copy()
    for column in ("remittances_usd", "fdi_usd", "gdp_usd"):
        flows[column] = flows[column].round(0).astype("Int64")
    return flows.sort_values(["country_code", "year"])


def _share(flows: pd.DataFrame, column: str) -> float:
    """A flow as a percentage of GDP over the countries that report both (so early gaps in
    either series do not bias the ratio)."""
    both = flows.dropna(subset=[column, "gdp_usd"])
    return 100 * both[column].sum() / both["gdp_usd"].sum() if len(both) else float("nan")


def _remittance_groups(ref: Path) -> dict[str, pd.DataFrame]:
    """The course's groups of low- and middle-income countries: code -> member rows."""
    groups_of = pd.read_csv(ref / "worldbank-wdi-2023/wdi_country_classification_2023.csv")
    lmic = groups_of[groups_of["income_group"].isin(WB_INCOME.values())]
    members = {"LMY": lmic, "LMY_EX_CHN": lmic[lmic["country_code"] != "CHN"]}
    members.update({code: lmic[lmic["income_group"] == name] for code, name in WB_INCOME.items()})
    members.update({code: lmic[lmic["region"] == name] for code, name in WB_REGIONS.items()})
    return members


def build_remittance_group_members(ref: Path) -> pd.DataFrame:
    members = _remittance_groups(ref)
    return pd.concat([pd.DataFrame({"group_code": code, "country_code": rows["country_code"]})
                      for code, rows in members.items()]).sort_values(["group_code", "country_code"])


def build_remittance_flows_by_group(ref: Path) -> pd.DataFrame:
    members = _remittance_groups(ref)
    flows = _country_flows(ref)
    oda = pd.read_csv(ref / "worldbank-wdi-oda-aggregates/wdi_DT.ODA.ODAT.CD_aggregates_1970_2022.csv")
    oda = oda.pivot(index="year", columns="country_code", values="value")
    knomad = pd.read_csv(ref / "derived/lmic_remittances_fdi_oda_1970_2023.csv").set_index("year")[
        "remittances_LMIC_knomad_june2023_usd"]
    rows = []
    for code, group in members.items():
        in_group = flows[flows["country_code"].isin(group["country_code"])]
        for year in range(FIRST_REMITTANCE_YEAR, 2024):
            this = in_group[in_group["year"] == year]
            gdp = this["gdp_usd"].sum() if this["gdp_usd"].notna().any() else None
            row = {"group_code": code, "year": year, "countries_in_group": len(group),
                   "remittances_usd": this["remittances_usd"].sum() if this["remittances_usd"].notna().any() else None,
                   "remittances_reporting": int(this["remittances_usd"].notna().sum()),
                   "fdi_usd": this["fdi_usd"].sum() if this["fdi_usd"].notna().any() else None,
                   "oda_usd": oda.at[year, ODA_AGGREGATES[code]] if code in ODA_AGGREGATES and year in oda.index else None,
                   "gdp_usd": gdp,
                   "remittances_pct_gdp": _share(this, "remittances_usd") if gdp else None,
                   "fdi_pct_gdp": _share(this, "fdi_usd") if gdp else None,
                   "remittances_knomad_usd": knomad.get(year) if code == "LMY" else None}
            row["oda_pct_gdp"] = 100 * row["oda_usd"] / gdp if gdp and row["oda_usd"] is not None else None
            rows.append(row)
    table = pd.DataFrame(rows)
    for column in ("remittances_usd", "fdi_usd", "oda_usd", "gdp_usd", "remittances_knomad_usd"):
        table[column] = pd.to_numeric(table[column]).round(0).astype("Int64")
    for column in ("remittances_pct_gdp", "fdi_pct_gdp", "oda_pct_gdp"):
        table[column] = pd.to_numeric(table[column]).round(3)
    return table[["group_code", "year", "countries_in_group", "remittances_reporting", "remittances_usd",
                  "remittances_knomad_usd", "fdi_usd", "oda_usd", "gdp_usd", "remittances_pct_gdp",
                  "fdi_pct_gdp", "oda_pct_gdp"]]


def build_remittance_costs_by_country(ref: Path, countries: pd.DataFrame) -> pd.DataFrame:
    """The World Bank's Remittance Prices Worldwide averages by country, as published in WDI."""
    wdi = pd.read_csv(ref / "worldbank-wdi-2023/wdi_remittance_indicators_long.csv")
    wdi = wdi[wdi["indicator_code"].isin(["SI.RMT.COST.IB.ZS", "SI.RMT.COST.OB.ZS"])]
    costs = wdi.pivot_table(index=["country_code", "year"], columns="indicator_code", values="value").reset_index()
    costs = costs.rename(columns={"SI.RMT.COST.IB.ZS": "cost_to_country_pct",
                                  "SI.RMT.COST.OB.ZS": "cost_from_country_pct"})
    costs = costs[costs["country_code"].isin(countries["country_code"])]
    for column in ("cost_to_country_pct", "cost_from_country_pct"):
        costs[column] = costs[column].round(2)
    return costs[["country_code", "year", "cost_to_country_pct", "cost_from_country_pct"]].sort_values(
        ["country_code", "year"])


# Instruments that protect migrant workers (lesson 5): who has ratified them, and the
# published totals. The per-country lists come from published/t1 (ILO NORMLEX, the UN Treaty
# Collection, the Swiss treaty list...) and the UN Treaty Collection scrape of May 2022;
# rows marked not_verified in t1 are never used.
T1 = "published/t1_ratifications_ilo_c97_c143_c189_p029_icrmw.csv"
ICRMW_SCRAPE = "un-treaty-icmw/hr_status_icmw.csv"
USABLE = {"verified_primary", "verified_secondary", "local_file", "computed"}
# t1 names that the UN country list spells differently.
T1_TO_ISO3 = {
    "Bolivia": "BOL", "Congo": "COG", "Netherlands": "NLD", "Sao Tome and Principe": "STP",
    "North Macedonia (listed as 'Republic of Macedonia')": "MKD", "United Kingdom": "GBR",
    "Czech Republic": "CZE",
}
# The May 2022 scrape still uses East Timor's old ISO code.
SCRAPE_ISO2_FIX = {"TP": "TL"}
# C97's 2023 ratification is listed as 'Congo' by NORMLEX and as the Democratic Republic of
# the Congo by the Dutch treaty database: both are in Africa, but which Congo is not known.
C97_CONGO = "Congo (see note)"
# States bound by P029 when it entered into force (9 Nov 2016), from t1's list of nine; only
# some of them have a ratification date of their own in t1.
P029_BOUND_AT_ENTRY = ["Niger", "Norway", "United Kingdom", "Mauritania", "Mali", "France",
                       "Czech Republic", "Panama", "Argentina"]
RATIFICATION_ITEMS = {  # t1 item -> instrument
    "C097 ratification (registration) date": "C97",
    "C143 ratification year": "C143",
    "C189 ratification date": "C189",
    "P029 ratification date": "P029",
    "ICRMW ratification/accession date": "ICRMW",
    "ICRMW ratification/accession year": "ICRMW",
}
TOTAL_ITEMS = {  # t1 item -> (instrument, what is counted)
    "C097 Migration for Employment Convention (Revised), 1949: total ratifications": ("C97", "ratifications"),
    "C097: total ratifications (older count)": ("C97", "ratifications"),
    "C143 Migrant Workers (Supplementary Provisions) Convention, 1975: total ratifications": ("C143", "ratifications"),
    "C143: total ratifications": ("C143", "ratifications"),
    "C189 Domestic Workers Convention, 2011: states parties (count of Swiss list)": ("C189", "ratifications"),
    "C189: total ratifications": ("C189", "ratifications"),
    "P029: states bound at entry into force": ("P029", "ratifications"),
    "P029: total ratifications": ("P029", "ratifications"),
    "ICRMW: states parties": ("ICRMW", "states parties"),
    "ICRMW: signatories": ("ICRMW", "signatories"),
}
# The date each total describes, where t1's year_of_value is a range or an approximation:
# C97's 54 includes Congo's ratification of 26 Oct 2023; the UN Treaty Collection's 59 parties
# and 40 signatories include Côte d'Ivoire's accession of 26 Sep 2023.
TOTAL_AS_OF = {("C97", "54"): "2023-10-26", ("ICRMW", "59"): "2023-09-26",
               ("ICRMW", "40"): "2023-09-26", ("ICRMW", "57"): "2022-05"}
# The publisher behind each list, as a key in book/references.bib: the ILO's NORMLEX for the
# ILO instruments (several counts were read in copies that report it), the UN Treaty
# Collection for the UN Convention, and the Swiss treaty collection for C189's list of 2020.
CITATION = {"C97": "normlex", "C143": "normlex", "C189": "normlex", "P029": "normlex",
            "ICRMW": "untcicrmw"}


def _citation(instrument: str, source: str) -> str:
    return "fedlexc189" if "Swiss" in source else CITATION[instrument]


def _t1_date(value: str) -> str:
    """A t1 date cell as YYYY, YYYY-MM or YYYY-MM-DD ('2012-09-20 (as printed; see note)' too)."""
    match = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", str(value).strip())
    if not match:
        raise ValueError(f"not a date: {value!r}")
    return match.group(0)


def build_instrument_tables(ref: Path, countries: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """instrument_ratifications.csv and instrument_totals.csv from published/t1 and the scrape.

    Ratifications: one row per instrument and state. The UN Convention (ICRMW) has a row for
    each of the 193 UN member States of the May 2022 scrape (party, signatory or no action),
    updated with the two accessions t1 dates after it (Malawi, Côte d'Ivoire), with the exact
    date from t1 where it has one; the ILO instruments have a row for each state t1 lists as
    having ratified, dated where t1 dates it (those lists are incomplete). Totals: every
    published count in t1 with a usable status.
    """
    t1 = pd.read_csv(ref / T1, dtype=str, keep_default_na=False)
    t1 = t1[t1["status"].isin(USABLE)]
    names = pd.read_csv(ref / "iom-gdidata/countrynames.csv", dtype=str, keep_default_na=False)
    to_iso3 = {}
    for column in ("name", "name_sort", "name_text"):
        to_iso3.update({n.casefold(): code for n, code in zip(names[column], names["iso3"]) if n})
    to_iso3.update({n.casefold(): code for n, code in T1_TO_ISO3.items()})
    region = dict(zip(countries["country_code"], countries["region"]))
    short_name = dict(zip(countries["country_code"], countries["country_name"]))

    def row(instrument, code, name, status, date, source, source_status, note="", where=None):
        if where is None:
            assert code in region, (instrument, code, name)
        return {"instrument_id": instrument, "country_code": code,
                "country_name": short_name.get(code, name), "region": where or region[code],
                "status": status, "date": date, "year": int(date[:4]) if date else None,
                "source": source, "source_status": source_status,
                "citation_key": _citation(instrument, source), "note": note}

    rows = []
    # 1. The UN Convention: every UN member State, from the scrape (years), then t1 (dates).
    scrape = pd.read_csv(ref / ICRMW_SCRAPE, dtype=str, keep_default_na=False)
    scrape["iso2"] = scrape["iso2"].replace(SCRAPE_ISO2_FIX)
    scrape = scrape.merge(names.loc[names["iso2"] != "", ["iso2", "iso3"]], on="iso2", how="left",
                          validate="one_to_one")
    dated = t1[t1["item"].map(RATIFICATION_ITEMS) == "ICRMW"].copy()
    dated["code"] = dated["country"].str.casefold().map(to_iso3)
    assert dated["code"].notna().all(), dated.loc[dated["code"].isna(), "country"].tolist()
    signed = t1[t1["item"] == "ICRMW signature only (not a party)"].copy()
    signed["code"] = signed["country"].str.casefold().map(to_iso3)
    dated, signed = dated.set_index("code"), signed.set_index("code")
    scrape_note = "UN Treaty Collection, status of about May 2022 (world-politics-datalab scrape)"
    for _, state in scrape.iterrows():
        code = state["iso3"]
        if code in dated.index:
            found = dated.loc[code]
            date = _t1_date(found["value"])
            year = state["year ratification or accession"]
            # t1 and the scrape read the same UN table at different times: they must agree.
            assert not year or int(float(year)) == int(date[:4]), (code, year, date)
            rows.append(row("ICRMW", code, state["member"], "party", date, found["source_title"],
                            found["status"], found["note"]))
        elif state["status"] == "signatory state":
            date = _t1_date(signed.loc[code, "value"]) if code in signed.index else ""
            rows.append(row("ICRMW", code, state["member"], "signatory", date,
                            signed.loc[code, "source_title"] if code in signed.index else scrape_note,
                            signed.loc[code, "status"] if code in signed.index else "local_file",
                            "signed, not ratified; the date is the signature's" if date
                            else "signed, not ratified (as of May 2022); signature date not sourced"))
        else:
            assert state["status"] == "no action", state["member"]
            rows.append(row("ICRMW", code, state["member"], "no action", "", scrape_note, "local_file",
                            "neither signed nor ratified as of May 2022"))
    missing = set(dated.index) - set(scrape["iso3"])
    assert not missing, missing
    # 2. The ILO instruments: the states t1 lists, dated where it can.
    ilo = t1[t1["item"].map(RATIFICATION_ITEMS).isin(["C97", "C143", "C189", "P029"])]
    for _, found in ilo.iterrows():
        instrument = RATIFICATION_ITEMS[found["item"]]
        if found["country"] == C97_CONGO:
            rows.append(row(instrument, "", "Congo (which Congo is not resolved)", "party",
                            _t1_date(found["value"]), found["source_title"], found["status"],
                            found["note"], where="Africa"))
            continue
        code = to_iso3[found["country"].casefold()]
        note = found["note"]
        if "as printed" in found["value"]:
            # The source contradicts itself on this date; the lesson flags it rather than fix it.
            note = "Date as printed in the source, which is inconsistent. " + note
        rows.append(row(instrument, code, found["country"], "party", _t1_date(found["value"]),
                        found["source_title"], found["status"], note))
    netherlands = t1[t1["item"] == "C097 entry into force for the Netherlands (in Europe)"].iloc[0]
    rows.append(row("C97", "NLD", "Netherlands", "party", "", netherlands["source_title"],
                    netherlands["status"], "a party: in force for the Netherlands from "
                    f"{netherlands['value']}; the ratification date was not read"))
    bound = t1[t1["item"] == "P029: states bound at entry into force"].iloc[0]
    dated_p029 = {r["country_name"] for r in rows if r["instrument_id"] == "P029"}
    for name in P029_BOUND_AT_ENTRY:
        code = to_iso3[name.casefold()]
        if short_name.get(code, name) not in dated_p029:
            rows.append(row("P029", code, name, "party", "", bound["source_title"], bound["status"],
                            "bound when the Protocol entered into force on 2016-11-09, so it "
                            "ratified before then; its date was not read"))
    austria = t1[t1["item"] == "P029 entry into force for Austria"].iloc[0]
    rows.append(row("P029", "AUT", "Austria", "party", "", austria["source_title"], austria["status"],
                    f"a party: in force for Austria from {austria['value']}; the ratification "
                    "date was not read"))
    ratifications = pd.DataFrame(rows)
    ratifications["year"] = ratifications["year"].astype("Int64")
    order = {"ICRMW": 0, "C97": 1, "C143": 2, "C189": 3, "P029": 4}
    ratifications = ratifications.sort_values(
        ["instrument_id", "country_name"], key=lambda s: s.map(order) if s.name == "instrument_id" else s)

    # 3. Published totals.
    totals = []
    for _, found in t1[t1["item"].isin(TOTAL_ITEMS)].iterrows():
        instrument, counted = TOTAL_ITEMS[found["item"]]
        as_of = TOTAL_AS_OF.get((instrument, found["value"]), found["year_of_value"])
        totals.append({"instrument_id": instrument, "counted": counted, "count": int(found["value"]),
                       "as_of": _t1_date(as_of), "source": f"{found['source_title']} "
                       f"({found['source_publisher']})", "source_status": found["status"],
                       "citation_key": _citation(instrument, found["source_title"]), "note": found["note"]})
    totals = pd.DataFrame(totals).sort_values(["instrument_id", "as_of", "count"],
                                              key=lambda s: s.map(order) if s.name == "instrument_id" else s)
    return {"instrument_ratifications.csv": ratifications.reset_index(drop=True),
            "instrument_totals.csv": totals.reset_index(drop=True)}


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
        "corridor_migrant_stock.csv": build_corridor_migrant_stock(ref),
        **build_instrument_tables(ref, countries),
        "remittance_flows_by_group.csv": build_remittance_flows_by_group(ref),
        "remittance_group_members.csv": build_remittance_group_members(ref),
        "remittance_flows_by_country.csv": build_remittance_flows_by_country(ref, countries),
        "remittance_costs_by_country.csv": build_remittance_costs_by_country(ref, countries),
        "governance_milestones.csv": build_governance_milestones(ref),
        "physician_density.csv": build_physician_density(ref, countries),
        "skilled_emigration.csv": build_skilled_emigration(ref),
        "health_worker_shortage_2006.csv": build_health_worker_shortage_2006(ref),
    }
    for name, table in tables.items():
        table.to_csv(DATA / name, index=False)
        print(f"wrote data/{name}: {len(table)} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference-data")
