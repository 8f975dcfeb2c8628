#!/usr/bin/env python3
"""Writes the trafgen(8) packet configuration for the live capture benchmark (scripts/bench-live-capture).

  trafgen_mix.py SIZES FILE     SIZES: frame sizes on the wire with the FCS, e.g. 64 or 64,128 (each >= 64)

trafgen sends the packet definitions round robin. There are 100: 97 of benign unit traffic and one each of
three attacks, so 3 % of the frames are attacks and the detectors have real work:

- 97 established-looking TCP segments (ACK|PSH, no first contacts) between the 50 units of the benchmark's
  watch file (10.77.0.0/24 ... 10.77.49.0/24) and extranet servers (10.200.0.0/16), both directions, with
  the unit host, the server and the client port counting at run time (dinc) so the flows keep changing;
- a port scan: SYNs from 10.77.7.66 to every port of 10.200.1.10 (destination port counts 1..65535);
- a host sweep: ICMP echo from 10.77.12.99 to 10.200.2.1 ... 10.200.9.250, one address after another;
- a spoofed SYN flood: SYNs to 10.200.1.10:80, each from a new source address (11.0.0.1 upwards, outside
  every unit) and port.

Frame sizes go round robin over the definitions: "64,128" alternates 64 and 128 bytes (about half each). A
size is the Ethernet frame on the wire including its 4-byte FCS, which the kernel does not carry: a 64-byte
frame is handed to the veth as 60 bytes. Padding is TCP/ICMP payload (zeros), counted in the IPv4 length.
"""
import sys

DEFINITIONS = 100
UNITS = 50
MACS = "eth(da=02:00:00:00:00:fe, sa=02:00:00:00:00:01)"
MACS_IN = "eth(da=02:00:00:00:00:01, sa=02:00:00:00:00:fe)"


def address(a, b, c, d):
    return (a << 24) | (b << 16) | (c << 8) | d


# WORKAROUND: trafgen 0.6.8 corrupts its heap when it frees the configuration (it exits 1 after sending,
# "xfree: NULL pointer given as argument", without its counts) when packets with different numbers of
# dynamic fields, or random and counting ones, follow each other. So every packet here has exactly three
# whole-field counters (dinc) and nothing random; a field that must not move counts with step 0.
CLIENTS = f"dinc({address(10, 77, 0, 2)}, {address(10, 77, UNITS - 1, 249)})"  # every unit's hosts in turn


def tcp_packet(index, size):
    """A benign ACK|PSH segment; even indices client to server, odd ones server to client."""
    payload = size - 4 - 14 - 20 - 20
    server = f"dinc({address(10, 200, index % 7, 1)}, {address(10, 200, index % 7, 200)})"
    service = (443, 80, 443, 8080)[index % 4]
    if index % 2 == 0:
        ip = f"ipv4(sa={CLIENTS}, da={server}, ttl=64, df)"
        tcp = f"tcp(sp=dinc(1024, 61023), dp={service}, ack, psh, win=65535)"
        eth = MACS
    else:
        ip = f"ipv4(sa={server}, da={CLIENTS}, ttl=64, df)"
        tcp = f"tcp(sp={service}, dp=dinc(1024, 61023), ack, psh, win=65535)"
        eth = MACS_IN
    return f"{{ {eth}, {ip}, {tcp}, fill(0, {payload}) }}"


def fixed(a, b, c, d):
    """A counter that never moves (step 0; trafgen wants min < max): see WORKAROUND."""
    return f"dinc({address(a, b, c, d)}, {address(a, b, c, d) + 1}, 0)"


def attacks(sizes):
    def pad(size, headers):
        return size - 4 - headers

    scan, sweep, flood = (sizes[(DEFINITIONS - 3 + k) % len(sizes)] for k in range(3))
    victim = fixed(10, 200, 1, 10)
    return [
        "{ " + MACS + f", ipv4(sa={fixed(10, 77, 7, 66)}, da={victim}, ttl=64, df), "
        f"tcp(sp=41000, dp=dinc(1, 65535), syn, win=65535), fill(0, {pad(scan, 54)}) }}",
        "{ " + MACS + f", ipv4(sa={fixed(10, 77, 12, 99)}, "
        f"da=dinc({address(10, 200, 2, 1)}, {address(10, 200, 9, 250)}), ttl=64), "
        f"icmp4(echorequest, id=1, seq=dinc(0, 65535)), fill(0, {pad(sweep, 42)}) }}",
        "{ " + MACS + f", ipv4(sa=dinc({address(11, 0, 0, 1)}, {address(223, 255, 255, 254)}), da={victim}, ttl=64), "
        f"tcp(sp=dinc(1024, 65535), dp=80, syn, win=65535), fill(0, {pad(flood, 54)}) }}",
    ]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sizes = [int(s) for s in sys.argv[1].split(",")]
    if not sizes or any(s < 64 or s > 1518 for s in sizes):
        sys.exit("trafgen_mix: sizes must be 64 ... 1518 (Ethernet frames with FCS)")
    lines = [f"# {DEFINITIONS} packets round robin: 97 benign, then a port scan, a host sweep, a spoofed SYN flood"]
    lines += [tcp_packet(i, sizes[i % len(sizes)]) for i in range(DEFINITIONS - 3)]
    lines += attacks(sizes)
    with open(sys.argv[2], "w") as out:
        out.write("\n".join(lines) + "\n")
    # The mean wire size of one round, preamble and inter-frame gap (20 bytes) included: for rates in bit/s.
    wire = [sizes[i % len(sizes)] + 20 for i in range(DEFINITIONS)]
    print(f"{sum(wire) / len(wire):.2f}")


if __name__ == "__main__":
    main()
