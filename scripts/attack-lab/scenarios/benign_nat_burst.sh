# Benign browsing from one NAT'd address (U2's 10.77.2.10 stands for a unit's NAT): a few DNS lookups and
# a burst of 40 short HTTP connections spread over 5 web servers, as a page with many resources would.
capture_start L2 "$OUT/benign_nat_burst.pcap" 96
dns_lookup unit2 portal.zwww.test oa.zwww.test mail.zwww.test docs.zwww.test gis.zwww.test >"$WORK/dns.log"
burst=()
for i in $(seq 0 39); do
    nsx unit2 timeout 5 curl -s -o /dev/null "http://10.200.1.$((10 + i % 5))/" &
    burst+=($!)
    if ((i % 8 == 7)); then wait "${burst[@]}"; burst=(); fi
done
capture_stop
