"""The ``conflictwire`` command line: parse options, call the flows and stages, print results.

Commands stay thin: every piece of work lives in a stage package or a flow, so the CLI, the Prefect UI and
the tests all run the same code.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import click

from flows.cli_options import db_option, reports_errors, runner_options, sources_option
from flows.runtime import configure_offline

__all__ = ["main", "sample_sources_file"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def _ensure_writable(db: Path) -> None:
    """Refuse at once, before Prefect starts, when another process holds the warehouse (a clear one-line error
    instead of a failed flow run ten seconds later)."""
    from warehouse.connection import open_warehouse

    if db.exists():
        with open_warehouse(db):
            pass


def _with_runner(flow: Any, workers: int, dask_address: str | None) -> Any:
    from flows.runners import task_runner_for

    return flow.with_options(task_runner=task_runner_for(workers, dask_address))


def _summary(flow: Any, *args: Any, **kwargs: Any) -> Any:
    """Run ``flow`` and return its ``RunSummary`` whether it ended Completed, Partial or Failed."""
    from flows.local_server import temporary_prefect_api
    from flows.outcome import summary_of

    with temporary_prefect_api():
        return summary_of(flow(*args, return_state=True, **kwargs))


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _dumps(value: object) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False)


def sample_sources_file() -> Path:
    """The bundled ``sources.sample.toml`` (package data of ``flows``)."""
    return Path(str(resources.files("flows").joinpath("samples", "sources.sample.toml")))


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="conflictwire")
def main() -> None:
    """conflictwire: conflict news in, a DuckDB warehouse analysts can trust out.

    Example: conflictwire demo --db demo.duckdb
    """
    configure_offline()


def _print_summary(summary: Any) -> None:
    """Print the per-source table; exit with status 1 when every source failed (the run's status ``failed``), so a
    scheduler or shell script sees the failure of ``run``, ``backfill`` and ``reprocess`` alike."""
    from flows.tables import format_table

    rows = [
        (o.source, o.status, o.found, o.new, o.revised, o.duplicate, o.quarantined, o.failed, o.error or "")
        for o in summary.outcomes
    ]
    outcomes = summary.outcomes
    totals = [
        sum(o.found for o in outcomes),
        sum(o.new for o in outcomes),
        sum(o.revised for o in outcomes),
        sum(o.duplicate for o in outcomes),
        sum(o.quarantined for o in outcomes),
        sum(o.failed for o in outcomes),
    ]
    rows.append(("TOTAL", summary.status, *totals, ""))
    click.echo(
        format_table(
            ["source", "status", "found", "new", "revised", "duplicate", "quarantined", "failed", "error"], rows
        )
    )
    from flows.progress import rate_text

    click.echo(f"run {summary.run_id}: {summary.status}, {rate_text(totals[0], summary.elapsed_seconds)}")
    if summary.status == "failed":
        sys.exit(1)


def _parse_pairs(pairs: tuple[str, ...], option: str) -> list[tuple[str, str]]:
    parsed = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint=option)
        parsed.append((name, value))
    return parsed


def _parse_variables(pairs: tuple[str, ...]) -> dict[str, str]:
    return dict(_parse_pairs(pairs, "--var"))


@main.command()
@db_option
@sources_option
@click.option("--source", "only", default=None, help="Run only this source (by name).")
@click.option("--var", "variables", multiple=True, help="NAME=VALUE for ${NAME} in the sources file.")
@runner_options
@reports_errors
def run(
    db: Path, sources_file: Path, only: str | None, variables: tuple[str, ...], workers: int, dask_address: str | None
) -> None:
    """Run the ingest flow once now (a manual trigger) and print the per-source summary.

    Example: conflictwire run --sources sources.toml --db conflictwire.duckdb
    """
    from flows.ingest import ingest
    from flows.settings import load_settings

    load_settings(sources_file, variables=_parse_variables(variables)).select(only)  # one-line errors, up front
    _ensure_writable(db)
    flow = _with_runner(ingest, workers, dask_address)
    summary = _summary(flow, str(sources_file), str(db), only, _parse_variables(variables))
    _print_summary(summary)


@main.command()
@db_option
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8765,
    show_default=True,
    help="Loopback port for the sample site; keep it the same between runs so URLs (and 304s) match.",
)
@runner_options
@reports_errors
@click.pass_context
def demo(ctx: click.Context, db: Path, port: int, workers: int, dask_address: str | None) -> None:
    """Ingest the bundled sample sources offline (the sample site is served on a loopback port).

    When the default port is taken and no --port was given, a free port is used instead (said on stderr).

    Example: conflictwire demo --db demo.duckdb
    """
    from flows.ingest import ingest
    from flows.sample_server import serve_directory

    _ensure_writable(db)
    chosen = ctx.get_parameter_source("port") is not click.core.ParameterSource.DEFAULT
    with ExitStack() as stack:
        try:
            site = stack.enter_context(serve_directory(port=port))
        except OSError as exc:
            if chosen:
                raise click.ClickException(f"cannot serve the sample site on 127.0.0.1:{port}: {exc}") from exc
            site = stack.enter_context(serve_directory(port=0))
            click.echo(f"port {port} is taken; serving the sample site at {site} instead", err=True)
        flow = _with_runner(ingest, workers, dask_address)
        summary = _summary(flow, str(sample_sources_file()), str(db), None, {"SAMPLE_SITE": site})
    _print_summary(summary)


@main.command()
@db_option
@sources_option
@reports_errors
def serve(db: Path, sources_file: Path) -> None:
    """Serve the ingest deployment on its schedule (hourly by default) until interrupted.

    Without PREFECT_API_URL, a local Prefect server (API, UI, scheduler) runs for as long as serve does, on
    127.0.0.1, with its state in FILE.prefect/ next to the warehouse.

    Example: conflictwire serve --sources sources.toml --db conflictwire.duckdb
    """
    import os

    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.deployments import serve_deployments
    from flows.local_server import local_prefect_server, state_dir_for
    from flows.settings import load_settings

    load_settings(sources_file)  # a bad sources file is a one-line error before any server starts
    if PREFECT_API_URL.value():
        serve_deployments(sources_file, db)
        return
    with local_prefect_server(db) as api_url:
        click.echo(f"Prefect server: {api_url.removesuffix('/api')} (state in {state_dir_for(db)})", err=True)
        os.environ["PREFECT_API_URL"] = api_url  # the flow-run processes serve starts inherit it
        with temporary_settings({PREFECT_API_URL: api_url}):
            serve_deployments(sources_file, db)


@main.command()
@db_option
@sources_option
@click.option("--source", default=None, help="Configured source to backfill (with --since), or a name for --warc.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Crawl the source from this date.")
@click.option("--warc", "warcs", multiple=True, help="WARC(.gz) file to load (repeatable); download remote ones first.")
@click.option("--country", default=None, help="ISO alpha-2 country hint for WARC documents.")
@click.option("--var", "variables", multiple=True, help="NAME=VALUE for ${NAME} in the sources file.")
@runner_options
@reports_errors
def backfill(
    db: Path,
    sources_file: Path,
    source: str | None,
    since: datetime | None,
    warcs: tuple[str, ...],
    country: str | None,
    variables: tuple[str, ...],
    workers: int,
    dask_address: str | None,
) -> None:
    """Load history: WARC archives (streamed), or a configured source crawled from a date.

    Example: conflictwire backfill --warc CC-NEWS-20161128.warc.gz --db conflictwire.duckdb
    """
    from flows.maintenance import backfill as backfill_flow

    if not warcs and (source is None or since is None):
        raise click.UsageError("give --warc FILE…, or --source NAME with --since DATE")
    remote = [warc for warc in warcs if "://" in warc]
    if remote:
        raise click.UsageError(f"--warc reads local files; download {remote[0]} first (e.g. with curl -O)")
    missing = [w for w in warcs if not Path(w).exists()]
    if missing:
        raise click.ClickException(f"no such WARC file: {missing[0]}")
    if not warcs:
        from flows.settings import load_settings

        load_settings(sources_file, variables=_parse_variables(variables)).select(source)
    _ensure_writable(db)
    summary = _summary(
        _with_runner(backfill_flow, workers, dask_address),
        db=str(db),
        sources_file=None if warcs else str(sources_file),
        source=source,
        since=since.date() if since else None,
        warc=list(warcs) or None,
        country_hint=country,
        variables=_parse_variables(variables),
    )
    _print_summary(summary)


@main.command()
@db_option
@click.option("--source", default=None, help="Only the documents first seen by this source.")
@runner_options
@reports_errors
def reprocess(db: Path, source: str | None, workers: int, dask_address: str | None) -> None:
    """Re-derive articles, enrichment and stories from stored raw bytes (no network), e.g. after an upgrade.

    Example: conflictwire reprocess --db conflictwire.duckdb
    """
    from flows.maintenance import reprocess as reprocess_flow

    _ensure_writable(db)
    _print_summary(_summary(_with_runner(reprocess_flow, workers, dask_address), db=str(db), source=source))


@contextmanager
def _api_for(db: Path) -> Iterator[None]:
    """Talk to PREFECT_API_URL if set, else to the local Prefect server a `serve` of ``db`` runs."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.errors import FlowError
    from flows.local_server import running_api_url, state_dir_for

    if PREFECT_API_URL.value():
        yield
        return
    api_url = running_api_url(db)
    if api_url is None:
        raise FlowError(
            f"`conflictwire serve` is not running for {db} (no local Prefect server in {state_dir_for(db)}); "
            "start it, or set PREFECT_API_URL to the Prefect server it uses"
        )
    with temporary_settings({PREFECT_API_URL: api_url}):
        yield


@main.command()
@click.argument("name", type=click.Choice(["ingest", "backfill", "reprocess"]))
@click.option("--param", "params", multiple=True, help="NAME=VALUE flow parameter; repeat a list's name for each item.")
@click.option("--wait", is_flag=True, help="Follow the run; exit 0 if it completes, 1 if it does not.")
@click.option(
    "--at",
    "at",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]),
    help="Schedule the run for this time (ISO 8601; UTC when no offset is given) instead of now.",
)
@db_option
@reports_errors
def trigger(name: str, params: tuple[str, ...], wait: bool, at: datetime | None, db: Path) -> None:
    """Ask a running `conflictwire serve` to run a deployment now (also possible from the Prefect UI).

    Example: conflictwire trigger backfill --param warc=a.warc.gz --param warc=b.warc.gz --wait
    """
    from flows.trigger import follow_run, start_run

    pairs = _parse_pairs(params, "--param")
    with _api_for(db):
        when = None if at is None else at if at.tzinfo else at.replace(tzinfo=UTC)
        flow_run = start_run(name, pairs, at=when)
        due = f" for {when:%Y-%m-%d %H:%M:%S%z}" if when else ""
        click.echo(f"triggered {name}{due}: flow run {flow_run.id}")
        if not wait:
            return
        state = follow_run(flow_run.id)
    click.echo(f"{flow_run.name}: {state.name}" + (f": {state.message}" if state.message else ""))
    if not state.is_completed():
        sys.exit(1)


