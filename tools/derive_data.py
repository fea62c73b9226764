#!/usr/bin/env python3
"""Derive graphkit's curated dictionaries (graphkit/data/*.tsv) from the public sources in ../shared/data.

Run from the project root:  python3 tools/derive_data.py [--shared ../shared/data]

The derived files are committed; this script documents exactly how each came to be, so
a maintainer can refresh them when the sources change. Hand-curated supplements
(seats of power, international organisations, nominal events, a few verbs the 2015
verb dictionary lacks) live in graphkit/data/*.curated.tsv and are never overwritten.
"""
from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path
from typing import Iterator, Optional

HERE = Path(__file__).resolve().parent.parent
OUT = HERE / "graphkit" / "data"

MIT_PETRARCH = "MIT License, Copyright (c) 2014-2015 Open Event Data Alliance (openeventdata/petrarch2)"


def phrase(s: str) -> str:
    """TABARI phrase (`WHITE_HOUSE_`) -> plain text (`white house`)."""
    s = s.strip().rstrip("_").replace("_", " ")
    return re.sub(r"\s+", " ", s).strip().lower()


def header(path: Path, source: str, licence: str, columns: list[str], note: str = "") -> list[str]:
    lines = [f"# graphkit data file: {path.name}", f"# Derived by tools/derive_data.py from {source}.",
             f"# Source licence: {licence}."]
    if note:
        lines += [f"# {line}" for line in note.splitlines()]
    lines.append("\t".join(columns))
    return lines


def write(path: Path, head: list[str], rows) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n")
        for r in rows:
            f.write("\t".join("" if v is None else str(v) for v in r) + "\n")
    print(f"wrote {path.relative_to(HERE)}")


def smart_title(s: str) -> str:
    """'u.k.' -> 'U.K.', 'great britain' -> 'Great Britain'; short all-consonant words stay upper case."""
    out = []
    for w in s.split():
        bare = w.replace(".", "")
        out.append(w.upper() if (len(bare) <= 3 and not re.search(r"[aeiou]", bare[1:] or "x")) or "." in w
                   else w[:1].upper() + w[1:])
    return " ".join(out)


