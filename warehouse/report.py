"""The daily situation report: one self-contained HTML page built from the analyst views.

Everything the page shows is inside the file — the map and the charts are inline SVG, the country outlines come
from the ``countryinfo`` package (Natural Earth low-resolution polygons) and there is no script — so a report
mailed or archived today opens the same, offline, in ten years. Counts follow the views' rules: syndicated
copies count once per story and tolls are shown per claimant, never summed or averaged.
"""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from string import Template
from typing import Any

import duckdb
from countryinfo import all_countries

__all__ = ["build_report"]

_MAP_WIDTH = 900
_ASPECT = 1.6  # map width over height
_TOP_FIGURES = 12
_TREND_DAYS = 30
_COLOURS = {
    "Battles": "#c62828",
    "Explosions/Remote violence": "#ef6c00",
    "Violence against civilians": "#6a1b9a",
    "Protests": "#2e7d32",
    "Riots": "#6d4c41",
    "Strategic developments": "#1565c0",
}
_OTHER_COLOUR = "#546e7a"

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class _Outline:
    name: str
    west: float
    south: float
    east: float
    north: float
    rings: tuple[Ring, ...]


@dataclass(frozen=True, slots=True)
class _Frame:
    """An equirectangular view of a lon/lat box, x scaled by cos(mid-latitude) so shapes look right."""

    west: float
    south: float
    east: float
    north: float

    @property
    def scale(self) -> float:
        return _MAP_WIDTH / ((self.east - self.west) * math.cos(math.radians((self.north + self.south) / 2)))

    @property
    def height(self) -> int:
        return max(1, round((self.north - self.south) * self.scale))

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        factor = math.cos(math.radians((self.north + self.south) / 2))
        return round((lon - self.west) * factor * self.scale, 1), round((self.north - lat) * self.scale, 1)

    def overlaps(self, outline: _Outline) -> bool:
        apart_east_west = outline.east < self.west or outline.west > self.east
        return not (apart_east_west or outline.north < self.south or outline.south > self.north)


@dataclass(frozen=True, slots=True)
class _MapPoint:
    place: str
    event_type: str
    latitude: float
    longitude: float
    stories: int
    fatalities: int | None


def _rings(geometry: dict[str, Any]) -> Iterable[Ring]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        for ring in polygon:
            yield tuple((float(lon), float(lat)) for lon, lat, *_ in ring)


@functools.cache
def _outlines() -> tuple[_Outline, ...]:
    """Country polygons shipped with ``countryinfo`` (read once per process; no network)."""
    found = []
    for country in all_countries():
        collection = country.geo_json() or {}
        rings = tuple(
            ring
            for feature in collection.get("features", [])
            if feature.get("geometry")
            for ring in _rings(feature["geometry"])
        )
        if rings:
            lons = [lon for ring in rings for lon, _ in ring]
            lats = [lat for ring in rings for _, lat in ring]
            found.append(_Outline(country.name(), min(lons), min(lats), max(lons), max(lats), rings))
    return tuple(found)


