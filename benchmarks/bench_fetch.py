"""Fetch-stage overhead: conflictwire's crawl of 2,000 article pages vs a bare httpx loop over the same URLs.

Run: ``python benchmarks/bench_fetch.py`` (about a minute). Prints one table.

A loopback HTTP/1.1 server runs in its own process (so it does not share the client's GIL) and serves a
robots.txt, a sitemap of 2,000 articles and the articles (~14 KB of HTML each, pre-built: the server costs
microseconds per response). In this process, alternately, 3 times each:

* **bare**: ``httpx.AsyncClient`` + ``asyncio.gather`` of a GET per URL, reading every body; no robots, no
  records, no checks. A semaphore keeps ``CONCURRENCY`` requests in flight (see ``_bare`` for why).
* **conflictwire**: ``acrawl_source`` on the sitemap source with politeness delays off and per-host concurrency
  ``CONCURRENCY``, robots.txt on, every attempt recorded as a ``FetchAttempt``, every body kept as a
  content-addressed ``RawDocument`` (SHA-256), scheme/address checks, bounded decoding, content-type checks.
  It also fetches robots.txt and the sitemap, which the bare loop is handed for free.

Both use 10 connections: on loopback more only add scheduling cost (at httpx's default of 100 both paths were
~2-3x slower and far noisier on this 2-core machine). Wall time is the target; CPU time is printed too because
it is less disturbed by other load on a shared machine.

The ratio is median(conflictwire) / median(bare); the target is ≤ 1.25. One more row shows the default politeness
(2 connections per host) for information. Peak memory: Python-heap peak per path (tracemalloc, one extra run each,
not timed) and the process's peak RSS at the end.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import resource
import statistics
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from multiprocessing.connection import Connection

import httpx

from extractors.crawl import CrawlState, acrawl_source
from extractors.fetch import FetchSettings
from extractors.politeness import HostGate
from records import Politeness, SourceConfig, SourceKind

PAGES = 2_000
RUNS = 3
CONCURRENCY = 10  # connections, both paths (see the module docstring)


def _article(number: int) -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {p} of report {number}: shelling continued in eastern districts as residents fled, "
        f"according to monitors quoted by several outlets on the day.</p>"
        for p in range(60)
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Report {number}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>Report {number}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _response(body: bytes, content_type: str) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


def serve_forever(ready: Connection, answer: Callable[[bytes], bytes], prepare: Callable[[str], None]) -> None:
    """In a child process: a minimal keep-alive HTTP/1.1 server on a free loopback port, until killed.

    ``prepare(base)`` runs once the base URL is known, before it is sent on ``ready``; ``answer(path)`` gives
    each response's bytes. Raw asyncio rather than http.server, so an anchor measures the client, not the server.
    """

    class Protocol(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            assert isinstance(transport, asyncio.Transport)
            self.transport = transport
            self.buffer = b""

        def data_received(self, data: bytes) -> None:
            self.buffer += data
            while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
                head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
                self.transport.write(answer(head.split(b" ", 2)[1]))

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Protocol, "127.0.0.1", 0, backlog=1024)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        prepare(base)
        ready.send(base)
        await asyncio.Event().wait()

    asyncio.run(main())


def _serve(ready: Connection) -> None:
    """Child process: the site of pre-built responses (robots.txt, a sitemap and its pages)."""
    responses: dict[bytes, bytes] = {}

    def prepare(base: str) -> None:
        locs = "".join(f"<url><loc>{base}/articles/{n}.html</loc></url>" for n in range(PAGES))
        sitemap = f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>"
        responses[b"/robots.txt"] = _response(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        responses[b"/sitemap.xml"] = _response(sitemap.encode(), "application/xml")
        for number in range(PAGES):
            responses[f"/articles/{number}.html".encode()] = _response(_article(number), "text/html; charset=utf-8")

    serve_forever(ready, lambda path: responses.get(path, NOT_FOUND), prepare)


async def _bare(urls: list[str]) -> int:
    # The semaphore keeps at most a pool's worth of requests queued in httpcore: its pool scans every waiting
    # request on each release, so an unbounded gather of 2,000 GETs takes ~140 s here (quadratic), not ~4 s.
    in_flight = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=CONCURRENCY)) as client:

        async def get(url: str) -> httpx.Response:
            async with in_flight:
                return await client.get(url)

        responses = await asyncio.gather(*(get(url) for url in urls))
    return sum(1 for response in responses if response.status_code == 200 and response.content)


def _conflictwire(base: str, concurrency: int) -> Callable[[list[str]], Awaitable[int]]:
    source = SourceConfig(
        name="bench",
        kind=SourceKind.SITEMAP,
        url=f"{base}/sitemap.xml",
        allow_private_network=True,
        politeness=Politeness(min_delay_seconds=0.0, per_host_concurrency=concurrency),
    )
    settings = FetchSettings(max_connections=concurrency)

    async def run(urls: list[str]) -> int:
        result = await acrawl_source(source, CrawlState(), settings, HostGate())
        assert len(result.attempts) == len(urls) + 2 and not result.quarantined
        return len(result.documents)

    return run


def _timed(fetch: Callable[[list[str]], Awaitable[int]], urls: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (CPU time is less disturbed by other load on a shared machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    pages = asyncio.run(fetch(urls))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert pages == len(urls), f"fetched {pages} of {len(urls)}"
    return elapsed, cpu


def _heap_peak(fetch: Callable[[list[str]], Awaitable[int]], urls: list[str]) -> float:
    tracemalloc.start()
    asyncio.run(fetch(urls))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    receive, send = mp.get_context("spawn").Pipe(duplex=False)
    server = mp.get_context("spawn").Process(target=_serve, args=(send,), daemon=True)
    server.start()
    try:
        base = receive.recv()
        urls = [f"{base}/articles/{n}.html" for n in range(PAGES)]
        paths: dict[str, Callable[[list[str]], Awaitable[int]]] = {
            "bare httpx.AsyncClient + gather": _bare,
            f"conflictwire crawl, {CONCURRENCY}/host": _conflictwire(base, CONCURRENCY),
        }
        _timed(_bare, urls[:200])  # warm-up: imports, first connections
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in paths}
        for _ in range(RUNS):
            for name, fetch in paths.items():
                times[name].append(_timed(fetch, urls))
        default_name = "conflictwire crawl, 2/host (default)"
        times[default_name] = [_timed(_conflictwire(base, Politeness().per_host_concurrency), urls)]
        peaks = {name: _heap_peak(fetch, urls) for name, fetch in paths.items()}
    finally:
        server.terminate()

    def medians(name: str) -> tuple[float, float]:
        return statistics.median(w for w, _ in times[name]), statistics.median(c for _, c in times[name])

    bare_wall, bare_cpu = medians("bare httpx.AsyncClient + gather")
    print(f"fetch benchmark: {PAGES} pages from a loopback server, median of {RUNS} runs (politeness delays off)")
    print(f"{'path':<38} {'wall s':>7} {'pages/s':>8} {'ratio':>6} {'cpu s':>6} {'cpu ratio':>9} {'heap MiB':>9}")
    for name in times:
        wall, cpu = medians(name)
        peak = f"{peaks[name]:.1f}" if name in peaks else "-"
        print(
            f"{name:<38} {wall:>7.2f} {PAGES / wall:>8.0f} {wall / bare_wall:>6.2f} {cpu:>6.2f} "
            f"{cpu / bare_cpu:>9.2f} {peak:>9}"
        )
    ratio = medians(f"conflictwire crawl, {CONCURRENCY}/host")[0] / bare_wall
    print(f"target wall ratio <= 1.25: {'met' if ratio <= 1.25 else 'MISSED'} ({ratio:.2f})")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
