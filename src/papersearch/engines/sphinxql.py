"""The sphinxql engine: articles in real-time shard tables of a Sphinx-family
cluster (Sphinx 2.2, Manticore), searched through a distributed table.

papersearch speaks SphinxQL (the MySQL wire protocol, through PyMySQL) to the
searchd holding the distributed table; it finds that table's agents (the
shards) with ``DESCRIBE``. A shard's SphinxQL port is its agent port minus
one, as ``papersearch cluster config`` lays them out: writes go to the shards
themselves, since a distributed table takes no writes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from papersearch.engines.sphinxtext import FIELD_WEIGHTS, RANKER, doc_id, ranked_match
from papersearch.engines.url import EngineURL
from papersearch.errors import PapersearchError, UnknownArticle
from papersearch.model import Article
from papersearch.search.about import IndexStats
from papersearch.search.query import Empty, parse
from papersearch.search.ranking import Ranking
from papersearch.search.searcher import Hit
from papersearch.search.snippets import make_snippet

PAGE = 1000
_AGENT = re.compile(r"agent (?P<addr>[^\s:]+:\d+)")


class EngineDown(PapersearchError):
    """The engine, or every shard of it, does not answer."""


@dataclass(frozen=True)
class Shard:
    name: str
    host: str
    port: int  # SphinxQL (writes, counts)
    agent_port: int  # what the distributed table queries

    @property
    def label(self) -> str:
        return f"{self.name} at {self.host}:{self.agent_port}"


def connect(host: str, port: int, what: str = ""):
    import pymysql

    try:
        return pymysql.connect(host=host, port=port, user="", autocommit=True, connect_timeout=5, read_timeout=600)
    except pymysql.err.OperationalError as err:
        reason = err.args[1] if len(err.args) > 1 else str(err)
        raise EngineDown(
            f"{what or f'sphinxql://{host}:{port}'} does not answer ({reason}); is its searchd running? "
            "('papersearch cluster status' checks every shard)"
        ) from None


def run(conn, sql: str, args=None) -> list[tuple]:
    import pymysql

    try:
        with conn.cursor() as cur:
            cur.execute(sql, args)
            return list(cur.fetchall())
    except pymysql.err.OperationalError as err:
        raise EngineDown(f"the engine stopped answering ({err.args[-1]})") from None
    except pymysql.err.MySQLError as err:
        message = str(err.args[-1]).strip("\x00").replace("\n", " ")
        if "agent" in message and ("failed" in message or "timed out" in message):
            raise EngineDown(f"no shard answered: {message}") from None
        raise PapersearchError(f"the engine refused a query: {message}") from None


def shards_of(conn, url: EngineURL) -> list[Shard]:
    """The shards behind url's table: its agents, or the table itself when it is a local real-time table."""
    rows = run(conn, f"DESCRIBE {url.table}")
    agents = [r[0] for r in rows if len(r) > 1 and str(r[1]).startswith(("remote", "local"))]
    if not rows:
        raise PapersearchError(f"{url}: no table {url.table!r} on that searchd")
    if not agents:
        return [Shard(url.table, url.host, url.port, url.port)]
    out = []
    for agent in agents:
        host, port, name = agent.rsplit(":", 2)
        out.append(Shard(name, host, int(port) - 1, int(port)))
    return out


@dataclass
class EngineStats(IndexStats):
    """IndexStats of a cluster: its shards, and those that did not answer."""

    shards: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)


