#!/usr/bin/env bash
# End to end: access applications (articles 18–19) on a real registry on loopback, driven by waiwangctl.
#
# A county official of 红塔区 files a new-access application with the scanned form and the signed commitment
# letter; the authority reviews, approves it onto a port of hub HT, provisions and completes it, and the unit is
# then active in the registry with its link and prefix. A change application is rejected and its reasons shown.
# Refusals (article 18 attachments, a file that is no PDF/PNG/JPEG, a second approval, another county's token,
# a date beyond the calendar) must exit with their status and change nothing. The audit chain must verify.
# Run after `swift build` (make test does).
set -euo pipefail

E2E_NAME=e2e-applications
# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"


# credit_code DIVISION SERIAL: a valid GB 32100-2015 code of an organ (机关) in DIVISION.
credit_code() {
    python3 - "$1" "$2" <<'PYTHON'
import sys
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
body = "11" + sys.argv[1] + "%08d" % int(sys.argv[2]) + "7"
total = sum(w * ALPHABET.index(c) for w, c in zip(WEIGHTS, body))
print(body + ALPHABET[(31 - total % 31) % 31])
PYTHON
}

# --- One registry, four tokens -------------------------------------------------------------------------------
DATA="$WORK/registry"
mkdir -p "$DATA"
token() { "$REGISTRY" token create --data-dir "$DATA" --config Config "$@" | tail -n 1; }
TOKEN_ADMIN=$(token --role admin --name e2e-authority)
TOKEN_HT=$(token --role county --division 530402 --name e2e-hongta)
TOKEN_TH=$(token --role county --division 530423 --name e2e-tonghai)
TOKEN_AUDITOR=$(token --role auditor --name e2e-auditor)
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
"$REGISTRY" serve --data-dir "$DATA" --config Config --host 127.0.0.1 --port "$PORT" >"$DATA/server.log" 2>&1 &
SERVER_PIDS+=($!)
up=no
for _ in $(seq 1 100); do
    if "$CTL" health --registry "$URL" >/dev/null 2>&1; then up=yes; break; fi
    kill -0 "${SERVER_PIDS[0]}" 2>/dev/null || break
    sleep 0.2
done
if [ "$up" = yes ]; then
    pass "registry answers on port $PORT"
else
    fail "registry answers on port $PORT" "$(tail -n 20 "$DATA/server.log")"
    echo "e2e-applications: $passed passed, $failed failed"
    exit 1
fi

# by WHO ARGS...: waiwangctl as the authority (admin), 红塔区 (ht), 通海县 (th) or the auditor.
by() {
    local who=$1 token
    shift
    case $who in
    admin) token=$TOKEN_ADMIN ;;
    ht) token=$TOKEN_HT ;;
    th) token=$TOKEN_TH ;;
    auditor) token=$TOKEN_AUDITOR ;;
    esac
    "$CTL" "$@" --registry "$URL" --token "$token"
}

# application ID EXPRESSION: evaluates EXPRESSION over `applications show ID --json` as the authority.
application() { by admin applications show "$1" --json | json_get "$2"; }
# applications_total: how many applications the registry holds.
applications_total() { by admin applications list --limit 1 --json | json_get 'd["total"]'; }
# state_and_files ID: "STATE ATTACHMENTS" of an application, to show nothing changed.
state_and_files() { application "$1" '"%s %d" % (d["state"], len(d["attachments"]))'; }

# --- The files: a scanned form (PDF), a signed letter (PNG), and files the registry must not take -------------
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$WORK/form.pdf"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89' \
    >"$WORK/letter.png"
printf 'MZ\x90\x00\x03\x00\x00\x00not a scan\n' >"$WORK/setup.exe"
printf '申请表（文字版）\n' >"$WORK/form.txt"
cp "$WORK/setup.exe" "$WORK/disguised.pdf"
form_sha=$(sha256sum "$WORK/form.pdf" | cut -d' ' -f1)

by admin devices create --hub HT --name HT-AGG-E2E --snmp-address udp:127.0.0.1:16161 >/dev/null
CODE=$(credit_code 530402 81000001)
CIDR=10.99.1.0/24
new_access=(
    applications submit --kind new-access --unit-name 红塔区应用测试中心 --credit-code "$CODE" --level 县级
    --division 530402 --address "云南省玉溪市红塔区测试路8号" --contact 张三 --phone 0877-2012345
    --reason "新建业务系统需接入政务外网" --business "不动产登记" --measures "防火墙、终端杀毒、专人管理"
    --link-kind leased --carrier 中国电信 --bandwidth 100M --prefix "$CIDR"
)

