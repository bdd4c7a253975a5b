"""Which URLs we are willing to request.

Feeds are untrusted input: a feed item, a sitemap entry or a redirect may point at ``http://169.254.169.254/``
or at a service on the crawler's own network. Web kinds only ever use ``http``/``https``; a host that resolves
to a private, loopback, link-local, reserved or multicast address is refused with reason ``blocked-address``
unless the source opts in with ``allow_private_network`` (loopback test and demo servers do).

The check resolves the name itself and refuses if *any* address is non-public, so a name with one public and one
private record cannot be used to slip through. httpx resolves again when it connects, so a DNS server that
changes its answer between the two lookups (rebinding) is not covered; that needs a pinned-address transport.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from extractors.errors import PermanentFetchError

__all__ = ["WEB_SCHEMES", "AddressPolicy", "check_scheme", "is_public_address"]

WEB_SCHEMES = frozenset({"http", "https"})


def check_scheme(url: str, *, source: str) -> str:
    """Refuse anything but http(s) with a host; return the lower-cased host.

    Raises:
        PermanentFetchError: reason ``bad-scheme`` or ``bad-url``.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a non-numeric port
    except ValueError as exc:
        raise PermanentFetchError(f"unparseable URL: {exc}", source=source, url=url, reason="bad-url") from exc
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise PermanentFetchError(
            f"scheme {parts.scheme!r} is not fetched", source=source, url=url, reason="bad-scheme"
        )
    if not host:
        raise PermanentFetchError("URL has no host", source=source, url=url, reason="bad-url")
    return host.lower()


def is_public_address(address: str) -> bool:
    """True when ``address`` is a globally routable unicast address (IPv4-mapped IPv6 unwrapped)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class AddressPolicy:
    """Resolves hosts once per crawl and remembers the verdict, so 2,000 links to one host cost one lookup."""

    def __init__(self, *, source: str, allow_private_network: bool) -> None:
        self._source = source
        self._allow_private = allow_private_network
        self._verdicts: dict[str, str | None] = {}

    async def check(self, url: str) -> None:
        """Raise unless ``url`` may be requested.

        Raises:
            PermanentFetchError: reasons ``bad-scheme``, ``bad-url``, ``blocked-address``.
        """
        host = check_scheme(url, source=self._source)
        if self._allow_private:
            return
        if host not in self._verdicts:
            self._verdicts[host] = await _blocked_address(host)
        blocked = self._verdicts[host]
        if blocked is not None:
            raise PermanentFetchError(
                f"{host} resolves to non-public address {blocked}",
                source=self._source,
                url=url,
                reason="blocked-address",
            )


async def _blocked_address(host: str) -> str | None:
    """The first non-public address ``host`` resolves to, or None when all are public."""
    try:
        return None if is_public_address(host) else host
    except ValueError:
        pass  # not an IP literal: resolve it
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror:
        # Unresolvable now: let the request itself fail with a connection error, which is retried and recorded.
        return None
    for *_, sockaddr in infos:
        address = str(sockaddr[0])
        if not is_public_address(address):
            return address
    return None
