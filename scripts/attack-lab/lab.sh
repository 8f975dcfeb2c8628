#!/usr/bin/env bash
# The attack lab: real attack tools and benign traffic in network namespaces, captured with tcpdump on the
# county hub's unit-facing interfaces into the pcaps under Tests/WaiwangCaptureTests/Fixtures/attacks/.
#
#   sudo scripts/attack-lab/lab.sh [--out DIR] [SCENARIO...]     (default: every scenarios/*.sh, name order)
#   sudo scripts/attack-lab/lab.sh --list
# LAB_LOGS=DIR keeps the tools' and servers' logs there.
#   sudo scripts/attack-lab/lab.sh --out /tmp/x --hub-cmd 'CMD' [--hub-log FILE] [SCENARIO...]
# runs CMD (sh -c) inside the hub namespace while the scenarios run (a live capture on u1/u2, e.g.
# `waiwang-agent capture --interface u1 ...`), its output to FILE; it gets SIGINT after the last
# scenario and 10 s to finish (stderr to FILE.err). Use another --out there, or the fixtures are rewritten.
#
# Topology (README.md draws it). Every namespace is named wwl<PID>-*, so two runs never meet and nothing of
# the machine's is touched:
#   unit1   bridge br0 = unit U1's LAN switch; 10.77.1.10 (the compromised PC) on br0; port p0 to the hub
#   unit1v  10.77.1.20, a victim PC on U1's LAN (arpspoof's target, benign browsing)
#   scanner 10.77.1.250, the authority's vulnerability scanner placed on U1's LAN (allowlisted as /32)
#   unit2   bridge br0 = the switch of link L2, shared by co-located units U2 and U3; 10.77.2.10 on br0
#   unit3   10.77.3.10, unit U3's PC on the shared link L2
#   hub     county hub router: u1 (10.77.1.1, link L1) u2 (10.77.2.1 + 10.77.3.1, link L2) x0 (to extranet)
#   extranet  10.99.0.53 dnsmasq (authority platform 10.99.0.0/24), servers 10.200.1.10-14 (http 80 + open
#             ports), 10.200.1.22 (sshd, private config), 10.200.1.30 (iperf3), sweep/scan targets in
#             10.200.2.0/24 and 10.200.3.0/24, 10.201.1.45 (a host with 445 open for the masscan fan-out)
# Safety (docs: /work/shared/LAB.md): veths are created directly inside their namespaces under temporary
# names that cannot exist in the root namespace (wwl<PID>a<N>) and renamed there; no interface of the machine
# is ever moved or addressed; every process started is killed by PID and every namespace deleted on exit,
# also on failure; every tool run is bounded by counts/rates and `timeout`. IPv6 is off in the namespaces
# so router solicitations do not litter the captures; offloads are off so captures hold wire-sized frames.
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$LAB_DIR/../.." && pwd)
OUT="$REPO/Tests/WaiwangCaptureTests/Fixtures/attacks"
scenarios=()
while (($#)); do
    case "$1" in
        --out) OUT=$2; shift 2 ;;
        --hub-cmd) HUB_CMD=$2; shift 2 ;;
        --hub-log) HUB_LOG=$2; shift 2 ;;
        --list) for f in "$LAB_DIR"/scenarios/*.sh; do basename "$f" .sh; done; exit 0 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) scenarios+=("$1"); shift ;;
    esac
done
if ((${#scenarios[@]} == 0)); then
    for f in "$LAB_DIR"/scenarios/*.sh; do scenarios+=("$(basename "$f" .sh)"); done
fi
[[ "$(id -u)" == 0 ]] || { echo "lab: run as root (network namespaces, raw sockets)" >&2; exit 1; }
for tool in ip tcpdump nmap masscan hping3 hydra arpspoof /usr/sbin/sshd ssh ssh-keygen dnsmasq iperf3 curl ethtool timeout python3; do
    command -v "$tool" >/dev/null || { echo "lab: $tool missing; run scripts/install-deps.sh" >&2; exit 1; }
done
mkdir -p "$OUT"

TAG="wwl$$"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/waiwang-attack-lab.XXXXXX")
NAMESPACES=()
PIDS=()
VETH_N=0

ns() { echo "$TAG-$1"; }
# nsx NS CMD...: runs CMD inside the lab namespace NS.
nsx() { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; }

cleanup() {
    local status=$? pid n
    set +e
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    sleep 0.3
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    # Anything left inside our own namespaces was started by this run (tools' children): by PID too.
    for n in "${NAMESPACES[@]}"; do
        for pid in $(ip netns pids "$n" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
    done
    for n in "${NAMESPACES[@]}"; do ip netns del "$n" 2>/dev/null; done
    if [ -n "${LAB_LOGS:-}" ]; then mkdir -p "$LAB_LOGS" && cp "$WORK"/*.log "$LAB_LOGS"/ 2>/dev/null; fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

add_ns() {
    local n
    n=$(ns "$1")
    ip netns add "$n"
    NAMESPACES+=("$n")
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$n" link set lo up
}

# veth NS_A NAME_A MAC_A NS_B NAME_B MAC_B: a veth pair created directly in the two namespaces under fresh
# temporary names, then renamed there. `ip link add` fails (and the run stops) if a name exists.
veth() {
    local a b
    VETH_N=$((VETH_N + 1)); a="${TAG}a$VETH_N"
    VETH_N=$((VETH_N + 1)); b="${TAG}a$VETH_N"
    ip -n "$(ns "$1")" link add "$a" type veth peer name "$b" netns "$(ns "$4")"
    ip -n "$(ns "$1")" link set "$a" name "$2"
    ip -n "$(ns "$4")" link set "$b" name "$5"
    ip -n "$(ns "$1")" link set "$2" address "$3"
    ip -n "$(ns "$4")" link set "$5" address "$6"
    for side in "$1 $2" "$4 $5"; do
        set -- $side
        nsx "$1" ethtool -K "$2" tso off gso off gro off tx off rx off >/dev/null 2>&1 || true
        ip -n "$(ns "$1")" link set "$2" up
    done
}

# bridge NS MAC: br0 in NS (a unit LAN's switch; the namespace's own host sits on it).
bridge() {
    ip -n "$(ns "$1")" link add br0 type bridge stp_state 0
    ip -n "$(ns "$1")" link set br0 address "$2"
    ip -n "$(ns "$1")" link set br0 up
}

# spawn NS LOG CMD...: starts CMD in NS in the background; its PID is remembered for cleanup.
spawn() {
    local n=$1 log=$2
    shift 2
    ip netns exec "$(ns "$n")" "$@" >"$log" 2>&1 &
    PIDS+=($!)
    LAST_PID=$!
}

# wait_tcp NS ADDR PORT: until something listens (bounded).
wait_tcp() {
    local i
    for i in $(seq 50); do
        nsx "$1" python3 -c "import socket,sys; socket.create_connection(('$2',$3),0.2).close()" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "lab: nothing listens on $2:$3" >&2
    return 1
}

build_lab() {
    local n
    for n in hub unit1 unit1v scanner unit2 unit3 extranet; do add_ns "$n"; done

    # Link L1: hub u1 <-> unit1's switch; the victim and the scanner hang off the same switch.
    bridge unit1 02:77:01:00:00:10
    veth hub u1 02:77:01:00:00:01 unit1 p0 02:77:01:00:ff:00
    veth unit1 p1 02:77:01:00:ff:01 unit1v eth0 02:77:01:00:00:20
    veth unit1 p2 02:77:01:00:ff:02 scanner eth0 02:77:01:00:00:fa
    for p in p0 p1 p2; do ip -n "$(ns unit1)" link set "$p" master br0; done
    ip -n "$(ns unit1)" addr add 10.77.1.10/24 dev br0
    ip -n "$(ns unit1)" route add default via 10.77.1.1
    ip -n "$(ns unit1v)" addr add 10.77.1.20/24 dev eth0
    ip -n "$(ns unit1v)" route add default via 10.77.1.1
    ip -n "$(ns scanner)" addr add 10.77.1.250/24 dev eth0
    ip -n "$(ns scanner)" route add default via 10.77.1.1

    # Link L2: hub u2 <-> the switch shared by U2 (10.77.2.0/24) and U3 (10.77.3.0/24).
    bridge unit2 02:77:02:00:00:10
    veth hub u2 02:77:02:00:00:01 unit2 p0 02:77:02:00:ff:00
    veth unit2 p1 02:77:02:00:ff:01 unit3 eth0 02:77:03:00:00:10
    for p in p0 p1; do ip -n "$(ns unit2)" link set "$p" master br0; done
    ip -n "$(ns unit2)" addr add 10.77.2.10/24 dev br0
    ip -n "$(ns unit2)" route add default via 10.77.2.1
    ip -n "$(ns unit3)" addr add 10.77.3.10/24 dev eth0
    ip -n "$(ns unit3)" route add default via 10.77.3.1

    # Hub <-> extranet over a transit /30.
    veth hub x0 02:98:00:00:00:01 extranet eth0 02:98:00:00:00:02
    ip -n "$(ns hub)" addr add 10.77.1.1/24 dev u1
    ip -n "$(ns hub)" addr add 10.77.2.1/24 dev u2
    ip -n "$(ns hub)" addr add 10.77.3.1/24 dev u2
    ip -n "$(ns hub)" addr add 10.98.0.1/30 dev x0
    for prefix in 10.99.0.0/16 10.200.0.0/15; do
        ip -n "$(ns hub)" route add "$prefix" via 10.98.0.2
    done
    # A hub that forwards and does not drop spoofed sources (the floods must cross it as they would a
    # hub without uRPF; the capture on u1/u2 sees them either way).
    nsx hub sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
    for i in u1 u2 x0; do nsx hub sysctl -qw "net.ipv4.conf.$i.rp_filter=0"; done

    local e
    e=$(ns extranet)
    ip -n "$e" addr add 10.98.0.2/30 dev eth0
    ip -n "$e" route add default via 10.98.0.1
    for a in 10.99.0.53 10.200.1.10 10.200.1.11 10.200.1.12 10.200.1.13 10.200.1.14 10.200.1.22 10.200.1.30 \
        10.200.2.1 10.200.2.5 10.200.2.9 10.200.2.77 10.200.3.3 10.200.3.7 10.201.1.45; do
        ip -n "$e" addr add "$a/32" dev eth0
    done
    # Addresses the scans reach but nobody holds are routed into the extranet namespace and dropped there
    # silently (no forwarding, no unreachables): they look like dark address space.
    nsx extranet sysctl -qw net.ipv4.ip_forward=0
}

start_servers() {
    local srv="$WORK/srv"
    mkdir -p "$srv/www" "$srv/ssh"
    # Web content: a page, a 100 KB and a 300 KB document.
    printf '<html><head><meta charset="utf-8"><title>政务外网门户</title></head><body>ok</body></html>\n' >"$srv/www/index.html"
    head -c 100000 /dev/urandom | base64 >"$srv/www/notice.txt"
    head -c 300000 /dev/urandom >"$srv/www/form.pdf"
    spawn extranet "$WORK/http.log" python3 -m http.server 80 --bind 0.0.0.0 --directory "$srv/www"

    # Open TCP ports on every extranet address (accept, close), so scans find something open.
    spawn extranet "$WORK/ports.log" python3 "$LAB_DIR/open_ports.py" 21 25 110 143 443 445 3306 3389 8080

    # DNS: dnsmasq with only our records, on the authority platform's address.
    cat >"$srv/hosts" <<'EOF'
10.200.1.10 portal.zwww.test www.zwww.test
10.200.1.11 oa.zwww.test
10.200.1.12 mail.zwww.test
10.200.1.13 docs.zwww.test
10.200.1.14 gis.zwww.test
10.200.1.22 ssh.zwww.test
10.200.1.30 backup.zwww.test
EOF
    spawn extranet "$WORK/dnsmasq.log" dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
        --addn-hosts="$srv/hosts" --listen-address=10.99.0.53 --bind-interfaces --port=53 \
        --pid-file="$WORK/dnsmasq.pid" --log-facility=- --user=root

    # sshd: its own config, host key, authorized key and pidfile; /run/sshd (privilege separation) exists
    # only in a private mount namespace over a tmpfs /run, so the system's /run is never touched.
    ssh-keygen -q -t ed25519 -N '' -f "$srv/ssh/host_ed25519"
    ssh-keygen -q -t ed25519 -N '' -C waiwang-lab-operator -f "$srv/ssh/operator"
    cp "$srv/ssh/operator.pub" "$srv/ssh/authorized_keys"
    chmod 600 "$srv/ssh/authorized_keys"
    cat >"$srv/ssh/sshd_config" <<EOF
Port 22
ListenAddress 0.0.0.0
HostKey $srv/ssh/host_ed25519
PidFile $WORK/sshd.pid
AuthorizedKeysFile $srv/ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxAuthTries 3
MaxStartups 100:30:200
LoginGraceTime 20
UseDNS no
PrintMotd no
Subsystem sftp internal-sftp
EOF
    spawn extranet "$WORK/sshd.log" unshare -m --propagation private sh -c \
        "mount -t tmpfs -o mode=755 waiwang-lab-run /run && mkdir -m 755 /run/sshd && exec /usr/sbin/sshd -D -e -f '$srv/ssh/sshd_config'"

    # iperf3 server for the benign bulk transfer (started here, not in the capture: its readiness probe
    # would be a stray connection in the pcap).
    spawn extranet "$WORK/iperf3-server.log" iperf3 -s -B 10.200.1.30 -p 5201

    wait_tcp unit1 10.200.1.10 80
    wait_tcp unit1 10.200.1.22 22
    wait_tcp unit1 10.200.1.10 445
    wait_tcp unit1 10.200.1.30 5201
}

# capture_start LINK FILE [SNAPLEN]: tcpdump on the hub's unit-facing interface of LINK (L1 -> u1, L2 -> u2).
capture_start() {
    local iface
    case "$1" in L1) iface=u1 ;; L2) iface=u2 ;; *) echo "lab: no link $1" >&2; return 1 ;; esac
    CAPTURE_FILE=$2
    rm -f "$CAPTURE_FILE"
    : >"$WORK/tcpdump.log"
    # -c bounds the file even if a scenario misbehaves; timeout bounds the time.
    ip netns exec "$(ns hub)" timeout 300 tcpdump -i "$iface" -s "${3:-256}" -c 20000 -U -n -w "$CAPTURE_FILE" >"$WORK/tcpdump.log" 2>&1 &
    CAPTURE_PID=$!
    PIDS+=($CAPTURE_PID)
    local i
    for i in $(seq 50); do
        grep -q 'listening on' "$WORK/tcpdump.log" && break
        sleep 0.1
    done
    sleep 0.5
}

capture_stop() {
    sleep 1.5   # late replies and retransmissions
    kill -INT "$CAPTURE_PID" 2>/dev/null || true
    wait "$CAPTURE_PID" 2>/dev/null || true
    chown --reference="$OUT" "$CAPTURE_FILE"   # tcpdump writes as its own user
    grep -E 'captured|dropped' "$WORK/tcpdump.log" | sed 's/^/    /' || true
}

# Scenario helpers: quiet, bounded.
dns_lookup() { nsx "$1" timeout 5 python3 "$LAB_DIR/dnsq.py" 10.99.0.53 "${@:2}"; }

build_lab
start_servers
HUB_CMD=${HUB_CMD:-}
if [ -n "$HUB_CMD" ]; then
    if [ -n "${HUB_LOG:-}" ]; then
        ip netns exec "$(ns hub)" sh -c "exec $HUB_CMD" >"$HUB_LOG" 2>"$HUB_LOG.err" &
    else
        ip netns exec "$(ns hub)" sh -c "exec $HUB_CMD" &
    fi
    HUB_PID=$!
    PIDS+=($HUB_PID)
    echo "== hub command running (pid $HUB_PID): $HUB_CMD"
    sleep 1
fi
for scenario in "${scenarios[@]}"; do
    file="$LAB_DIR/scenarios/$scenario.sh"
    [ -f "$file" ] || { echo "lab: no scenario $scenario" >&2; exit 1; }
    echo "== $scenario"
    started=$(date +%s)
    # shellcheck disable=SC1090
    source "$file"
    packets=$(tcpdump -r "$OUT/$scenario.pcap" --count 2>/dev/null | awk '{print $1}')
    echo "    $(($(date +%s) - started)) s, $(stat -c %s "$OUT/$scenario.pcap") bytes, $packets packets"
    echo "$scenario.pcap $packets" >>"$WORK/counts"
done
if [ -n "$HUB_CMD" ]; then
    kill -INT "$HUB_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 0.1; done
    # A command that ignores SIGINT for 10 s is killed, so the lab always ends.
    kill -0 "$HUB_PID" 2>/dev/null && { echo "== hub command ignored SIGINT: killed" >&2; kill -KILL "$HUB_PID"; }
    hub_status=0
    wait "$HUB_PID" 2>/dev/null || hub_status=$?
    echo "== hub command ended with status $hub_status"
fi
# The manifest's packet counts follow the captures just taken (e2e-attacks checks the analyser's summary).
if [ -f "$OUT/manifest.json" ]; then
    python3 - "$OUT/manifest.json" "$WORK/counts" <<'PY'
import json, sys
path = sys.argv[1]
manifest = json.load(open(path, encoding="utf-8"))
counts = dict(line.split() for line in open(sys.argv[2]))
for capture in manifest["captures"]:
    if capture["pcap"] in counts:
        capture["packets"] = int(counts[capture["pcap"]])
open(path, "w", encoding="utf-8").write(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
PY
fi
