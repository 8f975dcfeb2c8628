#!/usr/bin/env bash
# Starts the test SMTP server (scripts/smtp-sink.py on aiosmtpd) from its own venv, made once with
# Debian's python3 under .build/ and guarded by a lock so parallel tests share it.
#
#   bash scripts/lib/mail-sink.sh --maildir DIR [--port 0] [--refuse-domain D] [--tls-cert C --tls-key K] [--auth U:P]
#
# Prints "LISTENING <port>" once it accepts connections; each message lands in DIR as N.eml plus
# N.json (envelope and decoded parts). WAIWANG_MAIL_VENV overrides the venv's folder.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv=${WAIWANG_MAIL_VENV:-$root/.build/mail-sink-venv}
python=/usr/bin/python3

mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if ! "$venv/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    rm -rf "$venv"
    "$python" -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'aiosmtpd>=1.4,<2' >&2
fi
flock -u 9
exec 9>&-

exec "$venv/bin/python" "$root/scripts/smtp-sink.py" "$@"
