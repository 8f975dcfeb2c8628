# nmap connect scan (-sT) of 200 ports of one server from U3's PC, on the link L2 that U3 shares with U2:
# attribution must name U3 (its prefix), not U2.
capture_start L2 "$OUT/connect_scan.pcap"
nsx unit3 timeout 60 nmap -n -sT -p 1-200 --max-retries 1 10.200.1.11 >"$WORK/nmap.log"
capture_stop
