"""A newspaper archive in a temporary folder, built from the seed pages and
the test pages, laid out in the path styles real archives use, with page
furniture lines (paper, date, page, section) added where the page lacks them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PAGES = ROOT / "tests" / "pages"
OTHER = ROOT / "tests" / "other_papers" / "set1" / "pages"


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def page(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def two_pieces_page() -> str:
    """Page 3 of 山西日报 with its two continued pieces from page 1 in the
    other order: the one that belongs to page 1's 外贸 report comes second."""
    lines = page(OTHER / "h04_continued.txt").split("\n")
    furniture, trade, ecology = lines[:6], lines[6:23], lines[40:46]
    rest = lines[23:40] + lines[46:]
    return "\n".join(furniture + ecology + [""] + trade + [""] + rest)


# The tree: one page per path style, and an issue whose page 1 continues on page 3.
TREE = {
    # {paper}/{YYYY}/{MM}/{DD}/{page}.txt, furniture: the date line carrying page and section
    "吕梁日报/2022/10/30/01.txt": ("2022年10月30日 星期日 第1版 要闻\n\n", lambda: seed("004")),
    # {paper}/{YYYYMMDD}/{page}.txt, furniture: paper name, date line, page line 05版 要闻
    "rmrb/20221112/05.txt": ("人民日报\n\n2022年11月12日 星期六\n\n05版 要闻\n\n", lambda: seed("002")),
    # {paper}_{YYYYMMDD}_{label}.txt, no furniture at all
    "flat/lvliang_20221111_A04.txt": ("", lambda: seed("000")),
    # {YYYY-MM-DD}/第{page}版_{section}.txt: the 山西日报 issue, its own furniture
    "shanxi/2026-11-21/第01版_要闻.txt": ("", lambda: page(OTHER / "h01_front.txt")),
    "shanxi/2026-11-21/第03版_要闻.txt": ("", two_pieces_page),
    # a page whose printed date and page disagree with its path (national_daily prints 2023-03-06, page 4)
    "rmrb/20230305/02.txt": ("", lambda: page(PAGES / "national_daily.txt")),
    "rmrb/20230305/03.txt": ("", lambda: page(PAGES / "national_daily.txt").replace("第4版", "第3版", 1)),
}


def build(root: Path) -> Path:
    for relative, (furniture, text) in TREE.items():
        write(root, relative, furniture + text())
    return root
