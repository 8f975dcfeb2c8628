#!/usr/bin/env python3
"""Generate an snmpsim data directory of router-like agents for Waiwang's SNMP lab.

Usage: gen_data.py DIR [--devices N] [--interfaces M] [--seed S] [--recorded-dir D]

Writes DIR/<community>.snmprec, one file per simulated agent (the community is the file name):
  dev0001 ... devNNNN  routers with M interfaces, moving counters (numeric variation module)
  wrap32               32-bit octet counters that wrap a few seconds after snmpsim starts, then
                       every ~43 s (100 MB/s on each 1 Gbit/s interface)
  rebooted             sysUpTime starts at 5 s, counters near zero, ifCounterDiscontinuityTime set
  renumbered           dev0001's interfaces (same ifName/ifAlias/ifPhysAddress) under other ifIndexes
  noHC                 ifXTable without the HC (Counter64) columns, like an old agent
  linux, winxp         copies of walks of real hosts shipped with snmpsim (if --recorded-dir given)
and DIR/slow/slow.snmprec: an agent whose answers are delayed 1.5 s (delay variation module). It
lives in a subdirectory because snmpsim's delay module sleeps in its only thread: serve it with
its own snmpsim process (`snmpsim-lab start DIR/slow PORT`), or every agent of that process waits.

Only the standard library; deterministic for a given seed. Python 3.9+.
"""
import argparse
import os
import random
import shutil
import sys

SYSTEM = "1.3.6.1.2.1.1"
IF_NUMBER = "1.3.6.1.2.1.2.1.0"
IF_ENTRY = "1.3.6.1.2.1.2.2.1"
IFX_ENTRY = "1.3.6.1.2.1.31.1.1.1"

# snmprec type tags
INTEGER, OCTETS, OCTETS_HEX, OID, COUNTER32, GAUGE32, TIMETICKS, COUNTER64 = (
    "2", "4", "4x", "6", "65", "66", "67", "70")

TWO32 = 1 << 32
# numeric's wrap is "v %= max": max=2**32 gives true modulo-2**32 arithmetic, so ifInOctets stays
# equal to ifHCInOctets mod 2**32. (Its default max for Counter32, 0xFFFFFFFF, would be off by one
# per wrap.)
WRAP32 = "max=%d,wrap=1" % TWO32


def oid_key(oid):
    return tuple(int(x) for x in oid.split("."))


class Agent:
    def __init__(self):
        self.records = {}

    def add(self, oid, tag, value):
        self.records[oid] = (tag, str(value))

    def moving(self, oid, tag, initial, rate, extra=""):
        """A value that grows by `rate` per second from `initial` since snmpsim started."""
        if rate <= 0:
            self.add(oid, tag, int(initial))
            return
        opts = "initial=%d,rate=%s" % (int(initial), repr(float(rate)))
        if extra:
            opts += "," + extra
        self.records[oid] = (tag + ":numeric", opts)

    def write(self, path):
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            for oid in sorted(self.records, key=oid_key):
                tag, value = self.records[oid]
                f.write("%s|%s|%s\n" % (oid, tag, value))
        os.replace(tmp, path)


def add_system(agent, name, uptime_s, rng, descr=None):
    agent.add(SYSTEM + ".1.0", OCTETS, descr or
              "Waiwang lab router %s, IOS-XE-like software, Version 17.9.%d" % (name, rng.randint(1, 5)))
    agent.add(SYSTEM + ".2.0", OID, "1.3.6.1.4.1.9.1.2494")
    # sysUpTime in hundredths of a second, advancing 100 per second.
    agent.moving(SYSTEM + ".3.0", TIMETICKS, uptime_s * 100, 100)
    agent.add(SYSTEM + ".4.0", OCTETS, "noc@waiwang.lab")
    agent.add(SYSTEM + ".5.0", OCTETS, name)
    agent.add(SYSTEM + ".6.0", OCTETS, "Waiwang lab rack %d" % rng.randint(1, 40))
    agent.add(SYSTEM + ".7.0", INTEGER, 6)


def make_interfaces(m, rng, mac_base):
    """Interface plans: name, speed, status, rates and initial counters."""
    plans = []
    for n in range(m):
        speed = 1_000_000_000
        admin_down = rng.random() < 0.06
        oper_down = admin_down or rng.random() < 0.10
        util = rng.uniform(0.001, 0.3)
        in_rate = 0.0 if oper_down else speed / 8 * util
        out_rate = 0.0 if oper_down else speed / 8 * util * rng.uniform(0.3, 1.5)
        plans.append({
            "name": "GigabitEthernet0/0/%d" % n,
            "alias": rng.choice(["uplink to core", "access county %d" % rng.randint(1, 12),
                                 "unit %04d" % rng.randint(1, 9999), "", "peering"]),
            "speed": speed,
            "admin": 2 if admin_down else 1,
            "oper": 2 if oper_down else 1,
            "mac": "%012x" % (mac_base + n),
            "in_rate": in_rate,
            "out_rate": out_rate,
            "in_init": rng.randint(0, 1 << 40),
            "out_init": rng.randint(0, 1 << 40),
            "err_rate": 0.0 if oper_down else rng.choice([0, 0, 0, 0.05, 0.5]),
            "disc_rate": 0.0 if oper_down else rng.choice([0, 0, 0.1, 1.0]),
            "last_change": rng.randint(0, 1000),
        })
    return plans


