"""What `graphkit analyze` shows: the analyses of a store's event graph, as terminal tables or JSON."""
from __future__ import annotations

import json
from typing import Optional

from . import analysis
from .graph import country_graph, load_graph
from .sinks.store import Store

LEVELS = ("country", "actor")
FORMATS = ("table", "json")


def analyze(store: Store, level: str = "country", top: int = 10, facts_only: bool = True,
            start: Optional[str] = None, end: Optional[str] = None) -> dict:
    """The analyses of the store's events (graphkit.analysis.summary) as plain data.

    Parameters
    ----------
    store : the store
    level : "country" (people, agents and organisations rolled up to their state) or "actor"
    top : rows per table (at least 1)
    facts_only : leave out negated and hypothetical assertions
    start, end : only events dated in [start, end] (ISO 8601)

    Examples
    --------
    >>> import tempfile, os
    >>> with Store.open(os.path.join(tempfile.mkdtemp(), "g.db")) as st:
    ...     analyze(st)["nodes"]
    0
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    G = load_graph(store, facts_only=facts_only, events_only=True, start=start, end=end)
    return analysis.summary(country_graph(G) if level == "country" else G, top)


def render(result: dict, fmt: str = "table") -> str:
    """`analyze`'s result as text: aligned tables, or JSON."""
    if fmt == "json":
        return json.dumps(result, indent=1, ensure_ascii=False)
    if fmt != "table":
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    r = result
    out = [f"{r['nodes']} actors, {r['edges']} assertions"]

    def table(title, rows, cols):
        if not rows:
            return
        widths = [max(len(str(c)), *(len(str(x.get(c, ''))) for x in rows)) for c in cols]
        out.append("")
        out.append(title)
        out.append("  ".join(str(c).ljust(w) for c, w in zip(cols, widths)))
        out.append("  ".join("-" * w for w in widths))
        for x in rows:
            out.append("  ".join(str(x.get(c, "")).ljust(w) for c, w in zip(cols, widths)))

    table("Degree (assertions)", r["degree"], ["name", "type", "score"])
    table("PageRank", r["pagerank"], ["name", "type", "score"])
    table("Betweenness", r["betweenness"], ["name", "type", "score"])
    table("Most cooperative dyads", r["dyads"]["cooperative"], ["source_name", "target_name", "events", "score"])
    table("Most conflictual dyads", r["dyads"]["conflictual"], ["source_name", "target_name", "events", "score"])
    table("Brokers", r["brokers"], ["name", "communities_bridged", "betweenness"])
    if r["communities"]:
        out.append("")
        out.append("Communities")
        for i, c in enumerate(r["communities"], 1):
            out.append(f"  {i}. " + ", ".join(c[:12]) + (f" … (+{len(c) - 12})" if len(c) > 12 else ""))
    return "\n".join(out)
