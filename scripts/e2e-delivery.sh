#!/usr/bin/env bash
# End to end: the registry's escalation journal and dispatcher (article 21(4)) in the built binaries.
#
# The journal holds three reports as the dispatcher journals them (the incidents workflow that calls
# escalate() is tested in Swift; here the rows are written into the database before the registry starts):
# a mail to the superior authority, a mail to 公安 already past its deadline, a signed webhook to the superior.
# Served without --smtp and --webhook-secret-file, nothing is sent and every row says which flag is missing;
# restarted with a real aiosmtpd and a real webhook receiver, all three go out. Then security staff acknowledge
# one, and refusals (a second acknowledgement, an unknown id, an empty note, an auditor acknowledging, a county
# reading) exit with their status. The audit chain must verify.
# Run after `swift build` (make test does).
set -euo pipefail

E2E_NAME=e2e-delivery
# shellcheck source=lib/e2e-harness.sh
source "$(dirname "$0")/lib/e2e-harness.sh"

DATA="$WORK/registry"
mkdir -p "$DATA" "$WORK/mail"
TOKEN_SECURITY=$(registry_token "$DATA" Config --role security --name e2e-duty-officer)
TOKEN_AUDITOR=$(registry_token "$DATA" Config --role auditor --name e2e-auditor)
TOKEN_HT=$(registry_token "$DATA" Config --role county --division 530402 --name e2e-hongta)

# --- The peers: aiosmtpd and the webhook receiver -------------------------------------------------------------
bash scripts/lib/mail-sink.sh --maildir "$WORK/mail" --port 0 >"$WORK/smtp.out" 2>&1 &
SERVER_PIDS+=($!)
SMTP_PORT=$(listening_port "$WORK/smtp.out")
SECRET=e2e-webhook-secret
printf '%s\n' "$SECRET" >"$WORK/webhook-secret"
python3 scripts/webhook-sink.py --port 0 --secret "$SECRET" --log "$WORK/webhook.jsonl" >"$WORK/webhook.out" 2>&1 &
SERVER_PIDS+=($!)
HOOK_URL="http://127.0.0.1:$(listening_port "$WORK/webhook.out")/hooks/waiwang"

# --- The journal: three reports of one 较大 incident, as the dispatcher writes them ------------------------------
python3 - "$DATA/registry.sqlite" "$HOOK_URL" <<'PYTHON'
import datetime, sqlite3, sys
now = datetime.datetime.now(datetime.timezone.utc)
def stamp(t): return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)
db = sqlite3.connect(sys.argv[1])
rows = [
    ("superior", "mail", "waiwang@yuxi.example.gov.cn", now + datetime.timedelta(hours=1), "事件报告-INC-E2E-1.md"),
    ("police", "mail", "gongan@hongta.example.gov.cn", now - datetime.timedelta(minutes=5), "事件报告-INC-E2E-1.md"),
    ("superior", "webhook", sys.argv[2], now + datetime.timedelta(hours=1), None),
]
for authority, channel, address, deadline, attachment in rows:
    db.execute(
        """INSERT INTO delivery (idempotencyKey, incidentId, stage, authority, recipient, channel, address, subject,
               body, attachmentName, attachment, rule, reason, deadline, state, nextAttemptAt, createdAt)
           VALUES (?, 'INC-E2E-1', 'initial', ?, ?, ?, ?, '【政务外网事件首报·较大】红塔区示例局蠕虫扩散事件', ?, ?, ?,
               'reportable-grade', '较大事件，同时报告（第二十一条第四项）', ?, 'pending', ?, ?)""",
        ("INC-E2E-1/initial/%s/%s/%s" % (authority, channel, address), authority, authority + " 接收单位", channel,
         address, "{}" if channel == "webhook" else "接收单位：\n\n事件级别：较大（III级）\n", attachment,
         "# 政务外网事件报告" if attachment else None, stamp(deadline), stamp(now), stamp(now)))
db.commit()
PYTHON

PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
# serve LOG FLAGS...: starts the registry with FLAGS and waits until it answers.
serve() {
    local log=$1
    shift
    if registry_serve "$log" 20 "$DATA" Config "$PORT" "$@"; then
        pass "registry answers ($*)"
    else
        fail "registry answers ($*)" "$(tail -n 20 "$log")"
        e2e_finish
        exit 1
    fi
}
by() {
    local who=$1 token
    shift
    case $who in
    security) token=$TOKEN_SECURITY ;;
    auditor) token=$TOKEN_AUDITOR ;;
    ht) token=$TOKEN_HT ;;
    esac
    "$CTL" "$@" --registry "$URL" --token "$token"
}
# deliveries EXPRESSION: evaluates EXPRESSION over `deliveries list --json` (bound to `d`).
deliveries() { by auditor deliveries list --json | json_get "$1"; }
# status COMMAND...: the exit status of a command expected to fail.
status() { "$@" >/dev/null 2>&1 && echo 0 || echo $?; }

