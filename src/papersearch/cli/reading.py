"""Commands that read the index: query, show, list, stats, export, explain."""

from __future__ import annotations

import click

from papersearch.cli.app import DashArguments, cli, json_option, library_errors, open_index
from papersearch.cli.cluster import engine_option, partial_warning
from papersearch.cli.options import archive_options


@cli.command(cls=DashArguments)
@click.argument("query")
@click.option("-n", "--limit", type=click.IntRange(1, 10000), default=10, show_default=True, help="Most hits to show.")
@click.option("--snippets", type=click.IntRange(0, 10), default=3, show_default=True, help="Fragments per snippet.")
@click.option("--width", type=click.IntRange(10, 2000), default=120, show_default=True, help="Characters per fragment.")
@archive_options()
@json_option
@engine_option
@click.pass_context
@library_errors
def query(ctx, query, limit, snippets, width, where, sort, as_json):
    """Find articles; best first, with highlighted snippets.

    Terms are ANDed; OR, NOT or -term, parentheses, "exact phrases", and
    the fields headline:, author:, file:, kind:, paper:, date:, page:,
    section: refine them. Every term matches its literal text, traditional
    or simplified.

    \b
    Example:
        papersearch query "二十条措施"
        papersearch query '"杂交水稻" OR 粮食安全 -习近平' --limit 5
        papersearch query 'author:李雪峰 kind:article' --json
        papersearch query '疫情 paper:吕梁 date:2022-10' --sort date
    """
    with open_index(ctx) as index:
        hits = index.search(query, limit=limit, snippets=snippets, width=width, where=where, sort=sort)
    partial_warning(index)
    if as_json:
        from papersearch.cli.render import emit_json

        emit_json([h.to_dict() | ({"partial": index.partial} if index.partial else {}) for h in hits])
    else:
        from papersearch.cli.render import console, print_hits

        if hits:
            print_hits(hits, console())
        else:
            click.echo(f"no articles match {query!r}", err=True)
    ctx.exit(0 if hits else 1)


@cli.command(cls=DashArguments)
@click.argument("article_id")
@click.option("--query", "highlight", help="Highlight these terms in the article.")
@click.option("--related", is_flag=True, help="Also list the most similar articles.")
@click.option("--no-pager", is_flag=True, help="Print straight to the terminal, even when long.")
@json_option
@engine_option
@click.pass_context
@library_errors
def show(ctx, article_id, highlight, related, no_pager, as_json):
    """Show one article whole: headline block, byline, page file, text.

    \b
    Example:
        papersearch show 002_85826b4b7510fe28-1 --query 二十条措施
        papersearch show 002_85826b4b7510fe28-1 --related
    """
    from papersearch.search.query import parse

    with open_index(ctx) as index:
        joined = index.whole(article_id)  # an article printed in parts is shown whole
        similar = index.related(article_id) if related else []
    article = joined.article()
    terms = [t.text for t in parse(highlight).terms()] if highlight else []
    if as_json:
        from papersearch.cli.render import emit_json

        data = article.to_dict()
        data.update(joined.to_dict())
        if related:
            data["related"] = [h.to_dict() for h in similar]
        emit_json(data)
        return
    from papersearch.cli.render import console, print_article, print_hits

    out = console()
    print_article(article, out, terms, pager=not no_pager)
    for note in joined.missing:
        click.echo(f"（{note}）")
    if related:
        if out.is_terminal:
            out.print("\n[bold]related articles[/bold]")
        else:
            click.echo("\nrelated:")
        print_hits(similar, out)


@cli.command(name="list")
@archive_options(sorts=("file", "date", "-date"), default="file")
@json_option
@engine_option
@click.pass_context
@library_errors
def list_(ctx, where, sort, as_json):
    """List every indexed article: id, kind, headline (with --json, everything).

    \b
    Example:
        papersearch list
        papersearch list --json | jq '.[].headline'
        papersearch list --paper 吕梁 --since 2022-10 --sort date
    """
    with open_index(ctx) as index:
        articles = index.articles(where, sort)
    partial_warning(index)
    from papersearch.cli.render import console, emit_json, print_article_table

    if as_json:
        emit_json([a.to_dict() for a in articles])
    else:
        print_article_table(articles, console(), with_file=True)


@cli.command()
@json_option
@engine_option
@click.pass_context
@library_errors
def stats(ctx, as_json):
    """What the index holds: pages, articles by kind, terms, size, build.

    \b
    Example:
        papersearch stats
    """
    with open_index(ctx) as index:
        data = index.stats()
    from papersearch.cli.render import emit_json, print_stats

    if as_json:
        emit_json(data.to_dict())
    else:
        print_stats(data)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="File to write [default: stdout]."
)
@click.option("--excel", is_flag=True, help="Start the file with a UTF-8 BOM, which spreadsheet programs need to read Chinese.")
@engine_option
@click.pass_context
@library_errors
def export(ctx, fmt, output, excel):
    """Write every article with all its fields, as JSON lines or CSV.

    \b
    Example:
        papersearch export --format csv --excel -o articles.csv
        papersearch export | python -c 'import pandas, sys; print(pandas.read_json(sys.stdin, lines=True))'
    """
    from papersearch.cli.export import open_output, write_articles

    if excel and fmt != "csv":  # a BOM makes a JSON line unreadable to JSON readers
        raise click.UsageError("--excel goes with --format csv")
    with open_index(ctx) as index:
        articles = index.articles()
    partial_warning(index)
    with open_output(output, excel) as out:
        write_articles(articles, out, fmt)


@cli.command(cls=DashArguments)
@click.argument("query")
@click.argument("article_id", required=False)
@json_option
@click.pass_context
@library_errors
def explain(ctx, query, article_id, as_json):
    """Show how a query is read, and why an article matches it or not.

    \b
    Example:
        papersearch explain '雜交水稻 OR 粮食'
        papersearch explain 二十条措施 002_85826b4b7510fe28-1
    """
    with open_index(ctx) as index:
        data = index.explain(query, article_id)
    from papersearch.cli.render import emit_json, print_explanation

    if as_json:
        emit_json(data.to_dict())
    else:
        print_explanation(data)
