#!/usr/bin/env bash
# End to end in network namespaces: links that really go down, seen by poll and by trap; a port really shut by SET.
#
# A hub namespace runs Debian's snmpd (its veth ports are snmpd's interfaces) and sends linkDown/linkUp traps to
# 127.0.0.1:1162 within about a second of a change (disman monitors every 1 s); a unit namespace holds the far
# ends. `waiwang-agent` runs inside the hub namespace and reaches snmpd over the hub's loopback, never over a port
# being cut. snmpd sends each notification as SNMPv2c and as SNMPv1. Checks:
#   1. cutting the far end (unit side down) is a linkDown trap within 2 s and the port's health `down`, and the
#      re-poll the trap triggered reads ifOperStatus down(2); bringing it back is linkUp and `up`;
#   2. `ip -n HUB link set PORT down` is seen: a linkDown trap within 2 s and a poll reading ifOperStatus down(2)
#      (and ifAdminStatus down(2): the kernel's admin flag is what `ip link set down` changes, so the health is
#      `adminDown`), and up again;
#   3. `waiwang-agent port set-admin-status --status down` (SNMP SET of ifAdminStatus) really downs the port as
#      `ip link` shows, confirmed by read-back; `--status up` restores it.
# Needs root and `ip netns`; skips (exit 0) with a message otherwise. Follows docs/SNMP-LAB.md and LAB.md: unique
# temporary veth names created here, moved, then renamed inside the namespace; private addresses; namespaces and
# processes removed by name and PID on exit, also on failure. Every step is bounded by `timeout`.
set -euo pipefail

E2E_NAME=e2e-netns-snmp
E2E_BINARIES="waiwang-agent"
if [ "$(id -u)" != 0 ]; then
    echo "$E2E_NAME: SKIP: needs root for ip netns (run make test as root)"
    exit 0
fi
if ! command -v ip >/dev/null || ! ip netns list >/dev/null 2>&1; then
    echo "$E2E_NAME: SKIP: ip netns is unavailable (package iproute2)"
    exit 0
fi
if [ ! -x /usr/sbin/snmpd ]; then
    echo "$E2E_NAME: SKIP: /usr/sbin/snmpd is missing (package snmpd)"
    exit 0
fi

# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"
export MIBS=""

HUB="wwhub$$"
UNIT="wwunit$$"
TMP_PREFIX="wwt$$"   # temporary veth names: wwt<PID>h<N> / wwt<PID>u<N>, at most 15 characters
PORTS=(port1 port2)
PIDS=()
NETNS_MADE=()

netns_cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -s "$WORK/snmpd.pid" ]; then kill -9 "$(cat "$WORK/snmpd.pid")" 2>/dev/null || true; fi
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    # Deleting a namespace deletes the veths in it: only ones made here (they were created in this run).
    for ns in "${NETNS_MADE[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap 'netns_cleanup; cleanup' EXIT

in_hub() { ip netns exec "$HUB" "$@"; }

# --- Namespaces and veth ports ------------------------------------------------------------------------------
for ns in "$HUB" "$UNIT"; do
    if ip netns list | grep -qw "$ns"; then echo "$E2E_NAME: namespace $ns exists already" >&2; exit 1; fi
    ip netns add "$ns"
    NETNS_MADE+=("$ns")
done
ip -n "$HUB" link set lo up
ip -n "$UNIT" link set lo up
n=0
for port in "${PORTS[@]}"; do
    n=$((n + 1))
    hub_tmp="${TMP_PREFIX}h$n"
    unit_tmp="${TMP_PREFIX}u$n"
    for name in "$hub_tmp" "$unit_tmp"; do
        if ip link show "$name" >/dev/null 2>&1; then echo "$E2E_NAME: $name exists already" >&2; exit 1; fi
    done
    ip link add "$hub_tmp" type veth peer name "$unit_tmp"
    ip link set "$hub_tmp" netns "$HUB"
    ip link set "$unit_tmp" netns "$UNIT"
    ip -n "$HUB" link set "$hub_tmp" name "$port"
    ip -n "$UNIT" link set "$unit_tmp" name "uplink$n"
    ip -n "$HUB" addr add "10.254.$n.1/30" dev "$port"
    ip -n "$UNIT" addr add "10.254.$n.2/30" dev "uplink$n"
    ip -n "$HUB" link set "$port" up
    ip -n "$UNIT" link set "uplink$n" up
