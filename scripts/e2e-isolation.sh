#!/usr/bin/env bash
# End to end, issue 7: from an attack to a cut port, the reports, and back — real processes in network namespaces.
#
#   unit namespace ──uplink1/port1── hub namespace ──ext0/wan0── extranet namespace (10.252.N.1)
#                                     │ snmpd (rw community) on mgmt0; port1 mirrored onto span0
#   root namespace: waiwang-registry on 127.0.0.1 (with an SMTP relay: a real aiosmtpd sink on loopback),
#                   waiwang-agent polling the hub over the management veth and capturing the mirror of port1.
#
# nmap from the unit LAN → port_scan alert → incident → grade raised to 较大 by security staff → order proposed
# by one user → refused to the same user (four eyes), approved by a second → executed: port1 really goes down
# (SNMP SET, read back) and the unit no longer reaches the extranet → the reports arrive at the SMTP sink for the
# superior authority, 网信 and 公安 → remediation recorded by the county → verified → restored: port1 up, the unit
# reaches the extranet again → closed. Prints and checks three timings, each ≤ 5 s: attack start → incident,
# approval → port confirmed down, restore → port confirmed up.
# Needs root, ip netns, snmpd, tc, nmap, python3-venv (the SMTP sink comes from PyPI once); skips (exit 0) otherwise.
# Namespaces, veths and processes made here are removed by name and PID on exit, also on failure.
set -euo pipefail

E2E_NAME=e2e-isolation
E2E_BINARIES="waiwang-registry waiwangctl waiwang-agent"
if [ "$(id -u)" != 0 ]; then echo "$E2E_NAME: SKIP: needs root for ip netns"; exit 0; fi
if ! command -v ip >/dev/null || ! ip netns list >/dev/null 2>&1; then
    echo "$E2E_NAME: SKIP: ip netns is unavailable (package iproute2)"; exit 0
fi
for tool in /usr/sbin/snmpd /usr/bin/snmpget /usr/sbin/tc /usr/bin/nmap /usr/bin/sqlite3; do
    [ -x "$tool" ] || { echo "$E2E_NAME: SKIP: $tool is missing"; exit 0; }
done

# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"
# shellcheck source=lib/hub-lab.sh
source "$(dirname "$0")/lib/hub-lab.sh"

LAB_TAG=wwi   # namespaces wwi{hub,unit,ext}<PID>, temporary veths wwi<PID><letter>
AGENT_PID=""
isolation_cleanup() {
    if [ -n "$AGENT_PID" ]; then
        kill "$AGENT_PID" 2>/dev/null || true
        wait "$AGENT_PID" 2>/dev/null || true
    fi
    hub_lab_cleanup
}
trap 'isolation_cleanup; cleanup' EXIT

# --- Namespaces, snmpd ------------------------------------------------------------------------------------------
hub_lab_create "$LAB_TAG"
hub_lab_add_extranet   # EXTRANET: a host in the extranet namespace that the unit reaches through the hub
pass "namespaces $HUB (port1, mgmt0, span0 mirroring port1, wan0), $UNIT_NS and $EXTRANET_NS"
if hub_lab_start_snmpd hub-isolation-e2e 600; then pass "snmpd answers on the hub's management address $MGMT_HUB"; else
    fail "snmpd answers on the hub's management address" "$(tail -20 "$WORK/snmpd.log")"; e2e_finish; exit 1
fi
# A web server on the extranet host stands for the extranet's services; reaching it is what the cut takes away.
mkdir -p "$WORK/www" && echo "政务外网服务" >"$WORK/www/index.html"
ip netns exec "$EXTRANET_NS" timeout 900 python3 -m http.server 8080 --bind "$EXTRANET" --directory "$WORK/www" \
    >"$WORK/www.log" 2>&1 &
HUB_LAB_PIDS+=($!)
unit_reaches_extranet() { ip netns exec "$UNIT_NS" curl -s -m 1 -o /dev/null "http://$EXTRANET:8080/"; }
if wait_until 10 unit_reaches_extranet; then pass "the unit reaches the extranet host $EXTRANET:8080 through the hub"; else
    fail "the unit reaches the extranet host $EXTRANET"; e2e_finish; exit 1
fi

# --- The SMTP sink: a real SMTP server (aiosmtpd) on loopback ----------------------------------------------------
MAILDIR="$WORK/mail"
mkdir -p "$MAILDIR"
bash scripts/lib/mail-sink.sh --maildir "$MAILDIR" --port 0 >"$WORK/sink.out" 2>&1 &
SERVER_PIDS+=($!)
SMTP_PORT=$(listening_port "$WORK/sink.out")
pass "SMTP sink (aiosmtpd) listening on 127.0.0.1:$SMTP_PORT"

