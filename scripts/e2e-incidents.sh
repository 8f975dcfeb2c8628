#!/usr/bin/env bash
# End to end, the registry side of issue 7 with the built binaries: an agent's alert (posted as the agent protocol
# says) becomes an incident within a second, a worm fan-out gets an order proposed by the registry, a person
# approves it (never the proposer), `orders execute` queues port.shutdown for the hub's agent, the agent's read-back
# isolates the unit (shown isolated, its link adminDown), then remediation, verification, restore and close —
# all through `waiwangctl --json`.
set -euo pipefail

E2E_NAME=e2e-incidents
source "$(dirname "$0")/lib/e2e-harness.sh"

DIR="$WORK/registry"
mkdir -p "$DIR"
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
ADMIN=$(registry_token "$DIR" Config --role admin --name e2e-admin)
SECURITY=$(registry_token "$DIR" Config --role security --name 李安全)
COUNTY=$(registry_token "$DIR" Config --role county --name 红塔区数据局 --division 530402)
registry_serve "$DIR/server.log" 20 "$DIR" Config "$PORT" ||
    { fail "registry answers" "$(tail "$DIR/server.log")"; e2e_finish; exit 1; }

as() {
    local token=$1
    shift
    "$CTL" "$@" --registry "$URL" --token "$token"
}

# A 红塔区 unit on HT-AGG-01 Gi0/0/1 with 10.1.2.0/24, and an enrolled agent at the hub.
CODE=$(python3 -c "
chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
first = '11530402MB0000001'
total = sum(chars.index(c) * w for c, w in zip(first, weights))
print(first + chars[(31 - total % 31) % 31])")
as "$ADMIN" devices create --hub HT --name HT-AGG-01 --snmp-address udp:10.53.1.1:161 >/dev/null
as "$ADMIN" units create --name 红塔区人民政府办公室 --credit-code "$CODE" --level county --division 530402 \
    --address 玉溪市红塔区聂耳路28号 --contact 张三 --phone 0877-2012345 >/dev/null
LINK=$(as "$ADMIN" links create --kind vpdn --carrier 中国电信 --bandwidth 100 --device HT-AGG-01 \
    --port GigabitEthernet0/0/1 --unit "$CODE" --json | json_get 'd["id"]')
as "$ADMIN" prefixes create --unit "$CODE" --cidr 10.1.2.0/24 >/dev/null
TICKET=$(as "$ADMIN" agents create --hub HT --json | json_get 'd["token"]')
SECRET=$(curl -sf -X POST "$URL/api/v1/agents/enroll" -H 'content-type: application/json' \
    -d "{\"token\":\"$TICKET\",\"hostname\":\"probe-ht\",\"version\":\"e2e\"}" | json_get 'd["secret"]')
agent() { curl -sf -H "authorization: Bearer $SECRET" -H 'content-type: application/json' "$@"; }

NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
agent -X POST "$URL/api/v1/agent/observations" -d "{\"observations\":[{\"key\":\"e2e-1\",\"kind\":\"alert\",
  \"observedAt\":\"$NOW\",\"alert\":{\"alertId\":\"worm_fanout-10.1.2.77\",\"state\":\"open\",\"kind\":\"worm_fanout\",
  \"attacker\":\"10.1.2.77\",\"linkId\":\"$LINK\",\"spoofedSource\":false,\"targetCount\":300,
  \"targetsSample\":[\"10.53.0.1\"],\"ports\":[445],\"firstSeen\":\"$NOW\",\"lastSeen\":\"$NOW\",\"packets\":9000,
  \"bytes\":540000,\"packetsPerSecond\":150}}]}" >/dev/null
check "the worm fan-out is an incident within a second" wait_until 1 \
    '[ "$(as "$SECURITY" incidents list --state open --json | json_get "d[\"total\"]")" = 1 ]'
INCIDENT=$(as "$SECURITY" incidents list --json | json_get 'd["items"][0]["id"]')
as "$SECURITY" incidents show "$INCIDENT" --json >"$WORK/incident.json"
check "graded 较大 (major) by the worm-fanout rule, attributed to the unit" python3 -c "
import json; d = json.load(open('$WORK/incident.json'))
assert d['grade'] == 'major' and d['kind'] == 'worm_fanout' and d['creditCode'] == '$CODE', d
assert d['alertIds'] == ['worm_fanout-10.1.2.77'] and len(d['orderIds']) == 1, d"
check "the report names the unit and the grade" bash -c '"$0" incidents report "$1" --registry "$2" --token "$3" | \
    grep -q "红塔区人民政府办公室" && "$0" incidents report "$1" --registry "$2" --token "$3" | grep -q "较大"' \
    "$CTL" "$INCIDENT" "$URL" "$SECURITY"
ORDER=$(json_get 'd["orderIds"][0]' <"$WORK/incident.json")
check "the registry proposed the order itself" \
    test "$(as "$SECURITY" orders show "$ORDER" --json | json_get 'd["proposedBy"] + "/" + d["state"]')" = system/proposed

check "a county may not approve" bash -c '! "$0" orders approve "$1" --registry "$2" --token "$3" 2>/dev/null' \
    "$CTL" "$ORDER" "$URL" "$COUNTY"
check "security approves" test "$(as "$SECURITY" orders approve "$ORDER" --json | json_get 'd["state"]')" = approved
check "execute sends the shutdown" \
    test "$(as "$SECURITY" orders execute "$ORDER" --json | json_get 'd["ports"][0]["down"]')" = sent

answer() {
    local status=$1 command
    command=$(agent "$URL/api/v1/agent/commands?wait=2" | json_get 'd[0]["id"]')
    agent -X POST "$URL/api/v1/agent/commands/$command/result" -d "{\"id\":\"$command\",\"outcome\":\"confirmed\",
      \"adminStatus\":\"$status\",\"operStatus\":\"$status\",\"message\":\"\",\"finishedAt\":\"$NOW\"}" >/dev/null
}
answer down
check "the agent's read-back isolates the order" \
    test "$(as "$SECURITY" orders show "$ORDER" --json | json_get 'd["state"] + "/" + d["ports"][0]["down"]')" = isolated/confirmed
check "the unit shows isolated" test "$(as "$ADMIN" units show "$CODE" --json | json_get 'd["state"]')" = isolated
check "the link shows a deliberate cut, not an outage" test "$(curl -sf -H "authorization: Bearer $ADMIN" \
    "$URL/api/v1/links/$LINK/state" | json_get 'd["health"] + "/" + d["isolatedBy"]')" = "adminDown/$ORDER"

check "the county records the remediation" \
    test "$(as "$COUNTY" orders remediate "$ORDER" --summary 已查杀并加固 --json | json_get 'd["state"]')" = verifying
check "security staff accept it" \
    test "$(as "$SECURITY" orders verify "$ORDER" --accept --note 复核通过 --json | json_get 'd["verifiedBy"]')" = 李安全
check "restore sends port.restore" \
    test "$(as "$SECURITY" orders restore "$ORDER" --json | json_get 'd["ports"][0]["up"]')" = sent
answer up
check "the read-back restores the order and the unit" test "$(as "$SECURITY" orders show "$ORDER" --json | \
    json_get 'd["state"]')/$(as "$ADMIN" units show "$CODE" --json | json_get 'd["state"]')" = restored/active
check "close ends the incident" test "$(as "$ADMIN" orders close "$ORDER" --json | json_get 'd["state"]')/$(as \
    "$SECURITY" incidents show "$INCIDENT" --json | json_get 'd["state"]')" = closed/closed
check "the audit chain holds" as "$ADMIN" audit verify

e2e_finish
