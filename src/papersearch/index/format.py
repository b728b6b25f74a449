"""The on-disk format of an index, read by the searcher and written by the
indexer (both import it; it imports neither).

An index folder holds a Whoosh index (segments named ``MAIN_*``, a table of
contents ``_MAIN_N.toc``) under the schema below, and a manifest
(``papersearch.json``): each page file's content hash, size and article ids,
the user dictionary it was built with, the versions that wrote it, and the
size of every index file (so a file cut short is told apart from a bug).

A rebuild writes ``.NAME.new<pid>`` beside the folder and swaps it in,
moving the old index to ``.NAME.old<pid>`` for a moment; ``recover`` (run by
writers only) puts back what a killed swap left, and ``readable_folder`` lets
a reader find that index without moving anything.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from papersearch.errors import IndexDamaged, PapersearchError

MANIFEST = "papersearch.json"
# 4: the package move changed the class paths pickled in the table of contents
# 5: paper, date, page and section fields (archives)
# 6: the date field holds the year, month and day tokens (a range reads a few terms)
FORMAT = 6
INDEX_NAME = "MAIN"


# A headline's words weigh this much more than the body's (BM25F field boost).
TITLE_BOOST = 2.5


class Fields:
    """The schema's field names, so no module spells them by hand."""

    ID = "id"
    FILE = "file"
    FILE_KEY = "file_key"
    KIND = "kind"
    AUTHOR = "author"
    TITLE = "title"  # headline, kicker and subheads: jieba words
    TITLE_NGRAMS = "title_ng"  # the same text as character bigrams (and single characters)
    BODY = "body"
    BODY_NGRAMS = "body_ng"
    DATA = "data"  # the whole article, stored as JSON
    # where the page stands in its paper's run (archive): absent when unknown
    PAPER = "paper"  # folded, lower case
    DATE = "date"  # the year, month and day (2022 202210 20221030): a range is a few of them
    PAGE = "page"  # the page number, as digits
    SECTION = "section"


def schema(dictionary=None):
    """The index's schema; its word fields segment with jieba's dictionary
    plus dictionary (a ``UserDictionary``), which the schema then carries."""
    from whoosh import fields

    from papersearch.analysis.analyzers import NgramAnalyzer, WordAnalyzer

    return fields.Schema(
        **{
            Fields.ID: fields.ID(stored=True, unique=True),
            Fields.FILE: fields.ID(stored=True),
            Fields.FILE_KEY: fields.ID(stored=True),
            Fields.KIND: fields.ID(stored=True),
            Fields.AUTHOR: fields.KEYWORD(lowercase=True, commas=True, scorable=True),
            Fields.TITLE: _counted(fields.TEXT(analyzer=WordAnalyzer(dictionary), phrase=False, field_boost=TITLE_BOOST)),
            Fields.TITLE_NGRAMS: _compact(fields.TEXT(analyzer=NgramAnalyzer(), phrase=True)),
            Fields.BODY: _counted(fields.TEXT(analyzer=WordAnalyzer(dictionary), phrase=False)),
            Fields.BODY_NGRAMS: _compact(fields.TEXT(analyzer=NgramAnalyzer(), phrase=True)),
            Fields.DATA: fields.STORED(),
            Fields.PAPER: fields.ID(),
            Fields.DATE: fields.KEYWORD(),
            Fields.PAGE: fields.ID(),
            Fields.SECTION: fields.ID(),
        }
    )


def schema_dictionary(index_schema) -> str:
    """The fingerprint of the user dictionary an index's words were segmented
    with, as its schema carries it ("" for jieba's own alone)."""
    return getattr(index_schema[Fields.BODY].analyzer, "fingerprint", "")


def _counted(field):
    from papersearch.analysis.analyzers import WordFrequency

    field.format = WordFrequency(field_boost=field.format.field_boost)
    return field


def _compact(field):
    from papersearch.analysis.analyzers import CompactPositions

    field.format = CompactPositions(field_boost=field.format.field_boost)
    return field


class Manifest:
    """What the index holds: each page's hash and article ids, and how it was built."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        self.data: dict = {"format": FORMAT, "files": {}, "dictionary": "", "built": "", "versions": {}}

    def load(self) -> Manifest:
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except PermissionError as err:  # unreadable to this user, not damaged: a rebuild would not help
            raise PapersearchError(f"{self.path}: {(err.strerror or 'permission denied').lower()}") from None
        except (OSError, ValueError) as err:
            raise IndexDamaged(f"{self.path.parent}: index manifest is damaged ({err})") from None
        if self.data.get("format") != FORMAT:
            raise IndexDamaged(f"{self.path.parent}: index format {self.data.get('format')} is not {FORMAT}")
        return self

    def save(self) -> None:
        tmp = self.path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    @property
    def files(self) -> dict:
        return self.data["files"]


def is_index(folder: Path) -> bool:
    return (folder / MANIFEST).exists()


def readable_folder(folder: Path) -> Path:
    """Where the index named folder can be read now: the folder itself, or the
    old index a killed rebuild moved aside just before swapping in its new one
    (a reader never moves it back: only writers change folders)."""
    if is_index(folder) or not folder.parent.exists():
        return folder
    for leftover in sorted(folder.parent.glob(f".{folder.name}.old*[0-9]")):
        pid = leftover.name.rsplit(".old", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)) and is_index(leftover):
            return leftover
    return folder


def recover(folder: Path) -> None:
    """Put back an index a killed rebuild had moved aside while swapping in
    the new one, and drop what such a rebuild left half-written."""
    if not folder.parent.exists():
        return
    for leftover in sorted(folder.parent.glob(f".{folder.name}.*[0-9]")):
        stage, _, pid = _stage(leftover.name)
        if not pid.isdigit() or process_alive(int(pid)):
            continue
        if stage == "old" and not folder.exists():
            os.replace(leftover, folder)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _stage(name: str) -> tuple[str, str, str]:
    tail = name.rsplit(".", 1)[-1]
    for stage in ("new", "old"):
        if tail.startswith(stage):
            return stage, "", tail[len(stage) :]
    return "", "", ""


def process_alive(pid: int) -> bool:
    """Whether process pid runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return True  # no /proc to ask: it answered the signal
    return True


def file_sizes(folder: Path) -> dict[str, int]:
    """The size of every file of the index (they never change once written)."""
    return {
        p.name: p.stat().st_size
        for p in folder.iterdir()
        if p.is_file() and p.name.startswith(("_", INDEX_NAME)) and not p.name.endswith("LOCK")
    }


def check_sizes(folder: Path, recorded: dict[str, int]) -> None:
    """Refuse an index whose files were cut short or grown since they were
    written: reading them fails in ways that name no file."""
    for name, size in recorded.items():
        try:
            now = (folder / name).stat().st_size
        except FileNotFoundError:
            continue  # a later commit replaced it (the table of contents says what is current)
        if now != size:
            raise IndexDamaged(f"{folder}: index file {name} is damaged ({now} bytes, written as {size})")
