"""Options shared by several commands (a module of its own: the commands'
modules import it, and it imports none of them)."""

from __future__ import annotations

import functools

import click


def archive_options(sorts: tuple[str, ...] = ("score", "date", "-date"), default: str = "score"):
    """--since, --until, --paper and --sort, shared by query, list and timeline;
    the command gets where (an archive.filters.Filter) and sort."""

    def decorate(func):
        @click.option("--since", metavar="DATE", default="", help="Only pages of this date or later (2022-10-01, 2022-10, 2022).")
        @click.option(
            "--until", metavar="DATE", default="", help="Only pages of this date or earlier (a month or year: all of it)."
        )
        @click.option("--paper", metavar="NAME", default="", help="Only pages of papers whose name holds NAME.")
        @functools.wraps(func)
        def wrapper(*args, since, until, paper, **kwargs):
            from papersearch.archive.filters import Filter
            from papersearch.errors import PapersearchError

            try:
                kwargs["where"] = Filter(paper=paper, since=since, until=until).validate()
            except PapersearchError as err:
                raise click.BadParameter(str(err).replace("date:", "", 1)) from None
            return func(*args, **kwargs)

        if sorts:
            wrapper = click.option(
                "--sort",
                type=click.Choice(sorts),
                default=default,
                show_default=True,
                help="Order: by score, or by the page's date (date: oldest first, -date: newest).",
            )(wrapper)
        return wrapper

    return decorate
