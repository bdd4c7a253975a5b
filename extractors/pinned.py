"""An httpx transport whose connections go only to addresses ``AddressPolicy`` has just judged.

httpx resolves host names itself when it connects, so a check made beforehand (``AddressPolicy.check``) can be
answered with a public address and the connection with ``127.0.0.1`` (DNS rebinding). Here the resolution that
is judged is the one that is used: ``PinnedBackend.connect_tcp`` asks the policy for the addresses of the
host, which resolves, refuses if any answer is non-public, and returns the addresses to dial, tried in order.
httpcore keeps the URL's host for the ``Host`` header and passes it as the TLS server name (SNI and certificate
check), so HTTPS to a pinned address still verifies the name.

httpx exposes no ``network_backend`` argument, so ``pinned_transport`` replaces the connection pool its
``AsyncHTTPTransport`` built by an identical one with our backend (httpcore's public API);
``tests/test_ssrf.py`` fails if an httpx upgrade breaks that.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Iterable

import httpcore
import httpx

from extractors.safety import AddressPolicy

__all__ = ["PinnedBackend", "pinned_transport"]


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """anyio's TCP backend, dialling the address the policy returns instead of the name."""

    def __init__(self, policy: AddressPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._policy.addresses_for(host, port)
        for address in addresses[:-1]:  # a name with an unreachable IPv6 answer still connects over IPv4
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                continue
        return await self._inner.connect_tcp(
            addresses[-1], port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never used by the crawler")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying context per process: building one loads the CA bundle (about 30 ms of CPU, GIL held), and
    every source's client would otherwise pay it while other sources' requests wait for the GIL."""
    return httpx.create_ssl_context(trust_env=False)


def pinned_transport(policy: AddressPolicy, *, http2: bool, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
    """An ``AsyncHTTPTransport`` (no proxies, no env) whose every connection goes through ``PinnedBackend``."""
    transport = httpx.AsyncHTTPTransport(verify=_ssl_context(), http2=http2, limits=limits, trust_env=False)
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        http1=True,
        http2=http2,
        network_backend=PinnedBackend(policy),
    )
    return transport