def _frame(points: Sequence[_MapPoint]) -> _Frame:
    """The box around the day's events with a margin, widened to a 16:10 map; the whole world when there are none."""
    if not points:
        return _Frame(-180.0, -60.0, 180.0, 85.0)
    lons = [p.longitude for p in points]
    lats = [p.latitude for p in points]
    centre_lon, centre_lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    factor = math.cos(math.radians(centre_lat))
    half_lat = max(5.0, (max(lats) - min(lats)) * 0.65)
    half_lon = max(8.0, (max(lons) - min(lons)) * 0.65, half_lat * _ASPECT / factor)
    half_lat = max(half_lat, half_lon * factor / _ASPECT)
    return _Frame(
        max(-180.0, centre_lon - half_lon),
        max(-85.0, centre_lat - half_lat),
        min(180.0, centre_lon + half_lon),
        min(85.0, centre_lat + half_lat),
    )


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _link(url: str | None, text: object) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}">{_e(text)}</a>'
    return _e(text)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: frozenset[int] = frozenset()) -> str:
    """An HTML table of already-escaped cells; ``numeric`` columns are right-aligned."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r))
        for r in rows
    )
    return f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _section(title: str, content: str) -> str:
    return f"<section><h2>{_e(title)}</h2>{content}</section>"


def _map_points(conn: duckdb.DuckDBPyConnection, day: date) -> list[_MapPoint]:
    rows = conn.execute(
        "SELECT place_name, event_type, latitude, longitude, count(DISTINCT coalesce(story_id, article_id)), "
        "max(fatalities) FROM v_events WHERE event_date = ? AND latitude IS NOT NULL AND longitude IS NOT NULL "
        "GROUP BY ALL ORDER BY 5 DESC, 1, 2",
        [day],
    ).fetchall()
    return [_MapPoint(*row) for row in rows]


def _spread(centres: Sequence[tuple[float, float]], radii: Sequence[float]) -> list[tuple[float, float]]:
    """Marker positions where no two markers cover each other: overlapping ones are fanned out on a ring.

    Several event types at one place (or at places a few pixels apart) would otherwise be drawn on top of each
    other and hide all but the last type. Markers that overlap are grouped (transitively); each group is laid
    out on a ring around its centre, wide enough that neighbours on the ring just touch.
    """
    group = list(range(len(centres)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, (xi, yi) in enumerate(centres):
        for j in range(i):
            xj, yj = centres[j]
            if math.hypot(xi - xj, yi - yj) < radii[i] + radii[j]:
                group[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(len(centres)):
        members.setdefault(root(i), []).append(i)
    placed = list(centres)
    for indexes in members.values():
        if len(indexes) < 2:
            continue
        cx = sum(centres[i][0] for i in indexes) / len(indexes)
        cy = sum(centres[i][1] for i in indexes) / len(indexes)
        widest = max(radii[i] for i in indexes) + 1
        ring = widest / math.sin(math.pi / len(indexes))
        for k, i in enumerate(indexes):
            angle = 2 * math.pi * k / len(indexes) - math.pi / 2
            placed[i] = (round(cx + ring * math.cos(angle), 1), round(cy + ring * math.sin(angle), 1))
    return placed


def _map_svg(points: Sequence[_MapPoint]) -> str:
    frame = _frame(points)
    paths = []
    for outline in _outlines():
        if frame.overlaps(outline):
            d = " ".join(
                "M" + " L".join(f"{x},{y}" for x, y in (frame.point(lon, lat) for lon, lat in ring)) + " Z"
                for ring in outline.rings
            )
            paths.append(f'<path class="country" d="{d}"><title>{_e(outline.name)}</title></path>')
    circles = []
    radii = [round(5 + 3 * math.sqrt(p.stories - 1), 1) for p in points]
    placed = _spread([frame.point(p.longitude, p.latitude) for p in points], radii)
    for p, radius, (x, y) in zip(points, radii, placed, strict=True):
        toll = f", up to {p.fatalities:,} killed reported" if p.fatalities is not None else ""
        tip = f"{p.place}: {p.event_type} ({p.stories:,} stor{'y' if p.stories == 1 else 'ies'}{toll})"
        circles.append(
            f'<circle class="event-point" data-event-type="{_e(p.event_type)}" cx="{x}" cy="{y}" r="{radius}" '
            f'fill="{_COLOURS.get(p.event_type, _OTHER_COLOUR)}"><title>{_e(tip)}</title></circle>'
        )
    legend = "".join(
        f'<span><i style="background:{_COLOURS.get(t, _OTHER_COLOUR)}"></i>{_e(t)}</span>'
        for t in sorted({p.event_type for p in points})
    )
    return (
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_MAP_WIDTH} {frame.height}" '
        f'role="img" aria-label="Map of the day\'s events"><g class="countries">{"".join(paths)}</g>'
        f'<g class="events">{"".join(circles)}</g></svg><div class="legend">{legend}</div>'
    )


def _bar_chart(rows: Sequence[tuple[str, int]], label: str) -> str:
    """Horizontal bars, one per row: a small inline SVG chart."""
    if not rows:
        return '<p class="empty">Nothing to chart.</p>'
    top = max(value for _, value in rows) or 1
    height = 24 * len(rows) + 8
    bars = "".join(
        f'<text x="0" y="{24 * i + 18}">{_e(name)}</text>'
        f'<rect class="bar" x="200" y="{24 * i + 6}" width="{round(400 * value / top, 1)}" height="16"/>'
        f'<text x="{206 + round(400 * value / top, 1)}" y="{24 * i + 18}">{value:,}</text>'
        for i, (name, value) in enumerate(rows)
    )
    return f'<svg class="chart" viewBox="0 0 660 {height}" role="img" aria-label="{_e(label)}">{bars}</svg>'


def _trend_chart(conn: duckdb.DuckDBPyConnection, day: date) -> str:
    """Stories with events per day over the last 30 days, the report's day last."""
    start = day - timedelta(days=_TREND_DAYS - 1)
    counts = dict(
        conn.execute("SELECT day, event_stories FROM v_daily_counts WHERE day BETWEEN ? AND ?", [start, day]).fetchall()
    )
    top = max(counts.values(), default=0) or 1
    width = 20
    columns = []
    for i in range(_TREND_DAYS):
        value = counts.get(start + timedelta(days=i), 0)
        h = round(90 * value / top, 1)
        columns.append(
            f'<rect class="bar" x="{i * width + 2}" y="{100 - h}" width="{width - 4}" height="{h}">'
            f"<title>{start + timedelta(days=i)}: {value:,}</title></rect>"
        )
    axis = f'<text x="0" y="116">{start}</text><text x="{_TREND_DAYS * width - 64}" y="116">{day}</text>'
    return (
        f'<svg class="chart" viewBox="0 0 {_TREND_DAYS * width} 120" role="img" '
        f'aria-label="Stories with events per day, last {_TREND_DAYS} days">{"".join(columns)}{axis}</svg>'
    )


