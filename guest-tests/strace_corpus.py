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

from tally import check, finish

MIN_SHARE = 98.0

show = "--show" in sys.argv
argv = [a for a in sys.argv[1:] if a != "--show"]
emu, forksig = (os.path.abspath(a) for a in argv[:2])

NOISE = [
    (re.compile(r"\s+=\s+"), " = "),
    (re.compile(r"0x[0-9a-f]{5,}"), "ADDR"),
    (re.compile(r"\b\d{3,7}\b(?= \+\+\+)"), "N"),
    (re.compile(r"(tv_sec|tv_nsec|tv_usec)=\d+"), r"\1=N"),
    (re.compile(r"htons\(\d+\)"), "htons(PORT)"),
    (re.compile(r"\d+\.\d+"), "T"),
    (re.compile(r'"(\\x[0-9a-f]{2})+"'), '"BYTES"'),
    (re.compile(r"(si_pid|si_uid|child_tid|pid|si_utime|si_stime)=\d+( /\* T s \*/)?"), r"\1=N"),
    # what the system says of itself changes between the two runs
    (re.compile(r"(uptime|freeram|sharedram|bufferram|procs)=\d+"), r"\1=N"),
    (re.compile(r"^((set_tid_address|getpid|gettid|getppid|clone|clone3|fork|vfork|wait4|getpgrp|rt_sigreturn)\(.*\)) = \d+"),
     r"\1 = PID"),
    (re.compile(r"\[\{WIFEXITED"), "[{WIFEXITED"),
    (re.compile(r"^(wait4|waitid|kill|tgkill|tkill|getpgid|setpgid|getsid)\((-?)\d+"), r"\1(\2PID"),
    (re.compile(r"^tgkill\(PID, \d+"), "tgkill(PID, TID"),
    (re.compile(r"\s+$"), ""),
]
# Where emu differs from the kernel on purpose, not in how it traces: each
# such line is made the same on both sides, and counted, with its reason.
KNOWN = {
    re.compile(r"^(rseq\(.*\)) = (0|-1 ENOSYS .*)$"):
        "rseq: emu refuses it as a kernel without CONFIG_RSEQ does (glibc then goes on without it)",
}
# Lines whose number is the scheduler's, natively as under emu: a futex call
# happens only when a lock is contended; left out of both sides, and counted.
SCHEDULED = re.compile(r"^futex\(")
known_seen = {}
PID = re.compile(r"^(\d+) +|^\[pid +(\d+)\] ")
UNFINISHED = re.compile(r" <unfinished \.\.\.>$")
RESUMED = re.compile(r"^<\.\.\. [a-z0-9_]+ resumed>")


def lines(path):
    """The trace's lines, normalised, each process's (or thread's) together
    in the order they first appear: how the lines of concurrent processes
    interleave, and so where strace splits a call into <unfinished ...> and
    <... resumed>, is the scheduler's choice, not the tracer's."""
    procs, pending = {}, {}
    for l in open(path, errors="replace"):
        l = l.rstrip("\n")
        m = PID.match(l)
        pid = (m.group(1) or m.group(2)) if m else "first"
        if m:
            l = l[m.end():]
        if pid == "first" and procs and "first" not in procs:
            pid = next(iter(procs))
        if UNFINISHED.search(l):
            pending[pid] = UNFINISHED.sub("", l)
            continue
        if RESUMED.match(l) and pid in pending:
            l = pending.pop(pid) + RESUMED.sub("", l)
        if "<vdso>" in l:
            continue
        for pat, rep in NOISE:
            l = pat.sub(rep, l)
        for pat, why in KNOWN.items():
            if pat.match(l):
                l = pat.sub(r"\1 = (as the kernel, or refused as documented)", l)
                known_seen[why] = known_seen.get(why, 0) + 1
        if SCHEDULED.match(l):
            known_seen["futex: made only when a lock is contended, which is the scheduler's doing"] = \
                known_seen.get("futex: made only when a lock is contended, which is the scheduler's doing", 0) + 1
            continue
        procs.setdefault(pid, []).append(l)
    return [l for p in procs.values() for l in p]


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
