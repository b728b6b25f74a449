"""The library a notebook calls: the README's "Python" section, as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import papersearch

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_python_section_runs_as_written(tmp_path, seeds_dir, monkeypatch):
    block = re.search(r"## Python\n.*?```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    monkeypatch.chdir(seeds_dir.parent)
    code = block.replace('"/tmp/ix"', repr(str(tmp_path / "ix")))
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    assert scope["hits"] and "二十条措施" in scope["hits"][0].article.title + scope["hits"][0].article.text
    scope["ix"].close()


def test_build_open_search_get(tmp_path, seeds_dir):
    summary = papersearch.build_index([seeds_dir], index=tmp_path / "ix", jobs=1)
    assert summary.pages == 3 and summary.articles > 10
    with papersearch.open_index(tmp_path / "ix") as ix:
        hits = ix.search("二十条措施", limit=3)
        assert isinstance(hits[0], papersearch.Hit) and hits[0].rank == 1
        article = ix.get(hits[0].article.id)
        assert isinstance(article, papersearch.Article) and article.id == hits[0].article.id
        assert {a.id for a in ix.articles()} >= {h.article.id for h in hits}
        assert ix.stats().articles == summary.articles
        assert ix.explain("二十条措施").terms[0].folded == "二十条措施"


def test_split_page_takes_a_path_a_string_path_text_or_a_page(seeds_dir):
    page = sorted(seeds_dir.glob("*.txt"))[0]
    by_path = papersearch.split_page(page)
    assert by_path and by_path[0].id == f"{page.stem}-1"
    assert [a.to_dict() for a in papersearch.split_page(str(page))] == [a.to_dict() for a in by_path]
    text = page.read_text(encoding="utf-8")
    assert [a.text for a in papersearch.split_page(text)] == [a.text for a in by_path]
    assert [a.text for a in papersearch.split_page(papersearch.Page(str(page), text))] == [a.text for a in by_path]


def test_library_errors_are_typed_and_speak_no_command_line(tmp_path, seeds_dir):
    with pytest.raises(papersearch.IndexMissing) as missing:
        papersearch.open_index(tmp_path / "nothing")
    papersearch.build_index([seeds_dir], index=tmp_path / "ix", jobs=1)
    with papersearch.open_index(tmp_path / "ix") as ix, pytest.raises(papersearch.UnknownArticle) as unknown:
        ix.get("no-such-1")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(papersearch.ForeignFolder) as foreign:
        papersearch.build_index([seeds_dir], index=tmp_path / "other")
    for err in (missing.value, unknown.value, foreign.value):
        assert isinstance(err, papersearch.PapersearchError)
        assert not re.search(r"'papersearch |--[a-z]", str(err)), str(err)
