#!/usr/bin/env bash
# Installs the Debian packages Waiwang needs to build and test, if any is missing.
# Quiet when everything is present. As root it installs; otherwise it prints the apt-get line and
# exits 1. WAIWANG_SKIP_DEPS=1 skips the check (for a machine set up by other means).
set -euo pipefail

packages=(
    libpcap-dev     # CPcap
    libsnmp-dev     # CNetSNMP
    libsqlite3-dev  # GRDB links the system SQLite
    pkg-config      # SwiftPM finds netsnmp and libpcap through it
    snmp            # snmpget/snmpbulkwalk: peers in tests and benchmarks
    snmpd           # private agents in tests (never the system one)
    python3-venv    # snmpsim's venv on Debian's python3
    sqlite3         # inspecting a registry database
    openssl         # the agent tests make a CA and the registry's TLS certificate
    gcc             # scripts/bench-live-capture compiles its frame sender
    netsniff-ng     # trafgen: bench-live-capture's PACKET_MMAP TX-ring sender (1 Gbit/s of small frames)
    # The attack lab (scripts/attack-lab): real tools in network namespaces, captured into pcaps.
    iproute2        # ip netns, veth pairs
    ethtool         # offloads off on the veths, so captures hold wire-sized frames
    tcpdump         # captures on the hub's unit-facing interface
    nmap            # SYN, connect, slow and ping-sweep scans
    masscan         # worm-like fan-out to 445
    hping3          # SYN/UDP/ICMP floods, spoofed sources
    hydra           # SSH brute force against a private sshd
    dsniff          # arpspoof on a unit segment
    openssh-server  # the private sshd hydra attacks (never the system one)
    openssh-client  # the legitimate SSH session of the benign mix
    dnsmasq-base    # the extranet's DNS server (the binary only, no system service)
    iperf3          # the benign bulk transfer
    curl            # the benign HTTP downloads and browsing burst
    python3-scapy   # crafted and malformed packets (the decoders' hostile capture)
)

[[ "${WAIWANG_SKIP_DEPS:-}" == 1 ]] && exit 0

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: not a Debian system; install the equivalents of: ${packages[*]}" >&2
    exit 1
fi

# A package counts as present when dpkg's status of it is "installed" (whatever the selection).
is_installed() {
    local status
    status=$(dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null | head -n 1) || return 1
    [[ "$status" == installed ]]
}

missing=()
for package in "${packages[@]}"; do
    is_installed "$package" || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

install_line="DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"

if [[ "$(id -u)" != 0 ]]; then
    echo "install-deps: missing Debian packages: ${missing[*]}" >&2
    echo "install-deps: as root, run:" >&2
    echo "  apt-get update && $install_line" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"

# Installing snmpd may start the system's own snmpd on udp/161, openssh-server the system's sshd on
# tcp/22, iperf3 (if debconf says so) an iperf3 daemon. The tests run private instances on their own
# ports or in namespaces, so stop and disable the services we just brought in (and only those).
# dnsmasq-base has no service at all (the `dnsmasq` package would start one on udp/53).
disable_service() {
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
        systemctl disable --now "$1" >/dev/null 2>&1 || true
    else
        service "$1" stop >/dev/null 2>&1 || true
        update-rc.d "$1" disable >/dev/null 2>&1 || true
    fi
}
for package in "${missing[@]}"; do
    case "$package" in
        snmpd) disable_service snmpd ;;
        openssh-server) disable_service ssh; disable_service ssh.socket ;;
        iperf3) disable_service iperf3 ;;
    esac
done