def _query_text(query: str | None, file: Path | None) -> str:
    """The SQL to run: the argument, ``-`` for standard input, or ``-f FILE``; exactly one of them."""
    if (query is None) == (file is None):
        raise click.UsageError("give a QUERY, - to read it from standard input, or -f FILE")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"{file}: cannot read: {exc.strerror or exc}") from exc
    return sys.stdin.read() if query == "-" else str(query)


@main.command()
@click.option("--webhook", required=True, help="URL to POST a JSON alert to (Slack, Teams, a pager, any endpoint).")
@reports_errors
def alert(webhook: str) -> None:
    """Create the Prefect automation that posts to a webhook when a run ends Failed, Partial or Crashed.

    Needs the Prefect server `serve` uses (PREFECT_API_URL). Example:
    conflictwire alert --webhook https://hooks.example.org/conflictwire
    """
    from flows.alerts import add_failure_webhook

    automation = add_failure_webhook(webhook)
    click.echo(f"automation {automation.name} ({automation.id}) posts failed runs to the webhook")


# ignore_unknown_options: a query pasted as written may begin with a comment ("-- expect rows"), which click
# would otherwise take for an option.
@main.command(context_settings={"ignore_unknown_options": True})
@db_option
@click.argument("query", required=False)
@click.option("-f", "--file", type=click.Path(dir_okay=False, path_type=Path), help="Read the SQL from this file.")
@click.option("--timezone", default="UTC", show_default=True, help="Time zone timestamps are shown in.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output: an aligned table, CSV for spreadsheets, or one JSON object per row.",
)
@reports_errors
def sql(db: Path, query: str | None, file: Path | None, timezone: str, fmt: str) -> None:
    """Run read-only SQL on the warehouse (the last statement's result is printed); timestamps in UTC by default.

    QUERY may be - to read standard input; -f FILE reads a file. Example:
    conflictwire sql "SELECT source, count(*) FROM v_articles GROUP BY 1"
    """
    import csv

    import duckdb

    from flows.tables import format_table
    from transforms.spreadsheet import safe_cell
    from warehouse.connection import open_warehouse

    text = _query_text(query, file)
    with open_warehouse(db, read_only=True) as conn:
        try:
            conn.execute("SET TimeZone = ?", [timezone])
            cursor = conn.execute(text)
            headers = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
        except duckdb.Error as exc:
            raise click.ClickException(f"query failed: {exc}") from exc
    if fmt == "json":
        for row in rows:
            click.echo(_dumps(dict(zip(headers, row, strict=True))))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(headers)
        writer.writerows([safe_cell(value) for value in row] for row in rows)
    else:
        click.echo(format_table(headers, rows))
        click.echo(f"({len(rows)} rows)")


