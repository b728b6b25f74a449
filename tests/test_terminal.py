"""What a person sees in a real terminal, driven through tmux."""

import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is installed by .ci/run")

BIN = Path(sys.executable).parent / "papersearch"


class Terminal:
    def __init__(self, width=120, height=40):
        self.name = f"ps-{uuid.uuid4().hex[:8]}"
        # a server of its own: other tmux users on the machine cannot end it under the test
        self.tmux = ["tmux", "-L", self.name]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height)], check=True)

    def type(self, line):
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, line, "Enter"], check=True)

    def screen(self, colours=False):
        args = [*self.tmux, "capture-pane", "-p", "-t", self.name] + (["-e"] if colours else [])
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def wait_for(self, text, timeout=60, colours=False):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(colours)
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def wait_for_pattern(self, pattern, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{pattern!r} never appeared:\n{self.screen()}")

    def close(self):
        subprocess.run([*self.tmux, "kill-server"], check=False)


@pytest.fixture
def term():
    t = Terminal()
    yield t
    t.close()


@pytest.fixture
def many_pages(tmp_path, seeds_dir):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(240):
        src = sorted(seeds_dir.glob("*.txt"))[i % 3]
        (folder / f"{i:03d}_{src.name}").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_progress_bar_then_summary_then_highlighted_results(term, tmp_path, many_pages):
    index = tmp_path / "ix"
    env = f"env -u NO_COLOR TERM=xterm-256color PAPERSEARCH_INDEX={index}"
    term.type(f"{env} {BIN} index --jobs 1 {many_pages}; echo INDEX-" + '""DONE')
    progress = term.wait_for_pattern(r"indexing.*\d+/240.*pages +[1-9]\d* articles +[\d.]+ MB/s", timeout=60)
    assert "━" in progress  # the rich bar itself
    done = term.wait_for("INDEX-DONE", timeout=120)
    assert "indexed 240 page(s)" in done
    term.type("clear")
    term.type(f"{env} {BIN} query 杂交水稻 --limit 2")
    coloured = term.wait_for("论坛发表书面致辞", timeout=30, colours=True)
    plain = term.screen()
    assert "1." in plain and "习近平向" in plain  # rank and headline laid out
    assert "\x1b[" in coloured  # styled on a terminal
    assert any(code in coloured for code in ("\x1b[30;43m", "\x1b[1;30;43m", "43m"))  # the match highlighted


def test_plain_output_when_piped(term, tmp_path, seeds_dir):
    index = tmp_path / "ix"
    term.type(
        f"PAPERSEARCH_INDEX={index} {BIN} index -q {seeds_dir} && PAPERSEARCH_INDEX={index} {BIN} query 杂交水稻 | cat -v; echo PIPE-"
        + '""DONE'
    )
    screen = term.wait_for("PIPE-DONE", timeout=60)
    assert "^[[" not in screen and "002_85826b4b7510fe28-2" in screen


def test_a_long_article_pages_by_screen_lines_with_colours_and_no_raw_codes(tmp_path, seeds_dir):
    """An article of few, long paragraphs is taller than a narrow terminal:
    it goes to the pager, and less shows colours, not escape codes, even
    when LESS is unset."""
    import json
    import math
    import os

    index = tmp_path / "ix"
    env = {**os.environ, "PAPERSEARCH_INDEX": str(index)}
    subprocess.run([BIN, "index", "-q", str(seeds_dir)], env=env, check=True)
    listed = json.loads(subprocess.run([BIN, "list", "--json"], env=env, capture_output=True, check=True).stdout)
    width, height = 60, 30

    def rows(a):
        return sum(math.ceil((len(p) + 2) * 2 / width) for p in a["text"].split("\n"))

    article = next(a for a in listed if a["text"].count("\n") + 6 < height and rows(a) > height + 10)
    t = Terminal(width=width, height=height)
    try:
        t.type(f"env -u LESS -u NO_COLOR PAGER=less TERM=xterm-256color PAPERSEARCH_INDEX={index} {BIN} show {article['id']}")
        screen = t.wait_for_pattern(r"\(END\)|^:|\n:", timeout=30)
        assert "ESC[" not in screen and "\x1b" not in screen  # less -R draws the colours
        assert article["headline"][:8] in screen.replace("\n", "")  # the headline is on the first page
        t.type("q")
    finally:
        t.close()


def _seed_index(tmp_path, seeds_dir):
    import os

    index = tmp_path / "ix"
    subprocess.run([BIN, "index", "-q", str(seeds_dir)], env={**os.environ, "PAPERSEARCH_INDEX": str(index)}, check=True)
    return index


def test_list_table_on_a_narrow_terminal_keeps_every_id_whole(tmp_path, seeds_dir):
    import json
    import os

    index = _seed_index(tmp_path, seeds_dir)
    env = {**os.environ, "PAPERSEARCH_INDEX": str(index)}
    ids = [a["id"] for a in json.loads(subprocess.run([BIN, "list", "--json"], env=env, capture_output=True).stdout)]
    t = Terminal(width=80, height=200)
    try:
        t.type(f"clear; PAPERSEARCH_INDEX={index} {BIN} list; echo LIST-" + '""DONE')
        screen = t.wait_for("LIST-DONE", timeout=30)
    finally:
        t.close()
    assert all(i in screen for i in ids)  # each id on one line, copyable


def test_wrapped_lines_never_start_with_a_comma(tmp_path, seeds_dir):
    """Chinese line breaking: no screen line opens with ，、。 and the like."""
    index = _seed_index(tmp_path, seeds_dir)
    for width in (41, 47, 53, 60):
        t = Terminal(width=width, height=300)
        try:
            t.type(f"clear; PAPERSEARCH_INDEX={index} {BIN} show 000_eb6abe27dfbda830-3 --no-pager; echo SHOW-" + '""DONE')
            screen = t.wait_for("SHOW-DONE", timeout=30)
        finally:
            t.close()
        lines = [line.strip() for line in screen.splitlines() if line.strip()]
        assert len(lines) > 40
        assert not [line for line in lines if line[0] in "，、。；：！？）”"], width


def test_the_writing_stage_shows_no_finished_bar(term, tmp_path, many_pages):
    index = tmp_path / "ix"
    term.type(f"env -u NO_COLOR TERM=xterm-256color PAPERSEARCH_INDEX={index} {BIN} index --jobs 2 {many_pages}")
    screen = term.wait_for("writing the index", timeout=120)
    line = next(x for x in screen.splitlines() if "writing the index" in x)
    assert "0:00:00" not in line and "240/?" in line  # a stage still running: no ETA, no full count
    term.wait_for("indexed 240 page(s)", timeout=120)
