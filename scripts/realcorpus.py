#!/usr/bin/env python3
"""A benchmark corpus with a real vocabulary, made offline from jieba's dictionary.

Shuffling the three seed pages gives 2,000 pages with ~6,000 distinct Han
bigrams; real news text of that size has ~550,000, ~5,500 distinct
characters, and about 45% of its words occur in one article only. An index
that is small and fast on the first can be neither on the second.

Article bodies here are sentence-like runs of words drawn from jieba's own
dictionary (dict.txt, ~350k words with frequencies, shipped by the `bench`
extra): most words by their frequency, a share from the whole dictionary
alike (the long tail that makes real vocabularies large). Reporters' names
come from a table of common surnames and given-name characters, with
datelines and bylines in the shapes newspapers print (see
docs/newspaper-typesetting.md). Pages are laid out in the styles PDF text
extraction produces: narrow column wraps (15-40 characters, with or without
blank lines between them), headlines above or after their bodies,
letter-spaced lines, photo captions, continuation marks, page furniture.

Everything is seeded: page n is the same page whatever the corpus size, and
`variant` gives the same page number new text (for incremental runs).

    python scripts/realcorpus.py OUT_FOLDER --pages 2000     # writes pages, prints statistics
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PAGE_BYTES = 14_000
# Tuned so 2,000 pages hold real news text's vocabulary statistics (printed
# by main(): ~590k distinct Han bigrams, 5,000 characters, 66% of word terms
# in one article only; real text has ~550k, ~5,500 and ~45%):
TAIL_SHARE = 0.01  # words drawn alike from the whole dictionary, not by frequency
FREQ_POWER = 1.0  # dictionary frequencies raised to this power
FOLLOW_SHARE = 0.85  # words that are one of the few followers of the word before
FOLLOWERS = 2
CHARACTERS = 5000  # words of rarer characters stay out

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐")
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌宇浩凯鹏飞辉亮晨欣怡佳琪雪梅丹婷晶颖璐倩宁"
    "海波峰云龙春燕萍莉凤俊鑫帅林东昊阳博诚瑞祥福荣海鹰振坤德宏卫忠永庆立新兵虎晓光远成宝贵俊杰亚楠一鸣子轩思雨"
)
PLACES = ("北京", "上海", "广州", "成都", "太原", "吕梁", "西安", "武汉", "南京", "杭州", "长沙", "郑州", "济南", "昆明", "兰州")
AGENCIES = ("新华社", "中新社", "人民日报")
CN_NUM = "一二三四五六七八九十"
CLAUSE_PUNCT = "，，，，、；："
END_PUNCT = "。。。。。！？"


@dataclass
class Vocabulary:
    words: list[str]
    cum_freq: list[float]
    _followers: dict = field(default_factory=dict)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        """k words: by frequency, or (TAIL_SHARE of them) alike from all;
        FOLLOW_SHARE of them one of the few words that follow the word
        before (text is made of collocations, not of independent words)."""
        fresh = rng.choices(self.words, cum_weights=self.cum_freq, k=k)
        out: list[str] = []
        for word in fresh:
            roll = rng.random()
            if out and roll < FOLLOW_SHARE:
                word = rng.choice(self.followers(out[-1]))
            elif roll > 1 - TAIL_SHARE:
                word = rng.choice(self.words)
            out.append(word)
        return out

    def followers(self, word: str) -> list[str]:
        known = self._followers.get(word)
        if known is None:
            picker = random.Random(zlib.crc32(word.encode()))
            known = self._followers[word] = picker.choices(self.words, cum_weights=self.cum_freq, k=FOLLOWERS)
        return known


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    import jieba  # the bench extra: `pip install -e ".[bench]"`

    han = re.compile(r"^[\u4e00-\u9fff]+$")
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as dict_file:
        lines = dict_file.readlines()
    # real text uses some 5,500 characters: words of rarer ones stay out
    char_freq: Counter[str] = Counter()
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and han.match(parts[0]):
            for ch in parts[0]:
                char_freq[ch] += int(parts[1])
    common = {ch for ch, _ in char_freq.most_common(CHARACTERS)}
    words, cum, total = [], [], 0.0
    for line in lines:
        parts = line.split()
        if len(parts) < 2 or not han.match(parts[0]):
            continue
        if not set(parts[0]) <= common:
            continue
        total += int(parts[1]) ** FREQ_POWER
        words.append(parts[0])
        cum.append(total)
    return Vocabulary(words, cum)


def person(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.03 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def clause(rng: random.Random, vocab: Vocabulary) -> str:
    words = vocab.draw(rng, rng.randint(2, 7))
    if rng.random() < 0.12:
        words.insert(rng.randrange(len(words) + 1), person(rng))
    text = "".join(words)
    if rng.random() < 0.08:
        text = f"“{text}”"
    if rng.random() < 0.06:
        text += f"{rng.randint(2, 999)}{rng.choice(('个', '家', '万元', '人', '项', '%'))}"
    return text


def sentence(rng: random.Random, vocab: Vocabulary) -> str:
    parts = [clause(rng, vocab) for _ in range(rng.randint(1, 5))]
    out = parts[0]
    for part in parts[1:]:
        out += rng.choice(CLAUSE_PUNCT) + part
    return out + rng.choice(END_PUNCT)


def paragraph(rng: random.Random, vocab: Vocabulary) -> str:
    return "".join(sentence(rng, vocab) for _ in range(rng.randint(2, 6)))


def headline(rng: random.Random, vocab: Vocabulary) -> str:
    text = "".join(vocab.draw(rng, rng.randint(3, 8)))[:28]
    if rng.random() < 0.2:
        text += " " + "".join(vocab.draw(rng, rng.randint(2, 4)))
    return text


def opener(rng: random.Random, month: int, day: int) -> str:
    name = person(rng)
    date = f"{month}月{day}日"
    if rng.random() < 0.3:
        date = f"{month} 月 {day} 日"  # justified lines come out letter-spaced
    shape = rng.randrange(6)
    if shape == 0:
        return f"本报讯（记者 {name}）{date}，"
    if shape == 1:
        return f"本报讯 记者 {name} 通讯员 {person(rng)} 报道 "
    if shape == 2:
        return f"{rng.choice(AGENCIES)}{rng.choice(PLACES)}{month}月{day}日电（记者 {name} {person(rng)}）"
    if shape == 3:
        return f"□ 本报记者 {name}\n"
    if shape == 4:
        return f"{date}，"
    return ""


@dataclass
class Article:
    kicker: str
    headline: str
    subhead: str
    paragraphs: list[str]
    caption: str = ""

    def text(self) -> str:
        return "\n".join([self.kicker, self.headline, self.subhead, *self.paragraphs])


def article(rng: random.Random, vocab: Vocabulary, month: int, day: int) -> Article:
    paras = [paragraph(rng, vocab) for _ in range(rng.randint(2, 7))]
    paras[0] = opener(rng, month, day) + paras[0]
    if rng.random() < 0.15:
        paras.append(f"（{person(rng)}）")
    kicker = "".join(vocab.draw(rng, rng.randint(3, 6))) if rng.random() < 0.2 else ""
    subhead = "——" + "".join(vocab.draw(rng, rng.randint(3, 6))) if rng.random() < 0.2 else ""
    caption = ""
    if rng.random() < 0.15:
        caption = f"图为{''.join(vocab.draw(rng, rng.randint(3, 8)))}。（记者 {person(rng)} 摄）"
    return Article(kicker, headline(rng, vocab), subhead, paras, caption)


def wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def letter_spaced(text: str) -> str:
    return " ".join(text)


def lay_out(rng: random.Random, art: Article, width: int, blank_between: bool, title_after: bool) -> str:
    """One article as PDF extraction gives it: wrapped column lines, the title block above or after."""
    title = [line for line in (art.kicker, art.headline, art.subhead) if line]
    if rng.random() < 0.15 and len(art.headline) <= 16:
        title = [letter_spaced(line) if line == art.headline else line for line in title]
    body: list[str] = []
    for para in art.paragraphs:
        body += wrap(para, width) if width else [para]
    if rng.random() < 0.05:
        body.append(f"（下转第{rng.choice(CN_NUM[1:8])}版）")
    joiner = "\n\n" if blank_between else "\n"
    blocks = [joiner.join(body), "\n".join(title)]
    if not title_after:
        blocks.reverse()
    if art.caption:
        blocks.insert(rng.randrange(len(blocks) + 1), art.caption)
    return "\n\n".join(blocks)


def page(number: int, variant: int = 0, vocab: Vocabulary | None = None) -> tuple[str, list[Article]]:
    """Page number's text and its articles (variant > 0: the same page, reworded)."""
    vocab = vocab or vocabulary()
    rng = random.Random(f"page {number} variant {variant}")
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    width = rng.choice((0, 0, 15, 16, 17, 18, 20, 24, 30, 40))
    blank_between = width and rng.random() < 0.5
    title_after = rng.random() < 0.3
    blocks = [f"第{rng.choice(CN_NUM)}版  {month}月{day}日"]
    arts: list[Article] = []
    size = 0
    while size < PAGE_BYTES:
        art = article(rng, vocab, month, day)
        arts.append(art)
        block = lay_out(rng, art, width, bool(blank_between), title_after)
        blocks.append(block)
        size += len(block.encode())
    blocks.append(f"责任编辑：{person(rng)}")
    return "\n\n".join(blocks) + "\n", arts