def _read_page(page: str) -> bytes:
    data = sys.stdin.buffer.read() if page == "-" else Path(page).read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


@main.command()
@click.argument("pages", nargs=-1, required=True)
@click.option("--url", default=None, help="The page's original URL (default: a file:// URL of the page).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, one object per line (default: readable text).")
@reports_errors
def extract(pages: tuple[str, ...], url: str | None, as_json: bool) -> None:
    """Parse saved pages (.html, .gz, or - for stdin) and print each article: readable, or JSON with --json.

    Example: conflictwire extract saved/aleppo.html.gz --url https://example.org/aleppo
    """
    from extractors.parse import parse_html
    from transforms.normalise import normalise_article

    for page in pages:
        try:
            content = _read_page(page)
        except OSError as exc:
            raise click.ClickException(f"{page}: cannot read: {exc.strerror or exc}") from exc
        page_url = url or (Path(page).resolve().as_uri() if page != "-" else "stdin:")
        article = normalise_article(parse_html(content, page_url))
        if as_json:
            record = asdict(article)
            record["authors"] = list(article.authors)
            click.echo(_dumps(record))
        else:
            click.echo(_article_text(article))


def _article_text(article: Any) -> str:
    published = article.published_at.isoformat() if article.published_at else "no date"
    head = [
        f"# {article.title or '(no title)'}",
        f"{article.canonical_url} | {published} | {', '.join(article.authors) or 'no author'} | {article.language}",
    ]
    if not article.is_article:
        head.append(f"not an article: {article.not_article_reason}")
    return "\n".join([*head, "", article.body, ""])


