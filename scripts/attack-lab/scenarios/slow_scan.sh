# A slow scan (-T2 polite, probes seconds apart): 8 hosts x ports 22 and 445 from U2's PC, one host at a
# time. Too few ports per host for port_scan and too few hosts for host_sweep in any fixed window; most
# first contacts fail (6 of the 8 addresses are dark), which a threshold random walk catches.
capture_start L2 "$OUT/slow_scan.pcap"
nsx unit2 timeout 90 nmap -n -Pn -sS -T2 --scan-delay 2s --max-retries 0 --max-hostgroup 1 \
    -p 22,445 10.200.3.1-8 >"$WORK/nmap.log"
capture_stop