def _kpis(conn: duckdb.DuckDBPyConnection, day: date) -> str:
    row = conn.execute(
        "SELECT articles, stories, event_stories, killed_reported, displaced_reported "
        "FROM v_daily_counts WHERE day = ?",
        [day],
    ).fetchone() or (0, 0, 0, None, None)
    labels = ("articles", "stories", "stories with events", "killed (highest claim per story)", "displaced reported")
    cells = "".join(
        f'<div class="kpi"><b>{_e("–" if v is None else f"{v:,}")}</b><span>{_e(label)}</span></div>'
        for v, label in zip(row, labels, strict=True)
    )
    return f'<div class="kpis">{cells}</div>'


def _figure_text(qualifier: str | None, low: int | None, high: int | None, share: float | None) -> str:
    if low is None:
        return f"{share:.0%} of population" if share is not None else "?"
    number = f"{low:,}" if high in (None, low) else f"{low:,}–{high:,}"
    return f"{qualifier} {number}" if qualifier else number


def _top_figures(conn: duckdb.DuckDBPyConnection, day: date) -> str:
    rows = conn.execute(
        "SELECT category, any_value(qualifier), value_low, value_high, share, any_value(subject), "
        "arg_min(claimant, published_at), any_value(place_name), list(DISTINCT source ORDER BY source), "
        "arg_min(article_url, published_at), arg_min(article_title, published_at) "
        "FROM v_figures WHERE published_date = ? "
        "GROUP BY coalesce(story_id, article_id), category, lower(claimant), value_low, value_high, share "
        "ORDER BY value_low DESC NULLS LAST, category LIMIT ?",
        [day, _TOP_FIGURES],
    ).fetchall()
    if not rows:
        return '<p class="empty">No figures were reported in articles of this day.</p>'
    cells = [
        (
            _e(category),
            _e(_figure_text(qualifier, low, high, share)),
            _e(subject),
            _e(claimant),
            _e(place),
            _e(", ".join(sources)),
            _link(url, title or url),
        )
        for category, qualifier, low, high, share, subject, claimant, place, sources, url, title in rows
    ]
    return _table(["what", "figure", "of whom", "claimant", "where", "carried by", "first report"], cells)


def _contested(conn: duckdb.DuckDBPyConnection, day: date) -> str:
    rows = conn.execute(
        "SELECT category, place_name, a_claimant, a_qualifier, a_value_low, a_value_high, a_share, "
        "b_claimant, b_qualifier, b_value_low, b_value_high, b_share, claimants_differ, b_article_url "
        "FROM v_contested_figures WHERE reported_date = ? ORDER BY category, place_name, a_claimant",
        [day],
    ).fetchall()
    if not rows:
        return '<p class="empty">No contested figures for this day.</p>'
    cells = [
        (
            _e(r[0]),
            _e(r[1]),
            f"{_e(r[2])}: <b>{_e(_figure_text(r[3], r[4], r[5], r[6]))}</b>",
            '<span class="versus">vs</span>',
            f"{_e(r[7])}: <b>{_e(_figure_text(r[8], r[9], r[10], r[11]))}</b>",
            _e("claimants disagree" if r[12] else "revised by the same claimant"),
            _link(r[13], "source"),
        )
        for r in rows
    ]
    return _table(["what", "where", "one claim", "", "other claim", "kind", ""], cells)


