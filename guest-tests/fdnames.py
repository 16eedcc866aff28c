"""Descriptors of several kinds, for strace_options.py to trace with -yy
natively and under emu: a unix socket pair, a bound unix datagram socket,
a seqpacket socket never bound, a bound TCP listener, a character device."""
import os
import socket

a, b = socket.socketpair()
a.send(b'x'); b.recv(1)
path = os.path.abspath('fdnames.sock')
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(path); s.getsockname()
u = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); u.close()
t = socket.socket(); t.bind(('127.0.0.1', 0)); t.listen(); t.getsockname(); t.close()
n = os.open('/dev/null', os.O_RDONLY); os.close(n)
os.unlink(path)
