# hping3 SYN flood with random (spoofed) sources to a web server's port 80, sent from U1's LAN: 2,500 SYNs
# at ~2,000/s. The sources are not U1's: the alert must go to the link's unit (U1), whatever the sources.
capture_start L1 "$OUT/syn_flood.pcap" 96
nsx unit1 timeout 30 hping3 -q -S -p 80 --rand-source -i u500 -c 2500 10.200.1.10 >"$WORK/hping.log" 2>&1 || true
capture_stop
