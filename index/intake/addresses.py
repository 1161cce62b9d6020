"""Which addresses a fetch may connect to: public unicast only, by IANA's own tables.

Python's `is_private`/`is_global` follow an older reading of the registries (fec0::/10,
192.0.0.0/24 and 192.88.99.0/24 count as public there), so the blocks are listed here, each
with the registry entry it comes from:
- IPv4: https://www.iana.org/assignments/iana-ipv4-special-registry (RFC 6890, RFC 8190)
- IPv6: https://www.iana.org/assignments/iana-ipv6-special-registry (RFC 6890, RFC 8190)
- multicast, which the special-purpose registries leave to their own registries:
  https://www.iana.org/assignments/multicast-addresses (224.0.0.0/4),
  https://www.iana.org/assignments/ipv6-multicast-addresses (ff00::/8)
- IPv6 outside 2000::/3, the only block IANA allocates as global unicast:
  https://www.iana.org/assignments/ipv6-address-space (the rest is "Reserved by IETF",
  fec0::/10 among it, the site-local prefix RFC 3879 deprecated)

Every special-purpose block is refused, even the few the registry marks globally reachable
(anycast for PCP, TURN and AS112, AMT relays): none of them serves an article. The more
specific entry comes first so that the refusal names it.
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Block = tuple[str, str]  # (network, the kind of address named in a refusal)

IPV4_SPECIAL: tuple[Block, ...] = (
    ("0.0.0.0/32", "unspecified"),  # "This host on this network", RFC 1122 §3.2.1.3
    ("0.0.0.0/8", "this-network"),  # "This network", RFC 791 §3.2
    ("10.0.0.0/8", "private"),  # Private-Use, RFC 1918
    ("100.64.0.0/10", "shared (carrier-grade NAT)"),  # Shared Address Space, RFC 6598
    ("127.0.0.0/8", "loopback"),  # Loopback, RFC 1122 §3.2.1.3
    ("169.254.0.0/16", "link-local"),  # Link Local, RFC 3927
    ("172.16.0.0/12", "private"),  # Private-Use, RFC 1918
    ("192.0.0.0/29", "IETF protocol"),  # IPv4 Service Continuity Prefix, RFC 7335
    ("192.0.0.8/32", "IETF protocol"),  # IPv4 dummy address, RFC 7600
    ("192.0.0.9/32", "anycast"),  # Port Control Protocol Anycast, RFC 7723
    ("192.0.0.10/32", "anycast"),  # Traversal Using Relays around NAT Anycast, RFC 8155
    ("192.0.0.170/31", "IETF protocol"),  # NAT64/DNS64 Discovery, RFC 8880, RFC 7050 §2.2
    ("192.0.0.0/24", "IETF protocol"),  # IETF Protocol Assignments, RFC 6890 §2.1
    ("192.0.2.0/24", "documentation"),  # Documentation (TEST-NET-1), RFC 5737
    ("192.31.196.0/24", "anycast"),  # AS112-v4, RFC 7535
    ("192.52.193.0/24", "anycast"),  # AMT, RFC 7450
    ("192.88.99.0/24", "6to4 relay"),  # Deprecated (6to4 Relay Anycast), RFC 7526
    ("192.168.0.0/16", "private"),  # Private-Use, RFC 1918
    ("192.175.48.0/24", "anycast"),  # Direct Delegation AS112 Service, RFC 7534
    ("198.18.0.0/15", "benchmarking"),  # Benchmarking, RFC 2544
    ("198.51.100.0/24", "documentation"),  # Documentation (TEST-NET-2), RFC 5737
    ("203.0.113.0/24", "documentation"),  # Documentation (TEST-NET-3), RFC 5737
    ("255.255.255.255/32", "broadcast"),  # Limited Broadcast, RFC 8190, RFC 919 §7
    ("240.0.0.0/4", "reserved"),  # Reserved, RFC 1112 §4
    ("224.0.0.0/4", "multicast"),  # IPv4 Multicast Address Space Registry
)

IPV6_SPECIAL: tuple[Block, ...] = (
    ("::1/128", "loopback"),  # Loopback Address, RFC 4291
    ("::/128", "unspecified"),  # Unspecified Address, RFC 4291
    ("::ffff:0:0/96", "IPv4-mapped"),  # IPv4-mapped Address, RFC 4291 (checked unwrapped first)
    ("64:ff9b:1::/48", "local translation"),  # IPv4-IPv6 Translat., RFC 8215
    ("100::/64", "discard-only"),  # Discard-Only Address Block, RFC 6666
    ("100:0:0:1::/64", "dummy"),  # Dummy IPv6 Prefix, RFC 9780
    ("2001:1::1/128", "anycast"),  # Port Control Protocol Anycast, RFC 7723
    ("2001:1::2/128", "anycast"),  # Traversal Using Relays around NAT Anycast, RFC 8155
    ("2001:1::3/128", "anycast"),  # DNS-SD Service Registration Protocol Anycast, RFC 9665
    ("2001:2::/48", "benchmarking"),  # Benchmarking, RFC 5180
    ("2001:3::/32", "anycast"),  # AMT, RFC 7450
    ("2001:4:112::/48", "anycast"),  # AS112-v6, RFC 7535
    ("2001:10::/28", "ORCHID"),  # Deprecated (previously ORCHID), RFC 4843
    ("2001:20::/28", "ORCHID"),  # ORCHIDv2, RFC 7343
    ("2001:30::/28", "drone ID"),  # Drone Remote ID Protocol Entity Tags (DETs), RFC 9374
    ("2001::/32", "Teredo"),  # TEREDO, RFC 4380, RFC 8190
    ("2001::/23", "IETF protocol"),  # IETF Protocol Assignments, RFC 2928
    ("2001:db8::/32", "documentation"),  # Documentation, RFC 3849
    ("2620:4f:8000::/48", "anycast"),  # Direct Delegation AS112 Service, RFC 7534
    ("3fff::/20", "documentation"),  # Documentation, RFC 9637
    ("5f00::/16", "segment routing"),  # Segment Routing (SRv6) SIDs, RFC 9602
    ("fc00::/7", "private"),  # Unique-Local, RFC 4193, RFC 8190
    ("fe80::/10", "link-local"),  # Link-Local Unicast, RFC 4291
    ("fec0::/10", "site-local"),  # IPv6 Address Space: Reserved by IETF, RFC 3879
    ("ff00::/8", "multicast"),  # IPv6 Multicast Address Space Registry, RFC 4291
)

GLOBAL_UNICAST_V6 = ipaddress.IPv6Network("2000::/3")  # IPv6 Address Space: Global Unicast

# DNS64 networks map every IPv4 address into this prefix (64:ff9b::/96, RFC 6052, globally
# reachable): the embedded IPv4 address is what the connection reaches, so it is checked.
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")
SIXTOFOUR_PREFIX = ipaddress.IPv6Network("2002::/16")  # 6to4, RFC 3056: embeds an IPv4 address

_V4 = tuple((ipaddress.IPv4Network(net), kind) for net, kind in IPV4_SPECIAL)
_V6 = tuple((ipaddress.IPv6Network(net), kind) for net, kind in IPV6_SPECIAL)


def refusal(address: IPAddress) -> str | None:
    """Name the kind of non-public address this is ("loopback", "private"…), or None if public."""
    if isinstance(address, ipaddress.IPv4Address):
        return next((kind for net, kind in _V4 if address in net), None)
    embedded = address.ipv4_mapped or address.sixtofour
    if embedded is None and address in NAT64_PREFIX:
        embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if embedded is not None:
        return refusal(embedded)
    kind = next((kind for net, kind in _V6 if address in net), None)
    if kind is None and address not in GLOBAL_UNICAST_V6:
        return "reserved"
    return kind
