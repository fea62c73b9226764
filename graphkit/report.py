"""What `graphkit analyze` shows: the analyses of a store's event graph, as terminal tables or JSON."""
from __future__ import annotations

import json
from typing import Optional

from . import analysis
from .graph import load_graph
from .sinks.store import Store

LEVELS = ("country", "actor")
FORMATS = ("table", "json")


def analyze(store: Store, level: str = "country", top: int = 10, facts_only: bool = True,
            start: Optional[str] = None, end: Optional[str] = None, by: Optional[str] = None,
            one_a_day: bool = False) -> dict:
    """The analyses of the store's events (graphkit.analysis.summary), or with `by` their dyad time
    series (graphkit.analysis.timeline), as plain data. Pairs of actors are summed in SQL, so a million
    assertions take seconds.

    Parameters
    ----------
    store : the store
    level : "country" (people, agents and organisations rolled up to their state) or "actor"
    top : rows per table (at least 1)
    facts_only : leave out negated and hypothetical assertions
    start, end : only events dated in [start, end] (ISO 8601)
    by : "day", "week", "month" or "year": events and mean cooperation-conflict score per period
    one_a_day : count one event per (source, event, target, day)

    Examples
    --------
    >>> import tempfile, os
    >>> with Store.open(os.path.join(tempfile.mkdtemp(), "g.db")) as st:
    ...     analyze(st)["nodes"], analyze(st, by="month")["dyads"]
    (0, [])
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    G = load_graph(store, facts_only=facts_only, events_only=True, start=start, end=end, pairs=True, by=by,
                   one_a_day=one_a_day, level=level)
    return {"level": level, **(analysis.timeline(G, top=top) if by else analysis.summary(G, top))}


def _table(out: list, title: str, rows: list, cols: list) -> None:
    if not rows:
        return
    widths = [max(len(str(c)), *(len(str(x.get(c, ''))) for x in rows)) for c in cols]
    out.append("")
    out.append(title)
    out.append("  ".join(str(c).ljust(w) for c, w in zip(cols, widths)))
    out.append("  ".join("-" * w for w in widths))
    for x in rows:
        out.append("  ".join(str("" if x.get(c) is None else x[c]).ljust(w) for c, w in zip(cols, widths)))


def render(result: dict, fmt: str = "table") -> str:
    """`analyze`'s result as text: aligned tables, or JSON."""
    if fmt == "json":
        return json.dumps(result, indent=1, ensure_ascii=False)
    if fmt != "table":
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    r = result
    if "by" in r:
        counting = "one event per source, event, target and day" if r["one_a_day"] else "every report"
        out = [f"events per {r['by']} ({counting}); {r['undated']} undated events left out"]
        _table(out, "All events", r["events"], ["period", "events", "score"])
        for d in r["dyads"]:
            _table(out, f"{d['source_name']} -> {d['target_name']}: {d['events']} events, mean score {d['score']}",
                   d["series"], ["period", "events", "score"])
        return "\n".join(out)
    how = r["methods"]
    out = [f"{r['nodes']} actors, {r['edges']} assertions ({r['pairs']} pairs of actors)"]
    _table(out, "Degree (assertions)", r["degree"], ["name", "type", "score"])
    _table(out, "PageRank", r["pagerank"], ["name", "type", "score"])
    _table(out, f"Betweenness ({how.get('betweenness')})", r["betweenness"], ["name", "type", "score"])
    _table(out, "Most cooperative dyads", r["dyads"]["cooperative"], ["source_name", "target_name", "events", "score"])
    _table(out, "Most conflictual dyads", r["dyads"]["conflictual"], ["source_name", "target_name", "events", "score"])
    _table(out, "Brokers", r["brokers"], ["name", "communities_bridged", "betweenness"])
    if r["communities"]:
        out.append("")
        out.append(f"Communities ({how.get('communities')})")
        for i, c in enumerate(r["communities"], 1):
            out.append(f"  {i}. " + ", ".join(c[:12]) + (f" … (+{len(c) - 12})" if len(c) > 12 else ""))
    return "\n".join(out)
