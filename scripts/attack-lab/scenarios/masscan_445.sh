# masscan, worm-like: TCP SYN to port 445 over 1,024 extranet addresses at 500 packets/s from an address
# in U1's prefix that masscan's own stack answers ARP for (10.77.1.66, not the kernel's). One host
# (10.201.1.45) has 445 open.
capture_start L1 "$OUT/masscan_445.pcap"
(cd "$WORK" && nsx unit1 timeout 30 masscan -e br0 --source-ip 10.77.1.66 --router-ip 10.77.1.1 \
    -p 445 10.201.0.0/22 --max-rate 500 --wait 2 >"$WORK/masscan.log" 2>&1)
capture_stop
