"""The command line as a user and a script see it: CliRunner and real subprocesses.

Bad input and its one-line errors are tested through main() in real processes
(test_one_line_errors, test_failures): CliRunner never reaches main()."""

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from papersearch.cli.main import cli

REQUIRED = {"id", "file", "kind", "kicker", "headline", "subheads", "authors", "text"}


@pytest.fixture
def run(seed_index):
    runner = CliRunner()

    def invoke(*args, index=seed_index):
        return runner.invoke(cli, ["--index", str(index), *args], catch_exceptions=False)

    return invoke


def test_query_prints_ranked_hits_and_exits_0(run):
    res = run("query", "二十条措施")
    assert res.exit_code == 0
    first = res.output.splitlines()[0].split("\t")
    assert first[0] == "1" and "二十条措施" in first[4]
    assert "\x1b[" not in res.output  # plain off a terminal


def test_query_json_contract(run):
    res = run("query", "杂交水稻", "--json", "--limit", "50")
    hits = json.loads(res.output)
    assert hits and {"id", "headline", "file", "score", "snippet"} <= set(hits[0])
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_no_hits_exit_1(run):
    res = run("query", "量子计算机")
    assert res.exit_code == 1 and res.stdout == ""


def test_show_prints_the_whole_article(run):
    hit = json.loads(run("query", "孙大军", "--json").output)[0]
    res = run("show", hit["id"], "--no-pager")
    assert res.exit_code == 0
    assert "孙大军主持召开交城、离石疫情防控会商研判会" in res.output
    assert "本报讯（记者 李雅萍）" in res.output
    assert "坚决打赢这场疫情防控遭遇战、阻击战。" in res.output
    full = json.loads(run("show", hit["id"], "--json", "--related").output)
    assert full["authors"] == ["李雅萍"] and full["related"]


def test_list_and_split_json_carry_the_contract_fields(run, seeds_dir):
    listed = json.loads(run("list", "--json").output)
    assert len(listed) >= 20 and all(REQUIRED <= set(a) for a in listed)
    assert len({a["id"] for a in listed}) == len(listed)
    split = json.loads(run("split", str(seeds_dir / "004_98bee3da790dae35.txt"), "--json").output)
    assert all(REQUIRED <= set(a) for a in split)
    assert [a["id"] for a in split] == [a["id"] for a in listed if a["file"].endswith("004_98bee3da790dae35.txt")]


def test_stats_export_explain(run, tmp_path):
    stats = json.loads(run("stats", "--json").output)
    assert stats["pages"] == 3
    assert "articles" in run("stats").output
    rows = [json.loads(line) for line in run("export").output.splitlines()]
    assert len(rows) == stats["articles"] and REQUIRED <= set(rows[0])
    out = tmp_path / "a.csv"
    assert run("export", "--format", "csv", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("id,file,ordinal,kind")
    explained = json.loads(run("explain", "雜交水稻", "--json").output)
    assert explained["terms"][0]["folded"] == "杂交水稻"


def test_version_help_and_examples():
    runner = CliRunner()
    assert runner.invoke(cli, ["--version"]).output.startswith("papersearch")
    for command in ("index", "query", "show", "list", "split", "stats", "export", "explain"):
        res = runner.invoke(cli, [command, "--help"])
        assert res.exit_code == 0 and "Example:" in res.output, command


def test_shell_completion_script():
    env = {**os.environ, "_PAPERSEARCH_COMPLETE": "bash_source"}
    res = subprocess.run([sys.executable, "-m", "papersearch"], env=env, capture_output=True, text=True)
    assert "complete" in res.stdout and "_PAPERSEARCH_COMPLETE" in res.stdout


def test_real_subprocess_index_then_query_then_show(tmp_path, seeds_dir):
    env = {**os.environ, "PAPERSEARCH_INDEX": str(tmp_path / "ix"), "NO_COLOR": "1"}
    ps = [sys.executable, "-m", "papersearch"]
    done = subprocess.run([*ps, "index", str(seeds_dir)], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and "indexed 3 page(s)" in done.stderr
    found = subprocess.run([*ps, "query", "二十条措施", "--json"], env=env, capture_output=True, text=True)
    hits = json.loads(found.stdout)
    assert found.returncode == 0 and hits
    shown = subprocess.run([*ps, "show", hits[0]["id"]], env=env, capture_output=True, text=True)
    assert shown.returncode == 0 and hits[0]["headline"] in shown.stdout
    again = subprocess.run([*ps, "index", str(seeds_dir)], env=env, capture_output=True, text=True)
    assert "3 unchanged" in again.stderr


def test_index_skips_bad_files_with_one_line_each_and_exits_0(tmp_path, seeds_dir):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text((seeds_dir / "002_85826b4b7510fe28.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.txt").write_bytes(b"\x7fELF\x00\x00\x01")
    (pages / "broken.txt").symlink_to(tmp_path / "nowhere")
    res = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "index", str(pages)])
    assert res.exit_code == 0
    skipped = [line for line in res.stderr.splitlines() if "skipped" in line and ":" in line and "indexed" not in line]
    assert len(skipped) == 3 and all(name in res.stderr for name in ("empty.txt", "binary.txt", "broken.txt"))
    assert "3 skipped" in res.stderr


def test_index_of_nothing_readable_exits_2(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "empty.txt").write_bytes(b"")
    res = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "index", str(pages)])
    assert res.exit_code == 2 and "nothing could be indexed" in res.stderr


