"""The notebook runs from top to bottom (a failing cell fails the test); conftest runs it in a fresh kernel
from the start of the session, beside the other tests."""


def test_explore_notebook_executes(executed_notebook):
    nb = executed_notebook
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "PageRank (countries)" in outputs and "conflictual" in outputs
    assert "2022-02  3 events, mean score -10.00" in outputs  # the dated corpus's Russia -> Ukraine line
    pictures = [o for c in nb.cells for o in c.get("outputs", [])
                if o.get("output_type") == "display_data" and "image/png" in o.get("data", {})]
    assert len(pictures) == 2  # the actor graph and the dyad's timeline
