"""Shared fixtures: the real spaCy pipeline (loaded once), the sample article, a real Bolt server."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "cnn_2022-03-14_sullivan_yang_rome.txt"


@pytest.fixture(scope="session")
def extractor():
    from graphkit import Extractor
    return Extractor()


@pytest.fixture(scope="session")
def seed_assertions(extractor):
    from graphkit.readers import read_documents
    [(doc, assertions)] = list(extractor.extract(read_documents([SEED])))
    return doc, assertions


@pytest.fixture(scope="session")
def bolt():
    """A Bolt server for the session (NEO4J_URI's, else one the tests start)."""
    from bolt_server import BoltServer, external_connection
    conn = external_connection()
    if conn is not None:
        yield conn
        return
    server = BoltServer().start()
    try:
        yield server.connection
    finally:
        server.stop()


def triples(assertions, with_mode=False):
    """(subject id, event or relation, object id[, mode]) of each assertion, for exact comparisons."""
    out = []
    for a in assertions:
        t = (a.subject.id, a.event or a.relation, a.object.id if a.object else None)
        out.append(t + (a.mode,) if with_mode else t)
    return out
