# Benign traffic on L1 from U1's two PCs: DNS lookups via dnsmasq, HTTP downloads with curl (a page, a
# 100 KB and a 300 KB document), and one legitimate SSH session with a key running a command
# (the bulk transfer is benign_bulk). Snaplen 96: headers only.
capture_start L1 "$OUT/benign_mix.pcap" 96
dns_lookup unit1 portal.zwww.test oa.zwww.test docs.zwww.test backup.zwww.test nosuch.zwww.test >"$WORK/dns.log"
dns_lookup unit1v portal.zwww.test mail.zwww.test >>"$WORK/dns.log"
for path in / /notice.txt /form.pdf; do
    nsx unit1 timeout 10 curl -s -o /dev/null "http://10.200.1.10$path"
    nsx unit1v timeout 10 curl -s -o /dev/null "http://10.200.1.13$path"
done
nsx unit1 timeout 20 ssh -F /dev/null -i "$WORK/srv/ssh/operator" -o BatchMode=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR root@10.200.1.22 'uname -sr; id -un' >"$WORK/ssh.log"
capture_stop