done
pass "namespaces $HUB and $UNIT with veth ports ${PORTS[*]}"

# --- snmpd in the hub ---------------------------------------------------------------------------------------
mkdir -p "$WORK/persist"
# linkUpDownNotifications would check every 60 s: the same notifications with 1 s monitors, by number (no MIBs).
cat >"$WORK/snmpd.conf" <<'EOF'
rocommunity public 127.0.0.1
rwcommunity private 127.0.0.1
sysName hub-e2e
createUser internalUser
rouser internalUser noauth
iquerySecName internalUser
trap2sink 127.0.0.1:1162 public
trapsink 127.0.0.1:1162 public
notificationEvent linkUpTrap .1.3.6.1.6.3.1.1.5.4 .1.3.6.1.2.1.2.2.1.1 .1.3.6.1.2.1.2.2.1.7 .1.3.6.1.2.1.2.2.1.8
notificationEvent linkDownTrap .1.3.6.1.6.3.1.1.5.3 .1.3.6.1.2.1.2.2.1.1 .1.3.6.1.2.1.2.2.1.7 .1.3.6.1.2.1.2.2.1.8
monitor -r 1 -e linkUpTrap "linkUp" .1.3.6.1.2.1.2.2.1.8 != 2
monitor -r 1 -e linkDownTrap "linkDown" .1.3.6.1.2.1.2.2.1.8 == 2
EOF
ip netns exec "$HUB" timeout --kill-after=5 90 /usr/sbin/snmpd -f -Lo -C -c "$WORK/snmpd.conf" -M /dev/null \
    -p "$WORK/snmpd.pid" "--persistentDir=$WORK/persist" udp:127.0.0.1:161 >"$WORK/snmpd.log" 2>&1 &
PIDS+=($!)
answered=0
for _ in $(seq 50); do
    if in_hub snmpget -v2c -c public -m "" -On -t 0.3 -r 0 udp:127.0.0.1:161 1.3.6.1.2.1.1.5.0 2>/dev/null \
        | grep -q hub-e2e; then answered=1; break; fi
    sleep 0.2
done
if [ "$answered" = 1 ]; then pass "snmpd answers inside $HUB"; else
    fail "snmpd answers inside $HUB" "$(tail -20 "$WORK/snmpd.log")"
    e2e_finish
    exit 1
fi

# snmpd serves ifTable from a 3 s cache, which its monitors read too: a change could wait 3 s + 1 s for its trap.
# A real router traps at once; bring this lab close to it with a 1 s cache (nsCacheTimeout of ifTable, a SET).
if in_hub snmpset -v2c -c private -m "" -On -t 1 -r 1 udp:127.0.0.1:161 \
    1.3.6.1.4.1.8072.1.5.3.1.2.1.3.6.1.2.1.2.2 i 1 >/dev/null 2>"$WORK/cache.err"; then
    pass "snmpd's ifTable cache set to 1 s"
else
    fail "snmpd's ifTable cache set to 1 s" "$(cat "$WORK/cache.err")"
fi

# --- The agent watches, with traps ------------------------------------------------------------------------
# A 30 s interval: every change seen below comes from a trap and the re-poll it triggers, not from the schedule.
# Started with ip netns exec directly (not a shell function), so $! is timeout's PID and SIGTERM reaches the agent.
ip netns exec "$HUB" timeout --kill-after=5 55 "$AGENT" poll --target udp:127.0.0.1:161 --traps udp:127.0.0.1:1162 --watch \
    --interval 30 --duration 50 --timeout 1 --retries 1 --json >"$WORK/watch.jsonl" 2>"$WORK/watch.err" &
WATCH_PID=$!
PIDS+=("$WATCH_PID")

# wait_for SECONDS PYTHON-EXPRESSION: until some JSON line `d` of the watch output satisfies it.
wait_for() {
    timeout "$1" python3 - "$WORK/watch.jsonl" "$2" <<'EOF'
import json, sys, time
path, expression = sys.argv[1], sys.argv[2]
while True:
    for line in open(path):
        if line.startswith("{"):
            d = json.loads(line)
            if eval(expression):
                print(json.dumps(d))
                sys.exit(0)
    time.sleep(0.05)
EOF
}

