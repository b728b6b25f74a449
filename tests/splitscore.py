"""The split metrics of the shared scorer (B-cubed over probes, coverage,
headline, authors, clean, once), for the seed gold fixture."""

from __future__ import annotations

import difflib
import re

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", s or "")


def _blob(a):
    return (
        norm(a.get("kicker")) + norm(a.get("headline")) + "".join(norm(s) for s in a.get("subheads") or []) + norm(a.get("text"))
    )


def _title_ok(pred, item):
    got = norm(pred.get("headline"))
    if item["headline"] is None:
        return got == ""
    forms = [norm(item["headline"])] + [norm(a) for a in item.get("accept", [])]
    return got in forms or any(difflib.SequenceMatcher(None, got, f).ratio() >= 0.9 for f in forms)


def score(gold_pages, split):
    """split(file name) -> list of article dicts. Returns overall metrics."""
    totals = {k: [0, 0] for k in ("coverage", "headline", "authors", "clean", "once")}
    weighted = []
    for page in gold_pages:
        arts = split(page["file"])
        blobs = [_blob(a) for a in arts]
        where = {}
        for it in page["items"]:
            for pr in it["probes"]:
                hit = [i for i, b in enumerate(blobs) if pr in b]
                where[(it["key"], pr)] = hit[0] if hit else ("lost", it["key"], pr)
        probes = list(where)
        p = r = 0.0
        for k in probes:
            same_pred = [j for j in probes if where[j] == where[k]]
            same_gold = [j for j in probes if j[0] == k[0]]
            both = [j for j in same_pred if j[0] == k[0]]
            p += len(both) / len(same_pred)
            r += len(both) / len(same_gold)
        n = len(probes) or 1
        p, r = p / n, r / n
        weighted.append((2 * p * r / (p + r) if p + r else 0.0, len(probes)))
        totals["coverage"][0] += sum(not isinstance(v, tuple) for v in where.values())
        totals["coverage"][1] += len(probes)
        for it in page["items"]:
            homes = [where[(it["key"], pr)] for pr in it["probes"] if not isinstance(where[(it["key"], pr)], tuple)]
            a = arts[max(set(homes), key=homes.count)] if homes else None
            if not it.get("optional") and it["probes"]:
                totals["headline"][1] += 1
                totals["headline"][0] += bool(a is not None and _title_ok(a, it))
                names = {norm(x) for x in (a.get("authors") or [])} if a else set()
                for who in it.get("authors", []):
                    totals["authors"][1] += 1
                    totals["authors"][0] += norm(who) in names
            for pr in it.get("clean", []):
                totals["clean"][1] += 1
                totals["clean"][0] += bool(a is not None and pr in (a.get("text") or ""))
            for pr in it.get("once", []):
                totals["once"][1] += 1
                totals["once"][0] += sum(b.count(pr) for b in blobs) == 1
    out = {"bcubed": sum(b * n for b, n in weighted) / (sum(n for _, n in weighted) or 1)}
    out.update({k: v[0] / v[1] if v[1] else 1.0 for k, v in totals.items()})
    return out
