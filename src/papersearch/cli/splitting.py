"""The split command: one page, split, without the index."""

from __future__ import annotations

from pathlib import Path

import click

from papersearch.cli.app import Failure, cli, json_option, library_errors, page_reason
from papersearch.errors import PageError


@cli.command()
@click.argument("file", type=click.Path(readable=False, path_type=Path))
@click.option("--encoding", help="Read the page in this encoding (default: detect).")
@json_option
@click.pass_context
@library_errors
def split(ctx, file, encoding, as_json):
    """Split one page into articles and print them; the index is not touched.

    \b
    Example:
        papersearch split seeds/004_98bee3da790dae35.txt
        papersearch split page.txt --json
    """
    from papersearch.cli.render import console, emit_json, print_article_table
    from papersearch.reader import read_page
    from papersearch.split.splitter import split_page

    if not file.exists():
        raise Failure(f"{file}: no such file")
    if file.is_dir():
        raise Failure(f"{file}: is a folder; split takes one page file")
    try:
        page = read_page(file, encoding)
    except PageError as err:
        raise Failure(f"{file}: {page_reason(str(err))}") from None
    from papersearch.index.ids import page_stem_in, renumber

    # the ids the index gives (or would give) this page, so show finds them
    articles = renumber(split_page(page), page_stem_in(ctx.obj["index"], file))
    if as_json:
        emit_json([a.to_dict() for a in articles])
    else:
        print_article_table(articles, console())
