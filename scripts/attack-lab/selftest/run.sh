#!/usr/bin/env bash
# Self-test of scripts/e2e-attacks.sh and check_alerts.py without the agent: a fake agent prints hand-written
# outputs. A correct output for every capture must pass; each broken variant must fail, and for the right reason.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
HERE=scripts/attack-lab/selftest
WORK=$(mktemp -d "${TMPDIR:-/tmp}/waiwang-e2e-attacks-selftest.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export WAIWANG_AGENT="$HERE/fake-agent"
ok=0; bad=0

# A correct output: one alert per expectation, in the contract's shape, and a summary line.
python3 "$HERE/good_outputs.py" Tests/WaiwangCaptureTests/Fixtures/attacks/manifest.json "$WORK/good"
if FAKE_OUTPUTS="$WORK/good" bash scripts/e2e-attacks.sh >"$WORK/good.log"; then
    ok=$((ok + 1)); echo "ok   correct outputs pass ($(tail -1 "$WORK/good.log"))"
else
    bad=$((bad + 1)); echo "BAD  correct outputs fail"; cat "$WORK/good.log"
fi

# variant NAME PCAP EXPECTED_REASON PYTHON: edits the good output of PCAP (lines = list of dicts) and expects a
# FAIL of PCAP whose message contains EXPECTED_REASON (or "PASS" to expect that it still passes).
variant() {
    local name=$1 pcap=$2 reason=$3 edit=$4 dir="$WORK/v-$1"
    cp -r "$WORK/good" "$dir"
    python3 - "$dir/${pcap%.pcap}.jsonl" <<PY
import json, sys
path = sys.argv[1]
lines = [json.loads(l) for l in open(path) if l.strip()]
$edit
open(path, "w").write("".join((l if isinstance(l, str) else json.dumps(l, ensure_ascii=False)) + "\n" for l in lines))
PY
    local log="$WORK/v-$name.log" status=0
    FAKE_OUTPUTS="$dir" bash scripts/e2e-attacks.sh "$pcap" >"$log" || status=$?
    if [ "$reason" = PASS ]; then
        if [ $status = 0 ]; then ok=$((ok + 1)); echo "ok   $name: passes"; else bad=$((bad + 1)); echo "BAD  $name should pass"; cat "$log"; fi
    elif [ $status != 0 ] && grep -q -- "$reason" "$log"; then
        ok=$((ok + 1)); echo "ok   $name: fails ($reason)"
    else
        bad=$((bad + 1)); echo "BAD  $name should fail with '$reason'"; cat "$log"
    fi
}

variant missed syn_scan.pcap "missing: port_scan by 10.77.1.10" 'lines = lines[1:]'
variant wrong-kind hydra_ssh.pcap "missing: brute_force" 'lines[0]["kind"] = "port_scan"'
variant wrong-attacker udp_flood.pcap "missing: udp_flood by 10.77.2.10" 'lines[0]["attacker"] = "10.77.2.11"'
variant forged-source-to-owner icmp_flood.pcap "is not on link L1" 'lines[0]["unit"] = "U2"'
variant shared-link-wrong-unit connect_scan.pcap "missing: port_scan by 10.77.3.10 in U3" 'lines[0]["unit"] = "U2"'
variant wrong-link syn_scan.pcap "link 'L2'" 'lines[0]["link"] = "L2"'
variant wrong-target syn_scan.pcap "missing" 'lines[0]["targets"] = {"count": 1, "sample": ["10.200.1.99"]}'
variant target-count-only syn_scan.pcap PASS 'lines[0]["targets"] = 1'
variant mac-case arp_spoof.pcap PASS 'lines[0]["attacker"] = lines[0]["attacker"].upper()'
variant arp-two-claims arp_spoof.pcap PASS 'lines.insert(1, dict(lines[0], targets=["10.77.1.1"]))'
variant per-packet-alerts syn_flood.pcap "alerts for one episode" 'lines = [dict(lines[0], attacker=f"1.2.3.{i}") for i in range(50)] + lines[-1:]'
variant benign-alert benign_nat_burst.pcap "unexpected" 'lines.insert(0, {"kind": "host_sweep", "attacker": "10.77.2.10", "unit": "U2", "link": "L2", "targets": 5, "first_seen": 1, "last_seen": 2, "packets": 40})'
variant allowlisted-alert allowed_scan.pcap "unexpected" 'lines.insert(0, {"kind": "port_scan", "attacker": "10.77.1.250", "unit": "U1", "link": "L1", "targets": 1, "first_seen": 1, "last_seen": 2, "packets": 400})'
variant tolerated-sweep masscan_445.pcap PASS 'lines.insert(1, dict(lines[0], kind="host_sweep"))'
variant untolerated-extra syn_scan.pcap "unexpected" 'lines.insert(1, dict(lines[0], kind="syn_flood"))'
variant unknown-kind syn_scan.pcap "unknown kind" 'lines.insert(1, dict(lines[0], kind="portscan"))'
variant missing-field syn_scan.pcap "missing first_seen" 'del lines[0]["first_seen"]'
variant zero-packets syn_scan.pcap "packets 0" 'lines[0]["packets"] = 0'
variant time-backwards syn_scan.pcap "after last_seen" 'lines[0]["first_seen"], lines[0]["last_seen"] = lines[0]["last_seen"], lines[0]["first_seen"]'
variant no-summary syn_scan.pcap "no final summary" 'lines = lines[:-1]'
variant summary-packets syn_scan.pcap "summary counts" 'lines[-1]["packets"] += 1'
variant not-json syn_scan.pcap "not JSON" 'lines.insert(0, "alert: port scan")'
variant slow-as-scan slow_scan.pcap PASS 'lines[0]["kind"] = "port_scan"'
variant spoofed-any-attacker syn_flood.pcap PASS 'lines[0]["attacker"] = "spoofed"'

# A failing agent fails its capture.
if FAKE_OUTPUTS="$WORK/good" FAKE_STATUS=3 bash scripts/e2e-attacks.sh syn_scan.pcap >"$WORK/status.log"; then
    bad=$((bad + 1)); echo "BAD  a non-zero exit of analyze should fail"
else
    ok=$((ok + 1)); echo "ok   analyze exiting non-zero fails"
fi

echo "e2e-attacks self-test: $ok ok, $bad bad"
[ $bad = 0 ]
