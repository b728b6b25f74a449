"""The papersearch command: argument parsing over the library, nothing more.

Exit status: 0 on success (or hits), 1 when a query finds nothing, 2 on a
usage or input error, with a one-line message on stderr.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from papersearch import __version__, errors
from papersearch.cli.cluster import engine_option, partial_warning
from papersearch.errors import Interrupted, PageError, PapersearchError

INTERRUPTED = "interrupted; the index is as it was"


class Failure(click.ClickException):
    exit_code = 2

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None):
        click.echo(f"papersearch: {'error: ' if self.exit_code == 2 else ''}{self.format_message()}", err=True)


class DashArguments(click.Command):
    """A command whose query or id may start with '-' (`query -核酸`,
    `show -leading-dash-7`): a word that is none of the command's options is
    an argument, as if it followed '--'. A misspelt long option (`--limt`)
    is still an error."""

    def parse_args(self, ctx, args):
        return super().parse_args(ctx, self._dashes_as_arguments(ctx, list(args)))

    def _dashes_as_arguments(self, ctx, args):
        takes_value = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in param.opts + param.secondary_opts:
                    takes_value[name] = not param.is_flag and not param.count
        options, arguments, i = [], [], 0
        while i < len(args):
            word = args[i]
            if word == "--":
                arguments += args[i + 1 :]
                break
            if word.startswith("--") or word in takes_value or takes_value.get(word[:2]):
                options.append(word)  # -n5 and --limit=5 too
                if takes_value.get(word) and i + 1 < len(args):
                    options.append(args[i + 1])
                    i += 1
            else:
                arguments.append(word)
            i += 1
        return [*options, "--", *arguments] if arguments else options


# How to act on each library error, in this command line's own terms.
REMEDIES: dict[type, str] = {
    errors.IndexMissing: "run 'papersearch index PATH' first",
    errors.IndexDamaged: "run 'papersearch index --rebuild'",
    errors.IndexBusy: "retry, or pass --wait SECONDS",
    errors.ForeignFolder: "choose another --index, or empty the folder",
    errors.DictionaryMismatch: "pass the same --dict, or --rebuild",
    errors.UnwritableIndex: "choose another --index",
    errors.UnknownArticle: "see 'papersearch list'",
}


def page_reason(reason: str) -> str:
    """Why a page could not be read, with the option that would read it."""
    from papersearch.reader import UNDECODABLE, UNDETECTED

    if reason.startswith(UNDETECTED):
        return f"{reason} (try --encoding)"
    if reason.startswith(UNDECODABLE):
        return f"{reason} (try another --encoding)"
    return reason


def with_remedy(err: PapersearchError) -> str:
    """The error's one line, with what to type about it when there is a remedy."""
    for kind, remedy in REMEDIES.items():
        if isinstance(err, kind):
            return f"{err}; {remedy}"
    return str(err)


