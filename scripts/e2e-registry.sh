#!/usr/bin/env bash
# End to end: real registries on loopback, driven by waiwangctl the way an operator drives them.
#
# Registry A gets hub devices and a generated Yuxi inventory (dry run first), is checked for counts, shared
# links, attribution and exit statuses, and exports its inventory; registry B imports that export and must
# export the same bytes. A deliberately broken units file must be refused as a whole with every bad line
# named. Both audit chains must verify. Run after `swift build --build-tests` (make test does).
set -euo pipefail

E2E_NAME=e2e-registry
# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"
UNITS=${E2E_UNITS:-2000}

# start_registry NAME: a registry with its own data dir and admin token; sets URL_<NAME> and TOKEN_<NAME>.
start_registry() {
    local name=$1 dir="$WORK/$1" port token pid
    mkdir -p "$dir"
    port=$(free_port)
    token=$("$REGISTRY" token create --data-dir "$dir" --config Config --role admin --name "e2e-$name" | tail -n 1)
    "$REGISTRY" serve --data-dir "$dir" --config Config --host 127.0.0.1 --port "$port" >"$dir/server.log" 2>&1 &
    pid=$!
    SERVER_PIDS+=("$pid")
    printf -v "URL_$name" '%s' "http://127.0.0.1:$port"
    printf -v "TOKEN_$name" '%s' "$token"
    for _ in $(seq 1 100); do
        if "$CTL" health --registry "http://127.0.0.1:$port" >/dev/null 2>&1; then
            pass "registry $name answers on port $port"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.2
    done
    fail "registry $name answers on port $port" "$(tail -n 20 "$dir/server.log")"
    return 1
}

# ctl NAME ARGS...: waiwangctl against registry NAME.
ctl() {
    local name=$1 url token
    shift
    url="URL_$name"
    token="TOKEN_$name"
    "$CTL" "$@" --registry "${!url}" --token "${!token}"
}


# rows FILE: data rows of a CSV file (records, so quoted newlines count once).
rows() { python3 -c "import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig'))) - 1)" "$1"; }

# total NAME KIND: how many units, links or prefixes registry NAME holds, from `list --json`.
total() { ctl "$1" "$2" list --limit 1 --json | json_get 'd["total"]'; }

# create_devices NAME: every hub device of devices.csv, through waiwangctl.
create_devices() {
    local name=$1 created=0 expected
    expected=$(rows "$INVENTORY/devices.csv")
    while IFS=, read -r hub device address; do
        ctl "$name" devices create --hub "$hub" --name "$device" --snmp-address "$address" >/dev/null && created=$((created + 1))
    done < <(tail -n +2 "$INVENTORY/devices.csv" | tr -d '\r')
    local listed
    listed=$(ctl "$name" devices list --json | json_get 'len(d)')
    if [ "$created" = "$expected" ] && [ "$listed" = "$expected" ]; then
        pass "registry $name: $expected hub devices created with devices create"
    else
        fail "registry $name: $expected hub devices created with devices create" "created $created, listed $listed"
    fi
}

start_seconds=$SECONDS

# --- Registry A: the generated inventory ------------------------------------------------------------------
start_registry A || { echo "e2e-registry: $passed passed, $((failed + 1)) failed"; exit 1; }

INVENTORY="$WORK/inventory"
python3 scripts/generate_inventory.py --units "$UNITS" --seed 2026 --out "$INVENTORY" 2>/dev/null
check "generator wrote $UNITS units with a BOM on units.csv" \
    test "$(rows "$INVENTORY/units.csv")" = "$UNITS" -a "$(head -c 3 "$INVENTORY/units.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf"
create_devices A

# Each inventory: a dry run stores nothing, then the import stores every row.
for kind in units links prefixes; do
    expected=$(rows "$INVENTORY/$kind.csv")
    out=$(ctl A import "$kind" "$INVENTORY/$kind.csv" --dry-run 2>&1) && rc=0 || rc=$?
    if [ "$rc" = 0 ] && grep -q "dry run" <<<"$out" && [ "$(total A "$kind")" = 0 ]; then
        pass "import $kind --dry-run: $expected rows valid, nothing stored"
    else
        fail "import $kind --dry-run: $expected rows valid, nothing stored" "exit $rc: $out"
    fi
    out=$(ctl A import "$kind" "$INVENTORY/$kind.csv" 2>&1) && rc=0 || rc=$?
    if [ "$rc" = 0 ] && grep -q "$expected created" <<<"$out" && [ "$(total A "$kind")" = "$expected" ]; then
        pass "import $kind: $expected rows created, $kind list --json counts $expected"
    else
        fail "import $kind: $expected rows created, $kind list --json counts $expected" "exit $rc: $out"
    fi
done

