#!/usr/bin/env python3
"""Writes synthetic captures for the capture benchmark (scripts/bench-capture).

  capture_gen.py mixed N FILE|-   N packets of mixed unit traffic with a few attacks inside
  capture_gen.py flood N FILE|-   N TCP SYNs toward one target, every one from a new spoofed source
  capture_gen.py watch FILE       the watch file that matches the generated traffic

Traffic is Ethernet/IPv4 in classic pcap (microsecond timestamps, snaplen 128: frames keep their
wire length but only their first 128 bytes are stored, as a capture with -s 128 would). Checksums
are zero: the analyser does not verify them. Deterministic for a given N (fixed seed).

The mixed capture models one hub link (L1) carrying 50 units (10.77.0.0/24 … 10.77.49.0/24): TCP
sessions to extranet servers (10.200.0.0/16) with data both ways, DNS over UDP, ICMP echo, ARP,
and, inside the stream, one port scan, one host sweep and one spoofed SYN flood — about 1 % of the
packets — so that the detectors do real work while most packets are the benign bulk.
"""
import random
import struct
import sys

SNAPLEN = 128
UNITS = 50
LINK_ID = "L1"


def ip(a, b, c, d):
    return (a << 24) | (b << 16) | (c << 8) | d


class Writer:
    def __init__(self, out):
        self.out = out
        self.buffer = bytearray()
        self.out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, SNAPLEN, 1))

    def frame(self, seconds, micros, frame, wire_length):
        caplen = min(len(frame), SNAPLEN)
        self.buffer += struct.pack("<IIII", seconds, micros, caplen, wire_length)
        self.buffer += frame[:caplen]
        if len(self.buffer) > 1 << 20:
            self.flush()

    def flush(self):
        self.out.write(self.buffer)
        self.buffer = bytearray()


UNIT_MAC = b"\x02\x00\x00\x00\x00\x01"
HUB_MAC = b"\x02\x00\x00\x00\x00\xfe"


def ethernet(src_mac, dst_mac, ethertype):
    return dst_mac + src_mac + struct.pack("!H", ethertype)


def ipv4(src, dst, proto, payload_len):
    return struct.pack("!BBHHHBBHII", 0x45, 0, 20 + payload_len, 0, 0x4000, 64, proto, 0, src, dst)


def tcp(sport, dport, flags, seq=0, ack=0):
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)


def udp(sport, dport, payload_len):
    return struct.pack("!HHHH", sport, dport, 8 + payload_len, 0)


SYN, ACK, PSH, SYNACK, RST, FIN = 0x02, 0x10, 0x08, 0x12, 0x04, 0x01


def tcp_frame(src, dst, sport, dport, flags, data_len, outbound):
    mac_src, mac_dst = (UNIT_MAC, HUB_MAC) if outbound else (HUB_MAC, UNIT_MAC)
    header = ethernet(mac_src, mac_dst, 0x0800) + ipv4(src, dst, 6, 20 + data_len) + tcp(sport, dport, flags)
    return header + bytes(min(data_len, SNAPLEN)), 14 + 40 + data_len


def udp_frame(src, dst, sport, dport, data_len, outbound):
    mac_src, mac_dst = (UNIT_MAC, HUB_MAC) if outbound else (HUB_MAC, UNIT_MAC)
    header = ethernet(mac_src, mac_dst, 0x0800) + ipv4(src, dst, 17, 8 + data_len) + udp(sport, dport, data_len)
    return header + bytes(min(data_len, SNAPLEN)), 14 + 28 + data_len


def icmp_frame(src, dst, icmp_type, outbound):
    mac_src, mac_dst = (UNIT_MAC, HUB_MAC) if outbound else (HUB_MAC, UNIT_MAC)
    payload = struct.pack("!BBHHH", icmp_type, 0, 0, 1, 1) + bytes(56)
    return ethernet(mac_src, mac_dst, 0x0800) + ipv4(src, dst, 1, len(payload)) + payload, 14 + 20 + len(payload)


def arp_frame(sender_ip, target_ip):
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + UNIT_MAC + struct.pack("!I", sender_ip)
    body += bytes(6) + struct.pack("!I", target_ip)
    return ethernet(UNIT_MAC, b"\xff" * 6, 0x0806) + body, 60


