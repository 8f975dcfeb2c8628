#!/usr/bin/env bash
# Faults, not hopes (issue 6): the real registry and the real agent, each in its own network namespace, joined by a
# veth made here; the agent polls a real snmpd in a third (hub) namespace whose veth ports this script flaps.
#
#   registry ns  reg0 10.253.90.1/30 ──veth── up0 10.253.90.2/30  agent ns  mg0 10.253.91.1/30 ──veth── mgmt0 hub ns
#   (HTTPS, CA pinned by the agent; plain HTTP   (waiwang-agent run,                        (snmpd, traps to the
#    on 127.0.0.1 inside for waiwangctl/curl)     outbox in a temp state dir)                agent; port1..16 veths)
#
# Faults, each followed by a check that every health change the agent observed (its outbox's own count, written in
# the same transaction as the row) is in the registry exactly once (GET /api/v1/agents/{id}/observations):
#   a. the line cut: the agent's uplink veth down for 30 s while ports flap, then restored;
#   b. the registry SIGKILLed and away for 60 s while ports flap, then restarted;
#   c. the agent SIGKILLed mid-batch, 3 times: the registry is SIGSTOPped until a batch is in its socket, the agent is
#      SIGKILLed, the registry resumed (it stores the batch; the answer goes nowhere), the agent restarted: it
#      resends what the registry already holds;
#   d. a duplicate batch: observations captured from the agent's outbox during (a) resent with curl after they
#      were stored — stored 0, all duplicates;
#   e. a full outbox: the agent restarted with max_observations = 100 (the least it takes) and the line cut for 40 s —
#      samples dropped (counted), no health change dropped.
# Prints a table: observations in, stored, duplicates, lost. Needs root, ip netns, snmpd, openssl, sqlite3, curl;
# skips (exit 0) with a message otherwise. Everything made here is removed by name and PID on exit.
set -euo pipefail

E2E_NAME=e2e-agent-faults
E2E_BINARIES="waiwang-registry waiwangctl waiwang-agent"
if [ "$(id -u)" != 0 ]; then echo "$E2E_NAME: SKIP: needs root for ip netns"; exit 0; fi
if ! command -v ip >/dev/null || ! ip netns list >/dev/null 2>&1; then
    echo "$E2E_NAME: SKIP: ip netns is unavailable (package iproute2)"; exit 0
fi
for tool in /usr/sbin/snmpd /usr/bin/snmpset /usr/bin/openssl /usr/bin/sqlite3 /usr/bin/curl; do
    [ -x "$tool" ] || { echo "$E2E_NAME: SKIP: $tool is missing"; exit 0; }
done

# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"
export MIBS=""
STARTED=$(date +%s)

