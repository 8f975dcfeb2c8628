# hping3 ICMP echo flood sent from U1's LAN with a forged source inside U2's prefix (10.77.2.99): 2,000
# echo requests at ~2,000/s. It came in on L1, so the alert belongs to U1, never to U2 who owns the
# forged address. (The replies go to 10.77.2.99 through u2 and are not in this capture.)
capture_start L1 "$OUT/icmp_flood.pcap" 96
nsx unit1 timeout 30 hping3 -q --icmp -a 10.77.2.99 -i u500 -c 2000 10.200.1.10 >"$WORK/hping.log" 2>&1 || true
capture_stop
