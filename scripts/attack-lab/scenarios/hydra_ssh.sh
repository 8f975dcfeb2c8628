# hydra brute force of the real sshd (private config, password auth on) from U2's PC: user root with 40
# passwords, 4 tasks. PermitRootLogin prohibit-password, so every attempt fails.
for i in $(seq 40); do echo "Passw0rd$i"; done >"$WORK/passwords.txt"
capture_start L2 "$OUT/hydra_ssh.pcap" 128
nsx unit2 timeout 120 hydra -I -q -t 4 -l root -P "$WORK/passwords.txt" ssh://10.200.1.22 >"$WORK/hydra.log" 2>&1 || true
capture_stop
