"""An index of another format, or one whose schema and manifest disagree on
the dictionary, is refused with one line that says to rebuild it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from papersearch.errors import IndexDamaged
from papersearch.index.format import FORMAT
from papersearch.index.indexer import build_index

SRC = Path(__file__).resolve().parent.parent / "src"


def papersearch(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    env.pop("PAPERSEARCH_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "papersearch", *args], env=env, capture_output=True, text=True, timeout=300)


def test_an_index_of_an_older_format_says_rebuild_through_the_cli(tmp_path, pages_copy):
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    manifest = folder / "papersearch.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    old = FORMAT - 1
    manifest.write_text(json.dumps({**data, "format": old}), encoding="utf-8")

    for command in (["query", "二十条措施"], ["index", str(pages_copy)], ["stats"]):
        res = papersearch("--index", str(folder), *command)
        assert res.returncode == 2, command
        assert res.stdout == "" and len(res.stderr.splitlines()) == 1, res.stderr
        assert f"format {old}" in res.stderr and "--rebuild" in res.stderr and "Traceback" not in res.stderr
    assert json.loads(manifest.read_text(encoding="utf-8"))["format"] == old  # refused, not touched

    assert papersearch("--index", str(folder), "index", "--rebuild", "-q", str(pages_copy)).returncode == 0
    assert papersearch("--index", str(folder), "query", "二十条措施").returncode == 0


def test_a_schema_and_manifest_that_disagree_on_the_dictionary_are_refused(tmp_path, pages_copy):
    words = tmp_path / "dict.txt"
    words.write_text("二十条措施 1000 n\n", encoding="utf-8")
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], user_dict=str(words), jobs=1)
    manifest = folder / "papersearch.json"
    # what a format-4 index from before schemas carried their dictionary looks like, inverted
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), "dictionary": ""}))
    with pytest.raises(IndexDamaged, match="dict.txt"):
        build_index(folder, [pages_copy], jobs=1)
    build_index(folder, [pages_copy], rebuild=True, jobs=1)
