"""A Sphinx-family cluster for papersearch: its configuration, and local searchd processes to try it.

Layout for N shards over hosts h1..hk from base port P: the distributed table
(the one ``--engine sphinxql://h1:P/TABLE`` names) listens for SphinxQL on P
and for agents on P+1; shard i (table TABLE_i, on host h(i mod k)) listens for
SphinxQL on P+2+2i and for agents on P+3+2i. papersearch finds a shard's
SphinxQL port as its agent port minus one.

>>> [(s.name, s.host, s.port, s.agent_port) for s in layout(2, ["10.0.0.1", "10.0.0.2"], 9306, "articles").shards]
[('articles_0', '10.0.0.1', 9308, 9309), ('articles_1', '10.0.0.2', 9310, 9311)]
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from papersearch.engines.sphinxql import Shard
from papersearch.engines.sphinxtext import FULLTEXT
from papersearch.errors import PapersearchError
from papersearch.index.format import process_alive


@dataclass(frozen=True)
class Layout:
    table: str
    host: str
    port: int
    shards: list[Shard]

    @property
    def url(self) -> str:
        return f"sphinxql://{self.host}:{self.port}/{self.table}"


def layout(shards: int, hosts: list[str], port: int, table: str = "articles") -> Layout:
    if shards < 1:
        raise PapersearchError("a cluster needs at least one shard")
    if not hosts:
        raise PapersearchError("give at least one host")
    parts = [Shard(f"{table}_{i}", hosts[i % len(hosts)], port + 2 + 2 * i, port + 3 + 2 * i) for i in range(shards)]
    return Layout(table, hosts[0], port, parts)


def shard_config(shard: Shard, data: str) -> str:
    """searchd's configuration for one real-time shard table."""
    folder = f"{data}/{shard.name}"
    fields = "\n".join(f"    rt_field = {f}" for f in FULLTEXT)
    return f"""# papersearch shard {shard.name}: SphinxQL {shard.host}:{shard.port}, agent port {shard.agent_port}
index {shard.name}
{{
    type = rt
    path = {folder}/{shard.name}
{fields}
    rt_attr_string = aid
    rt_attr_string = fkey
    rt_attr_string = akind
    rt_attr_uint = kindw
    rt_attr_string = data
    rt_mem_limit = 256M
    # papersearch sends folded, segmented tokens as hex words: the engine must keep them whole
    dict = keywords
    charset_table = 0..9, a..z
    min_word_len = 1
    # one-character queries match every bigram that starts with the character
    min_prefix_len = 2
    # field lengths: the ranker's BM25 (bm25a) normalises by them
    index_field_lengths = 1
}}

searchd
{{
    listen = {shard.host}:{shard.port}:mysql41
    listen = {shard.host}:{shard.agent_port}
    log = {folder}/searchd.log
    query_log = {folder}/query.log
    pid_file = {folder}/searchd.pid
    binlog_path = {folder}
    # every write is in the binlog when REPLACE returns (fsync once a second): a killed
    # searchd loses nothing. (Sphinx 2.2.11 writes nothing to the binlog with binlog_flush = 1.)
    binlog_flush = 2
    max_packet_size = 32M
    workers = threads
    # one process: its pid is the shard's (no watchdog restarting it behind our back)
    watchdog = 0
}}
"""


def head_config(lay: Layout, data: str) -> str:
    """searchd's configuration for the distributed table over the shards."""
    folder = f"{data}/{lay.table}"
    agents = "\n".join(f"    agent = {s.host}:{s.agent_port}:{s.name}" for s in lay.shards)
    return f"""# papersearch distributed table {lay.table}: SphinxQL {lay.host}:{lay.port} ({lay.url})
index {lay.table}
{{
    type = distributed
{agents}
    # a dead shard is told within half a second; the live ones still answer
    agent_connect_timeout = 500
    agent_query_timeout = 30000
}}

searchd
{{
    listen = {lay.host}:{lay.port}:mysql41
    listen = {lay.host}:{lay.port + 1}
    log = {folder}/searchd.log
    query_log = {folder}/query.log
    pid_file = {folder}/searchd.pid
    binlog_path =
    max_packet_size = 32M
    workers = threads
    watchdog = 0
}}
"""


def config_text(lay: Layout, data: str) -> str:
    """Every searchd's configuration, one file per process, as ``cluster config`` prints them."""
    parts = [f"### {lay.table}.conf (on {lay.host})\n" + head_config(lay, data)]
    parts += [f"### {s.name}.conf (on {s.host})\n" + shard_config(s, data) for s in lay.shards]
    return "\n".join(parts)


