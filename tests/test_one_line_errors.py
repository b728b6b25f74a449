"""The no-traceback promise, kept where a user meets it: `python -m
papersearch` in a real process, so `main()`'s own error handling runs (click's
CliRunner calls the command group and never reaches it). Every kind of bad
input ends in exit 2 and one line on stderr that names the problem, and
never in a traceback or an "internal error" (a bug's message).

That these checks can see a traceback is itself tested: PAPERSEARCH_DEBUG=1
makes `main()` re-raise what it would have reported as a bug, and the same
run with it set must show one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NO_OVERRIDE = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
from papersearch.index.whooshfast import WARNING as FALLBACK_WARNING  # noqa: E402

BINARY_PAGE = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00"


def papersearch(*args: str, debug: bool = False, unprivileged: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PAPERSEARCH_DEBUG", "PAPERSEARCH_FAULT_AT", "PAPERSEARCH_INDEX")}
    env["NO_COLOR"] = "1"
    if debug:
        env["PAPERSEARCH_DEBUG"] = "1"
    cmd = [sys.executable, "-m", "papersearch", *args]
    if unprivileged and os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("SKIPPED LOUDLY: running as root without setpriv, permissions cannot be enforced")
        cmd = [*NO_OVERRIDE, *cmd]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)


def one_line_error(done: subprocess.CompletedProcess, *fragments: str) -> str:
    """The single error line of a run that failed as it should, holding each fragment."""
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("papersearch: error: "), lines[0]  # not "internal error": that is a bug
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@pytest.fixture
def own_index(seed_index, tmp_path) -> Path:
    """A private copy of the seed index that a test may damage."""
    folder = tmp_path / "ix"
    shutil.copytree(seed_index, folder)
    return folder


@pytest.mark.parametrize(
    "command", [["query", "疫情"], ["show", "x-1"], ["list"], ["stats"], ["export"], ["explain", "疫情"], ["prune"]]
)
def test_a_missing_index_says_how_to_make_one(tmp_path, command):
    line = one_line_error(papersearch("--index", str(tmp_path / "none"), *command), "no index at", "papersearch index")
    assert str(tmp_path / "none") in line
    assert not (tmp_path / "none").exists()  # asking about an index never creates one


def test_an_unknown_id_is_one_line(seed_index):
    one_line_error(papersearch("--index", str(seed_index), "show", "nope-1"), "no article with id 'nope-1'")


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_a_blank_query_is_one_line(seed_index, query):
    one_line_error(papersearch("--index", str(seed_index), "query", query), "empty query")


def test_missing_pages_are_one_line(tmp_path):
    one_line_error(papersearch("split", str(tmp_path / "missing.txt")), "missing.txt", "no such file")
    one_line_error(papersearch("--index", str(tmp_path / "ix"), "index", str(tmp_path / "missing")), "no such file or folder")
    assert not (tmp_path / "ix").exists()


def test_a_binary_page_is_one_line(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(BINARY_PAGE)
    one_line_error(papersearch("split", str(page)), "page.txt", "binary file")


def test_a_folder_of_binary_pages_names_each_and_ends_in_one_error(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_bytes(BINARY_PAGE)
    done = papersearch("--index", str(tmp_path / "ix"), "index", str(pages), "-q")
    assert "Traceback" not in done.stderr and done.returncode == 2, done.stderr
    # (on Whoosh's public writer, a run that writes says so first: not an error line)
    *skipped, last = [line for line in done.stderr.splitlines() if not line.startswith(FALLBACK_WARNING)]
    reason = "binary file (control bytes), not page text"
    assert sorted(skipped) == [f"papersearch: skipped {pages / name}: {reason}" for name in ("a.txt", "b.txt")]
    assert last == "papersearch: error: nothing could be indexed"


def test_an_unknown_encoding_or_dictionary_is_one_line(seed_index, seeds_dir, tmp_path):
    page = seeds_dir / "002_85826b4b7510fe28.txt"
    one_line_error(papersearch("split", str(page), "--encoding", "nosuch"), "cannot decode as nosuch")
    missing = tmp_path / "words.txt"
    one_line_error(papersearch("--index", str(seed_index), "--dict", str(missing), "query", "疫情"), str(missing))


def test_a_cut_index_file_says_rebuild(own_index):
    toc = next(own_index.glob("*.toc"))
    toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])
    for command in (["query", "会议"], ["stats"], ["show", "002_85826b4b7510fe28-1"]):
        one_line_error(papersearch("--index", str(own_index), *command), "--rebuild")


def zero_the_middle_of_the_term_table(folder: Path) -> None:
    # damage that keeps the file's size: only Whoosh, reading it, can notice.
    # The whole file: where a part of it lies depends on the stored page paths,
    # so zeroing a part could miss what stats reads in another checkout.
    table = next(folder.glob("*.trm"))
    table.write_bytes(bytes(table.stat().st_size))


def test_an_index_file_damaged_in_place_says_rebuild(own_index):
    zero_the_middle_of_the_term_table(own_index)
    one_line_error(papersearch("--index", str(own_index), "stats"), "the index looks damaged", "--rebuild")


def test_the_checks_see_a_traceback_when_main_lets_one_through(own_index):
    """The same run as above with PAPERSEARCH_DEBUG=1: main re-raises, and
    the checks above must fail on what it prints."""
    zero_the_middle_of_the_term_table(own_index)
    done = papersearch("--index", str(own_index), "stats", debug=True)
    assert "Traceback (most recent call last)" in done.stderr and done.returncode == 1
    with pytest.raises(AssertionError):
        one_line_error(done, "--rebuild")


def test_an_index_the_user_may_not_read_says_so_not_rebuild(own_index):
    (own_index / "papersearch.json").chmod(0o000)
    try:
        done = papersearch("--index", str(own_index), "query", "疫情", unprivileged=True)
    finally:
        (own_index / "papersearch.json").chmod(0o644)
    line = one_line_error(done, "papersearch.json", "permission denied")
    assert "--rebuild" not in line


@pytest.mark.parametrize("what", ["page folder", "page file", "index folder"])
def test_a_folder_or_file_the_user_may_not_read_is_one_line(own_index, seeds_dir, tmp_path, what):
    pages = tmp_path / "pages"
    shutil.copytree(seeds_dir, pages)
    page = pages / "002_85826b4b7510fe28.txt"
    locked, args = {
        "page folder": (pages, ["--index", str(tmp_path / "new"), "index", str(pages)]),
        "page file": (page, ["split", str(page)]),
        "index folder": (own_index, ["--index", str(own_index), "query", "疫情"]),
    }[what]
    mode = locked.stat().st_mode
    locked.chmod(0o000)
    try:
        done = papersearch(*args, unprivileged=True)
    finally:
        locked.chmod(mode)
    one_line_error(done, "permission denied")


def test_an_index_inside_a_folder_the_user_may_not_enter_is_one_line(seed_index, tmp_path):
    locked = tmp_path / "locked"
    shutil.copytree(seed_index, locked / "ix")
    locked.chmod(0o000)
    try:
        done = papersearch("--index", str(locked / "ix"), "query", "疫情", unprivileged=True)
    finally:
        locked.chmod(0o755)
    one_line_error(done, "permission denied")


# argv cannot hold NUL; the library is given NUL in test_search
HOSTILE = ["", "   ", "\t\n", "x" * 30000, "疫情" * 5000, "\x01\x07\x1b", "😀🎉", '"', '"""', "(((", ")))", "((疫情", "OR", "AND", "NOT", "-",
           "* ? ~ ^ [ ] { } : + - ! / \\", "headline:", "author:", "kind:", 'headline:"', "疫情 OR", "NOT NOT 疫情", "--limit",
           "[bold]疫情[/bold]", "[/]", "%s %d {0}", "疫情 -疫情", "kind:photo 疫情", "file:../../etc/passwd"]  # fmt: skip


