#!/usr/bin/env bash
# End to end: `waiwang-agent poll --json` against the snmpsim lab (scripts/snmpsim-lab, docs/SNMP-LAB.md) on loopback.
#
# A small generated lab (3 routers × 8 interfaces and the crafted agents) on one UDP port and the slow agent on
# another. Checks: dev0001's poll equals snmpbulkwalk (ifName, ifHCInOctets); two polls give links with health and
# plausible rates matching the generator's; wrap32's rate across the 32-bit wrap is a value, not a spike; noHC falls
# back to the 32-bit counters; renumbered has dev0001's names under other ifIndexes; a restart of snmpsim between
# two polls is seen as agentRestarted; the slow agent is unreachable within --timeout while dev0001 is polled; a
# bad target exits non-zero. Needs `swift build` (waiwang-agent) and runs `snmpsim-lab setup` (idempotent).
set -euo pipefail

E2E_NAME=e2e-snmp
E2E_BINARIES="waiwang-agent"
# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"
LAB=scripts/snmpsim-lab
export MIBS=""

udp_free_port() {
    python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

lab_stop() {
    "$LAB" stop "$WORK/lab.pid" >/dev/null 2>&1 || true
    "$LAB" stop "$WORK/slow.pid" >/dev/null 2>&1 || true
    rm -rf "/tmp/waiwang-snmpsim-cache-${PORT:-none}" "/tmp/waiwang-snmpsim-cache-${SLOW_PORT:-none}" \
        "/tmp/waiwang-snmpsim-${PORT:-none}.log" "/tmp/waiwang-snmpsim-${SLOW_PORT:-none}.log"
}
trap 'lab_stop; cleanup' EXIT

# poll ARGS...: waiwang-agent poll --json.
poll() { "$AGENT" poll --json "$@"; }

# pycheck NAME SCRIPT ARGS...: a Python check; it prints why on failure and exits non-zero.
pycheck() {
    local name=$1 script=$2 out
    shift 2
    if out=$(python3 -c "$script" "$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

"$LAB" setup >/dev/null
DATA="$WORK/lab"
chmod 755 "$WORK"   # nobody (snmpsim's user) reads the data in place
"$LAB" data "$DATA" --devices 3 --interfaces 8 >/dev/null
# wrap32noHC: wrap32 without its HC columns, so the rate across the 32-bit wrap comes from the Counter32s.
grep -v '^1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.\(6\|7\|8\|9\|10\|11\|12\|13\)\.' "$DATA/wrap32.snmprec" \
    | sed 's/^\(1\.3\.6\.1\.2\.1\.1\.5\.0|4|\)wrap32$/\1wrap32noHC/' >"$DATA/wrap32noHC.snmprec"
# hostile: values of the wrong type or range for their column, non-UTF-8 and NUL bytes in ifDescr/ifName/ifAlias,
# rows at ifIndex 0, 2³²−1 and with a two-arc index, a row with only ifDescr, an HC counter at its maximum and one
# moving at 10 TB/s on a 1 Gbit/s link. Each must be skipped and counted, or give a gap, never a crash.
python3 - "$DATA/hostile.snmprec" <<'PYEOF'
import sys
T, X = "1.3.6.1.2.1.2.2.1.", "1.3.6.1.2.1.31.1.1.1."
rows = [
    ("1.3.6.1.2.1.1.3.0", "67:numeric", "initial=500000,rate=100.0"), ("1.3.6.1.2.1.1.5.0", "4", "hostile"),
    (T + "2.0", "4", "index zero"),                       # skipped: ifIndex 0
    (T + "2.1", "4x", "fffe41"),                          # non-UTF-8 ifDescr: shown as hex
    (T + "2.2", "4", "eth-two"), (T + "2.3", "4", "descr-only"),
    (T + "2.5.1", "4", "two-arc index"),                  # skipped: not one arc
    (T + "2.4294967295", "4", "huge index"),              # skipped: above 2^31-1
    (T + "5.1", "70", "1000000000"),                      # skipped: ifSpeed as Counter64
    (T + "5.2", "66", "1000000000"),
    (T + "7.1", "4", "up"),                               # skipped: ifAdminStatus as a string
    (T + "7.2", "2", "1"),
    (T + "8.1", "2", "99"),                               # skipped: ifOperStatus out of range
    (T + "8.2", "2", "1"),
    (T + "10.1", "66", "5"),                              # skipped: ifInOctets as Gauge32
    (T + "14.2", "65", "4294967295"),
    (X + "1.1", "4x", "00ff0a"),                          # NUL, 0xFF, LF in ifName
    (X + "1.2", "4", "eth-two"),
    (X + "6.1", "70", "18446744073709551615"),            # Counter64 at its maximum
    (X + "6.2", "70:numeric", "initial=0,rate=10000000000000.0"),  # 10 TB/s: a reset, never a rate
    (X + "15.1", "4", "fast"),                            # skipped: ifHighSpeed as a string
    (X + "15.2", "66", "1000"),
    (X + "18.1", "4x", "c328e282"),                       # truncated UTF-8 in ifAlias
    ("1.3.6.1.2.1.31.1.5.0", "67", "0"),
]
key = lambda r: tuple(int(a) for a in r[0].split("."))
with open(sys.argv[1], "w") as f:
    for oid, tag, value in sorted(rows, key=key):
        f.write("%s|%s|%s\n" % (oid, tag, value))
PYEOF
PORT=$(udp_free_port)
if ! LAB_PID=$("$LAB" start "$DATA" "$PORT" --pidfile "$WORK/lab.pid" 2>"$WORK/start.err"); then
    fail "snmpsim lab starts on port $PORT" "$(cat "$WORK/start.err")"
    e2e_finish
    exit 1
fi
pass "snmpsim lab starts on port $PORT"
TARGET="udp:127.0.0.1:$PORT"

# --- Two polls 4 s apart of dev0001, wrap32, noHC, renumbered -----------------------------------------------
# wrap32's ifInOctets wraps 5 s and ifOutOctets 8 s after the responder starts: start the first poll when the
# process is 3 s old (if it is older, the window still holds the 8 s wrap).
while [ "$(ps -o etimes= -p "$LAB_PID" | tr -d ' ')" -lt 3 ]; do sleep 0.1; done
# One poll process per agent, in parallel, so each agent's two polls are 4 s apart whatever the others do.
polls=()
for community in dev0001 wrap32 wrap32noHC noHC renumbered; do
    poll --target "$TARGET" --community "$community" --count 2 --interval 4 >"$WORK/two-$community.jsonl" 2>>"$WORK/two.err" &
    polls+=($!)
done
for pid in "${polls[@]}"; do wait "$pid" || true; done
cat "$WORK"/two-*.jsonl >"$WORK/two.jsonl"
check "two polls of 5 agents: 10 JSON lines" test "$(grep -c '^{' "$WORK/two.jsonl")" = 10

# Shared Python: lines of a JSON-lines file by sysName, in order.
PY_LOAD='
import json, sys
def load(path):
    by = {}
    for line in open(path):
        if line.startswith("{"):
            d = json.loads(line)
            by.setdefault(d.get("sysName") or d.get("target"), []).append(d)
    return by
def rates(path):
    """ifIndex -> (in bytes/s, out bytes/s) from the generator s numeric HC octet counters."""
    r = {}
    for line in open(path):
        oid, tag, value = line.rstrip("\n").split("|", 2)
        for col, k in (("1.3.6.1.2.1.31.1.1.1.6.", 0), ("1.3.6.1.2.1.31.1.1.1.10.", 1), ("1.3.6.1.2.1.2.2.1.10.", 2), ("1.3.6.1.2.1.2.2.1.16.", 3)):
            if oid.startswith(col):
                opts = dict(kv.split("=", 1) for kv in value.split(",") if "=" in kv) if "numeric" in tag else {}
                r.setdefault(int(oid[len(col):]), [0.0] * 4)[k] = float(opts.get("rate", 0))
    return r
def value(measure):
    if "value" not in measure or measure.get("missing"):
        raise SystemExit("missing: %r" % measure)
    return measure["value"]
'

# (1) dev0001: sysName, 8 interfaces GigabitEthernet0/0/N, HC counters present.
pycheck "dev0001: sysName, 8 interfaces GigabitEthernet0/0/0…7 with HC counters" "$PY_LOAD"'
d = load(sys.argv[1])["dev0001"][0]
names = [i.get("ifName") for i in sorted(d["interfaces"], key=lambda i: i["ifIndex"])]
assert names == ["GigabitEthernet0/0/%d" % n for n in range(8)], names
missing = [i["ifIndex"] for i in d["interfaces"] if "ifHCInOctets" not in i or "ifHCOutOctets" not in i]
assert not missing, "no HC counters on %s" % missing
assert isinstance(d["sysUpTime"], int) and d["sysUpTime"] > 0, d["sysUpTime"]
' "$WORK/two.jsonl"

# The poll against snmpbulkwalk, walked after it: names equal, counters equal or only grown.
snmpbulkwalk -v2c -c dev0001 -m "" -On -Oe -Ot "$TARGET" 1.3.6.1.2.1.31.1.1.1.1 >"$WORK/walk.txt"
snmpbulkwalk -v2c -c dev0001 -m "" -On -Oe -Ot "$TARGET" 1.3.6.1.2.1.31.1.1.1.6 >>"$WORK/walk.txt"
pycheck "dev0001: the poll equals snmpbulkwalk (ifName equal, ifHCInOctets equal or grown)" "$PY_LOAD"'
polls = load(sys.argv[1])["dev0001"]
walk = {}
for line in open(sys.argv[2]):
    oid, _, rest = line.partition(" = ")
    kind, _, val = rest.strip().partition(": ")
    walk[oid.lstrip(".")] = val.strip().strip("\"")
assert len(walk) == 16, "walk has %d rows" % len(walk)
for i in polls[-1]["interfaces"]:
    n = i["ifIndex"]
    assert walk["1.3.6.1.2.1.31.1.1.1.1.%d" % n] == i["ifName"], (n, i["ifName"], walk["1.3.6.1.2.1.31.1.1.1.1.%d" % n])
    w = int(walk["1.3.6.1.2.1.31.1.1.1.6.%d" % n])
    assert w >= i["ifHCInOctets"], "ifIndex %d: walk %d < poll %d" % (n, w, i["ifHCInOctets"])
' "$WORK/two.jsonl" "$WORK/walk.txt"

# (2) dev0001's links: health, rates present and matching the generator's (±10 %), utilisation in 0…1.
pycheck "dev0001: 8 links with health, rates present and as generated, utilisation 0…1" "$PY_LOAD"'
d = load(sys.argv[1])["dev0001"]
assert "links" not in d[0] or not d[0]["links"], "links on the first poll"
links = d[1]["links"]
assert len(links) == 8, len(links)
gen = rates(sys.argv[2])
for l in links:
    assert isinstance(l.get("health"), str) and l["health"], l
    n = l["ifIndex"]
    for key, k in (("inBitsPerSecond", 0), ("outBitsPerSecond", 1)):
        got, want = value(l[key]), gen[n][k] * 8
        assert got >= 0 and abs(got - want) <= 0.1 * want + 1, "ifIndex %d %s: %r, generator %r" % (n, key, got, want)
    for key, k in (("inUtilisation", 0), ("outUtilisation", 1)):
        u, want = value(l[key]), gen[n][k] * 8 / 1e9
        assert 0 <= u <= 1 and abs(u - want) <= 0.1 * want + 1e-9, "ifIndex %d %s: %r, generator %r" % (n, key, u, want)
    assert value(l["errorsAndDiscardsPerSecond"]) >= 0, l
' "$WORK/two.jsonl" "$DATA/dev0001.snmprec"

# (3) wrap32: a 32-bit counter wrapped between the polls, and the rate is the generator's 800 Mbit/s, not a spike.
# ±15 %: snmpsim computes sysUpTime and each counter from its own clock reading as it answers, so on a loaded
# machine they drift apart by a few percent of the 4 s interval; a mishandled wrap is off by 2^32 octets,
# more than 8 Gbit/s over 4 s, and a missed one is negative or a gap — far outside either way.
for agent in wrap32 wrap32noHC; do
pycheck "$agent: a 32-bit counter wrapped between the polls and the rates stay 800 Mbit/s (±15 %)" "$PY_LOAD"'
d = load(sys.argv[1])[sys.argv[2]]
assert (sys.argv[2] == "wrap32") == all("ifHCInOctets" in i for i in d[0]["interfaces"]), "HC columns"
a = {i["ifIndex"]: i for i in d[0]["interfaces"]}
b = {i["ifIndex"]: i for i in d[1]["interfaces"]}
wrapped = [(n, c) for n in a for c in ("ifInOctets", "ifOutOctets") if b[n][c] < a[n][c]]
assert wrapped, "no 32-bit counter wrapped between the polls (timing): %s" % [(a[1][c], b[1][c]) for c in ("ifInOctets", "ifOutOctets")]
assert len(d[1]["links"]) == 8
for l in d[1]["links"]:
    for key in ("inBitsPerSecond", "outBitsPerSecond"):
        v = value(l[key])
        assert abs(v - 8e8) <= 1.2e8, "ifIndex %d %s: %r" % (l["ifIndex"], key, v)
    for key in ("inUtilisation", "outUtilisation"):
        assert abs(value(l[key]) - 0.8) <= 0.12, l
' "$WORK/two.jsonl" "$agent"
done

# (4) noHC: the 32-bit counters, no ifHC* field, rates present.
pycheck "noHC: 32-bit counters only (no ifHC* fields) and rates present" "$PY_LOAD"'
d = load(sys.argv[1])["noHC"]
for i in d[1]["interfaces"]:
    hc = [k for k in i if k.startswith("ifHC")]
    assert not hc, "ifIndex %d has %s" % (i["ifIndex"], hc)
    assert "ifInOctets" in i and "ifOutOctets" in i, i
gen = rates(sys.argv[2])
assert len(d[1]["links"]) == 8
for l in d[1]["links"]:
    n = l["ifIndex"]
    for key, k in (("inBitsPerSecond", 2), ("outBitsPerSecond", 3)):
        got, want = value(l[key]), gen[n][k] * 8
        assert got >= 0 and abs(got - want) <= 0.1 * want + 1, "ifIndex %d %s: %r, generator %r" % (n, key, got, want)
' "$WORK/two.jsonl" "$DATA/noHC.snmprec"

# (5) renumbered: dev0001's names under other ifIndexes.
pycheck "renumbered: dev0001's ifNames under other ifIndex values" "$PY_LOAD"'
by = load(sys.argv[1])
dev = {i["ifName"]: i["ifIndex"] for i in by["dev0001"][0]["interfaces"]}
ren = {i["ifName"]: i["ifIndex"] for i in by["renumbered"][0]["interfaces"]}
assert sorted(dev) == sorted(ren), (sorted(dev), sorted(ren))
assert all(ren[n] >= 1000 and ren[n] != dev[n] for n in dev), ren
assert len(by["renumbered"][1]["links"]) == 8
' "$WORK/two.jsonl"

# Several agents at one address in one --targets run (different communities): each must be compared with its
# own previous poll, not with whichever agent was polled last at that address.
{
    for community in dev0001 wrap32 noHC renumbered; do echo "$TARGET $community"; done >"$WORK/targets"
    poll --targets "$WORK/targets" --count 2 --interval 2 >"$WORK/shared.jsonl" 2>"$WORK/shared.err" || true
    pycheck "one --targets run, 4 agents at one address: every link's in rate is a value" "$PY_LOAD"'
by = load(sys.argv[1])
for name in ("dev0001", "wrap32", "noHC", "renumbered"):
    for l in by[name][1]["links"]:
        value(l["inBitsPerSecond"])
' "$WORK/shared.jsonl"
}

# --- (7) The slow agent is unreachable within its timeout; dev0001 beside it is polled --------------------
SLOW_PORT=$(udp_free_port)
if "$LAB" start "$DATA/slow" "$SLOW_PORT" --pidfile "$WORK/slow.pid" >/dev/null 2>"$WORK/slow.err"; then
    printf 'udp:127.0.0.1:%s slow\n%s dev0001\n' "$SLOW_PORT" "$TARGET" >"$WORK/slow-targets"
    started=$(date +%s.%N)
    poll --targets "$WORK/slow-targets" --timeout 0.5 --retries 0 >"$WORK/slow.jsonl" 2>"$WORK/slow-poll.err" || true
    took=$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$started" "$(date +%s.%N)")
    pycheck "slow agent unreachable (timeout 0.5 s, 0 retries), dev0001 polled, in ${took} s (≤ 3 s)" '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
slow = [d for d in lines if d["target"].endswith(":" + sys.argv[2])]
dev = [d for d in lines if d.get("sysName") == "dev0001"]
assert len(slow) == 1 and slow[0].get("unreachable") is True and slow[0].get("error"), lines
assert len(dev) == 1 and len(dev[0]["interfaces"]) == 8, dev
assert float(sys.argv[3]) <= 3, "took %s s" % sys.argv[3]
' "$WORK/slow.jsonl" "$SLOW_PORT" "$took"
    "$LAB" stop "$WORK/slow.pid" >/dev/null 2>&1 &
else
    fail "slow agent starts on port $SLOW_PORT" "$(cat "$WORK/slow.err")"
fi


# --- (9) Hostile answers: counted and skipped, never a crash or a hang ------------------------------------------
if timeout 30 "$AGENT" poll --json --target "$TARGET" --community hostile --count 2 --interval 2 \
    >"$WORK/hostile.jsonl" 2>"$WORK/hostile.err"; then
    pycheck "hostile: wrong types, bad indexes and non-UTF-8 skipped and counted; an absurd counter is a gap" '
import json, sys
d = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
assert len(d) == 2 and d[0].get("sysName") == "hostile", d
first = d[0]
assert sorted(i["ifIndex"] for i in first["interfaces"]) == [1, 2, 3], [i["ifIndex"] for i in first["interfaces"]]
assert first["skippedValues"] >= 8, first["skippedValues"]
one = [i for i in first["interfaces"] if i["ifIndex"] == 1][0]
assert one["ifDescr"] == "FF FE 41" and one["ifName"] == "00 FF 0A" and one["ifAlias"] == "C3 28 E2 82", one
assert "ifAdminStatus" not in one and "ifOperStatus" not in one and "ifSpeed" not in one and "ifInOctets" not in one, one
assert one["ifHCInOctets"] == 18446744073709551615, one
links = {l["ifIndex"]: l for l in d[1]["links"]}
assert links[2]["inBitsPerSecond"].get("missing") == "implausibleAdvance" and "value" not in links[2]["inBitsPerSecond"], links[2]
assert links[1]["health"] == "unknown", links[1]
' "$WORK/hostile.jsonl"
else
    fail "hostile: poll exits 0 within 30 s" "$(cat "$WORK/hostile.err")"
fi

# A responder that breaks the protocol on purpose, by community: answers walks with the OIDs asked (a loop),
# endOfMibView only, half a datagram, garbage, an OID of 200 arcs, or no varbind at all (empty); `short` leaves
# sysUpTime.0 out of its GET answer. Otherwise GET of sysUpTime/sysName answers normally.
cat >"$WORK/hostile_agent.py" <<'PYEOF'
import os, socket, sys
def tlv(tag, body):
    n = len(body)
    length = bytes([n]) if n < 128 else (bytes([0x81, n]) if n < 256 else bytes([0x82, n >> 8, n & 255]))
    return bytes([tag]) + length + body
def parse(buf, i):
    tag, n = buf[i], buf[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[i:i + k], "big")
        i += k
    return tag, i, i + n
def children(buf, start, end):
    out = []
    while start < end:
        tag, s, e = parse(buf, start)
        out.append((tag, s, e))
        start = e
    return out
def oid_bytes(arcs):
    out = bytes([arcs[0] * 40 + arcs[1]])
    for a in arcs[2:]:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.insert(0, (a & 0x7F) | 0x80)
            a >>= 7
        out += bytes(chunk)
    return tlv(0x06, out)
UPTIME = bytes.fromhex("2b06010201010300")
NAME = bytes.fromhex("2b06010201010500")
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    data, peer = sock.recvfrom(65535)
    try:
        _, s, e = parse(data, 0)
        version, community, pdu = children(data, s, e)
        mode = data[community[1]:community[2]].decode()
        if mode == "garbage":
            sock.sendto(os.urandom(48), peer)
            continue
        fields = children(data, pdu[1], pdu[2])
        reqid = data[fields[0][1]:fields[0][2]]
        binds = []
        for _, vs, ve in children(data, fields[3][1], fields[3][2]):
            o = children(data, vs, ve)[0]
            oid = data[o[1]:o[2]]
            if pdu[0] == 0xA0 and mode == "short" and oid == UPTIME:
                continue  # a GET answered without one of the varbinds asked
            if pdu[0] != 0xA0 and mode == "empty":
                continue  # a walk answered with no varbind at all
            if pdu[0] == 0xA0:
                value = tlv(0x43, b"\x01\x00") if oid == UPTIME else tlv(0x04, mode.encode()) if oid == NAME else b"\x80\x00"
                binds.append(tlv(0x30, tlv(0x06, oid) + value))
            elif mode == "endofmib":
                binds.append(tlv(0x30, tlv(0x06, oid) + b"\x82\x00"))
            elif mode == "deep":
                binds.append(tlv(0x30, oid_bytes([1, 3] + [6] * 198) + tlv(0x02, b"\x01")))
            else:
                binds.append(tlv(0x30, tlv(0x06, oid) + tlv(0x02, b"\x01")))
        body = tlv(0x02, reqid) + tlv(0x02, b"\x00") + tlv(0x02, b"\x00") + tlv(0x30, b"".join(binds))
        answer = tlv(0x30, data[version[1] - 2:version[2]] + data[community[1] - 2:community[2]] + tlv(0xA2, body))
        if mode == "truncated" and pdu[0] != 0xA0:
            answer = answer[: len(answer) // 2]
        sock.sendto(answer, peer)
    except Exception:
        pass
PYEOF
HOSTILE_PORT=$(udp_free_port)
timeout 120 python3 "$WORK/hostile_agent.py" "$HOSTILE_PORT" &
HOSTILE_PID=$!
sleep 0.3
for mode in loop endofmib truncated garbage deep short empty; do echo "udp:127.0.0.1:$HOSTILE_PORT $mode"; done >"$WORK/hostile-targets"
started=$(date +%s.%N)
status=0
timeout 30 "$AGENT" poll --json --targets "$WORK/hostile-targets" --timeout 0.5 --retries 0 \
    >"$WORK/protocol.jsonl" 2>"$WORK/protocol.err" || status=$?
took=$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$started" "$(date +%s.%N)")
kill "$HOSTILE_PID" 2>/dev/null || true
wait "$HOSTILE_PID" 2>/dev/null || true
pycheck "protocol breakers (loop, endOfMibView, half datagrams, garbage, 200-arc OIDs, missing varbinds, empty answers): one line each, exit $status, ${took} s" '
import json, sys
assert sys.argv[2] == "0", "exit %s" % sys.argv[2]
assert float(sys.argv[3]) <= 10, "took %s s" % sys.argv[3]
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
assert len(lines) == 7, lines
by = {l.get("sysName"): l for l in lines if "sysName" in l}
for mode in ("loop", "endofmib"):
    assert mode in by and by[mode]["interfaces"] == [], (mode, by.get(mode))
failed = [l for l in lines if l.get("unreachable")]
assert len(failed) == 5 and all(l["error"] and l["consecutiveFailures"] == 1 for l in failed), failed
malformed = [l for l in failed if "malformed" in l["error"]]
assert len(malformed) == 2, [l["error"] for l in failed]
' "$WORK/protocol.jsonl" "$status" "$took"

# --- (10) Usage errors exit 64 with a message -------------------------------------------------------------
for args in "--target not-a-target" "--target udp:127.0.0.1:0" "--target udp:127.0.0.1:161 --v3-user u --auth-proto SHA" \
    "--target udp:127.0.0.1:161 --v3-user u --auth-proto SHA --auth-pass short" \
    "--target udp:127.0.0.1:161 --v3-user u --priv-proto AES --priv-pass longenough1" \
    "--target udp:127.0.0.1:161 --auth-pass longenough1" "--target udp:127.0.0.1:161 --traps 127.0.0.1:162" \
    "--target udp:127.0.0.1:161 --trap-community public"; do
    status=0
    # shellcheck disable=SC2086
    "$AGENT" poll $args >/dev/null 2>"$WORK/usage.err" || status=$?
    if [ "$status" = 64 ] && [ -s "$WORK/usage.err" ]; then pass "poll $args: exit 64, $(head -c 90 "$WORK/usage.err" | head -1)"; else
        fail "poll $args: exit 64 with a message" "exit $status: $(cat "$WORK/usage.err")"; fi
done

# --- (11) An unreachable device backs off visibly, and its known links are unknown, never down --------------------
BACKOFF_PORT=$(udp_free_port)
timeout 20 "$AGENT" poll --json --target "udp:127.0.0.1:$BACKOFF_PORT" --target "$TARGET" --community dev0001 --watch \
    --interval 0.5 --backoff-cap 2 --duration 6 --timeout 0.2 --retries 0 >"$WORK/backoff.jsonl" 2>"$WORK/backoff.err" || true
pycheck "dead device: consecutive failures count up, next attempt 0.5, 1, 2, 2 s later (cap), live device polled every round" '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
dead = [l for l in lines if l.get("unreachable")]
live = [l for l in lines if l.get("sysName") == "dev0001"]
assert [d["consecutiveFailures"] for d in dead][:4] == [1, 2, 3, 4], [d["consecutiveFailures"] for d in dead]
gaps = [b["nextAttemptAt"] - a["nextAttemptAt"] for a, b in zip(dead, dead[1:])]
assert len(gaps) >= 3 and all(abs(g - w) <= 0.2 for g, w in zip(gaps, [1.0, 2.0, 2.0])), gaps
assert all(0 < d["nextAttemptInSeconds"] <= 2 for d in dead), [d["nextAttemptInSeconds"] for d in dead]
assert len(live) >= 8, len(live)
stats = [l for l in lines if l.get("event") == "trapStatistics"]
assert not stats, "no trap listener was asked for"
' "$WORK/backoff.jsonl"

# --- (6) A restart of snmpsim between two polls is an agent restart ------------------------------------------
poll --target "$TARGET" --community dev0001 --count 2 --interval 8 >"$WORK/reboot.jsonl" 2>"$WORK/reboot.err" &
reboot_poll=$!
sleep 1.5
"$LAB" stop "$WORK/lab.pid" >/dev/null
if "$LAB" start "$DATA" "$PORT" --pidfile "$WORK/lab.pid" >/dev/null 2>"$WORK/restart.err"; then
    pass "snmpsim lab restarts on port $PORT"
else
    fail "snmpsim lab restarts on port $PORT" "$(cat "$WORK/restart.err")"
fi
wait "$reboot_poll" || true
pycheck "restart between polls: sysUpTime fell and every link's rates are missing: agentRestarted" '
import json, sys
d = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
assert len(d) == 2 and all(x.get("sysName") == "dev0001" for x in d), d
assert d[1]["sysUpTime"] < d[0]["sysUpTime"], (d[0]["sysUpTime"], d[1]["sysUpTime"])
assert len(d[1]["links"]) == 8
for l in d[1]["links"]:
    for key in ("inBitsPerSecond", "outBitsPerSecond", "inUtilisation", "outUtilisation"):
        assert l[key].get("missing") == "agentRestarted" and "value" not in l[key], (l["ifIndex"], key, l[key])
' "$WORK/reboot.jsonl"

wait
echo "$E2E_NAME: took $SECONDS s"
e2e_finish
