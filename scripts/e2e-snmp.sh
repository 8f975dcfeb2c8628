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
# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"
AGENT="$BIN/waiwang-agent"
[ -x "$AGENT" ] || { echo "$E2E_NAME: $AGENT is missing; run swift build first" >&2; exit 2; }
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
for agent in wrap32 wrap32noHC; do
pycheck "$agent: a 32-bit counter wrapped between the polls and the rates stay 800 Mbit/s (±5 %)" "$PY_LOAD"'
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
        assert abs(v - 8e8) <= 4e7, "ifIndex %d %s: %r" % (l["ifIndex"], key, v)
    for key in ("inUtilisation", "outUtilisation"):
        assert abs(value(l[key]) - 0.8) <= 0.04, l
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

# --- (8) A bad target exits non-zero with a message ----------------------------------------------------------
if poll --target "not-a-target" --community dev0001 >"$WORK/bad.out" 2>"$WORK/bad.err"; then
    fail "a bad target exits non-zero" "$(cat "$WORK/bad.out")"
else
    check "a bad target exits non-zero with a message" test -s "$WORK/bad.err"
fi

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
