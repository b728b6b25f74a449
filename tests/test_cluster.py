"""papersearch cluster: the configuration it prints, local searchd started and
stopped, and status telling a shard that is down or behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import free_ports

from papersearch.engines import EngineURL, index_pages
from papersearch.engines.cluster import config_text, layout
from papersearch.engines.sphinxql import connect, run
from papersearch.engines.sphinxtext import doc_id
from papersearch.index.format import process_alive

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, env_extra=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "papersearch", *args], capture_output=True, text=True, env=env, timeout=120)


def test_config_lays_shards_over_hosts_with_a_distributed_table_over_them():
    res = cli("cluster", "config", "--shards", "3", "--hosts", "10.0.0.1,10.0.0.2", "--port", "9306", "--data", "/srv/ps")
    assert res.returncode == 0, res.stderr
    text = res.stdout
    assert (
        text
        == config_text(layout(3, ["10.0.0.1", "10.0.0.2"], 9306), "/srv/ps")
        + "# search with: --engine sphinxql://10.0.0.1:9306/articles\n"
    )
    agents = [line.split("=", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("agent =")]
    assert agents == ["10.0.0.1:9309:articles_0", "10.0.0.2:9311:articles_1", "10.0.0.1:9313:articles_2"]
    assert "listen = 10.0.0.2:9310:mysql41" in text and "listen = 10.0.0.1:9306:mysql41" in text
    # papersearch's tokens pass the engine's tokenizer whole
    for setting in ("type = rt", "charset_table = 0..9, a..z", "min_word_len = 1", "dict = keywords", "rt_field = body_ng"):
        assert text.count(setting) == 3
    assert "morphology" not in text and "ngram_len" not in text


def test_up_refuses_ports_in_use_and_down_stops_what_up_started(tmp_path, sphinx_cluster):
    busy = cli("cluster", "up", "--shards", "1", "--data", str(tmp_path / "c"), "--port", str(sphinx_cluster.port))
    assert busy.returncode == 2 and len(busy.stderr.splitlines()) == 1 and "in use" in busy.stderr
    port = free_ports(4)
    started = cli("cluster", "up", "--shards", "1", "--data", str(tmp_path / "c"), "--port", str(port))
    assert started.returncode == 0, started.stderr
    pids = [int(line.split("\t")[1].split()[1]) for line in started.stdout.splitlines()]
    assert len(pids) == 2 and all(process_alive(p) for p in pids)
    assert f"sphinxql://127.0.0.1:{port}/articles" in started.stdout
    stopped = cli("cluster", "down", "--data", str(tmp_path / "c"))
    assert stopped.returncode == 0 and all(not process_alive(p) for p in pids)


def test_status_tells_a_shard_that_is_behind(tmp_path, sphinx_cluster):
    index_pages(sphinx_cluster.url, tmp_path / "ix", [ROOT / "seeds"], rebuild=True)
    env = {"PAPERSEARCH_ENGINE": sphinx_cluster.url}
    ok = cli("--index", str(tmp_path / "ix"), "cluster", "status", "--json", env_extra=env)
    assert ok.returncode == 0, ok.stderr
    import json

    shards = json.loads(ok.stdout)
    assert [s["shard"] for s in shards] == ["articles_0", "articles_1"]
    assert all(s["healthy"] and s["articles"] == s["expected"] > 0 for s in shards)
    # an article lost on one shard behind papersearch's back
    url = EngineURL.parse(sphinx_cluster.url)
    state = json.loads(url.state_file(tmp_path / "ix").read_text())
    from papersearch.engines.sphinxtext import shard_of

    victim = next(aid for entry in state["files"].values() for aid in entry["ids"] if shard_of(aid, 2) == 0)
    with connect("127.0.0.1", sphinx_cluster.port + 2) as conn:
        run(conn, f"DELETE FROM articles_0 WHERE id = {doc_id(victim)}")
    behind = cli("--index", str(tmp_path / "ix"), "cluster", "status", env_extra=env)
    assert behind.returncode == 1
    assert "BEHIND" in behind.stdout.splitlines()[0] and "BEHIND" not in behind.stdout.splitlines()[1]
    index_pages(sphinx_cluster.url, tmp_path / "ix", [ROOT / "seeds"], rebuild=True)
    assert cli("--index", str(tmp_path / "ix"), "cluster", "status", env_extra=env).returncode == 0


def test_status_without_an_engine_is_a_usage_error():
    res = cli("cluster", "status", env_extra={"PAPERSEARCH_ENGINE": ""})
    assert res.returncode == 2 and "--engine" in res.stderr


@pytest.mark.parametrize("bad", ["sphinxql://host/", "http://x:1/t", "sphinxql://h:1/bad-name"])
def test_engine_urls_are_checked(bad):
    from papersearch.errors import PapersearchError

    with pytest.raises(PapersearchError):
        EngineURL.parse(bad)
