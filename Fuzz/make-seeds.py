#!/usr/bin/env python3
"""Writes the decoder fuzzer's seed corpus (Fuzz/corpus/decoders): one valid frame per header kind.

Each seed is one selector byte (link type in the low 3 bits, see DecoderFuzzer.swift) + a frame.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(__file__), "corpus", "decoders")
ETH, SLL, SLL2, RAW = 0, 1, 2, 3


def eth(ethertype, payload, tags=()):
    head = bytes.fromhex("020000000002020000000001")
    for tpid, vid in tags:
        head += struct.pack("!HH", tpid, vid)
    return head + struct.pack("!H", ethertype) + payload


def ipv4(proto, payload, frag=0):
    total = 20 + len(payload)
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 1, frag, 64, proto, 0,
                       bytes([10, 77, 1, 5]), bytes([10, 0, 0, 1])) + payload


def ipv6(next_header, payload):
    return struct.pack("!IHBB", 0x60000000, len(payload), next_header, 64) + \
        bytes.fromhex("20010db8000000000000000000000001") + bytes.fromhex("20010db8000000000000000000000002") + payload


tcp = struct.pack("!HHIIBBHHH", 40000, 22, 1, 0, 0x50, 0x02, 1024, 0, 0)
udp = struct.pack("!HHHH", 5353, 53, 12, 0) + b"abcd"
icmp = struct.pack("!BBHHH", 8, 0, 0, 1, 1)
icmp6 = struct.pack("!BBHHH", 128, 0, 0, 1, 1)
arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, bytes.fromhex("020000000001"), bytes([10, 77, 1, 5]),
                  bytes(6), bytes([10, 77, 1, 1]))
hop = bytes([60, 0, 1, 4, 0, 0, 0, 0])          # hop-by-hop → destination options, PadN
dst = bytes([44, 0, 1, 4, 0, 0, 0, 0])          # destination options → fragment
frag = bytes([6, 0, 0, 1, 0, 0, 0, 7])          # fragment offset 0, M set → TCP
sll = struct.pack("!HHH8sH", 0, 1, 6, bytes.fromhex("0200000000010000"), 0x0800)
sll2 = struct.pack("!HHIHBB8s", 0x86DD, 0, 2, 1, 0, 6, bytes.fromhex("0200000000010000"))

seeds = {
    "eth-ipv4-tcp-syn": (ETH, eth(0x0800, ipv4(6, tcp))),
    "eth-ipv4-udp": (ETH, eth(0x0800, ipv4(17, udp))),
    "eth-ipv4-icmp": (ETH, eth(0x0800, ipv4(1, icmp))),
    "eth-ipv4-fragment": (ETH, eth(0x0800, ipv4(17, udp, frag=0x0003))),
    "eth-arp": (ETH, eth(0x0806, arp)),
    "eth-dot1q-ipv4-tcp": (ETH, eth(0x0800, ipv4(6, tcp), tags=[(0x8100, 100)])),
    "eth-qinq-ipv4-udp": (ETH, eth(0x0800, ipv4(17, udp), tags=[(0x88A8, 10), (0x8100, 20)])),
    "eth-ipv6-icmpv6": (ETH, eth(0x86DD, ipv6(58, icmp6))),
    "eth-ipv6-ext-tcp": (ETH, eth(0x86DD, ipv6(0, hop + dst + frag + tcp))),
    "sll-ipv4-udp": (SLL, sll + ipv4(17, udp)),
    "sll2-ipv6-udp": (SLL2, sll2 + ipv6(17, udp)),
    "raw-ipv4-tcp": (RAW, ipv4(6, tcp)),
}

os.makedirs(OUT, exist_ok=True)
for name, (selector, frame) in seeds.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([selector]) + frame)