def _enrichment_text(found: dict[str, Any]) -> str:
    lines = ["places:"]
    primary = found["primary_place"]
    for p in found["places"]:
        mark = " [primary]" if primary and p["start"] == primary["start"] else ""
        lines.append(
            f"  {p['text']} -> {p['name']} ({p['country']}, {p['precision']}, {p['latitude']}, {p['longitude']}){mark}"
        )
    lines.append("actors:")
    lines += [f"  {a['text']} -> {a['name']} ({a['actor_type']})" for a in found["actors"]]
    lines.append("events:")
    lines += [f"  {e['event_type']} / {e['sub_event_type']}: {e['evidence']}" for e in found["events"]]
    lines.append("figures:")
    for f in found["figures"]:
        value = f["value_low"] if f["value_low"] == f["value_high"] else f"{f['value_low']}-{f['value_high']}"
        lines.append(f"  {f['category']} {value} {f['subject'] or ''} ({f['scope']}), claimed by {f['claimant']}")
    return "\n".join(lines)


def _jsonl_lines(path: str) -> Iterator[tuple[int, str]]:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    with stream:
        yield from enumerate(stream, start=1)


@main.command()
@click.option("--text-file", type=str, default=None, help="A text file to enrich (- for stdin).")
@click.option("--jsonl", type=str, default=None, help='JSON lines {"id", "text", "country"} (- for stdin).')
@click.option("--country", default=None, help="ISO alpha-2 country hint, e.g. SY.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for --text-file (default: readable text).")
@click.option("--workers", type=int, default=None, help="Processes for --jsonl (default: all cores).")
@reports_errors
def enrich(text_file: str | None, jsonl: str | None, country: str | None, as_json: bool, workers: int | None) -> None:
    """Print the places, actors, events and figures of a text (the flow's own enrichment).

    --jsonl input always gives JSON lines out, one per input line with the same id.

    Example: conflictwire enrich --text-file report.txt --country SY
    """
    from flows.batch_enrich import enrich_lines, enrich_one

    if (text_file is None) == (jsonl is None):
        raise click.UsageError("give exactly one of --text-file or --jsonl")
    if text_file is not None:
        raw = sys.stdin.buffer.read() if text_file == "-" else Path(text_file).read_bytes()
        found = enrich_one(raw.decode("utf-8", errors="replace"), country)
        click.echo(_dumps(found) if as_json else _enrichment_text(found))
        return
    assert jsonl is not None
    failures = 0
    for result in enrich_lines(_jsonl_lines(jsonl), default_country=country, workers=workers):
        if "error" in result:
            failures += 1
            click.echo(f"line {result['line']}: {result['error']}", err=True)
        click.echo(_dumps(result))
    if failures:
        click.echo(f"{failures} line(s) could not be enriched", err=True)


