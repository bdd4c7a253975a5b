"""The analyst's commands: ``export``, ``report`` and ``schema``.

They only read the warehouse (opened read-only, so they run while an ingest writes elsewhere is refused cleanly)
and are registered on the main ``conflictwire`` group by ``flows/cli.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from flows.cli_options import db_option, reports_errors

__all__ = ["export", "report", "schema"]

_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "geojson"]),
    required=True,
    help="parquet: directory partitioned by year and month; csv: ACLED's 31 columns; geojson: points for QGIS.",
)
@click.option("--since", type=_DATE, default=None, help="First event date to export (YYYY-MM-DD, inclusive).")
@click.option("--until", type=_DATE, default=None, help="Last event date to export (YYYY-MM-DD, inclusive).")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output file (a directory for parquet).")
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 byte order mark, so Excel reads it as UTF-8.")
@click.option(
    "--since-last",
    is_flag=True,
    help="Only events of articles added or changed since the last --since-last export in this format.",
)
@click.option("--overwrite", is_flag=True, help="Replace an existing output file or Parquet export directory.")
@reports_errors
def export(
    db: Path,
    fmt: str,
    since: datetime | None,
    until: datetime | None,
    out: Path,
    bom: bool,
    since_last: bool,
    overwrite: bool,
) -> None:
    """Export the events (streamed, constant memory) as Parquet, ACLED-style CSV or GeoJSON.

    Example: conflictwire export --format csv --since 2016-11-01 --until 2016-11-30 --out aleppo.csv
    """
    from flows.export_marks import last_export, record_export
    from warehouse.connection import open_warehouse
    from warehouse.exports import ExportFormat, export_events, newest_change

    if since is not None and until is not None and since > until:
        raise click.BadParameter(f"{since:%Y-%m-%d} is after --until {until:%Y-%m-%d}", param_hint="--since")
    after = last_export(db, fmt) if since_last else None
    with open_warehouse(db, read_only=True) as conn:
        newest = newest_change(conn)
        summary = export_events(
            conn,
            ExportFormat(fmt),
            out,
            since=_day(since),
            until=_day(until),
            changed_after=after,
            bom=bom,
            overwrite=overwrite,
        )
    if since_last:
        record_export(db, fmt, newest)
    skipped = f" ({summary.skipped} without coordinates left out)" if summary.skipped else ""
    changed = f" changed since {after:%Y-%m-%d %H:%M:%S} UTC" if after else ""
    click.echo(f"exported {summary.rows} events{changed} to {summary.path} as {summary.format.value}{skipped}")


@click.command()
@db_option
@click.option("--date", "day", type=_DATE, required=True, help="Publication day to report on (YYYY-MM-DD).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="HTML file to write.",
)
@reports_errors
def report(db: Path, day: datetime, out: Path) -> None:
    """Write the day's situation report: one self-contained HTML file (map, figures, contested claims, sources).

    Example: conflictwire report --date 2016-11-28 --out report.html
    """
    from warehouse.connection import open_warehouse
    from warehouse.report import build_report

    with open_warehouse(db, read_only=True) as conn:
        page = build_report(conn, day.date())
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {out} ({len(page.encode()) // 1024} KiB)")


@click.command()
@db_option
@reports_errors
def schema(db: Path) -> None:
    """Print every analyst view with what it holds and what each column means.

    Example: conflictwire schema --db conflictwire.duckdb
    """
    from warehouse.catalog import describe_views
    from warehouse.connection import open_warehouse

    with open_warehouse(db, read_only=True) as conn:
        views = describe_views(conn)
    for view in views:
        click.echo(click.style(view.name, bold=True))
        click.echo(click.wrap_text(view.comment or "(no comment)", initial_indent="  ", subsequent_indent="  "))
        width = max(len(c.name) for c in view.columns)
        for column in view.columns:
            click.echo(f"    {column.name.ljust(width)}  {column.data_type:<12}  {column.comment or ''}")
        click.echo()