def mixed(count, out):
    rng = random.Random(20261127)
    writer = Writer(out)
    start = 1_795_000_000
    step_us = 2  # 500,000 packets per second of capture time
    t = 0
    attacks = attack_stream(rng)
    pending = []  # the answer to the last request, sent next: handshakes, echoes and lookups are answered
    written = 0
    while written < count:
        t += step_us
        seconds, micros = start + t // 1_000_000, t % 1_000_000
        if pending:
            writer.frame(seconds, micros, *pending.pop())
            written += 1
            continue
        roll = rng.random()
        unit, host = rng.randrange(UNITS), rng.randrange(2, 250)
        client = ip(10, 77, unit, host)
        server = ip(10, 200, rng.randrange(4), rng.randrange(1, 20))
        sport = 30000 + (host * 97 + unit) % 30000
        if roll < 0.01:
            frame = next(attacks)
        elif roll < 0.80:  # established sessions: data and acks both ways
            dport = (80, 443, 443, 8080)[host % 4]
            if rng.random() < 0.5:
                frame = tcp_frame(client, server, sport, dport, ACK | PSH, rng.choice((0, 200, 1460)), True)
            else:
                frame = tcp_frame(server, client, dport, sport, ACK | PSH, rng.choice((0, 1460, 1460)), False)
        elif roll < 0.90:  # DNS lookups and their answers
            resolver = ip(10, 200, 0, 53)
            frame = udp_frame(client, resolver, 40000 + host, 53, 40, True)
            pending.append(udp_frame(resolver, client, 53, 40000 + host, 120, False))
        elif roll < 0.97:  # new connections, answered
            frame = tcp_frame(client, server, 50000 + host, 443, SYN, 0, True)
            pending.append(tcp_frame(server, client, 443, 50000 + host, SYNACK, 0, False))
        elif roll < 0.995:  # pings, answered
            frame = icmp_frame(client, server, 8, True)
            pending.append(icmp_frame(server, client, 0, False))
        else:
            frame = arp_frame(ip(10, 77, unit, host), ip(10, 77, unit, 1))
        writer.frame(seconds, micros, *frame)
        written += 1
    writer.flush()


def attack_stream(rng):
    """Round-robins a port scan, a host sweep and a spoofed SYN flood, forever."""
    scanner, sweeper = ip(10, 77, 7, 66), ip(10, 77, 12, 99)
    victim = ip(10, 200, 1, 10)
    port, host = 1, 1
    while True:
        yield tcp_frame(scanner, victim, 41000, port, SYN, 0, True)
        port = port % 65535 + 1
        yield icmp_frame(sweeper, ip(10, 200, 2 + host // 250, host % 250 + 1), 8, True)
        host = (host + 1) % 2000
        spoofed = rng.getrandbits(32) | 0x01000000
        yield tcp_frame(spoofed, victim, rng.randrange(1024, 65535), 80, SYN, 0, True)


def flood(count, out):
    """count SYNs to one target, each from a distinct source address (a bijective scramble)."""
    writer = Writer(out)
    start = 1_795_000_000
    victim = ip(10, 200, 1, 10)
    template, wire = tcp_frame(0, victim, 1234, 80, SYN, 0, True)
    template = bytearray(template)
    for index in range(count):
        source = (index * 2654435761 + 0x0B000000) & 0xFFFFFFFF
        struct.pack_into("!I", template, 14 + 12, source)
        struct.pack_into("!H", template, 14 + 20, 1024 + index % 60000)
        t = index  # one million packets per second of capture time
        writer.frame(start + t // 1_000_000, t % 1_000_000, bytes(template), wire)
    writer.flush()


def watch(out):
    import json
    units = [
        {"id": f"U{n}", "name": f"玉溪市红塔区测试单位{n}", "prefixes": [f"10.77.{n}.0/24"], "link": LINK_ID}
        for n in range(UNITS)
    ]
    document = {"units": units, "links": [{"id": LINK_ID, "units": [u["id"] for u in units]}], "allow": ["10.99.0.0/24"]}
    out.write(json.dumps(document, ensure_ascii=False, indent=1).encode())


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mode = sys.argv[1]
    target = sys.argv[-1]
    out = sys.stdout.buffer if target == "-" else open(target, "wb")
    try:
        if mode == "mixed":
            mixed(int(sys.argv[2]), out)
        elif mode == "flood":
            flood(int(sys.argv[2]), out)
        elif mode == "watch":
            watch(out)
        else:
            sys.exit(f"capture_gen: unknown mode {mode!r}; use mixed, flood or watch")
    except BrokenPipeError:
        pass
    finally:
        if out is not sys.stdout.buffer:
            out.close()


if __name__ == "__main__":
    main()
