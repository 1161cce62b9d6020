"""The address guard refuses every IANA special-purpose block, one sample address per block.

The samples and kinds are written out by hand from the registries (not read from the table under
test), so a block missing from or misnamed in `index/intake/addresses.py` fails here.
"""

from __future__ import annotations

import ipaddress

import aiohttp
import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from index.errors import FetchError
from index.intake.addresses import refusal
from index.intake.fetch import FetchOptions, fetch

GUARDED = FetchOptions(connect_timeout=1.0, total_timeout=3.0)

IPV4_BLOCKS = [
    ("0.0.0.0", "unspecified"),  # 0.0.0.0/32
    ("0.1.2.3", "this-network"),  # 0.0.0.0/8
    ("10.20.30.40", "private"),  # 10.0.0.0/8
    ("100.127.255.254", "shared (carrier-grade NAT)"),  # 100.64.0.0/10
    ("127.8.8.8", "loopback"),  # 127.0.0.0/8
    ("169.254.1.1", "link-local"),  # 169.254.0.0/16
    ("172.31.255.1", "private"),  # 172.16.0.0/12
    ("192.0.0.1", "IETF protocol"),  # 192.0.0.0/29
    ("192.0.0.8", "IETF protocol"),  # 192.0.0.8/32
    ("192.0.0.9", "anycast"),  # 192.0.0.9/32
    ("192.0.0.10", "anycast"),  # 192.0.0.10/32
    ("192.0.0.171", "IETF protocol"),  # 192.0.0.170/32, 192.0.0.171/32
    ("192.0.0.200", "IETF protocol"),  # 192.0.0.0/24: Python calls it public
    ("192.0.2.55", "documentation"),  # 192.0.2.0/24
    ("192.31.196.1", "anycast"),  # 192.31.196.0/24
    ("192.52.193.1", "anycast"),  # 192.52.193.0/24
    ("192.88.99.1", "6to4 relay"),  # 192.88.99.0/24: Python calls it public
    ("192.168.100.1", "private"),  # 192.168.0.0/16
    ("192.175.48.6", "anycast"),  # 192.175.48.0/24
    ("198.19.0.1", "benchmarking"),  # 198.18.0.0/15
    ("198.51.100.7", "documentation"),  # 198.51.100.0/24
    ("203.0.113.9", "documentation"),  # 203.0.113.0/24
    ("255.255.255.255", "broadcast"),  # 255.255.255.255/32
    ("250.1.2.3", "reserved"),  # 240.0.0.0/4
    ("239.255.255.250", "multicast"),  # 224.0.0.0/4
]

IPV6_BLOCKS = [
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("::ffff:10.0.0.1", "private"),  # IPv4-mapped: judged by the IPv4 address inside
    ("64:ff9b::7f00:1", "loopback"),  # NAT64 well-known prefix: the same
    ("2002:c0a8:101::1", "private"),  # 6to4: the same
    ("64:ff9b:1::1", "local translation"),  # 64:ff9b:1::/48
    ("100::1", "discard-only"),  # 100::/64
    ("100:0:0:1::1", "dummy"),  # 100:0:0:1::/64
    ("2001:1::1", "anycast"),
    ("2001:1::2", "anycast"),
    ("2001:1::3", "anycast"),
    ("2001:2::5", "benchmarking"),  # 2001:2::/48
    ("2001:3::1", "anycast"),  # 2001:3::/32
    ("2001:4:112::1", "anycast"),  # 2001:4:112::/48
    ("2001:10::1", "ORCHID"),  # 2001:10::/28
    ("2001:20::1", "ORCHID"),  # 2001:20::/28
    ("2001:30::1", "drone ID"),  # 2001:30::/28
    ("2001:0:4136:e378::1", "Teredo"),  # 2001::/32
    ("2001:100::1", "IETF protocol"),  # 2001::/23
    ("2001:db8::1", "documentation"),  # 2001:db8::/32
    ("2620:4f:8000::1", "anycast"),  # 2620:4f:8000::/48
    ("3fff:fff::1", "documentation"),  # 3fff::/20
    ("5f00::1", "segment routing"),  # 5f00::/16
    ("fd00::1", "private"),  # fc00::/7
    ("fe80::1", "link-local"),  # fe80::/10
    ("fec0::1", "site-local"),  # fec0::/10: Python calls it public
    ("ff05::2", "multicast"),  # ff00::/8
    ("4000::1", "reserved"),  # outside 2000::/3, the global unicast block
    ("::2", "reserved"),
]

PUBLIC = ["8.8.8.8", "1.1.1.1", "192.0.1.1", "192.88.98.1", "198.20.0.1", "2606:4700::1111", "2a00:1450::1", "2002:808:808::1"]


@pytest.mark.parametrize(("address", "kind"), IPV4_BLOCKS + IPV6_BLOCKS, ids=[a for a, _ in IPV4_BLOCKS + IPV6_BLOCKS])
def test_every_special_purpose_block_is_refused_by_name(address: str, kind: str) -> None:
    assert refusal(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", PUBLIC)
def test_public_unicast_addresses_pass(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://192.88.99.1/", "refused: 192.88.99.1 is a 6to4 relay address"),
        ("http://192.0.0.170/", "refused: 192.0.0.170 is an IETF protocol address"),
        ("http://[fec0::1]/", "refused: fec0::1 is a site-local address"),
        ("http://[2001:10::1]/", "refused: 2001:10::1 is an ORCHID address"),
    ],
)
async def test_fetch_refuses_the_blocks_python_calls_public(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=f"^{message}$"):
        await fetch(url, GUARDED)


# -- hosts made only of digits and dots ---------------------------------------------------

NUMERIC_HOSTS = ["1.2.3.4.5", "127.1", "2130706433", "017700000001", "127.0.0.1.1", "10.1"]


@pytest.mark.parametrize("host", NUMERIC_HOSTS)
async def test_fetch_never_connects_to_a_non_canonical_numeric_host(host: str) -> None:
    """Refused by our guard (as an address it maps to) or as a host that does not exist."""
    with pytest.raises(FetchError, match=rf"^(refused: {host} resolves to a (loopback|private) address|could not find the host {host})"):
        await fetch(f"http://{host}/", GUARDED)


class Recording(AbstractResolver):
    """A resolver that answers nothing and remembers who asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int = 0, family: int = 0) -> list[ResolveResult]:
        self.asked.append(host)
        raise OSError(f"{host} is not resolved in this test")

    async def close(self) -> None:
        return None


@pytest.mark.parametrize("host", NUMERIC_HOSTS)
async def test_aiohttp_itself_refuses_or_resolves_non_canonical_numeric_hosts(host: str) -> None:
    """The pinned resolver only guards what aiohttp asks it: aiohttp >= 3.14.1 (the floor in
    pyproject.toml) no longer treats `127.1`-style hosts as addresses to connect to directly;
    it refuses them, or asks the resolver. Either way no connection bypasses the pin."""
    resolver = Recording()
    connector = aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        with pytest.raises((aiohttp.InvalidUrlClientError, aiohttp.ClientConnectorError)) as caught:
            await session.get(f"http://{host}:9/")
    assert isinstance(caught.value, aiohttp.InvalidUrlClientError) or resolver.asked == [host]
