"""Metamorphic tests: a page perturbed the way PDF extraction perturbs pages
splits into the same articles, with the same headlines and authors, as the
page itself, and loses no text.

Perturbations generated (hypothesis, over the seed pages and tests/pages):

- spaces of a byline moved: dropped, added inside role words (``通讯 员``),
  removed between agency and role (``本报讯通讯员``) and between names
  (``张三李四``), the closing ``报道`` glued to the body;
- a byline set over two lines, broken at one of its spaces or after its
  agency (``本报讯`` / ``记者 张三 报道 …``);
- body lines re-wrapped at 8-40 characters;
- every blank line dropped, or doubled;
- every headline of a page moved under its body (or over it, on a page that
  prints headlines after bodies), where each headline shares at least 0.3 of
  its rare character pairs with its own body and more than twice as much as
  with the body it comes to stand next to;
- combinations of the above.

Excluded, because a reader could no longer resolve them either:

- a space inside a name (``王刚李 明华``): a printed space is where a reader
  ends a name when names run together;
- the space between a byline without a closing bracket, ``报道`` or
  punctuation and the body (``记者张三近日，``): where the name ends is then a
  guess (张三 or 张三近);
- bare-name lines run together (``王荣王晓丽``): with no role word, only the
  spaces tell names from a short title (高温来袭 reads as 高温 + 来袭);
- headlines re-wrapped: extraction wraps columns of body text, a headline is
  set in a block of its own width; a headline cut at 8 characters is two
  short lines a reader takes for a kicker and a title;
- moving a headline whose words its body does not share (commentary titles
  such as 让老字号焕发新活力 over a piece about a soy-sauce shop): printed
  between two bodies, nothing tells a reader which one it heads;
- moving some headlines of a page and not others: two bodies then stand
  together with no headline between them and read as one;
- moving headlines on a page under a column label (简讯): the label heads the
  column, and no page sets it over a body whose headline is printed under it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nolost import lost_and_doubled
from perturb import blank_lines, move_byline_spaces, move_headlines, rewrap

from papersearch.reader import read_page
from papersearch.split.splitter import split_text

ROOT = Path(__file__).resolve().parent.parent
ALL_PAGES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "pages").glob("*.txt"))
TEXTS = {p.stem: read_page(p).text for p in ALL_PAGES}


def signature(text: str) -> list[tuple]:
    arts = split_text(text)
    return sorted((a.kind, "".join(a.headline.split()), tuple(a.authors), "".join((a.title + a.text).split())) for a in arts)


BASELINE = {name: signature(text) for name, text in TEXTS.items()}
pages = st.sampled_from(sorted(TEXTS))
seeds = st.integers(0, 2**32 - 1)
SETTINGS = settings(max_examples=130, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def check(name: str, perturbed: str) -> None:
    assert signature(perturbed) == BASELINE[name]
    assert lost_and_doubled(perturbed, split_text(perturbed)) == ("", "")


@SETTINGS
@given(pages, seeds)
def test_byline_spacing(name, seed):
    check(name, move_byline_spaces(TEXTS[name], random.Random(seed)))


@SETTINGS
@given(pages, seeds)
def test_byline_over_two_lines(name, seed):
    check(name, move_byline_spaces(TEXTS[name], random.Random(seed), split_lines=True))


@SETTINGS
@given(pages, st.integers(8, 40))
def test_rewrapped_columns(name, width):
    check(name, rewrap(TEXTS[name], width))


@pytest.mark.parametrize("mode", ["drop", "double"])
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_blank_lines(name, mode):
    check(name, blank_lines(TEXTS[name], mode))


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_headlines_moved_over_or_under_their_bodies(name):
    check(name, move_headlines(TEXTS[name]))


@SETTINGS
@given(pages, seeds, st.integers(8, 40), st.sampled_from(["keep", "double"]))
def test_everything_at_once(name, seed, width, blanks):
    text = move_byline_spaces(rewrap(TEXTS[name], width), random.Random(seed), split_lines=seed % 2 == 0)
    check(name, text if blanks == "keep" else blank_lines(text, blanks))


def test_the_perturbations_change_the_page():
    text = TEXTS["briefs"]
    moved = {move_byline_spaces(text, random.Random(seed)) for seed in range(20)}
    assert len(moved) > 10 and any("本报讯通讯员" in t for t in moved) and any("通讯 员" in t for t in moved)
    split = move_byline_spaces(text, random.Random(1), split_lines=True)
    assert split.count("\n") > text.count("\n")
    assert "\n镇累计收购秋粮两万三千吨\n" in rewrap(text, 12)  # body lines re-set at 12 characters
    moved = move_headlines(text)
    assert moved.index("城关镇完成秋粮收购任务") > moved.index("截至10月底")  # the headline now under its body


def test_lone_headlines_are_rare_on_every_page_and_every_column_width():
    """Headlines stand over (or under) bodies: at most 5% of all items are a
    headline left without its body, over the pages and their columns re-set
    at 15 to 40 characters."""
    kinds = [a.kind for text in TEXTS.values() for width in range(15, 41, 5) for a in split_text(rewrap(text, width))]
    assert kinds.count("headline") <= 0.05 * len(kinds)
