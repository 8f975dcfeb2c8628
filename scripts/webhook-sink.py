#!/usr/bin/env python3
"""A webhook receiver for Waiwang's delivery tests (stdlib only), written the way docs/DELIVERY.md tells
receivers to: verify X-Waiwang-Signature (HMAC-SHA256 over "<timestamp>.<body>") and the timestamp's
freshness, answer 401 when they fail, act once per Idempotency-Key.

--fail-first N answers the first N calls with --fail-status (500); --fail-always answers every call so.
Prints "LISTENING <port>" when ready; appends one JSON line per call to --log.
"""
import argparse
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def verify(secret: bytes, body: bytes, timestamp: str, signature: str, tolerance: int = 300) -> bool:
    if not timestamp or not timestamp.isdigit() or not signature.startswith("sha256="):
        return False
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature[len("sha256="):])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-always", action="store_true")
    parser.add_argument("--fail-status", type=int, default=500)
    parser.add_argument("--log", required=True)
    parser.add_argument("--stop-on-stdin-eof", action="store_true", help="exit when standard input closes")
    args = parser.parse_args()
    lock = threading.Lock()
    state = {"calls": 0, "keys": set()}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            ok = verify(args.secret.encode(), body, self.headers.get("X-Waiwang-Timestamp", ""),
                        self.headers.get("X-Waiwang-Signature", ""))
            key = self.headers.get("Idempotency-Key")
            with lock:
                state["calls"] += 1
                call = state["calls"]
                duplicate = False
                if not ok:
                    status = 401
                elif args.fail_always or call <= args.fail_first:
                    status = args.fail_status
                else:
                    status = 200
                    duplicate = key in state["keys"]
                    state["keys"].add(key)
                record = {"call": call, "status": status, "verified": ok, "idempotency_key": key,
                          "duplicate": duplicate, "event": self.headers.get("X-Waiwang-Event"),
                          "body": body.decode("utf-8", errors="replace")}
                with open(args.log, "a", encoding="utf-8") as f:
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
            answer = json.dumps({"ok": status == 200, "duplicate": duplicate}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("LISTENING %d" % server.server_address[1], flush=True)
    if args.stop_on_stdin_eof:
        # The parent's end of stdin closing (the test process gone) stops the receiver.
        threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
