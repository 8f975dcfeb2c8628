# A county hub in network namespaces for the end-to-end scripts: sourced after lib/e2e-harness.sh, never run.
#
#   hub_lab_create TAG      namespaces ${TAG}hub<PID> (HUB) and ${TAG}unit<PID> (UNIT_NS): port1 in the hub ↔ uplink1
#                           in the unit (UNIT_PREFIX), mgmt0 in the hub ↔ ${LAB_TMP}r in the root namespace
#                           (MGMT_HUB ↔ MGMT_ROOT), span0 in the hub mirroring port1 both ways (tc mirred) onto
#                           ${LAB_TMP}s in the root namespace, where an agent captures it as a hub's SPAN port.
#   hub_lab_add_extranet    namespace ${TAG}ext<PID> (EXTRANET_NS) holding host EXTRANET (10.252.<octet>.1) behind
#                           the hub's wan0; the hub forwards (its own sysctl), so the unit reaches it only while port1
#                           is up.
#   hub_lab_start_snmpd NAME SECONDS
#                           Debian's snmpd in the hub on MGMT_HUB and the hub's loopback, community `public` (ro)
#                           and `private` (rw) for MGMT_ROOT, sysName NAME, ifTable cache 1 s; true once it answers.
#                           HUB_LAB_SNMPD_EXTRA (lines) is appended to its configuration, e.g. trap sinks.
#   hub_lab_register DEVICE UNIT-NAME CREDIT-CODE ADDRESS
#                           through the caller's `ctl` (waiwangctl as admin): the hub's device on MGMT_HUB (community
#                           `private`), a 红塔区 unit holding UNIT_PREFIX and its leased link on port1; sets UNIT_ID, LINK_ID.
#   hub_lab_cleanup         stops snmpd and deletes the namespaces made here (and with them their veths).
#
# Follows LAB.md: veths are created with names unique to this run, moved into namespaces made here and renamed
# there; nothing that existed before is moved or changed. Addresses are 10.25x.<octet>.x, octet from the tag.

HUB_LAB_NETNS=()
HUB_LAB_PIDS=()

# _hub_lab_veth TMP_A NS_A NAME_A ADDR_A TMP_B NS_B NAME_B ADDR_B: a veth pair made under this run's temporary
# names; an end with NS "-" stays in the root namespace under its temporary name, any other moves into NS and is
# renamed NAME there; each gets ADDR (none for "-") and goes up.
_hub_lab_veth() {
    ip link add "$1" type veth peer name "$5"
    _hub_lab_veth_end "$1" "$2" "$3" "$4"
    _hub_lab_veth_end "$5" "$6" "$7" "$8"
}
_hub_lab_veth_end() {
    local tmp=$1 ns=$2 name=$3 address=$4
    if [ "$ns" = - ]; then
        [ "$address" = - ] || ip addr add "$address" dev "$tmp"
        ip link set "$tmp" up
    else
        ip link set "$tmp" netns "$ns"
        ip -n "$ns" link set "$tmp" name "$name"
        [ "$address" = - ] || ip -n "$ns" addr add "$address" dev "$name"
        ip -n "$ns" link set "$name" up
    fi
}

hub_lab_create() {
    local tag=$1 octet
    octet=$(( $(printf '%d' "'${tag: -1}") % 100 + 100 ))   # a per-tag third octet, 100-199
    HUB_LAB_TAG=$tag
    HUB="${tag}hub$$"
    UNIT_NS="${tag}unit$$"
    LAB_TMP="${tag}$$"                     # temporary veth names ${LAB_TMP}{h,u,m,r,s,p,w,x}, ≤ 15 characters
    LAB_OCTET=$octet
    MGMT_ROOT="10.253.$octet.1"
    MGMT_HUB="10.253.$octet.2"
    UNIT_PREFIX="10.254.$octet.0/30"
    UNIT_ADDRESS="10.254.$octet.2"
    local ns name
    for ns in "$HUB" "$UNIT_NS"; do
        if ip netns list | grep -qw "$ns"; then echo "hub-lab: namespace $ns exists already" >&2; return 1; fi
        ip netns add "$ns"
        HUB_LAB_NETNS+=("$ns")
    done
    for name in h u m r s p w x; do
        if ip link show "${LAB_TMP}$name" >/dev/null 2>&1; then echo "hub-lab: ${LAB_TMP}$name exists already" >&2; return 1; fi
    done
    ip -n "$HUB" link set lo up
    ip -n "$UNIT_NS" link set lo up
    # port1 (hub) ↔ uplink1 (unit): the unit's link.
    _hub_lab_veth "${LAB_TMP}h" "$HUB" port1 "10.254.$octet.1/30" "${LAB_TMP}u" "$UNIT_NS" uplink1 "$UNIT_ADDRESS/30"
    ip -n "$UNIT_NS" route add default via "10.254.$octet.1"
    # The management veth: its root end stays here, its hub end becomes mgmt0.
    _hub_lab_veth "${LAB_TMP}r" - - "$MGMT_ROOT/30" "${LAB_TMP}m" "$HUB" mgmt0 "$MGMT_HUB/30"
    # The mirror (SPAN) port.
    _hub_lab_veth "${LAB_TMP}s" - - - "${LAB_TMP}p" "$HUB" span0 -
    tc -n "$HUB" qdisc add dev port1 clsact
    tc -n "$HUB" filter add dev port1 ingress u32 match u32 0 0 action mirred egress mirror dev span0
    tc -n "$HUB" filter add dev port1 egress u32 match u32 0 0 action mirred egress mirror dev span0
}

