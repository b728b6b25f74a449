"""The ``papersearch`` entry point: the command group with every command
registered, run so that nothing but one line reaches the user on failure."""

from __future__ import annotations

import os
import sys

import click

from papersearch.cli import archive, cluster, indexing, reading, splitting  # noqa: F401 - they register their commands
from papersearch.cli.app import INTERRUPTED, cli

__all__ = ["cli", "main"]


# What reading a cut, zeroed or missing index file raises deep inside Whoosh
_INDEX_FILE_ENDINGS = (".toc", ".trm", ".pst", ".col", ".seg", ".dci", ".dcz", ".fvz")


def _damaged_index(err: Exception) -> bool:
    import pickle
    import struct
    import zlib

    from whoosh.filedb.filetables import FileFormatError  # a table file's header is not Whoosh's

    if isinstance(err, FileNotFoundError):
        return str(err.filename or "").endswith(_INDEX_FILE_ENDINGS)
    return isinstance(err, struct.error | EOFError | zlib.error | pickle.UnpicklingError | FileFormatError)


def main() -> None:
    import signal

    # output piped into `head` that has exited: end quietly, as cat does (status 141)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        cli.main(prog_name="papersearch", standalone_mode=True)
    except BrokenPipeError:
        sys.stderr.close()  # output piped into head: not an error
    except KeyboardInterrupt:
        click.echo(f"papersearch: {INTERRUPTED}", err=True)
        sys.exit(130)
    except PermissionError as err:  # a folder or file the user may not read or write
        click.echo(f"papersearch: error: {err.filename or ''}: {(err.strerror or 'permission denied').lower()}", err=True)
        sys.exit(2)
    except Exception as err:  # a bug: one line for the user, the traceback on request
        if os.environ.get("PAPERSEARCH_DEBUG"):
            raise
        if _damaged_index(err):
            click.echo(f"papersearch: error: the index looks damaged ({err}); run 'papersearch index --rebuild'", err=True)
            sys.exit(2)
        click.echo(f"papersearch: internal error: {type(err).__name__}: {err} (set PAPERSEARCH_DEBUG=1 for details)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