# --- Without delivery flags: nothing is sent, each row says which flag is missing -----------------------------
serve "$WORK/serve-1.log"
wait_until 10 "test \"\$(deliveries 'all(x.get(\"lastError\") for x in d)')\" = True" || true
check "without --smtp, the mails wait, pending, naming the flag" \
    test "$(deliveries '" ".join(x["state"] + ":" + str("--smtp HOST:PORT" in x.get("lastError", "")) for x in d if x["channel"] == "mail")')" = "pending:True pending:True"
check "without --webhook-secret-file, the webhook waits, naming the flag" \
    test "$(deliveries '[x.get("lastError", "") for x in d if x["channel"] == "webhook"][0]')" != "" -a \
    "$(deliveries '"--webhook-secret-file" in [x for x in d if x["channel"] == "webhook"][0]["lastError"]')" = True
check "the report to 公安 past its deadline is overdue" \
    test "$(deliveries '[x["authority"] for x in d if x["overdue"]]')" = "['police']"
check "nothing reached the relay or the receiver" test -z "$(ls "$WORK/mail")" -a ! -s "$WORK/webhook.jsonl"
list_text=$(by security deliveries list)
if grep -q "公安" <<<"$list_text" && grep -q "待发送" <<<"$list_text" && grep -q "超时" <<<"$list_text"; then
    pass "deliveries list labels in Chinese: 公安, 待发送, 超时"
else
    fail "deliveries list labels in Chinese: 公安, 待发送, 超时" "$list_text"
fi
kill -TERM "$REGISTRY_PID"
if wait "$REGISTRY_PID"; then pass "SIGTERM stops the registry and its dispatcher cleanly"; else
    fail "SIGTERM stops the registry cleanly (exit $?)" "$(tail -8 "$WORK/serve-1.log")"; fi

# --- Restarted with the relay and the secret: the waiting rows go out ------------------------------------------
serve "$WORK/serve-2.log" --smtp "127.0.0.1:$SMTP_PORT" --smtp-from waiwang@registry.example.gov.cn \
    --webhook-secret-file "$WORK/webhook-secret"
if wait_until 30 "test \"\$(deliveries 'sorted(set(x[\"state\"] for x in d))')\" = \"['sent']\""; then
    pass "after the restart all three are sent"
else
    fail "after the restart all three are sent" "$(by security deliveries list)"
fi
check "two mails reached aiosmtpd with the report attached" test "$(python3 - "$WORK/mail" <<'PYTHON'
import glob, json, sys
mails = [json.load(open(f)) for f in sorted(glob.glob(sys.argv[1] + "/*.json"))]
print(sorted(m["rcpt_tos"][0] for m in mails) == ["gongan@hongta.example.gov.cn", "waiwang@yuxi.example.gov.cn"]
      and all(m["message"]["attachments"][0]["filename"] == "事件报告-INC-E2E-1.md" for m in mails))
PYTHON
)" = True
check "the webhook arrived signed, with its idempotency key" \
    test "$(json_get '"%s %s" % (d["verified"], len(d["idempotency_key"] or ""))' <"$WORK/webhook.jsonl")" = "True 64"
id=$(deliveries '[x["id"] for x in d if x["channel"] == "mail" and x["authority"] == "superior"][0]')
show_text=$(by security deliveries show "$id")
if grep -q "已发送" <<<"$show_text" && grep -q "成功" <<<"$show_text"; then
    pass "deliveries show: 已发送 and the attempt 成功"
else
    fail "deliveries show: 已发送 and the attempt 成功" "$show_text"
fi

# --- Acknowledgement, and refusals -----------------------------------------------------------------------------
check "security staff acknowledge receipt" by security deliveries ack "$id" --note "市数据局值班室电话确认已收到"
check "the acknowledgement is shown with who and the note" \
    test "$(by auditor deliveries show "$id" --json | json_get 'd["acknowledgedBy"] + " " + d["note"]')" = \
    "e2e-duty-officer 市数据局值班室电话确认已收到"
check "a second acknowledgement exits 65" test "$(status by security deliveries ack "$id" --note again)" = 65
check "an unknown delivery exits 66" test "$(status by security deliveries ack 999999 --note x)" = 66
check "an empty note exits 64 before any request" test "$(status by security deliveries ack "$id" --note ' ')" = 64
check "an auditor may read but not acknowledge (77)" test "$(status by auditor deliveries ack "$id" --note x)" = 77
check "a county token may not read the journal (77)" test "$(status by ht deliveries list)" = 77
check "the acknowledgement is in the audit log" \
    test "$(by auditor audit list --entity delivery --json | json_get '[e["action"] for e in d].count("delivery.acknowledge")')" = 1
check "the audit chain verifies" by auditor audit verify

e2e_finish