def searchd_binary() -> str:
    found = shutil.which("searchd")
    if not found:
        raise PapersearchError("searchd not found: install Sphinx ('apt-get install sphinxsearch') or Manticore Search")
    return found


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _wait_for(host: str, port: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def start(conf: Path, host: str, port: int) -> int:
    """Start searchd with conf; its pid once it answers on port."""
    proc = subprocess.run([searchd_binary(), "--config", str(conf)], capture_output=True, text=True)
    # searchd forks into the background: the daemon writes its pid file a moment after we are back
    answers = proc.returncode == 0 and _wait_for(host, port)
    pid = _read_pid(conf)
    if not answers or pid is None:
        lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if "FATAL" in ln or "ERROR" in ln]
        raise PapersearchError(f"searchd {conf.stem} did not start: {lines[-1] if lines else 'no reason given'}")
    return pid


def _read_pid(conf: Path) -> int | None:
    try:
        return int((conf.parent / conf.stem / "searchd.pid").read_text().strip())
    except (OSError, ValueError):
        return None


def up(shards: int, data: Path, port: int, host: str = "127.0.0.1", table: str = "articles") -> list[tuple[str, int, str]]:
    """Start shards searchd processes and the distributed table's on this machine; (name, pid, address) of each."""
    data = Path(data).absolute()
    lay = layout(shards, [host], port, table)
    ports = [port, port + 1] + [p for s in lay.shards for p in (s.port, s.agent_port)]
    busy = [p for p in ports if not _port_free(host, p)]
    if busy:
        raise PapersearchError(
            f"port {busy[0]} on {host} is in use: choose another --port (the cluster takes {port}-{ports[-1]})"
        )
    started: list[tuple[str, int, str]] = []
    try:
        for shard in lay.shards:
            conf = _write_conf(data, shard.name, shard_config(shard, str(data)))
            started.append((shard.name, start(conf, host, shard.port), f"{host}:{shard.port}"))
        conf = _write_conf(data, table, head_config(lay, str(data)))
        started.append((table, start(conf, host, port), lay.url))
    except BaseException:
        down(data)
        raise
    return started


def _write_conf(data: Path, name: str, text: str) -> Path:
    (data / name).mkdir(parents=True, exist_ok=True)
    conf = data / f"{name}.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def down(data: Path, seconds: float = 10.0) -> list[tuple[str, int]]:
    """Stop every searchd that ``up`` started in data; (name, pid) of each stopped."""
    stopped = []
    for conf in sorted(Path(data).glob("*.conf")):
        pid = _read_pid(conf)
        if pid is None or not process_alive(pid):
            continue
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + seconds
        while process_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if process_alive(pid):
            os.kill(pid, signal.SIGKILL)
        stopped.append((conf.stem, pid))
    return stopped


@dataclass
class ShardStatus:
    shard: Shard
    answers: bool
    count: int | None
    expected: int | None
    error: str = ""

    @property
    def healthy(self) -> bool:
        return self.answers and (self.expected is None or self.count == self.expected)


def status(url_text: str, state_file_of) -> list[ShardStatus]:
    """Whether every shard behind the engine answers and holds what this machine indexed into it."""
    from papersearch.engines.sphinxindex import load_state
    from papersearch.engines.sphinxql import EngineDown, connect, run, shards_of
    from papersearch.engines.sphinxtext import shard_of
    from papersearch.engines.url import EngineURL

    url = EngineURL.parse(url_text)
    with connect(url.host, url.port, str(url)) as head:
        shards = shards_of(head, url)
    state = load_state(state_file_of(url))
    expected: list[int] | None = None
    if state.get("files"):
        expected = [0] * len(shards)
        for entry in state["files"].values():
            for aid in entry["ids"]:
                expected[shard_of(aid, len(shards))] += 1
    out = []
    for n, shard in enumerate(shards):
        want = expected[n] if expected else None
        try:
            with connect(shard.host, shard.port, shard.label) as conn:
                count = int(run(conn, f"SELECT COUNT(*) FROM {shard.name}")[0][0])
        except (EngineDown, PapersearchError) as err:
            out.append(ShardStatus(shard, False, None, want, str(err)))
            continue
        out.append(ShardStatus(shard, True, count, want))
    return out