@pytest.fixture(scope="module")
def library_answers(seed_index):
    """What the library answers each hostile query: hit ids, or its error."""
    import papersearch

    answers = {}
    with papersearch.open_index(seed_index) as ix:
        for query in HOSTILE:
            try:
                answers[query] = [hit.article.id for hit in ix.search(query, limit=10)]
            except papersearch.PapersearchError as err:
                answers[query] = err
    return answers


@pytest.mark.parametrize("query", HOSTILE)
def test_a_hostile_query_answers_as_the_library_does(seed_index, library_answers, query):
    """Exit 0 with the library's hits, 1 with none and nothing on stdout, or 2
    with one line when the library refuses the query (a blank one only: white
    space and control characters)."""
    done = papersearch("--index", str(seed_index), "query", "--", query)
    assert "Traceback" not in done.stderr, done.stderr
    expected = library_answers[query]
    if isinstance(expected, Exception):
        printed = "".join(ch for ch in query if ch.isprintable())  # control characters are dropped
        assert not printed.strip(), f"only a blank query is refused, not {query!r}: {expected}"
        one_line_error(done, str(expected))
        return
    shown = [line.split("\t")[1] for line in done.stdout.splitlines() if line and not line.startswith("\t")]
    assert shown == expected, done.stderr
    assert done.returncode == (0 if expected else 1), done.stderr
    if not expected:
        assert done.stdout == "" and done.stderr.startswith("no articles match"), done.stderr