@main.group()
def sources() -> None:
    """Inspect the sources file."""


@sources.command("list")
@sources_option
@click.option("--var", "variables", multiple=True, help="NAME=VALUE for ${NAME} in the sources file.")
@reports_errors
def sources_list(sources_file: Path, variables: tuple[str, ...]) -> None:
    """List the configured sources after validation.

    Example: conflictwire sources list --sources sources.toml
    """
    from flows.settings import load_settings
    from flows.tables import format_table

    settings = load_settings(sources_file, variables=_parse_variables(variables))
    rows = [
        (s.name, s.kind.value, s.location, s.language or "", s.country_hint or "", s.poll_seconds, s.enabled)
        for s in settings.sources
    ]
    click.echo(format_table(["name", "kind", "location", "language", "country", "poll_s", "enabled"], rows))


@sources.command("check")
@sources_option
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Warehouse for last success.")
@click.option("--source", "only", default=None, help="Check only this source (by name).")
@click.option("--var", "variables", multiple=True, help="NAME=VALUE for ${NAME} in the sources file.")
@reports_errors
def sources_check(sources_file: Path, db: Path | None, only: str | None, variables: tuple[str, ...]) -> None:
    """Check each source now: reachable, allowed by robots.txt, a readable feed/sitemap/page/WARC/folder.

    Exits with status 1 when a source fails. Example: conflictwire sources check --sources sources.toml
    """
    from flows.checks import check_sources
    from flows.settings import load_settings
    from flows.tables import format_table

    settings = load_settings(sources_file, variables=_parse_variables(variables))
    checks = check_sources(settings, db, only)
    rows = [
        (c.source, c.kind, c.status, c.items, c.problems, round(c.elapsed_ms), c.last_success or "", c.detail)
        for c in checks
    ]
    click.echo(format_table(["source", "kind", "status", "items", "problems", "ms", "last_success", "detail"], rows))
    if any(c.status == "failed" for c in checks):
        sys.exit(1)


@main.command()
@db_option
@click.option("--list", "show", is_flag=True, help="List migrations and when each was applied; change nothing.")
@reports_errors
def migrate(db: Path, show: bool) -> None:
    """Create or upgrade the warehouse schema (runs also do this), or list migrations.

    Example: conflictwire migrate --db conflictwire.duckdb --list
    """
    from flows.tables import format_table
    from warehouse.connection import open_warehouse
    from warehouse.migrate import list_migrations
    from warehouse.migrate import migrate as apply_migrations

    with open_warehouse(db) as conn:
        if not show:
            applied = apply_migrations(conn)
            click.echo(f"applied {len(applied)} migration(s)")
        rows = [(s.migration.version, s.migration.name, s.applied_at or "pending") for s in list_migrations(conn)]
    click.echo(format_table(["version", "name", "applied_at"], rows))


@main.command()
@db_option
@reports_errors
def stats(db: Path) -> None:
    """Print row counts of every warehouse table.

    Example: conflictwire stats --db conflictwire.duckdb
    """
    from flows.tables import format_table
    from warehouse.connection import open_warehouse
    from warehouse.inspect import table_counts

    with open_warehouse(db, read_only=True) as conn:
        counts = table_counts(conn)
    click.echo(format_table(["table", "rows"], sorted(counts.items())))


@main.command()
@db_option
@reports_errors
def check(db: Path) -> None:
    """Check the warehouse file and its write-ahead log (read-only); exit 1 when the log is damaged.

    Example: conflictwire check --db conflictwire.duckdb
    """
    from warehouse.health import check_warehouse

    health = check_warehouse(db)
    click.echo(f"{health.db}: {health.status} ({health.detail})")
    if health.unfinished_runs:
        click.echo(f"runs left running: {', '.join(health.unfinished_runs)}")
    if health.hint:
        click.echo(f"to recover: {health.hint}" if health.status == "damaged" else health.hint)
    if health.status == "damaged":
        sys.exit(1)


def _register_analyst_commands() -> None:
    from flows.cli_analyst import export, report, schema

    for command in (export, report, schema):
        main.add_command(command)


_register_analyst_commands()


if __name__ == "__main__":
    main()
