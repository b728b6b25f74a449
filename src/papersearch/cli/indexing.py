"""Commands that write the index: index, prune."""

from __future__ import annotations

from pathlib import Path

import click

from papersearch.cli.app import Failure, cli, json_option, library_errors, page_reason
from papersearch.cli.cluster import engine_option


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
@click.option("--rebuild", is_flag=True, help="Start a new index instead of updating the old one.")
@click.option("--encoding", help="Read every page in this encoding (default: detect).")
@click.option("--wait", type=float, default=0.0, show_default=True, help="Seconds to wait for another writer to finish.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Worker processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option(
    "--layout",
    metavar="PATTERN",
    help="Where paper, date and page stand in the paths, e.g. '{paper}/{date:%Y}/{date:%m}/{date:%d}/{page}.txt' "
    "(default: guessed; see README, Archives).",
)
@json_option
@engine_option
@click.pass_context
@library_errors
def index(ctx, paths, rebuild, encoding, wait, jobs, quiet, layout, as_json):
    """Split page files into articles and index them.

    PATHS are page files or folders (searched for *.txt). Only new, changed
    and deleted pages are work; --rebuild starts over.

    \b
    Example:
        papersearch index seeds/
        papersearch --index /tmp/ix index --rebuild archive/2022/
    """
    from papersearch.cli.progress import IndexProgress
    from papersearch.engines import index_pages

    with IndexProgress(enabled=not quiet and not as_json) as bar:
        summary = index_pages(
            ctx.obj.get("engine"),
            ctx.obj["index"],
            paths,
            rebuild=rebuild,
            encoding=encoding,
            user_dict=ctx.obj["dict"],
            wait=wait,
            jobs=jobs,
            progress=bar,
            layout=layout,
        )
    report_index_run(summary, ctx.obj.get("engine") or ctx.obj["index"], quiet, as_json)


def report_index_run(summary, index_path: Path, quiet: bool, as_json: bool) -> None:
    """Pages skipped and bytes replaced on stderr; then the run's summary, as
    JSON on stdout or one line on stderr; a run that indexed nothing fails."""
    for path, reason in summary.skipped:
        click.echo(f"papersearch: skipped {path}: {page_reason(reason)}", err=True)
    for path, count in summary.replaced:
        click.echo(f"papersearch: warning: {path}: {count} undecodable byte(s) shown as \ufffd", err=True)
    for folder, what in summary.disagreements:
        click.echo(
            f"papersearch: warning: {folder}: the printed page and its path disagree ({what}); the printed page wins", err=True
        )
    if as_json:
        from papersearch.cli.render import emit_json

        emit_json({**summary.to_dict(), "index": str(index_path)})
    elif not quiet:
        click.echo(
            f"indexed {summary.added} page(s) ({summary.new_articles} articles) in {summary.seconds:.2f}s; "
            f"{summary.unchanged} unchanged, {summary.removed} removed, {len(summary.skipped)} skipped; "
            f"index holds {summary.pages} pages, {summary.articles} articles at {index_path}",
            err=True,
        )
    if summary.skipped and summary.added == 0 and summary.unchanged == 0:
        raise Failure("nothing could be indexed")
    if summary.stale and not as_json:
        click.echo(
            f"papersearch: {summary.stale} indexed page(s) are gone from disk (moved or deleted); 'papersearch prune' takes them out",
            err=True,
        )


@cli.command()
@click.option("--wait", type=float, default=0.0, show_default=True, help="Seconds to wait for another writer to finish.")
@json_option
@engine_option
@click.pass_context
@library_errors
def prune(ctx, wait, as_json):
    """Take every page whose file is gone (moved, renamed, deleted) out of the index.

    \b
    Example:
        papersearch prune
    """
    from papersearch.engines import index_pages

    summary = index_pages(ctx.obj.get("engine"), ctx.obj["index"], [], wait=wait, prune=True)
    if as_json:
        from papersearch.cli.render import emit_json

        emit_json({"removed": summary.removed, "pages": summary.pages, "articles": summary.articles})
    else:
        click.echo(f"removed {summary.removed} page(s); index holds {summary.pages} pages, {summary.articles} articles", err=True)
