"""Which URLs we are willing to request, and which address a connection may go to.

Feeds are untrusted input: a feed item, a sitemap entry or a redirect may point at ``http://169.254.169.254/``
or at a service on the crawler's own network. Web kinds only ever use ``http``/``https`` with a host that is a
syntactically valid DNS name or IP literal (anything else is ``bad-url``, so one broken link is quarantined and
never reaches the resolver or httpx). A host that resolves to a private, loopback, link-local, reserved or
multicast address is refused with reason ``blocked-address``.

``allow_private_network`` lifts that only for the source's **own** origin (the scheme, host and port of its
``url``) plus the hosts the operator lists in ``allow_private_hosts``: a loopback demo feed may be read, but an
item of that feed linking to another loopback service is refused like any other.

Two checks, one rule (``AddressPolicy.addresses_for``):

* ``AddressPolicy.check`` runs before robots.txt and retries, remembering a verdict per host so 2,000 links to one
  host cost one lookup;
* ``PinnedBackend`` (``extractors/pinned.py``) resolves again *at connect time*, judges every address returned and
  connects only to the addresses it judged, so a DNS answer that changes between the two (rebinding) cannot send the
  connection anywhere unchecked. The URL, and so the Host header and the TLS server name, stay the name.

A lookup that fails is refused (``dns-error``, transient: retried, then recorded), never waved through.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from extractors.errors import FetchError, PermanentFetchError, TransientFetchError
from records import ReasonTag, SourceConfig

__all__ = [
    "WEB_SCHEMES",
    "AddressPolicy",
    "AddressRefusedError",
    "PrivateHosts",
    "check_scheme",
    "is_public_address",
]

WEB_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 1123 labels (plus "_", which real sites use in subdomains): letters, digits, hyphens not at either end.
_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_MAX_HOST_CHARS = 253


class AddressRefusedError(Exception):
    """Raised inside the connection machinery, where no URL is known; ``Fetcher`` turns it into a FetchError."""

    def __init__(self, message: str, *, reason: ReasonTag, transient: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.transient = transient

    def for_url(self, *, source: str, url: str) -> FetchError:
        """Our typed error for the request to ``url`` that this refusal stopped."""
        error = TransientFetchError if self.transient else PermanentFetchError
        return error(self.message, source=source, url=url, reason=self.reason)


def check_scheme(url: str, *, source: str) -> str:
    """Refuse anything but http(s) with a valid host; return the host as it goes on the wire (lower-case ASCII).

    The host is parsed the way httpx will parse it (IDNA 2008 for non-ASCII names), then checked label by label,
    so ``http://☃.example/``, ``http://a..b/`` or ``http://a b/`` fail here with a typed error instead of
    escaping from httpx or the resolver as ``InvalidURL`` / ``UnicodeError``.

    Raises:
        PermanentFetchError: reason ``bad-scheme`` or ``bad-url``.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a non-numeric port
    except ValueError as exc:
        raise PermanentFetchError(f"unparseable URL: {exc}", source=source, url=url, reason="bad-url") from exc
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise PermanentFetchError(
            f"scheme {parts.scheme!r} is not fetched", source=source, url=url, reason="bad-scheme"
        )
    try:
        host = httpx.URL(url).host
    except httpx.InvalidURL as exc:
        raise PermanentFetchError(f"invalid host: {exc}", source=source, url=url, reason="bad-url") from exc
    problem = _host_problem(host)
    if problem is not None:
        raise PermanentFetchError(f"{problem}: {host!r}", source=source, url=url, reason="bad-url")
    return host


def _host_problem(host: str) -> str | None:
    """What is wrong with a wire-form host, or None: empty, too long, or a label that is not a DNS label."""
    if not host:
        return "URL has no host"
    if _ip_or_none(host) is not None:
        return None
    name = host.removesuffix(".")
    if len(name) > _MAX_HOST_CHARS:
        return "host name longer than 253 characters"
    if not all(_LABEL.match(label) for label in name.split(".")):
        return "host name has an empty or invalid label"
    return None