hub_lab_add_extranet() {
    EXTRANET="10.252.$LAB_OCTET.1"
    EXTRANET_NS="${HUB_LAB_TAG}ext$$"
    if ip netns list | grep -qw "$EXTRANET_NS"; then echo "hub-lab: namespace $EXTRANET_NS exists already" >&2; return 1; fi
    ip netns add "$EXTRANET_NS"
    HUB_LAB_NETNS+=("$EXTRANET_NS")
    ip -n "$EXTRANET_NS" link set lo up
    _hub_lab_veth "${LAB_TMP}w" "$HUB" wan0 "10.252.$LAB_OCTET.2/30" "${LAB_TMP}x" "$EXTRANET_NS" ext0 "$EXTRANET/30"
    ip -n "$EXTRANET_NS" route add "$UNIT_PREFIX" via "10.252.$LAB_OCTET.2"
    ip netns exec "$HUB" sysctl -q -w net.ipv4.ip_forward=1
}

hub_lab_start_snmpd() {
    local sysname=$1 seconds=$2
    mkdir -p "$WORK/persist"
    cat >"$WORK/snmpd.conf" <<EOF
rocommunity public $MGMT_ROOT
rwcommunity private $MGMT_ROOT
rwcommunity private 127.0.0.1
sysName $sysname
${HUB_LAB_SNMPD_EXTRA:-}
EOF
    ip netns exec "$HUB" timeout --kill-after=5 "$seconds" /usr/sbin/snmpd -f -Lo -C -c "$WORK/snmpd.conf" -M /dev/null \
        -p "$WORK/snmpd.pid" "--persistentDir=$WORK/persist" "udp:$MGMT_HUB:161" udp:127.0.0.1:161 >"$WORK/snmpd.log" 2>&1 &
    HUB_LAB_PIDS+=($!)
    wait_until 10 'snmpget -v2c -c public -m "" -On -t 0.3 -r 0 "udp:$MGMT_HUB:161" 1.3.6.1.2.1.1.5.0 2>/dev/null \
        | grep -q "$sysname"' || return 1
    # snmpd serves ifTable from a 3 s cache; 1 s brings read-backs close to a real router's.
    snmpset -v2c -c private -m "" -On -t 1 -r 1 "udp:$MGMT_HUB:161" \
        1.3.6.1.4.1.8072.1.5.3.1.2.1.3.6.1.2.1.2.2 i 1 >/dev/null 2>&1 || true
}

hub_lab_register() {
    local device=$1 name=$2 code=$3 address=$4
    COMMUNITY=private ctl credentials create --name "$device-snmp" --version v2c --community-env COMMUNITY >/dev/null
    ctl devices create --hub HT --name "$device" --snmp-address "udp:$MGMT_HUB:161" --credential "$device-snmp" >/dev/null
    UNIT_ID=$(ctl units create --name "$name" --credit-code "$code" --level county --division 530402 \
        --address "$address" --contact 张三 --phone 13800000000 --json | json_get 'd["id"]')
    LINK_ID=$(ctl links create --kind leased --carrier 中国电信 --bandwidth 100M --device "$device" --port port1 \
        --unit "$UNIT_ID" --json | json_get 'd["id"]')
    ctl prefixes create --unit "$UNIT_ID" --cidr "$UNIT_PREFIX" >/dev/null
}

hub_lab_cleanup() {
    local pid ns
    for pid in "${HUB_LAB_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -s "$WORK/snmpd.pid" ]; then kill -9 "$(cat "$WORK/snmpd.pid")" 2>/dev/null || true; fi
    for pid in "${HUB_LAB_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    for ns in "${HUB_LAB_NETNS[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
}