# --- The registry -------------------------------------------------------------------------------------------------
# The shipped configuration, with the recipients' mail kept and their webhooks dropped (this test sends nothing
# off the machine: every mail goes to the sink above), a 5 s heartbeat, and the hub's capture on the mirror port.
cp -r Config "$WORK/config"
python3 - "$WORK/config" "${LAB_TMP}s" <<'EOF'
import json, sys
folder, mirror = sys.argv[1], sys.argv[2]
escalation = json.load(open(f"{folder}/escalation.json"))
for recipient in escalation["recipients"]:
    recipient["webhooks"] = []
json.dump(escalation, open(f"{folder}/escalation.json", "w"), ensure_ascii=False, indent=2)
agents = json.load(open(f"{folder}/agents.json"))
agents["pollIntervalSeconds"] = 5
agents["heartbeatIntervalSeconds"] = 5
agents["hubs"]["HT"]["capture"] = [{"interface": mirror, "device": "ht-core-iso", "port": "port1"}]
json.dump(agents, open(f"{folder}/agents.json", "w"), ensure_ascii=False, indent=2)
EOF
DATA="$WORK/registry"
mkdir -p "$DATA"
token() { registry_token "$DATA" "$WORK/config" "$@"; }
ADMIN=$(token --role admin --name e2e-admin)
ALICE=$(token --role security --name alice)
BOB=$(token --role security --name bob)
CAROL=$(token --role county --name carol --division 530402)
REG_PORT=$(free_port)
URL="http://127.0.0.1:$REG_PORT"
if registry_serve "$WORK/registry.log" 30 "$DATA" "$WORK/config" "$REG_PORT" \
    --smtp "127.0.0.1:$SMTP_PORT" --smtp-from "waiwang@yuxi.example.gov.cn"; then pass "registry answers on $URL"; else
    fail "registry answers on $URL" "$(tail -20 "$WORK/registry.log")"; e2e_finish; exit 1
fi
as() { local who=$1; shift; "$CTL" "$@" --registry "$URL" --token "$who"; }

# --- Inventory: the hub's device, the unit, its link on port1 -----------------------------------------------------
ctl() { as "$ADMIN" "$@"; }
hub_lab_register ht-core-iso 红塔区隔离测试单位 11530402MB0000003R 玉溪市红塔区测试路3号
pass "unit $UNIT_ID ($UNIT_PREFIX) on link $LINK_ID, port1 of ht-core-iso"

# --- The agent: enrolled, polling the hub, capturing the mirror of port1 -----------------------------------------
STATE="$WORK/state"
ENROL=$(as "$ADMIN" agents create --hub HT --name e2e-isolation --json | json_get 'd["token"]')
"$AGENT" enroll --registry "$URL" --token "$ENROL" --state-dir "$STATE" --allow-insecure-loopback >"$WORK/enroll.out" 2>&1 \
    || { fail "agent enrols" "$(cat "$WORK/enroll.out")"; e2e_finish; exit 1; }
cat >"$WORK/agent.toml" <<EOF
[registry]
url = "$URL"
allow_insecure_loopback = true
[agent]
state_dir = "$STATE"
[intervals]
assignment_refresh_seconds = 5
command_wait_seconds = 5
heartbeat_seconds = 5
[snmp]
timeout_seconds = 1
retries = 0
[capture]
enabled = true
detection_policy = "$WORK/detection.json"
EOF
# The shipped thresholds, with episodes closed after 3 idle seconds.
python3 - Config/detection.json "$WORK/detection.json" <<'EOF'
import json, sys
policy = json.load(open(sys.argv[1]))
policy["episodes"]["idleTimeoutSeconds"] = 3
json.dump(policy, open(sys.argv[2], "w"), indent=2)
EOF
"$AGENT" run --config "$WORK/agent.toml" >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!
if wait_until 60 'grep -q "capturing" "$WORK/agent.log"'; then pass "the agent runs and captures the mirror of port1"; else
    fail "the agent runs and captures the mirror of port1" "$(tail -10 "$WORK/agent.log")"; e2e_finish; exit 1
fi

