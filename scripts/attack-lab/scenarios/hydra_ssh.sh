# hydra brute force of the real sshd (private config, password auth on) from U2's PC: user root with 40
# passwords, 4 tasks, 3 s response wait. The sshd allows 3 tries per connection (MaxAuthTries 3) and
# PermitRootLogin prohibit-password, so every attempt fails: ~20 short sessions in ~15 s.
for i in $(seq 40); do echo "Passw0rd$i"; done >"$WORK/passwords.txt"
capture_start L2 "$OUT/hydra_ssh.pcap" 128
(cd "$WORK" && nsx unit2 timeout 90 hydra -I -q -t 4 -w 3 -l root -P "$WORK/passwords.txt" ssh://10.200.1.22 >"$WORK/hydra.log" 2>&1) || true
capture_stop
