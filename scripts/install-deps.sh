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

# Installing snmpd may start the system's own snmpd on udp/161. The tests run private agents on
# their own ports, so stop and disable the one we just brought in (and only that one).
for package in "${missing[@]}"; do
    [[ "$package" == snmpd ]] || continue
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
        systemctl disable --now snmpd >/dev/null 2>&1 || true
    else
        service snmpd stop >/dev/null 2>&1 || true
        update-rc.d snmpd disable >/dev/null 2>&1 || true
    fi
done
