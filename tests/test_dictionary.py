"""A user dictionary is the index's setting, carried by its analyzer: never a
module global that one build leaves behind for the next."""

from __future__ import annotations

import json
import pickle

from whoosh import index as windex

from papersearch.analysis.analyzers import JiebaTokenizer, query_words
from papersearch.index.format import schema
from papersearch.index.indexer import build_index
from papersearch.text.segmenter import read_user_dict

# Words jieba's own dictionary cuts in pieces (二十条 + 措施, 杂交 + 水稻)
# that the seed pages print.
MEASURES, RICE = "二十条措施", "杂交水稻"


def dictionary_file(folder, word: str):
    path = folder / f"{word}.txt"
    path.write_text(f"{word} 100000 n\n", encoding="utf-8")
    return path


def body_words(folder) -> set[str]:
    with windex.open_dir(str(folder)).reader() as reader:
        return {text.decode("utf-8") for text in reader.lexicon("body")}


def recorded(folder) -> str:
    return json.loads((folder / "papersearch.json").read_text(encoding="utf-8"))["dictionary"]


def test_builds_in_one_process_each_use_their_own_dictionary(tmp_path, pages_copy):
    assert {MEASURES, RICE}.isdisjoint(body_words_of_default_build(tmp_path, pages_copy))
    measures, rice = dictionary_file(tmp_path, MEASURES), dictionary_file(tmp_path, RICE)
    build_index(tmp_path / "measures", [pages_copy], user_dict=str(measures), jobs=1)
    build_index(tmp_path / "rice", [pages_copy], user_dict=str(rice), jobs=1)
    build_index(tmp_path / "plain", [pages_copy], jobs=1)

    assert recorded(tmp_path / "measures") == read_user_dict(measures).fingerprint
    assert recorded(tmp_path / "rice") == read_user_dict(rice).fingerprint
    assert recorded(tmp_path / "plain") == ""
    assert MEASURES in body_words(tmp_path / "measures") and RICE not in body_words(tmp_path / "measures")
    assert RICE in body_words(tmp_path / "rice") and MEASURES not in body_words(tmp_path / "rice")
    assert {MEASURES, RICE}.isdisjoint(body_words(tmp_path / "plain"))


def body_words_of_default_build(tmp_path, pages) -> set[str]:
    build_index(tmp_path / "first", [pages], jobs=1)
    return body_words(tmp_path / "first")


def test_worker_processes_segment_with_the_index_dictionary(tmp_path, pages_copy):
    for i in range(16):  # enough pages for worker processes
        (pages_copy / f"copy{i:02d}.txt").write_text(
            (pages_copy / "000_eb6abe27dfbda830.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    measures = dictionary_file(tmp_path, MEASURES)
    build_index(tmp_path / "ix", [pages_copy], user_dict=str(measures), jobs=2)
    assert MEASURES in body_words(tmp_path / "ix")


def test_an_update_segments_new_pages_with_the_dictionary_the_index_carries(tmp_path, pages_copy):
    rice = dictionary_file(tmp_path, RICE)
    rice_page = pages_copy / "002_85826b4b7510fe28.txt"
    text = rice_page.read_text(encoding="utf-8")
    rice_page.unlink()
    build_index(tmp_path / "ix", [pages_copy], user_dict=str(rice), jobs=1)
    assert RICE not in body_words(tmp_path / "ix")
    build_index(tmp_path / "plain", [pages_copy], jobs=1)  # another dictionary in between
    rice_page.write_text(text, encoding="utf-8")
    build_index(tmp_path / "ix", [pages_copy], user_dict=str(rice), jobs=1)
    assert RICE in body_words(tmp_path / "ix")


def test_the_schema_carries_its_dictionary_and_compares_by_it(tmp_path):
    measures = read_user_dict(dictionary_file(tmp_path, MEASURES))
    rice = read_user_dict(dictionary_file(tmp_path, RICE))
    assert JiebaTokenizer(dictionary=measures) == JiebaTokenizer(dictionary=read_user_dict(tmp_path / f"{MEASURES}.txt"))
    assert JiebaTokenizer(dictionary=measures) != JiebaTokenizer(dictionary=rice)
    assert JiebaTokenizer(dictionary=measures) != JiebaTokenizer()
    # Whoosh's field equality ignores analyzers: the word fields' analyzers tell the schemas apart
    for field in ("title", "body"):
        assert schema(measures)[field].analyzer != schema(rice)[field].analyzer
        assert schema(measures)[field].analyzer == schema(measures)[field].analyzer
    back = pickle.loads(pickle.dumps(schema(measures)))
    assert back["body"].analyzer == JiebaTokenizer(dictionary=measures)
    assert MEASURES in [t.text for t in back["body"].analyzer(f"落实{MEASURES}")]


def test_query_words_use_the_dictionary_given_and_no_other(tmp_path):
    measures = read_user_dict(dictionary_file(tmp_path, MEASURES))
    assert MEASURES in query_words(MEASURES, measures)
    assert MEASURES not in query_words(MEASURES)
    assert MEASURES in query_words(MEASURES, measures)
