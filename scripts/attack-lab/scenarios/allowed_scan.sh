# The authority's own vulnerability scanner (10.77.1.250, allowlisted as 10.77.1.250/32 in watch.json) on
# U1's LAN: a SYN scan of 200 ports and a ping sweep of a /24. Periodic security checks (article 21) must
# raise nothing.
capture_start L1 "$OUT/allowed_scan.pcap"
nsx scanner timeout 60 nmap -n -sS -p 1-200 --max-retries 1 10.200.1.12 >"$WORK/nmap.log"
nsx scanner timeout 60 nmap -n -sn 10.200.2.0/24 >>"$WORK/nmap.log"
capture_stop
