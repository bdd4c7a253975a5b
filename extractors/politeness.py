"""Per-host manners shared by every source of a run: a request gate and a robots.txt cache.

Prefect runs one task per source in worker threads, and each task drives its own asyncio loop, so two sources on
the same host meet only here. ``HostGate`` is therefore guarded by ``threading`` locks, and a waiter parked on one
loop is woken with ``call_soon_threadsafe`` when a request on another loop frees its slot. Per host (scheme and
authority) it enforces a concurrency limit and a minimum spacing between request *starts*; ``defer`` pushes the
next start back when the host answers 429/503 with ``Retry-After``, so every task of the run waits, not only the
one that was told.

Robots rules are parsed by protego (maintained by the Scrapy project, RFC 9309 wildcards and ``Crawl-delay``) and
cached per host with an expiry, so a long-running ``serve`` picks up a changed robots.txt.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from protego import Protego

from records import ReasonTag

__all__ = ["HostGate", "RobotsCache", "RobotsRules"]


@dataclass(slots=True)
class _HostState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    active: int = 0
    next_start: float = 0.0
    waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = field(default_factory=deque)


class HostGate:
    """Concurrency limit and minimum delay per host, safe to share between threads and event loops.

    Args:
        clock: monotonic clock in seconds (injectable so tests need no real sleeps to reason about order).
        robots_ttl_seconds: how long a fetched robots.txt is trusted before it is fetched again.
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, robots_ttl_seconds: float = 3600.0) -> None:
        self._clock = clock
        self._hosts: dict[str, _HostState] = {}
        self._hosts_lock = threading.Lock()
        self.robots = RobotsCache(clock=clock, ttl_seconds=robots_ttl_seconds)

    def _state(self, host: str) -> _HostState:
        with self._hosts_lock:
            state = self._hosts.get(host)
            if state is None:
                state = self._hosts[host] = _HostState()
            return state

    @asynccontextmanager
    async def slot(self, host: str, *, concurrency: int, min_delay: float) -> AsyncIterator[None]:
        """Hold one of ``host``'s request slots, starting no sooner than ``min_delay`` after the previous start."""
        state = self._state(host)
        wait = await self._acquire(state, max(1, concurrency), max(0.0, min_delay))
        try:
            if wait > 0:
                await asyncio.sleep(wait)
            yield
        finally:
            self._release(state)

    def defer(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` (the host said ``Retry-After``)."""
        state = self._state(host)
        with state.lock:
            state.next_start = max(state.next_start, self._clock() + seconds)

    async def _acquire(self, state: _HostState, concurrency: int, min_delay: float) -> float:
        loop = asyncio.get_running_loop()
        while True:
            with state.lock:
                if state.active < concurrency:
                    now = self._clock()
                    start = max(now, state.next_start)
                    state.next_start = start + min_delay
                    state.active += 1
                    return start - now
                waiter: asyncio.Future[None] = loop.create_future()
                state.waiters.append((loop, waiter))
            try:
                await waiter
            except asyncio.CancelledError:
                # We may have been handed the free slot just before the cancellation: pass it on.
                self._wake_next(state)
                raise

    def _release(self, state: _HostState) -> None:
        with state.lock:
            state.active -= 1
        self._wake_next(state)

    def _wake_next(self, state: _HostState) -> None:
        with state.lock:
            while state.waiters:
                loop, waiter = state.waiters.popleft()
                if waiter.done() or loop.is_closed():
                    continue
                loop.call_soon_threadsafe(_resolve, waiter)
                return


def _resolve(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one host's robots.txt allows. ``parser`` None means everything is allowed (no robots.txt).

    ``unavailable`` is set when robots.txt could not be fetched (5xx, network errors): RFC 9309 §2.3.1.3 says to
    assume complete disallow then, so nothing on the host is requested until the rules expire.
    """

    parser: Protego | None
    expires_at: float
    unavailable: bool = False
    # Why robots.txt could not be fetched: the fetch error's reason tag and message, so the refusal says what
    # happened (a refused connection, a DNS failure, a timeout) rather than blaming the host's rules.
    cause_reason: ReasonTag | None = None
    cause: str = ""

    @classmethod
    def parse(cls, text: str, *, expires_at: float) -> RobotsRules:
        return cls(parser=Protego.parse(text), expires_at=expires_at)

    def allows(self, url: str, user_agent: str) -> bool:
        if self.unavailable:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return None if delay is None else float(delay)


class RobotsCache:
    """Parsed robots.txt per origin (``scheme://host:port``), each with its own expiry; thread-safe.

    ``rules_for`` is single-flight across threads: when twenty sources on one host start together, one of them
    fetches robots.txt and the others wait for its answer instead of each asking the host.
    """

    def __init__(self, *, clock: Callable[[], float], ttl_seconds: float) -> None:
        self._clock = clock
        self.ttl_seconds = ttl_seconds
        self._rules: dict[str, RobotsRules] = {}
        self._in_flight: dict[str, list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]]] = {}
        self._lock = threading.Lock()

    def get(self, origin: str) -> RobotsRules | None:
        """The cached rules for ``origin``, or None when never fetched or expired."""
        with self._lock:
            return self._fresh(origin)

    def _fresh(self, origin: str) -> RobotsRules | None:
        rules = self._rules.get(origin)
        if rules is None or rules.expires_at <= self._clock():
            return None
        return rules

    async def rules_for(self, origin: str, fetch: Callable[[], Awaitable[RobotsRules]]) -> RobotsRules:
        """Cached rules for ``origin``, calling ``fetch`` (once, whichever thread gets there first) when stale."""
        loop = asyncio.get_running_loop()
        while True:
            with self._lock:
                rules = self._fresh(origin)
                if rules is not None:
                    return rules
                waiters = self._in_flight.get(origin)
                if waiters is None:
                    self._in_flight[origin] = []
                    break
                waiter: asyncio.Future[None] = loop.create_future()
                waiters.append((loop, waiter))
            await waiter
        try:
            rules = await fetch()
            self.put(origin, rules)
            return rules
        finally:
            # Wake the waiters even when the fetch failed or was cancelled: one of them will try again.
            with self._lock:
                woken = self._in_flight.pop(origin, [])
            for waiter_loop, parked in woken:
                if not waiter_loop.is_closed():
                    waiter_loop.call_soon_threadsafe(_resolve, parked)

    def expiry(self, ttl_seconds: float | None = None) -> float:
        """Clock value at which rules fetched now expire."""
        return self._clock() + (self.ttl_seconds if ttl_seconds is None else ttl_seconds)

    def put(self, origin: str, rules: RobotsRules) -> None:
        with self._lock:
            self._rules[origin] = rules
