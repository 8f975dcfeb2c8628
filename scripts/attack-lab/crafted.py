"""crafted.py OUT_DIR: writes crafted_malformed.pcap and crafted_malformed.json (what each packet is).

Hostile and unusual frames for the decoders, built with scapy (Debian python3-scapy; run it with
/usr/bin/python3, the Python that package installs into): VLAN and QinQ, IPv4 options and fragments
(proper, overlapping, tiny, past 64 KB), IPv6 extension-header chains, ICMPv6, and every kind of lie a
header can tell (lengths, offsets, versions), snap-truncated frames, a 0-byte record and a timestamp
that goes backwards. All from U1's PC (10.77.1.10, 02:77:01:00:00:10) or to it, as seen on link L1:
few packets per flow, so no detector has anything to alert on; the analyser must read every record,
count the bad ones and carry on. The pcap is written by hand (not scapy's writer) so that caplen and
wirelen are exactly what each record says.
"""
import json
import os
import struct
import sys

from scapy.all import (ARP, ICMP, IP, TCP, UDP, Dot1AD, Dot1Q, DNS, DNSQR, Ether, ICMPv6EchoRequest,
                       ICMPv6ND_NS, IPOption_RR, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, Raw, fragment)

ATTACKER_MAC, HUB_MAC = "02:77:01:00:00:10", "02:77:01:00:00:01"
SRC, DST, SRC6, DST6 = "10.77.1.10", "10.200.1.10", "fd77:1::10", "fd00:200:1::10"
START = 1795748400  # 2026-11-27T03:00:00Z

records = []  # (bytes, wirelen or None, description, valid)


def add(frame, what, valid=True, wirelen=None):
    data = frame if isinstance(frame, bytes) else bytes(frame)
    records.append((data, wirelen, what, valid))


def eth(payload_type=None):
    return Ether(src=ATTACKER_MAC, dst=HUB_MAC) if payload_type is None else Ether(src=ATTACKER_MAC, dst=HUB_MAC, type=payload_type)


def patched(frame, offset, new):
    data = bytearray(bytes(frame))
    data[offset:offset + len(new)] = new
    return bytes(data)


# --- Sane baselines --------------------------------------------------------------------------------------
add(eth() / ARP(op=1, hwsrc=ATTACKER_MAC, psrc=SRC, pdst="10.77.1.1"), "ARP request who-has 10.77.1.1")
add(eth() / IP(src=SRC, dst=DST) / TCP(sport=40000, dport=80, flags="S", seq=1000), "TCP SYN")
add(eth() / IP(src=SRC, dst="10.99.0.53") / UDP(sport=40001, dport=53) / DNS(rd=1, qd=DNSQR(qname="portal.zwww.test")), "DNS query")
add(eth() / IP(src=SRC, dst=DST) / ICMP(type=8, id=7, seq=1) / Raw(b"x" * 32), "ICMP echo request")

# --- Link layer --------------------------------------------------------------------------------------------
add(eth() / Dot1Q(vlan=100) / IP(src=SRC, dst=DST) / TCP(sport=40002, dport=443, flags="S"), "802.1Q vlan 100, TCP SYN")
add(Ether(src=ATTACKER_MAC, dst=HUB_MAC, type=0x88A8) / Dot1AD(vlan=200, type=0x8100) / Dot1Q(vlan=100) / IP(src=SRC, dst=DST) / UDP(sport=40003, dport=123) / Raw(b"\x1b" + b"\0" * 47),
    "QinQ (802.1ad 200 over 802.1Q 100), UDP NTP")
add(eth() / Dot1Q(vlan=100) / Dot1Q(vlan=101) / Dot1Q(vlan=102) / IP(src=SRC, dst=DST) / TCP(sport=40004, dport=80, flags="S"), "three stacked 802.1Q tags")
add(bytes(eth() / Dot1Q(vlan=100))[:16], "802.1Q tag cut off mid-tag (16 bytes)", valid=False)
add(bytes(eth())[:10], "Ethernet header cut at 10 bytes", valid=False)
add(eth(0x88B5) / Raw(b"local experimental ethertype"), "unknown ethertype 0x88b5")
add(Ether(src=ATTACKER_MAC, dst="01:80:c2:00:00:00", type=0x0026) / Raw(b"\x42\x42\x03" + b"\0" * 35), "802.3 length field + LLC (STP-like)")
add(b"", "zero-byte record (caplen 0, wirelen 60)", valid=False, wirelen=60)