# --- Article 18 refusals before anything is filed ---------------------------------------------------------------
before=$(applications_total) || true
out=$(by ht "${new_access[@]}" --form "$WORK/form.pdf" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 65 ] && grep -q "commitment letter" <<<"$out" && [ "$(applications_total)" = "$before" ]; then
    pass "new access without the commitment letter exits 65, nothing filed"
else
    fail "new access without the commitment letter exits 65, nothing filed" "exit $rc: $out"
fi
out=$(by ht "${new_access[@]}" --form "$WORK/form.txt" --commitment-letter "$WORK/letter.png" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 65 ] && grep -q "PDF, PNG or JPEG" <<<"$out" && [ "$(applications_total)" = "$before" ]; then
    pass "a .txt form is refused before upload (exit 65), nothing filed"
else
    fail "a .txt form is refused before upload (exit 65), nothing filed" "exit $rc: $out"
fi

# The registry's own article 18 check: a draft with the form only cannot be submitted.
out=$(by ht "${new_access[@]}" --form "$WORK/form.pdf" --draft --json 2>&1) && rc=0 || rc=$?
DRAFT=$(json_get 'd["id"]' <<<"$out" 2>/dev/null || echo 0)
if [ "$rc" = 0 ] && [ "$DRAFT" != 0 ] && [ "$(state_and_files "$DRAFT")" = "draft 1" ]; then
    pass "submit --draft saves draft $DRAFT with its form attached"
else
    fail "submit --draft saves a draft with its form attached" "exit $rc: $out"
fi
out=$(by ht applications submit --id "$DRAFT" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 65 ] && grep -q "article-18" <<<"$out" && [ "$(state_and_files "$DRAFT")" = "draft 1" ]; then
    pass "the registry refuses to submit it without the commitment letter (exit 65, article-18), still a draft"
else
    fail "the registry refuses to submit it without the commitment letter (exit 65, article-18)" "exit $rc: $out"
fi
for file in setup.exe form.txt; do
    out=$(by ht applications attach "$DRAFT" --kind commitment-letter "$WORK/$file" 2>&1) && rc=0 || rc=$?
    if [ "$rc" = 65 ] && [ "$(state_and_files "$DRAFT")" = "draft 1" ]; then
        pass "attach $file exits 65, nothing attached"
    else
        fail "attach $file exits 65, nothing attached" "exit $rc: $out"
    fi
done
out=$(by ht applications attach "$DRAFT" --kind commitment-letter "$WORK/disguised.pdf" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 65 ] && grep -q "attachment-type" <<<"$out" && [ "$(state_and_files "$DRAFT")" = "draft 1" ]; then
    pass "an executable named .pdf is refused by its bytes (exit 65, attachment-type), nothing attached"
else
    fail "an executable named .pdf is refused by its bytes (exit 65, attachment-type)" "exit $rc: $out"