class SphinxEngine:
    """Search, show and list articles held in a Sphinx-family cluster."""

    def __init__(self, url: EngineURL, state_file: Path):
        self.url = url
        self.state_file = Path(state_file)
        self.warnings: list[str] = []
        self.partial: list[str] = []
        self.ranking = Ranking()
        self.conn = connect(url.host, url.port, str(url))
        self.shards = shards_of(self.conn, url)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _select(self, sql: str, args=None) -> list[tuple]:
        rows = run(self.conn, sql, args)
        meta = run(self.conn, "SHOW META")
        self.partial = self._missing([v for k, v in meta if k == "warning"])
        self._meta = {k: v for k, v in meta if k != "warning"}
        return rows

    def _missing(self, warnings: list[str]) -> list[str]:
        """The shards a distributed query's warnings name as failed."""
        by_addr = {f"{s.host}:{s.agent_port}": s for s in self.shards}
        out = []
        for text in warnings:
            for m in _AGENT.finditer(text):
                shard = by_addr.get(m["addr"])
                label = shard.label if shard else m["addr"]
                if label not in out:
                    out.append(label)
        return out

    def search(
        self, text: str, limit: int = 10, snippets: int = 3, width: int = 120, where=None, sort: str = "score"
    ) -> list[Hit]:
        """The best hits; where (an archive.filters.Filter) and sort by date are applied to
        every match, so they read them all. Parts of one article are not joined here."""
        tree = parse(text)
        if isinstance(tree, Empty):
            raise PapersearchError("empty query: give at least one word to search for")
        terms = [t.text for t in tree.terms() if t.is_text]
        rank = self.ranking
        everything = bool(where) or sort != "score"
        pool = self.candidates(tree, self.count(text) if everything else limit + rank.candidates)
        hits = [Hit(0, weight * rank.bonus(article, terms), article) for weight, article in pool]
        if where:
            hits = [h for h in hits if where.holds(h.article)]
        hits.sort(key=lambda h: (-h.score, h.article.id))
        if sort != "score":
            from papersearch.archive.ranking import date_order

            by_id = {h.article.id: h for h in hits}
            hits = [by_id[a.id] for a in date_order([h.article for h in hits], newest_first=sort == "-date")]
        hits = hits[:limit]
        for rank, hit in enumerate(hits, 1):
            hit.rank = rank
            hit.snippet = make_snippet(hit.article.text or hit.article.title, terms, width=width, count=snippets)
        return hits

    def candidates(self, tree, pool: int) -> list[tuple[float, Article]]:
        """The engine's pool best matches as (engine weight, article), by weight times the kind's weight."""
        if pool < 1:
            return []
        weights = ", ".join(f"{k}={v}" for k, v in FIELD_WEIGHTS.items())
        rows = self._select(
            f"SELECT data, WEIGHT() AS w, WEIGHT()*kindw AS s FROM {self.url.table} WHERE MATCH(%s) "
            f"ORDER BY s DESC, aid ASC LIMIT 0,{pool} OPTION max_matches={pool}, ranker={RANKER}, field_weights=({weights})",
            (ranked_match(tree),),
        )
        return [(float(w), _unpack(data)) for data, w, _s in rows]

    def matching_ids(self, text: str) -> set[str]:
        """Every article id the query matches, unranked (for checking recall)."""
        total = self.count(text)
        if not total:
            return set()
        rows = self._select(
            f"SELECT aid FROM {self.url.table} WHERE MATCH(%s) LIMIT 0,{total} OPTION max_matches={total}, ranker=none",
            (ranked_match(parse(text)),),
        )
        return {r[0] for r in rows}

    def count(self, text: str) -> int:
        self._select(f"SELECT id FROM {self.url.table} WHERE MATCH(%s) LIMIT 1 OPTION ranker=none", (ranked_match(parse(text)),))
        return int(self._meta.get("total_found", 0))

    def get(self, article_id: str) -> Article:
        rows = self._select(f"SELECT data FROM {self.url.table} WHERE id = {doc_id(article_id)}")
        articles = [a for a in (_unpack(r[0]) for r in rows) if a.id == article_id]
        if not articles:
            missing = f" ({', '.join(self.partial)} did not answer)" if self.partial else ""
            raise UnknownArticle(f"no article with id {article_id!r}{missing}")
        return articles[0]

    def whole(self, article_id: str):
        """The article as one part: over sphinxql the parts of a continued article are not joined yet."""
        from papersearch.archive.continuations import Joined

        return Joined([self.get(article_id)])

    def articles(self, where=None, sort: str = "file") -> list[Article]:
        out: list[Article] = []
        partial: list[str] = []
        last = 0
        while True:
            rows = self._select(
                f"SELECT id, data FROM {self.url.table} WHERE id > {last} ORDER BY id ASC LIMIT 0,{PAGE} OPTION max_matches={PAGE}"
            )
            partial += [p for p in self.partial if p not in partial]
            out += [_unpack(data) for _id, data in rows]
            if len(rows) < PAGE:
                break
            last = rows[-1][0]
        self.partial = partial
        if where:
            out = [a for a in out if where.holds(a)]
        out.sort(key=lambda a: (a.file, a.ordinal))
        if sort in ("date", "-date"):
            from papersearch.archive.ranking import date_order

            out = date_order(out, newest_first=sort == "-date")
        return out

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        raise PapersearchError("--related needs the embedded index; it is not available over sphinxql yet")

    def stats(self) -> EngineStats:
        kinds = {k: int(n) for k, n in self._select(f"SELECT akind, COUNT(*) AS n FROM {self.url.table} GROUP BY akind")}
        kinds = {k: kinds[k] for k in ("article", "fragment", "headline", "photo", "ad") if k in kinds}
        state = _state(self.state_file)
        size = 0
        for shard in self.shards:
            try:
                conn = connect(shard.host, shard.port, shard.label)
            except EngineDown:
                continue
            with conn:
                status = dict(run(conn, f"SHOW INDEX {shard.name} STATUS"))
            size += int(status.get("disk_bytes", 0)) + int(status.get("ram_bytes", 0))
        return EngineStats(
            index=str(self.url),
            pages=len(state.get("files", {})),
            articles=sum(kinds.values()),
            kinds=kinds,
            terms={},  # the engine does not tell its vocabulary's size
            bytes=size,
            built=state.get("built", ""),
            dictionary=state.get("dictionary", ""),
            versions=state.get("versions", {}),
            shards=[s.label for s in self.shards],
            partial=self.partial,
        )


def _state(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _unpack(data: str) -> Article:
    try:
        return Article.unpack(data)
    except (ValueError, TypeError, KeyError) as err:
        raise PapersearchError(f"an article in the engine is damaged ({err}); re-index with --rebuild") from None