# --- IPv4 --------------------------------------------------------------------------------------------------
add(eth() / IP(src=SRC, dst=DST, options=[IPOption_RR(routers=["0.0.0.0"] * 9)]) / TCP(sport=40005, dport=80, flags="S"), "IPv4 with 40 bytes of options (IHL 15), TCP SYN")
add(patched(eth() / IP(src=SRC, dst=DST) / TCP(sport=40006, dport=80, flags="S"), 14, b"\x43"), "IPv4 IHL 3 (< 5)", valid=False)
add(patched(eth() / IP(src=SRC, dst=DST) / TCP(sport=40007, dport=80, flags="S"), 14, b"\x4f"), "IPv4 IHL 15 but no options present", valid=False)
add(patched(eth() / IP(src=SRC, dst=DST) / TCP(sport=40008, dport=80, flags="S"), 14, b"\x65"), "version 6 nibble in an IPv4 ethertype frame", valid=False)
add(patched(eth() / IP(src=SRC, dst=DST) / TCP(sport=40009, dport=80, flags="S"), 16, struct.pack("!H", 10)), "IPv4 total length 10 (< header)", valid=False)
add(patched(eth() / IP(src=SRC, dst=DST) / TCP(sport=40010, dport=80, flags="S"), 16, struct.pack("!H", 4000)), "IPv4 total length 4000, 40 bytes present", valid=False)
add(bytes(eth() / IP(src=SRC, dst=DST) / TCP(sport=40011, dport=80, flags="S"))[:14 + 12], "IPv4 header cut at 12 bytes", valid=False)
add(bytes(eth() / IP(src=SRC, dst=DST) / TCP(sport=40012, dport=80, flags="PA") / Raw(b"A" * 1400))[:96], "TCP segment snap-truncated to 96 of 1454 bytes", wirelen=1454)
add(bytes(eth() / IP(src=SRC, dst=DST) / UDP(sport=40013, dport=9) / Raw(b"J" * 8972))[:256], "jumbo UDP (wire 9014) snap-truncated to 256", wirelen=9014)
big = IP(src=SRC, dst=DST, id=4242) / UDP(sport=40014, dport=514) / Raw(b"F" * 3000)
for i, frag in enumerate(fragment(big, fragsize=1400)):
    add(eth() / frag, f"IPv4 fragment {i + 1} of a 3008-byte UDP datagram")
add(eth() / IP(src=SRC, dst=DST, id=4242, flags="MF", frag=100, proto=17) / Raw(b"O" * 200), "overlapping fragment (offset 800, inside fragment 1)", valid=False)
add(eth() / IP(src=SRC, dst=DST, id=4343, flags="MF", frag=0, proto=6) / Raw(bytes(TCP(sport=40015, dport=22, flags="S"))[:8]), "tiny first fragment: 8 bytes of TCP (ports only, no flags)")
add(eth() / IP(src=SRC, dst=DST, id=4343, frag=1, proto=6) / Raw(bytes(TCP(sport=40015, dport=22, flags="S"))[8:]), "second fragment of the tiny-fragment TCP SYN")
add(eth() / IP(src=SRC, dst=DST, id=4444, frag=8191, proto=17) / Raw(b"Z" * 100), "fragment at offset 65528 + 100 bytes (past 64 KB)", valid=False)

# --- TCP / UDP / ICMP --------------------------------------------------------------------------------------
add(patched(eth() / IP(src=SRC, dst=DST) / TCP(sport=40016, dport=80, flags="S"), 14 + 20 + 12, b"\x20"), "TCP data offset 2 (< 5)", valid=False)
add(patched(eth() / IP(src=SRC, dst=DST) / TCP(sport=40017, dport=80, flags="S"), 14 + 20 + 12, b"\xf0"), "TCP data offset 15, 20 bytes present", valid=False)
add(bytes(eth() / IP(src=SRC, dst=DST) / TCP(sport=40018, dport=80, flags="S"))[:14 + 20 + 10], "TCP header cut at 10 bytes", valid=False)
add(eth() / IP(src=SRC, dst=DST) / TCP(sport=40019, dport=80, flags="FSRPAUEC"), "TCP with every flag set")
add(eth() / IP(src=SRC, dst=DST) / TCP(sport=40020, dport=80, flags=0), "TCP with no flag set")
add(eth() / IP(src=SRC, dst=DST) / TCP(sport=40021, dport=80, flags="S", options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)), ("NOP", None), ("WScale", 14)]), "TCP SYN with full options")
add(patched(eth() / IP(src=SRC, dst=DST) / UDP(sport=40022, dport=53) / Raw(b"q" * 20), 14 + 20 + 4, struct.pack("!H", 4)), "UDP length 4 (< 8)", valid=False)
add(patched(eth() / IP(src=SRC, dst=DST) / UDP(sport=40023, dport=53) / Raw(b"q" * 20), 14 + 20 + 4, struct.pack("!H", 2000)), "UDP length 2000, 28 present", valid=False)
add(bytes(eth() / IP(src=SRC, dst=DST) / ICMP(type=8))[:14 + 20 + 2], "ICMP cut at 2 bytes", valid=False)
add(Ether(src=HUB_MAC, dst=ATTACKER_MAC) / IP(src=DST, dst=SRC) / ICMP(type=3, code=3) / IP(src=SRC, dst=DST) / UDP(sport=40024, dport=9999), "ICMP port unreachable quoting a UDP datagram")
add(eth() / IP(src=SRC, dst=DST, proto=132) / Raw(b"\0" * 28), "IPv4 protocol 132 (SCTP), not decoded further")