# --- Attack → incident -------------------------------------------------------------------------------------------
now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
within() { python3 -c "import sys; sys.exit(0 if $1 <= $2 else 1)"; }
incident_of_unit() {
    as "$ALICE" incidents list --unit "$UNIT_ID" --json 2>/dev/null \
        | json_get 'd["items"][0]["id"] if d["items"] else ""' 2>/dev/null
}
attack_started=$(now)
ip netns exec "$UNIT_NS" timeout 30 nmap -sS -Pn -n -p 1-300 --max-rate 3000 "$EXTRANET" >"$WORK/nmap.out" 2>&1 &
NMAP_PID=$!
INCIDENT=""
if wait_until 20 '[ -n "$(incident_of_unit)" ]'; then
    INCIDENT=$(incident_of_unit)
    T_INCIDENT=$(elapsed "$attack_started" "$(now)")
    echo "     timing: attack start → incident $INCIDENT: $T_INCIDENT s"
    if within "$T_INCIDENT" 5; then pass "incident $INCIDENT $T_INCIDENT s after the attack started (≤ 5 s)"; else
        fail "incident within 5 s of the attack" "$T_INCIDENT s"; fi
else
    fail "an incident is opened for unit $UNIT_ID" "$(as "$ADMIN" incidents list --json | head -c 800; echo
        as "$ADMIN" agents observations 1 --json; grep -i "error\|warn" "$WORK/registry.log" | tail -5; tail -3 "$WORK/agent.log")"
    e2e_finish; exit 1
fi
wait "$NMAP_PID" 2>/dev/null || true
as "$ALICE" incidents show "$INCIDENT" --json >"$WORK/incident.json"
summary=$(json_get '(d["kind"], d["grade"], d["unit"])' <"$WORK/incident.json")
if [ "$summary" = "('port_scan', 'general', '$UNIT_ID')" ]; then pass "incident: port_scan of unit $UNIT_ID, graded 一般 by the policy"; else
    fail "incident kind, grade, unit" "$summary"; fi

# Security staff raise the grade: 较大 is reported to the superior authority, 网信 and 公安 at the same time.
if as "$ALICE" incidents grade "$INCIDENT" --grade major --reason "扫描目标为市级重要业务系统" >/dev/null 2>"$WORK/grade.err" \
    && [ "$(as "$ALICE" incidents show "$INCIDENT" --json | json_get 'd["grade"]')" = major ]; then
    pass "grade raised to 较大 with a reason"
else fail "grade raised to 较大" "$(cat "$WORK/grade.err")"; fi

# --- Order: proposed by alice, four eyes, approved by bob, executed ------------------------------------------------
ORDER=$(as "$ALICE" orders propose --incident "$INCIDENT" --reason "端口扫描外网，隔离该单位" --json | json_get 'd["id"]')
if [ -n "$ORDER" ] && [ "$(as "$ALICE" orders show "$ORDER" --json | json_get 'd["state"]')" = proposed ]; then
    pass "order $ORDER proposed by alice"
else fail "order proposed"; e2e_finish; exit 1; fi
if ! as "$ALICE" orders approve "$ORDER" >/dev/null 2>"$WORK/self-approve.err"; then
    pass "alice cannot approve her own proposal (four eyes): $(head -c 160 "$WORK/self-approve.err")"
else fail "the proposer approving her own order is refused"; fi
order_state() { as "$BOB" orders show "$ORDER" --json | json_get 'd["state"]'; }
approved_at=$(now)
as "$BOB" orders approve "$ORDER" >/dev/null 2>"$WORK/approve.err" || fail "bob approves" "$(cat "$WORK/approve.err")"
as "$BOB" orders execute "$ORDER" >/dev/null 2>"$WORK/execute.err" || fail "bob executes" "$(cat "$WORK/execute.err")"
if wait_until 20 '[ "$(order_state)" = isolated ]'; then
    T_DOWN=$(elapsed "$approved_at" "$(now)")
    echo "     timing: approval → port confirmed down: $T_DOWN s"
    if within "$T_DOWN" 5; then pass "order isolated $T_DOWN s after approval (≤ 5 s)"; else
        fail "port confirmed down within 5 s of approval" "$T_DOWN s"; fi
else
    fail "order reaches isolated" "$(as "$BOB" orders show "$ORDER" --json | head -c 600; tail -5 "$WORK/agent.log")"
    e2e_finish; exit 1
fi
if ip -n "$HUB" link show port1 | grep -q "state DOWN"; then pass "port1 is really down in the hub namespace"; else
    fail "port1 is really down" "$(ip -n "$HUB" link show port1)"; fi
if ! unit_reaches_extranet; then pass "the unit can no longer reach the extranet"; else
    fail "the unit can no longer reach the extranet"; fi
