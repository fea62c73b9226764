"""Property-based tests: arbitrary text, bytes and JSONL never end in a traceback."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.readers import normalize, read_documents

runner = CliRunner()


@given(st.text())
@settings(max_examples=300)
def test_normalize_never_fails_and_is_idempotent(raw):
    title, text = normalize(raw)
    assert normalize(text)[1] == text
    assert title is None or title in text


@given(data=st.binary(max_size=400))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_file_is_read_or_reported(tmp_path_factory, data):
    f = tmp_path_factory.mktemp("b") / "x.txt"
    f.write_bytes(data)
    problems = []
    docs = list(read_documents([f], problems))
    assert len(docs) + len(problems) == 1


@given(lines=st.lists(st.one_of(
    st.text(max_size=60),
    st.dictionaries(st.sampled_from(["id", "text", "title", "date"]),
                    st.one_of(st.text(max_size=40), st.integers(), st.none())).map(json.dumps),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
), max_size=6))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_cli_on_arbitrary_jsonl_exits_cleanly(tmp_path_factory, lines, extractor):
    f = tmp_path_factory.mktemp("j") / "docs.jsonl"
    f.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8", errors="surrogatepass"
                 ) if all(_encodable(x) for x in lines) else f.write_bytes(b"\xff\xfe")
    result = runner.invoke(app, ["extract", str(f)])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for line in result.stdout.splitlines():
        assert json.loads(line)["doc_id"] is not None


def _encodable(s):
    try:
        s.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False
