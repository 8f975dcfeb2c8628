# hping3 UDP flood from U2's PC (its real address) to a closed port of a server: 2,500 datagrams at ~2,000/s;
# the server's kernel answers a few with ICMP port unreachable (rate-limited).
capture_start L2 "$OUT/udp_flood.pcap" 96
nsx unit2 timeout 30 hping3 -q --udp -p 9999 -d 16 -i u500 -c 2500 10.200.1.30 >"$WORK/hping.log" 2>&1 || true
capture_stop
