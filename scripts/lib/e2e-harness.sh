# The shared harness of the end-to-end scripts: sourced, never run. Set E2E_NAME before sourcing.
#
# Gives: BIN, REGISTRY, CTL, AGENT (the built binaries; E2E_BINARIES names those the script needs, by default the
# registry and waiwangctl), WORK (a temporary folder removed on exit), SERVER_PIDS (registries started here, stopped
# on exit), pass/fail/check (counted), free_port, json_get, wait_until, listening_port, registry_token,
# registry_serve and e2e_finish.

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WAIWANG_BIN:-$(swift build --show-bin-path)}
REGISTRY="$BIN/waiwang-registry"
CTL="$BIN/waiwangctl"
AGENT="$BIN/waiwang-agent"
for name in ${E2E_BINARIES-waiwang-registry waiwangctl}; do
    [ -x "$BIN/$name" ] || { echo "$E2E_NAME: $BIN/$name is missing; run swift build first" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/waiwang-$E2E_NAME.XXXXXX")
SERVER_PIDS=()
cleanup() {
    for pid in "${SERVER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    if [ -n "${2:-}" ]; then printf '%s\n' "$2" | sed -n '1,15s/^/     /p'; fi
}
# check NAME COMMAND...: passes when the command succeeds.
check() {
    local name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# json_get EXPRESSION: evaluates a Python expression over the JSON on stdin (bound to `d`).
json_get() { python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }

# wait_until SECONDS COMMAND...: true as soon as the command (eval'd) succeeds, checked every 0.2 s; false at the end.
wait_until() {
    local seconds=$1
    shift
    for _ in $(seq $((seconds * 5))); do
        if eval "$@"; then return 0; fi
        sleep 0.2
    done
    return 1
}

# listening_port FILE: the port a sink (scripts/lib/mail-sink.sh, scripts/webhook-sink.py) printed as
# "LISTENING <port>" into FILE, waiting up to 120 s (the mail sink installs aiosmtpd from PyPI the first time);
# exits the script when none comes.
listening_port() {
    wait_until 120 "grep -q '^LISTENING ' '$1'" || { echo "$E2E_NAME: no LISTENING in $1:" >&2; cat "$1" >&2; exit 1; }
    sed -n 's/^LISTENING //p' "$1"
}

# registry_token DATA CONFIG ARGS...: a new API token of the registry at DATA (the last line `token create` prints).
registry_token() {
    local data=$1 config=$2
    shift 2
    "$REGISTRY" token create --data-dir "$data" --config "$config" "$@" | tail -n 1
}

# registry_serve LOG SECONDS DATA CONFIG PORT ARGS...: starts the registry on 127.0.0.1:PORT (REGISTRY_PID, also in
# SERVER_PIDS) and waits until it answers; false at once when it exits, or after SECONDS.
registry_serve() {
    local log=$1 seconds=$2 data=$3 config=$4 port=$5
    shift 5
    "$REGISTRY" serve --data-dir "$data" --config "$config" --host 127.0.0.1 --port "$port" "$@" >"$log" 2>&1 &
    REGISTRY_PID=$!
    SERVER_PIDS+=("$REGISTRY_PID")
    for _ in $(seq $((seconds * 5))); do
        "$CTL" health --registry "http://127.0.0.1:$port" >/dev/null 2>&1 && return 0
        kill -0 "$REGISTRY_PID" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

# e2e_finish: the closing count, and the exit status.
e2e_finish() {
    echo "$E2E_NAME: $passed passed, $failed failed"
    [ "$failed" = 0 ]
}
