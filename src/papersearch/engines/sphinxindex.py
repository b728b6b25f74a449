"""Indexing into a Sphinx-family cluster: only new, changed and gone pages are work.

Pages are read, split and turned into Sphinx documents in worker processes;
the parent sends each article with ``REPLACE INTO`` to the shard a stable hash
of its id names, in batches, and takes out the articles of gone pages and
the ones a changed page no longer has. The manifest (each page's content hash
and article ids) is kept in a JSON file on the indexing machine, saved after
every batch the shards took: a run killed at any point re-does at most the
pages of its last batch.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from papersearch.engines.sphinxql import Shard, connect, run, shards_of
from papersearch.engines.sphinxtext import doc_id, document, shard_of
from papersearch.engines.url import EngineURL
from papersearch.errors import IndexBusy, PapersearchError
from papersearch.index.changes import changed, drop_gone, file_key, page_files, size_of
from papersearch.index.ids import PageStems, renumber
from papersearch.index.indexer import BUSY, IndexSummary, _versions
from papersearch.index.ingest import PageDone
from papersearch.search.ranking import Ranking
from papersearch.text.segmenter import user_dictionary

# A batch is sent when its statement would pass this many bytes (searchd's max_packet_size is 32 MB in our config).
BATCH_BYTES = 4 << 20
COLUMNS = ("id", "title_w", "body_w", "title_ng", "body_ng", "author", "file", "kind", "aid", "fkey", "akind", "kindw", "data")
PARALLEL_MIN_PAGES = 16


class ShardWriter:
    """REPLACE and DELETE on every shard of the cluster, batched per shard."""

    def __init__(self, url: EngineURL):
        head = connect(url.host, url.port, str(url))
        with head:
            self.shards: list[Shard] = shards_of(head, url)
        self.conns = [connect(s.host, s.port, f"shard {s.label} (SphinxQL port {s.port})") for s in self.shards]
        self.pending: list[list[dict]] = [[] for _ in self.shards]
        self.pending_bytes = [0] * len(self.shards)

    def close(self) -> None:
        for conn in self.conns:
            conn.close()

    def shard(self, article_id: str) -> int:
        return shard_of(article_id, len(self.shards))

    def replace(self, doc: dict) -> None:
        n = self.shard(doc["aid"])
        self.pending[n].append(doc)
        self.pending_bytes[n] += sum(len(str(v)) for v in doc.values())
        if self.pending_bytes[n] >= BATCH_BYTES:
            self._send(n)

    def flush(self) -> None:
        for n in range(len(self.shards)):
            self._send(n)

    def _send(self, n: int) -> None:
        docs, self.pending[n], self.pending_bytes[n] = self.pending[n], [], 0
        if not docs:
            return
        row = "(" + ",".join(["%s"] * len(COLUMNS)) + ")"
        sql = f"REPLACE INTO {self.shards[n].name} ({','.join(COLUMNS)}) VALUES " + ",".join([row] * len(docs))
        run(self.conns[n], sql, [d[c] for d in docs for c in COLUMNS])

    def delete(self, article_ids: Iterable[str]) -> None:
        by_shard: dict[int, list[int]] = {}
        for aid in article_ids:
            by_shard.setdefault(self.shard(aid), []).append(doc_id(aid))
        for n, ids in by_shard.items():
            for start in range(0, len(ids), 1000):
                run(
                    self.conns[n],
                    f"DELETE FROM {self.shards[n].name} WHERE id IN ({','.join(map(str, ids[start : start + 1000]))})",
                )

    def truncate(self) -> None:
        for shard, conn in zip(self.shards, self.conns, strict=True):
            run(conn, f"TRUNCATE RTINDEX {shard.name}")

    def counts(self) -> list[int]:
        return [int(run(conn, f"SELECT COUNT(*) FROM {s.name}")[0][0]) for s, conn in zip(self.shards, self.conns, strict=True)]


class _PageDeleter:
    """What changes.drop_gone needs of a writer: take a page's articles out by its file key."""

    def __init__(self, writer: ShardWriter, known: dict):
        self.writer, self.known = writer, known

    def delete_by_term(self, _field: str, key: str) -> None:
        self.writer.delete(self.known[key].get("ids", []))


def load_state(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"engine": "", "files": {}, "dictionary": "", "built": "", "versions": {}}
    except (OSError, ValueError) as err:
        raise PapersearchError(f"{path}: the cluster's manifest is damaged ({err}); index with --rebuild") from None