fi
out=$(by ht applications withdraw "$DRAFT" --note "重新填报" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && [ "$(state_and_files "$DRAFT")" = "withdrawn 1" ]; then
    pass "withdraw takes the draft back: withdrawn"
else
    fail "withdraw takes the draft back: withdrawn" "exit $rc: $out"
fi

# --- New access: submit → review → approve → provision → complete --------------------------------------------
out=$(by ht "${new_access[@]}" --form "$WORK/form.pdf" --commitment-letter "$WORK/letter.png" --json 2>&1) \
    && rc=0 || rc=$?
NEW=$(json_get 'd["id"]' <<<"$out" 2>/dev/null || echo 0)
got=$(json_get '"%s %s %d %s" % (d["state"], d["kind"], len(d["attachments"]), d["deadline"]["stage"])' \
    <<<"$out" 2>/dev/null || true)
if [ "$rc" = 0 ] && [ "$got" = "submitted new-access 2 review" ]; then
    pass "submit files new access $NEW with form and commitment letter: submitted, review deadline running"
else
    fail "submit files new access with form and commitment letter: submitted, review deadline running" \
        "exit $rc: $out"
fi
out=$(by ht applications show "$NEW" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && grep -Eq "审核期限 [0-9]{4}-[0-9]{2}-[0-9]{2}（(剩余|已超期) [0-9]+ 个工作日）" <<<"$out" \
    && grep -q "已提交" <<<"$out" && grep -q "$form_sha" <<<"$out" && grep -q "安全承诺书" <<<"$out"; then
    pass "show: state 已提交, $(grep -Eo '审核期限 [0-9-]+（[^）]*）' <<<"$out"), attachments with their SHA-256"
else
    fail "show: state 已提交, the review deadline, attachments with their SHA-256" "exit $rc: $out"
fi
out=$(by th applications review "$NEW" 2>&1) && rc=0 || rc=$?
if { [ "$rc" = 66 ] || [ "$rc" = 77 ]; } && [ "$(state_and_files "$NEW")" = "submitted 2" ]; then
    pass "a 通海县 token cannot review a 红塔区 application (exit $rc), still submitted"
else
    fail "a 通海县 token cannot review a 红塔区 application (exit 66 or 77), still submitted" "exit $rc: $out"
fi
out=$(by th applications list --json 2>&1) && rc=0 || rc=$?
check "applications list as 通海县 does not show 红塔区's applications" \
    test "$rc" = 0 -a "$(json_get 'd["total"]' <<<"$out" 2>/dev/null)" = 0
out=$(by admin applications review "$NEW" 2>&1) && rc=0 || rc=$?
check "review: the authority takes it under review" test "$rc" = 0 -a "$(state_and_files "$NEW")" = "under-review 2"
out=$(by admin applications approve "$NEW" --device HT-AGG-E2E --port GigabitEthernet1/0/9 \
    --note "材料齐全" 2>&1) && rc=0 || rc=$?
unit_state=$(by admin units show "$CODE" --json 2>/dev/null | json_get 'd["state"]' 2>/dev/null || true)
if [ "$rc" = 0 ] && [ "$(application "$NEW" 'd["state"]')" = approved ] && [ "$unit_state" = applying ]; then
    pass "approve onto HT-AGG-E2E GigabitEthernet1/0/9: approved, unit $CODE registered as applying"
else
    fail "approve: approved, unit registered as applying" "exit $rc, unit state '$unit_state': $out"
fi
recipients=$(application "$NEW" '" ".join(sorted(n["recipient"] for n in d["notifications"]))') || true
check "approval notified the applicant and the carrier" test "$recipients" = "applicant carrier"
audit_before=$(by admin audit list --limit 5000 --json | json_get 'len(d)') || true
out=$(by admin applications approve "$NEW" --device HT-AGG-E2E --port GigabitEthernet1/0/10 2>&1) && rc=0 || rc=$?
audit_after=$(by admin audit list --limit 5000 --json | json_get 'len(d)') || true
if [ "$rc" = 65 ] && [ "$(application "$NEW" 'd["state"]')" = approved ] && [ "$audit_before" = "$audit_after" ]; then
    pass "approving twice exits 65, nothing changed"
else
    fail "approving twice exits 65, nothing changed" "exit $rc, audit $audit_before → $audit_after: $out"
fi
out=$(by admin applications provision "$NEW" --note "电信已派单" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && [ "$(application "$NEW" '"%s %s" % (d["state"], d["deadline"]["stage"])')" = \
    "provisioning provisioning" ]; then
    pass "provision: provisioning, against the provisioning deadline"
else
    fail "provision: provisioning, against the provisioning deadline" "exit $rc: $out"
fi
out=$(by admin applications provision "$NEW" --complete --note "线路已开通" 2>&1) && rc=0 || rc=$?
check "provision --complete: active" test "$rc" = 0 -a "$(application "$NEW" 'd["state"]')" = active
unit=$(by admin units show "$CODE" --json 2>&1) || true
got=$(json_get '"%s %s %d" % (d["state"], ",".join(d["prefixes"]), len(d["linkIds"]))' <<<"$unit" 2>/dev/null || true)
link=$(json_get 'd["linkIds"][0]' <<<"$unit" 2>/dev/null || echo 0)
port=$(by admin links show "$link" --json 2>/dev/null | json_get '"%s %s" % (d["hubDevice"], d["port"])' 2>/dev/null \
    || true)
if [ "$got" = "active $CIDR 1" ] && [ "$port" = "HT-AGG-E2E GigabitEthernet1/0/9" ]; then
    pass "units show $CODE: active, prefix $CIDR, link $link on HT-AGG-E2E GigabitEthernet1/0/9"
else
    fail "units show $CODE: active with its prefix and link" "unit: $got; link: $port"
fi
out=$(by admin units show "$CODE" 2>&1) && rc=0 || rc=$?
check "units show (table) says 在网" grep -q "在网" <<<"$out"
history=$(application "$NEW" '" ".join(e["action"] for e in d["history"]
    if e["action"] in ("submit", "review", "approve", "provision", "complete"))') || true
check "history records submit, review, approve, provision, complete" \
    test "$history" = "submit review approve provision complete"

# --- A change application, rejected with reasons --------------------------------------------------------------
REASONS="带宽超出核定标准，请附业务流量测算后重新申请"
out=$(by ht applications submit --kind change --unit "$CODE" --bandwidth 1G --reason "视频会议扩容" \
    --form "$WORK/form.pdf" --json 2>&1) && rc=0 || rc=$?
CHANGE=$(json_get 'd["id"]' <<<"$out" 2>/dev/null || echo 0)
check "submit a change (bandwidth 1G) as 红塔区: submitted" \
    test "$rc" = 0 -a "$(json_get 'd["state"]' <<<"$out" 2>/dev/null)" = submitted
out=$(by th applications reject "$CHANGE" --reason "越权" 2>&1) && rc=0 || rc=$?
check "a 通海县 token cannot reject it either (exit $rc)" \
    test \( "$rc" = 66 -o "$rc" = 77 \) -a "$(application "$CHANGE" 'd["state"]')" = submitted
out=$(by admin applications reject "$CHANGE" 2>&1) && rc=0 || rc=$?
check "reject without --reason is a usage error (exit 64)" test "$rc" = 64
out=$(by admin applications review "$CHANGE" 2>&1) && rc=0 || rc=$?
check "review the change" test "$rc" = 0 -a "$(application "$CHANGE" 'd["state"]')" = under-review
out=$(by admin applications reject "$CHANGE" --reason "$REASONS" 2>&1) && rc=0 || rc=$?
check "reject --reason: rejected" test "$rc" = 0 -a "$(application "$CHANGE" 'd["state"]')" = rejected
out=$(by ht applications show "$CHANGE" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && grep -q "驳回理由.*$REASONS" <<<"$out" && grep -q "已驳回" <<<"$out" \
    && grep -q "申请单位.*$REASONS" <<<"$out"; then
    pass "show: 已驳回 with the reasons, and the applicant is notified of them"
else
    fail "show: 已驳回 with the reasons, and the applicant is notified of them" "exit $rc: $out"
fi
bandwidth=$(by admin links show "$link" --json | json_get 'd["bandwidthMbps"]') || true
check "the rejected change left the link at 100 Mbps" test "$bandwidth" = 100

# --- Lists, calendar, metrics ------------------------------------------------------------------------------------
out=$(by admin applications list --state rejected 2>&1) && rc=0 || rc=$?
check "list --state rejected shows the change" test "$rc" = 0 -a "$(grep -c "变更申请" <<<"$out")" = 1
out=$(by admin applications list --overdue 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && grep -q "^0 of 0 applications" <<<"$out"; then
    pass "list --overdue runs: nothing overdue today"
else
    fail "list --overdue runs: nothing overdue today" "exit $rc: $out"
fi
out=$(by auditor applications list --all --json 2>&1) && rc=0 || rc=$?
check "an auditor lists every application (3)" test "$rc" = 0 -a "$(json_get 'd["total"]' <<<"$out" 2>/dev/null)" = 3
out=$(by ht calendar deadline --from 2026-11-27 --days 5 2>&1) && rc=0 || rc=$?
check "calendar deadline --from 2026-11-27 --days 5: 2026-12-04" grep -q "^2026-12-04: 5 working days" <<<"$out"
out=$(by ht calendar deadline --from 2026-09-30 --days 1 2>&1) && rc=0 || rc=$?
check "calendar deadline over 国庆 (2026-09-30 + 1): 2026-10-08" grep -q "^2026-10-08:" <<<"$out"
out=$(by ht calendar deadline --from 2026-12-28 --days 5 2>&1) && rc=0 || rc=$?
if [ "$rc" = 65 ] && grep -q "calendar-coverage" <<<"$out"; then
    pass "calendar deadline --from 2026-12-28 --days 5 (beyond the calendar) exits 65"
else
    fail "calendar deadline --from 2026-12-28 --days 5 (beyond the calendar) exits 65" "exit $rc: $out"
fi
out=$(curl -fsS "$URL/metrics" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && grep -q '^waiwang_applications_overdue{stage="review"} 0$' <<<"$out" \
    && grep -q '^waiwang_applications_overdue{stage="provisioning"} 0$' <<<"$out"; then
    pass "/metrics: waiwang_applications_overdue for review and provisioning, 0"
else
    fail "/metrics: waiwang_applications_overdue for review and provisioning, 0" "exit $rc: $out"
fi

out=$(by admin audit verify 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && grep -Eq "^audit chain intact: [1-9][0-9]* entries" <<<"$out"; then
    pass "audit verify: ${out#audit chain intact: }"
else
    fail "audit verify" "exit $rc: $out"
fi

e2e_finish
