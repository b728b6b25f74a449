"""Plain output for pipes and files, exit codes in pipelines, export files."""

import csv
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from papersearch.cli.main import cli

BIN = Path(sys.executable).parent / "papersearch"

AD_PAGE = (
    "本报讯（记者 张三）市里召开会议，研究部署今冬明春各项工作，要求各地\t认真落实。\n\n"
    "招聘启事\n本公司招聘司机两名\t待遇从优\n联系电话：0358-1234567\n"
)


@pytest.fixture
def run(seed_index):
    def invoke(*args, index=seed_index):
        return CliRunner().invoke(cli, ["--index", str(index), *args], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def odd_index(tmp_path_factory, seeds_dir):
    """The seed pages and a page whose fields hold tabs and line breaks."""
    from papersearch.index.indexer import build_index

    pages = tmp_path_factory.mktemp("odd")
    for page in seeds_dir.glob("*.txt"):
        (pages / page.name).write_bytes(page.read_bytes())
    (pages / "ads.txt").write_text(AD_PAGE, encoding="utf-8")
    index = tmp_path_factory.mktemp("oddix") / "index"
    build_index(index, [pages], jobs=1)
    return index


def test_plain_list_and_split_are_one_record_a_line(run, odd_index, tmp_path):
    listed = json.loads(run("list", "--json", index=odd_index).output)
    assert any("\n" in a["text"][:24] or "\t" in a["text"] for a in listed)  # the case this test is about
    plain = run("list", index=odd_index).output
    assert plain.count("\n") == len(listed)
    assert {len(line.split("\t")) for line in plain.splitlines()} == {6}
    page = tmp_path / "ads.txt"
    page.write_text(AD_PAGE, encoding="utf-8")
    split = json.loads(run("split", str(page), "--json").output)
    lines = run("split", str(page)).output.splitlines()
    assert len(lines) == len(split) and {len(line.split("\t")) for line in lines} == {5}
    assert any("\\t" in line or "\\n" in line for line in lines)  # escaped, as cut and awk users expect


def test_a_closed_pipe_is_quiet_and_not_an_error(seed_index):
    env = {**os.environ, "PAPERSEARCH_INDEX": str(seed_index)}
    for args in (["list"], ["export"], ["query", "疫情", "-n", "50"]):
        proc = subprocess.Popen([BIN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        proc.stdout.close()  # like `| head -1` that has already exited
        err = proc.stderr.read()
        assert proc.wait() in (0, -signal.SIGPIPE, 128 + signal.SIGPIPE), args
        assert err == b"", args


def test_export_to_a_folder_that_does_not_exist_exits_2_with_one_line(run, tmp_path):
    res = run("export", "-o", str(tmp_path / "none" / "f.csv"))
    assert res.exit_code == 2
    assert len(res.stderr.strip().splitlines()) == 1 and res.stderr.startswith("papersearch: error:")


def test_csv_export_for_spreadsheets(run, tmp_path):
    out = tmp_path / "a.csv"
    assert run("export", "--format", "csv", "--excel", "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet programs need to read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and "headline" in rows[0]
    plain = tmp_path / "b.csv"
    run("export", "--format", "csv", "-o", str(plain))
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    refused = run("export", "--excel", "-o", str(tmp_path / "c.jsonl"))  # JSON readers reject a BOM
    assert refused.exit_code == 2 and "--format csv" in refused.output and not (tmp_path / "c.jsonl").exists()


def test_snippets_0_prints_one_line_a_hit_and_no_fragment(run):
    lines = run("query", "疫情", "--snippets", "0", "-n", "5").output.splitlines()
    assert len(lines) == 5 and all(line.split("\t")[0].isdigit() for line in lines)


def test_dict_warns_only_where_it_changes_something_and_explain_honours_it(tmp_path, seeds_dir):
    from papersearch.index.indexer import build_index

    words = tmp_path / "dict.txt"
    words.write_text("我爱我村 1000 n\n", encoding="utf-8")
    index = tmp_path / "ix"
    build_index(index, [seeds_dir], jobs=1)

    def invoke(*args):
        return CliRunner().invoke(cli, ["--index", str(index), *args], catch_exceptions=False)

    plain, with_dict = invoke("query", "我爱我村", "--json"), invoke("--dict", str(words), "query", "我爱我村", "--json")
    assert plain.stdout == with_dict.stdout  # query words come from the index's own vocabulary
    assert with_dict.stderr == ""  # so no warning that ranking may differ
    explained = json.loads(invoke("--dict", str(words), "explain", "我爱我村", "--json").stdout)
    assert "我爱我村" in explained["terms"][0]["segmented"]
    assert "我爱我村" not in json.loads(invoke("explain", "我爱我村", "--json").stdout)["terms"][0]["segmented"]
    assert "dict.txt" in explained["dictionary"]["query"] and explained["dictionary"]["index"] == ""
    assert "index was built without" in invoke("--dict", str(words), "explain", "我爱我村").output


def test_stats_of_an_index_with_no_articles_and_after_a_no_op_run(tmp_path, seeds_dir):
    from papersearch.index.indexer import build_index

    pages = tmp_path / "pages"
    pages.mkdir()
    page = pages / "p.txt"
    page.write_bytes((seeds_dir / "002_85826b4b7510fe28.txt").read_bytes())
    index = tmp_path / "ix"
    build_index(index, [pages], jobs=1)
    built = json.loads(CliRunner().invoke(cli, ["--index", str(index), "stats", "--json"]).stdout)["built"]
    import time

    time.sleep(1.1)  # the build time has one-second resolution
    build_index(index, [pages], jobs=1)  # nothing changed
    again = json.loads(CliRunner().invoke(cli, ["--index", str(index), "stats", "--json"]).stdout)
    assert again["built"] == built
    page.unlink()
    build_index(index, [pages], jobs=1)
    shown = CliRunner().invoke(cli, ["--index", str(index), "stats"]).stdout
    assert "articles    none" in shown and "()" not in shown


def test_sizes_say_mib_where_they_count_in_mib(tmp_path):
    from papersearch.errors import PageError
    from papersearch.reader import read_page

    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 50_000_000)
    with pytest.raises(PageError) as err:
        read_page(big)
    assert "47.7 MiB" in str(err.value) and "8.0 MiB" in str(err.value)
