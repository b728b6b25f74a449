"""One id rule for split and index: an id split prints is one show knows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from papersearch.cli.main import cli
from papersearch.index.ids import PageStems
from papersearch.index.indexer import build_index
from papersearch.search import Index


def _cli(index: Path, *args: str):
    result = CliRunner().invoke(cli, ["--index", str(index), *args])
    return result


def test_split_prints_the_ids_the_index_gave_pages_that_share_a_stem(tmp_path, seeds_dir):
    seeds = sorted(seeds_dir.glob("*.txt"))
    for day, seed in zip(("30", "31"), seeds[:2], strict=True):
        (tmp_path / "archive" / day).mkdir(parents=True)
        shutil.copy(seed, tmp_path / "archive" / day / "04.txt")
    index = tmp_path / "ix"
    build_index(index, [tmp_path / "archive"], jobs=1)
    with Index(index) as ix:
        by_file: dict[str, set[str]] = {}
        for a in ix.articles():
            by_file.setdefault(Path(a.file).parent.name, set()).add(a.id)
    assert len({next(iter(ids)).rsplit("-", 1)[0] for ids in by_file.values()}) == 2, "two stems for two 04.txt"
    for day in ("30", "31"):
        out = _cli(index, "split", str(tmp_path / "archive" / day / "04.txt"), "--json")
        printed = {a["id"] for a in json.loads(out.output)}
        assert printed == by_file[day]
        for article_id in printed:
            assert _cli(index, "show", article_id, "--json").exit_code == 0


def test_without_an_index_split_prints_the_ids_a_new_index_gives(tmp_path, seeds_dir):
    page = sorted(seeds_dir.glob("*.txt"))[0]
    printed = [a["id"] for a in json.loads(_cli(tmp_path / "none", "split", str(page), "--json").output)]
    assert printed and all(i.startswith(page.stem + "-") for i in printed)
    build_index(tmp_path / "ix", [page], jobs=1)
    with Index(tmp_path / "ix") as ix:
        assert sorted(a.id for a in ix.articles()) == sorted(printed)


def test_a_page_keeps_its_stem_and_a_newcomer_with_the_same_name_gets_a_hash(tmp_path):
    first, second = tmp_path / "a" / "04.txt", tmp_path / "b" / "04.txt"
    stems = PageStems({str(first): {"path": str(first), "ids": ["04-1", "04-2"]}})
    assert stems.stem(first, str(first)) == "04"
    other = stems.stem(second, str(second))
    assert other.startswith("04~") and other == PageStems({str(first): {"ids": ["04-1"]}}).stem(second, str(second))
    # the newcomer's stem once indexed is its own, whatever else comes and goes
    assert PageStems({str(second): {"ids": [f"{other}-1"]}}).stem(second, str(second)) == other
