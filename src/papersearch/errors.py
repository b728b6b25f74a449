"""Errors a user can act on. Each carries a one-line message; the CLI prints
it and exits 2, never with a traceback."""


class PapersearchError(Exception):
    """Base class: anything the user should be told in one line."""


class PageError(PapersearchError):
    """A page file that cannot be read as text (binary, undecodable, unreadable)."""


class IndexError_(PapersearchError):
    """The index is missing, damaged, foreign or busy."""


class IndexBusy(IndexError_):
    """Another process is writing the index."""


class Interrupted(PapersearchError):
    """Ctrl-C (SIGINT): the CLI exits 130, as shells expect."""