def test_forced_encoding_and_gbk_pages(tmp_path, seeds_dir):
    pages = tmp_path / "pages"
    pages.mkdir()
    text = (seeds_dir / "002_85826b4b7510fe28.txt").read_text(encoding="utf-8")
    (pages / "gbk.txt").write_bytes(text.encode("gb18030"))
    res = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "index", str(pages)])
    assert res.exit_code == 0
    found = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "query", "杂交水稻", "--json"])
    assert json.loads(found.output)[0]["headline"].startswith("习近平向")
    res = CliRunner().invoke(cli, ["split", str(pages / "gbk.txt"), "--encoding", "utf-8"])
    assert res.exit_code == 2 and "gbk.txt: cannot decode as utf-8" in res.stderr


def test_query_syntax_from_a_chinese_input_method_finds_what_ascii_finds(run):
    for typed, ascii_form in [
        ("headline：会议", "headline:会议"),
        ("headline: 会议", "headline:会议"),
        ("headline:(会议 OR 论坛)", "headline:会议 OR headline:论坛"),
        ("“我爱我村 我爱我岗”", '"我爱我村 我爱我岗"'),
        ("（疫苗 OR 药物） 研发", "(疫苗 OR 药物) 研发"),
        ("疫情 －核酸", "疫情 -核酸"),
        ("杂交水稻 ＯＲ 粮食安全", "杂交水稻 OR 粮食安全"),
        ("杂交水稻 or 粮食安全", "杂交水稻 OR 粮食安全"),
    ]:
        want = run("query", ascii_form, "--json", "-n", "100")
        got = run("query", typed, "--json", "-n", "100")
        assert got.exit_code == want.exit_code == 0, typed
        assert [h["id"] for h in json.loads(got.output)] == [h["id"] for h in json.loads(want.output)], typed


def test_a_query_or_id_starting_with_a_dash_is_not_an_option(run, seed_index, tmp_path):
    res = run("query", "-核酸")
    assert res.exit_code == 0 and "核酸" not in res.output.split("\t")[4:5]
    assert json.loads(run("query", "-核酸", "--json", "-n", "3").output)
    assert run("query", "-n", "2", "-核酸").output.count("\n") == 4  # two hits, two lines each
    assert run("query", "--", "-核酸").exit_code == 0
    assert run("query", "--bogus", "x").exit_code == 2  # a misspelt option is still an error
    missing = run("show", "-leading-dash-7")
    assert missing.exit_code == 2 and "no article with id '-leading-dash-7'" in missing.output
    assert run("explain", "-核酸").exit_code == 0


def test_a_folder_of_mixed_encodings_and_a_bad_byte_indexes_in_one_run(tmp_path, seeds_dir):
    pages = tmp_path / "pages"
    pages.mkdir()
    text = (seeds_dir / "002_85826b4b7510fe28.txt").read_text(encoding="utf-8")
    (pages / "utf8.txt").write_bytes(text[:100].encode() + b"\xff" + text[100:].encode())
    (pages / "gbk.txt").write_bytes(text.encode("gb18030"))
    (pages / "utf16.txt").write_bytes(text.encode("utf-16-le"))
    (pages / "nul.txt").write_bytes(text[:30].encode() + b"\x00" + text[30:].encode())
    res = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "index", str(pages)])
    assert res.exit_code == 0, res.output
    assert "indexed 4 page(s)" in res.stderr and "0 skipped" in res.stderr
    assert "utf8.txt: 1 undecodable byte(s) shown as" in res.stderr
    hits = json.loads(
        CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "query", "杂交水稻", "--json", "-n", "50"]).output
    )
    assert {h["file"].rsplit("/", 1)[-1] for h in hits} == {"utf8.txt", "gbk.txt", "utf16.txt", "nul.txt"}
