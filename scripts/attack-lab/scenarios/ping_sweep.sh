# nmap ping sweep (-sn) of an extranet /24 from U1's PC: ICMP echo, TCP SYN 443, TCP ACK 80, ICMP
# timestamp to each of 256 addresses; 4 are alive.
capture_start L1 "$OUT/ping_sweep.pcap"
nsx unit1 timeout 60 nmap -n -sn 10.200.2.0/24 >"$WORK/nmap.log"
capture_stop
