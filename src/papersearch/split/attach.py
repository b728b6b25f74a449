"""Stage 3 of splitting: give each title block the body it heads.

Extraction prints text blocks in drawing order: a headline usually stands
over its body, but on some pages it follows it, a caption can come between,
a feature's first paragraphs can stand above its headline, and a title can be
printed inside its own body. Each title block offers itself to the bodies
around it by how much of its words each holds (``Shares``); the strongest
offers are taken first (``take_offers``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from papersearch.split.bodies import Body, TitleUnits, split_stacked
from papersearch.split.cohesion import Lexicon, cosine_vectors
from papersearch.split.titles import is_speech_kicker
from papersearch.split.units import CAPTION, PARA, TITLE, Unit

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
# A title plainly names one of its two neighbouring bodies when it shares more
# than this many times as much with it as with the other.
PLAINLY = 2


class Neighbours:
    """The bodies on either side of a place in a sequence of items, past the
    captions and ads that stand between a title and its body."""

    def __init__(self, seq: list):
        self.seq = seq

    def __call__(self, i: int, step: int) -> Body | None:
        seq = self.seq
        j = i + step
        while 0 <= j < len(seq) and isinstance(seq[j], Unit):
            j += step
        return seq[j] if 0 <= j < len(seq) and isinstance(seq[j], Body) else None


@dataclass
class Share:
    """A title block's bodies before and after it, and how much of its words each holds."""

    before: Body | None
    after: Body | None
    s_before: float
    s_after: float


Offer = tuple[float, int, TitleUnits, Body]  # (claim, place of the block, block, body)


def attach_titles(seq: list, lex: Lexicon) -> tuple[list, dict[int, TitleUnits]]:
    """The sequence with each placed title block set as its body's title and
    taken out, and the titles that head a photo caption (by the caption's id)."""
    # (stacked titles and two-part blocks are both read against the bodies as gathered)
    gathered = Neighbours(seq)
    seq = split_title_blocks(split_stacked(seq, gathered, lex.containment), gathered, lex)
    neighbour = Neighbours(seq)
    if not headlines_after_bodies(shares_of(seq, neighbour, lex)):
        # (where headlines follow their bodies, the body before a title is its own)
        reclaim_tails(seq, neighbour, lex)
    shares = shares_of(seq, neighbour, lex)
    after_bodies = headlines_after_bodies(shares)
    offers = [offer for i, share in shares.items() for offer in _offers(seq, i, share, after_bodies)]
    caption_titles, taken = _caption_titles(seq, offers, lex)
    take_offers(offers, taken)
    return [item for k, item in enumerate(seq) if not (isinstance(item, TitleUnits) and k in taken)], caption_titles


def shares_of(seq: list, neighbour: Neighbours, lex: Lexicon) -> dict[int, Share]:
    """For each title block (by place): the bodies before and after it and how
    much of its words each holds."""
    shares = {}
    for i, block in enumerate(seq):
        if isinstance(block, TitleUnits) and block.titles:
            before, after = neighbour(i, -1), neighbour(i, +1)
            s_before = lex.containment(block.text, before.text) if before else 0.0
            s_after = lex.containment(block.text, after.text) if after else 0.0
            shares[i] = Share(before, after, s_before, s_after)
    return shares


def headlines_after_bodies(shares: dict[int, Share]) -> bool:
    """The page prints its headlines after their bodies: more title blocks
    plainly name the body before them (or end the page under a body) than
    the body after them (or open the page over one)."""
    back = fore = 0
    for s in shares.values():
        back += bool(s.before) and (s.after is None or (s.s_before >= BACKWARD_MIN and s.s_before > PLAINLY * s.s_after))
        fore += bool(s.after) and (s.before is None or (s.s_after >= BACKWARD_MIN and s.s_after > PLAINLY * s.s_before))
    return back > fore


def split_title_blocks(seq: list, neighbour: Neighbours, lex: Lexicon) -> list:
    """A block whose first titles name the body before it and whose last
    titles name the body after it is two blocks: one printed after its
    body, one before."""
    out: list = []
    for i, block in enumerate(seq):
        if not isinstance(block, TitleUnits) or len(block.titles) < 2:
            out.append(block)
            continue
        before, after = neighbour(i, -1), neighbour(i, +1)
        cut = _best_cut(block, before, after, lex) if before is not None and after is not None else None
        if cut is None:
            out.append(block)
        else:
            out += [TitleUnits(block.units[:cut]), TitleUnits(block.units[cut:])]
    return out


