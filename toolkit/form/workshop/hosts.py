"""Which ``Host`` headers the workshop server answers.

A browser sends the name it used to reach the server. Answering only the names the facilitator gave
(``--host``, ``--public-url``) keeps a web page from another site out that points its own name at the
workshop laptop (DNS rebinding): such a request carries the other site's name and is refused.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def host_name(header: str | None) -> str:
    """The host name of a ``Host`` header or URL authority: no port, no IPv6 brackets, lower case."""
    value = (header or "").strip().lower()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def is_loopback(host: str) -> bool:
    if host_name(host) == "localhost":
        return True
    try:
        return ipaddress.ip_address(host_name(host)).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind_host: str, public_url: str | None = None) -> frozenset[str]:
    """The host names a request may name: the public URL's, the bound address (unless it is a wildcard),
    and the loopback names when the server listens on loopback (also the case for a wildcard)."""
    names: set[str] = set()
    if public_url:
        names.add(host_name(urlsplit(public_url).netloc.rsplit("@", 1)[-1]))
    bound = host_name(bind_host)
    if bind_host.strip() in WILDCARD_HOSTS or is_loopback(bind_host):
        names |= LOOPBACK_NAMES
    if bind_host.strip() not in WILDCARD_HOSTS:
        names.add(bound)
    names.discard("")
    return frozenset(names)


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    return host_name(header) in allowed
