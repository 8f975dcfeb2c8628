"""good_outputs.py MANIFEST DIR: writes, per capture, the output a correct `analyze --json` could give
(one alert per expectation in the contract's shape, then a summary line) as DIR/<name>.jsonl."""
import json
import os
import sys

manifest = json.load(open(sys.argv[1], encoding="utf-8"))
os.makedirs(sys.argv[2], exist_ok=True)
for capture in manifest["captures"]:
    lines = []
    for e in capture["expect"]:
        kind = e["kind"] if isinstance(e["kind"], str) else e["kind"][0]
        lines.append({
            "kind": kind, "attacker": e["attacker"] or "203.0.113.7", "unit": e["unit"], "link": capture["link"],
            "targets": {"count": 1, "sample": [e.get("target", "10.200.9.9")]}, "ports": [22],
            "first_seen": "2026-11-27T03:42:37.577918Z", "last_seen": "2026-11-27T03:42:39.100000Z",
            "packets": 200, "bytes": 12000, "spoofed": e["attacker"] is None,
        })
    lines.append({"packets": capture.get("packets", 0), "bytes": 1, "packets_per_second": 1e6, "drops": 0})
    with open(os.path.join(sys.argv[2], capture["pcap"].removesuffix(".pcap") + ".jsonl"), "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
