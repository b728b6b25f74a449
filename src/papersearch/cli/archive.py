"""Archive commands: timeline (its options are cli.options.archive_options,
shared with query and list)."""

from __future__ import annotations

from pathlib import Path

import click

from papersearch.cli.app import DashArguments, Failure, cli, json_option, library_errors, open_index
from papersearch.cli.options import archive_options


@cli.command(cls=DashArguments)
@click.argument("query")
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), help="Also draw the timeline into FILE.svg.")
@archive_options(sorts=())
@json_option
@click.pass_context
@library_errors
def timeline(ctx, query, by, plot, where, as_json):
    """How many articles match QUERY per day, week, month or year.

    Periods with no match are shown too, so gaps are visible. Pages without
    a date are counted apart.

    \b
    Example:
        papersearch timeline 疫情 --by month
        papersearch timeline 疫情 --by week --paper 吕梁 --since 2022-10 --json
    """
    from papersearch.archive.timeline import periods, svg

    with open_index(ctx) as index:
        hits = index.search(query, limit=10**9, snippets=0, where=where, sort="date")
    dates = [h.article.date for h in hits if h.article.date]
    undated = len(hits) - len(dates)
    first = _bound(where.since, start=True)
    last = _bound(where.until, start=False)
    rows = periods(dates, by, first, last)
    if plot:
        if plot.suffix.lower() != ".svg":
            raise Failure(f"{plot}: --plot draws SVG only (name the file .svg)")
        try:
            plot.write_text(svg(rows, f"{query} — {len(dates)} articles by {by}"), encoding="utf-8")
        except OSError as err:
            raise Failure(f"{plot}: cannot write ({err.strerror})") from None
    if as_json:
        from papersearch.cli.render import emit_json

        emit_json({"query": query, "by": by, "periods": [p.to_dict() for p in rows], "undated": undated})
    else:
        from papersearch.cli.render import console

        print_timeline(rows, undated, console())
    ctx.exit(0 if hits else 1)


def _bound(value: str, start: bool) -> str:
    """The first or last day a --since / --until names (a month: all of it)."""
    if not value:
        return ""
    import calendar

    from papersearch.archive.filters import date_bounds

    day = date_bounds(value)[0 if start else 1]
    year, month, d = int(day[:4]), int(day[4:6]), int(day[6:])
    month = month if 1 <= month <= 12 else (1 if start else 12)
    last = calendar.monthrange(year, month)[1]
    d = d if 1 <= d <= last else (1 if start else last)
    return f"{year:04d}-{month:02d}-{d:02d}"


# The longest bar, in cells, on a terminal at least this wide and more.
BAR_CELLS = 50


def print_timeline(rows, undated: int, out) -> None:
    """A bar chart on a terminal, TSV (period, count) elsewhere."""
    if not out.is_terminal:
        from papersearch.cli.render import _record

        for p in rows:
            _record(p.label, p.count)
        if undated:
            _record("undated", undated)
        return
    from rich.table import Table
    from rich.text import Text

    most = max((p.count for p in rows), default=0) or 1
    cells = max(10, min(BAR_CELLS, out.width - 30))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("period", style="cyan", no_wrap=True)
    table.add_column("count", justify="right", no_wrap=True)
    table.add_column("bar", no_wrap=True)
    for p in rows:
        bar = "█" * round(cells * p.count / most) if p.count else "·"
        table.add_row(p.label, str(p.count), Text(bar, style="green" if p.count else "dim"))
    out.print(table)
    if undated:
        out.print(Text(f"{undated} matching article(s) on pages without a date", style="dim"))