def _new_stories(conn: duckdb.DuckDBPyConnection, day: date) -> str:
    rows = conn.execute(
        "SELECT s.representative_title, s.representative_url, s.outlets, s.copies "
        "FROM v_stories s JOIN (SELECT story_id FROM v_articles WHERE story_id IS NOT NULL "
        "GROUP BY story_id HAVING min(published_date) = ?) d ON d.story_id = s.story_id "
        "ORDER BY s.outlet_count DESC, s.representative_title",
        [day],
    ).fetchall()
    if not rows:
        return '<p class="empty">No story was first published on this day.</p>'
    cells = [(_link(url, title or url), _e(", ".join(outlets)), f"{copies:,}") for title, url, outlets, copies in rows]
    return _table(["story", "outlets", "copies"], cells, numeric=frozenset({2}))


def _ago(value: timedelta | None) -> str:
    if value is None:
        return "never"
    hours = value.total_seconds() / 3600
    return f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} d"


def _source_health(conn: duckdb.DuckDBPyConnection) -> str:
    rows = conn.execute(
        "SELECT source, health, last_run_status, last_success_at, articles_total, articles_24h, articles_7d, "
        "quarantined, fetch_errors_24h, silent_for, last_error "
        "FROM v_source_health ORDER BY health <> 'ok' DESC, source"
    ).fetchall()
    if not rows:
        return '<p class="empty">No source has run yet.</p>'
    cells = [
        (
            _e(r[0]),
            f'<span class="health-{_e(r[1]).replace(" ", "-")}">{_e(r[1])}</span>',
            _e(r[2] or "–"),
            _e(r[3].strftime("%Y-%m-%d %H:%M UTC") if r[3] else "never"),
            f"{r[4]:,}",
            f"{r[5]:,}",
            f"{r[6]:,}",
            f"{r[7]:,}",
            f"{r[8]:,}",
            _e(_ago(r[9])),
            f'<span class="muted">{_e(r[10] or "")}</span>',
        )
        for r in rows
    ]
    headers = [
        "source",
        "health",
        "last run",
        "last success",
        "articles",
        "24 h",
        "7 d",
        "quarantined",
        "fetch errors 24 h",
        "silent for",
        "last error",
    ]
    return _table(headers, cells, numeric=frozenset({4, 5, 6, 7, 8}))


def build_report(conn: duckdb.DuckDBPyConnection, day: date) -> str:
    """The situation report of ``day`` (publication day in the publishers' time zones) as one HTML document.

    Returns:
        A complete, self-contained HTML page: inline SVG map and charts, no scripts, no external resources.
    """
    points = _map_points(conn, day)
    by_type = conn.execute(
        "SELECT event_type, count(DISTINCT coalesce(story_id, article_id)) FROM v_events WHERE event_date = ? "
        "GROUP BY 1 ORDER BY 2 DESC, 1",
        [day],
    ).fetchall()
    body = "".join(
        [
            _section("The day in numbers", _kpis(conn, day)),
            _section(
                "Where",
                _map_svg(points) + ("" if points else '<p class="empty">No located event on this day.</p>'),
            ),
            _section("Events by type (stories)", _bar_chart(by_type, "Stories per event type")),
            _section(f"Last {_TREND_DAYS} days: stories with events", _trend_chart(conn, day)),
            _section("Top figures and who claims them", _top_figures(conn, day)),
            _section("Contested figures", _contested(conn, day)),
            _section("New stories", _new_stories(conn, day)),
            _section("Source health (now)", _source_health(conn)),
        ]
    )
    template = Template(resources.files("warehouse").joinpath("templates", "report.html").read_text(encoding="utf-8"))
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return template.substitute(
        title=_e(f"Situation report — {day:%A %d %B %Y}"),
        subtitle=_e(f"conflictwire · generated {generated} · counts are per story; tolls are claims, not verified"),
        body=body,
    )
