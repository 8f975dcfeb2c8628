"""check_alerts.py MANIFEST PCAP_NAME OUTPUT: checks one `waiwang-agent analyze --json` output against the
manifest's entry for PCAP_NAME. Prints one line per problem and exits 1 if there is any; exits 0 silently.

The rules (strict but fair; scripts/e2e-attacks.sh states them too):
 1. Every non-empty output line is a JSON object. Alert lines have `kind`; the last line is the summary,
    the only line without `kind`. If the summary has `packets`, it equals the manifest's packet count.
 2. Every alert has kind, attacker, unit, link, targets, first_seen, last_seen, packets; kind is one of
    the eight kinds; link is the capture's link; unit is one of that link's units in watch.json (an
    alert never names a unit that is not on the link the packets came in on, whatever their sources);
    packets > 0; first_seen <= last_seen.
 3. Every expectation is met by at least one alert of an accepted kind, the same unit and the same
    attacker (IP, or MAC compared case-insensitively; attacker null = spoofed sources, not compared).
    If the expectation names a target and the alert's `targets` carries addresses, the target is among
    them. At most `max_alerts` (default 2) alerts meet one expectation: one alert per episode, not one
    per packet or per spoofed source.
 4. Every alert meets an expectation or a `tolerate` entry (kind and attacker). Anything else fails:
    benign and allowlisted captures raise no alert at all.
"""
import json
import re
import sys

KINDS = {"port_scan", "host_sweep", "worm_fanout", "syn_flood", "udp_flood", "icmp_flood", "brute_force", "arp_spoof"}
REQUIRED = ("kind", "attacker", "unit", "link", "targets", "first_seen", "last_seen", "packets")
IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")


def same_attacker(expected, actual):
    if expected is None:
        return True
    return isinstance(actual, str) and actual.lower() == expected.lower()


def kinds_of(expectation):
    kind = expectation["kind"]
    return set(kind) if isinstance(kind, list) else {kind}


def meets(alert, expectation):
    if alert.get("kind") not in kinds_of(expectation) or alert.get("unit") != expectation["unit"]:
        return False
    if not same_attacker(expectation.get("attacker"), alert.get("attacker")):
        return False
    target = expectation.get("target")
    if target:
        addresses = IPV4.findall(json.dumps(alert.get("targets")))
        if addresses and target not in addresses:
            return False
    return True


def tolerated(alert, entries):
    return any(alert.get("kind") == t["kind"] and same_attacker(t.get("attacker"), alert.get("attacker")) for t in entries)


def check(manifest_path, pcap, output_path):
    manifest = json.load(open(manifest_path, encoding="utf-8"))
    entry = next((c for c in manifest["captures"] if c["pcap"] == pcap), None)
    if entry is None:
        return [f"{pcap} is not in the manifest"]
    watch_path = manifest_path.rsplit("/", 1)[0] + "/" + manifest.get("watch", "watch.json") if "/" in manifest_path else manifest.get("watch", "watch.json")
    watch = json.load(open(watch_path, encoding="utf-8"))
    link_units = {l["id"]: set(l["units"]) for l in watch["links"]}
    problems = []

    lines = []
    for number, raw in enumerate(open(output_path, encoding="utf-8"), 1):
        raw = raw.strip()
        if not raw:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            problems.append(f"line {number} is not JSON: {raw[:120]}")
            continue
        if not isinstance(value, dict):
            problems.append(f"line {number} is not a JSON object: {raw[:120]}")
            continue
        lines.append(value)
    if not lines or "kind" in lines[-1]:
        problems.append("no final summary line (a JSON object without `kind`)")
    alerts = [l for l in lines if "kind" in l]
    summaries = [l for l in lines if "kind" not in l]
    if len(summaries) > 1:
        problems.append(f"{len(summaries)} lines without `kind`; only the final summary may lack it")
    if summaries and "packets" in summaries[-1] and "packets" in entry and summaries[-1]["packets"] != entry["packets"]:
        problems.append(f"summary counts {summaries[-1]['packets']} packets, the capture has {entry['packets']}")

    for alert in alerts:
        label = f"alert {alert.get('kind')} {alert.get('attacker')} {alert.get('unit')}"
        missing = [f for f in REQUIRED if f not in alert]
        if missing:
            problems.append(f"{label}: missing {', '.join(missing)}")
        if alert.get("kind") not in KINDS:
            problems.append(f"{label}: unknown kind")
        if alert.get("link") != entry["link"]:
            problems.append(f"{label}: link {alert.get('link')!r}, the capture is on {entry['link']}")
        if alert.get("unit") not in link_units.get(entry["link"], set()):
            problems.append(f"{label}: unit {alert.get('unit')!r} is not on link {entry['link']}")
        packets = alert.get("packets")
        if not isinstance(packets, int) or packets <= 0:
            problems.append(f"{label}: packets {packets!r}")
        first, last = alert.get("first_seen"), alert.get("last_seen")
        if type(first) is type(last) and first is not None and first > last:
            problems.append(f"{label}: first_seen {first} after last_seen {last}")

    for expectation in entry["expect"]:
        met = [a for a in alerts if meets(a, expectation)]
        want = f"{'|'.join(sorted(kinds_of(expectation)))} by {expectation.get('attacker') or '(spoofed)'} in {expectation['unit']}"
        if not met:
            problems.append(f"missing: {want}")
        elif len(met) > expectation.get("max_alerts", 2):
            problems.append(f"{len(met)} alerts for one episode ({want}); at most {expectation.get('max_alerts', 2)}")

    for alert in alerts:
        if not any(meets(alert, e) for e in entry["expect"]) and not tolerated(alert, entry.get("tolerate", [])):
            problems.append(f"unexpected: {json.dumps(alert, ensure_ascii=False)[:200]}")
    return problems


if __name__ == "__main__":
    found = check(*sys.argv[1:4])
    for problem in found:
        print(problem)
    sys.exit(1 if found else 0)