if first=$(wait_for 10 '"interfaces" in d'); then pass "the agent's first poll inside $HUB"; else
    fail "the agent's first poll inside $HUB" "$(cat "$WORK/watch.err" "$WORK/watch.jsonl" | tail -5)"
    e2e_finish
    exit 1
fi
index_of() { python3 -c 'import json, sys; d = json.loads(sys.argv[1]); print([i["ifIndex"] for i in d["interfaces"] if i.get("ifName") == sys.argv[2]][0])' "$first" "$1"; }
IDX1=$(index_of port1)
IDX2=$(index_of port2)
sleep 2   # let snmpd's monitors settle past their startup evaluation

now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 3))' "$1" "$2"; }
within() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$1" "$2"; }
received_at() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])["receivedAt"])' "$1"; }

# check_trap NAME KIND IFINDEX T0: a KIND trap for IFINDEX received after T0, within 2 s of T0.
check_trap() {
    local name=$1 kind=$2 index=$3 t0=$4 line latency
    if line=$(wait_for 6 "d.get('event') == 'trap' and d['kind'] == '$kind' and d.get('ifIndex') == $index and d['receivedAt'] > $t0"); then
        latency=$(elapsed "$t0" "$(received_at "$line")")
        echo "     trap latency: $latency s"
        echo "$name $latency" >>"$WORK/latencies"
        if within "$latency" 2; then pass "$name: $kind trap for ifIndex $index in $latency s (≤ 2 s)"; else
            fail "$name: $kind trap for ifIndex $index in $latency s (≤ 2 s)"; fi
    else
        fail "$name: $kind trap for ifIndex $index within 6 s" "$(tail -5 "$WORK/watch.jsonl")"
    fi
}

# check_health NAME IFNAME HEALTH T0 SECONDS: the port's health changed to HEALTH after T0, within SECONDS.
check_health() {
    local name=$1 port=$2 health=$3 t0=$4 limit=$5 line
    if line=$(wait_for 8 "d.get('event') == 'health' and d['ifName'] == '$port' and d['to'] == '$health' and d['at'] > $t0"); then
        local latency
        latency=$(elapsed "$t0" "$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["at"])' "$line")")
        if within "$latency" "$limit"; then pass "$name: $port is $health in $latency s (≤ $limit s)"; else
            fail "$name: $port is $health in $latency s (≤ $limit s)"; fi
    else
        fail "$name: $port becomes $health" "$(tail -5 "$WORK/watch.jsonl")"
    fi
}

# check_repoll NAME IFINDEX OPER T0: a trap-triggered poll after T0 read ifOperStatus OPER for IFINDEX.
check_repoll() {
    local name=$1 index=$2 oper=$3 t0=$4
    if wait_for 10 "d.get('trigger') == 'trap' and d['polledAt'] > $t0 and any(i['ifIndex'] == $index and i.get('ifOperStatus') == $oper for i in d['interfaces'])" >/dev/null; then
        pass "$name: the poll after the trap reads ifOperStatus $oper"
    else
        fail "$name: the poll after the trap reads ifOperStatus $oper" "$(grep trigger "$WORK/watch.jsonl" | tail -2 | cut -c1-300)"
    fi
}

# --- 1. The far end goes away: oper down while admin up → down ----------------------------------------------
t0=$(now)
ip -n "$UNIT" link set uplink1 down
check_trap "unit side cut" linkDown "$IDX1" "$t0"
check_health "unit side cut" port1 down "$t0" 2
check_repoll "unit side cut" "$IDX1" 2 "$t0"
t0=$(now)
ip -n "$UNIT" link set uplink1 up
check_trap "unit side back" linkUp "$IDX1" "$t0"
check_health "unit side back" port1 up "$t0" 2

# --- 2. ip -n HUB link set PORT down ----------------------------------------------------------------------
t0=$(now)
ip -n "$HUB" link set port2 down
check_trap "hub port down" linkDown "$IDX2" "$t0"
check_health "hub port down" port2 adminDown "$t0" 2
# A plain poll (no traps), re-read until snmpd's interface cache shows it, within 10 s.
seen=""
deadline=$((SECONDS + 10))
while [ $SECONDS -lt $deadline ]; do
    if in_hub timeout 10 "$AGENT" poll --target udp:127.0.0.1:161 --json >"$WORK/plain.json" 2>/dev/null &&
        python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if any(i["ifIndex"] == int(sys.argv[2]) and i.get("ifOperStatus") == 2 for i in d["interfaces"]) else 1)' "$WORK/plain.json" "$IDX2"; then
        seen=1
        break
    fi
    sleep 0.5
