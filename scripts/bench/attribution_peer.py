#!/usr/bin/env python3
"""The peer of `waiwang-bench attribution`: the same prefixes and addresses through pytricia.

pytricia is a C patricia trie for Python, written for exactly this job (longest-prefix match of
addresses to registered prefixes); py-radix is the fallback if pytricia is not installed.
Reads the files that `waiwang-bench attribution --dump DIR` writes:

  DIR/prefixes.txt   one prefix a line; its line number (from 0) is its value
  DIR/lookups.tsv    address <TAB> expected most specific prefix, or "-"

Builds one trie per family, checks every answer against the expected one, then times look-ups
on one thread. The keys are handed over pre-parsed (an int for IPv4, 16 packed bytes for IPv6,
the closest Python gets to the raw integers of a packet header), one family at a time through
map(), so the interpreter's share per look-up is as small as Python allows; the rate with text
keys is reported too.
"""

import argparse
import collections
import ipaddress
import json
import socket
import sys
import time


def load(folder):
    with open(f"{folder}/prefixes.txt") as f:
        prefixes = [line.strip() for line in f if line.strip()]
    addresses, expected = [], []
    with open(f"{folder}/lookups.tsv") as f:
        for line in f:
            address, answer = line.rstrip("\n").split("\t")
            addresses.append(address)
            expected.append(answer)
    return prefixes, addresses, expected


class Pytricia:
    def __init__(self):
        import pytricia
        from importlib.metadata import version

        self.name = f"pytricia {version('pytricia')}"
        self.v4 = pytricia.PyTricia(32, socket.AF_INET)
        self.v6 = pytricia.PyTricia(128, socket.AF_INET6)

    def add(self, prefix, value):
        (self.v6 if ":" in prefix else self.v4)[prefix] = value

    def key(self, address):
        return (self.v6 if ":" in address else self.v4).get_key(address)

    def getters(self):
        return self.v4.get, self.v6.get


class PyRadix:
    def __init__(self):
        import radix
        from importlib.metadata import version

        self.name = f"py-radix {version('py-radix')}"
        self.tree = radix.Radix()

    def add(self, prefix, value):
        self.tree.add(prefix).data["v"] = value

    def key(self, address):
        node = self.tree.search_best(address)
        return node.prefix if node else None

    def getters(self):
        best = self.tree.search_best
        return best, best


def same_prefix(found, expected):
    if found is None:
        return expected == "-"
    if expected == "-":
        return False
    return found == expected or ipaddress.ip_network(found) == ipaddress.ip_network(expected)


def timed_passes(function, keys, lookups):
    """Seconds to look up `lookups` keys, cycling through `keys`, and the count done."""
    if not keys:
        return 0.0, 0
    passes, rest = divmod(lookups, len(keys))
    drain = collections.deque(maxlen=0).extend
    start = time.perf_counter()
    for _ in range(passes):
        drain(map(function, keys))
    drain(map(function, keys[:rest]))
    return time.perf_counter() - start, lookups


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="the folder written by waiwang-bench attribution --dump")
    parser.add_argument("--lookups", type=int, default=3_000_000, help="look-ups to time per key form")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    prefixes, addresses, expected = load(args.folder)
    try:
        trie = Pytricia()
    except ImportError:
        trie = PyRadix()

    start = time.perf_counter()
    for value, prefix in enumerate(prefixes):
        trie.add(prefix, value)
    build_seconds = time.perf_counter() - start

    mismatches = sum(1 for a, e in zip(addresses, expected) if not same_prefix(trie.key(a), e))

    v4_text = [a for a in addresses if ":" not in a]
    v6_text = [a for a in addresses if ":" in a]
    packed = isinstance(trie, Pytricia)
    v4_keys = [int(ipaddress.IPv4Address(a)) for a in v4_text] if packed else v4_text
    v6_keys = [socket.inet_pton(socket.AF_INET6, a) for a in v6_text] if packed else v6_text
    get4, get6 = trie.getters()

    # The families in the proportion of the sample, as the mixed path of waiwang-bench sees them.
    share = len(v4_text) / len(addresses)
    n4 = round(args.lookups * share)
    n6 = args.lookups - n4
    time4, done4 = timed_passes(get4, v4_keys, n4)
    time6, done6 = timed_passes(get6, v6_keys, n6)
    text4, _ = timed_passes(get4, v4_text, n4)
    text6, _ = timed_passes(get6, v6_text, n6)

    report = {
        "library": trie.name,
        "python": sys.version.split()[0],
        "prefixes": len(prefixes),
        "buildSeconds": build_seconds,
        "checkedAddresses": len(addresses),
        "mismatches": mismatches,
        "lookups": done4 + done6,
        "mixedPerSecond": (done4 + done6) / (time4 + time6),
        "v4PerSecond": done4 / time4 if time4 else None,
        "v6PerSecond": done6 / time6 if time6 else None,
        "textKeysPerSecond": (done4 + done6) / (text4 + text6),
    }
    if args.json:
        print(json.dumps(report, sort_keys=True))
    else:
        for key, value in report.items():
            if isinstance(value, float):
                value = f"{value:,.0f}" if value > 100 else f"{value:.4f}"
            print(f"{key:18} {value}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
