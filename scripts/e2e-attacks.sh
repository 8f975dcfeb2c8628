#!/usr/bin/env bash
# End to end: `waiwang-agent analyze` over the captures of real attack tools and benign traffic in
# Tests/WaiwangCaptureTests/Fixtures/attacks (made by scripts/attack-lab/lab.sh; manifest.json says what each holds).
#
# For each manifest entry: `waiwang-agent analyze --pcap FILE --watch watch.json --link LINK --json` must exit 0, and
# its output must pass scripts/attack-lab/check_alerts.py. The rules, strict but fair:
#  - every line is a JSON object; alerts have `kind`; the last line is the summary (no `kind`), whose `packets`,
#    if present, is the capture's packet count;
#  - every alert has kind, attacker, unit, link, targets, first_seen, last_seen, packets; its link is the capture's
#    and its unit is one of that link's units (forged sources never move an alert to another link's unit);
#  - every expected alert is found with the right kind (a list = any of them), attacker (IP or MAC; null for
#    spoofed floods = not compared) and unit, and its target among `targets` when they carry addresses; at most 2
#    alerts per expected episode (arp_spoof: 4, one per claimed address);
#  - nothing else: an alert that meets no expectation fails unless the entry tolerates its kind and attacker
#    (only masscan's host_sweep, since a one-port fan-out is a sweep too); benign and allowlisted captures raise
#    no alert at all.
# WAIWANG_AGENT overrides the binary (default the debug build's waiwang-agent); no build is done here.
# Usage: scripts/e2e-attacks.sh [PCAP_NAME...]
set -euo pipefail

E2E_NAME=e2e-attacks
E2E_BINARIES=""  # only the agent, which WAIWANG_AGENT may replace
# A given agent needs no build folder looked up (swift build --show-bin-path takes the build lock).
[ -n "${WAIWANG_AGENT:-}" ] && WAIWANG_BIN=${WAIWANG_BIN:-$(dirname "$WAIWANG_AGENT")}
# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"
AGENT=${WAIWANG_AGENT:-$AGENT}
FIXTURES=Tests/WaiwangCaptureTests/Fixtures/attacks
MANIFEST="$FIXTURES/manifest.json"
CHECK=scripts/attack-lab/check_alerts.py
[ -x "$AGENT" ] || { echo "$E2E_NAME: $AGENT is missing; run swift build first" >&2; exit 2; }


if (($#)); then
    entries=("$@")
else
    mapfile -t entries < <(python3 -c 'import json, sys; [print(c["pcap"]) for c in json.load(open(sys.argv[1]))["captures"]]' "$MANIFEST")
fi

for pcap in "${entries[@]}"; do
    info=$(python3 -c '
import json, sys
c = next(c for c in json.load(open(sys.argv[1]))["captures"] if c["pcap"] == sys.argv[2])
def kinds(e):
    return e["kind"] if isinstance(e["kind"], str) else "|".join(e["kind"])
print(c["link"], "; ".join(kinds(e) + " " + (e["attacker"] or "(spoofed)") + " " + e["unit"] for e in c["expect"]) or "nothing")
' "$MANIFEST" "$pcap") || { fail "$pcap: in the manifest"; continue; }
    read -r link expected <<<"$info"
    out="$WORK/${pcap%.pcap}.jsonl"
    if ! "$AGENT" analyze --pcap "$FIXTURES/$pcap" --watch "$FIXTURES/watch.json" --link "$link" --json \
        >"$out" 2>"$WORK/stderr"; then
        fail "$pcap: analyze exits 0" "$(tail -5 "$WORK/stderr")"
        continue
    fi
    if problems=$(python3 "$CHECK" "$MANIFEST" "$pcap" "$out" 2>&1); then
        pass "$pcap on $link: $expected"
    else
        fail "$pcap on $link: $expected" "$problems"
    fi
done

e2e_finish
