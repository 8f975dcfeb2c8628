#!/usr/bin/env bash
# Live detection end to end (issue 5): the attack lab's namespaces with `waiwang-agent capture` running
# inside the hub namespace on the unit-facing interface u1 (link L1) while real tools attack and a benign
# mix runs: nmap -sS from U1's attacker PC, hping3's ICMP flood forged from U2's prefix, and DNS, HTTP and
# SSH from U1. Checks, from the agent's JSON lines: the scan is opened and closed as port_scan by
# 10.77.1.10 of U1, the flood as a spoofed icmp_flood attributed to U1 (never U2), nothing else is raised,
# libpcap and the consumer dropped nothing, and each alert's evidence pcap reads back with tcpdump.
#
# Needs root and the lab's tools (make deps installs them); skips with a message otherwise.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
agent=${AGENT:-$root/.build/debug/waiwang-agent}
fixtures=$root/Tests/WaiwangCaptureTests/Fixtures/attacks

if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! command -v nmap >/dev/null || ! command -v hping3 >/dev/null; then
    echo "e2e-live-capture: SKIP (needs root, iproute2, nmap and hping3; make deps installs them)"
    exit 0
fi
[ -x "$agent" ] || { echo "e2e-live-capture: $agent missing (swift build first)" >&2; exit 1; }

work=$(mktemp -d /tmp/waiwang-e2e-live.XXXXXX)
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

timeout 240 bash "$root/scripts/attack-lab/lab.sh" --out "$work/pcaps" \
    --hub-cmd "$agent capture --interface u1 --watch $fixtures/watch.json --link L1 --json --snaplen 256 --evidence-dir $work/evidence" \
    --hub-log "$work/alerts.jsonl" syn_scan benign_mix icmp_flood >"$work/lab.log" 2>&1
lab_status=$?
if [ $lab_status != 0 ]; then
    echo "e2e-live-capture: the lab failed (status $lab_status):" >&2
    tail -n 30 "$work/lab.log" >&2
    cat "$work/alerts.jsonl.err" >&2 2>/dev/null
    exit 1
fi

python3 - "$work/alerts.jsonl" <<'PY'
import json, os, subprocess, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
alerts = [l for l in lines if "kind" in l]
summaries = [l for l in lines if "kind" not in l]
failed = 0
def check(ok, what, detail=""):
    global failed
    print(("PASS " if ok else "FAIL ") + what + ("" if ok else f"\n     {detail}"))
    failed += not ok
check(len(summaries) == 1, "one summary line at the end", summaries)
summary = summaries[-1] if summaries else {}
final = {a["id"]: a for a in alerts}  # the last state of each episode
scans = [a for a in final.values() if a["kind"] == "port_scan"]
floods = [a for a in final.values() if a["kind"] == "icmp_flood"]
others = [a for a in final.values() if a["kind"] not in ("port_scan", "icmp_flood")]
check(len(scans) == 1 and scans[0]["attacker"] == "10.77.1.10" and scans[0]["unit"] == "U1",
      "nmap -sS seen live: port_scan by 10.77.1.10 of U1", scans)
check(bool(scans) and scans[0]["state"] == "closed" and any(a["state"] == "open" and a["kind"] == "port_scan" for a in alerts),
      "the scan episode was printed when it opened and again when it closed", [a["state"] for a in alerts])
check(len(floods) == 1 and floods[0]["spoofed_source"] and floods[0]["unit"] == "U1" and "U2" not in floods[0]["units"],
      "hping3 ICMP flood forged from U2's prefix: spoofed icmp_flood attributed to U1, never U2", floods)
check(not others, "the benign mix raised nothing", others)
check(summary.get("drops") == 0 and summary.get("interface_drops") == 0 and summary.get("consumer_drops") == 0,
      "no packet dropped by libpcap, the interface or the detectors", summary)
check(summary.get("packets", 0) > 2000, "the summary counts what was captured", summary.get("packets"))
for alert in final.values():
    path = alert.get("evidence")
    ok = bool(path) and os.path.exists(path)
    count = 0
    if ok:
        out = subprocess.run(["tcpdump", "-nr", path], capture_output=True, text=True)
        count = len(out.stdout.splitlines())
    check(ok and count == alert["evidence_packets"] and count > 0,
          f"evidence of {alert['kind']} reads back with tcpdump ({count} packets)", alert.get("evidence"))
sys.exit(1 if failed else 0)
PY
status=$?
echo "e2e-live-capture: took $(($(date +%s) - started)) s"
exit $status