def library_errors(func):
    """Turn the library's errors into a one-line message and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Interrupted as err:
            raise Failure(str(err), exit_code=130) from None
        except PapersearchError as err:
            raise Failure(with_remedy(err)) from None
        except KeyboardInterrupt:  # 128 + SIGINT, as shells expect
            raise Failure(INTERRUPTED, exit_code=130) from None

    return wrapper


def json_option(func):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts (see README for the fields).")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="papersearch")
@click.option(
    "--index",
    "index_path",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="PAPERSEARCH_INDEX",
    help="Index folder [env PAPERSEARCH_INDEX; default: your user data folder].",
)
@click.option(
    "--dict", "user_dict", type=click.Path(dir_okay=False), help="jieba-format user dictionary, used alike to index and to query."
)
@click.pass_context
def cli(ctx, index_path, user_dict):
    """Offline full-text search for Chinese newspaper pages.

    Splits page text files into articles, indexes them, and finds articles.

    \b
    Example:
        papersearch index seeds/
        papersearch query "二十条措施"
        papersearch show 002_85826b4b7510fe28-1
    """
    if index_path is None:
        from papersearch.paths import default_index

        index_path = default_index()
    ctx.obj = {"index": index_path, "dict": user_dict}


def _open(ctx):
    from papersearch.engines import open_engine
    from papersearch.search.searcher import warn

    index = open_engine(ctx.obj.get("engine"), ctx.obj["index"], ctx.obj["dict"])
    for message in index.warnings:
        warn(message)
    return index


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Start a new index instead of updating the old one.")
@click.option("--encoding", help="Read every page in this encoding (default: detect).")
@click.option("--wait", type=float, default=0.0, show_default=True, help="Seconds to wait for another writer to finish.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Worker processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@json_option
@engine_option
@click.pass_context
@library_errors
def index(ctx, paths, rebuild, encoding, wait, jobs, quiet, as_json):
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
        )
    for path, reason in summary.skipped:
        click.echo(f"papersearch: skipped {path}: {page_reason(reason)}", err=True)
    for path, count in summary.replaced:
        click.echo(f"papersearch: warning: {path}: {count} undecodable byte(s) shown as \ufffd", err=True)
    if as_json:
        from papersearch.cli.render import emit_json

        emit_json(
            {
                **summary.__dict__,
                "skipped": [{"file": p, "reason": r} for p, r in summary.skipped],
                "replaced": [{"file": p, "bytes": n} for p, n in summary.replaced],
                "index": str(ctx.obj.get("engine") or ctx.obj["index"]),
            }
        )
    elif not quiet:
        click.echo(
            f"indexed {summary.added} page(s) ({summary.new_articles} articles) in {summary.seconds:.2f}s; "
            f"{summary.unchanged} unchanged, {summary.removed} removed, {len(summary.skipped)} skipped; "
            f"index holds {summary.pages} pages, {summary.articles} articles at {ctx.obj.get('engine') or ctx.obj['index']}",
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


@cli.command(cls=DashArguments)
@click.argument("query")
@click.option("-n", "--limit", type=click.IntRange(1, 10000), default=10, show_default=True, help="Most hits to show.")
@click.option("--snippets", type=click.IntRange(0, 10), default=3, show_default=True, help="Fragments per snippet.")
@click.option("--width", type=click.IntRange(10, 2000), default=120, show_default=True, help="Characters per fragment.")
@json_option
@engine_option
@click.pass_context
@library_errors
def query(ctx, query, limit, snippets, width, as_json):
    """Find articles; best first, with highlighted snippets.

    Terms are ANDed; OR, NOT or -term, parentheses, "exact phrases", and
    the fields headline:, author:, file:, kind: refine them. Every term
    matches its literal text, traditional or simplified.

    \b
    Example:
        papersearch query "二十条措施"
        papersearch query '"杂交水稻" OR 粮食安全 -习近平' --limit 5
        papersearch query 'author:李雪峰 kind:article' --json
    """
    with _open(ctx) as index:
        hits = index.search(query, limit=limit, snippets=snippets, width=width)
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
    from papersearch.search.query import parse, positive_terms

    with _open(ctx) as index:
        article = index.get(article_id)
        similar = index.related(article_id) if related else []
    terms = [t.text for t in positive_terms(parse(highlight))] if highlight else []
    if as_json:
        from papersearch.cli.render import emit_json

        data = article.to_dict()
        if related:
            data["related"] = [h.to_dict() for h in similar]
        emit_json(data)
        return
    from papersearch.cli.render import console, print_article, print_hits

    out = console()
    print_article(article, out, terms, pager=not no_pager)
    if related:
        if out.is_terminal:
            out.print("\n[bold]related articles[/bold]")
        else:
            click.echo("\nrelated:")
        print_hits(similar, out)


@cli.command(name="list")
@json_option
@engine_option
@click.pass_context
@library_errors
def list_(ctx, as_json):
    """List every indexed article: id, kind, headline (with --json, everything).

    \b
    Example:
        papersearch list
        papersearch list --json | jq '.[].headline'
    """
    with _open(ctx) as index:
        articles = index.articles()
    partial_warning(index)
    from papersearch.cli.render import console, emit_json, print_article_table

    if as_json:
        emit_json([a.to_dict() for a in articles])
    else:
        print_article_table(articles, console(), with_file=True)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
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
    articles = split_page(page)
    if as_json:
        emit_json([a.to_dict() for a in articles])
    else:
        print_article_table(articles, console())


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
    with _open(ctx) as index:
        data = index.stats()
    from papersearch.cli.render import emit_json

    if as_json:
        emit_json(data)
        return
    kinds = ", ".join(f"{n} {k}" for k, n in data["kinds"].items())
    click.echo(f"index       {data['index']}")
    click.echo(f"pages       {data['pages']}")
    click.echo(f"articles    {data['articles']} ({kinds})" if data["articles"] else "articles    none")
    if data["terms"]:  # an engine may not tell its vocabulary
        click.echo(f"terms       {data['terms']['title'] + data['terms']['body']} words, {data['terms']['body_ng']} n-grams")
    click.echo(f"size        {data['bytes'] / 1e6:.2f} MB")  # 10^6 bytes, as index and bench report
    click.echo(f"built       {data['built']}")
    click.echo(f"dictionary  {data['dictionary'] or '(jieba default)'}")
    click.echo("versions    " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()))


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
    with _open(ctx) as index:
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
    with _open(ctx) as index:
        data = index.explain(query, article_id)
    from papersearch.cli.render import emit_json

    if as_json:
        emit_json(data)
        return
    click.echo(f"query    {data['query']}")
    click.echo(f"parsed   {data['parsed']}")
    for t in data["terms"]:
        click.echo(
            f"term     {t['term']} [{t['field']}] folded {t['folded']}; literal n-grams {' '.join(t['ngrams'])}; "
            f"jieba {' '.join(t['segmented'])}; ranked by indexed words {' '.join(t['words']) or '(none)'}"
        )
    click.echo(f"whoosh   {data['whoosh']}")
    if data["dictionary"]["note"]:
        click.echo(f"dict     {data['dictionary']['note']}")
    if "article" in data:
        a = data["article"]
        verdict = f"matches, score {a['score']}" if a["matched"] else "does not match"
        click.echo(f"article  {a['id']} {a['headline'] or '(no headline)'}: {verdict}")
        for t in a["terms"]:
            where = [w for w, k in (("headline", "in_headline"), ("text", "in_text"), ("authors", "in_authors")) if t[k]]
            click.echo(f"         {t['term']}: {'in ' + ', '.join(where) if where else 'not found'}")


# What reading a cut, zeroed or missing index file raises deep inside Whoosh
_INDEX_FILE_ENDINGS = (".toc", ".trm", ".pst", ".col", ".seg", ".dci", ".dcz", ".fvz")


def _damaged_index(err: Exception) -> bool:
    import pickle
    import struct
    import zlib

    if isinstance(err, FileNotFoundError):
        return str(err.filename or "").endswith(_INDEX_FILE_ENDINGS)
    return isinstance(err, struct.error | EOFError | zlib.error | pickle.UnpicklingError)


cli.add_command(__import__("papersearch.cli.cluster", fromlist=["cluster"]).cluster)


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
