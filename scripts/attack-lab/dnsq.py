"""dnsq.py SERVER NAME...: one A query per name over UDP to SERVER:53, prints NAME ADDRESS.
The attack lab's resolver (no dig on the machine, and /etc/resolv.conf is the machine's, not the lab's)."""
import random
import socket
import struct
import sys

server, names = sys.argv[1], sys.argv[2:]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(2)
for name in names:
    ident = random.randrange(65536)
    question = b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\0"
    sock.sendto(struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + question + struct.pack("!HH", 1, 1), (server, 53))
    try:
        reply, _ = sock.recvfrom(512)
    except socket.timeout:
        print(name, "timeout")
        continue
    answers = struct.unpack("!H", reply[6:8])[0]
    offset = 12 + len(question) + 4
    address = "NXDOMAIN" if answers == 0 else None
    for _ in range(answers):
        # Answer names are compression pointers here (2 bytes); type, class, ttl, rdlength, rdata.
        rtype, _, _, length = struct.unpack("!HHIH", reply[offset + 2:offset + 12])
        if rtype == 1 and length == 4:
            address = socket.inet_ntoa(reply[offset + 12:offset + 16])
        offset += 12 + length
    print(name, address)
