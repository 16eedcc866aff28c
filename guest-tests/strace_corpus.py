#!/usr/bin/env python3
"""emu --strace -f held line for line against real `strace -f` of the same
x86-64 programs: each program runs natively under strace and under
emu --strace, both writing to a file (-o), and the two traces are compared
after what must differ is normalised: pids and tids, addresses, times,
random bytes, the alignment of " = " (it depends on how long the addresses
were), and emu's own <vdso> lines (strace cannot see those calls).

For each program it prints the share of strace's lines that emu's trace has
in the same place (difflib's longest matching blocks), and fails a program
under MIN_SHARE.  With --show it prints each program's differing lines.

usage: strace_corpus.py [--show] EMU FORKSIG_X86_64
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

from strace_norm import known_seen, lines
from tally import check, finish

MIN_SHARE = 98.0

show = "--show" in sys.argv
argv = [a for a in sys.argv[1:] if a != "--show"]
emu, forksig = (os.path.abspath(a) for a in argv[:2])

def share(a, b):
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(x.size for x in m.get_matching_blocks())
    return 100.0 * same / max(len(a), len(b), 1), m


def run(cmd, d, env):
    native, traced = os.path.join(d, "..", "strace.txt"), os.path.join(d, "..", "emu.txt")
    a = subprocess.run(["strace", "-f", "-o", native] + cmd, cwd=d, env=env, capture_output=True, timeout=120)
    b = subprocess.run([emu, "--strace", "-f", "-o", traced] + cmd, cwd=d, env=env, capture_output=True,
                       timeout=300)
    return lines(native), lines(traced), a, b


with tempfile.TemporaryDirectory() as top:
    d = os.path.join(top, "w")
    os.mkdir(d)
    for i, name in enumerate(["zeta", "alpha", "beta"]):
        with open(os.path.join(d, name), "w") as f:
            f.write("line %d\n" % i * (i + 3))
    os.mkdir(os.path.join(d, "sub"))
    env = {"PATH": "/usr/bin:/bin", "HOME": "/root", "LANG": "C", "LC_ALL": "C"}
    py_threads = ("import threading, subprocess\n"
                  "def f(n): return n\n"
                  "ts = [threading.Thread(target=f, args=(10000,)) for _ in range(2)]\n"
                  "[t.start() for t in ts]; [t.join() for t in ts]\n"
                  "print(subprocess.run(['/bin/echo', 'hi'], capture_output=True).stdout)\n")
    # one thread: which end gets which descriptor is then the same each run
    py_sockets = ("import socket\n"
                  "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)\n"
                  "cli = socket.create_connection(srv.getsockname())\n"
                  "conn, peer = srv.accept()\n"
                  "cli.sendall(b'ping'); print(conn.recv(16))\n"
                  "u = socket.socket(type=socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))\n"
                  "v = socket.socket(type=socket.SOCK_DGRAM); v.sendto(b'dgram', u.getsockname())\n"
                  "print(u.recvfrom(16)[0]); [s.close() for s in (cli, conn, srv, u, v)]\n")
    corpus = [
        ("ls -la", ["/bin/ls", "-la", "--time-style=+%s", "."]),
        ("ls -R", ["/bin/ls", "-R", "."]),
        ("cat", ["/bin/cat", "alpha", "beta"]),
        ("cat of a missing file", ["/bin/cat", "missing"]),
        ("sh pipeline with redirection", ["/bin/sh", "-c", "cat alpha | sort -r > out; wc -l < out; rm out"]),
        ("sh loop", ["/bin/sh", "-c", "for f in zeta alpha; do test -f $f && echo $f; done"]),
        ("tar", ["/bin/tar", "cf", "x.tar", "alpha", "beta", "sub"]),
        ("tar list", ["/bin/sh", "-c", "tar cf y.tar zeta && tar tvf y.tar --numeric-owner >/dev/null; rm y.tar"]),
        ("cp and rm", ["/bin/sh", "-c", "cp alpha gamma && mv gamma delta && rm delta"]),
        ("mkdir and stat", ["/bin/sh", "-c", "mkdir -p n/m && stat -c %s alpha && rmdir n/m n"]),
        ("sort -u", ["/usr/bin/sort", "-u", "zeta", "beta"]),
        ("head and tail", ["/bin/sh", "-c", "head -n 2 zeta; tail -c 5 beta"]),
        ("id", ["/usr/bin/id"]),
        ("date -u", ["/bin/date", "-u", "-d", "@0"]),
        ("env", ["/usr/bin/env", "-i", "A=1", "/usr/bin/printenv", "A"]),
        ("python3 threads and subprocess", ["/usr/bin/python3", "-I", "-S", "-c", py_threads]),
        ("forking and signalling C guest", [forksig]),
        ("socket client and server", ["/usr/bin/python3", "-I", "-S", "-c", py_sockets]),
    ]
    for what, cmd in corpus:
        a, b, na, eb = run(cmd, d, env)
        pct, m = share(a, b)
        ok = check(pct >= MIN_SHARE and na.returncode == eb.returncode,
                   f"{what}: {pct:.1f}% of strace's {len(a)} lines as emu prints them",
                   f"exit {eb.returncode} under emu, {na.returncode} natively" if na.returncode != eb.returncode
                   else "")
        if show or not ok:
            for tag, i1, i2, j1, j2 in m.get_opcodes():
                if tag != "equal":
                    for l in a[i1:i2]:
                        print("     - " + l[:200])
                    for l in b[j1:j2]:
                        print("     + " + l[:200])
for why, n in known_seen.items():
    print(f"note: {n} lines (both sides) normalised: {why}")
finish()
