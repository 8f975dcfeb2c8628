"""Listens on the given TCP ports on every address of its namespace; accepts and closes at once.
Gives the attack lab's scans open ports to find. Runs until killed."""
import selectors
import socket
import sys

selector = selectors.DefaultSelector()
for port in map(int, sys.argv[1:]):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", port))
    listener.listen(128)
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ)
while True:
    for key, _ in selector.select():
        try:
            connection, _ = key.fileobj.accept()
            connection.close()
        except OSError:
            pass