def add_interfaces(agent, plans, ifindexes, uptime_s, hc=True, discontinuity=0):
    agent.add(IF_NUMBER, INTEGER, len(plans))
    # Objects past ifXTable, as on a real agent: without them the agent's MIB ends at the last
    # ifXTable instance, and a GETBULK walk ends on endOfMibView exceptions (which net-snmp's
    # snmpbulkwalk prints) instead of by leaving the subtree.
    agent.add("1.3.6.1.2.1.31.1.5.0", TIMETICKS, min(1000, uptime_s) * 100)  # ifTableLastChange
    agent.add("1.3.6.1.6.3.1.1.6.1.0", INTEGER, 1)  # snmpSetSerialNo
    for p, ix in zip(plans, ifindexes):
        def t(col, tag, value):
            agent.add("%s.%d.%d" % (IF_ENTRY, col, ix), tag, value)

        def x(col, tag, value):
            agent.add("%s.%d.%d" % (IFX_ENTRY, col, ix), tag, value)

        def mv(entry, col, tag, initial, rate, extra=""):
            agent.moving("%s.%d.%d" % (entry, col, ix), tag, initial, rate, extra)

        pkt = 700.0  # mean packet size: packet counters move with the octet counters
        t(1, INTEGER, ix)
        t(2, OCTETS, p["name"])
        t(3, INTEGER, 6)  # ethernetCsmacd
        t(4, INTEGER, 1500)
        t(5, GAUGE32, min(p["speed"], TWO32 - 1))
        t(6, OCTETS_HEX, p["mac"])
        t(7, INTEGER, p["admin"])
        t(8, INTEGER, p["oper"])
        t(9, TIMETICKS, min(p["last_change"], uptime_s) * 100)
        mv(IF_ENTRY, 10, COUNTER32, p["in_init"] % TWO32, p["in_rate"], WRAP32)
        mv(IF_ENTRY, 11, COUNTER32, (p["in_init"] // 700) % TWO32, p["in_rate"] / pkt, WRAP32)
        mv(IF_ENTRY, 13, COUNTER32, p["in_init"] // 10**8, p["disc_rate"], WRAP32)
        mv(IF_ENTRY, 14, COUNTER32, p["in_init"] // 10**9, p["err_rate"], WRAP32)
        mv(IF_ENTRY, 16, COUNTER32, p["out_init"] % TWO32, p["out_rate"], WRAP32)
        mv(IF_ENTRY, 17, COUNTER32, (p["out_init"] // 700) % TWO32, p["out_rate"] / pkt, WRAP32)
        mv(IF_ENTRY, 19, COUNTER32, p["out_init"] // 10**8, p["disc_rate"], WRAP32)
        mv(IF_ENTRY, 20, COUNTER32, p["out_init"] // 10**9, p["err_rate"], WRAP32)
        x(1, OCTETS, p["name"])
        if hc:
            mv(IFX_ENTRY, 6, COUNTER64, p["in_init"], p["in_rate"])
            mv(IFX_ENTRY, 7, COUNTER64, p["in_init"] // 700, p["in_rate"] / pkt)
            mv(IFX_ENTRY, 10, COUNTER64, p["out_init"], p["out_rate"])
            mv(IFX_ENTRY, 11, COUNTER64, p["out_init"] // 700, p["out_rate"] / pkt)
        x(15, GAUGE32, p["speed"] // 1_000_000)
        x(16, INTEGER, 2)  # ifPromiscuousMode false
        x(17, INTEGER, 1)  # ifConnectorPresent true
        x(18, OCTETS, p["alias"])
        x(19, TIMETICKS, discontinuity)


def router(name, m, seed, uptime_s=None, mac_base=None, hc=True, ifindexes=None, plans=None):
    rng = random.Random("%s/%s" % (seed, name))
    if uptime_s is None:
        uptime_s = rng.randint(86_400, 400 * 86_400)
    agent = Agent()
    add_system(agent, name, uptime_s, rng)
    if plans is None:
        plans = make_interfaces(m, rng, mac_base if mac_base is not None else rng.randint(0, 1 << 40) << 8)
    add_interfaces(agent, plans, ifindexes or list(range(1, m + 1)), uptime_s, hc=hc)
    return agent, plans


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--devices", type=int, default=50)
    ap.add_argument("--interfaces", type=int, default=48)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--recorded-dir", help="snmpsim's shipped data/recorded directory")
    a = ap.parse_args(argv)
    if a.devices < 1 or a.interfaces < 1:
        ap.error("--devices and --interfaces must be at least 1")

    os.makedirs(os.path.join(a.dir, "slow"), exist_ok=True)
    # Remove the .snmprec files of a previous run (e.g. more devices than now): the dir is ours.
    for sub in (a.dir, os.path.join(a.dir, "slow")):
        for f in os.listdir(sub):
            if f.endswith(".snmprec"):
                os.remove(os.path.join(sub, f))

    m = a.interfaces
    first_plans = None
    for i in range(1, a.devices + 1):
        name = "dev%04d" % i
        agent, plans = router(name, m, a.seed)
        if i == 1:
            first_plans = plans
        agent.write(os.path.join(a.dir, name + ".snmprec"))

    # wrap32: every interface up at 100 MB/s (80 % of 1 Gbit/s); ifInOctets/ifOutOctets start 5 s /
    # 8 s short of 2**32 when snmpsim starts (numeric counts from the responder's start), then wrap
    # every 2**32 / 1e8 = 43 s. HC counters carry the same value without wrapping.
    rng = random.Random("%s/wrap32" % a.seed)
    plans = make_interfaces(m, rng, 0x02aa00000000)
    for p in plans:
        p["admin"], p["oper"] = 1, 1
        p["in_rate"], p["out_rate"] = 1e8, 1e8
        base = rng.randint(1, 1000) << 32
        p["in_init"] = base + TWO32 - 5 * 10**8
        p["out_init"] = base + TWO32 - 8 * 10**8
    agent, _ = router("wrap32", m, a.seed, plans=plans)
    agent.write(os.path.join(a.dir, "wrap32.snmprec"))

    # rebooted: up 5 s, counters from zero, discontinuity at 2 s.
    rng = random.Random("%s/rebooted" % a.seed)
    plans = make_interfaces(m, rng, 0x02bb00000000)
    for p in plans:
        p["in_init"] = p["out_init"] = 0
        p["last_change"] = 2
    agent = Agent()
    add_system(agent, "rebooted", 5, rng)
    add_interfaces(agent, plans, list(range(1, m + 1)), 5, discontinuity=200)
    agent.write(os.path.join(a.dir, "rebooted.snmprec"))

    # renumbered: dev0001's interfaces (names, aliases, MACs, speeds) under a permuted,
    # non-contiguous ifIndex set: 1000 + a shuffle of 1..M.
    rng = random.Random("%s/renumbered" % a.seed)
    perm = list(range(1, m + 1))
    rng.shuffle(perm)
    agent, _ = router("renumbered", m, a.seed, plans=first_plans, ifindexes=[1000 + k for k in perm])
    agent.write(os.path.join(a.dir, "renumbered.snmprec"))

    # noHC: no ifHCInOctets/ifHCOutOctets/HC packet counters (an old agent).
    agent, _ = router("noHC", m, a.seed, hc=False)
    agent.write(os.path.join(a.dir, "noHC.snmprec"))

    # slow: a small router whose system group and first ifTable/ifXTable rows answer after 1.5 s.
    agent, _ = router("slow", min(m, 4), a.seed)
    for oid in list(agent.records):
        if oid in (SYSTEM + ".3.0", SYSTEM + ".5.0") or oid in (IF_ENTRY + ".1.1", IFX_ENTRY + ".1.1"):
            tag, value = agent.records[oid]
            if ":" in tag:  # moving value: delay cannot be stacked on numeric, keep it static
                value = value.split("initial=")[1].split(",")[0]
                tag = tag.split(":")[0]
            agent.records[oid] = (tag + ":delay", "value=%s,wait=1500" % value)
    agent.write(os.path.join(a.dir, "slow", "slow.snmprec"))

    copied = []
    if a.recorded_dir:
        for src, dst in (("linux-full-walk.snmprec", "linux.snmprec"),
                         ("winxp-full-walk.snmprec", "winxp.snmprec")):
            p = os.path.join(a.recorded_dir, src)
            if os.path.exists(p):
                shutil.copyfile(p, os.path.join(a.dir, dst))
                copied.append(dst[:-len(".snmprec")])

    n_files = a.devices + 4 + len(copied)
    print("%s: %d agents (%d dev × %d interfaces, wrap32, rebooted, renumbered, noHC%s) + slow/slow"
          % (a.dir, n_files, a.devices, m, "".join(", " + c for c in copied)))


if __name__ == "__main__":
    main(sys.argv[1:])
