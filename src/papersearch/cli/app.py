"""The papersearch command group and what its commands share: the global
options, the error handling (library errors become one line and exit 2, with
the remedy in this command line's terms), the JSON option, and opening the index.

Exit status: 0 on success (or hits), 1 when a query finds nothing, 2 on a
usage or input error, with a one-line message on stderr.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from papersearch import __version__, errors
from papersearch.errors import Interrupted, PapersearchError

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
    type=click.Path(file_okay=False, readable=False, path_type=Path),
    envvar="PAPERSEARCH_INDEX",
    help="Index folder [env PAPERSEARCH_INDEX; default: your user data folder].",
)
@click.option(
    "--dict",
    "user_dict",
    type=click.Path(dir_okay=False, readable=False),
    help="jieba-format user dictionary, used alike to index and to query.",
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


def open_index(ctx):
    from papersearch.engines import open_engine
    from papersearch.search.searcher import warn

    index = open_engine(ctx.obj.get("engine"), ctx.obj["index"], ctx.obj["dict"])
    for message in index.warnings:
        warn(message)
    return index