REG_NS="wwfreg$$"
AGT_NS="wwfagt$$"
HUB_NS="wwfhub$$"
TMP="wwf$$"          # temporary veth names wwf<PID>{a,b,c,d}, at most 15 characters
REG_IP=10.253.90.1
AGT_IP=10.253.90.2
AGT_MGMT=10.253.91.1
HUB_MGMT=10.253.91.2
PORTS=16            # ports 1–8 are flapped; all 16 are polled, so a 40 s cut overfills an outbox of 100
NETNS_MADE=()
REGISTRY_PID=""
AGENT_PID=""
SNMPD_PID=""
faults_cleanup() {
    # A SIGSTOPped registry must be continued to die of SIGTERM; SIGKILL needs no such care.
    for pid in $AGENT_PID $REGISTRY_PID $SNMPD_PID; do kill -CONT "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true; done
    # SNMPD_PID is the `timeout` around snmpd, which does not pass a SIGKILL on: snmpd itself by its pid file.
    if [ -s "$WORK/snmpd.pid" ]; then kill -9 "$(cat "$WORK/snmpd.pid")" 2>/dev/null || true; fi
    for pid in $AGENT_PID $REGISTRY_PID $SNMPD_PID; do wait "$pid" 2>/dev/null || true; done
    # Deleting a namespace deletes the veths in it (and their peers): only ones created in this run.
    for ns in "${NETNS_MADE[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap 'faults_cleanup; cleanup' EXIT


# --- Namespaces and veths: created under temporary names, moved, renamed inside -----------------------------------
for ns in "$REG_NS" "$AGT_NS" "$HUB_NS"; do
    if ip netns list | grep -qw "$ns"; then echo "$E2E_NAME: namespace $ns exists already" >&2; exit 1; fi
    ip netns add "$ns"
    NETNS_MADE+=("$ns")
    ip -n "$ns" link set lo up
done
for name in "${TMP}a" "${TMP}b" "${TMP}c" "${TMP}d"; do
    if ip link show "$name" >/dev/null 2>&1; then echo "$E2E_NAME: $name exists already" >&2; exit 1; fi
done
ip link add "${TMP}a" type veth peer name "${TMP}b"
ip link set "${TMP}a" netns "$REG_NS"
ip link set "${TMP}b" netns "$AGT_NS"
ip -n "$REG_NS" link set "${TMP}a" name reg0
ip -n "$AGT_NS" link set "${TMP}b" name up0
ip -n "$REG_NS" addr add "$REG_IP/30" dev reg0
ip -n "$AGT_NS" addr add "$AGT_IP/30" dev up0
ip -n "$REG_NS" link set reg0 up
ip -n "$AGT_NS" link set up0 up
ip link add "${TMP}c" type veth peer name "${TMP}d"
ip link set "${TMP}c" netns "$AGT_NS"
ip link set "${TMP}d" netns "$HUB_NS"
ip -n "$AGT_NS" link set "${TMP}c" name mg0
ip -n "$HUB_NS" link set "${TMP}d" name mgmt0
ip -n "$AGT_NS" addr add "$AGT_MGMT/30" dev mg0
ip -n "$HUB_NS" addr add "$HUB_MGMT/30" dev mgmt0
ip -n "$AGT_NS" link set mg0 up
ip -n "$HUB_NS" link set mgmt0 up
# The hub's ports: veth pairs made inside the hub namespace (portN the hub side, farN the unit side).
for n in $(seq $PORTS); do
    ip -n "$HUB_NS" link add "port$n" type veth peer name "far$n"
    ip -n "$HUB_NS" link set "port$n" up
    ip -n "$HUB_NS" link set "far$n" up
done
pass "namespaces $REG_NS (reg0) ↔ $AGT_NS (up0, mg0) ↔ $HUB_NS (mgmt0, port1..$PORTS)"

# --- snmpd in the hub, traps to the agent -----------------------------------------------------------------------
TRAP_PORT=1162
mkdir -p "$WORK/persist"
cat >"$WORK/snmpd.conf" <<EOF
rocommunity public $AGT_MGMT
rwcommunity private 127.0.0.1
sysName hub-faults-e2e
createUser internalUser
rouser internalUser noauth
iquerySecName internalUser
trap2sink $AGT_MGMT:$TRAP_PORT public
notificationEvent linkUpTrap .1.3.6.1.6.3.1.1.5.4 .1.3.6.1.2.1.2.2.1.1 .1.3.6.1.2.1.2.2.1.7 .1.3.6.1.2.1.2.2.1.8
notificationEvent linkDownTrap .1.3.6.1.6.3.1.1.5.3 .1.3.6.1.2.1.2.2.1.1 .1.3.6.1.2.1.2.2.1.7 .1.3.6.1.2.1.2.2.1.8
monitor -r 1 -e linkUpTrap "linkUp" .1.3.6.1.2.1.2.2.1.8 != 2
monitor -r 1 -e linkDownTrap "linkDown" .1.3.6.1.2.1.2.2.1.8 == 2
EOF
ip netns exec "$HUB_NS" timeout --kill-after=5 600 /usr/sbin/snmpd -f -Lo -C -c "$WORK/snmpd.conf" -M /dev/null \
    -p "$WORK/snmpd.pid" "--persistentDir=$WORK/persist" "udp:$HUB_MGMT:161" udp:127.0.0.1:161 >"$WORK/snmpd.log" 2>&1 &
SNMPD_PID=$!
hub_snmp() { ip netns exec "$HUB_NS" "$@"; }
if wait_until 10 'hub_snmp snmpget -v2c -c private -m "" -t 0.3 -r 0 udp:127.0.0.1:161 1.3.6.1.2.1.1.5.0 2>/dev/null | grep -q hub-faults'; then
    pass "snmpd answers in the hub namespace"
else fail "snmpd answers in the hub namespace" "$(tail -20 "$WORK/snmpd.log")"; e2e_finish; exit 1; fi
# The ifTable cache down to 1 s, so polls see a flap soon.
hub_snmp snmpset -v2c -c private -m "" -t 1 -r 1 udp:127.0.0.1:161 1.3.6.1.4.1.8072.1.5.3.1.2.1.3.6.1.2.1.2.2 i 1 \
    >/dev/null 2>&1 || true

# --- The registry: HTTPS on reg0 with a CA made for this run, plain HTTP on its namespace's loopback ---------------
DATA="$WORK/registry"
mkdir -p "$DATA"
cp -r Config "$WORK/config"
python3 - "$WORK/config/agents.json" <<'EOF'
import json, sys
config = json.load(open(sys.argv[1]))
config["pollIntervalSeconds"] = 5
config["heartbeatIntervalSeconds"] = 5
json.dump(config, open(sys.argv[1], "w"), ensure_ascii=False, indent=2)
EOF
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=waiwang-faults-ca" -keyout "$WORK/ca.key" -out "$WORK/ca.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=$REG_IP" -keyout "$WORK/server.key" -out "$WORK/server.csr" >/dev/null 2>&1
printf 'subjectAltName=IP:%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$REG_IP" >"$WORK/server.ext"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 1 \
    -extfile "$WORK/server.ext" -out "$WORK/server.pem" >/dev/null 2>&1
TLS_PORT=8443
HTTP_PORT=8080
URL="http://127.0.0.1:$HTTP_PORT"   # inside the registry namespace
ADMIN=$("$REGISTRY" token create --data-dir "$DATA" --config "$WORK/config" --role admin --name e2e-faults | tail -n 1)
in_reg() { ip netns exec "$REG_NS" "$@"; }
start_registry() {
    ip netns exec "$REG_NS" "$REGISTRY" serve --data-dir "$DATA" --config "$WORK/config" --host "$REG_IP" \
        --port "$TLS_PORT" --tls-cert "$WORK/server.pem" --tls-key "$WORK/server.key" --loopback-port "$HTTP_PORT" \
        >>"$WORK/registry.log" 2>&1 &
    REGISTRY_PID=$!
    wait_until 30 'in_reg curl -sf "$URL/healthz" >/dev/null 2>&1'
}
ctl() { in_reg "$CTL" "$@" --registry "$URL" --token "$ADMIN"; }
if start_registry; then pass "registry answers (HTTPS on $REG_IP:$TLS_PORT, HTTP on its loopback)"; else
    fail "registry answers" "$(tail -20 "$WORK/registry.log")"; e2e_finish; exit 1; fi
DB=$(find "$DATA" -maxdepth 1 -name '*.sqlite' | head -n 1)

COMMUNITY=public ctl credentials create --name hub-faults --version v2c --community-env COMMUNITY >/dev/null
ctl devices create --hub HT --name ht-faults --snmp-address "udp:$HUB_MGMT:161" --credential hub-faults >/dev/null
python3 - "$PORTS" >"$WORK/units.txt" <<'EOF'
import random, sys
sys.path.insert(0, "scripts")
from generate_inventory import credit_code, org_code
rng = random.Random(90)
for n in range(1, int(sys.argv[1]) + 1):
    print(credit_code("530402", org_code(rng)))
EOF
n=0
while read -r code; do
    n=$((n + 1))
    unit=$(ctl units create --name "红塔区故障测试单位$n" --credit-code "$code" --level county --division 530402 \
        --address "玉溪市红塔区故障路${n}号" --contact 张三 --phone 13800000000 --json | json_get 'd["id"]')
    ctl links create --kind leased --carrier 中国电信 --bandwidth 100M --device ht-faults --port "port$n" \
        --unit "$unit" --json >/dev/null
done <"$WORK/units.txt"
if [ "$n" = "$PORTS" ]; then pass "device ht-faults with $PORTS links on port1..$PORTS registered"; else
    fail "links registered" "$n of $PORTS"; fi

# --- The agent --------------------------------------------------------------------------------------------------
STATE="$WORK/state"
TOKEN=$(ctl agents create --hub HT --name e2e-faults --json | json_get 'd["token"]')
if ip netns exec "$AGT_NS" "$AGENT" enroll --registry "https://$REG_IP:$TLS_PORT" --token "$TOKEN" --state-dir "$STATE" \
    --ca "$WORK/ca.pem" >"$WORK/enroll.out" 2>&1; then pass "agent enrolled over the veth: $(cat "$WORK/enroll.out")"; else
    fail "agent enrolled" "$(cat "$WORK/enroll.out")"; e2e_finish; exit 1; fi
AGENT_ID=$(json_get 'd["agentId"]' <"$STATE/credential.json")
SECRET=$(json_get 'd["secret"]' <"$STATE/credential.json")
write_config() {
    cat >"$WORK/agent.toml" <<EOF
[registry]
url = "https://$REG_IP:$TLS_PORT"
ca_file = "$WORK/ca.pem"
[agent]
state_dir = "$STATE"
[outbox]
max_observations = $1
batch_size = 50
[intervals]
assignment_refresh_seconds = 5
command_wait_seconds = 5
backoff_cap_seconds = 2
heartbeat_seconds = 5
[snmp]
timeout_seconds = 1
retries = 0
traps = "udp:$AGT_MGMT:$TRAP_PORT"
trap_communities = ["public"]
[metrics]
listen = "127.0.0.1:9464"
EOF
}
start_agent() {
    ip netns exec "$AGT_NS" "$AGENT" run --config "$WORK/agent.toml" >>"$WORK/agent.log" 2>&1 &
    AGENT_PID=$!
}
stop_agent() {
    kill -TERM "$AGENT_PID" 2>/dev/null || true
    wait_until 20 '! kill -0 "$AGENT_PID" 2>/dev/null' || kill -9 "$AGENT_PID" 2>/dev/null || true
    wait "$AGENT_PID" 2>/dev/null || true
    AGENT_PID=""
}
write_config 100000
start_agent

# --- Figures: the agent's side from its outbox (written in the row's own transaction), the registry's from the API -
outbox() { sqlite3 -cmd '.timeout 5000' "$STATE/outbox.sqlite" "$1" 2>/dev/null; }
meta() { outbox "SELECT COALESCE((SELECT value FROM meta WHERE name = '$1'), 0)"; }
unsent() { outbox "SELECT COUNT(*) FROM observation WHERE kind != 'heartbeat'"; }
counts() { in_reg curl -sf -H "Authorization: Bearer $ADMIN" "$URL/api/v1/agents/$AGENT_ID/observations"; }
reg() { counts | json_get "d['$1']"; }
# Rows the registry holds for this agent beyond its distinct keys would be duplicates; the keys are unique by schema,
# so duplicates show as more rows of a kind than the agent wrote.
drained() { [ "$(unsent)" = 0 ]; }
FLAPS=0
# flap N: the unit side of portN down for 7 s, then up (two health changes at the hub, two traps), in the background.
flap() { (ip -n "$HUB_NS" link set "far$1" down; sleep 7; ip -n "$HUB_NS" link set "far$1" up) & FLAPS=$((FLAPS + 2)); }

if wait_until 90 '[ "$(reg linkSamples 2>/dev/null || echo 0)" -ge "$PORTS" ]'; then
    pass "samples of the $PORTS ports arrive over HTTPS ($(reg linkSamples))"
else fail "samples arrive" "$(tail -20 "$WORK/agent.log")"; e2e_finish; exit 1; fi

ROWS=()
# check_fault NAME: waits for the outbox to drain, then compares the agent's figures with the registry's.
check_fault() {
    local name=$1 extra=${2:-}
    wait_until 60 drained || true
    # The agent keeps polling: freeze it (and let a batch in flight land) so both sides are read at one moment.
    kill -STOP "$AGENT_PID" 2>/dev/null || true
    sleep 1.5
    local w_h w_t w_s d_s d_t left s_h s_t s_s
    w_h=$(meta written.health_change); w_t=$(meta written.trap); w_s=$(meta written.link_sample)
    d_s=$(meta dropped.link_sample); d_t=$(meta dropped.trap); left=$(unsent)
    s_h=$(reg healthChanges); s_t=$(reg traps); s_s=$(reg linkSamples)
    kill -CONT "$AGENT_PID" 2>/dev/null || true
    local dup=0 lost
    [ "$s_h" -gt "$w_h" ] && dup=$((dup + s_h - w_h))
    [ "$s_t" -gt "$((w_t - d_t))" ] && dup=$((dup + s_t - w_t + d_t))
    lost=$((w_h - s_h))
    [ "$lost" -lt 0 ] && lost=0
    ROWS+=("$(printf '%-26s %7s %7s %9s %9s %6s %9s %7s %7s %5s %5s' "$name" "$FLAPS" "$w_h" "$s_h" "$((w_t))/$s_t" \
        "$w_s" "$s_s" "$d_s" "$left" "$dup" "$lost")")
    if [ "$left" = 0 ] && [ "$s_h" = "$w_h" ] && [ "$w_h" -gt 0 ]; then
        pass "$name: every health change observed is stored exactly once ($s_h of $w_h)$extra"
    else
        fail "$name: every health change observed is stored exactly once" \
            "observed $w_h, stored $s_h, unsent $left; $(tail -5 "$WORK/agent.log")"
    fi
    if [ "$s_t" = "$((w_t - d_t))" ] && [ "$((s_s + d_s + left))" -ge "$w_s" ] && [ "$s_s" -le "$w_s" ]; then
        pass "$name: traps stored once ($s_t of $w_t), samples $s_s stored + $d_s dropped of $w_s, none twice"
    else fail "$name: traps and samples stored once" "traps $s_t/$w_t (dropped $d_t), samples $s_s/$w_s dropped $d_s"; fi
}

# --- a. The line cut for 30 s, ports flapping -------------------------------------------------------------------
ip -n "$AGT_NS" link set up0 down
flap 1
sleep 9
flap 2
sleep 9
# Capture a batch for (d): what the agent holds unsent now, health changes first, as it would send them.
outbox "SELECT body FROM observation WHERE kind != 'heartbeat' ORDER BY priority DESC, seq LIMIT 50" >"$WORK/captured.jsonl"
sleep 12
depth_cut=$(unsent)
ip -n "$AGT_NS" link set up0 up
echo "     line cut 30 s: $depth_cut observations waited in the outbox"
check_fault "a. line cut 30 s"

# --- d. A duplicate batch: the captured observations, resent with curl -------------------------------------------
python3 -c '
import json, sys
print(json.dumps({"observations": [json.loads(line) for line in open(sys.argv[1]) if line.strip()]}))' \
    "$WORK/captured.jsonl" >"$WORK/captured.json"
captured=$(grep -c . "$WORK/captured.jsonl" || true)
before=$(counts)
ip netns exec "$AGT_NS" curl -s --cacert "$WORK/ca.pem" -H "Authorization: Bearer $SECRET" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/captured.json" "https://$REG_IP:$TLS_PORT/api/v1/agent/observations" >"$WORK/dup.json"
after=$(counts)
dup_stored=$(json_get 'd["stored"]' <"$WORK/dup.json" 2>/dev/null || echo "?")
dup_dups=$(json_get 'd["duplicates"]' <"$WORK/dup.json" 2>/dev/null || echo "?")
if [ "$captured" -gt 0 ] && [ "$dup_stored" = 0 ] && [ "$dup_dups" = "$captured" ] && [ "$before" = "$after" ]; then
    pass "d. duplicate batch of $captured captured observations: stored 0, duplicates $dup_dups, counts unchanged"
else fail "d. duplicate batch" "captured $captured, answer $(head -c 300 "$WORK/dup.json"), before $before, after $after"; fi
ROWS+=("$(printf '%-26s %7s %7s %9s %9s %6s %9s %7s %7s %5s %5s' "d. duplicate batch" "-" "$captured" "$dup_stored" "-" "-" "-" "-" "-" \
    "0" "0")")

# --- b. The registry SIGKILLed and away for 60 s ------------------------------------------------------------------
kill -9 "$REGISTRY_PID"; wait "$REGISTRY_PID" 2>/dev/null || true
flap 3
sleep 15
flap 4
sleep 15
flap 5
sleep 30
depth_away=$(unsent)
if start_registry; then pass "b. registry restarted after 60 s away ($depth_away observations waited)"; else
    fail "b. registry restarted" "$(tail -10 "$WORK/registry.log")"; fi
check_fault "b. registry killed 60 s"

# --- c. The agent SIGKILLed mid-batch, 3 times -------------------------------------------------------------------
# recv_q: bytes waiting in the registry's TLS sockets (a batch the agent sent to a stopped registry).
recv_q() { in_reg ss -Htn state established "( sport = :$TLS_PORT )" | awk '{s += $1} END {print s + 0}'; }
# held: observations still in the agent's outbox that the registry has already stored (sent, not acknowledged).
held() {
    sqlite3 -cmd '.timeout 5000' "$DB" "ATTACH '$STATE/outbox.sqlite' AS o;
        SELECT COUNT(*) FROM o.observation WHERE key IN (SELECT key FROM agentObservationKey WHERE agentId = $AGENT_ID)"
}
mid=0
flap 6
for round in 1 2 3; do
    # A batch is in flight once its bytes sit unread in the stopped registry's socket (a poll every 5 s makes one).
    # A batch on a new connection waits for the TLS handshake and never reaches the socket: let the registry run
    # a moment and try again (up to 3 times) rather than kill blind.
    q=0
    for _ in 1 2 3; do
        kill -STOP "$REGISTRY_PID"
        if wait_until 12 '[ "$(recv_q)" -gt 1000 ]'; then q=$(recv_q); break; fi
        kill -CONT "$REGISTRY_PID"
        sleep 2
    done
    sleep 0.3
    kill -9 "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
    kill -CONT "$REGISTRY_PID"
    sleep 2
    h=$(held)
    [ "$q" -gt 1000 ] && mid=$((mid + 1))
    echo "     SIGKILL $round: $q bytes of a batch unread in the registry's socket at the kill; afterwards $h observations" \
        "stored by the registry were still in the agent's outbox (their acknowledgement lost)"
    start_agent
    wait_until 30 drained || true
done
if [ "$mid" = 3 ]; then pass "c. all 3 SIGKILLs hit a batch in flight"; else
    fail "c. all 3 SIGKILLs hit a batch in flight" "$mid of 3"; fi
check_fault "c. agent SIGKILL ×3" ""

# --- e. A full outbox: max_observations 100 (the least the agent takes), the line cut for 40 s ----------------------
stop_agent
write_config 100
start_agent
sleep 10
ip -n "$AGT_NS" link set up0 down
flap 7
sleep 15
flap 8
sleep 25
full_depth=$(outbox "SELECT COUNT(*) FROM observation")
ip -n "$AGT_NS" link set up0 up
dropped_before_check=$(meta dropped.link_sample)
check_fault "e. full outbox (100)"
reg_drops() { counts >/dev/null; in_reg curl -sf -H "Authorization: Bearer $ADMIN" "$URL/api/v1/agents?hub=HT" \
    | json_get "([a.get('droppedSamples') or 0 for a in d if a['id'] == $AGENT_ID] or [0])[0]"; }
wait_until 20 '[ "$(reg_drops)" -gt 0 ]' || true
hb_drops=$(reg_drops)
if [ "$dropped_before_check" -gt 0 ] && [ "$hb_drops" -gt 0 ]; then
    pass "e. outbox held $full_depth (bound 100; priority rows may exceed it); $dropped_before_check samples dropped, reported to the registry ($hb_drops)"
else fail "e. samples dropped and reported" "dropped $dropped_before_check, registry says $hb_drops, depth $full_depth"; fi

# --- The table ------------------------------------------------------------------------------------------------------
echo
echo "     cumulative after each fault; health changes and traps as the agent's outbox counted them when it wrote them:"
printf '     %-26s %7s %7s %9s %9s %6s %9s %7s %7s %5s %5s\n' fault flaps health stored traps samples stored dropped unsent dup lost
for row in "${ROWS[@]}"; do echo "     $row"; done
echo "     (flaps: port state changes caused at the hub; health: health changes the agent observed; d: observations resent, stored)"
echo "     run time $(( $(date +%s) - STARTED )) s"
e2e_finish