# --------------------------------------------------------------------------- countries
def countries(shared: Path) -> None:
    names: dict[str, str] = {}
    nationality: dict[str, list[str]] = {}
    demonyms: dict[str, list[str]] = defaultdict(list)
    aliases: dict[str, list[str]] = defaultdict(list)
    variants: dict[str, list[str]] = defaultdict(list)
    with (shared / "countries" / "countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iso3 = row["CCA3"].strip()
            # states only: not the EU/UN rows (CCA2 "NA") nor the sub-state entities ("UKRPRE")
            if len(iso3) == 3 and row["CCA2"].strip() not in ("", "NA"):
                names[iso3] = row["Name"].strip()
                nationality[iso3] = [n.strip() for n in (row.get("Nationality") or "").split(",") if n.strip()]
    info = (shared / "countries" / "CountryInfo.120116.txt").read_bytes().decode("latin-1")
    blocks = re.findall(r"<Country>(.*?)</Country>", info, flags=re.S)
    other_names = {n.lower(): k for k, n in names.items()}
    for block in blocks:  # territories CountryInfo lists on their own ("American Samoa")
        code = re.search(r"<CountryCode>(\w+)</CountryCode>", block)
        cname = re.search(r"<CountryName>(.*?)</CountryName>", block)
        if code and cname:
            other_names.setdefault(phrase(cname.group(1)), code.group(1))
    for iso3, nats in nationality.items():
        for nat in nats:
            # the list runs on into dependent territories ("Anguilla", "Puerto Rico"): stop at the first
            # entry that is another country's own name
            if other_names.get(nat.lower(), iso3) != iso3 or any(
                    w in nat for w in ("Territory", "Islands", "Isle of")):
                break
            # "People's Republic of China" is a name, "Chinese" a demonym: demonyms are one or two words
            if len(nat.split()) <= 2 and not nat.lower().startswith(("republic", "the ")):
                demonyms[iso3].append(nat)
            else:
                aliases[iso3].append(nat)
    capitals: dict[str, list[str]] = defaultdict(list)
    cities: dict[str, list[str]] = defaultdict(list)
    for block in blocks:
        m = re.search(r"<CountryCode>([A-Z]{3})</CountryCode>", block)
        if not m or m.group(1) not in names:
            continue
        nat = re.search(r"<Nationality>(.*?)</Nationality>", block, flags=re.S)
        for line in (nat.group(1).splitlines() if nat else []):
            line = line.split("#")[0].strip()
            if line and re.fullmatch(r"[A-Z][A-Z_.'\-]*", line) and line.count("_") <= 3:
                variants[m.group(1)].append(smart_title(phrase(line)))
        cities_block = re.search(r"<MajorCities>(.*?)</MajorCities>", block, flags=re.S)
        for line in (cities_block.group(1).splitlines() if cities_block else []):
            line = line.split("#")[0].strip()
            if line and re.fullmatch(r"[A-Z][A-Z_.'\-]*", line) and line.count("_") <= 3:
                cities[m.group(1)].append(smart_title(phrase(line)))
        cap = re.search(r"<Capital>(.*?)</Capital>", block, flags=re.S)
        if cap:
            for line in cap.group(1).splitlines():
                line = line.split("#")[0].strip()
                if line and "(" not in line:
                    capitals[m.group(1)].append(smart_title(phrase(line)))
    # a capital listed for two states (Belgrade under Serbia and under the former Serbia and Montenegro)
    # stays with the state whose capital list is the shortest, i.e. most specific
    claims: dict[str, list[str]] = defaultdict(list)
    for iso3, caps in capitals.items():
        for c in caps:
            claims[c].append(iso3)
    for c, owners in claims.items():
        if len(owners) > 1:
            keep = min(owners, key=lambda k: (len(capitals[k]), k))
            for k in owners:
                if k != keep:
                    capitals[k] = [x for x in capitals[k] if x != c]
    out = OUT / "countries.tsv"
    head = header(out, "../shared/data/countries/countries.csv (ISO codes, names, demonyms; MIT, ahalterman/NGEC) "
                  "and CountryInfo.120116.txt (capitals; CC BY-SA 3.0, openeventdata/CountryInfo)",
                  "MIT; CC BY-SA 3.0 (capitals column)",
                  ["id", "name", "aliases", "demonyms", "seats", "variants", "cities"],
                  "aliases, demonyms, seats and variants are |-separated. A seat (capital) names the state's\n"
                  "government. variants (CountryInfo's spellings and other languages) yield to any other\n"
                  "country's alias or demonym. cities (CountryInfo's major cities) only place events.")
    rows = []
    for iso3 in sorted(names):
        rows.append((iso3, names[iso3], "|".join(dict.fromkeys(aliases[iso3])),
                     "|".join(dict.fromkeys(demonyms[iso3])), "|".join(dict.fromkeys(capitals[iso3])),
                     "|".join(v for v in dict.fromkeys(variants[iso3]) if v not in aliases[iso3] + demonyms[iso3]),
                     "|".join(c for c in dict.fromkeys(cities[iso3]) if c not in capitals[iso3])))
    write(out, head, rows)


# --------------------------------------------------------------------------- people
CODE = re.compile(r"\[([A-Z~]{3,})(?:\s+([<>]?[0-9]{6,8})(?:-([0-9]{6,8}))?)?\]")


def _year(d: str) -> int:
    d = d.lstrip("<>")
    y = int(d[:2]) if len(d) == 6 else int(d[:4])
    if len(d) == 6:
        y += 1900 if y > 30 else 2000
    return y


def people(shared: Path) -> None:
    """Leaders from the Phoenix country dictionary (entries that CountryInfo contributed)."""
    text = (shared / "phoenix" / "Phoenix.Countries.actors.txt").read_text(encoding="latin-1")
    entries = []
    cur = None
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw[0] not in " \t+[":
            cur = {"name": raw.split("#")[0].split("[")[0], "syn": [], "codes": [], "person": "CountryInfo.txt" in raw}
            entries.append(cur)
            body = raw
        elif raw.startswith("+") and cur is not None:
            cur["syn"].append(raw[1:].split("#")[0].split("[")[0])
            body = raw
        else:
            body = raw
        if cur is not None:
            for m in CODE.finditer(body.split("#")[0]):
                cur["codes"].append(m.groups())
    org_words = {"ministry", "party", "army", "government", "council", "house", "office", "department", "court",
                 "forces", "regime", "administration", "agency", "bank", "police", "front", "movement", "union",
                 "committee", "assembly", "parliament", "cabinet", "embassy", "palace", "service", "guard",
                 "command", "authority", "commission", "republic", "state", "states", "kingdom", "people",
                 "group", "alliance", "coalition", "supporters", "loyalists", "camp", "troops", "militia"}
    titles = ("MR_", "MR._", "MRS_", "MS_", "PRESIDENT_", "PRIME_MINISTER_", "KING_", "SHEIKH_", "DR_", "GENERAL_")

    def is_person(e) -> bool:
        words = set(phrase(e["name"]).split())
        if words & org_words or not 2 <= len(words) <= 5:
            return False
        dated = any(start or end for _, start, end in e["codes"])
        titled = any(sy.strip().startswith(titles) for sy in e["syn"])
        return e["person"] or dated or titled

    rows = {}
    for e in entries:
        if not e["codes"] or not is_person(e):
            continue
        best = None  # the most recent role: open-ended (>date) beats a closed range, later beats earlier
        for code, start, end in e["codes"]:
            if len(code) < 6 or code.startswith("~"):
                continue
            if start and start.startswith(">"):
                rank = (3000, _year(start))
            elif end:
                rank = (_year(end), 0)
            elif start:
                rank = (_year(start), 0)
            else:
                rank = (0, 0)
            if best is None or rank > best[0]:
                best = (rank, code)
        if best is None or best[0][0] < 1995:
            continue
        code = best[1]
        name = phrase(e["name"]).title()
        if len(name.split()) < 2:
            continue
        syn = [phrase(s).title() for s in e["syn"]]
        # keep synonyms that are names (not "President Putin": titles are handled by the role lexicon)
        syn = [s for s in syn if s and len(s.split()) <= 4 and s != name and not set(s.lower().split()) & org_words]
        rows[name] = (name, code[:3], code[3:6], "|".join(dict.fromkeys(syn)))
    out = OUT / "people.tsv"
    head = header(out, "../shared/data/phoenix/Phoenix.Countries.actors.txt (leaders contributed by CountryInfo, "
                  "most recent role since 1995)", MIT_PETRARCH, ["name", "country", "sector", "aliases"],
                  "Dates stop about 2014: newer officials come from the text itself (role + country words).")
    write(out, head, sorted(rows.values()))


# --------------------------------------------------------------------------- agents
def agents(shared: Path) -> None:
    text = (shared / "phoenix" / "Phoenix.agents.txt").read_text(encoding="latin-1")
    subst = {}
    for m in re.finditer(r"^!(\w+)! = (.+)$", text, flags=re.M):
        subst[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
    rows = {}
    for raw in text.splitlines():
        m = re.match(r"^([A-Z][A-Z0-9_!'\-]*(?: [A-Z_]+)?)\s*(?:\{[^}]*\})?\s*\[~([A-Z]{3})", raw)
        if not m:
            continue
        word, sector = m.group(1), m.group(2)
        forms = [word]
        for key, vals in subst.items():
            if f"!{key}!" in word:
                forms = [f.replace(f"!{key}!", v) for f in forms for v in vals]
        for f in forms:
            p = phrase(f)
            if p and "!" not in p:
                rows.setdefault(p, (p, sector))
    out = OUT / "agents.tsv"
    head = header(out, "../shared/data/phoenix/Phoenix.agents.txt (role words -> primary sector)", MIT_PETRARCH,
                  ["role", "sector"])
    write(out, head, sorted(rows.values()))


# --------------------------------------------------------------------------- armed groups
REGION_CODES = {"IMG": "IMG"}  # a transnational militarised group keeps IMG; regions (MEA, SAS, ...) have no state
#: CAMEO's own codes for states whose ISO code differs
LEGACY_CODES = {"ANG": "AGO", "CFR": "CAF", "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GLP": "FRA", "PRI": "USA"}
#: an alias names a group only if it has one of these words (the file also lists members' personal names,
#: dates and numbers as synonyms, which would turn every "Abu Abdullah" into a group)
GROUP_WORDS = set("""army armies front brigade brigades movement organization organisation group groups party league
council union force forces militia militias cell cells commando commandos battalion battalions faction jihad committee
committees tigers guerrillas guerrilla resistance liberation revolutionary network mujahideen mujahidin jamaat jamaah
jemaah harakat harkat lashkar jaish hizb hezb ansar tanzim squad squads units unit alliance legion command nuclei
fighters""".split())
SMALL_WORDS = {"of", "the", "and", "for", "in", "de", "del", "la", "el", "al", "al-", "for", "to", "on", "du", "des"}


def group_title(p: str) -> str:
    words = smart_title(p).split()
    return " ".join(w.lower() if k and w.lower() in SMALL_WORDS else w for k, w in enumerate(words))


def phoenix_entries(text: str) -> Iterator[tuple[list[str], str, bool]]:
    """The entries of a Phoenix actor dictionary as (names, code, merged): an entry is a line naming it, the `+`
    lines after it (its synonyms) and its code, in brackets on its own line or on a following indented
    one. Entries that share a blank-line-separated block are different actors (a group, its leaders,
    other groups of the region), except that entries of one block coded alike down to a group of their
    own ("IMGSEAMUSJMA": Jemaah Islamiyah and its spellings) are one actor."""
    block: dict[str, list[list[str]]] = {}
    for names, code in _phoenix_lines(text):
        if names is None:
            yield from _merged(block)
            block = {}
        elif len(code) >= 9 and code[-3:] not in RELIGIONS:
            block.setdefault(code, []).append(names)
        else:
            block[f"{code} {len(block)}"] = [names]
    yield from _merged(block)


def _merged(block: dict[str, list[list[str]]]) -> Iterator[tuple[list[str], str, bool]]:
    for code, entries in block.items():
        yield [n for names in entries for n in names], code.split()[0], len(entries) > 1


# CAMEO's religion codes: a code ending in one ("IMGKASMUS", Kashmiri Muslim) says who, not which group
RELIGIONS = {"ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD", "ITR",
             "JAN", "JEW", "MOS", "MRM", "MUS", "SHI", "SIK", "SUN", "TAO", "ZRO"}


def _phoenix_lines(text: str) -> Iterator[tuple[Optional[list[str]], str]]:
    """The entries of a Phoenix dictionary in file order as (names, code); (None, "") ends a block."""
    names: list[str] = []
    code = None
    for raw in text.splitlines() + [""]:
        line = raw.split("#")[0].rstrip()
        word = re.sub(r"\[.*?\]", "", line).strip()
        starts = bool(word) and not word.startswith("+") and not raw[:1].isspace()
        if (starts or not line.strip()) and names:
            if code:
                yield names, code
            names, code = [], None
        if not raw.strip():
            yield None, ""
        m = re.search(r"\[([A-Z]{3,})[^\]]*\]", line)
        if m and code is None:
            code = m.group(1)
        word = word.lstrip("+").strip()
        if word and re.match(r"^[A-Z0-9]", word):
            names.append(word)


def groups(shared: Path) -> None:
    """Non-state armed groups of the Phoenix MilNonState dictionary: one row per entry, its home state
    (the code's first three letters when they are a state, IMG for transnational groups), its sector and
    its synonyms; a parenthesised acronym in a name ("..._(ERG)_") is an alias too."""
    states = {r.split("\t")[0] for r in (OUT / "countries.tsv").read_text(encoding="utf-8").splitlines()
              if r and not r.startswith("#")}
    text = (shared / "phoenix" / "Phoenix.MilNonState.actors.txt").read_text(encoding="latin-1")
    fold = lambda a: re.sub(r"[\s-]+", " ", a.strip().lower())  # noqa: E731  "Lashkar-e-Toiba", "Lashkar E Toiba"
    curated = {fold(a) for line in (OUT / "groups.curated.tsv").read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#") for a in line.split("\t")[5].split("|") + [line.split("\t")[1]]}
    out: dict[str, tuple] = {}
    for names, code, merged in phoenix_entries(text):
        home = LEGACY_CODES.get(code[:3], code[:3])
        country = home if home in states else REGION_CODES.get(home)
        sector = code[3:6] if code[3:6] in ("REB", "UAF", "MIL", "OPP", "PTY", "CRM", "SPY") else "REB"
        aliases = []
        head = names[0].rstrip("_")
        if not merged and head.isalpha() and len(head) <= 6:
            aliases.append(group_title(phrase(head)))  # a short one-word name heading its entry ("Amal")
        for n in names:
            acro = re.findall(r"\(([A-Z][A-Z0-9\-]{2,})\)", n)
            plain = group_title(phrase(re.sub(r"\(.*?\)", "", n)))
            if plain not in aliases and GROUP_WORDS & set(plain.lower().replace("-", " ").split()):
                aliases.append(plain)  # a name with a group word
            aliases += [a for a in acro if a not in aliases]
        if not aliases or any(fold(a) in curated for a in aliases):
            continue  # groups.curated.tsv has it, with today's names
        name = aliases[0]
        gid = "group:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        out.setdefault(gid, (gid, name, "group", country or "", sector, "|".join(aliases[1:])))
    dest = OUT / "groups.tsv"
    head = header(dest, "../shared/data/phoenix/Phoenix.MilNonState.actors.txt (armed groups, their home state "
                  "and synonyms)", MIT_PETRARCH, ["id", "name", "type", "country", "sector", "aliases"],
                  "Names from the START TOPS database via Phoenix (about 2013). groups.curated.tsv has today's\n"
                  "groups and spellings and wins over these rows. country: ISO3 home state, IMG for transnational\n"
                  "groups, empty for regional codes.")
    write(dest, head, sorted(out.values()))


# --------------------------------------------------------------------------- verbs
def pair_code(text: str):
    """A PETRARCH code as written: "042" (source to target), "042:043" (and 043 back from the target to the
    source), ":072" (only back: "received a loan from X" is X giving aid); None for none ("---")."""
    fwd, colon, back = text.partition(":")
    fwd = "" if fwd.startswith("-") else fwd
    back = "" if back.startswith("-") else back
    if not fwd and not back:
        return None
    return f"{fwd}:{back}" if back else fwd


def verbs(shared: Path) -> None:
    """The CAMEO verb dictionary as PETRARCH wrote it: every member verb of a group with its default code,
    and each pattern of the group in PETRARCH's own syntax, lower-cased: pre-verb nouns, `*` for the verb,
    post-verb nouns, `(prep noun)` phrases, `{multi word}` nouns, `&synset` references, `$` the source and
    `+` the target. graphkit/relations/lexicon.py parses and matches them on the dependency parse.
    The synonym sets go to verb_synsets.tsv."""
    text = (shared / "phoenix" / "CAMEO.2.0.txt").read_text(encoding="latin-1")
    head_part, _, body = text.partition("####### VERB PATTERNS #######")
    synsets = []
    cur = None
    for raw in head_part.splitlines():
        line = raw.split("#")[0].rstrip()
        if line.startswith("&"):
            cur = line.strip().rstrip("_").lower()
        elif line.startswith("+") and cur:
            synsets.append((cur, phrase(line[1:])))
        elif not line.strip():
            cur = None
    rows = []
    members: list[str] = []
    group_code = None
    for raw in body.splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"^---\s+(\S+)\s+\[(\S+)\]", line)
        if m:
            group_code = pair_code(m.group(2))
            members = []
            continue
        if line.startswith("-"):
            pm = re.match(r"^-\s*(.*?)\s*\[([0-9:\-]*)\]", line)
            if not pm or not members:
                continue
            code = pair_code(pm.group(2))
            pattern = re.sub(r"\s+", " ", pm.group(1).lower().replace("_", " ")).strip()
            if "*" not in pattern or not code or code.startswith("-"):
                continue
            rows += [(verb, pattern, code) for verb in members]
            continue
        vm = re.match(r"^\+?([A-Z][A-Z_'\-+]*)\s*(?:\{[^}]*\})?\s*(?:\[([0-9:\-]+)\])?", line.strip())
        if vm:
            verb = phrase(vm.group(1).replace("+", ""))
            code = pair_code(vm.group(2) or "") or group_code
            members.append(verb)
            if code and not code.startswith("-"):
                rows.append((verb, "", code))
    seen = {}
    for r in rows:
        seen.setdefault((r[0], r[1]), r)
    out = OUT / "verbs.tsv"
    head = header(out, "../shared/data/phoenix/CAMEO.2.0.txt (verb groups and their patterns)", MIT_PETRARCH,
                  ["verb", "pattern", "cameo"],
                  "verb: a lemma, or lemma + particle (\"ask for\"). pattern: PETRARCH's own syntax, lower-cased\n"
                  "(empty: the verb's default code): nouns before `*` belong to the subject, after it to the object;\n"
                  "`(prep noun)` a prepositional phrase; `{a b}` a multi-word noun; `&name` a synonym set of\n"
                  "verb_synsets.tsv; `$` marks the source and `+` the target (default: subject and object).\n"
                  "cameo: the code from source to target; \"a:b\" adds b back from the target to the source\n"
                  "(\"received the envoy\" 043:042, hosting and being visited); \":b\" is only that way back\n"
                  "(\"received a loan from X\" :071, X gave aid).")
    write(out, head, sorted(seen.values()))
    out = OUT / "verb_synsets.tsv"
    write(out, header(out, "../shared/data/phoenix/CAMEO.2.0.txt (synonym sets)", MIT_PETRARCH, ["synset", "phrase"]),
          sorted(set(synsets)))


# --------------------------------------------------------------------------- cameo
def cameo(shared: Path) -> None:
    plover = {}
    with (shared / "plover" / "cameo2plover.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            plover.setdefault(row["cameo"], (row["plover"], row["mode"]))
    rows = []
    with (shared / "cameo" / "icews_cameo-codes.csv").open(encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            code = row["code"]
            pl, mode = plover.get(code, ("", ""))
            rows.append((code, row["name"].strip(), row["goldstein"], pl, mode))
    out = OUT / "cameo.tsv"
    head = header(out, "../shared/data/cameo/icews_cameo-codes.csv (names, Goldstein scores; MIT, andybega/icews) "
                  "and ../shared/data/plover/cameo2plover.csv (PLOVER 2021 type and mode; CC BY-SA 4.0, "
                  "openeventdata/PLOVER)", "MIT; CC BY-SA 4.0 (plover, mode columns)",
                  ["cameo", "name", "goldstein", "plover", "mode"],
                  "Codes the PLOVER table leaves out (01 statements, 02 appeals) are completed in cameo.curated.tsv.")
    write(out, head, rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(HERE.parent / "shared" / "data"))
    args = ap.parse_args()
    shared = Path(args.shared)
    OUT.mkdir(parents=True, exist_ok=True)
    countries(shared)
    people(shared)
    agents(shared)
    groups(shared)
    verbs(shared)
    cameo(shared)


if __name__ == "__main__":
    main()
