"""Split a page into the articles a reader of the printed page sees.

Layout units (paragraphs, title blocks, captions, ads) are grouped into
bodies at the places where an article must start: an opener (本报讯…,
新华社…电), a continuation mark (下转第三版), a closing credit, a title block
or caption in between, or a change of topic. Each title block is then given
to the body it shares most words with, before or after it, because PDF
extraction prints some headlines after their body.

>>> page = "本报讯（记者 张三）昨日，市防汛指挥部召开会议。\\n\\n市防汛指挥部召开会议"
>>> [(a.headline, a.authors, a.text) for a in split_text(page)]
[('市防汛指挥部召开会议', ['张三'], '昨日，市防汛指挥部召开会议。')]
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from papersearch.model import Article, Page, article_id
from papersearch.split.bodies import Body, TitleUnits, article_from_body, new_article, split_stacked
from papersearch.split.bylines import parse_opener
from papersearch.split.cohesion import Lexicon, cosine_vectors
from papersearch.split.hanzi import compile_both
from papersearch.split.layout import opens_new_ad, page_units
from papersearch.split.textfix import take_continuations
from papersearch.split.titles import is_speech_kicker, read_title_block
from papersearch.split.units import AD, BYLINE, CAPTION, FURNITURE, MARK, PARA, TITLE, Unit

# Adjacent passages of one article share at least this much (tf-idf cosine of
# bigrams): a title block between them is a section head of one feature.
TOPIC_SHIFT = 0.06
# Paragraphs move to the next title's article when they share this much more
# (cosine) with it than with the body they were printed in.
RECLAIM_MARGIN = 0.02
# A title over a photo caption heads it when this share of its words is in it
# (and more than in any body around).
CAPTION_TITLE_MIN = 0.2
# A feature prints at most a few paragraphs above its headline.
MAX_RECLAIM = 8
# A title block claims a body printed after it with this much of its words in
# that body, one printed before it with this much (and more than the one after).
FORWARD_MIN = 0.08
BACKWARD_MIN = 0.3
# The claim of a title on the body printed right under it, sharing no words.
WEAK_FORWARD = 0.0


_ENUMERATED = compile_both(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．]\D|[①-⑳])")


def split_page(page: Page) -> list[Article]:
    """The articles of one page, in printed order."""
    return _Splitter(page_units(page.text)).articles(page.path)


def split_text(text: str, path: str = "page.txt") -> list[Article]:
    return split_page(Page(path=path, text=text))


class _Splitter:
    def __init__(self, units: list[Unit]):
        self.units = units
        self.lex = Lexicon([u.text for u in units])
        self.caption_titles: dict[int, TitleUnits] = {}

    # --- stage 1: title blocks and section heads
    def _items(self) -> list[Unit | TitleUnits]:
        items: list[Unit | TitleUnits] = []
        for unit in self.units:
            if unit.kind == FURNITURE:
                continue  # editors' credits, dates and page numbers are nobody's text
            if unit.kind in (TITLE, BYLINE):
                last = items[-1] if items else None
                joinable = (
                    isinstance(last, TitleUnits)
                    and last.units[-1].kind != BYLINE
                    or (isinstance(last, TitleUnits) and unit.kind == BYLINE)
                    # 本报评论员 drawn over its title: a nameless byline signs no piece above
                    or (isinstance(last, TitleUnits) and not last.titles and not last.authors and unit.kind == TITLE)
                )
                if joinable and unit.gap < 2:
                    last.units.append(unit)
                    continue
                items.append(TitleUnits([unit]))
            else:
                items.append(unit)
        return items

    def _is_section_head(self, items: list, i: int) -> bool:
        """A title block inside a feature: no byline, plain paragraphs on both sides."""
        block = items[i]
        if block.bylines or i + 1 >= len(items) or i == 0:
            return False
        after, before = items[i + 1], items[i - 1]
        if not (isinstance(after, Unit) and after.kind == PARA and not parse_opener(after.text)):
            return False
        if isinstance(before, TitleUnits):
            return bool(before.bylines and before.titles)
        if not (isinstance(before, Unit) and before.kind == PARA) or before.credit:
            return False
        if take_continuations(before.text)[1]:
            return False
        if any(t.startswith(("—", "-")) for t in block.titles[1:]):
            return True  # 小标题 + ——subtitle: the shape of a feature's section head
        if all(_ENUMERATED.match(t) for t in block.titles):
            return True  # 一、… （二）… 3. …: numbered section heads
        # a plain title between paragraphs on one topic is a section head only
        # inside a feature that a bylined title opened (not in a column of briefs)
        if not self._inside_feature(items, i):
            return False
        return self.lex.cosine(before.text, after.text) >= TOPIC_SHIFT or self._unsigned_section(items, i)

    @staticmethod
    def _unsigned_section(items: list, i: int) -> bool:
        """The paragraphs under a title inside a feature carry no opener, byline
        or closing credit up to the next title or the page's end: a piece of its
        own would be signed somewhere, a feature's section is signed by the
        feature's byline (小标题 over sections on different sub-topics)."""
        for item in items[i + 1 :]:
            if isinstance(item, TitleUnits):
                return True
            if not (isinstance(item, Unit) and item.kind == PARA) or parse_opener(item.text) or item.credit:
                return False
        return True

    def _inside_feature(self, items: list, i: int) -> bool:
        for j in range(i - 1, -1, -1):
            item = items[j]
            if isinstance(item, TitleUnits):
                # the feature's earlier section heads lead back to its headline
                return bool(item.bylines and item.titles) or self._is_section_head(items, j)
            if isinstance(item, Unit) and (item.kind != PARA or parse_opener(item.text) or item.credit):
                return False
        return False

    # --- stage 2: bodies
    def _bodies(self, items: list) -> list[Body | TitleUnits | Unit]:
        out: list[Body | TitleUnits | Unit] = []
        came_from = ""  # an （上接…） mark opens the next body
        for i, item in enumerate(items):
            cur = out[-1] if out and isinstance(out[-1], Body) else None
            if isinstance(item, Unit) and item.kind == MARK:
                _text, to, came = take_continuations(item.text)
                last = next((b for b in reversed(out) if isinstance(b, Body)), None)
                if to and last is not None and not last.continues_to:
                    last.continues_to = to  # （下转…） closes the body printed above it
                came_from = came or came_from
                continue
            if isinstance(item, TitleUnits):
                if not item.titles and i + 1 < len(items) and isinstance(items[i + 1], Unit) and items[i + 1].kind == PARA:
                    body = Body(byline_units=item.bylines)
                    out.append(body)  # a byline standing alone opens the next body
                    continue
                if self._is_section_head(items, i):
                    if cur is None or cur.hard_end:
                        cur = Body()
                        out.append(cur)
                    for unit in item.units:
                        cur.add(unit, unit.text)
                    continue
                out.append(item)
                continue
            if item.kind != PARA:
                out.append(item)
                continue
            opener = parse_opener(item.text)
            fresh_byline = cur is not None and not cur.paras and cur.byline_units
            if cur is None or (opener and not fresh_byline) or cur.hard_end or came_from:
                if not fresh_byline or cur is None:
                    cur = Body()
                    out.append(cur)
                cur.continued_from, came_from = cur.continued_from or came_from, ""
            if opener:
                cur.opener = opener
                cur.add(item, opener.rest)
            else:
                cur.add(item, item.text)
        return out

    # --- stage 3: give each title block its body
    def _reclaim_tails(self, seq: list, neighbour) -> list:
        """A feature often opens with paragraphs printed above its headline.
        When a title block's body has no opener, the paragraphs without opener
        at the end of the body before it go with that title when they share
        more with it than with the body they follow."""
        for i, block in enumerate(seq):
            if not isinstance(block, TitleUnits) or not block.titles:
                continue
            before, after = neighbour(i, -1), neighbour(i, +1)
            if before is None or after is None or after.opener is not None or before.hard_end:
                continue
            if seq.index(before) != i - 1:
                continue  # a caption stands between: the body before is not this one's
            target = self.lex.vector(self.lex.bigrams(block.text + "\n" + after.text))
            counts = [self.lex.bigrams(t) for t in before.texts]
            # tails of at most MAX_RECLAIM paragraphs: head is counts[:k], tail counts[k:]
            first = max(1, len(before.paras) - MAX_RECLAIM)
            head: Counter = Counter()
            tail: Counter = Counter()
            for n, count in enumerate(counts):
                (head if n < first - 1 else tail).update(count)
            gains: dict[int, float] = {}
            for k in range(first, len(before.paras)):
                head.update(counts[k - 1])
                tail.subtract(counts[k - 1])
                if before.paras[k].kind != PARA or not before.texts[k] or before.paras[k].credit:
                    continue
                tail_vector = self.lex.vector(tail)
                gains[k] = cosine_vectors(tail_vector, target) - cosine_vectors(tail_vector, self.lex.vector(head))
            # the longest tail that leans to the title after it about as much as the best one
            top = max(gains.values(), default=0.0)
            best = None
            if top > RECLAIM_MARGIN:
                k = min(k for k, g in gains.items() if g > RECLAIM_MARGIN and g >= top - RECLAIM_MARGIN / 2)
                best = (gains[k], k)
            if best is not None:
                k = best[1]
                after.paras[:0], after.texts[:0] = before.paras[k:], before.texts[k:]
                if not after.hard_end:
                    after.closing, after.closing_text = before.closing, before.closing_text
                before.paras, before.texts, before.closing, before.closing_text = before.paras[:k], before.texts[:k], [], ""
        return seq

    def _attach(self, seq: list) -> list:
        def neighbour(i: int, step: int) -> Body | None:
            j = i + step
            while 0 <= j < len(seq) and isinstance(seq[j], Unit):
                j += step  # captions and ads stand between a title and its body
            return seq[j] if 0 <= j < len(seq) and isinstance(seq[j], Body) else None

        seq = self._split_title_blocks(split_stacked(seq, neighbour, self.lex.containment), neighbour)
        if not self._headlines_after_bodies(self._shares(seq, neighbour)):
            # (where headlines follow their bodies, the body before a title is its own)
            seq = self._reclaim_tails(seq, neighbour)
        offers: list[tuple[float, int, TitleUnits, Body]] = []
        shares = self._shares(seq, neighbour)
        after_bodies = self._headlines_after_bodies(shares)
        for i, block in enumerate(seq):
            if i not in shares:
                continue
            before, after, s_before, s_after = shares[i]
            if (
                before
                and after
                and before.opener is None
                and after.opener is None
                and not before.hard_end
                and not before.byline_units
                and s_before >= BACKWARD_MIN
                and s_after >= BACKWARD_MIN
            ):
                offers.append((s_before + s_after, i, block, before))  # printed inside its own body
                before.merge_with = after
                continue
            adjacent = after is not None and i + 1 < len(seq) and seq[i + 1] is after
            # a jump-head stands right over the part continued from another page
            # (on a page printing headlines after bodies, a title's own name line
            # is no sign it heads the body below)
            own_byline = bool(block.bylines) and not after_bodies
            opens_below = adjacent and bool(after.opener or after.byline_units or own_byline or after.continued_from)
            if after and (s_after >= FORWARD_MIN or opens_below):
                # a title right over an opener heads that article even when
                # their words differ; any title sharing more with a body wins first
                offers.append((s_after, i, block, after))
            if before and s_before >= BACKWARD_MIN and s_before > s_after:
                offers.append((s_before, i, block, before))
            elif after_bodies and before and not before.continues_to and not (s_after >= FORWARD_MIN or opens_below):
                offers.append((WEAK_FORWARD, i, block, before))  # the page's way: under its body
            elif adjacent and not (s_after >= FORWARD_MIN or opens_below):
                # headlines stand over their bodies on most pages: a title right
                # over a body no other title claims heads it, after every better claim
                offers.append((WEAK_FORWARD, i, block, after))
        taken: set[int] = set()
        for i, block in enumerate(seq):
            # a title right over a photo caption that names the same scene heads the photo
            if isinstance(block, TitleUnits) and block.titles and i + 1 < len(seq):
                caption = seq[i + 1]
                if isinstance(caption, Unit) and caption.kind == CAPTION:
                    s_caption = self.lex.containment(block.text, caption.text)
                    rivals = [o[0] for o in offers if o[1] == i]
                    if s_caption >= CAPTION_TITLE_MIN and s_caption > max(rivals, default=0.0):
                        self.caption_titles[id(caption)] = block
                        taken.add(i)
        for _score, i, block, body in sorted(offers, key=lambda o: -o[0]):
            if i in taken or body.title is not None:
                continue
            body.title = block
            taken.add(i)
            partner = body.merge_with
            if partner is not None and partner.title is None:
                body.paras += partner.paras
                body.texts += partner.texts
                body.closing, body.closing_text = partner.closing, partner.closing_text
                body.continues_to = partner.continues_to
                partner.paras, partner.texts = [], []
        return [item for k, item in enumerate(seq) if not (isinstance(item, TitleUnits) and k in taken)]

    def _shares(self, seq: list, neighbour) -> dict[int, tuple]:
        """For each title block: the bodies before and after it and how much of
        its words each holds."""
        shares = {}
        for i, block in enumerate(seq):
            if isinstance(block, TitleUnits) and block.titles:
                before, after = neighbour(i, -1), neighbour(i, +1)
                s_before = self.lex.containment(block.text, before.text) if before else 0.0
                s_after = self.lex.containment(block.text, after.text) if after else 0.0
                shares[i] = (before, after, s_before, s_after)
        return shares

    @staticmethod
    def _headlines_after_bodies(shares: dict[int, tuple]) -> bool:
        """The page prints its headlines after their bodies: more title blocks
        plainly name the body before them (or end the page under a body) than
        the body after them (or open the page over one)."""
        back = fore = 0
        for before, after, s_before, s_after in shares.values():
            back += bool(before) and (after is None or (s_before >= BACKWARD_MIN and s_before > 2 * s_after))
            fore += bool(after) and (before is None or (s_after >= BACKWARD_MIN and s_after > 2 * s_before))
        return back > fore

    def _split_title_blocks(self, seq: list, neighbour) -> list:
        """A block whose first titles name the body before it and whose last
        titles name the body after it is two blocks: one printed after its
        body, one before."""
        out: list = []
        for i, block in enumerate(seq):
            if not isinstance(block, TitleUnits) or len(block.titles) < 2:
                out.append(block)
                continue
            before, after = neighbour(i, -1), neighbour(i, +1)
            best = None
            if before is not None and after is not None:
                for k in range(1, len(block.units)):
                    head, tail = block.units[:k], block.units[k:]
                    if not any(u.kind == TITLE for u in head) or not any(u.kind == TITLE for u in tail):
                        continue
                    head_text = " ".join(u.text for u in head if u.kind == TITLE)
                    tail_text = " ".join(u.text for u in tail if u.kind == TITLE)
                    s_head = self.lex.containment(head_text, before.text)
                    s_tail = self.lex.containment(tail_text, after.text)
                    # a kicker naming a speaker opens the next block even when
                    # the headline it stands over shares few words with the body
                    kicker = tail[0].kind == TITLE and is_speech_kicker(tail[0].text)
                    if (
                        s_head >= BACKWARD_MIN
                        and (s_tail >= BACKWARD_MIN or kicker)
                        and s_head > self.lex.containment(head_text, after.text)
                        and s_tail > self.lex.containment(tail_text, before.text)
                        and (best is None or s_head + s_tail > best[0])
                    ):
                        best = (s_head + s_tail, k)
            if best is None:
                out.append(block)
            else:
                out += [TitleUnits(block.units[: best[1]]), TitleUnits(block.units[best[1] :])]
        return out

    # --- stage 4: articles
    def articles(self, path: str) -> list[Article]:
        seq = self._attach(self._bodies(self._items()))
        stem = Path(path).stem
        found: list[tuple[int, Article]] = []
        pending_ads: list[Unit] = []

        def flush_ads() -> None:
            if pending_ads:
                lines = [n.number for u in pending_ads for n in u.lines]
                found.append((min(lines), new_article(kind="ad", text="\n".join(u.text for u in pending_ads), lines=lines)))
                pending_ads.clear()

        for item in seq:
            if isinstance(item, Unit) and item.kind == AD:
                if opens_new_ad(item, pending_ads):
                    flush_ads()
                pending_ads.append(item)
                continue
            flush_ads()
            if isinstance(item, Body):
                if item.paras or item.title:
                    found.append((min(item.lines + (item.title.lines if item.title else [])), article_from_body(item)))
            elif isinstance(item, TitleUnits):
                block = read_title_block(item.titles)
                art = new_article(kind="headline" if item.titles else "article", lines=item.lines, authors=item.authors)
                art.kicker, art.headline, art.subheads = block.kicker, block.headline, block.subheads
                art.byline = item.byline
                found.append((min(item.lines), art))
            elif item.kind == CAPTION:
                title = self.caption_titles.get(id(item))
                lines = [n.number for n in item.lines] + (title.lines if title else [])
                art = new_article(kind="photo", text=item.text, lines=lines, authors=item.authors)
                if title:
                    block = read_title_block(title.titles)
                    art.kicker, art.headline, art.subheads = block.kicker, block.headline, block.subheads
                    # a byline under a photo's title is the photo's credit: kept, never dropped
                    art.byline = title.byline
                    art.authors = list(dict.fromkeys(title.authors + art.authors))
                found.append((min(lines), art))
        flush_ads()
        found.sort(key=lambda pair: pair[0])
        out = []
        for ordinal, (_, art) in enumerate(found, 1):
            art.ordinal, art.file, art.id = ordinal, path, article_id(stem, ordinal)
            out.append(art)
        return out
