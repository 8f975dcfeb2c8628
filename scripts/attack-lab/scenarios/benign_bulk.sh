# Benign bulk transfer on L1: one iperf3 TCP upload of 2 MB at 100 Mbit/s (a unit link's speed, not the
# veth's 5 Gbit/s) from U1's PC to the backup server (the
# server was started with the lab). Snaplen 96: headers only.
capture_start L1 "$OUT/benign_bulk.pcap" 96
nsx unit1 timeout 30 iperf3 -c 10.200.1.30 -p 5201 -n 2M -b 100M >"$WORK/iperf3.log" 2>&1 || echo "    iperf3 failed: $(tail -1 "$WORK/iperf3.log")"
capture_stop
