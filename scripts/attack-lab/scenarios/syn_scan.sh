# nmap SYN scan (-sS) of 200 ports of one extranet server from U1's compromised PC, captured on L1.
capture_start L1 "$OUT/syn_scan.pcap"
nsx unit1 timeout 60 nmap -n -sS -p 1-200 --max-retries 1 10.200.1.10 >"$WORK/nmap.log"
capture_stop