def save_state(path: Path, state: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _prepare(job: tuple) -> tuple[PageDone, list[dict]]:
    """Read, split and turn one page into documents (runs in a worker process);
    job is (path, stem, encoding, the index's UserDictionary or None, what the path tells: archive.PageMeta)."""
    from papersearch.index.documents import prepare_page

    path, stem, encoding, dictionary, path_meta = job
    prepared = prepare_page(path, encoding, path_meta)
    done = PageDone(prepared.key, prepared.path, prepared.digest, prepared.size, error=prepared.error, replaced=prepared.replaced)
    docs = []
    for art in renumber(prepared.articles, stem):
        done.ids.append(art.id)
        docs.append(document(art, prepared.key, Ranking().kind_weight.get(art.kind, 1.0), dictionary))
    return done, docs


def index_into(
    url: EngineURL,
    state_file: Path,
    paths: Iterable,
    rebuild: bool = False,
    encoding: str | None = None,
    user_dict: str | None = None,
    wait: float = 0.0,
    jobs: int | None = None,
    progress=None,
    prune: bool = False,
    layout: str | None = None,
) -> IndexSummary:
    """Index the page files under paths into the cluster at url (options as build_index's)."""
    from filelock import FileLock, Timeout

    from papersearch.archive.paths import PathRules

    started = time.perf_counter()
    paths_list = list(paths)
    unreadable: list[tuple[str, str]] = []
    files = page_files(paths_list, unreadable)
    path_rules = PathRules([Path(p) for p in paths_list], layout)
    dictionary = user_dictionary(user_dict)
    dict_print = dictionary.fingerprint if dictionary is not None else ""
    state_file.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(state_file.with_name(f".{state_file.name}.lock")), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise IndexBusy(BUSY) from None
    writer = ShardWriter(url)
    try:
        summary = _index_locked(
            writer,
            url,
            state_file,
            files,
            paths_list,
            rebuild,
            encoding,
            dictionary,
            dict_print,
            jobs,
            progress,
            prune,
            path_rules,
        )
    finally:
        writer.close()
        lock.release()
    summary.skipped[:0] = unreadable
    summary.seconds = time.perf_counter() - started
    return summary


def _index_locked(
    writer, url, state_file, files, paths_list, rebuild, encoding, dictionary, dict_print, jobs, progress, prune, path_rules
):
    state = load_state(state_file)
    if rebuild or not state["files"]:
        writer.truncate()
        state = {"engine": str(url), "files": {}, "dictionary": dict_print, "built": "", "versions": {}, "shards": 0}
    elif prune:
        dict_print = state.get("dictionary", "")
    if state.get("dictionary", "") != dict_print:
        raise PapersearchError(
            f"{url}: built with dictionary {state.get('dictionary') or 'none'!r}, not {dict_print or 'none'!r}; pass the same --dict, or --rebuild"
        )
    if state.get("shards") and state["shards"] != len(writer.shards):
        raise PapersearchError(f"{url}: indexed over {state['shards']} shards, now {len(writer.shards)}: index with --rebuild")
    state["shards"] = len(writer.shards)
    state["layout"] = path_rules.settle(state.get("layout", ""), url)
    summary = IndexSummary()
    known = state["files"]
    wanted = {file_key(p): p for p in files}
    roots = [file_key(Path(p)) for p in paths_list]
    drop_gone(_PageDeleter(writer, known), known, wanted, roots, summary, prune)
    save_state(state_file, state)
    todo = [p for k, p in wanted.items() if not (known.get(k) and not changed(p, known[k]))]
    summary.unchanged = len(wanted) - len(todo)
    stems = PageStems(known)
    job_list = []
    for path in todo:
        stem = stems.stem(path, file_key(path))
        job_list.append((os.path.abspath(path), stem, encoding, dictionary, path_rules.meta(path)))
        summary.todo_bytes += size_of(path)
    if progress:
        progress.set_total(len(job_list))
    _send_pages(writer, job_list, known, summary, progress, jobs, lambda: save_state(state_file, state))
    if summary.added or summary.removed or not state.get("built"):
        state["built"] = datetime.now(UTC).isoformat(timespec="seconds")
    state.update(dictionary=dict_print, versions=_versions())
    save_state(state_file, state)
    summary.pages = len(known)
    summary.articles = sum(len(f["ids"]) for f in known.values())
    return summary


def _send_pages(writer: ShardWriter, job_list, known: dict, summary: IndexSummary, progress, jobs, save) -> None:
    workers = min(jobs or os.cpu_count() or 1, len(job_list))
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 and len(job_list) >= PARALLEL_MIN_PAGES else None
    results = pool.imap(_prepare, job_list, chunksize=4) if pool else map(_prepare, job_list)
    waiting: list[PageDone] = []
    try:
        for done, docs in results:
            if progress:
                progress.advance(done)
            if done.error:
                summary.skipped.append((done.path, done.error))
                continue
            for doc in docs:
                writer.replace(doc)
            waiting.append(done)
            if len(waiting) >= 64:
                _settle(writer, waiting, known, summary)
                save()
        if progress:
            progress.writing()
        _settle(writer, waiting, known, summary)
        save()
    finally:
        if pool:
            pool.terminate()
            pool.join()


def _settle(writer: ShardWriter, waiting: list[PageDone], known: dict, summary: IndexSummary) -> None:
    """Send what is batched, take out the articles the re-read pages no longer have, record the pages."""
    writer.flush()
    for done in waiting:
        old = known.get(done.key, {}).get("ids", [])
        writer.delete(set(old) - set(done.ids))
        known[done.key] = {"path": done.path, "hash": done.digest, "size": done.size, "ids": done.ids}
        summary.added += 1
        summary.new_articles += len(done.ids)
        summary.megabytes += done.size / 1e6
        if done.replaced:
            summary.replaced.append((done.path, done.replaced))
    waiting.clear()
