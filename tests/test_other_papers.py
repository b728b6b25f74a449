"""Pages of other papers, written by testers who had read neither the
splitter nor its tests, each set with a gold file in the shared scorer's
format (tests/other_papers/setN/gold.json). Each set was first scored unseen
(headline 0.71, 0.70 and 0.83; authors 0.76, 0.88 and 0.97), and the kinds of
failure it showed were then fixed by rules from typesetting conventions, with
tests of their own. They stay here as regression guards at the bar the issue
sets for unseen pages (set 4, below it yet, at its own floor); new unseen
pages are what measures generalisation."""

import json
from pathlib import Path

import pytest
from splitscore import score

from papersearch.reader import read_page
from papersearch.split.splitter import split_text

SETS = sorted((Path(__file__).resolve().parent / "other_papers").glob("set*"))
BAR = {"bcubed": 0.97, "coverage": 1.0, "headline": 0.92, "authors": 0.90, "clean": 0.97, "once": 1.0}


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_pages_of_other_papers_split_at_the_unseen_bar(folder):
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))

    def split(name):
        page = read_page(folder / "pages" / name)
        return [a.to_dict() for a in split_text(page.text, name)]

    got = score(gold["pages"], split)
    assert len(gold["pages"]) >= 6
    # a set still below the unseen bar carries its own floor (bar.json says why)
    floor = folder / "bar.json"
    bars = json.loads(floor.read_text(encoding="utf-8"))["bar"] if floor.exists() else BAR
    for name, bar in bars.items():
        assert got[name] >= bar, f"{folder.name}: {name} {got[name]:.3f} < {bar} ({got})"