def _best_cut(block: TitleUnits, before: Body, after: Body, lex: Lexicon) -> int | None:
    """Where to cut the block so its head names the body before and its tail the
    body after, each more than the other body; None when no cut does."""
    best = None
    for k in range(1, len(block.units)):
        head, tail = block.units[:k], block.units[k:]
        if not any(u.kind == TITLE for u in head) or not any(u.kind == TITLE for u in tail):
            continue
        head_text = " ".join(u.text for u in head if u.kind == TITLE)
        tail_text = " ".join(u.text for u in tail if u.kind == TITLE)
        s_head = lex.containment(head_text, before.text)
        s_tail = lex.containment(tail_text, after.text)
        # a kicker naming a speaker opens the next block even when
        # the headline it stands over shares few words with the body
        kicker = tail[0].kind == TITLE and is_speech_kicker(tail[0].text)
        if (
            s_head >= BACKWARD_MIN
            and (s_tail >= BACKWARD_MIN or kicker)
            and s_head > lex.containment(head_text, after.text)
            and s_tail > lex.containment(tail_text, before.text)
            and (best is None or s_head + s_tail > best[0])
        ):
            best = (s_head + s_tail, k)
    return None if best is None else best[1]


def reclaim_tails(seq: list, neighbour: Neighbours, lex: Lexicon) -> None:
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
        k = _reclaimed_tail(block, before, after, lex)
        if k is not None:
            _move_tail(before, after, k)


def _reclaimed_tail(block: TitleUnits, before: Body, after: Body, lex: Lexicon) -> int | None:
    """Where the tail of ``before`` that leans to the title and ``after`` starts:
    the longest tail (of at most MAX_RECLAIM paragraphs) leaning about as much
    as the one leaning most, when that one leans by more than RECLAIM_MARGIN."""
    target = lex.vector(lex.bigrams(block.text + "\n" + after.text))
    counts = [lex.bigrams(t) for t in before.texts]
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
        tail_vector = lex.vector(tail)
        gains[k] = cosine_vectors(tail_vector, target) - cosine_vectors(tail_vector, lex.vector(head))
    top = max(gains.values(), default=0.0)
    if top <= RECLAIM_MARGIN:
        return None
    return min(k for k, g in gains.items() if g > RECLAIM_MARGIN and g >= top - RECLAIM_MARGIN / 2)


def _move_tail(before: Body, after: Body, k: int) -> None:
    """The paragraphs of ``before`` from k on open ``after``, with its closing credit."""
    after.paras[:0], after.texts[:0] = before.paras[k:], before.texts[k:]
    if not after.hard_end:
        after.closing, after.closing_text = before.closing, before.closing_text
    before.paras, before.texts, before.closing, before.closing_text = before.paras[:k], before.texts[:k], [], ""


def _offers(seq: list, i: int, share: Share, after_bodies: bool) -> list[Offer]:
    """The claims of the title block at place i on the bodies around it."""
    block, before, after, s_before, s_after = seq[i], share.before, share.after, share.s_before, share.s_after
    if _inside_own_body(share):
        before.merge_with = after
        return [(s_before + s_after, i, block, before)]  # printed inside its own body
    offers: list[Offer] = []
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
    return offers


def _inside_own_body(share: Share) -> bool:
    """A title printed inside its own body: unsigned text on both sides of it,
    neither part closed, both naming the title plainly."""
    before, after = share.before, share.after
    return bool(
        before
        and after
        and before.opener is None
        and after.opener is None
        and not before.hard_end
        and not before.byline_units
        and share.s_before >= BACKWARD_MIN
        and share.s_after >= BACKWARD_MIN
    )


def _caption_titles(seq: list, offers: list[Offer], lex: Lexicon) -> tuple[dict[int, TitleUnits], set[int]]:
    """A title right over a photo caption that names the same scene heads the
    photo, when it shares more with the caption than with any body it offers
    itself to. Returns those titles by caption id, and their places."""
    titles: dict[int, TitleUnits] = {}
    taken: set[int] = set()
    for i, (block, caption) in enumerate(zip(seq, seq[1:], strict=False)):
        if not (isinstance(block, TitleUnits) and block.titles and isinstance(caption, Unit) and caption.kind == CAPTION):
            continue
        s_caption = lex.containment(block.text, caption.text)
        rivals = [o[0] for o in offers if o[1] == i]
        if s_caption >= CAPTION_TITLE_MIN and s_caption > max(rivals, default=0.0):
            titles[id(caption)] = block
            taken.add(i)
    return titles, taken


def take_offers(offers: list[Offer], taken: set[int]) -> None:
    """The strongest claims first: each untaken block heads the first free body
    it offered itself to (a title printed inside its body joins both parts)."""
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
