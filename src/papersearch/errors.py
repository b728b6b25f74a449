"""Errors a user can act on. Each carries a one-line message in the library's
own words; a front end (the CLI) adds how to act on it in its own terms, keyed
by the error's class, so the library never speaks of command-line flags."""


class PapersearchError(Exception):
    """Base class: anything the user should be told in one line."""


class PageError(PapersearchError):
    """A page file that cannot be read as text (binary, undecodable, unreadable)."""


class IndexError_(PapersearchError):
    """The index is missing, damaged, foreign or busy."""


class IndexMissing(IndexError_):
    """No index in the folder yet: build one first."""


class IndexDamaged(IndexError_):
    """An index file is damaged or of another format: rebuild the index."""


class IndexBusy(IndexError_):
    """Another process is writing the index."""


class ForeignFolder(IndexError_):
    """The folder holds other files, not a papersearch index."""


class DictionaryMismatch(IndexError_):
    """The index was built with another user dictionary."""


class UnwritableIndex(PapersearchError):
    """The index folder cannot be written (permissions, read-only disk)."""


class UnknownArticle(PapersearchError):
    """No article with that id in the index."""


class Interrupted(PapersearchError):
    """Ctrl-C (SIGINT): the CLI exits 130, as shells expect."""