def _ip_or_none(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def is_public_address(address: str) -> bool:
    """True when ``address`` is a globally routable unicast address (IPv4-mapped IPv6 unwrapped)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True, slots=True)
class PrivateHosts:
    """Where private addresses are allowed: ``(host, port)`` origins, and hosts allowed on any port."""

    origins: frozenset[tuple[str, int]] = frozenset()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def for_source(cls, source: SourceConfig) -> PrivateHosts:
        """The source's own origin when it opted in with ``allow_private_network``, plus its listed hosts.

        ``allow_private_hosts`` entries are ``host`` (any port) or ``host:port``; they widen the opt-in.
        """
        if not source.allow_private_network:
            return cls()
        origins: set[tuple[str, int]] = set()
        hosts: set[str] = set()
        if source.url is not None:
            origin = _origin(source.url)
            if origin is not None:
                origins.add(origin)
        for entry in source.allow_private_hosts:
            host, _, port = entry.lower().rpartition(":") if _has_port(entry) else (entry.lower(), "", "")
            if port:
                origins.add((host.strip("[]"), int(port)))
            else:
                hosts.add(host.strip("[]"))
        return cls(frozenset(origins), frozenset(hosts))

    def allows(self, host: str, port: int) -> bool:
        return host in self.hosts or (host, port) in self.origins


def _has_port(entry: str) -> bool:
    """``host:port`` or ``[v6]:port``; a bare IPv6 literal has colons but no port."""
    head, colon, tail = entry.rpartition(":")
    return bool(colon) and tail.isdigit() and (not head.count(":") or head.endswith("]"))


def _origin(url: str) -> tuple[str, int] | None:
    """``(host, port)`` of ``url`` as httpx will connect to it (wire-form host, default port filled in)."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return None
    if not parsed.host or parsed.scheme not in _DEFAULT_PORTS:
        return None
    return parsed.host, parsed.port or _DEFAULT_PORTS[parsed.scheme]


class AddressPolicy:
    """The one rule for addresses, used before a request (``check``) and when connecting (``addresses_for``)."""

    def __init__(self, *, source: str, private: PrivateHosts = PrivateHosts()) -> None:
        self._source = source
        self._private = private
        self._verdicts: dict[tuple[str, int], AddressRefusedError | None] = {}

    @classmethod
    def for_source(cls, source: SourceConfig) -> AddressPolicy:
        return cls(source=source.name, private=PrivateHosts.for_source(source))

    async def check(self, url: str) -> None:
        """Raise unless ``url`` may be requested (the verdict per host and port is remembered, lookups failing
        are not, so a later link to the same host is looked up again).

        Raises:
            PermanentFetchError: reasons ``bad-scheme``, ``bad-url``, ``blocked-address``.
            TransientFetchError: reason ``dns-error``: the host did not resolve.
        """
        host = check_scheme(url, source=self._source)
        origin = _origin(url)
        assert origin is not None  # check_scheme passed
        key = (host, origin[1])
        if key not in self._verdicts:
            try:
                await self.addresses_for(host, origin[1])
            except AddressRefusedError as refused:
                if refused.transient:
                    raise refused.for_url(source=self._source, url=url) from refused
                self._verdicts[key] = refused
            else:
                self._verdicts[key] = None
        verdict = self._verdicts[key]
        if verdict is not None:
            raise verdict.for_url(source=self._source, url=url) from verdict

    async def addresses_for(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for ``host:port``, in resolver order: resolved now, every answer judged.

        Raises:
            AddressRefusedError: ``blocked-address`` when any answer is non-public (and the origin is not one
                where private addresses are allowed), ``dns-error`` (transient) when the lookup fails.
        """
        literal = _ip_or_none(host.strip("[]"))
        if literal is not None:
            addresses = [str(literal)]
        else:
            addresses = await _resolve(host, port)
        if not self._private.allows(host, port):
            for address in addresses:
                if not is_public_address(address):
                    raise AddressRefusedError(
                        f"{host} resolves to non-public address {address}", reason="blocked-address"
                    )
        return addresses


async def _resolve(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise AddressRefusedError(f"{host} does not resolve: {exc}", reason="dns-error", transient=True) from exc
    addresses = [str(sockaddr[0]) for *_, sockaddr in infos]
    if not addresses:
        raise AddressRefusedError(f"{host} resolves to no address", reason="dns-error", transient=True)
    return addresses
