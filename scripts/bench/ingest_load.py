#!/usr/bin/env python3
"""Load generator of scripts/bench-ingest: the registry's side of an agent's uplink, driven hard.

  ingest_load.py setup --url URL --token ADMIN --links 50 --device ht-bench-01 > inventory.json
      units, one device (no SNMP credential: no real agent polls it) and its links on hub HT, an agent
      created and enrolled; prints {"agentId", "secret", "device", "links": [[id, port], ...]}.
  ingest_load.py run --url URL --inventory inventory.json --batch 10000 --batches 20 --concurrency 2
      builds every batch body first (unique keys; 97 % link_sample, 2 % health_change, 1 % heartbeat),
      then POSTs them over persistent HTTP/1.1 connections from --concurrency threads and prints one JSON
      line: observations, wall seconds, observations/s, batch latency p50/p99/max, and the generator's own
      CPU seconds during the sending (body building excluded), so it can be told apart from the registry's.

Only the standard library: http.client, threading, json.
"""

import argparse
import http.client
import json
import os
import re
import queue
import random
import sys
import threading
import time
import urllib.parse

STORED = re.compile(rb'"stored"\s*:\s*(\d+)')

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from generate_inventory import credit_code, org_code  # noqa: E402


def request(url, method, path, token=None, body=None):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    if response.status >= 300:
        raise SystemExit(f"{method} {path}: {response.status} {data[:400]!r}")
    return json.loads(data) if data else None


def setup(args):
    rng = random.Random(6)
    request(args.url, "POST", "/api/v1/devices", args.token,
            {"hub": args.hub, "name": args.device, "snmpAddress": "udp:127.0.0.1:9"})
    links = []
    for n in range(1, args.links + 1):
        unit = request(args.url, "POST", "/api/v1/units", args.token, {
            "name": f"压测单位{n:04d}", "creditCode": credit_code(args.division, org_code(rng)), "level": "county",
            "divisionCode": args.division, "officeAddress": f"玉溪市红塔区压测路{n}号", "contactName": "张三",
            "contactPhone": "13800000000"})
        port = f"GigabitEthernet0/{n // 48}/{n % 48}"
        link = request(args.url, "POST", "/api/v1/links", args.token, {
            "kind": "leased", "carrier": "中国电信", "bandwidthMbps": 100, "hubDevice": args.device, "port": port,
            "units": [str(unit["id"])]})
        links.append([link["id"], port])
    ticket = request(args.url, "POST", "/api/v1/agents", args.token, {"hub": args.hub, "name": "bench-load"})
    credential = request(args.url, "POST", "/api/v1/agents/enroll", None,
                         {"token": ticket["token"], "hostname": "bench-load", "version": "bench"})
    json.dump({"agentId": credential["agentId"], "secret": credential["secret"], "device": args.device,
               "links": links}, sys.stdout)
    print()


def build_batches(inventory, batch, batches, run_tag):
    """Every batch body as bytes, made before the clock starts. Times are 'now' minus a few minutes, a ms apart."""
    device = json.dumps(inventory["device"])
    links = inventory["links"]
    base_ms = int(time.time() * 1000) - 600_000
    states = ["up", "degraded", "up", "down"]
    bodies = []
    n = 0
    for b in range(batches):
        parts = []
        for i in range(batch):
            n += 1
            link_id, port = links[n % len(links)]
            ms = base_ms + n % 500_000
            at = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + f".{ms % 1000:03d}Z"
            key = f"bench-{run_tag}-{n}"
            slot = i % 100
            if slot < 97:
                parts.append(
                    f'{{"key":"{key}","kind":"link_sample","observedAt":"{at}","linkSample":{{"device":{device},'
                    f'"ifName":"{port}","linkId":{link_id},"health":"up","inBitsPerSecond":{12000000 + n % 977},'
                    f'"outBitsPerSecond":{3000000 + n % 331},"inUtilisation":0.12,"outUtilisation":0.03,'
                    f'"errorsAndDiscardsPerSecond":0}}}}')
            elif slot < 99:
                parts.append(
                    f'{{"key":"{key}","kind":"health_change","observedAt":"{at}","healthChange":{{"device":{device},'
                    f'"ifName":"{port}","linkId":{link_id},"from":"{states[n % 4]}","to":"{states[(n + 1) % 4]}",'
                    f'"reason":"bench: operStatus changed"}}}}')
            else:
                parts.append(
                    f'{{"key":"{key}","kind":"heartbeat","observedAt":"{at}","heartbeat":{{"version":"bench",'
                    f'"uptimeSeconds":{n},"assignmentVersion":null,"outboxDepth":{batch},"droppedSamples":0,'
                    f'"pollsCompleted":{n},"devicesUnreachable":0,"capturePackets":0,"captureDrops":0}}}}')
        bodies.append(('{"observations":[' + ",".join(parts) + "]}").encode())
    return bodies


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(args):
    inventory = json.load(open(args.inventory))
    bodies = build_batches(inventory, args.batch, args.batches, args.tag)
    size = sum(len(b) for b in bodies)
    work = queue.Queue()
    for body in bodies:
        work.put(body)
    parts = urllib.parse.urlsplit(args.url)
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + inventory["secret"]}
    latencies, stored, errors = [], [0], []
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        while True:
            try:
                body = work.get_nowait()
            except queue.Empty:
                break
            start = time.perf_counter()
            connection.request("POST", "/api/v1/agent/observations", body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if response.status == 200:
                    # Only the ack's "stored"; no need to parse the 10,000 keys beside it.
                    stored[0] += int(STORED.search(data).group(1))
                else:
                    errors.append(f"{response.status} {data[:200]!r}")
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    observations = args.batch * args.batches
    print(json.dumps({
        "batch": args.batch, "batches": args.batches, "concurrency": args.concurrency, "observations": observations,
        "stored": stored[0], "errors": len(errors), "firstError": errors[0] if errors else None,
        "megabytes": round(size / 1e6, 1), "wallSeconds": round(wall, 3),
        "observationsPerSecond": round(observations / wall), "p50Ms": round(percentile(latencies, 50) * 1000, 1),
        "p99Ms": round(percentile(latencies, 99) * 1000, 1), "maxMs": round(max(latencies) * 1000, 1),
        "generatorCpuSeconds": round(cpu, 3)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--url", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--hub", default="HT")
    s.add_argument("--division", default="530402")
    s.add_argument("--device", default="ht-bench-01")
    s.add_argument("--links", type=int, default=50)
    r = sub.add_parser("run")
    r.add_argument("--url", required=True)
    r.add_argument("--inventory", required=True)
    r.add_argument("--batch", type=int, default=10000)
    r.add_argument("--batches", type=int, default=20)
    r.add_argument("--concurrency", type=int, default=2)
    r.add_argument("--tag", default=str(os.getpid()))
    args = parser.parse_args()
    setup(args) if args.command == "setup" else run(args)


if __name__ == "__main__":
    main()