done
check "hub port down: a plain poll reads port2 ifOperStatus down(2)" test -n "$seen"
t0=$(now)
ip -n "$HUB" link set port2 up
check_trap "hub port up" linkUp "$IDX2" "$t0"
check_health "hub port up" port2 up "$t0" 3

# --- 3. SNMP SET of ifAdminStatus really shuts the port, and restores it ------------------------------------
hub_flags() { ip -n "$HUB" -o link show "$1" | sed -n 's/^[^<]*<\([^>]*\)>.*/\1/p'; }
admin_up() { [[ ",$(hub_flags "$1")," == *",UP,"* ]]; }
t_set=$(now)
if in_hub timeout 30 "$AGENT" port set-admin-status --target udp:127.0.0.1:161 --community private \
    --if-name port1 --status down --deadline 15 --json >"$WORK/set-down.json" 2>"$WORK/set-down.err"; then
    pass "set-admin-status down: confirmed by read-back ($(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("%s s, %d reads" % (round(d["seconds"], 2), d["reads"]))' "$WORK/set-down.json"))"
else
    fail "set-admin-status down: confirmed by read-back" "$(cat "$WORK/set-down.err" "$WORK/set-down.json")"
fi
flags=$(hub_flags port1)
if [[ ",$flags," != *",UP,"* ]]; then pass "set-admin-status down: ip link shows port1 down ($flags)"; else
    fail "set-admin-status down: ip link shows port1 down" "flags: $flags"; fi
check_health "SET down" port1 adminDown "$t_set" 20
if in_hub timeout 30 "$AGENT" port set-admin-status --target udp:127.0.0.1:161 --community private \
    --if-index "$IDX1" --status up --deadline 15 --json >"$WORK/set-up.json" 2>"$WORK/set-up.err"; then
    pass "set-admin-status up: confirmed by read-back"
else
    fail "set-admin-status up: confirmed by read-back" "$(cat "$WORK/set-up.err" "$WORK/set-up.json")"
fi
flags=$(hub_flags port1)
if [[ ",$flags," == *",UP,"* ]]; then pass "set-admin-status up: ip link shows port1 up ($flags)"; else
    fail "set-admin-status up: ip link shows port1 up" "flags: $flags"; fi
# A read-only community cannot shut a port: exit 69 with the agent's refusal.
status=0
in_hub timeout 30 "$AGENT" port set-admin-status --target udp:127.0.0.1:161 --community public \
    --if-name port1 --status down --deadline 3 >/dev/null 2>"$WORK/set-ro.err" || status=$?
check "set-admin-status with a read-only community exits 69 and says why" \
    test "$status" = 69 -a -s "$WORK/set-ro.err"
check "port1 is still up after the refused SET" admin_up port1

# snmpd sends each notification twice, as SNMPv2c (trap2sink) and as SNMPv1 (trapsink): both were understood.
if wait_for 2 "d.get('event') == 'trap' and d['version'] == 'v1' and d['kind'] == 'linkDown' and d.get('ifIndex') == $IDX1 and d.get('agentAddress')" >/dev/null; then
    pass "snmpd's SNMPv1 linkDown (generic 2) decoded too, with its agent address"
else
    fail "snmpd's SNMPv1 linkDown (generic 2) decoded too" "$(grep '"v1"' "$WORK/watch.jsonl" | head -2)"
fi

# --- The watch ends cleanly on SIGTERM with its trap statistics -----------------------------------------------
kill -TERM "$WATCH_PID" 2>/dev/null || true
wait "$WATCH_PID" 2>/dev/null || true
if stats=$(wait_for 3 "d.get('event') == 'trapStatistics'"); then
    pass "the watch stops on SIGTERM and prints its trap statistics: $stats"
else
    fail "the watch stops on SIGTERM and prints its trap statistics" "$(tail -3 "$WORK/watch.jsonl")"
fi

echo "$E2E_NAME: trap latencies (s): $(awk '{print $NF}' "$WORK/latencies" 2>/dev/null | paste -sd' ')"
echo "$E2E_NAME: took $SECONDS s"
e2e_finish
