"""``papersearch cluster ...`` and the ``--engine`` option: argument parsing over engines.cluster."""

from __future__ import annotations

from pathlib import Path

import click

from papersearch.cli.app import Failure, cli, json_option, library_errors

ENGINE_HELP = "Search engine: sphinxql://HOST:PORT/TABLE for a Sphinx/Manticore cluster [env PAPERSEARCH_ENGINE; default: the --index folder]."


def _remember_engine(ctx, _param, value):
    ctx.ensure_object(dict)["engine"] = value or None
    return value


def engine_option(func):
    """--engine on a command; the URL lands in ctx.obj['engine'] for the command's library calls."""
    return click.option("--engine", envvar="PAPERSEARCH_ENGINE", expose_value=False, callback=_remember_engine, help=ENGINE_HELP)(
        func
    )


def partial_warning(engine) -> None:
    """One line on stderr when shards did not answer: the hits are what the live ones hold."""
    if getattr(engine, "partial", None):
        from papersearch.search.searcher import warn

        warn(f"partial results: {', '.join(engine.partial)} did not answer; these hits are from the other shards")


@cli.group()
def cluster():
    """Run papersearch over a Sphinx / Manticore cluster (see README, "Scaling out").

    \b
    Example:
        papersearch cluster up --shards 2 --data /tmp/cluster --port 9306
        papersearch --engine sphinxql://127.0.0.1:9306/articles index seeds/
        papersearch cluster status --engine sphinxql://127.0.0.1:9306/articles
        papersearch cluster down --data /tmp/cluster
    """


@cluster.command()
@click.option("--shards", type=click.IntRange(1, 1024), default=2, show_default=True, help="Real-time shard tables.")
@click.option(
    "--hosts", default="127.0.0.1", show_default=True, help="Comma-separated hosts; shard i goes to host i mod their number."
)
@click.option(
    "--port", type=click.IntRange(1, 65000), default=9306, show_default=True, help="SphinxQL port of the distributed table."
)
@click.option("--data", default="/var/lib/papersearch", show_default=True, help="Folder for the tables on each host.")
@click.option("--table", default="articles", show_default=True, help="Name of the distributed table.")
@library_errors
def config(shards, hosts, port, data, table):
    """Print the searchd configuration of every process of a cluster.

    \b
    Example:
        papersearch cluster config --shards 4 --hosts 10.0.0.1,10.0.0.2 --port 9306
    """
    from papersearch.engines.cluster import config_text, layout

    lay = layout(shards, [h.strip() for h in hosts.split(",") if h.strip()], port, table)
    click.echo(config_text(lay, data.rstrip("/")), nl=False)
    click.echo(f"# search with: --engine {lay.url}")


@cluster.command()
@click.option("--shards", type=click.IntRange(1, 64), default=2, show_default=True)
@click.option(
    "--data", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder for the tables and configs."
)
@click.option(
    "--port", type=click.IntRange(1, 65000), default=9306, show_default=True, help="SphinxQL port of the distributed table."
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--table", default="articles", show_default=True)
@library_errors
def up(shards, data, port, host, table):
    """Start N local searchd shards and the distributed table over them.

    \b
    Example:
        papersearch cluster up --shards 2 --data /tmp/cluster --port 9306
    """
    from papersearch.engines.cluster import up as start_cluster

    for name, pid, address in start_cluster(shards, data, port, host, table):
        click.echo(f"{name}\tpid {pid}\t{address}")


@cluster.command()
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), required=True)
@library_errors
def down(data):
    """Stop the searchd processes 'cluster up' started in --data."""
    from papersearch.engines.cluster import down as stop_cluster

    stopped = stop_cluster(data)
    for name, pid in stopped:
        click.echo(f"{name}\tpid {pid}\tstopped")
    if not stopped:
        click.echo(f"papersearch: no searchd running from {data}", err=True)


@cluster.command()
@engine_option
@json_option
@click.pass_context
@library_errors
def status(ctx, as_json):
    """Check that every shard answers and holds what was indexed into it.

    Exit status 0 when all do, 1 when a shard is down or behind.
    """
    from papersearch.engines.cluster import status as cluster_status
    from papersearch.engines.url import EngineURL

    url = ctx.obj.get("engine") if ctx.obj else None
    if not url:
        raise Failure("give the cluster: --engine sphinxql://HOST:PORT/TABLE (or PAPERSEARCH_ENGINE)")
    index_folder = _index_folder(ctx)
    rows = cluster_status(url, lambda u: EngineURL.state_file(u, index_folder))
    if as_json:
        from papersearch.cli.render import emit_json

        emit_json([_status_dict(r) for r in rows])
    for r in rows if not as_json else []:
        state = "up" if r.answers else "DOWN"
        held = f"{r.count} articles" if r.count is not None else r.error
        wanted = (
            ""
            if r.expected is None
            else f" (expected {r.expected}{'' if r.count == r.expected or not r.answers else ', BEHIND'})"
        )
        click.echo(f"{r.shard.name}\t{r.shard.host}:{r.shard.port}\t{state}\t{held}{wanted}")
    ctx.exit(0 if all(r.healthy for r in rows) else 1)


def _status_dict(r) -> dict:
    return {
        "shard": r.shard.name,
        "host": r.shard.host,
        "port": r.shard.port,
        "agent_port": r.shard.agent_port,
        "answers": r.answers,
        "articles": r.count,
        "expected": r.expected,
        "healthy": r.healthy,
        "error": r.error,
    }


def _index_folder(ctx) -> Path:
    root = ctx.find_root().obj or {}
    if root.get("index"):
        return Path(root["index"])
    from papersearch.paths import default_index

    return default_index()