expected_shared=$(python3 -c '
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
print(sum(1 for r in rows if len([u for u in re.split("[;、]", r["接入单位"]) if u]) > 1))' "$INVENTORY/links.csv")
shared=$(ctl A links list --shared --all --json | json_get \
    '"%d %d" % (len(d["items"]), sum(1 for l in d["items"] if l["shared"] and len(l["units"]) >= 2))')
if [ "$shared" = "$expected_shared $expected_shared" ] && [ "$expected_shared" -gt 0 ]; then
    pass "links list --shared: $expected_shared shared links, each serving 2 or more co-located units"
else
    fail "links list --shared: $expected_shared shared links, each serving 2 or more co-located units" "got (listed, with ≥2 units) $shared"
fi

# A unit whose credit code is all digits must be found by its code, not taken for a numeric id.
digits_code=$(python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    if row["统一社会信用代码"].isdigit():
        print(row["统一社会信用代码"]); break' "$INVENTORY/units.csv")
if [ -n "$digits_code" ]; then
    out=$(ctl A units show "$digits_code" --json 2>&1) && rc=0 || rc=$?
    if [ "$rc" = 0 ] && [ "$(json_get 'd["creditCode"]' <<<"$out")" = "$digits_code" ]; then
        pass "units show finds $digits_code (an all-digit credit code) by code"
    else
        fail "units show finds $digits_code (an all-digit credit code) by code" "exit $rc: $out"
    fi
fi

# Attribution of an address inside a generated prefix, IPv4 and IPv6.
for family in 4 6; do
    code="" cidr="" address=""
    read -r code cidr address < <(python3 -c '
import csv, ipaddress, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    net = ipaddress.ip_network(row["IP地址段"])
    if net.version == int(sys.argv[2]):
        print(row["统一社会信用代码"], net, net.network_address + min(5, net.num_addresses - 1)); break' \
        "$INVENTORY/prefixes.csv" "$family") || true
    [ -n "$address" ] || continue
    out=$(ctl A attribute "$address" --json 2>&1) && rc=0 || rc=$?
    got=$(json_get '"%s %s %d" % (d["unit"]["creditCode"], d["prefix"], len(d["links"]))' <<<"$out" 2>/dev/null || true)
    if [ "$rc" = 0 ] && [[ "$got" == "$code $cidr "* ]]; then
        pass "attribute $address (IPv$family): unit $code, prefix $cidr, ${got##* } link(s)"
    else
        fail "attribute $address (IPv$family): unit $code, prefix $cidr" "exit $rc: $out"
    fi
done
out=$(ctl A attribute 192.0.2.1 2>&1) && rc=0 || rc=$?
check "attribute of an unregistered address exits 66" test "$rc" = 66
out=$(ctl A units show 999999 2>&1) && rc=0 || rc=$?
check "units show of an unknown unit exits 66" test "$rc" = 66
out=$("$CTL" units list --registry "$URL_A" --token not-a-token 2>&1) && rc=0 || rc=$?
check "a wrong token exits 77" test "$rc" = 77
out=$("$CTL" health --registry "http://127.0.0.1:$(free_port)" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 69 ] && grep -q "is the registry running" <<<"$out"; then
    pass "an unreachable registry exits 69 and says what to do"
else
    fail "an unreachable registry exits 69 and says what to do" "exit $rc: $out"
fi

# --- Round trip: export A → import into B → export B: the same bytes ---------------------------------------
mkdir -p "$WORK/export-a" "$WORK/export-b"
for kind in units links prefixes; do
    ctl A export "$kind" --output "$WORK/export-a/$kind.csv" 2>/dev/null
    ctl A export "$kind" --english-headers >"$WORK/export-a/$kind.en.csv"
done
check "export units writes $UNITS rows" test "$(rows "$WORK/export-a/units.csv")" = "$UNITS"

start_registry B || true
create_devices B
for kind in units links prefixes; do
    out=$(ctl B import "$kind" "$WORK/export-a/$kind.csv" 2>&1) && rc=0 || rc=$?
    [ "$rc" = 0 ] || fail "registry B imports the export of $kind from A" "exit $rc: $out"
    ctl B export "$kind" --output "$WORK/export-b/$kind.csv" 2>/dev/null || true
    ctl B export "$kind" --english-headers >"$WORK/export-b/$kind.en.csv" || true
    if cmp -s "$WORK/export-a/$kind.csv" "$WORK/export-b/$kind.csv" \
        && cmp -s "$WORK/export-a/$kind.en.csv" "$WORK/export-b/$kind.en.csv"; then
        pass "round trip $kind: export A → import B → export B is identical (zh and en headers)"
    else
        fail "round trip $kind: export A → import B → export B is identical (zh and en headers)" \
            "$(diff "$WORK/export-a/$kind.csv" "$WORK/export-b/$kind.csv" | sed -n '1,6p')"
    fi
done

# --- A broken units file: refused whole, every bad line named -----------------------------------------------
python3 - "$INVENTORY/units.csv" "$WORK/broken-units.csv" <<'PYTHON'
import csv, sys
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def code(division, serial):
    body = "11" + division + "%08d" % serial + "7"
    total = sum(w * ALPHABET.index(c) for w, c in zip(WEIGHTS, body))
    return body + ALPHABET[(31 - total % 31) % 31]
existing = next(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))["统一社会信用代码"]
good = code("530402", 90000001)
wrong_check = code("530402", 90000002)
wrong_check = wrong_check[:17] + ALPHABET[(ALPHABET.index(wrong_check[17]) + 1) % 31]
base = ["红塔区", "云南省玉溪市红塔区测试路{}号", "张三", "0877-2012345", "是", "在网"]
rows = [
    ["单位名称", "统一社会信用代码", "级别", "所属区县", "办公地址", "联系人", "联系电话", "安全承诺书", "状态"],
    ["红塔区测试局", good, "县级", "红塔区", "云南省玉溪市红塔区测试路1号", "张三", "0877-2012345", "是", "在网"],  # line 2: good
    ["红塔区校验错局", wrong_check, "县级", "红塔区", "红塔区测试路2号", "李四", "13812345678", "是", "在网"],  # 3
    ["不存在县某局", code("530499", 90000003), "县级", "530499", "测试路3号", "王五", "13812345678", "是", "在网"],  # 4
    ["重复代码局", existing, "县级", "红塔区", "红塔区测试路4号", "赵六", "13812345678", "是", "在网"],  # 5
    ["", code("530402", 90000005), "县级", "红塔区", "红塔区测试路5号", "钱七", "13812345678", "是", "在网"],  # 6
    ["挂错层级局", code("530400", 90000006), "县级", "玉溪市", "红塔区测试路6号", "孙八", "13812345678", "是", "在网"],  # 7
]
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as handle:
    csv.writer(handle).writerows(rows)
PYTHON
before=$(total A units)
out=$(ctl A import units "$WORK/broken-units.csv" 2>&1) && rc=0 || rc=$?
check "a broken units file exits 65" test "$rc" = 65
missing=""
for expected in "line 3:.*gb32100-check-character" "line 4:.*known-division" "line 5:.*unique-credit-code" \
    "line 6:.*required" "line 7:.*article-16"; do
    grep -q -- "$expected" <<<"$out" || missing+="$expected; "
done
if [ -z "$missing" ] && ! grep -q "line 2:" <<<"$out"; then
    pass "every bad line is reported with its rule (check character, division, duplicate, empty, article 16)"
else
    fail "every bad line is reported with its rule (check character, division, duplicate, empty, article 16)" \
        "missing: ${missing:-none}; output: $out"
fi
check "the refused file stored nothing: still $before units" test "$(total A units)" = "$before"

# --- Audit ---------------------------------------------------------------------------------------------------
for name in A B; do
    out=$(ctl "$name" audit verify 2>&1) && rc=0 || rc=$?
    if [ "$rc" = 0 ] && grep -Eq "^audit chain intact: [1-9][0-9]* entries, head [0-9a-f]{64}$" <<<"$out"; then
        pass "audit verify on registry $name: ${out#audit chain intact: }"
    else
        fail "audit verify on registry $name" "exit $rc: $out"
    fi
done

# Tampering with the database behind the registry's back must show: drop the append-only trigger, alter entry 5.
kill "${SERVER_PIDS[1]}" 2>/dev/null && wait "${SERVER_PIDS[1]}" 2>/dev/null || true
python3 - "$WORK/B/registry.sqlite" <<'PYTHON'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER IF EXISTS auditEntry_append_only_update")
db.execute("UPDATE auditEntry SET actor = 'mallory' WHERE seq = 5")
db.commit()
PYTHON
"$REGISTRY" serve --data-dir "$WORK/B" --config Config --host 127.0.0.1 --port "${URL_B##*:}" >>"$WORK/B/server.log" 2>&1 &
SERVER_PIDS+=($!)
for _ in $(seq 1 100); do
    "$CTL" health --registry "$URL_B" >/dev/null 2>&1 && break
    sleep 0.2
done
out=$(ctl B audit verify 2>&1) && rc=0 || rc=$?
if [ "$rc" = 1 ] && grep -q "broken at entry 5" <<<"$out"; then
    pass "audit verify finds the entry altered in the database (exit 1): ${out%% (*}"
else
    fail "audit verify finds the entry altered in the database (exit 1)" "exit $rc: $out"
fi

echo "e2e-registry: finished in $((SECONDS - start_seconds))s"
e2e_finish
