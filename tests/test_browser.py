"""Neo4j Browser for real: headless Debian chromium (driven by Playwright) opens the Browser that
tools/neo4j-server serves, connects, takes graphkit's style from graphkit.grass dropped on it, runs a query
of cypher/queries, and sees graphkit's actors drawn in graphkit's colours. GRAPHKIT_UPDATE_SCREENSHOT=1
rewrites docs/neo4j-browser.png, the README's picture."""
import os
import re
import shutil

import pytest

from graphkit.sinks.neo4j import cypher_path, query_files, query_params, read_cypher

from conftest import ROOT

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def page(tmp_path):
    if CHROMIUM is None:
        pytest.skip("Browser test skipped: no chromium on PATH (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                       viewport={"width": 1280, "height": 860})  # a new, empty profile
        try:
            yield context.new_page()
        finally:
            context.close()


def run(page, command: str, done=None):
    """Type a command into Browser's editor (as pasted text, so no bracket is auto-closed), run it, and wait
    until the locator `done` (what its frame shows when it has finished) is there: Browser runs commands
    asynchronously, and `:param` evaluates its value on the server, so a query run at once may not see it."""
    page.click("[data-testid=activeEditor]")
    page.keyboard.insert_text(command)
    page.click("[data-testid=editor-Run]")
    if done is not None:
        done.wait_for(timeout=60_000)


def drop_file(page, path) -> None:
    """Drag a file from the desktop and drop it on Browser, as the README says to do with graphkit.grass."""
    files = page.evaluate_handle("([name, text]) => { const d = new DataTransfer(); "
                                 "d.items.add(new File([text], name)); return d; }", [path.name, path.read_text("utf-8")])
    for event in ("dragenter", "dragover", "drop"):
        page.dispatch_event("#MAIN_WRAPPER_DOM_ID", event, {"dataTransfer": files})


def test_browser_draws_graphkit_graph(page, loader, bolt, browser_url, seed_jsonl, tmp_path):
    from graphkit.readers import read_assertions
    page.goto(browser_url, wait_until="commit")  # Browser starts up while the sample article loads
    loader.load(read_assertions([str(seed_jsonl)], []))
    query = next(f for f in query_files() if f.name.startswith("03_"))
    actor = query_params(query)["actor"]

    page.fill("[data-testid=boltaddress]", bolt.uri)
    page.fill("[data-testid=username]", bolt.user)
    page.fill("[data-testid=password]", bolt.password)
    page.click("[data-testid=connect]")
    page.get_by_text("You are connected as user").wait_for(timeout=60_000)

    grass = cypher_path("graphkit.grass")
    drop_file(page, grass)  # Browser shows the style it now uses in a :style frame
    page.locator("[data-testid=styleResetButton]").wait_for(timeout=60_000)
    run(page, f":param actor => '{actor}'", done=page.get_by_text("Successfully set your parameters"))
    run(page, read_cypher("queries", query.name))
    nodes = page.locator("svg g.node")
    nodes.first.wait_for(timeout=60_000)
    # each node's caption, its words on several lines (a long one cut with "…"), and its colour
    drawn_nodes = [(" ".join(text.split()).rstrip("…").strip(), fill) for text, fill in nodes.evaluate_all(
        "ns => ns.map(n => [n.textContent, n.querySelector('circle.b-outline').getAttribute('fill')])")]
    shown = {caption for caption, _ in drawn_nodes}
    expected = {r["name"] for r in loader.run("MATCH (a:Actor {id: $actor})--(b:Actor) RETURN DISTINCT b.name AS name "
                                              "UNION MATCH (a:Actor {id: $actor}) RETURN a.name AS name", actor=actor)}
    drawn = {n for n in expected if any(c and n.startswith(c) for c in shown)}
    assert "China" in shown and len(drawn) >= min(5, len(expected)), (shown, expected)
    country_colour = re.search(r"node\.Country\s*\{[^}]*?\bcolor:\s*(#\w+)", grass.read_text("utf-8")).group(1)
    assert ("China", country_colour) in drawn_nodes, drawn_nodes  # graphkit's style, not Browser's own

    shot = tmp_path / "b.png"
    if os.environ.get("GRAPHKIT_UPDATE_SCREENSHOT"):
        shot = ROOT / "docs" / "neo4j-browser.png"
        page.wait_for_timeout(1500)  # let the force layout settle for the README's picture
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
