#!/usr/bin/env python3
"""A real SMTP server for Waiwang's delivery tests, on aiosmtpd (PyPI).

serve: listens on HOST:PORT (0 = a free port), prints "LISTENING <port>" when ready, and writes each
message it accepts to MAILDIR as N.eml (the bytes received) and N.json (the envelope and the
message as Python's email package decodes it). Recipients in a --refuse-domain get 550, in a
--defer-domain 450. --tls-cert/--tls-key offer STARTTLS and require it; --auth USER:PASS requires
AUTH (PLAIN or LOGIN) before MAIL.

parse FILE: prints the JSON of one .eml file (stdlib only, no aiosmtpd needed), so tests can check
a rendered message with an independent MIME parser.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import ssl
import sys
import threading


def decode_message(raw: bytes) -> dict:
    """The message as the standard library reads it: decoded headers, text, attachments, defects."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [type(d).__name__ for d in msg.defects]
    body = None
    attachments = []
    for part in msg.walk():
        defects += [type(d).__name__ for d in part.defects]
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            payload = part.get_payload(decode=True) or b""
            attachments.append({
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "charset": part.get_content_charset(),
                "size": len(payload),
                "text": payload.decode("utf-8", errors="replace"),
            })
        elif part.get_content_type() == "text/plain" and body is None:
            body = part.get_content()

    def addresses(name):
        header = msg.get(name)
        if header is None:
            return []
        return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]

    lines = raw.split(b"\n")
    return {
        "subject": str(msg.get("subject", "")),
        "from": addresses("from"),
        "to": addresses("to"),
        "cc": addresses("cc"),
        "bcc_header_present": "bcc" in msg,
        "date": str(msg.get("date", "")),
        "date_parsed": msg["date"].datetime.isoformat() if msg.get("date") is not None else None,
        "message_id": str(msg.get("message-id", "")),
        "mime_version": str(msg.get("mime-version", "")),
        "content_type": msg.get_content_type(),
        "body": body,
        "attachments": attachments,
        "defects": defects,
        "bare_lf": any(not line.endswith(b"\r") for line in lines[:-1]),
        "max_line_length": max((len(line.rstrip(b"\r")) for line in lines), default=0),
    }


class Sink:
    """The aiosmtpd handler: refuses or defers chosen domains, stores every accepted message."""

    def __init__(self, maildir, refuse, defer):
        self.maildir = maildir
        self.refuse = {d.lower() for d in refuse}
        self.defer = {d.lower() for d in defer}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rpartition("@")[2].lower()
        if domain in self.refuse:
            return "550 5.1.1 <%s>: recipient refused by the test sink" % address
        if domain in self.defer:
            return "450 4.2.1 <%s>: mailbox busy, try later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.maildir, "%04d" % self.count)
        raw = envelope.original_content or envelope.content
        with open(stem + ".eml.tmp", "wb") as f:
            f.write(raw)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "tls": session.ssl is not None,
            "authenticated": bool(getattr(session, "authenticated", False)),
            "message": decode_message(raw),
        }
        with open(stem + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=1)
        os.replace(stem + ".json.tmp", stem + ".json")
        os.replace(stem + ".eml.tmp", stem + ".eml")
        return "250 2.0.0 Message accepted for delivery"


def make_authenticator(user, password):
    from aiosmtpd.smtp import AuthResult

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (getattr(auth_data, "login", None) == user.encode()
              and getattr(auth_data, "password", None) == password.encode())
        return AuthResult(success=ok, handled=False)

    return authenticate


async def serve(args):
    from aiosmtpd.smtp import SMTP

    os.makedirs(args.maildir, exist_ok=True)
    handler = Sink(args.maildir, args.refuse_domain, args.defer_domain)
    tls_context = None
    if args.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)
    options = {"hostname": "sink.waiwang.test", "ident": "waiwang smtp-sink"}
    if tls_context is not None:
        options.update(tls_context=tls_context, require_starttls=True)
    if args.auth:
        user, _, password = args.auth.partition(":")
        options.update(authenticator=make_authenticator(user, password), auth_required=True,
                       auth_require_tls=tls_context is not None)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, loop=loop, **options), args.host, args.port)
    port = server.sockets[0].getsockname()[1]
    print("LISTENING %d" % port, flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if args.stop_on_stdin_eof:
        # The parent's end of stdin closing (the test process gone) stops the sink too.
        threading.Thread(target=lambda: (sys.stdin.buffer.read(), loop.call_soon_threadsafe(stop.set)), daemon=True).start()
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    parse = sub.add_parser("parse", help="print the decoded JSON of one .eml file")
    parse.add_argument("file")
    # "serve" is the default: its options are accepted without the word.
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--maildir")
    parser.add_argument("--refuse-domain", action="append", default=[])
    parser.add_argument("--defer-domain", action="append", default=[])
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--auth", help="USER:PASS required before MAIL")
    parser.add_argument("--stop-on-stdin-eof", action="store_true", help="exit when standard input closes")
    args = parser.parse_args()
    if args.command == "parse":
        with open(args.file, "rb") as f:
            json.dump(decode_message(f.read()), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    if not args.maildir:
        parser.error("--maildir is required")
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