# --- IPv6 --------------------------------------------------------------------------------------------------
add(eth() / IPv6(src=SRC6, dst=DST6) / TCP(sport=40025, dport=80, flags="S"), "IPv6 TCP SYN")
add(eth() / IPv6(src=SRC6, dst=DST6) / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() / IPv6ExtHdrRouting(addresses=[]) / UDP(sport=40026, dport=53) / Raw(b"v6"),
    "IPv6 hop-by-hop + destination options + routing headers, UDP")
add(eth() / IPv6(src=SRC6, dst=DST6) / IPv6ExtHdrFragment(id=7, m=1, offset=0) / UDP(sport=40027, dport=514) / Raw(b"f" * 64), "IPv6 fragment header, first fragment of UDP")
add(eth() / IPv6(src=SRC6, dst=DST6) / IPv6ExtHdrFragment(id=7, m=0, offset=9, nh=17) / Raw(b"g" * 64), "IPv6 fragment header, last fragment")
chain = IPv6(src=SRC6, dst=DST6)
for _ in range(20):
    chain = chain / IPv6ExtHdrDestOpt()
add(eth() / chain / TCP(sport=40028, dport=80, flags="S"), "IPv6 with 20 chained destination-options headers")
add(bytes(eth() / IPv6(src=SRC6, dst=DST6) / IPv6ExtHdrHopByHop() / UDP(sport=40029, dport=53))[:14 + 40 + 4], "IPv6 hop-by-hop header cut at 4 bytes", valid=False)
add(patched(eth() / IPv6(src=SRC6, dst=DST6) / UDP(sport=40030, dport=53) / Raw(b"x" * 8), 14 + 4, struct.pack("!H", 3000)), "IPv6 payload length 3000, 16 present", valid=False)
add(bytes(eth() / IPv6(src=SRC6, dst=DST6) / TCP(sport=40031, dport=80))[:14 + 30], "IPv6 header cut at 30 bytes", valid=False)
add(eth() / IPv6(src=SRC6, dst=DST6) / ICMPv6EchoRequest(id=9, seq=1, data=b"ping6"), "ICMPv6 echo request")
add(Ether(src=ATTACKER_MAC, dst="33:33:ff:00:00:01") / IPv6(src=SRC6, dst="ff02::1:ff00:1", hlim=255) / ICMPv6ND_NS(tgt="fd77:1::1"), "ICMPv6 neighbour solicitation")

# --- ARP oddities (the same IP-to-MAC binding throughout, so nothing looks spoofed) ---------------------------
add(patched(eth() / ARP(op=1, hwsrc=ATTACKER_MAC, psrc=SRC, pdst="10.77.1.1"), 14 + 4, b"\x08"), "ARP hardware length 8", valid=False)
add(bytes(eth() / ARP(op=1, hwsrc=ATTACKER_MAC, psrc=SRC, pdst="10.77.1.1"))[:14 + 10], "ARP cut at 10 bytes", valid=False)
add(eth() / ARP(op=2, hwsrc=ATTACKER_MAC, psrc=SRC, hwdst=HUB_MAC, pdst="10.77.1.1"), "ARP reply 10.77.1.10 is-at its own MAC (gratuitous-style, consistent)")

# --- Time going backwards ----------------------------------------------------------------------------------
add(eth() / IP(src=SRC, dst=DST) / TCP(sport=40032, dport=80, flags="S"), "TCP SYN with a timestamp 5 s before the previous record")

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "crafted_malformed.pcap"), "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for index, (data, wirelen, _, _) in enumerate(records):
        t = START + index * 0.001 - (5 if index == len(records) - 1 else 0)
        sec, usec = int(t), int(round((t - int(t)) * 1e6))
        f.write(struct.pack("<IIII", sec, usec, len(data), wirelen or len(data)) + data)
with open(os.path.join(out, "crafted_malformed.json"), "w", encoding="utf-8") as f:
    json.dump({"about": __doc__.split("\n\n")[1].replace("\n", " "),
               "packets": [{"index": i + 1, "caplen": len(d), "wirelen": w or len(d), "what": what, "well_formed": ok}
                           for i, (d, w, what, ok) in enumerate(records)]}, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"crafted_malformed.pcap: {len(records)} records")