echo "     link state: $(as "$ADMIN" links state "$LINK_ID" --json 2>/dev/null | head -c 300)"
echo "     unit: $(as "$ADMIN" units show "$UNIT_ID" --json 2>/dev/null | json_get 'd.get("state")')"

# --- The reports at the SMTP sink --------------------------------------------------------------------------------
# mail_recipients: every envelope recipient the sink accepted, sorted and unique.
mail_recipients() {
    python3 - "$MAILDIR" <<'EOF'
import glob, json, sys
seen = set()
for path in glob.glob(f"{sys.argv[1]}/*.json"):
    seen.update(json.load(open(path)).get("rcpt_tos", []))
print(" ".join(sorted(seen)))
EOF
}
EXPECTED="waiwang@yuxi.example.gov.cn wangan@hongta.yuxi.example.gov.cn wangxin@hongta.yuxi.example.gov.cn"
if wait_until 20 '[ "$(mail_recipients)" = "$EXPECTED" ]'; then
    pass "reports arrived for the superior authority, 网信 and 公安: $(mail_recipients)"
else fail "reports to the superior authority, 网信 and 公安" "got: $(mail_recipients)"; fi
attached=$(python3 - "$MAILDIR" <<'EOF'
import glob, json, sys
names = set()
for path in glob.glob(f"{sys.argv[1]}/*.json"):
    for part in json.load(open(path)).get("message", {}).get("attachments", []):
        names.add(part.get("filename") or "")
print(" ".join(sorted(names)))
EOF
)
if [ -n "$attached" ]; then pass "each report carries the document: $attached"; else fail "the report document is attached"; fi
sent=0
if as "$ADMIN" deliveries list --incident "$INCIDENT" --json >"$WORK/deliveries.json" 2>&1; then
    sent=$(json_get 'sum(1 for x in d if x["state"] == "sent")' <"$WORK/deliveries.json")
fi
if [ "$sent" -ge 3 ]; then pass "the registry records $sent deliveries as sent, with their times"; else
    fail "deliveries recorded as sent" "$(head -c 400 "$WORK/deliveries.json")"; fi

# --- Remediation by the county, verification, restore ---------------------------------------------------------------
# The signed rectification form, scanned: a small PNG (attachments are PDF, PNG or JPEG).
python3 - "$WORK/整改报告.png" <<'EOF'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\0" + b"\xff\xff\xff" * 8 for _ in range(8))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
EOF
if as "$CAROL" orders remediate "$ORDER" --summary "溯源：内网主机 $UNIT_ADDRESS 被植入扫描程序；查杀完成；已整改" \
    --attachment "$WORK/整改报告.png" >/dev/null 2>"$WORK/remediate.err"; then
    pass "remediation recorded by the county ($(order_state))"
else fail "remediation recorded by the county" "$(cat "$WORK/remediate.err")"; fi
if as "$BOB" orders verify "$ORDER" --accept --note "复核通过" >/dev/null 2>"$WORK/verify.err"; then
    pass "remediation verified by bob"
else fail "remediation verified" "$(cat "$WORK/verify.err")"; fi
restore_at=$(now)
as "$BOB" orders restore "$ORDER" >/dev/null 2>"$WORK/restore.err" || fail "restore accepted" "$(cat "$WORK/restore.err")"
if wait_until 20 '[ "$(order_state)" = restored ]'; then
    T_UP=$(elapsed "$restore_at" "$(now)")
    echo "     timing: restore → port confirmed up: $T_UP s"
    if within "$T_UP" 5; then pass "order restored $T_UP s after the restore (≤ 5 s)"; else
        fail "port confirmed up within 5 s of the restore" "$T_UP s"; fi
else fail "order reaches restored" "$(as "$BOB" orders show "$ORDER" --json | head -c 600)"; fi
if wait_until 10 unit_reaches_extranet; then pass "the unit reaches the extranet again"; else
    fail "the unit reaches the extranet again"; fi
if as "$BOB" orders close "$ORDER" >/dev/null 2>"$WORK/close.err" && [ "$(order_state)" = closed ]; then
    pass "order closed"
else fail "order closed" "$(cat "$WORK/close.err")"; fi
steps=$(as "$ADMIN" orders show "$ORDER" --json | json_get 'len(d["timeline"])')
echo "     order timeline: $steps entries"

echo "     timings: attack → incident ${T_INCIDENT:-?} s, approval → port down ${T_DOWN:-?} s, restore → port up ${T_UP:-?} s"
e2e_finish