def write_corpus(folder: Path, pages: int, variants: dict[int, int] | None = None) -> tuple[int, list[list[Article]]]:
    """Write pages 0..pages-1 into folder; return the bytes written and each page's articles."""
    folder.mkdir(parents=True, exist_ok=True)
    vocab = vocabulary()
    total, articles = 0, []
    for n in range(pages):
        text, arts = page(n, (variants or {}).get(n, 0), vocab)
        data = text.encode("utf-8")
        (folder / f"{n:05d}.txt").write_bytes(data)
        total += len(data)
        articles.append(arts)
    return total, articles


HAN = re.compile(r"[\u4e00-\u9fff]+")


def statistics(articles: list[list[Article]]) -> dict:
    """Distinct Han bigrams and characters, and the share of (search-mode
    jieba) word terms that occur in one article only."""
    import rjieba

    jieba = rjieba.Jieba()
    bigrams: set[str] = set()
    chars: set[str] = set()
    article_freq: Counter[str] = Counter()
    count = 0
    for art in itertools.chain.from_iterable(articles):
        text = art.text()
        for run in HAN.findall(text):
            chars.update(run)
            bigrams.update(map(str.__add__, run, run[1:]))
        article_freq.update({w for w in jieba.cut_for_search(text) if HAN.fullmatch(w)})
        count += 1
    once = sum(1 for n in article_freq.values() if n == 1)
    return {
        "articles": count,
        "distinct Han bigrams": len(bigrams),
        "distinct Han characters": len(chars),
        "distinct word terms": len(article_freq),
        "word terms in one article only": once / max(1, len(article_freq)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--pages", type=int, default=2000)
    args = ap.parse_args()
    size, articles = write_corpus(args.folder, args.pages)
    print(f"{args.pages} pages, {size / 1e6:.1f} MB")
    for name, value in statistics(articles).items():
        print(f"{name}: {value:.1%}" if isinstance(value, float) else f"{name}: {value:,}")


if __name__ == "__main__":
    main()
